#pragma once

#include "httpcore/Handler.h"
#include "httpcore/mock/engine/CompiledRoute.h"
#include "httpcore/mock/engine/FaultDice.h"
#include "httpcore/mock/engine/RequestData.h"

#include <functional>
#include <memory>

namespace mock
{

// Exchange is one request being answered by a route handler, shared (std::shared_ptr) by the continuations of the
// asynchronous steps of its answer: reading the body, the delay, streaming, a fault. Whoever holds it holds the
// response open (see httpcore::ResponsePtr).
//
// Thread affinity: the worker thread that received the request; not thread-safe.
struct Exchange
{
    Exchange(std::shared_ptr<const CompiledRoute> r, httpcore::ResponsePtr w, const httpcore::Request &request)
        : route(std::move(r)), writer(std::move(w)), data(request)
    {}

    std::shared_ptr<const CompiledRoute> route;
    // writer answers the request; replaced by a writer over the raw connection after a slow upload read.
    httpcore::ResponsePtr writer;
    RequestData data;
    // counter is the route's request count including this request (the template's counter).
    quint64 counter = 0;
    // responseIndex is the chosen response (index into route->responses), -1 before the choice.
    int responseIndex = -1;
    FaultRoll fault;

    const CompiledResponse &response() const { return route->responses.at(size_t(responseIndex)); }
    // firingFault returns the chosen response's fault when its dice fired for this request, else null.
    const Fault *firingFault() const
    {
        return (responseIndex >= 0 && fault.fires && response().fault) ? &*response().fault : nullptr;
    }
    // describe names the route and the chosen response for messages: `route "users", response 2 ("missing")`.
    QString describe() const;
};

using ExchangePtr = std::shared_ptr<Exchange>;
// ExchangeStep is a continuation of an exchange.
using ExchangeStep = std::function<void(const ExchangePtr &)>;

// selectResponse picks the response of ex's route for ex's request (see buildMockHandler() for the modes); -1 when
// the route has no responses. Thread-safe for concurrent exchanges of one route (the sequence is atomic).
int selectResponse(const Exchange &ex);

// readBody reads ex's request body (up to the route's cap) into ex->data, then calls next from the event loop. When
// the body cannot be read (the client went away, malformed chunking) next is never called: the server answers or
// closes, and the exchange is released.
void readBody(const ExchangePtr &ex, ExchangeStep next);

// answerError answers 500 with message as a plain-text body when nothing was sent yet, and finishes the response.
void answerError(const httpcore::ResponsePtr &w, const QString &message);

} // namespace mock
