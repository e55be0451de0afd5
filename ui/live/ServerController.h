#pragma once

#include "httpcore/EventQueue.h"
#include "httpcore/Server.h"
#include "httpcore/ServerEventQueue.h"
#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/runtime/MockService.h"
#include "ui/live/LiveBatch.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace ui
{

// ServerController is the GUI's handle on the mock server: it owns the httpcore::Server (made anew for every
// start, so worker settings apply), one mock::MockService whose handler stays installed while route-set edits are
// applied live, a ServerEventQueue observing the server, and a bounded queue fed by the "capture" middleware.
//
// Batching: the worker threads only push into the two bounded queues (drop-oldest, counted). A QTimer on the GUI
// thread drains both every drainInterval() (100 ms) while the server runs, and emits at most ONE batchReady per
// tick, never one signal per request. Counters are updated from the same drain.
//
// Capture: the route set served is the document's with a "capture" entry appended innermost when it has none, so
// the inspector has dumps; that entry exists only in what is served, never in the document or its file.
//
// Thread affinity: GUI thread (the thread that created it) for every member function. The observer() and the
// capture sink are called on worker threads; they only push into thread-safe queues.
class ServerController final : public QObject
{
    Q_OBJECT

public:
    // StopMode says how stop() ends a run.
    enum class StopMode
    {
        Graceful, // stop accepting, let active requests finish (deadline 5 s), then close
        Immediate // abort every connection at once
    };

    // EventCapacity and CaptureCapacity bound the undrained events and captures (the oldest dropped beyond).
    static constexpr qsizetype EventCapacity = 65'536;
    static constexpr qsizetype CaptureCapacity = 4096;
    // CaptureBodyCap bounds the body bytes kept per captured response (bytes), so the log's memory is bounded.
    static constexpr qsizetype CaptureBodyCap = 16 * 1024;

    explicit ServerController(QObject *parent = nullptr);
    ~ServerController() override;
    Q_DISABLE_COPY_MOVE(ServerController)

    // applyRouteSet serves set from the next request on (running or not), resolving relative body files from
    // baseDirectory, and emits applyFinished with the problems found (empty when all is served). The set's server
    // limits apply to the connections accepted from now on, also while running; its worker threads at the next
    // start().
    void applyRouteSet(const mock::RouteSet &set, const QString &baseDirectory = {});

    // start listens on host:port (port 0 picks a free one). On success it emits started(port) and returns true; on
    // failure (the port is taken, a bad address) it emits startFailed with a human-readable message and returns
    // false. Does nothing and returns false while a run is in progress.
    bool start(const QString &host, quint16 port);
    // stop ends the run as mode says; stopped is emitted once the server is closed (at once for Immediate, when the
    // graceful shutdown finished otherwise). Does nothing when not running.
    void stop(StopMode mode);

    // isRunning is true from a successful start() until stopped is emitted.
    bool isRunning() const { return m_server != nullptr; }
    // isStopping is true while a graceful stop is in progress.
    bool isStopping() const { return m_stopping; }
    // port is the bound port while running (0 otherwise).
    quint16 port() const;
    QString host() const { return m_host; }
    // url is "http://host:port" while running (IPv6 hosts in brackets), empty otherwise.
    QString url() const;

    const LiveCounters &counters() const { return m_counters; }
    // hits counts the requests each route (by id) answered since the controller was made.
    const QHash<QString, qint64> &hits() const { return m_hits; }
    // problems are those of the last applyRouteSet().
    QStringList problems() const { return m_problems; }

    // observer is the ServerObserver installed on every server run; the server calls it on worker threads.
    std::shared_ptr<httpcore::ServerEventQueue> observer() const { return m_events; }
    // drainInterval is the batching period (milliseconds).
    int drainInterval() const { return m_timer.interval(); }
    void setDrainInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    // setWorkerThreads sets the worker threads of the next start (0: one per core).
    void setWorkerThreads(int workers) { m_workers = workers; }
    // setLimits applies limits to the connections accepted from now on (running or not); applyRouteSet() calls it
    // with the set's.
    void setLimits(const mock::ServerLimits &limits);
    // limits are those new connections get.
    const mock::ServerLimits &limits() const { return m_limits; }
    // runningConfig is the running server's configuration (what it gives new connections; its worker threads
    // are those it started with), or nullopt when not running.
    std::optional<httpcore::ServerConfig> runningConfig() const;
    // workerThreads is the worker threads of the next start (0: one per core).
    int workerThreads() const { return m_workers; }

Q_SIGNALS:
    // batchReady carries everything drained in one tick; emitted at most once per tick and only when not empty.
    void batchReady(const ui::LiveBatch &batch);
    // countersChanged is emitted after each tick that changed the counters.
    void countersChanged(const ui::LiveCounters &counters);
    // hitsChanged is emitted after a tick in which routes answered requests.
    void hitsChanged(const QHash<QString, qint64> &hitsByRouteId);
    void started(quint16 port);
    void startFailed(const QString &message);
    // stopping is emitted when a graceful stop begins: open connections now drain (finish their response, close).
    void stopping();
    void stopped();
    void applyFinished(const QStringList &problems);

private:
    void drain();
    void finishStop();
    void updateRate(quint64 journeys);

    std::shared_ptr<httpcore::ServerEventQueue> m_events;
    // m_captures and m_errors are shared with the sinks, which worker threads call.
    std::shared_ptr<httpcore::EventQueue<httpcore::CapturedExchange>> m_captures;
    std::shared_ptr<httpcore::EventQueue<QString>> m_errors;
    std::unique_ptr<mock::MockService> m_service;
    std::unique_ptr<httpcore::Server> m_server;
    QTimer m_timer;
    QString m_host;
    QString m_baseDirectory;
    int m_workers = 0;
    mock::ServerLimits m_limits;
    bool m_stopping = false;
    LiveCounters m_counters;
    QStringList m_problems;
    // m_routeIds maps a served pattern to its route's id (the journey names the pattern).
    QHash<QByteArray, QString> m_routeIds;
    QHash<QString, qint64> m_hits;
    // m_openStates: the state of every open connection, by id (closed ones are removed).
    QHash<quint64, httpcore::ConnState> m_openStates;
    // m_rateWindow: (milliseconds since m_clock started, journeys drained then) for the last second.
    std::deque<std::pair<qint64, quint64>> m_rateWindow;
    QElapsedTimer m_clock;
};

} // namespace ui
