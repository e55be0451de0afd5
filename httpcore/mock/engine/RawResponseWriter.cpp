#include "httpcore/mock/engine/RawResponseWriter.h"

#include "httpcore/mock/engine/RawConnection.h"

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

httpcore::ResponseContext contextFor(httpcore::HttpVersion version, bool isHead)
{
    httpcore::ResponseContext context;
    context.version = version;
    context.isHead = isHead;
    context.keepAlive = false;
    return context;
}

} // namespace

RawResponseWriter::RawResponseWriter(RawConnection *raw, httpcore::HttpVersion version, bool isHead)
    : m_raw(raw), m_writer(*this, contextFor(version, isHead))
{}

RawResponseWriter::~RawResponseWriter()
{
    finish();
}

bool RawResponseWriter::isGone() const
{
    return !m_raw || !m_raw->isOpen();
}

void RawResponseWriter::writeHeader(int status)
{
    if (!isGone())
        m_writer.writeHeader(status);
}

qint64 RawResponseWriter::write(QByteArrayView data)
{
    return isGone() ? -1 : m_writer.write(data);
}

void RawResponseWriter::flush()
{
    if (!isGone())
        m_writer.flush();
}

void RawResponseWriter::finish()
{
    if (isGone() || m_writer.isFinished())
        return;
    m_writer.finish();
    m_raw->closeGracefully();
}

bool RawResponseWriter::isFinished() const
{
    return m_writer.isFinished() || isGone();
}

qint64 RawResponseWriter::bufferedBytes() const
{
    return isGone() ? 0 : m_raw->pendingBytes();
}

void RawResponseWriter::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    if (!isFinished())
        m_raw->whenWritten(lowWater, std::move(callback));
}

httpcore::Expected<httpcore::HijackedConnection, QString> RawResponseWriter::hijack()
{
    return httpcore::Unexpected<QString>{u"the connection is already taken over by the mock engine"_s};
}

void RawResponseWriter::sendBytes(QByteArray bytes)
{
    if (m_raw)
        m_raw->send(bytes);
}

} // namespace mock
