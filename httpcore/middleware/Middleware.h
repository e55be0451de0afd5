#pragma once

#include "httpcore/Handler.h"

#include <QLoggingCategory>

#include <functional>
#include <vector>

namespace httpcore
{

// Middleware is a function that takes the next handler and returns a handler that wraps it (Go's
// func(http.Handler) http.Handler). It is called when a chain is built (once per MiddlewareStack snapshot, not
// per request) and may be called many times; the handler it returns is called concurrently from worker threads
// and must follow the Handler contract. Returning null means "no wrapping": the next handler is used as is.
//
// Thread affinity: none; a Middleware must be safe to call from whichever thread builds a chain.
using Middleware = std::function<HandlerPtr(HandlerPtr next)>;

// chain composes middlewares into one, the first listed outermost (as Go's usual Chain(a, b, c)(h) ==
// a(b(c(h)))): a request passes through them in list order and the response completes in reverse order. Empty
// (null) middlewares are skipped. Pure; thread-safe.
Middleware chain(std::vector<Middleware> middlewares);

// applyMiddleware returns handler wrapped by middleware, or handler itself when middleware is empty or returns
// null. Pure; thread-safe.
HandlerPtr applyMiddleware(const Middleware &middleware, HandlerPtr handler);

} // namespace httpcore

// lcMiddleware is the logging category of the built-in middleware ("switchboard.httpcore.middleware").
Q_DECLARE_LOGGING_CATEGORY(lcMiddleware)
