#include "httpcore/middleware/ResponseWriterWrapper.h"

#include "httpcore/middleware/Middleware.h"

namespace httpcore
{

ResponseWriterWrapper::ResponseWriterWrapper(Token, ResponsePtr inner) : m_inner(std::move(inner))
{
    Q_ASSERT(m_inner);
}

ResponseWriterWrapper::~ResponseWriterWrapper() = default;

void ResponseWriterWrapper::writeHeader(int status)
{
    if (!m_completed)
        m_inner->writeHeader(status);
}

qint64 ResponseWriterWrapper::write(QByteArrayView data)
{
    if (m_completed)
        return -1;
    return m_inner->write(data);
}

void ResponseWriterWrapper::flush()
{
    if (!m_completed)
        m_inner->flush();
}

void ResponseWriterWrapper::finish()
{
    complete();
}

bool ResponseWriterWrapper::isFinished() const
{
    return m_completed || m_inner->isFinished();
}

Expected<HijackedConnection, QString> ResponseWriterWrapper::hijack()
{
    if (m_completed)
        return Unexpected<QString>{QStringLiteral("the response is finished")};
    auto hijacked = m_inner->hijack();
    if (hijacked) {
        m_hijacked = true;
        complete();
    }
    return hijacked;
}

void ResponseWriterWrapper::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    if (!m_completed)
        m_inner->whenDrained(lowWater, std::move(callback));
}

void ResponseWriterWrapper::completeResponse()
{
    if (!m_abandoned && !m_hijacked)
        m_inner->finish();
}

void ResponseWriterWrapper::complete()
{
    if (m_completed)
        return;
    m_completed = true;
    completeResponse();
}

void ResponseWriterWrapper::completeOnRelease()
{
    // More exceptions in flight than when the wrapper was made: it is being released by stack unwinding.
    if (!m_completed && std::uncaught_exceptions() > m_uncaught)
        m_abandoned = true;
    // Called from a deleter, possibly during unwinding: nothing may escape.
    try {
        complete();
    } catch (const std::exception &e) {
        qCWarning(lcMiddleware) << "response completion hook threw:" << e.what();
    } catch (...) {
        qCWarning(lcMiddleware) << "response completion hook threw a non-standard exception";
    }
}

} // namespace httpcore
