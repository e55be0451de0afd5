#pragma once

#include "httpcore/middleware/Middleware.h"

namespace httpcore
{

// LatencyInjector delays every request before the next handler sees it: by a fixed time, or by a time drawn
// uniformly from [minMs, maxMs] (QRandomGenerator::global(), thread-safe), to make a mock feel like a slow
// backend.
//
// The delay never blocks the worker thread: the request (a value type) is copied, the ResponsePtr kept, and the
// next handler is called from a Qt timer on the same worker thread. So the next handler, and every layer inside
// this one, runs after this layer returned (journey: this layer's MiddlewareLeft precedes the inner layers'
// MiddlewareEntered). When the response is already finished at the end of the delay (the client went away), the
// next handler is not called. An exception thrown by the delayed next handler cannot reach the server or a
// recovery layer further out (it would cross the event loop): it is caught and logged, and the connection is
// closed without a response when nothing was sent yet (as the server does for a handler that throws; it is
// taken over with hijack() to do so, so observers see it as hijacked), or the response is finished as it stands. Put a
// Recovery layer inside this one to answer 500 instead.
//
// Thread affinity: none (a Handler); the timer runs on the request's worker thread.
class LatencyInjector final : public Handler
{
public:
    // Settings configures a LatencyInjector. With maxMs <= minMs the delay is fixed at minMs; a delay of 0 calls
    // the next handler directly. Delays are capped at one day.
    struct Settings
    {
        int minMs = 0; // milliseconds
        int maxMs = 0; // milliseconds
    };

    LatencyInjector(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a LatencyInjector with settings.
    static Middleware middleware(Settings settings);

    // nextDelay draws the delay of one request, in milliseconds. Thread-safe.
    int nextDelay() const;

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    const Settings m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
