#include "httpcore/Acceptor.h"

#include "httpcore/WorkerPool.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcAccept, "switchboard.httpcore.accept", QtInfoMsg)

namespace
{
constexpr int FirstBackoffMs = 5;
constexpr int MaxBackoffMs = 1000;
// AcceptBatch bounds the connections accepted per wake-up, so a connection storm cannot starve the acceptor
// thread's other events (the stop request).
constexpr int AcceptBatch = 64;
} // namespace

Acceptor::Acceptor(WorkerPool *pool, QObject *parent) : QTcpServer(parent), m_pool(pool), m_backoffTimer(this)
{
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

bool Acceptor::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    // QTcpServer's own accept loop stays paused for good; ours runs on the same descriptor.
    pauseAccepting();
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Acceptor::acceptPending);
    return true;
}

void Acceptor::stop()
{
    m_backoffTimer.stop();
    delete m_notifier;
    m_notifier = nullptr;
    close();
}

void Acceptor::acceptPending()
{
    const int listener = int(socketDescriptor());
    for (int i = 0; i < AcceptBatch; ++i) {
        const int descriptor = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (descriptor >= 0) {
            m_backoffMs = 0;
            m_pool->dispatch(descriptor);
            continue;
        }
        const int error = errno;
        switch (error) {
        case EAGAIN:
#if EAGAIN != EWOULDBLOCK
        case EWOULDBLOCK:
#endif
            return;
        case EINTR:
        case ECONNABORTED: // the client gave up before we accepted; Go's Serve skips these too
        case EPROTO:
            continue;
        default:
            handleAcceptError(error);
            return;
        }
    }
}

void Acceptor::handleAcceptError(int error)
{
    ++m_acceptErrors;
    // Go's Serve: on a temporary error, sleep 5 ms doubling to 1 s, then try again. The notifier is level
    // triggered, so it is disabled meanwhile instead of firing again at once.
    m_backoffMs = m_backoffMs == 0 ? FirstBackoffMs : std::min(m_backoffMs * 2, MaxBackoffMs);
    // printf-style: no QDebug stream (a QTextStream) is built while the process may be out of descriptors.
    qCWarning(lcAccept, "accept error: %s; retrying in %d ms", std::strerror(error), m_backoffMs);
    m_notifier->setEnabled(false);
    m_backoffTimer.start(m_backoffMs);
}

} // namespace httpcore
