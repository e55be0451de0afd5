#include "httpcore/mock/engine/RawConnection.h"

#include "httpcore/mock/engine/ThreadContext.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace mock
{

RawConnection *RawConnection::adopt(httpcore::HijackedConnection hijacked)
{
    auto *raw = new RawConnection(hijacked.socket, std::move(hijacked.buffered));
    raw->setParent(threadContext());
    return raw;
}

RawConnection::RawConnection(QTcpSocket *socket, QByteArray buffered)
    : m_socket(socket), m_buffered(std::move(buffered)), m_lifetime(this), m_linger(this)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &RawConnection::handleReadyRead);
    // Queued, so a whenWritten() callback never runs inside send() (QAbstractSocket::flush() emits synchronously).
    connect(m_socket, &QTcpSocket::bytesWritten, this, &RawConnection::handleBytesWritten, Qt::QueuedConnection);
    connect(m_socket, &QTcpSocket::disconnected, this, &RawConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            finish();
    });
    m_lifetime.setSingleShot(true);
    connect(&m_lifetime, &QTimer::timeout, this, &RawConnection::closeGracefully);
    m_lifetime.start(MaxLifetime);
    m_linger.setSingleShot(true);
    connect(&m_linger, &QTimer::timeout, this, &RawConnection::finish);
}

RawConnection::~RawConnection() = default;

bool RawConnection::isOpen() const
{
    return !m_closing && !m_finished && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawConnection::send(QByteArrayView bytes)
{
    if (m_finished || bytes.isEmpty())
        return;
    m_socket->write(bytes.data(), bytes.size());
    m_socket->flush();
}

qint64 RawConnection::pendingBytes() const
{
    return m_finished ? 0 : m_socket->bytesToWrite();
}

void RawConnection::whenWritten(qint64 lowWater, std::function<void()> callback)
{
    if (m_finished)
        return;
    m_written = std::move(callback);
    m_lowWater = lowWater;
    if (pendingBytes() <= lowWater)
        QMetaObject::invokeMethod(this, &RawConnection::handleBytesWritten, Qt::QueuedConnection);
}

void RawConnection::handleBytesWritten()
{
    if (!m_written || m_finished || pendingBytes() > m_lowWater)
        return;
    const std::function<void()> callback = std::exchange(m_written, nullptr);
    callback();
}

void RawConnection::handleReadyRead()
{
    if (m_discardInput && !m_finished)
        m_socket->readAll();
}

void RawConnection::closeGracefully()
{
    if (m_closing || m_finished)
        return;
    m_closing = true;
    m_discardInput = true;
    m_socket->setReadBufferSize(0);
    handleReadyRead();
    shutdownOurSide();
}

// shutdownOurSide sends FIN once everything queued is in the kernel, then waits for the peer to close (reading and
// discarding, so unread input does not turn our close into a reset) for at most LingerTime.
void RawConnection::shutdownOurSide()
{
    m_socket->flush();
    if (m_socket->bytesToWrite() > 0) {
        whenWritten(0, [this] { shutdownOurSide(); });
        return;
    }
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_linger.start(LingerTime);
}

void RawConnection::reset()
{
    if (m_finished)
        return;
    // SO_LINGER on with a zero timeout: close() discards the send queue and sends RST instead of FIN.
    const struct linger hard = {1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    finish();
}

void RawConnection::hang(std::chrono::milliseconds cap)
{
    m_discardInput = true;
    handleReadyRead();
    m_lifetime.start(std::min<std::chrono::milliseconds>(cap, MaxLifetime));
}

void RawConnection::setReadLimit(qint64 bufferBytes)
{
    m_discardInput = false;
    m_socket->setReadBufferSize(bufferBytes);
    // The kernel's receive window is what holds the peer back: keep it near the limit too (Linux doubles the value
    // and enforces a minimum of its own).
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, int(std::max<qint64>(bufferBytes, 4096)));
}

QByteArray RawConnection::read(qint64 max)
{
    QByteArray out = m_buffered.left(max);
    m_buffered.remove(0, out.size());
    if (out.size() < max && !m_finished)
        out += m_socket->read(max - out.size());
    return out;
}

void RawConnection::whenClosed(std::function<void()> callback)
{
    m_closed = std::move(callback);
}

// finish closes the socket (if the peer has not), drops the callbacks and deletes this connection later.
void RawConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_lifetime.stop();
    m_linger.stop();
    m_written = nullptr;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    deleteLater();
    if (const std::function<void()> closed = std::exchange(m_closed, nullptr))
        closed();
}

} // namespace mock
