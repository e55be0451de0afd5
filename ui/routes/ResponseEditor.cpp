#include "ui/routes/ResponseEditor.h"

#include "ui/routes/FaultEditor.h"
#include "ui/routes/JsonBodyText.h"
#include "ui/routes/RulesEditor.h"
#include "ui/routes/WidgetTeardown.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

constexpr int MaxDelayMs = 600000;

QSpinBox *makeDelaySpin(const QString &name)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(name);
    spin->setRange(0, MaxDelayMs);
    spin->setSingleStep(50);
    spin->setSuffix(u" ms"_s);
    return spin;
}

} // namespace

ResponseEditor::ResponseEditor(QWidget *parent)
    : QWidget(parent), m_label(new QLineEdit), m_status(new QSpinBox), m_contentType(new QComboBox),
      m_default(new QCheckBox(tr("Default: the answer when no response's rules match"))),
      m_templated(new QCheckBox(tr("Templated body and header values ({{pathValues.id}}, {{request.query.q}})"))),
      m_delayMin(makeDelaySpin(u"delayMinSpin"_s)), m_delayMax(makeDelaySpin(u"delayMaxSpin"_s)),
      m_bodyFile(new QLineEdit), m_body(new QPlainTextEdit), m_prettyPrint(new QPushButton(tr("Pretty-print"))),
      m_bodyMessage(new QLabel), m_headers(new QTableWidget(0, 2)), m_rules(new RulesEditor), m_fault(new FaultEditor)
{
    auto *tabs = new QTabWidget;
    tabs->setObjectName(u"responseTabs"_s);
    tabs->addTab(makeAnswerTab(), tr("Answer"));
    tabs->addTab(makeHeadersTab(), tr("Headers"));
    tabs->addTab(m_rules, tr("Rules"));
    tabs->addTab(m_fault, tr("Fault"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);

    connect(m_label, &QLineEdit::textEdited, this, &ResponseEditor::notifyEdited);
    connect(m_status, &QSpinBox::valueChanged, this, &ResponseEditor::notifyEdited);
    connect(m_contentType, &QComboBox::currentTextChanged, this, [this] {
        checkBody();
        notifyEdited();
    });
    connect(m_default, &QCheckBox::toggled, this, &ResponseEditor::notifyEdited);
    connect(m_templated, &QCheckBox::toggled, this, [this] {
        checkBody();
        notifyEdited();
    });
    connect(m_delayMin, &QSpinBox::valueChanged, this, [this](int value) {
        // Keep the range well-formed: raising the minimum past the maximum raises the maximum.
        if (m_delayMax->value() < value)
            m_delayMax->setValue(value);
        notifyEdited();
    });
    connect(m_delayMax, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_delayMin->value() > value)
            m_delayMin->setValue(value);
        notifyEdited();
    });
    connect(m_bodyFile, &QLineEdit::textChanged, this, [this](const QString &file) {
        m_body->setEnabled(file.isEmpty());
        checkBody();
        notifyEdited();
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        checkBody();
        notifyEdited();
    });
    connect(m_prettyPrint, &QPushButton::clicked, this, &ResponseEditor::prettyPrint);
    connect(m_headers, &QTableWidget::itemChanged, this, &ResponseEditor::notifyEdited);
    connect(m_rules, &RulesEditor::edited, this, &ResponseEditor::notifyEdited);
    connect(m_fault, &FaultEditor::edited, this, &ResponseEditor::notifyEdited);
}

QWidget *ResponseEditor::makeAnswerTab()
{
    m_label->setObjectName(u"labelEdit"_s);
    m_label->setPlaceholderText(tr("e.g. not found"));
    m_status->setObjectName(u"statusSpin"_s);
    m_status->setRange(100, 599);
    m_contentType->setObjectName(u"contentTypeCombo"_s);
    m_contentType->setEditable(true);
    m_contentType->addItems({QString(), u"application/json"_s, u"text/plain; charset=utf-8"_s,
                             u"text/html; charset=utf-8"_s, u"application/xml"_s, u"text/csv"_s,
                             u"application/octet-stream"_s});
    m_contentType->setMinimumContentsLength(24);
    m_default->setObjectName(u"defaultCheck"_s);
    m_templated->setObjectName(u"templatedCheck"_s);
    m_bodyFile->setObjectName(u"bodyFileEdit"_s);
    m_bodyFile->setPlaceholderText(tr("none: the inline body below (else a path relative to the route-set file)"));
    m_body->setObjectName(u"bodyEdit"_s);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->setTabChangesFocus(true);
    m_prettyPrint->setObjectName(u"prettyPrintButton"_s);
    m_bodyMessage->setObjectName(u"bodyMessage"_s);
    m_bodyMessage->setWordWrap(true);

    auto *delay = new QHBoxLayout;
    delay->addWidget(m_delayMin);
    delay->addWidget(new QLabel(tr("to")));
    delay->addWidget(m_delayMax);
    delay->addStretch();
    auto *bodyBar = new QHBoxLayout;
    bodyBar->addWidget(m_bodyMessage, 1);
    bodyBar->addWidget(m_prettyPrint);

    for (QWidget *wide : std::initializer_list<QWidget *>{m_label, m_contentType, m_bodyFile})
        wide->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *form = new QFormLayout;
    // Numbers keep their natural width; text fields take the rest.
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Label:"), m_label);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Content type:"), m_contentType);
    form->addRow(tr("Delay:"), delay);
    form->addRow(QString(), m_default);
    form->addRow(QString(), m_templated);
    form->addRow(tr("Body file:"), m_bodyFile);
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Body:")));
    layout->addWidget(m_body, 1);
    layout->addLayout(bodyBar);
    return tab;
}

