#pragma once

#include "httpcore/middleware/CapturedExchange.h"
#include "httpcore/middleware/Middleware.h"

#include <functional>
#include <memory>

namespace httpcore
{

// RequestCapture records every exchange passing through it for the inspector: a dump of the request (see dumpRequest())
// and of the response (status line, header fields, body), each body capped at bodyCap bytes, with sizes and duration.
// The request body is captured as the handler reads it (a RequestBody tap installed before the next handler runs): the
// capture never reads anything itself, so the handler gets the same bytes and the same lazy reading (and 100-continue)
// as without it. What the handler had not read when its response completed is not in the capture, and the dump says so
// (see CapturedExchange::request). The CapturedExchange is delivered to the sink when the response completes (finish(),
// or release of the last ResponsePtr), so asynchronous and streaming responses are captured whole. The response header
// is taken when the status is written, i.e. as sent (after the changes of any wrapping layer further in, such as gzip's
// Content-Encoding); the response body is what passed through this layer.
//
// Thread affinity: none (a Handler); the sink is called on worker threads.
class RequestCapture final : public Handler
{
public:
    // Settings configures a RequestCapture.
    struct Settings
    {
        // bodyCap is the most body bytes kept of each of the request and the response body (bytes).
        qsizetype bodyCap = 64 * 1024;
        // sink receives each exchange. It is called concurrently from worker threads, so it must be thread-safe,
        // and must not block (queue the exchange). A capture without sink captures nothing.
        std::function<void(const CapturedExchange &exchange)> sink;
    };

    RequestCapture(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a RequestCapture with settings.
    static Middleware middleware(Settings settings);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // Shared with the response wrappers, which may outlive this handler.
    const std::shared_ptr<const Settings> m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
