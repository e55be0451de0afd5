#include "httpcore/middleware/Middleware.h"

Q_LOGGING_CATEGORY(lcMiddleware, "switchboard.httpcore.middleware", QtInfoMsg)

namespace httpcore
{

Middleware chain(std::vector<Middleware> middlewares)
{
    return [middlewares = std::move(middlewares)](HandlerPtr next) {
        // Wrap from the innermost (last) outwards so the first middleware ends up outermost.
        for (auto it = middlewares.rbegin(); it != middlewares.rend(); ++it)
            next = applyMiddleware(*it, std::move(next));
        return next;
    };
}

HandlerPtr applyMiddleware(const Middleware &middleware, HandlerPtr handler)
{
    if (!middleware)
        return handler;
    HandlerPtr wrapped = middleware(handler);
    return wrapped ? wrapped : handler;
}

} // namespace httpcore
