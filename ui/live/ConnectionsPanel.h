#pragma once

#include "ui/live/LiveBatch.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QSpinBox;
class QTableView;

namespace ui
{

class ConnectionsModel;
class ServerController;

// ConnectionsPanel is the Connections tab: a legend of the state colours, how many connections are open (and, during
// a graceful stop, that they are draining), how long closed connections stay, and the table of connections
// (ConnectionsModel) with each row's state timeline painted by ConnectionTimelineDelegate.
//
// Widgets carry object names for tests: "connectionsView", "connectionsSummary", "connectionsLegend",
// "closedRetentionSpin" (seconds).
//
// Thread affinity: GUI thread.
class ConnectionsPanel final : public QWidget
{
    Q_OBJECT

public:
    // ConnectionsPanel constructs the panel with its own, empty ConnectionsModel; it shows nothing until
    // setController() or applyBatch().
    explicit ConnectionsPanel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionsPanel)

    // setController makes the panel follow controller (non-owning; may be null to detach): its batches, its
    // graceful stop (the summary says the connections are draining) and its stop.
    void setController(ServerController *controller);
    // applyBatch shows batch; called by setController's connection, or directly without a controller.
    void applyBatch(const ui::LiveBatch &batch);

    ConnectionsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    void handleRetentionChanged(int seconds);
    void updateSummary();
    QWidget *makeLegend();

    ConnectionsModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QSpinBox *m_retention;
    QPointer<ServerController> m_controller;
    // m_draining is true from the controller's stopping() until stopped().
    bool m_draining = false;
};

} // namespace ui
