#include "httpcore/middleware/LatencyInjector.h"

#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <exception>

namespace httpcore
{

namespace
{

// MaxDelayMs caps a configured delay at one day (and keeps high + 1 from overflowing).
constexpr int MaxDelayMs = 86'400'000;

// serveLater calls next for the delayed request from the timer. Exceptions stop here: they must not cross the
// event loop.
void serveLater(const HandlerPtr &next, const ResponsePtr &w, const Request &r)
{
    if (w->isFinished())
        return;
    QByteArray what;
    try {
        next->serveHttp(w, r);
        return;
    } catch (const std::exception &e) {
        what = e.what();
    } catch (...) {
        what = "exception of unknown type";
    }
    qCWarning(lcMiddleware).nospace() << "delayed handler for " << r.method << ' ' << r.target.left(256) << " threw ("
                                      << what << ")";
    // As the server does for a throwing handler: close without a response when possible. hijack() fails once a
    // byte was sent; the response then ends as it stands.
    auto hijacked = w->hijack();
    if (hijacked) {
        hijacked->socket->abort();
        hijacked->socket->deleteLater();
        return;
    }
    w->finish();
}

} // namespace

LatencyInjector::LatencyInjector(Settings settings, HandlerPtr next) : m_settings(settings), m_next(std::move(next)) {}

Middleware LatencyInjector::middleware(Settings settings)
{
    return [settings](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const LatencyInjector>(settings, std::move(next));
    };
}

int LatencyInjector::nextDelay() const
{
    const int low = std::clamp(m_settings.minMs, 0, MaxDelayMs);
    const int high = std::clamp(m_settings.maxMs, 0, MaxDelayMs);
    if (high <= low)
        return low;
    // bounded(low, high) draws from [low, high).
    return QRandomGenerator::global()->bounded(low, high + 1);
}

void LatencyInjector::serveHttp(const ResponsePtr &w, const Request &r) const
{
    const int delay = nextDelay();
    if (delay <= 0) {
        m_next->serveHttp(w, r);
        return;
    }
    // The timer keeps the request copy, the response and the next layers alive; it runs on this worker thread.
    QTimer::singleShot(delay, Qt::PreciseTimer, [next = m_next, w, request = r] { serveLater(next, w, request); });
}

} // namespace httpcore
