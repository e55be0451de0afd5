#include "app/HeadlessRunner.h"

#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"

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

namespace app
{

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

} // namespace

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

namespace
{

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

int runHeadless(const httpcore::ServerConfig &config,
                httpcore::HandlerPtr handler,
                std::optional<EventLog::Mode> logMode,
                EventLog::Format logFormat)
{
    std::unique_ptr<EventLog> eventLog;
    if (logMode)
        eventLog = std::make_unique<EventLog>(*logMode, logFormat, stdout);
    httpcore::Server server(config);
    server.setHandler(std::move(handler));
    if (eventLog)
        server.setObserver(eventLog->observer());

    if (!installSignalHandlers())
        qCWarning(lcApp) << "cannot install signal handlers; SIGINT/SIGTERM will not shut down gracefully";
    QSocketNotifier signalNotifier(s_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &server, [&server] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(s_signalPipe[0], &byte, 1);
        server.shutdown(5s);
    });
    QObject::connect(&server, &httpcore::Server::shutdownFinished, &server, [&eventLog](bool) {
        if (eventLog)
            eventLog->printTotals();
        QCoreApplication::exit(0);
    });

    const auto listening = server.listen();
    if (!listening) {
        std::fprintf(stderr, "switchboard: cannot listen on %s:%u: %s\n", qPrintable(config.host),
                     unsigned(config.port), qPrintable(listening.error()));
        return 1;
    }
    if (!isLoopback(config.host))
        std::fprintf(stderr,
                     "switchboard: warning: listening on %s, which is not a loopback address: the mock is "
                     "reachable from the network\n",
                     qPrintable(config.host));
    std::printf("listening on http://%s:%u\n", qPrintable(urlHost(config.host)), unsigned(*listening));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace app
