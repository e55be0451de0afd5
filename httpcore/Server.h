#pragma once

#include "httpcore/ConnState.h"
#include "httpcore/Expected.h"
#include "httpcore/Handler.h"
#include "httpcore/ServerConfig.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

class QThread;

namespace httpcore
{

class Acceptor;
class ServerContext;
class WorkerPool;

// Server is Switchboard's HTTP/1.1 server (Go's http.Server): it listens on one address, accepts on its own
// acceptor thread, serves each connection on a worker thread (see WorkerPool, ConnectionWorker) and calls the
// current Handler for every request.
//
// Lifecycle: listen(); then either close() (immediate) or shutdown() (graceful). After close() returns or
// shutdownFinished is emitted, listen() may start a new run (the GUI's Stop and Start), keeping the handler and
// observer. The destructor calls close().
//
// Thread affinity: the thread that created it (typically the main thread) for listen(), close(), shutdown()
// and the accessors; setHandler(), handler() and setObserver() are thread-safe. shutdownFinished is emitted on
// the Server's thread.
class Server final : public QObject
{
    Q_OBJECT

public:
    // Server constructs a server with config (the timeouts, limits, worker count; host and port are the
    // defaults of listen()).
    explicit Server(const ServerConfig &config = ServerConfig(), QObject *parent = nullptr);
    ~Server() override;
    Q_DISABLE_COPY_MOVE(Server)

    // listen starts serving on host:port and returns the port actually bound (port 0 picks a free one), or a
    // human-readable error ("The address is already in use", "invalid host address: x"). host is an IPv4 or
    // IPv6 literal, "localhost" (127.0.0.1), or "::" / "" for every address, IPv4 and IPv6 (dual stack). It
    // starts the worker threads and the acceptor thread, and returns once the socket accepts connections. The
    // address is reusable at once (SO_REUSEADDR), so a restart on the same port does not fail while old
    // connections linger in TIME_WAIT. Fails while a run is in progress (listening or shutting down).
    [[nodiscard]] Expected<quint16, QString> listen(const QString &host, quint16 port);
    // listen listens on the configuration's host and port.
    [[nodiscard]] Expected<quint16, QString> listen();

    bool isListening() const { return m_listening; }
    // serverPort is the bound port while listening (0 otherwise).
    quint16 serverPort() const { return m_port; }
    // serverAddress is the bound address while listening.
    QHostAddress serverAddress() const { return m_address; }
    // config returns the configuration: the one given at construction as changed by setConnectionConfig().
    const ServerConfig &config() const { return m_config; }
    // setConnectionConfig replaces the configuration. The per-connection settings (timeouts, parser limits,
    // keep-alives, drain budget) apply to connections accepted from now on, also while listening; connections
    // already open keep the settings they started with. Host, port, worker threads and backlog apply at the
    // next listen(). Same thread affinity as listen().
    void setConnectionConfig(const ServerConfig &config);

    // setHandler publishes handler for the following requests; requests in flight keep the snapshot they
    // loaded. A null handler answers 404. Thread-safe.
    void setHandler(HandlerPtr handler);
    HandlerPtr handler() const;
    // setObserver installs the connection-state hook (null to remove it). Thread-safe.
    void setObserver(std::shared_ptr<ServerObserver> observer);

    // connectionCount returns the number of open connections.
    int connectionCount() const;

    // close stops at once: stops accepting, aborts every connection (responses in flight are detached), and
    // joins the threads. Idempotent; emits nothing.
    void close();
    // shutdown stops gracefully (Go's Server.Shutdown, without blocking): stops accepting, closes idle
    // connections, lets active ones finish their current response (they then close), and force-closes what is
    // left at the deadline. Then it joins the threads and emits shutdownFinished(graceful), where graceful says
    // whether every connection finished in time. Calling it again while it runs does nothing.
    void shutdown(std::chrono::milliseconds deadline);

Q_SIGNALS:
    // shutdownFinished is emitted once a shutdown() completed.
    void shutdownFinished(bool graceful);

private:
    void stopAccepting();
    void pollShutdown();

    ServerConfig m_config;
    std::shared_ptr<ServerContext> m_context;
    std::unique_ptr<WorkerPool> m_pool;
    QThread *m_acceptorThread = nullptr;
    // m_acceptor lives on m_acceptorThread; deleted there when that thread finishes.
    Acceptor *m_acceptor = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_listening = false;
    bool m_used = false;
    bool m_shuttingDown = false;
    QTimer m_shutdownPoll;
    QElapsedTimer m_shutdownClock;
    std::chrono::milliseconds m_shutdownDeadline{0};
};

} // namespace httpcore
