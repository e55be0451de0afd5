#include "httpcore/middleware/Recovery.h"

#include <exception>

namespace httpcore
{

Recovery::Recovery(Settings settings, HandlerPtr next) : m_settings(settings), m_next(std::move(next)) {}

Middleware Recovery::middleware(Settings settings)
{
    return [settings](HandlerPtr next) -> HandlerPtr { return std::make_shared<const Recovery>(settings, next); };
}

void Recovery::serveHttp(const ResponsePtr &w, const Request &r) const
{
    try {
        m_next->serveHttp(w, r);
    } catch (const std::exception &e) {
        if (!answer(w, r, e.what()))
            throw;
    } catch (...) {
        if (!answer(w, r, "exception of unknown type"))
            throw;
    }
}

bool Recovery::answer(const ResponsePtr &w, const Request &r, QByteArrayView what) const
{
    const QByteArray requestLine = r.method + ' ' + r.target.left(256);
    if (w->isFinished() || w->status() != 0 || w->bodyBytesWritten() > 0) {
        qCWarning(lcMiddleware).nospace() << "handler for " << requestLine << " threw after its response started ("
                                          << what << "); the connection will be closed";
        return false;
    }
    qCWarning(lcMiddleware).nospace() << "handler for " << requestLine << " threw (" << what << "); answered 500";
    Header &h = w->header();
    // The handler's representation fields describe a body that will not be sent.
    for (const char *name : {"Content-Length", "Content-Encoding", "Content-Range", "Content-Disposition", "ETag",
                             "Last-Modified", "Transfer-Encoding", "Trailer"})
        h.remove(name);
    h.set("Content-Type", "text/plain; charset=utf-8");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    w->writeHeader(500);
    QByteArray body = "500 Internal Server Error\n";
    if (m_settings.exposeDetails)
        body += "exception: " + what.toByteArray() + '\n';
    w->write(body);
    w->finish();
    return true;
}

} // namespace httpcore
