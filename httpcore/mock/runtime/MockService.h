#pragma once

#include "httpcore/Handler.h"
#include "httpcore/middleware/MiddlewareStack.h"
#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/engine/EngineProblem.h"
#include "httpcore/mock/proxy/ProxyRecorder.h"
#include "httpcore/mock/runtime/MiddlewareCatalog.h"

#include <QStringList>

#include <memory>

namespace mock
{

// MockServiceOptions configures a MockService. A plain value.
struct MockServiceOptions
{
    // baseDirectory resolves relative body files: the route-set file's directory (empty: the current one).
    QString baseDirectory;
    // errorSink receives the engine's run-time errors (see ErrorSink).
    ErrorSink errorSink;
    // sinks receive requestLogger's lines and capture's exchanges.
    MiddlewareSinks sinks;
    // recordSink receives the routes the proxy records when a route set turns recording on (see ProxyRecorder):
    // called on worker threads, must be thread-safe and must not block. Empty: recording is never on.
    ProxyRecorder::Sink recordSink;
    // recordingsDirectory receives the body files of recorded binary bodies (see ProxyRecorder).
    QString recordingsDirectory;
};

// MockService is what a server serves for a route set: the set's middleware chain (server.middleware, in order)
// around a ServeMux of its enabled routes (buildMockHandler()), with the proxy as the mux's not-found handler when
// proxy.enabled. handler() is one stable Handler to install on a Server once; apply() swaps everything behind it
// atomically while the server runs, so an edit takes effect on the next request without a restart, and requests in
// flight finish with what they started with (MiddlewareStack's guarantee).
//
// One ProxyRecorder lives as long as the service (so a pattern is recorded once even across applies); it is used
// only while the applied set has proxy.enabled and proxy.record on.
//
// Thread affinity: apply() from one thread at a time (the thread owning the route set: the GUI's or main());
// handler() and the stack are thread-safe.
class MockService final
{
public:
    explicit MockService(MockServiceOptions options = {});
    Q_DISABLE_COPY_MOVE(MockService)

    // apply publishes set and returns its problems, one line each, in the order met: routes not served or served
    // with an error ("route \"x\": ..."), middleware left out ("middleware[2] cors: ..."), a proxy that cannot be
    // made ("proxy: ..."). A problem never stops the rest: what can be served is.
    QStringList apply(const RouteSet &set);

    // handler returns the Handler to install on the server (the middleware stack; never null).
    httpcore::HandlerPtr handler() const { return m_stack; }
    // middleware returns the live stack, for switching a middleware on and off without a full apply().
    const std::shared_ptr<httpcore::MiddlewareStack> &middleware() const { return m_stack; }
    // recorder returns the recorder (null without a recordSink).
    const std::shared_ptr<ProxyRecorder> &recorder() const { return m_recorder; }

private:
    const MockServiceOptions m_options;
    const std::shared_ptr<httpcore::MiddlewareStack> m_stack;
    const std::shared_ptr<ProxyRecorder> m_recorder;
};

} // namespace mock
