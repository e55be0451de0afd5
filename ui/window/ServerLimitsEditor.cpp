#include "ui/window/ServerLimitsEditor.h"

#include "httpcore/mock/file/RouteSetValidator.h"
#include "ui/routes/RouteSetDocument.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace ui
{

ServerLimitsEditor::ServerLimitsEditor(RouteSetDocument *document, QWidget *parent)
    : QDialog(parent), m_document(document), m_readHeaderTimeout(addTimeout(u"readHeaderTimeoutSpin"_s)),
      m_readTimeout(addTimeout(u"readTimeoutSpin"_s)), m_writeTimeout(addTimeout(u"writeTimeoutSpin"_s)),
      m_idleTimeout(addTimeout(u"idleTimeoutSpin"_s)), m_maxHeaderBytes(new QSpinBox(this)),
      m_maxBodyBytes(new QSpinBox(this)),
      m_keepAlive(new QCheckBox(tr("Keep connections open between requests"), this)), m_workers(new QSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply |
                                         QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setObjectName(u"serverLimitsEditor"_s);
    setWindowTitle(tr("Server Limits"));
    m_maxHeaderBytes->setObjectName(u"maxHeaderBytesSpin"_s);
    m_maxHeaderBytes->setRange(mock::RouteSetValidator::MinHeaderBytes, mock::RouteSetValidator::MaxHeaderBytes);
    m_maxHeaderBytes->setSuffix(tr(" bytes"));
    m_maxBodyBytes->setObjectName(u"maxBodyBytesSpin"_s);
    m_maxBodyBytes->setRange(0, std::numeric_limits<int>::max());
    m_maxBodyBytes->setSuffix(tr(" bytes"));
    m_maxBodyBytes->setSpecialValueText(tr("no limit"));
    m_keepAlive->setObjectName(u"keepAliveCheck"_s);
    m_workers->setObjectName(u"workersSpin"_s);
    m_workers->setRange(0, mock::RouteSetValidator::MaxWorkers);
    m_workers->setSpecialValueText(tr("one per core"));
    m_buttons->setObjectName(u"limitsButtons"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Read-header timeout:"), m_readHeaderTimeout);
    form->addRow(tr("Read timeout:"), m_readTimeout);
    form->addRow(tr("Write timeout:"), m_writeTimeout);
    form->addRow(tr("Idle timeout:"), m_idleTimeout);
    form->addRow(QString(), new QLabel(tr("0 = no timeout."), this));
    form->addRow(tr("Maximum header size:"), m_maxHeaderBytes);
    form->addRow(tr("Maximum body size:"), m_maxBodyBytes);
    form->addRow(tr("Keep-alive:"), m_keepAlive);
    form->addRow(tr("Worker threads:"), m_workers);
    auto *note = new QLabel(tr("Limits apply to new connections at once; open connections keep theirs. "
                               "Worker threads apply at the next start."),
                            this);
    note->setObjectName(u"limitsNote"_s);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::clicked, this,
            [this](QAbstractButton *button) { handleButton(int(m_buttons->standardButton(button))); });
    // Follow the document (an undo, a load); an apply comes back here too and changes nothing.
    connect(m_document, &RouteSetDocument::changed, this, &ServerLimitsEditor::reload);
    reload();
}

QSpinBox *ServerLimitsEditor::addTimeout(const QString &objectName)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(0, mock::RouteSetValidator::MaxTimeoutMs);
    spin->setSuffix(tr(" ms"));
    spin->setSpecialValueText(tr("no timeout"));
    spin->setSingleStep(1000);
    return spin;
}

void ServerLimitsEditor::handleButton(int button)
{
    // Not a switch: the box has four of QDialogButtonBox's many standard buttons.
    if (button == QDialogButtonBox::Ok) {
        apply();
        accept();
    } else if (button == QDialogButtonBox::Apply) {
        apply();
    } else if (button == QDialogButtonBox::Cancel) {
        reject();
    } else if (button == QDialogButtonBox::RestoreDefaults) {
        // Shown, not applied: Apply or OK makes it an edit like any other.
        const mock::ServerLimits defaults;
        m_readHeaderTimeout->setValue(defaults.readHeaderTimeoutMs);
        m_readTimeout->setValue(defaults.readTimeoutMs);
        m_writeTimeout->setValue(defaults.writeTimeoutMs);
        m_idleTimeout->setValue(defaults.idleTimeoutMs);
        m_maxHeaderBytes->setValue(defaults.maxHeaderBytes);
        m_maxBodyBytes->setValue(int(std::min<qint64>(defaults.maxBodyBytes, m_maxBodyBytes->maximum())));
        m_keepAlive->setChecked(defaults.keepAlive);
    }
}

void ServerLimitsEditor::reload()
{
    const mock::ServerSettings &server = m_document->set().server;
    const mock::ServerLimits &limits = server.limits;
    m_readHeaderTimeout->setValue(limits.readHeaderTimeoutMs);
    m_readTimeout->setValue(limits.readTimeoutMs);
    m_writeTimeout->setValue(limits.writeTimeoutMs);
    m_idleTimeout->setValue(limits.idleTimeoutMs);
    m_maxHeaderBytes->setValue(limits.maxHeaderBytes);
    m_loadedBodyBytes = limits.maxBodyBytes;
    m_maxBodyBytes->setValue(int(std::clamp<qint64>(limits.maxBodyBytes, 0, m_maxBodyBytes->maximum())));
    m_keepAlive->setChecked(limits.keepAlive);
    m_workers->setValue(server.workers);
}

mock::ServerLimits ServerLimitsEditor::limits() const
{
    mock::ServerLimits limits;
    limits.readHeaderTimeoutMs = m_readHeaderTimeout->value();
    limits.readTimeoutMs = m_readTimeout->value();
    limits.writeTimeoutMs = m_writeTimeout->value();
    limits.idleTimeoutMs = m_idleTimeout->value();
    limits.maxHeaderBytes = m_maxHeaderBytes->value();
    // A file's body limit beyond the box's range stays as it is unless the box was changed.
    const bool bodyUnchanged =
        m_maxBodyBytes->value() == int(std::clamp<qint64>(m_loadedBodyBytes, 0, m_maxBodyBytes->maximum()));
    limits.maxBodyBytes = bodyUnchanged ? m_loadedBodyBytes : m_maxBodyBytes->value();
    limits.keepAlive = m_keepAlive->isChecked();
    return limits;
}

bool ServerLimitsEditor::apply()
{
    // Typed text not yet committed (no Enter, focus still in the box) counts as the value.
    for (QSpinBox *spin : findChildren<QSpinBox *>())
        spin->interpretText();
    mock::ServerSettings server = m_document->set().server;
    server.limits = limits();
    server.workers = m_workers->value();
    return m_document->setServer(server);
}

} // namespace ui
