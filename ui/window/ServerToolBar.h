#pragma once

#include "ui/live/LiveBatch.h"

#include <QToolBar>

class QAction;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace ui
{

// ServerToolBar is the main window's server bar: Start and Stop (its menu offers "Stop immediately"), the host and
// port to listen on, the listening URL (a click copies it) and the live counters. It only shows state and asks:
// the window acts on startRequested and stopRequested.
//
// Thread affinity: GUI thread.
class ServerToolBar final : public QToolBar
{
    Q_OBJECT

public:
    explicit ServerToolBar(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ServerToolBar)

    QString host() const;
    quint16 port() const;
    void setAddress(const QString &host, quint16 port);
    // setRunning shows a running server at url (empty url: stopped), or a graceful stop in progress.
    void setRunning(bool running, const QString &url, bool stopping = false);
    void setCounters(const ui::LiveCounters &counters);

Q_SIGNALS:
    void startRequested();
    void stopRequested(bool immediate);
    // urlCopied is emitted after a click put url on the clipboard.
    void urlCopied(const QString &url);

private:
    QAction *m_start;
    QAction *m_stop;
    QAction *m_stopNow;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QToolButton *m_url;
    QLabel *m_counters;
};

} // namespace ui
