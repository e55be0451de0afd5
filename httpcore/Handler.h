#pragma once

#include "httpcore/Request.h"
#include "httpcore/ResponseWriter.h"

#include <functional>
#include <memory>

namespace httpcore
{

// ResponsePtr is the handle through which a handler answers one request.
//
// Completion contract: the response is finished by the first of w->finish() or the release of the LAST
// ResponsePtr copy. The server drops its own copy right after Handler::serveHttp() returns, so a synchronous
// handler needs to do nothing: returning finishes the response. An asynchronous handler (a QTimer delay, a
// streaming endpoint, a proxied answer) keeps a copy and writes and finishes later, on the same worker thread,
// without blocking that thread. If the connection dies first, the writer is detached: later write() calls
// return -1, writeHeader()/flush()/finish() do nothing, and nothing crashes. A ResponsePtr must be used, copied
// and released only on the worker thread that called serveHttp().
using ResponsePtr = std::shared_ptr<ResponseWriter>;

// Handler responds to an HTTP request (Go's http.Handler).
//
// serveHttp() writes the response through w (see ResponsePtr for when the response is finished) and reads the
// request body, if any, through r.body. It is const because the server calls it concurrently from every worker
// thread: mutable per-handler state must be atomic or otherwise thread-safe. A handler must not block its
// thread (no sleep, no waitFor*). An exception escaping serveHttp() is caught by the server, which logs it and
// closes the connection without a response (as Go does with a panic); answering 500 is a middleware's job.
//
// Thread affinity: none; called on worker threads. r is valid only during the call: copy what is needed later.
class Handler
{
public:
    virtual ~Handler();
    virtual void serveHttp(const ResponsePtr &w, const Request &r) const = 0;
};

// HandlerPtr is an immutable, shareable handler snapshot (what Server::setHandler() publishes).
using HandlerPtr = std::shared_ptr<const Handler>;

// HandlerFunc adapts a function to a Handler (Go's http.HandlerFunc). The function is called concurrently
// from worker threads and must therefore be safe to call so (captures read-only or thread-safe).
class HandlerFunc final : public Handler
{
public:
    using Function = std::function<void(const ResponsePtr &w, const Request &r)>;

    explicit HandlerFunc(Function function);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

    // make returns a HandlerPtr holding a HandlerFunc over function.
    static HandlerPtr make(Function function);

private:
    Function m_function;
};

} // namespace httpcore
