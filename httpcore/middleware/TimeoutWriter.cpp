#include "httpcore/middleware/TimeoutWriter.h"

#include "httpcore/StatusText.h"

namespace httpcore
{

TimeoutWriter::TimeoutWriter(Token token,
                             ResponsePtr inner,
                             std::shared_ptr<const TimeoutHandler::Settings> settings,
                             std::chrono::steady_clock::time_point deadline)
    : ResponseWriterWrapper(token, std::move(inner)), m_settings(std::move(settings)), m_deadline(deadline)
{
    m_header = ResponseWriterWrapper::header();
}

void TimeoutWriter::writeHeader(int status)
{
    // Informational answers cannot be buffered for later; as Go's timeoutWriter, only the final status counts.
    if (m_timedOut || isCompleted() || m_status != 0 || status < 200 || status > 999)
        return;
    m_status = status;
}

qint64 TimeoutWriter::write(QByteArrayView data)
{
    // isFinished() includes the real response's: once its connection is gone, buffering more is for nobody.
    if (isFinished())
        return -1;
    if (m_status == 0)
        writeHeader(200);
    if (!bodyAllowedForStatus(m_status))
        return -1;
    m_body.append(data);
    return data.size();
}

Expected<HijackedConnection, QString> TimeoutWriter::hijack()
{
    return Unexpected<QString>{QStringLiteral("a response under a timeout cannot be hijacked")};
}

void TimeoutWriter::timeOut()
{
    if (m_timedOut || isCompleted())
        return;
    answerTimeout();
}

void TimeoutWriter::answerTimeout()
{
    m_timedOut = true;
    m_body.clear();
    const ResponsePtr &w = inner();
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->header().remove("Content-Length");
    w->writeHeader(503);
    w->write(m_settings->message);
    w->finish();
}

void TimeoutWriter::completeResponse()
{
    if (m_timedOut || isAbandoned())
        return;
    if (m_settings->limit.count() > 0 && std::chrono::steady_clock::now() >= m_deadline) {
        // The handler ran past the limit without yielding to the event loop (so the timer could not fire).
        answerTimeout();
        return;
    }
    const ResponsePtr &w = inner();
    w->header() = m_header;
    w->writeHeader(m_status != 0 ? m_status : 200);
    if (!m_body.isEmpty())
        w->write(m_body);
    m_body.clear();
    w->finish();
}

} // namespace httpcore
