#include "httpcore/mux/SwappableHandler.h"

namespace httpcore
{

SwappableHandler::SwappableHandler(HandlerPtr initial) : m_current(std::move(initial)) {}

HandlerPtr SwappableHandler::current() const
{
    const std::lock_guard lock(m_mutex);
    return m_current;
}

void SwappableHandler::setCurrent(HandlerPtr next)
{
    // The replaced snapshot is released here, outside any lock, possibly running its destructor.
    exchange(std::move(next));
}

HandlerPtr SwappableHandler::exchange(HandlerPtr next)
{
    const std::lock_guard lock(m_mutex);
    m_current.swap(next);
    return next;
}

void SwappableHandler::serveHttp(const ResponsePtr &w, const Request &r) const
{
    // One load per request: the whole request sees one snapshot, kept alive by this copy.
    const HandlerPtr handler = current();
    if (handler) {
        handler->serveHttp(w, r);
        return;
    }
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->header().set("X-Content-Type-Options", "nosniff");
    w->writeHeader(404);
    w->write("404 page not found\n");
}

} // namespace httpcore
