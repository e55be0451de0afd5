// switchboard: the mock-API server. For now it serves a built-in demo handler; route sets and the GUI come
// later. Usage: switchboard [--headless] [--host H] [--port P] [--workers N] [--log none|count|requests|all]

#include "app/EventLog.h"
#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

Q_LOGGING_CATEGORY(lcApp, "switchboard.app", QtInfoMsg)

// s_signalPipe is the self-pipe (a socketpair): the signal handler writes a byte, the event loop reads it.
int s_signalPipe[2] = {-1, -1};

void handleSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(s_signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void answerText(const httpcore::ResponsePtr &w, int status, QByteArrayView text)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(text);
}

// demoHandler answers GET /hello, echoes POST /echo (exercising the request body API), and describes the
// server on every other path.
httpcore::HandlerPtr demoHandler()
{
    return httpcore::HandlerFunc::make([](const httpcore::ResponsePtr &w, const httpcore::Request &r) {
        const QByteArray &path = r.url.path();
        if (path == "/hello") {
            answerText(w, 200, "Hello, World!\n");
            return;
        }
        if (path == "/echo") {
            if (!r.body) {
                answerText(w, 200, {});
                return;
            }
            const QByteArray contentType = r.header.value("Content-Type").toByteArray();
            r.body->readAll(8 << 20, [w, contentType](QByteArray body, bool truncated) {
                if (truncated) {
                    answerText(w, 413, "request body too large for /echo (8 MiB)\n");
                    return;
                }
                if (contentType.isEmpty())
                    w->header().set("Content-Type", "application/octet-stream");
                else
                    w->header().set("Content-Type", contentType);
                w->write(body);
                w->finish();
            });
            return;
        }
        answerText(w, 200,
                   "Switchboard is running.\n\nThis is the built-in demo: GET /hello and POST /echo.\n"
                   "Mock routes come from route-set files.\n");
    });
}

QString urlHost(const QString &host)
{
    const QHostAddress address(host);
    if (address.protocol() == QAbstractSocket::IPv6Protocol || host == "::"_L1)
        return u'[' + host + u']';
    return host;
}

bool isLoopback(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Local mock-API server"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headlessOption(u"headless"_s, u"Run without a window."_s);
    const QCommandLineOption hostOption(u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"host"_s,
                                        u"127.0.0.1"_s);
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on; 0 picks a free one (default 8080)."_s,
                                        u"port"_s, u"8080"_s);
    const QCommandLineOption workersOption(u"workers"_s, u"Worker threads (default: one per core)."_s, u"n"_s, u"0"_s);
    const QCommandLineOption logOption(
        u"log"_s,
        u"What to print: none, count (totals at exit), requests (one line each, the default) or all (requests "
        "and connection states)."_s,
        u"what"_s, u"requests"_s);
    const QCommandLineOption logFormatOption(u"log-format"_s, u"Log lines as text (the default) or json."_s,
                                             u"format"_s, u"text"_s);
    parser.addOptions({headlessOption, hostOption, portOption, workersOption, logOption, logFormatOption});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "switchboard: invalid --port %s\n", qPrintable(parser.value(portOption)));
        return 2;
    }
    const int workers = parser.value(workersOption).toInt(&ok);
    if (!ok || workers < 0) {
        std::fprintf(stderr, "switchboard: invalid --workers %s\n", qPrintable(parser.value(workersOption)));
        return 2;
    }
    const QString host = parser.value(hostOption);
    const QString logWhat = parser.value(logOption);
    const QString logFormat = parser.value(logFormatOption);
    if (logFormat != "text"_L1 && logFormat != "json"_L1) {
        std::fprintf(stderr, "switchboard: invalid --log-format %s (text or json)\n", qPrintable(logFormat));
        return 2;
    }
    const auto format = logFormat == "json"_L1 ? app::EventLog::Format::Json : app::EventLog::Format::Text;
    std::unique_ptr<app::EventLog> eventLog;
    if (logWhat == "count"_L1)
        eventLog = std::make_unique<app::EventLog>(app::EventLog::Mode::Count, format, stdout);
    else if (logWhat == "requests"_L1)
        eventLog = std::make_unique<app::EventLog>(app::EventLog::Mode::Requests, format, stdout);
    else if (logWhat == "all"_L1)
        eventLog = std::make_unique<app::EventLog>(app::EventLog::Mode::All, format, stdout);
    else if (logWhat != "none"_L1) {
        std::fprintf(stderr, "switchboard: invalid --log %s (none, count, requests or all)\n", qPrintable(logWhat));
        return 2;
    }

    httpcore::ServerConfig config;
    config.host = host;
    config.port = quint16(port);
    config.workerThreads = workers;
    httpcore::Server server(config);
    server.setHandler(demoHandler());
    if (eventLog)
        server.setObserver(eventLog->observer());

    if (!installSignalHandlers())
        qCWarning(lcApp) << "cannot install signal handlers; SIGINT/SIGTERM will not shut down gracefully";
    QSocketNotifier signalNotifier(s_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&server] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(s_signalPipe[0], &byte, 1);
        server.shutdown(5s);
    });
    QObject::connect(&server, &httpcore::Server::shutdownFinished, &app, [&eventLog](bool) {
        if (eventLog)
            eventLog->printTotals();
        QCoreApplication::exit(0);
    });

    const auto listening = server.listen();
    if (!listening) {
        std::fprintf(stderr, "switchboard: cannot listen on %s:%u: %s\n", qPrintable(host), port,
                     qPrintable(listening.error()));
        return 1;
    }
    if (!isLoopback(host))
        std::fprintf(stderr,
                     "switchboard: warning: listening on %s, which is not a loopback address: the mock is "
                     "reachable from the network\n",
                     qPrintable(host));
    std::printf("listening on http://%s:%u\n", qPrintable(urlHost(host)), unsigned(*listening));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
