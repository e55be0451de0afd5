#pragma once

#include "httpcore/ConnState.h"
#include "httpcore/Handler.h"
#include "httpcore/ServerConfig.h"

#include <atomic>
#include <memory>
#include <mutex>

namespace httpcore
{

// ServerContext is the state a Server shares with its connections: the configuration, handler and observer
// snapshots, and the shutdown flag. It is the only cross-thread state of
// the server besides the WorkerPool's counters (ARCHITECTURE.md rule 3).
//
// Thread affinity: none; every member function is thread-safe.
class ServerContext
{
public:
    explicit ServerContext(const ServerConfig &config);
    Q_DISABLE_COPY_MOVE(ServerContext)

    // connectionConfig returns the current configuration snapshot (never null). Each connection gets the one
    // current at its accept and keeps it for its lifetime, so a change applies to new connections only.
    std::shared_ptr<const ServerConfig> connectionConfig() const;
    // setConnectionConfig publishes config for the connections created from now on.
    void setConnectionConfig(const ServerConfig &config);

    // handler returns the current handler snapshot (null when none is set). Connections load it once per
    // request.
    HandlerPtr handler() const;
    void setHandler(HandlerPtr handler);

    // observer returns the current observer snapshot (null when none is set).
    std::shared_ptr<ServerObserver> observer() const;
    void setObserver(std::shared_ptr<ServerObserver> observer);

    // isShuttingDown is true once Server::shutdown() or close() began: connections close after their current
    // response instead of reading another request.
    bool isShuttingDown() const { return m_shuttingDown.load(std::memory_order_acquire); }
    void setShuttingDown(bool shuttingDown) { m_shuttingDown.store(shuttingDown, std::memory_order_release); }

private:
    mutable std::mutex m_mutex;
    // Guarded by m_mutex; never null; replaced, never modified.
    std::shared_ptr<const ServerConfig> m_config;
    // Guarded by m_mutex (copied out under the lock: a snapshot costs one uncontended lock per request).
    HandlerPtr m_handler;
    // Guarded by m_mutex.
    std::shared_ptr<ServerObserver> m_observer;
    std::atomic<bool> m_shuttingDown{false};
};

} // namespace httpcore
