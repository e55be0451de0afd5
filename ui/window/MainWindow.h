#pragma once

#include "ui/live/LiveBatch.h"
#include "ui/window/Dialogs.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace ui
{

class Autosave;
class ConnectionsPanel;
class FileActions;
class MiddlewarePanel;
class RecentFiles;
class RequestsPanel;
class RouteSetDocument;
class RoutesPanel;
class ServerController;
class ServerLimitsEditor;
class ServerToolBar;
class StatsPanel;
class WhyRoutePanel;

// MainWindow is Switchboard's window: the server bar (ServerToolBar) on top, the route set being edited on the
// left (RoutesPanel, MiddlewarePanel, WhyRoutePanel), and the live server on the right in tabs: Requests (log and
// inspector), Connections and Stats (plots). It owns the RouteSetDocument and the ServerController and wires them:
// every change of the document is applied to the running server at once; the controller's batches feed the views once
// per tick. It remembers across runs (QSettings): the recent files, the last file, and its layout; and it keeps
// an autosaved copy of unsaved changes (Autosave), offered back after a crash.
//
// Every modal question goes through setDialogs() (tests answer them without a dialog).
//
// Thread affinity: GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    RouteSetDocument *document() const { return m_document; }
    ServerController *controller() const { return m_controller; }
    // setDialogs replaces the window's dialogs (and the panels').
    void setDialogs(const Dialogs &dialogs);

    RecentFiles *recentFiles() const { return m_recent; }
    Autosave *autosave() const { return m_autosave; }

    // openFile loads the route set at path without asking about unsaved changes; false (and a message) on failure.
    bool openFile(const QString &path);
    // openAtStart fills a new window: requested when not empty; otherwise the changes a crashed run left
    // (offerRecovery()), else the file open when the window last closed (QSettings "session/lastFile") when it
    // still exists, else fallback (the bundled example). Returns whether a set was put in the document.
    bool openAtStart(const QString &requested, const QString &fallback);
    // offerRecovery asks, for the newest autosaved copy of a run that ended without saving, whether to recover
    // it; yes puts it in the document (modified), no deletes the copy. Returns whether a copy was recovered.
    bool offerRecovery();
    // startServer starts serving on the host and port of the server bar (a non-loopback host asks first; a taken
    // port offers a free one). Returns whether the server runs.
    bool startServer();
    // setServerAddress sets the host and port the next start uses (the server bar's fields).
    void setServerAddress(const QString &host, quint16 port);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void applyDocument();
    void takeAddressFromDocument();
    void updateTitle();
    void showBatch(const ui::LiveBatch &batch);
    void showProblems(const QStringList &problems);
    void handleStartFailed(const QString &message);
    void openRecent(const QString &path);
    void showLimitsEditor();
    // restoreLayout and saveLayout keep the window's geometry, toolbars and splitters in QSettings ("window/").
    void restoreLayout();
    void saveLayout() const;

    Dialogs m_dialogs;
    RouteSetDocument *m_document;
    ServerController *m_controller;
    ServerToolBar *m_toolBar;
    FileActions *m_files;
    RecentFiles *m_recent;
    Autosave *m_autosave;
    RoutesPanel *m_routes;
    MiddlewarePanel *m_middleware;
    WhyRoutePanel *m_whyRoute;
    QTabWidget *m_liveTabs;
    RequestsPanel *m_requests;
    ConnectionsPanel *m_connectionsPanel;
    // m_limitsEditor is the Server > Limits dialog, made on first use (modeless; follows the document).
    ServerLimitsEditor *m_limitsEditor = nullptr;
    StatsPanel *m_stats;
    QLabel *m_problems;
    // m_lastFailure is the message of the last failed start (the port-taken prompt reads it).
    QString m_lastFailure;
};

} // namespace ui
