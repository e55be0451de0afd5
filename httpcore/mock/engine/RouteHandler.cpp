#include "httpcore/mock/engine/RouteHandler.h"

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

// afterBody waits the chosen response's delay, then answers.
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
    afterBody(ex);
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
