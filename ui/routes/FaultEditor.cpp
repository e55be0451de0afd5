#include "ui/routes/FaultEditor.h"

#include "ui/routes/WidgetTeardown.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <array>
#include <climits>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

struct KindInfo
{
    mock::FaultKind kind;
    const char *description;
};

// What the client sees, as docs/route-set-format.md words it.
constexpr std::array Kinds{
    KindInfo{mock::FaultKind::ResetBeforeHeaders, "A TCP reset before any byte of the response."},
    KindInfo{mock::FaultKind::ResetAfterHeaders, "The response head, then a reset."},
    KindInfo{mock::FaultKind::ResetAtBodyByte, "The head and the first bytes of the body, then a reset."},
    KindInfo{mock::FaultKind::EmptyResponse, "The connection closed without a byte."},
    KindInfo{mock::FaultKind::ContentLengthOver, "A Content-Length larger than the body sent, then a close."},
    KindInfo{mock::FaultKind::ContentLengthUnder, "A Content-Length smaller than the body sent."},
    KindInfo{mock::FaultKind::MalformedChunk, "A chunked body with a chunk-size line that is not hex."},
    KindInfo{mock::FaultKind::MissingFinalChunk, "A chunked body without its final zero-size chunk, then a close."},
    KindInfo{mock::FaultKind::RandomBytesThenClose, "Random bytes instead of a response, then a close."},
    KindInfo{mock::FaultKind::SlowDrip, "The body dripped at a rate, with jitter."},
    KindInfo{mock::FaultKind::HeadersThenHang, "The head, then nothing until the client gives up."},
    KindInfo{mock::FaultKind::SlowUploadRead, "The request body read slowly before the answer."},
    KindInfo{mock::FaultKind::CloseAfterRequests, "Normal answers, but the connection closed after N requests."},
};

QSpinBox *makeSpin(const QString &name, int minimum, int maximum, const QString &suffix)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(name);
    spin->setRange(minimum, maximum);
    spin->setSuffix(suffix);
    return spin;
}

} // namespace

FaultEditor::FaultEditor(QWidget *parent)
    : QWidget(parent), m_group(new QGroupBox(tr("Inject a fault"))), m_form(new QFormLayout), m_kind(new QComboBox),
      m_description(new QLabel), m_probability(new QDoubleSpinBox), m_seed(new QLineEdit),
      m_atByte(makeSpin(u"faultAtByteSpin"_s, 0, INT_MAX, tr(" bytes"))),
      m_bytesPerSecond(makeSpin(u"faultBytesPerSecondSpin"_s, 1, INT_MAX, tr(" bytes/s"))),
      m_jitter(makeSpin(u"faultJitterSpin"_s, 0, 100, tr(" %"))),
      m_afterRequests(makeSpin(u"faultAfterRequestsSpin"_s, 1, INT_MAX, tr(" requests")))
{
    m_group->setObjectName(u"faultGroup"_s);
    m_group->setCheckable(true);
    m_group->setChecked(false);
    m_kind->setObjectName(u"faultKindCombo"_s);
    for (const KindInfo &info : Kinds)
        m_kind->addItem(mock::faultKindName(info.kind), int(info.kind));
    m_description->setObjectName(u"faultKindDescription"_s);
    m_description->setWordWrap(true);
    m_description->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_probability->setObjectName(u"faultProbabilitySpin"_s);
    m_probability->setRange(0.0, 1.0);
    m_probability->setDecimals(3);
    m_probability->setSingleStep(0.05);
    m_seed->setObjectName(u"faultSeedEdit"_s);
    m_seed->setPlaceholderText(tr("none: different each run"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[0-9]{0,20}"_s), m_seed));

    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("Kind:"), m_kind);
    m_form->addRow(QString(), m_description);
    m_form->addRow(tr("Probability:"), m_probability);
    m_form->addRow(tr("Seed:"), m_seed);
    m_form->addRow(tr("Reset at body byte:"), m_atByte);
    m_form->addRow(tr("Rate:"), m_bytesPerSecond);
    m_form->addRow(tr("Jitter:"), m_jitter);
    m_form->addRow(tr("Close after:"), m_afterRequests);
    m_group->setLayout(m_form);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_group);
    layout->addStretch();

    setFault(std::nullopt);
    connect(m_group, &QGroupBox::toggled, this, &FaultEditor::notifyEdited);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        notifyEdited();
    });
    connect(m_probability, &QDoubleSpinBox::valueChanged, this, &FaultEditor::notifyEdited);
    connect(m_seed, &QLineEdit::textEdited, this, &FaultEditor::notifyEdited);
    for (QSpinBox *spin : {m_atByte, m_bytesPerSecond, m_jitter, m_afterRequests})
        connect(spin, &QSpinBox::valueChanged, this, &FaultEditor::notifyEdited);
}

