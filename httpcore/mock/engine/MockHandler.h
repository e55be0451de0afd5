#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/engine/EngineProblem.h"
#include "httpcore/mux/ServeMux.h"

#include <QList>
#include <QString>

#include <memory>

namespace mock
{

// MockHandlerOptions configures a handler snapshot built by buildMockHandler().
struct MockHandlerOptions
{
    // baseDirectory resolves relative MockResponse::bodyFile paths: the route-set file's directory. Empty means
    // the current directory.
    QString baseDirectory;
    // errorSink receives run-time errors (see ErrorSink): called on worker threads, must be thread-safe.
    ErrorSink errorSink;
    // maxBodyBytes caps the request body the engine reads for rules and templates (bytes); a longer body is
    // truncated, so JSON rules on it see no JSON.
    qint64 maxBodyBytes = 1024 * 1024;
    // notFound answers the requests no route matches (the proxy fallback); null keeps the mux's 404.
    httpcore::HandlerPtr notFound;
};

// MockHandlerBuild is what buildMockHandler() returns: the snapshot and the problems met building it.
struct MockHandlerBuild
{
    // mux serves the route set; never null (an empty set answers 404 to everything).
    std::shared_ptr<const httpcore::ServeMux> mux;
    // problems, in route order: routes skipped because the mux refused their pattern, templates that do not parse
    // (the response answers 500 naming them), regexes that do not compile (the rule never matches), routes without
    // responses (answer 500).
    QList<EngineProblem> problems;
};

// buildMockHandler builds the immutable handler snapshot of routes: a ServeMux with one route handler per enabled
// route (disabled routes are left out). Each route handler picks a response by the route's RouteMode (Rules:
// the first response whose rules match, else the default one, else the first; Sequence: the next one, wrapping,
// counted per route; Random: uniformly), reads the request body first (up to maxBodyBytes when a rule or template
// of the route needs it; else, to throw it away, only a small one: see RouteHandler::MaxUnusedBodyBytes), waits
// the response's delay on a timer of the worker thread, renders its templates (see TemplateData for the names),
// applies its fault when the fault's dice say so (see FaultKind and the engine's fault files), and answers:
// status, headers, Content-Type, and the inline body or the body file streamed from disk in paced chunks with
// Content-Length from the file's size. A body file that cannot be opened at answer time and a template that fails
// to render answer 500 with a plain-text body naming the route and the problem, and are reported to
// options.errorSink.
//
// Per-route state (sequence position, request counter, fault dice) lives in the snapshot: a new build starts
// afresh. Thread affinity: call on any thread (typically the GUI's, when the route set changes); the result is
// immutable and safe to publish (Server::setHandler(), SwappableHandler) and serve from every worker thread.
[[nodiscard]] MockHandlerBuild buildMockHandler(const RouteSet &routes, const MockHandlerOptions &options = {});

} // namespace mock
