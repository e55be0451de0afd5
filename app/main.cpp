// switchboard: the mock-API server. `switchboard --help` lists the options; see README.md.

#include "app/CommandLine.h"
#include "app/GuiRunner.h"
#include "app/HeadlessRunner.h"
#include "app/MockCommands.h"
#include "httpcore/mock/file/RouteSetCheck.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // The window needs a QApplication (and a display); everything else must run without one, so decide from the
    // raw arguments before any application object exists.
    const bool window = app::wantsWindow(argc, argv) && app::hasDisplay();
    const std::unique_ptr<QCoreApplication> application = app::makeApplication(argc, argv, window);
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    app::Options options;
    if (const std::optional<int> exitCode = app::parseCommandLine(QCoreApplication::arguments(), options))
        return *exitCode;

    if (options.command == app::Options::Command::Check) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return mock::checkRouteSetFile(options.input, out, err);
    }

    if (options.command != app::Options::Command::Serve)
        return app::convertFile(options);
    if (window)
        return app::runGui(options);
    if (!options.headless) {
        std::fprintf(stderr, "switchboard: cannot open the window: no display (DISPLAY is not set); use --headless\n");
        return 2;
    }
    if (!options.routes.isEmpty())
        return app::serveRouteSet(options);

    httpcore::ServerConfig config;
    config.host = options.host.value_or(u"127.0.0.1"_s);
    config.port = options.port.value_or(8080);
    config.workerThreads = options.workers.value_or(0);
    return app::runHeadless(config, app::demoHandler(), options.logMode, options.logFormat);
}
