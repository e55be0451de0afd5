#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QSpinBox;

namespace ui
{

class RouteSetDocument;

// ServerLimitsEditor is the Server ▸ Limits dialog: the route set's server limits (read-header, read, write and
// idle timeouts in milliseconds, 0 meaning no timeout; maximum header and body bytes, 0 meaning no body limit;
// keep-alive) and its worker threads, edited in spin boxes and a check box. Apply and OK write them into the
// document as one undo command (RouteSetDocument::setServer()), so Edit ▸ Undo takes them back; the window then
// serves the document, and a running server gives the new limits to the connections it accepts from then on
// (worker threads change at the next start, as the dialog says). Cancel and Close drop unapplied edits. The fields
// follow the document when it changes (an undo, a load).
//
// Widgets carry object names for tests: "readHeaderTimeoutSpin", "readTimeoutSpin", "writeTimeoutSpin",
// "idleTimeoutSpin", "maxHeaderBytesSpin", "maxBodyBytesSpin", "keepAliveCheck", "workersSpin" and the button box
// "limitsButtons".
//
// Thread affinity: GUI thread.
class ServerLimitsEditor final : public QDialog
{
    Q_OBJECT

public:
    // ServerLimitsEditor edits document (non-owning; must outlive the editor).
    explicit ServerLimitsEditor(RouteSetDocument *document, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ServerLimitsEditor)

    // limits returns the limits the fields show now (applied or not).
    mock::ServerLimits limits() const;
    // reload shows the document's limits and worker threads, dropping unapplied edits.
    void reload();
    // apply writes the fields into the document as one undo command; returns false (and pushes nothing) when
    // they equal the document's.
    bool apply();

private:
    QSpinBox *addTimeout(const QString &objectName);
    void handleButton(int role);

    RouteSetDocument *m_document;
    QSpinBox *m_readHeaderTimeout;
    QSpinBox *m_readTimeout;
    QSpinBox *m_writeTimeout;
    QSpinBox *m_idleTimeout;
    QSpinBox *m_maxHeaderBytes;
    QSpinBox *m_maxBodyBytes;
    QCheckBox *m_keepAlive;
    QSpinBox *m_workers;
    QDialogButtonBox *m_buttons;
    // m_loadedBodyBytes is the document's maxBodyBytes as last loaded (bytes): it may exceed what the spin box
    // holds, and is kept when the box was not changed.
    qint64 m_loadedBodyBytes = 0;
};

} // namespace ui
