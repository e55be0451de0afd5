#include "httpcore/middleware/TimeoutHandler.h"

#include "httpcore/middleware/TimeoutWriter.h"

#include <QTimer>

namespace httpcore
{

TimeoutHandler::TimeoutHandler(Settings settings, HandlerPtr next)
    : m_settings(std::make_shared<const Settings>(std::move(settings))), m_next(std::move(next))
{}

Middleware TimeoutHandler::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const TimeoutHandler>(settings, std::move(next));
    };
}

void TimeoutHandler::serveHttp(const ResponsePtr &w, const Request &r) const
{
    if (m_settings->limit.count() <= 0) {
        m_next->serveHttp(w, r);
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + m_settings->limit;
    const auto writer = ResponseWriterWrapper::make<TimeoutWriter>(w, m_settings, deadline);
    // The timer runs on this worker thread's event loop. It holds only a weak reference: a handler that completed
    // in time released the writer, and the timer then does nothing.
    QTimer::singleShot(m_settings->limit, Qt::PreciseTimer, [weak = std::weak_ptr<TimeoutWriter>(writer)] {
        if (const auto alive = weak.lock())
            alive->timeOut();
    });
    m_next->serveHttp(writer, r);
}

} // namespace httpcore
