#pragma once

#include "httpcore/ServerEventQueue.h"
#include "httpcore/middleware/CapturedExchange.h"

#include <QMetaType>
#include <QStringList>

#include <vector>

namespace ui
{

// LiveBatch is what ServerController hands the live views once per drain tick: every server event (connection
// states, request journeys) and every captured exchange recorded since the previous tick, in arrival order, with
// how many of each were dropped because the bounded queues overflowed. A plain value; built and consumed on the
// GUI thread.
struct LiveBatch
{
    std::vector<httpcore::ServerEvent> events;
    std::vector<httpcore::CapturedExchange> captures;
    // errors are the mock engine's run-time problems ("route \"x\": ..."), oldest first.
    QStringList errors;
    quint64 droppedEvents = 0;
    quint64 droppedCaptures = 0;

    bool isEmpty() const
    {
        return events.empty() && captures.empty() && errors.isEmpty() && droppedEvents == 0 && droppedCaptures == 0;
    }
};

// LiveCounters are the server's running totals as the GUI last drained them. A plain value.
struct LiveCounters
{
    // requestsTotal counts journeys since the controller was made (across runs).
    quint64 requestsTotal = 0;
    // requestsPerSecond is the rate over the last second.
    double requestsPerSecond = 0.0;
    // New, Active and Idle: open connections in each state.
    int newConnections = 0;
    int activeConnections = 0;
    int idleConnections = 0;
    // dropped counts events and captures lost to overflow since the controller was made.
    quint64 dropped = 0;

    int openConnections() const { return newConnections + activeConnections + idleConnections; }
};

} // namespace ui

Q_DECLARE_METATYPE(ui::LiveBatch)
Q_DECLARE_METATYPE(ui::LiveCounters)
