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
// Thread affinity: none; serveHttp() is const and called concurrently from worker threads (the route's mutable
// state is atomic or mutex-guarded, see CompiledRoute and FaultDice).
class RouteHandler final : public httpcore::Handler
{
public:
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
