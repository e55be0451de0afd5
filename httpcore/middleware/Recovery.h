#pragma once

#include "httpcore/middleware/Middleware.h"

namespace httpcore
{

// Recovery turns an exception escaping the next handler into a "500 Internal Server Error" answer (Go's recovery
// middlewares around a panic), logged to lcMiddleware. The body is short ("500 Internal Server Error\n"); with
// Settings::exposeDetails it also carries the exception's what() (a local mock server may want it; a shared one
// should not leak it). Content-Length, Content-Type and the other representation fields the handler had set are
// replaced; fields set by outer middleware (CORS, request id) stay.
//
// Limits: only exceptions thrown synchronously from serveHttp() can be caught; one thrown later from a timer or a
// body callback never reaches this layer (and must not cross the event loop). When the response has already
// started (a status or body bytes were written, so the head may be on the wire or is fixed), a clean 500 is no
// longer possible: the exception is rethrown, and the server logs it and closes the connection without completing
// the response, which the client sees as a truncated exchange rather than a well-formed wrong answer.
//
// Thread affinity: none (a Handler).
class Recovery final : public Handler
{
public:
    // Settings configures a Recovery.
    struct Settings
    {
        // exposeDetails includes the exception message in the 500 body.
        bool exposeDetails = false;
    };

    Recovery(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a Recovery with settings.
    static Middleware middleware(Settings settings);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // answer writes the 500 for an exception described by what, or returns false when the response has started.
    bool answer(const ResponsePtr &w, const Request &r, QByteArrayView what) const;

    const Settings m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
