#pragma once

#include "httpcore/Handler.h"
#include "httpcore/mock/engine/CompiledRoute.h"

#include <memory>

namespace mock
{

// RouteHandler serves one route of a route set: per request it picks a response (see buildMockHandler()), reads
// the body first when a rule or the chosen response's templates need it, runs a slow upload read when that fault
// fires, waits the response's delay on a timer of the worker thread, and answers (see answer()). Nothing blocks:
// each asynchronous step keeps the exchange, and so the response, alive until it is done.
//
// A body that nothing of the answer uses is still read, and thrown away, before the delay and the answer when it
// is small and bounded (see MaxUnusedBodyBytes), so that a layer observing the read (RequestCapture, and so the
// window's inspector) sees every such body; a larger one keeps Go's lazy semantics (not read, and no
// "100 Continue"; the server drains it or closes after the response). When the body cannot be read (the client
// went away, the read timed out, malformed chunking) the route does not answer: the server answers the error or
// closes (see RequestBody::EndCallback and ResponsePtr).
//
// Thread affinity: none; serveHttp() is const and called concurrently from worker threads (the route's mutable
// state is atomic or mutex-guarded, see CompiledRoute and FaultDice).
class RouteHandler final : public httpcore::Handler
{
public:
    // MaxUnusedBodyBytes bounds the request body a route reads and throws away when neither its rules nor the
    // chosen response's templates use it (bytes): a body with a declared Content-Length up to this is read before
    // answering (after "100 Continue" when the client expects it); a longer one is not read. A chunked body, of
    // unknown length, is read up to this many bytes (buffered, like a body a rule reads, then dropped) with the rest
    // left to the server's drain rule, unless the client expects 100-continue: it is then not read, because the
    // route cannot tell whether it would invite a body it then refuses. 1 MiB covers the JSON and form bodies
    // mocks see while keeping a large upload from being read into a mock that ignores it.
    static constexpr qint64 MaxUnusedBodyBytes = qint64(1) << 20;

    explicit RouteHandler(std::shared_ptr<const CompiledRoute> route);

    void serveHttp(const httpcore::ResponsePtr &w, const httpcore::Request &r) const override;

    const CompiledRoute &route() const { return *m_route; }

    // delayOf draws a delay from delay: minMs when fixed, else uniform in [minMs, maxMs] (milliseconds, capped at a
    // day). Thread-safe.
    static int delayOf(const Delay &delay);

private:
    std::shared_ptr<const CompiledRoute> m_route;
};

} // namespace mock
