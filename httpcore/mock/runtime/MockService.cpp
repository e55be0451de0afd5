#include "httpcore/mock/runtime/MockService.h"

#include "httpcore/mock/engine/MockHandler.h"
#include "httpcore/mock/proxy/ProxyHandler.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

MockService::MockService(MockServiceOptions options)
    : m_options(std::move(options)), m_stack(std::make_shared<httpcore::MiddlewareStack>()),
      m_recorder(m_options.recordSink
                     ? std::make_shared<ProxyRecorder>(m_options.recordSink, m_options.recordingsDirectory)
                     : nullptr)
{}

QStringList MockService::apply(const RouteSet &set)
{
    QStringList problems;

    MockHandlerOptions handlerOptions;
    handlerOptions.baseDirectory = m_options.baseDirectory;
    handlerOptions.errorSink = m_options.errorSink;
    if (set.proxy.enabled) {
        if (set.proxy.record && !m_recorder)
            problems.append(u"proxy: recording is not available here; requests are proxied without recording"_s);
        auto proxy = ProxyHandler::fromSettings(set.proxy, m_recorder);
        if (proxy)
            handlerOptions.notFound = std::move(*proxy);
        else
            problems.append(u"proxy: %1; unmatched requests are answered 404"_s.arg(proxy.error()));
    }
    MockHandlerBuild build = buildMockHandler(set, handlerOptions);
    // Each message names its route ("route \"x\" is not served: ...").
    for (const EngineProblem &problem : build.problems)
        problems.append(problem.message);

    std::vector<httpcore::MiddlewareEntry> entries;
    QStringList names;
    for (qsizetype i = 0; i < set.server.middleware.size(); ++i) {
        const MiddlewareSetting &setting = set.server.middleware[i];
        auto entry = makeMiddlewareEntry(setting, m_options.sinks);
        if (!entry) {
            problems.append(u"middleware[%1] %2; left out"_s.arg(i).arg(entry.error()));
            continue;
        }
        if (names.contains(setting.name)) {
            problems.append(u"middleware[%1] %2: listed twice; left out"_s.arg(i).arg(setting.name));
            continue;
        }
        names.append(setting.name);
        entries.push_back(std::move(*entry));
    }
    // Inner first, then the chain: a request arriving between the two sees the new routes through the old
    // middleware, never the reverse (new middleware expecting routes that are not there yet).
    m_stack->setInner(std::move(build.mux));
    m_stack->setEntries(std::move(entries));
    return problems;
}

} // namespace mock
