#include "app/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace app
{

namespace
{

int usageError(const QString &message)
{
    std::fprintf(stderr, "switchboard: %s\n", qPrintable(message));
    return 2;
}

} // namespace

std::optional<int> parseCommandLine(const QStringList &arguments, Options &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Local mock-API server"_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption headless(u"headless"_s, u"Run without a window."_s);
    const QCommandLineOption routes(u"routes"_s, u"Serve the route-set FILE."_s, u"FILE"_s);
    const QCommandLineOption check(u"check"_s, u"Check the route-set FILE; exit 0 when valid."_s, u"FILE"_s);
    const QCommandLineOption importMockoon(u"import-mockoon"_s, u"Convert the Mockoon environment IN (needs --out)."_s,
                                           u"IN"_s);
    const QCommandLineOption importOpenApi(
        u"import-openapi"_s, u"Convert the OpenAPI 3 document IN, JSON or YAML (needs --out)."_s, u"IN"_s);
    const QCommandLineOption importWireMock(u"import-wiremock"_s,
                                            u"Convert the WireMock stub mappings IN (needs --out)."_s, u"IN"_s);
    const QCommandLineOption exportOpenApi(
        u"export-openapi"_s, u"Write the route-set IN as an OpenAPI 3.0 document (needs --out)."_s, u"IN"_s);
    const QCommandLineOption out(u"out"_s, u"Where --import-* writes the route set, --export-openapi the document."_s,
                                 u"OUT"_s);
    const QCommandLineOption host(u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"host"_s);
    const QCommandLineOption port(u"port"_s, u"Port to listen on; 0 picks a free one (default 8080)."_s, u"port"_s);
    const QCommandLineOption workers(u"workers"_s, u"Worker threads (default: one per core)."_s, u"n"_s);
    const QCommandLineOption log(u"log"_s,
                                 u"What to print: none, count (totals at exit), requests (one line each, the "
                                 "default) or all (requests and connection states)."_s,
                                 u"what"_s, u"requests"_s);
    const QCommandLineOption logFormat(u"log-format"_s, u"Log lines as text (the default) or json."_s, u"format"_s,
                                       u"text"_s);
    parser.addOptions({headless, routes, check, importMockoon, importOpenApi, importWireMock, exportOpenApi, out, host,
                       port, workers, log, logFormat});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.isSet(version)) {
        std::printf("switchboard %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"unexpected argument %1"_s.arg(parser.positionalArguments().constFirst()));

    // At most one command; conversions need --out.
    const std::pair<const QCommandLineOption *, Options::Command> commands[] = {
        {&check, Options::Command::Check},
        {&importMockoon, Options::Command::ImportMockoon},
        {&importOpenApi, Options::Command::ImportOpenApi},
        {&importWireMock, Options::Command::ImportWireMock},
        {&exportOpenApi, Options::Command::ExportOpenApi}};
    int given = 0;
    for (const auto &[option, command] : commands) {
        if (parser.isSet(*option)) {
            ++given;
            options.command = command;
            options.input = parser.value(*option);
        }
    }
    if (given > 1)
        return usageError(u"--check, --import-* and --export-openapi exclude each other"_s);
    const bool converts = given == 1 && options.command != Options::Command::Check;
    if (converts && !parser.isSet(out))
        return usageError(u"--import-* and --export-openapi need --out FILE"_s);
    if (!converts && parser.isSet(out))
        return usageError(u"--out goes with --import-* or --export-openapi"_s);
    options.output = parser.value(out);
    if (given == 1 && parser.isSet(routes))
        return usageError(u"--routes serves a file; it does not go with --check, --import-* or --export-openapi"_s);
    options.routes = parser.value(routes);
    options.headless = parser.isSet(headless);

    bool ok = false;
    if (parser.isSet(port)) {
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return usageError(u"invalid --port %1"_s.arg(parser.value(port)));
        options.port = quint16(value);
    }
    if (parser.isSet(workers)) {
        const int value = parser.value(workers).toInt(&ok);
        if (!ok || value < 0)
            return usageError(u"invalid --workers %1"_s.arg(parser.value(workers)));
        options.workers = value;
    }
    if (parser.isSet(host))
        options.host = parser.value(host);

    const QString logWhat = parser.value(log);
    if (logWhat == "none"_L1)
        options.logMode.reset();
    else if (logWhat == "count"_L1)
        options.logMode = EventLog::Mode::Count;
    else if (logWhat == "requests"_L1)
        options.logMode = EventLog::Mode::Requests;
    else if (logWhat == "all"_L1)
        options.logMode = EventLog::Mode::All;
    else
        return usageError(u"invalid --log %1 (none, count, requests or all)"_s.arg(logWhat));
    const QString format = parser.value(logFormat);
    if (format != "text"_L1 && format != "json"_L1)
        return usageError(u"invalid --log-format %1 (text or json)"_s.arg(format));
    options.logFormat = format == "json"_L1 ? EventLog::Format::Json : EventLog::Format::Text;
    return std::nullopt;
}

} // namespace app
