#include "httpcore/WorkerPool.h"

#include "httpcore/ConnectionWorker.h"
#include "httpcore/EpollEventDispatcher.h"
#include "httpcore/ServerContext.h"

#include <QLoggingCategory>
#include <QObject>
#include <QThread>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcPool, "switchboard.httpcore.pool", QtInfoMsg)

namespace
{

// DescriptorHandoff owns an accepted descriptor on its way to a worker thread: if the queued call never runs
// (the thread stopped first), it closes the descriptor and gives back the connection count.
class DescriptorHandoff
{
public:
    DescriptorHandoff(qintptr descriptor, std::atomic<int> *counter) : m_descriptor(descriptor), m_counter(counter) {}
    ~DescriptorHandoff()
    {
        if (m_descriptor < 0)
            return;
#ifdef Q_OS_UNIX
        ::close(int(m_descriptor));
#endif
        m_counter->fetch_sub(1, std::memory_order_acq_rel);
    }
    Q_DISABLE_COPY_MOVE(DescriptorHandoff)

    qintptr release()
    {
        return std::exchange(m_descriptor, -1);
    }

private:
    qintptr m_descriptor;
    std::atomic<int> *m_counter;
};

} // namespace

WorkerPool::WorkerPool(std::shared_ptr<const ServerContext> context) : m_context(std::move(context)) {}

WorkerPool::~WorkerPool()
{
    stop();
}

void WorkerPool::start(int threads)
{
    Q_ASSERT(m_workers.empty());
    threads = std::max(threads, 1);
    for (int i = 0; i < threads; ++i) {
        auto worker = std::make_unique<Worker>();
        worker->thread = new QThread;
        worker->thread->setObjectName(u"switchboard-worker-%1"_s.arg(i));
        worker->context = new QObject;
        worker->context->setObjectName(u"switchboard-worker-context-%1"_s.arg(i));
        worker->context->moveToThread(worker->thread);
        // Deleted on its own thread: QThread processes deferred deletes after finished().
        QObject::connect(worker->thread, &QThread::finished, worker->context, &QObject::deleteLater);
#ifdef Q_OS_LINUX
        // epoll instead of Qt's default dispatcher, whose every loop pass scans all sockets; SWITCHBOARD_NO_EPOLL=1
        // keeps Qt's (for comparisons).
        if (qEnvironmentVariableIntValue("SWITCHBOARD_NO_EPOLL") == 0)
            worker->thread->setEventDispatcher(new EpollEventDispatcher);
#endif
        worker->thread->start();
        m_workers.push_back(std::move(worker));
    }
}

void WorkerPool::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    forEachConnection(false, "server closed"_ba, true);
    for (const auto &worker : m_workers) {
        worker->thread->quit();
        worker->thread->wait();
        delete worker->thread;
        worker->thread = nullptr;
        worker->context = nullptr;
    }
}

WorkerPool::Worker &WorkerPool::pickWorker()
{
    // Least connections; ties go to the first, which keeps a lightly loaded server on few threads.
    Worker *best = m_workers.front().get();
    int bestCount = best->connections.load(std::memory_order_relaxed);
    for (const auto &worker : m_workers) {
        const int count = worker->connections.load(std::memory_order_relaxed);
        if (count < bestCount) {
            best = worker.get();
            bestCount = count;
        }
    }
    return *best;
}

void WorkerPool::dispatch(qintptr descriptor)
{
    if (m_workers.empty()) {
#ifdef Q_OS_UNIX
        ::close(int(descriptor));
#endif
        return;
    }
    // The configuration snapshot is taken at the accept (before the connection is counted), so a change published
    // later never reaches a connection already accepted.
    std::shared_ptr<const ServerConfig> config = m_context->connectionConfig();
    Worker &worker = pickWorker();
    worker.connections.fetch_add(1, std::memory_order_acq_rel);
    auto handoff = std::make_shared<DescriptorHandoff>(descriptor, &worker.connections);
    const quint64 id = m_nextId.fetch_add(1, std::memory_order_relaxed);
    QObject *context = worker.context;
    std::atomic<int> *counter = &worker.connections;
    QMetaObject::invokeMethod(
        context,
        [handoff, id, context, counter, serverContext = m_context, config = std::move(config)] {
            auto *connection = new ConnectionWorker(handoff->release(), id, serverContext, config, counter, context);
            connection->start();
        },
        Qt::QueuedConnection);
}

void WorkerPool::forEachConnection(bool idleOnly, const QByteArray &reason, bool wait)
{
    for (const auto &worker : m_workers) {
        QObject *context = worker->context;
        if (!context || !worker->thread->isRunning())
            continue;
        QMetaObject::invokeMethod(
            context,
            [context, idleOnly, reason] {
                const auto connections = context->findChildren<ConnectionWorker *>(Qt::FindDirectChildrenOnly);
                for (ConnectionWorker *connection : connections) {
                    if (idleOnly)
                        connection->closeIfIdle();
                    else
                        connection->abort(reason);
                }
            },
            wait ? Qt::BlockingQueuedConnection : Qt::QueuedConnection);
    }
}

void WorkerPool::closeIdle()
{
    forEachConnection(true, {}, false);
}

void WorkerPool::abortAll(const QByteArray &reason)
{
    forEachConnection(false, reason, false);
}

int WorkerPool::connectionCount() const
{
    int total = 0;
    for (const auto &worker : m_workers)
        total += worker->connections.load(std::memory_order_acquire);
    return total;
}

} // namespace httpcore
