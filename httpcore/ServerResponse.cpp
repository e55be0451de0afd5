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
    if (!m_connection)
        return;
    prepareHead();
    m_writer.writeHeader(status);
}

qint64 ServerResponse::write(QByteArrayView data)
{
    if (!m_connection)
        return -1;
    prepareHead();
    return m_writer.write(data);
}

void ServerResponse::flush()
{
    if (!m_connection)
        return;
    prepareHead();
    m_writer.flush();
}

void ServerResponse::finish()
{
    if (!m_connection || m_writer.isFinished())
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

qint64 ServerResponse::bufferedBytes() const
{
    return m_connection ? m_connection->pendingOutputBytes() : 0;
}

void ServerResponse::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    if (m_connection && !m_writer.isFinished())
        m_connection->whenDrained(lowWater, std::move(callback));
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