void FaultEditor::setFault(const std::optional<mock::Fault> &fault)
{
    m_loading = true;
    const mock::Fault shown = fault.value_or(mock::Fault{});
    m_group->setChecked(fault.has_value());
    m_kind->setCurrentIndex(m_kind->findData(int(shown.kind)));
    m_probability->setValue(shown.probability);
    m_seed->setText(shown.seed ? QString::number(*shown.seed) : QString());
    m_atByte->setValue(int(std::min<qint64>(shown.atByte, INT_MAX)));
    m_bytesPerSecond->setValue(shown.bytesPerSecond);
    m_jitter->setValue(shown.jitterPercent);
    m_afterRequests->setValue(shown.afterRequests);
    updateRows();
    m_loading = false;
}

std::optional<mock::Fault> FaultEditor::fault() const
{
    if (!m_group->isChecked())
        return std::nullopt;
    mock::Fault fault;
    fault.kind = mock::FaultKind(m_kind->currentData().toInt());
    fault.probability = m_probability->value();
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    if (ok)
        fault.seed = seed;
    switch (fault.kind) {
    case mock::FaultKind::ResetAtBodyByte:
        fault.atByte = m_atByte->value();
        break;
    case mock::FaultKind::SlowDrip:
        fault.bytesPerSecond = m_bytesPerSecond->value();
        fault.jitterPercent = m_jitter->value();
        break;
    case mock::FaultKind::SlowUploadRead:
        fault.bytesPerSecond = m_bytesPerSecond->value();
        break;
    case mock::FaultKind::CloseAfterRequests:
        fault.afterRequests = m_afterRequests->value();
        break;
    case mock::FaultKind::ResetBeforeHeaders:
    case mock::FaultKind::ResetAfterHeaders:
    case mock::FaultKind::EmptyResponse:
    case mock::FaultKind::ContentLengthOver:
    case mock::FaultKind::ContentLengthUnder:
    case mock::FaultKind::MalformedChunk:
    case mock::FaultKind::MissingFinalChunk:
    case mock::FaultKind::RandomBytesThenClose:
    case mock::FaultKind::HeadersThenHang:
        break;
    }
    return fault;
}

void FaultEditor::updateRows()
{
    const auto kind = mock::FaultKind(m_kind->currentData().toInt());
    for (const KindInfo &info : Kinds) {
        if (info.kind == kind)
            m_description->setText(tr(info.description));
    }
    m_form->setRowVisible(m_atByte, kind == mock::FaultKind::ResetAtBodyByte);
    m_form->setRowVisible(m_bytesPerSecond,
                          kind == mock::FaultKind::SlowDrip || kind == mock::FaultKind::SlowUploadRead);
    m_form->setRowVisible(m_jitter, kind == mock::FaultKind::SlowDrip);
    m_form->setRowVisible(m_afterRequests, kind == mock::FaultKind::CloseAfterRequests);
}

void FaultEditor::notifyEdited()
{
    if (!m_loading)
        Q_EMIT edited();
}

FaultEditor::~FaultEditor()
{
    disconnectChildren(this);
}

} // namespace ui
