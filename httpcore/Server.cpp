#include "httpcore/Server.h"

#include "httpcore/Acceptor.h"
#include "httpcore/ServerContext.h"
#include "httpcore/WorkerPool.h"

#include <QLoggingCategory>
#include <QThread>

using namespace Qt::StringLiterals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcServer, "switchboard.httpcore.server", QtInfoMsg)

namespace
{

// parseHost maps the accepted host spellings to an address; a null address means invalid.
QHostAddress parseHost(const QString &host)
{
    if (host.isEmpty() || host == "::"_L1)
        return QHostAddress(QHostAddress::Any); // dual stack
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QString literal = host;
    if (literal.startsWith(u'[') && literal.endsWith(u']'))
        literal = literal.mid(1, literal.size() - 2);
    return QHostAddress(literal);
}

} // namespace

Server::Server(const ServerConfig &config, QObject *parent)
    : QObject(parent), m_config(config), m_context(std::make_shared<ServerContext>(config)), m_shutdownPoll(this)
{
    m_shutdownPoll.setInterval(10);
    connect(&m_shutdownPoll, &QTimer::timeout, this, &Server::pollShutdown);
}

Server::~Server()
{
    close();
}

Expected<quint16, QString> Server::listen()
{
    return listen(m_config.host, m_config.port);
}

Expected<quint16, QString> Server::listen(const QString &host, quint16 port)
{
    if (m_listening || m_shuttingDown)
        return Unexpected{u"the server is already running"_s};
    const QHostAddress address = parseHost(host);
    if (address.isNull())
        return Unexpected{u"invalid host address: %1"_s.arg(host)};
    if (m_used) {
        // A new run after close() or shutdown(): fresh shared state (the old one says "shutting down" and may
        // still be referenced by late handler callbacks), with the handler and observer carried over.
        m_pool.reset();
        auto context = std::make_shared<ServerContext>(m_config);
        context->setHandler(m_context->handler());
        context->setObserver(m_context->observer());
        m_context = std::move(context);
    }
    m_used = true;

    m_pool = std::make_unique<WorkerPool>(m_context);
    m_pool->start(m_config.workerThreads > 0 ? m_config.workerThreads : QThread::idealThreadCount());

    m_acceptorThread = new QThread;
    m_acceptorThread->setObjectName(u"switchboard-acceptor"_s);
    m_acceptor = new Acceptor(m_pool.get());
    m_acceptor->setListenBacklogSize(m_config.listenBacklog);
    m_acceptor->moveToThread(m_acceptorThread);
    connect(m_acceptorThread, &QThread::finished, m_acceptor, &QObject::deleteLater);
    m_acceptorThread->start();

    bool ok = false;
    QString error;
    quint16 bound = 0;
    // Listening happens on the acceptor thread so the socket notifier lives there.
    QMetaObject::invokeMethod(
        m_acceptor,
        [&] {
            ok = m_acceptor->start(address, port);
            if (ok)
                bound = m_acceptor->serverPort();
            else
                error = m_acceptor->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stopAccepting();
        m_pool->stop();
        return Unexpected{error};
    }
    m_address = address;
    m_port = bound;
    m_listening = true;
    qCDebug(lcServer).nospace() << "listening on " << address.toString() << ":" << bound << " with "
                                << m_pool->threadCount() << " worker threads";
    return bound;
}

void Server::setConnectionConfig(const ServerConfig &config)
{
    m_config = config;
    m_context->setConnectionConfig(config);
}

void Server::setHandler(HandlerPtr handler)
{
    m_context->setHandler(std::move(handler));
}

HandlerPtr Server::handler() const
{
    return m_context->handler();
}

void Server::setObserver(std::shared_ptr<ServerObserver> observer)
{
    m_context->setObserver(std::move(observer));
}

int Server::connectionCount() const
{
    return m_pool ? m_pool->connectionCount() : 0;
}

void Server::stopAccepting()
{
    m_listening = false;
    if (!m_acceptorThread)
        return;
    QMetaObject::invokeMethod(
        m_acceptor, [acceptor = m_acceptor] { acceptor->stop(); }, Qt::BlockingQueuedConnection);
    m_acceptorThread->quit();
    m_acceptorThread->wait();
    delete m_acceptorThread;
    m_acceptorThread = nullptr;
    m_acceptor = nullptr; // deleted on its thread when it finished
}

void Server::close()
{
    m_context->setShuttingDown(true);
    m_shutdownPoll.stop();
    stopAccepting();
    if (m_pool)
        m_pool->stop();
    if (m_shuttingDown) {
        m_shuttingDown = false;
        Q_EMIT shutdownFinished(false);
    }
}

void Server::shutdown(std::chrono::milliseconds deadline)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    // Go's Shutdown order (ARCHITECTURE.md rule 4): close the listener, close idle connections, wait for the
    // active ones until the deadline, force-close, then quit and join the threads.
    m_context->setShuttingDown(true);
    stopAccepting();
    m_shutdownDeadline = deadline;
    m_shutdownClock.start();
    if (m_pool)
        m_pool->closeIdle();
    // Polled, so that shutdownFinished is always emitted from the event loop, after the caller connected.
    m_shutdownPoll.start();
}

void Server::pollShutdown()
{
    if (!m_shuttingDown)
        return;
    const bool done = !m_pool || m_pool->connectionCount() == 0;
    const bool expired = m_shutdownClock.elapsed() >= m_shutdownDeadline.count();
    if (!done && !expired) {
        // Connections that became idle since the last poll are closed now (as Go's polling closeIdleConns).
        m_pool->closeIdle();
        return;
    }
    m_shutdownPoll.stop();
    if (!done)
        qCWarning(lcServer) << "shutdown deadline reached;" << m_pool->connectionCount()
                            << "connections are force-closed";
    if (m_pool)
        m_pool->stop();
    m_shuttingDown = false;
    Q_EMIT shutdownFinished(done);
}

} // namespace httpcore
