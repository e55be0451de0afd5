#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArray>

#include <chrono>
#include <memory>

namespace httpcore
{

// TimeoutHandler runs the next handler with a time limit (Go's http.TimeoutHandler). The handler writes into a
// buffer (a TimeoutWriter): when it completes its response within the limit, the buffered status, header and
// body are copied to the real response; when the limit passes first, the client gets "503 Service Unavailable"
// with Settings::message, and the handler's later writes are discarded (write() returns -1, isFinished() is
// true). A handler that completes synchronously but after the limit (a slow computation) also gets the 503.
//
// The limit is a Qt timer on the worker thread (nothing blocks). As with Go, the buffered writer does not stream:
// flush() does nothing until completion, informational (1xx) statuses are dropped, and hijack() fails. The
// buffer is not capped: keep streaming handlers out of a timeout layer.
//
// Thread affinity: none (a Handler); the timer and the writer live on the request's worker thread.
class TimeoutHandler final : public Handler
{
public:
    // Settings configures a TimeoutHandler.
    struct Settings
    {
        // limit is the time the handler has to complete its response; zero or negative disables the limit.
        std::chrono::milliseconds limit{30'000};
        // message is the body of the 503 answer (text/plain).
        QByteArray message = QByteArrayLiteral("503 Service Unavailable: the handler timed out\n");
    };

    TimeoutHandler(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a TimeoutHandler with settings.
    static Middleware middleware(Settings settings);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // Shared with the writers, which may outlive this handler.
    const std::shared_ptr<const Settings> m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
