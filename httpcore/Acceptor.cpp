#include "httpcore/Acceptor.h"

#include "httpcore/WorkerPool.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcAccept, "switchboard.httpcore.accept", QtInfoMsg)

namespace
{
constexpr int FirstBackoffMs = 5;
constexpr int MaxBackoffMs = 1000;
} // namespace

Acceptor::Acceptor(WorkerPool *pool, QObject *parent) : QTcpServer(parent), m_pool(pool), m_backoffTimer(this)
{
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, [this] {
        if (isListening())
            resumeAccepting();
    });
    connect(this, &QTcpServer::acceptError, this, &Acceptor::handleAcceptError);
}

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_backoffMs = 0;
    m_pool->dispatch(descriptor);
}

void Acceptor::handleAcceptError(QAbstractSocket::SocketError error)
{
    ++m_acceptErrors;
    // QTcpServer has already paused accepting; retry later, as Go's Serve does on a temporary error.
    m_backoffMs = m_backoffMs == 0 ? FirstBackoffMs : std::min(m_backoffMs * 2, MaxBackoffMs);
    qCWarning(lcAccept).nospace() << "accept error " << error << " (" << errorString() << "); retrying in "
                                  << m_backoffMs << " ms";
    pauseAccepting();
    m_backoffTimer.start(m_backoffMs);
}

} // namespace httpcore
