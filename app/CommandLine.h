#pragma once

#include "app/EventLog.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace app
{

// Options is what the command line asked for. A plain value.
struct Options
{
    enum class Command
    {
        Serve,          // serve (headless, or the GUI when it exists)
        Check,          // --check FILE
        ImportMockoon,  // --import-mockoon IN --out OUT
        ImportOpenApi,  // --import-openapi IN --out OUT
        ImportWireMock, // --import-wiremock IN --out OUT
        ExportOpenApi   // --export-openapi IN --out OUT
    };

    Command command = Command::Serve;
    bool headless = false;
    // input is the file of --check, --import-* or --export-openapi; output the file of --out.
    QString input;
    QString output;
    // routes is the route-set file of --routes (empty: the built-in demo).
    QString routes;
    // host, port and workers: set only when given, so a route set's own settings apply otherwise.
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<int> workers;
    // logMode is empty for --log none.
    std::optional<EventLog::Mode> logMode = EventLog::Mode::Requests;
    EventLog::Format logFormat = EventLog::Format::Text;
};

// parseCommandLine fills options from arguments (argv, program name first). It returns an exit code when the
// process should end now: 0 after --help or --version (printed), 2 after a usage error (printed on stderr as
// "switchboard: ..."). std::nullopt means go on with options. Call on the main thread after the
// QCoreApplication exists.
std::optional<int> parseCommandLine(const QStringList &arguments, Options &options);

} // namespace app
