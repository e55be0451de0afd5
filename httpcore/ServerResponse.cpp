#include "httpcore/ServerResponse.h"

#include "httpcore/ConnectionWorker.h"

using namespace Qt::StringLiterals;

namespace httpcore
{

ServerResponse::ServerResponse(ConnectionWorker *connection, const ResponseContext &context)
    : m_connection(connection), m_writer(*this, context)
{}

ServerResponse::~ServerResponse()
{
    // The last ResponsePtr is gone: the handler is done with the response, whether or not it said so.
    finish();
}

void ServerResponse::writeHeader(int status)
{
    if (!canSend())
        return;
    prepareHead();
    m_writer.writeHeader(status);
}

qint64 ServerResponse::write(QByteArrayView data)
{
    if (!canSend())
        return -1;
    prepareHead();
    const qint64 accepted = m_writer.write(data);
    // Go's checkConnErrorWriter: the write that broke the connection fails too, not only the ones after it; a
    // streaming handler that saw its bytes accepted would go on producing its body for nobody.
    return canSend() ? accepted : -1;
}

void ServerResponse::flush()
{
    if (!canSend())
        return;
    prepareHead();
    m_writer.flush();
}

void ServerResponse::finish()
{
    // Broken as detached: nothing can be sent, and a body cut short by the peer is not the handler's doing (the
    // writer would warn of it). The connection closes anyway.
    if (!canSend())
        return;
    prepareHead();
    m_writer.finish();
    // The connection may detach this response while handling the notification; nothing is touched after it.
    if (ConnectionWorker *connection = m_connection)
        connection->responseFinished(m_writer.mustClose(), m_writer.status(), m_writer.bodyBytesWritten());
}

Expected<HijackedConnection, QString> ServerResponse::hijack()
{
    if (!m_connection)
        return Unexpected<QString>{u"the connection is gone"_s};
    auto hijacked = m_connection->hijack();
    // On success the connection detached this response: it is finished and refuses writes.
    return hijacked;
}

bool ServerResponse::isFinished() const
{
    return !canSend();
}

qint64 ServerResponse::bufferedBytes() const
{
    if (m_writer.isFinished())
        return 0;
    return canSend() ? m_connection->pendingOutputBytes() : BrokenBacklog;
}

void ServerResponse::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    if (canSend())
        m_connection->whenDrained(lowWater, std::move(callback));
}

bool ServerResponse::canSend() const
{
    // The writer is checked first: a finished response must not touch its connection (it may serve another
    // request by now).
    return !m_writer.isFinished() && m_connection && !m_connection->isBroken();
}

void ServerResponse::sendBytes(QByteArray bytes)
{
    if (m_connection)
        m_connection->sendResponseBytes(std::move(bytes));
}

void ServerResponse::prepareHead()
{
    if (m_writer.isHeaderSent() || !m_connection)
        return;
    if (m_connection->shouldAnnounceClose())
        m_writer.header().set("Connection", "close");
}

} // namespace httpcore
