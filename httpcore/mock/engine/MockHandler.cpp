#include "httpcore/mock/engine/MockHandler.h"

#include "httpcore/mock/engine/CompiledRoute.h"
#include "httpcore/mock/engine/RouteHandler.h"

using namespace Qt::StringLiterals;

namespace mock
{

MockHandlerBuild buildMockHandler(const RouteSet &routes, const MockHandlerOptions &options)
{
    MockHandlerBuild build;
    auto mux = std::make_shared<httpcore::ServeMux>();
    for (const Route &route : routes.routes) {
        if (!route.enabled)
            continue;
        QList<EngineProblem> problems;
        auto compiled = CompiledRoute::compile(route, options, problems);
        const std::optional<httpcore::MuxError> refused =
            mux->handle(route.pattern.toUtf8(), std::make_shared<const RouteHandler>(std::move(compiled)));
        if (refused) {
            // The route is not served, so its other problems would only distract.
            build.problems.append(
                EngineProblem{route.id, u"route \"%1\" is not served: %2"_s.arg(route.id, refused->message)});
            continue;
        }
        build.problems.append(problems);
    }
    if (options.notFound)
        mux->setNotFoundHandler(options.notFound);
    build.mux = std::move(mux);
    return build;
}

} // namespace mock
