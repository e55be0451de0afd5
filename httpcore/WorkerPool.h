#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <atomic>
#include <memory>
#include <vector>

class QObject;
class QThread;

namespace httpcore
{

class ServerContext;

// WorkerPool runs the connection threads (Go's goroutine scheduler, in the shape of Qt's threaded-server
// example): N QThreads, each running an event loop with one context QObject that parents the thread's
// ConnectionWorkers. dispatch() hands an accepted descriptor to the thread with the fewest connections through
// a queued call; the ConnectionWorker and its socket are created there and never move.
//
// Thread affinity: start(), stop() and the destructor are for the owner's thread (the Server's); dispatch(),
// closeIdle(), abortAll() and connectionCount() are thread-safe.
class WorkerPool
{
public:
    explicit WorkerPool(std::shared_ptr<const ServerContext> context);
    ~WorkerPool();
    Q_DISABLE_COPY_MOVE(WorkerPool)

    // start launches threads worker threads (at least one). Call once.
    void start(int threads);
    // stop aborts every connection, quits the threads and joins them; their QObjects are deleted on their own
    // threads. Idempotent. Must not be called from a worker thread.
    void stop();

    // dispatch gives an accepted socket descriptor to a worker thread, which owns it from now on (a descriptor
    // that cannot be delivered, because the pool is stopping, is closed).
    void dispatch(qintptr descriptor);
    // closeIdle asks every thread to close its Idle connections (and New ones that sent nothing). Asynchronous.
    void closeIdle();
    // abortAll asks every thread to close all its connections at once. Asynchronous.
    void abortAll(const QByteArray &reason);

    // connectionCount returns the number of live connections (dispatched and not yet destroyed).
    int connectionCount() const;
    int threadCount() const { return int(m_workers.size()); }

private:
    struct Worker
    {
        QThread *thread = nullptr;
        // context lives on thread and parents its ConnectionWorkers; deleted there when the thread finishes.
        QObject *context = nullptr;
        std::atomic<int> connections{0};
    };

    Worker &pickWorker();
    void forEachConnection(bool idleOnly, const QByteArray &reason, bool wait);

    const std::shared_ptr<const ServerContext> m_context;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<quint64> m_nextId{1};
    bool m_stopped = false;
};

} // namespace httpcore
