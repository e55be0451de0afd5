#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace httpcore
{

// RequestLogger writes one line per exchange: method, request-target, protocol, status, response body bytes and
// duration, as text or as a JSON object; with the request's X-Request-Id when it has one. The line is written
// when the response completes (finish(), or release of the last ResponsePtr), so asynchronous handlers are timed
// to their real end. Bytes are what passed through this layer (compressed bytes when a gzip layer is further
// in). An exchange whose handler threw before completing is logged with the status written so far (0 when
// none) and marked as aborted.
//
// Text:  GET /hello HTTP/1.1 200 14 0.412ms
// JSON:  {"bytes":14,"durationMs":0.412,"method":"GET","proto":"HTTP/1.1","status":200,"uri":"/hello"}
//
// Thread affinity: none (a Handler); the sink is called on worker threads.
class RequestLogger final : public Handler
{
public:
    enum class Format
    {
        Text,
        Json
    };

    // Settings configures a RequestLogger.
    struct Settings
    {
        Format format = Format::Text;
        // sink receives each line, ending in '\n'. It is called concurrently from worker threads, so it must be
        // thread-safe, and must not block. A logger without sink logs nothing.
        std::function<void(QByteArray line)> sink;
    };

    RequestLogger(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a RequestLogger with settings.
    static Middleware middleware(Settings settings);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // Shared with the response wrappers, which may outlive this handler.
    const std::shared_ptr<const Settings> m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
