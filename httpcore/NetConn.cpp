#include "httpcore/NetConn.h"

#include <QSocketNotifier>

#include <cerrno>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace httpcore
{

namespace
{
// MaxIov bounds the buffers gathered into one writev().
constexpr int MaxIov = 16;
} // namespace

NetConn::NetConn(int descriptor, Listener *listener) : m_fd(descriptor), m_listener(listener)
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    // Responses are written whole; Nagle would only delay the last segment of each.
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        m_peer = QHostAddress(reinterpret_cast<const sockaddr *>(&address));
        if (address.ss_family == AF_INET)
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
        else if (address.ss_family == AF_INET6)
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
    }
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read);
    QObject::connect(m_readNotifier, &QSocketNotifier::activated, m_readNotifier,
                     [this] { m_listener->netReadable(); });
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    QObject::connect(m_writeNotifier, &QSocketNotifier::activated, m_writeNotifier, [this] { handleWritable(); });
}

NetConn::~NetConn()
{
    close();
}

NetConn::ReadResult NetConn::read(QByteArray &buffer, qsizetype max)
{
    if (m_fd < 0)
        return ReadResult::Error;
    const qsizetype old = buffer.size();
    buffer.resize(old + max);
    ssize_t got;
    do {
        got = ::recv(m_fd, buffer.data() + old, size_t(max), 0);
    } while (got < 0 && errno == EINTR);
    const int error = errno;
    buffer.resize(old + std::max<qsizetype>(got, 0));
    if (got > 0)
        return ReadResult::Data;
    if (got == 0)
        return ReadResult::End;
    if (error == EAGAIN || error == EWOULDBLOCK)
        return ReadResult::WouldBlock;
    fail(error);
    return ReadResult::Error;
}

void NetConn::setReadEnabled(bool enabled)
{
    if (enabled == m_readEnabled || !m_readNotifier)
        return;
    m_readEnabled = enabled;
    m_readNotifier->setEnabled(enabled);
}

bool NetConn::write(QByteArray bytes)
{
    if (m_fd < 0 || m_error != 0 || m_writeShut)
        return false;
    if (bytes.isEmpty())
        return true;
    m_pending += bytes.size();
    m_queue.push_back(std::move(bytes));
    if (m_queue.size() == 1)
        flushQueue(); // nothing was waiting: try at once
    return m_error == 0;
}

bool NetConn::shutdownWrite()
{
    if (m_fd < 0 || m_writeShut)
        return m_writeShut;
    if (m_pending > 0) {
        m_shutAfterFlush = true;
        return true;
    }
    m_writeShut = true;
    return ::shutdown(m_fd, SHUT_WR) == 0;
}

void NetConn::close()
{
    dropNotifiers();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_queue.clear();
    m_pending = 0;
}

int NetConn::release()
{
    dropNotifiers();
    m_queue.clear();
    m_pending = 0;
    return std::exchange(m_fd, -1);
}

// dropNotifiers stops both notifiers at once and deletes them later: close() is often called from inside a
// notifier's own activation, where deleting it directly is not safe with every event dispatcher.
void NetConn::dropNotifiers()
{
    for (QSocketNotifier **notifier : {&m_readNotifier, &m_writeNotifier}) {
        if (!*notifier)
            continue;
        (*notifier)->setEnabled(false);
        QObject::disconnect(*notifier, nullptr, nullptr, nullptr);
        (*notifier)->deleteLater();
        *notifier = nullptr;
    }
}

void NetConn::handleWritable()
{
    flushQueue();
    m_listener->netWritten();
}

// flushQueue writes as much of the queue as the kernel takes, gathering up to MaxIov buffers per call, and
// arms the write notifier while output remains.
void NetConn::flushQueue()
{
    while (!m_queue.empty() && m_fd >= 0) {
        iovec iov[MaxIov];
        int count = 0;
        for (auto it = m_queue.begin(); it != m_queue.end() && count < MaxIov; ++it, ++count) {
            const qsizetype skip = count == 0 ? m_headOffset : 0;
            iov[count].iov_base = const_cast<char *>(it->constData()) + skip;
            iov[count].iov_len = size_t(it->size() - skip);
        }
        msghdr message{};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        ssize_t sent;
        do {
            sent = ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
        } while (sent < 0 && errno == EINTR);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            fail(errno);
            return;
        }
        m_pending -= sent;
        while (sent > 0) {
            const qsizetype left = m_queue.front().size() - m_headOffset;
            if (sent < left) {
                m_headOffset += sent;
                break;
            }
            sent -= left;
            m_queue.pop_front();
            m_headOffset = 0;
        }
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_queue.empty());
    if (m_queue.empty() && m_shutAfterFlush && !m_writeShut && m_fd >= 0) {
        m_writeShut = true;
        ::shutdown(m_fd, SHUT_WR);
    }
}

void NetConn::fail(int error)
{
    m_error = error;
    m_queue.clear();
    m_pending = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
}

} // namespace httpcore
