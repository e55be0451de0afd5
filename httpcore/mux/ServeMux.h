#pragma once

#include "httpcore/Handler.h"
#include "httpcore/mux/MuxError.h"
#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/RoutingIndex.h"
#include "httpcore/mux/RoutingTree.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace httpcore
{

// ServeMux dispatches a request to the handler whose pattern matches it most specifically (Go 1.22's
// http.ServeMux; see Pattern for the syntax and the precedence rules).
//
// Matching uses the request's host without its port (lower-cased), its method, and its escaped path split on
// '/' with each segment percent-decoded afterwards, so "%2F" stays inside a segment. The handler gets a copy of
// the request whose pathValues hold the decoded wildcard values, in pattern order. Besides dispatching:
//   - a path that is not clean ("//", "/./", "/../") is redirected, 301 with the query kept, to its cleaned
//     form (not for CONNECT, whose path is used as sent);
//   - "/tree" is redirected (301, query kept) to "/tree/" when "/tree" matches nothing exactly but "/tree/"
//     would: when a subtree ("/tree/" or "/tree/{rest...}") is registered and "/tree" is not;
//   - a path that only patterns of other methods match is answered 405 with an Allow field listing those
//     methods, sorted, HEAD included when GET is;
//   - anything else goes to the not-found handler (by default 404 "404 page not found\n", text/plain);
//   - an "OPTIONS *" request is answered 400, as Go's ServeMux does.
// Every dispatch marks JourneyStage::RouteChosen on the request's journey, labelled with the pattern chosen
// (for a redirect, the pattern its target matches), or with an empty label when none was.
//
// Thread affinity: a ServeMux is built on one thread (handle(), setNotFoundHandler()), then published as an
// immutable std::shared_ptr<const ServeMux> (through Server::setHandler() or a SwappableHandler) and from then on
// used concurrently from every worker thread: its const functions are thread-safe. Never modify a published
// ServeMux; build a new one and swap it in.
class ServeMux final : public Handler
{
public:
    // Match is the outcome of routing one request (see match()).
    struct Match
    {
        enum class Kind
        {
            Route,            // a pattern matched: handler, pattern and pathValues are set
            Redirect,         // 301 to location
            MethodNotAllowed, // 405; allowedMethods is the Allow list
            NotFound          // the not-found handler answers
        };
        Kind kind = Kind::NotFound;
        // pattern is the matched pattern; for a redirect, the pattern the target matches (may be empty).
        QByteArray pattern;
        // handler is the matched route's handler (non-owning: valid while the ServeMux lives).
        const Handler *handler = nullptr;
        // pathValues holds (name, decoded value) of the pattern's named wildcards, in pattern order.
        std::vector<std::pair<QByteArray, QByteArray>> pathValues;
        // location is the redirect target: an escaped path, plus "?" and the query when there was one.
        QByteArray location;
        // allowedMethods is sorted and includes HEAD when GET is allowed.
        QByteArrayList allowedMethods;
    };

    ServeMux();
    ~ServeMux() override;
    Q_DISABLE_COPY_MOVE(ServeMux)

    // handle registers handler for pattern. It refuses, returning why and changing nothing, an invalid pattern,
    // a null handler, and a pattern that conflicts with one registered before (the error names both, as
    // `pattern "GET /a/{x}" conflicts with pattern "GET /{y}/b": ...`). It never throws. Build thread only.
    [[nodiscard]] std::optional<MuxError> handle(QByteArrayView pattern, HandlerPtr handler);
    // handleFunc registers a HandlerFunc over function (see handle()).
    [[nodiscard]] std::optional<MuxError> handleFunc(QByteArrayView pattern, HandlerFunc::Function function);
    // setNotFoundHandler replaces the handler of unmatched requests; null restores the default 404. Build
    // thread only.
    void setNotFoundHandler(HandlerPtr handler);

    // routes returns the registered patterns as given, in registration order.
    QByteArrayList routes() const;
    qsizetype routeCount() const { return qsizetype(m_routes.size()); }

    // match routes a request without serving it: method, host (a Host field value; its port is ignored except
    // for CONNECT), the escaped path as sent (Url::rawPath()) and the raw query (kept by redirects). For tests,
    // benchmarks and tools. Thread-safe.
    Match match(QByteArrayView method, QByteArrayView host, QByteArrayView path, QByteArrayView rawQuery = {}) const;

    // serveHttp routes r and serves it (see the class comment). Thread-safe.
    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    struct Route
    {
        Pattern pattern;
        HandlerPtr handler;
    };

    bool isExactMatch(int id, QByteArrayView path) const;
    QByteArrayList allowedMethods(QByteArrayView host, QByteArrayView path) const;
    Match routeMatch(int id, QByteArrayView path, const RoutingTree::Captures &captures) const;
    static Match redirect(QByteArray location, QByteArrayView rawQuery, QByteArray pattern);

    std::vector<Route> m_routes;
    RoutingTree m_tree;
    RoutingIndex m_index;
    HandlerPtr m_notFound;
};

} // namespace httpcore
