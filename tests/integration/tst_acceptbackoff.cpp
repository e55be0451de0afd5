#include "httpcore/Handler.h"
#include "httpcore/Server.h"
#include "support/RawClient.h"

#include <QDir>
#include <QTest>

#include <atomic>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

std::atomic<int> s_acceptErrors{0};
// s_previousHandler is read by the acceptor thread's messages; atomic, because it is set after the handler that
// reads it is installed (ThreadSanitizer cannot see the ordering the kernel gives).
std::atomic<QtMessageHandler> s_previousHandler = nullptr;

// countAcceptErrors counts the acceptor's back-off warnings and passes every message on.
void countAcceptErrors(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(u"accept error"_s))
        s_acceptErrors.fetch_add(1);
    if (const QtMessageHandler previous = s_previousHandler.load())
        previous(type, context, message);
}

} // namespace

// tst_AcceptBackoff runs the server out of file descriptors (a lowered RLIMIT_NOFILE in this process, so it
// is a test executable of its own) and checks that accepting backs off, logs, and recovers, as Go's Serve does
// on EMFILE.
class tst_AcceptBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptBacksOffOnEmfileAndRecovers();
};

void tst_AcceptBackoff::acceptBacksOffOnEmfileAndRecovers()
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = 1;
    Server server(config);
    server.setHandler(HandlerFunc::make([](const ResponsePtr &w, const Request &) { w->write("ok"); }));
    const auto port = server.listen();
    QVERIFY(port);
    {
        RawClient warmUp;
        warmUp.connectToServer(*port);
        warmUp.send(RawClient::request("GET", "/"));
        QTRY_COMPARE_WITH_TIMEOUT(warmUp.responseCount(), 1, 5000);
    }
    // The server side of the warm-up connection must be gone before descriptors are counted.
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, 5000);

    rlimit original{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
    const rlim_t open = rlim_t(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
    rlimit lowered = original;
    lowered.rlim_cur = std::min<rlim_t>(original.rlim_cur, open + 32);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    std::vector<int> fillers;
    for (int fd = ::open("/dev/null", O_RDONLY); fd >= 0; fd = ::open("/dev/null", O_RDONLY))
        fillers.push_back(fd);
    QVERIFY(!fillers.empty());
    // One descriptor for the client's socket; the server's accept() then finds none left.
    ::close(fillers.back());
    fillers.pop_back();

    s_acceptErrors = 0;
    s_previousHandler = qInstallMessageHandler(countAcceptErrors);
    RawClient client;
    client.connectToServer(*port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000); // the kernel completed the handshake
    client.send(RawClient::request("GET", "/"));
    // 5, 10, 20, 40, 80 ms...: several retries within half a second, each logged.
    QTRY_VERIFY_WITH_TIMEOUT(s_acceptErrors.load() >= 3, 5000);
    QCOMPARE(client.responseCount(), 0);
    const int errorsBefore = s_acceptErrors.load();

    for (int fd : fillers)
        ::close(fd);
    fillers.clear();
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].body, "ok"_ba);
    qInstallMessageHandler(s_previousHandler.load());
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &original), 0);
    // The back-off doubles: far fewer retries than a busy loop would make (at most ~10 in the time it took).
    QVERIFY2(errorsBefore < 20, qPrintable(QString::number(errorsBefore)));
    QVERIFY(server.isListening());
}

QTEST_GUILESS_MAIN(tst_AcceptBackoff)
#include "tst_acceptbackoff.moc"