QWidget *ResponseEditor::makeHeadersTab()
{
    m_headers->setObjectName(u"headersTable"_s);
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_headers->setColumnWidth(0, 180);
    m_headers->verticalHeader()->hide();
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *add = new QPushButton(tr("Add header"));
    add->setObjectName(u"addHeaderButton"_s);
    auto *remove = new QPushButton(tr("Remove header"));
    remove->setObjectName(u"removeHeaderButton"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_loading = true;
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(u"X-Header"_s));
        m_headers->setItem(row, 1, new QTableWidgetItem);
        m_loading = false;
        m_headers->setCurrentCell(row, 0);
        m_headers->editItem(m_headers->item(row, 0));
        notifyEdited();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() < 0)
            return;
        m_headers->removeRow(m_headers->currentRow());
        notifyEdited();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_headers);
    layout->addLayout(buttons);
    return tab;
}

void ResponseEditor::setResponse(const mock::MockResponse &response)
{
    m_loading = true;
    m_label->setText(response.label);
    m_status->setValue(response.status);
    m_contentType->setCurrentText(response.contentType);
    m_default->setChecked(response.isDefault);
    m_templated->setChecked(response.templated);
    m_delayMin->setValue(response.delay.minMs);
    m_delayMax->setValue(response.delay.maxMs);
    m_delayMin->setValue(response.delay.minMs);
    m_bodyFile->setText(response.bodyFile);
    m_body->setPlainText(response.body);
    m_headers->setRowCount(0);
    for (const auto &[name, value] : response.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        m_headers->setItem(row, 1, new QTableWidgetItem(value));
    }
    m_rules->setRules(response.rules, response.logic);
    m_fault->setFault(response.fault);
    checkBody();
    m_loading = false;
}

mock::MockResponse ResponseEditor::response() const
{
    mock::MockResponse response;
    response.label = m_label->text();
    response.status = m_status->value();
    response.contentType = m_contentType->currentText().trimmed();
    response.isDefault = m_default->isChecked();
    response.templated = m_templated->isChecked();
    response.delay = {m_delayMin->value(), m_delayMax->value()};
    response.bodyFile = m_bodyFile->text().trimmed();
    // body and bodyFile exclude each other; the inline text stays in the editor until the file is cleared.
    if (response.bodyFile.isEmpty())
        response.body = m_body->toPlainText();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        response.headers.append({name ? name->text() : QString(), value ? value->text() : QString()});
    }
    response.rules = m_rules->rules();
    response.logic = m_rules->logic();
    response.fault = m_fault->fault();
    return response;
}

void ResponseEditor::setRulesHint(const QString &hint)
{
    m_rules->setHint(hint);
}

void ResponseEditor::checkBody()
{
    const bool json = JsonBodyText::isJsonContentType(m_contentType->currentText());
    const bool inline_ = m_bodyFile->text().trimmed().isEmpty();
    const QString body = m_body->toPlainText();
    const std::optional<QString> problem =
        json && inline_ && !body.isEmpty() ? JsonBodyText::problem(body, m_templated->isChecked()) : std::nullopt;
    m_prettyPrint->setEnabled(json && inline_ && !body.isEmpty() && !problem);
    if (problem) {
        m_bodyMessage->setStyleSheet(u"color: #b00020;"_s);
        m_bodyMessage->setText(tr("Not valid JSON: %1").arg(*problem));
    } else if (json && inline_ && !body.isEmpty()) {
        m_bodyMessage->setStyleSheet(u"color: #2e7d32;"_s);
        m_bodyMessage->setText(tr("Valid JSON"));
    } else {
        m_bodyMessage->setStyleSheet(QString());
        m_bodyMessage->clear();
    }
}

void ResponseEditor::prettyPrint()
{
    const std::optional<QString> pretty = JsonBodyText::prettyPrinted(m_body->toPlainText(), m_templated->isChecked());
    if (!pretty || *pretty == m_body->toPlainText())
        return;
    // Through a cursor, so that the editor's own undo (Ctrl+Z in the body) can take the change back.
    QTextCursor cursor(m_body->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(*pretty);
}

void ResponseEditor::notifyEdited()
{
    if (!m_loading)
        Q_EMIT edited();
}

ResponseEditor::~ResponseEditor()
{
    disconnectChildren(this);
}

} // namespace ui
