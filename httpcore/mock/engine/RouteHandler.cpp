#include "httpcore/mock/engine/RouteHandler.h"

#include "httpcore/RequestBody.h"
#include "httpcore/mock/engine/Exchange.h"
#include "httpcore/mock/engine/ResponseAnswer.h"
#include "httpcore/mock/engine/SlowUploadReader.h"
#include "httpcore/mock/engine/ThreadContext.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

// MaxDelayMs caps a delay at one day (and keeps maxMs + 1 from overflowing).
constexpr int MaxDelayMs = 86'400'000;

// afterBody waits the chosen response's delay, then answers. The delay starts once the body was read, or at once
// when it is not read.
void afterBody(const ExchangePtr &ex)
{
    const int delay = RouteHandler::delayOf(ex->response().delay);
    if (delay <= 0) {
        answer(ex);
        return;
    }
    // The timer runs on this worker thread and keeps the exchange (and the response) until it fires.
    QTimer::singleShot(delay, Qt::PreciseTimer, threadContext(), [ex] { answer(ex); });
}

// readUnusedBody reads the body that nothing of the answer uses, when it is small and bounded (see
// RouteHandler::MaxUnusedBodyBytes), and throws it away; then calls next. Reading it is what lets the observers of
// the read (RequestCapture's tap) see it, and what keeps the connection reusable without the server's drain. When
// the body fails (the client went away, the read timed out, malformed chunking) next is never called and the
// exchange is released: a response whose connection died is detached, so nothing is written; otherwise the server
// answers 400 or 413 itself, or finishes the response empty and closes (a peer that half-closed mid-body).
void readUnusedBody(const ExchangePtr &ex, ExchangeStep next)
{
    const httpcore::Request &request = ex->data.request();
    const std::shared_ptr<httpcore::RequestBody> body = request.body;
    if (!body || !ex->data.hasUnreadBody() || body->contentLength() == 0) {
        next(ex);
        return;
    }
    if (body->contentLength() > 0) {
        // Go's lazy semantics for a large declared body: not read, so no 100 Continue invites it.
        if (body->contentLength() > RouteHandler::MaxUnusedBodyBytes) {
            next(ex);
            return;
        }
        // discard() buffers nothing; the declared length bounds what it reads.
        body->discard([ex, next = std::move(next)](const std::optional<httpcore::HttpError> &error) {
            if (!error)
                next(ex);
        });
        return;
    }
    // Chunked: the length is unknown. RFC 9110 §10.1.1 lets a server that does not want the body answer without
    // 100 Continue; the route cannot know the size before inviting it, so it does not.
    if (request.expectContinue) {
        next(ex);
        return;
    }
    // A capped readAll() stops reading at the cap (discard() would not), leaving the rest to the server's drain.
    body->readAll(RouteHandler::MaxUnusedBodyBytes, [ex, next = std::move(next)](QByteArray, bool) { next(ex); });
}

// choose picks the response and throws its fault's dice, then reads what the answer needs.
void choose(const ExchangePtr &ex)
{
    ex->responseIndex = selectResponse(*ex);
    const CompiledResponse &response = ex->response();
    if (response.dice)
        ex->fault = response.dice->roll();
    if (const Fault *fault = ex->firingFault(); fault && fault->kind == FaultKind::SlowUploadRead) {
        SlowUploadReader::start(ex, std::max(1, fault->bytesPerSecond), afterBody);
        return;
    }
    if (response.needsBody) {
        readBody(ex, afterBody);
        return;
    }
    readUnusedBody(ex, afterBody);
}

} // namespace

RouteHandler::RouteHandler(std::shared_ptr<const CompiledRoute> route) : m_route(std::move(route)) {}

int RouteHandler::delayOf(const Delay &delay)
{
    const int low = std::clamp(delay.minMs, 0, MaxDelayMs);
    const int high = std::clamp(delay.maxMs, 0, MaxDelayMs);
    if (high <= low)
        return low;
    // bounded(low, high) draws from [low, high).
    return QRandomGenerator::global()->bounded(low, high + 1);
}

void RouteHandler::serveHttp(const httpcore::ResponsePtr &w, const httpcore::Request &r) const
{
    const auto ex = std::make_shared<Exchange>(m_route, w, r);
    ex->counter = m_route->requestCount.fetch_add(1, std::memory_order_relaxed) + 1;
    if (m_route->responses.empty()) {
        const QString message = u"route \"%1\" has no responses"_s.arg(m_route->id);
        m_route->report(message);
        answerError(w, message);
        return;
    }
    if (m_route->rulesNeedBody) {
        readBody(ex, choose);
        return;
    }
    choose(ex);
}

} // namespace mock
