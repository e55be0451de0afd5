#include "app/GuiRunner.h"

#include "ui/routes/RouteSetDocument.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>

#include <cstring>

using namespace Qt::StringLiterals;

namespace app
{

namespace
{

// exampleRouteSet returns the bundled example: beside the sources in a build tree, else where install() put it.
QString exampleRouteSet()
{
    const QString source = QStringLiteral(SWITCHBOARD_EXAMPLE_ROUTES);
    if (QFileInfo::exists(source))
        return source;
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).filePath(u"../share/switchboard/examples/shop.switchboard.json"_s);
    return QFileInfo::exists(installed) ? QDir::cleanPath(installed) : QString();
}

} // namespace

bool wantsWindow(int argc, const char *const *argv)
{
    // The options a window run may have, each with a value ("--port 0" or "--port=0"). Anything else (a command,
    // --headless, --help, a typo) runs without a window, so it works, or fails with a usage error, without a display.
    static const char *const windowOptions[] = {"--routes", "--host", "--port", "--workers", "--log", "--log-format"};
    for (int i = 1; i < argc; ++i) {
        const char *argument = argv[i];
        bool known = false;
        for (const char *option : windowOptions) {
            const size_t n = std::strlen(option);
            if (std::strncmp(argument, option, n) != 0)
                continue;
            if (argument[n] == '=') {
                known = true;
            } else if (argument[n] == '\0') {
                known = true;
                ++i; // its value
            }
            if (known)
                break;
        }
        if (!known)
            return false;
    }
    return true;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv, bool window)
{
    if (window)
        return std::make_unique<QApplication>(argc, argv);
    return std::make_unique<QCoreApplication>(argc, argv);
}

int runGui(const Options &options)
{
    QApplication::setWindowIcon(QIcon::fromTheme(u"switchboard"_s));
    QApplication::setDesktopFileName(u"switchboard"_s);
    ui::MainWindow window;
    // --routes FILE, else changes a crashed run left, else the file of the last run, else the bundled example.
    const bool loaded = window.openAtStart(options.routes, exampleRouteSet());
    if (loaded && (options.host || options.port))
        window.setServerAddress(options.host.value_or(window.document()->set().server.host),
                                options.port.value_or(window.document()->set().server.port));
    window.show();
    window.startServer();
    return QApplication::exec();
}

} // namespace app
