#pragma once

#include "ui/live/LiveBatch.h"
#include "ui/window/Dialogs.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTableView;

namespace ui
{

class ConnectionsModel;
class FileActions;
class MiddlewarePanel;
class RequestsPanel;
class RouteSetDocument;
class RoutesPanel;
class ServerController;
class ServerToolBar;

// MainWindow is Switchboard's window: the server bar (ServerToolBar) on top, the route set being edited on the
// left (RoutesPanel, MiddlewarePanel), and the live server on the right in tabs: Requests (log and inspector) and
// Connections. It owns the RouteSetDocument and the ServerController and wires them: every change of the document
// is applied to the running server at once; the controller's batches feed the views once per tick.
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
    void setDialogs(const Dialogs &dialogs) { m_dialogs = dialogs; }

    // openFile loads the route set at path without asking about unsaved changes; false (and a message) on failure.
    bool openFile(const QString &path);
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

    Dialogs m_dialogs;
    RouteSetDocument *m_document;
    ServerController *m_controller;
    ServerToolBar *m_toolBar;
    FileActions *m_files;
    RoutesPanel *m_routes;
    MiddlewarePanel *m_middleware;
    QTabWidget *m_liveTabs;
    RequestsPanel *m_requests;
    ConnectionsModel *m_connections;
    QTableView *m_connectionsView;
    QLabel *m_problems;
    // m_lastFailure is the message of the last failed start (the port-taken prompt reads it).
    QString m_lastFailure;
};

} // namespace ui
