#include "app/MockCommands.h"

#include "app/HeadlessRunner.h"
#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/runtime/MockService.h"
#include "httpcore/mock/runtime/ServerLimitsConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace app
{

namespace
{

void printLine(std::FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

void printReport(const mock::ImportReport &report)
{
    for (const QString &line : report.lines())
        printLine(stdout, line);
}

QString countOf(qsizetype n, const QString &one, const QString &many)
{
    return u"%1 %2"_s.arg(n).arg(n == 1 ? one : many);
}

QString reportSummary(const mock::ImportReport &report)
{
    using Severity = mock::ImportReport::Severity;
    return u"%1, %2"_s.arg(countOf(report.count(Severity::Warning), u"warning"_s, u"warnings"_s),
                           countOf(report.count(Severity::Error), u"item left out"_s, u"items left out"_s));
}

// relativeBodyFiles makes the absolute body-file paths of route that lie under directory relative to it, so a
// recorded route set stays valid when its folder moves (a repository checked out elsewhere).
void relativeBodyFiles(mock::Route &route, const QDir &directory)
{
    for (mock::MockResponse &response : route.responses) {
        if (response.bodyFile.isEmpty() || QDir::isRelativePath(response.bodyFile))
            continue;
        const QString relative = directory.relativeFilePath(response.bodyFile);
        if (!relative.startsWith("../"_L1))
            response.bodyFile = relative;
    }
}

} // namespace

int convertFile(const Options &options)
{
    if (options.command == Options::Command::ExportOpenApi) {
        const auto loaded = mock::RouteSetFile::load(options.input);
        if (!loaded) {
            for (const QString &line : mock::problemStrings(loaded.error()))
                printLine(stderr, line);
            return 1;
        }
        const auto exported = mock::exportOpenApiFile(*loaded, options.output);
        if (!exported) {
            printLine(stderr, u"switchboard: %1"_s.arg(exported.error()));
            return 1;
        }
        printReport(*exported);
        printLine(stdout, u"%1: wrote OpenAPI 3.0 from %2 (%3); %4"_s.arg(
                              options.output, options.input, countOf(loaded->routes.size(), u"route"_s, u"routes"_s),
                              reportSummary(*exported)));
        return 0;
    }

    mock::ConvertResult result = [&options] {
        switch (options.command) {
        case Options::Command::ImportMockoon:
            return mock::importMockoonFile(options.input, options.output);
        case Options::Command::ImportOpenApi:
            return mock::importOpenApiFile(options.input, options.output);
        default:
            return mock::importWireMockFile(options.input, options.output);
        }
    }();
    if (!result) {
        printLine(stderr, u"switchboard: %1"_s.arg(result.error()));
        return 1;
    }
    if (const std::optional<QString> failed = mock::RouteSetFile::save(result->set, options.output)) {
        printLine(stderr, u"switchboard: %1"_s.arg(*failed));
        return 1;
    }
    printReport(result->report);
    printLine(stdout, u"%1: wrote %2 from %3; %4"_s.arg(options.output,
                                                        countOf(result->set.routes.size(), u"route"_s, u"routes"_s),
                                                        options.input, reportSummary(result->report)));
    return 0;
}

int serveRouteSet(const Options &options)
{
    const auto loaded = mock::RouteSetFile::load(options.routes);
    if (!loaded) {
        for (const QString &line : mock::problemStrings(loaded.error()))
            printLine(stderr, line);
        return 1;
    }
    mock::RouteSet set = *loaded;
    const QFileInfo file(options.routes);
    const QDir directory = file.absoluteDir();

    // Set once the service exists; recorded routes arrive on worker threads and are handled on this one.
    std::function<void(mock::Route)> addRecorded;
    mock::MockServiceOptions serviceOptions;
    serviceOptions.baseDirectory = directory.absolutePath();
    serviceOptions.errorSink = [](const mock::EngineProblem &problem) {
        printLine(stderr, u"switchboard: %1"_s.arg(problem.message));
    };
    serviceOptions.sinks.logLine = [](QByteArray line) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    };
    serviceOptions.recordSink = [&addRecorded](mock::Route route) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [&addRecorded, route = std::move(route)] { addRecorded(route); },
            Qt::QueuedConnection);
    };
    serviceOptions.recordingsDirectory = directory.filePath(u"recordings"_s);
    mock::MockService service(serviceOptions);

    addRecorded = [&](mock::Route route) {
        relativeBodyFiles(route, directory);
        set.routes.append(route);
        for (const QString &problem : service.apply(set))
            printLine(stderr, u"switchboard: warning: %1"_s.arg(problem));
        const std::optional<QString> failed = mock::RouteSetFile::save(set, options.routes);
        if (failed)
            printLine(stderr, u"switchboard: recorded %1 but %2"_s.arg(route.pattern, *failed));
        else
            printLine(stdout, u"recorded %1 into %2"_s.arg(route.pattern, options.routes));
        std::fflush(stdout);
    };

    for (const QString &problem : service.apply(set))
        printLine(stderr, u"switchboard: warning: %1"_s.arg(problem));

    // The route set's limits; the command line chooses only where to listen and the worker threads.
    httpcore::ServerConfig config = mock::withLimits(httpcore::ServerConfig(), set.server.limits);
    config.host = options.host.value_or(set.server.host);
    config.port = options.port.value_or(set.server.port);
    config.workerThreads = options.workers.value_or(set.server.workers);
    return runHeadless(config, service.handler(), options.logMode, options.logFormat);
}

} // namespace app
