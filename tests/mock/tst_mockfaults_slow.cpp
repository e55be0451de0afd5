#include "httpcore/Server.h"
#include "httpcore/middleware/TimeoutHandler.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

const QString DataDir = QStringLiteral(SWITCHBOARD_ENGINE_TEST_DATA);

Route faultRoute(const QString &pattern, Fault fault, const QString &body = u"done"_s, const QString &bodyFile = {})
{
    MockResponse response;
    response.body = body;
    response.bodyFile = bodyFile;
    response.contentType = u"text/plain"_s;
    response.fault = fault;
    Route route;
    route.id = pattern.section(u'/', 1, 1);
    route.pattern = pattern;
    route.responses = {response};
    return route;
}

Fault makeFault(FaultKind kind, double probability = 1.0, std::optional<quint64> seed = std::nullopt)
{
    Fault fault;
    fault.kind = kind;
    fault.probability = probability;
    fault.seed = seed;
    return fault;
}

struct CurlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

CurlRun runCurl(const QStringList &args)
{
    CurlRun run;
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(curl, args);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.elapsedMs = clock.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// outcome fetches path on a new connection: "o" for a response, "x" for a connection closed without one.
char outcome(quint16 port, QByteArrayView path)
{
    RawClient client;
    client.connectToServer(port);
    if (!QTest::qWaitFor([&] { return client.isConnected(); }, 5000))
        return '?';
    client.send(RawClient::request("GET", path));
    (void)QTest::qWaitFor([&] { return client.finalResponseCount() >= 1 || client.isClosed(); }, 5000);
    if (client.finalResponseCount() >= 1)
        return 'o';
    return client.isClosed() && client.received().isEmpty() ? 'x' : '?';
}

} // namespace

// tst_MockFaultsSlow checks the faults that play with time or with the connection's life: slow drip, slow upload
// read, close after N requests; replayable probability; and a fault that cannot take its connection over.
class tst_MockFaultsSlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void slowDripPacesTheBody_data();
    void slowDripPacesTheBody();
    void slowUploadReadHoldsTheAnswer_data();
    void slowUploadReadHoldsTheAnswer();
    void slowUploadReadWithoutBodyAnswersAtOnce();
    void closeAfterRequestsClosesTheNthExchange();
    void curlReconnectsAfterClose();
    void seededProbabilityReplays();
    void unhijackableWriterFallsBackAndReports();
    void closingTheServerEndsTakenOverConnections();

private:
    quint16 serve(const RouteSet &set, bool underTimeout = false);

    std::unique_ptr<Server> m_server;
    std::mutex m_errorsMutex;
    QList<EngineProblem> m_errors;
};

void tst_MockFaultsSlow::init()
{
    std::lock_guard lock(m_errorsMutex);
    m_errors.clear();
}

void tst_MockFaultsSlow::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
}

quint16 tst_MockFaultsSlow::serve(const RouteSet &set, bool underTimeout)
{
    MockHandlerOptions options;
    options.baseDirectory = DataDir;
    options.errorSink = [this](const EngineProblem &problem) {
        std::lock_guard lock(m_errorsMutex);
        m_errors.append(problem);
    };
    const MockHandlerBuild build = buildMockHandler(set, options);
    HandlerPtr handler = build.mux;
    if (underTimeout)
        handler = std::make_shared<const TimeoutHandler>(TimeoutHandler::Settings{5s, "timeout\n"_ba}, handler);
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(handler);
    const auto port = m_server->listen();
    return port ? *port : 0;
}

void tst_MockFaultsSlow::slowDripPacesTheBody_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("bodyFile");
    QTest::addColumn<int>("bytesPerSecond");
    QTest::addColumn<int>("jitterPercent");
    QTest::addRow("inline, steady") << QString(3000, u'd') << QString() << 6000 << 0;
    QTest::addRow("inline, jittered") << QString(3000, u'j') << QString() << 6000 << 40;
    QTest::addRow("body file") << QString() << u"users.json"_s << 100 << 10;
}

void tst_MockFaultsSlow::slowDripPacesTheBody()
{
    QFETCH(QString, body);
    QFETCH(QString, bodyFile);
    QFETCH(int, bytesPerSecond);
    QFETCH(int, jitterPercent);
    Fault drip = makeFault(FaultKind::SlowDrip, 1.0, 7);
    drip.bytesPerSecond = bytesPerSecond;
    drip.jitterPercent = jitterPercent;
    RouteSet set;
    set.routes = {faultRoute(u"GET /drip"_s, drip, body, bodyFile)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    QByteArray expected = body.toUtf8();
    if (!bodyFile.isEmpty()) {
        QFile file(DataDir + u"/"_s + bodyFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        expected = file.readAll();
    }
    // About expected.size() / bytesPerSecond seconds; the last piece needs no wait, hence one piece less.
    const qint64 piece = std::max(1, bytesPerSecond / 10);
    const qint64 minimumMs = (expected.size() - piece) * 1000 / bytesPerSecond * (100 - jitterPercent) / 100 - 20;
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    QElapsedTimer clock;
    clock.start();
    client.send(RawClient::request("GET", "/drip"));
    // The head and the first piece come at once; the rest trickles.
    QTRY_VERIFY_WITH_TIMEOUT(client.received().contains("\r\n\r\n"), 5000);
    QVERIFY2(clock.elapsed() < 300, qPrintable(QString::number(clock.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 15000);
    QVERIFY2(clock.elapsed() >= minimumMs, qPrintable(u"%1 < %2"_s.arg(clock.elapsed()).arg(minimumMs)));
    QCOMPARE(client.responses().at(0).header.value("Content-Length"), QByteArray::number(expected.size()));
    QCOMPARE(client.responses().at(0).body, expected);
}

void tst_MockFaultsSlow::slowUploadReadHoldsTheAnswer_data()
{
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<bool>("continues");
    QTest::addRow("content-length") << QStringList() << false;
    QTest::addRow("chunked") << QStringList({u"-H"_s, u"Transfer-Encoding: chunked"_s}) << false;
    QTest::addRow("expect 100-continue") << QStringList({u"-H"_s, u"Expect: 100-continue"_s}) << true;
}

void tst_MockFaultsSlow::slowUploadReadHoldsTheAnswer()
{
    QFETCH(QStringList, extraArgs);
    QFETCH(bool, continues);
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    Fault slow = makeFault(FaultKind::SlowUploadRead);
    slow.bytesPerSecond = 20000;
    RouteSet set;
    set.routes = {faultRoute(u"POST /upload"_s, slow, u"marker={{request.json.marker}}"_s)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile upload(dir.filePath(u"upload.json"_s));
    QVERIFY(upload.open(QIODevice::WriteOnly));
    upload.write(R"({"pad":")" + QByteArray(40000, 'p') + R"(","marker":"m-42"})");
    upload.close();
    const CurlRun run = runCurl(QStringList{u"-sS"_s, u"-i"_s, u"--data-binary"_s, u"@"_s + upload.fileName(), u"-H"_s,
                                            u"Content-Type: application/json"_s} +
                                extraArgs + QStringList{u"http://127.0.0.1:%1/upload"_s.arg(port)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.endsWith("\r\n\r\nmarker=m-42"), run.out.constData());
    QVERIFY2(run.out.contains("\r\nConnection: close\r\n"), run.out.constData());
    QCOMPARE(run.out.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), continues);
    // 40 KB at 20 KB/s: two seconds, give or take a piece.
    QVERIFY2(run.elapsedMs >= 1800, qPrintable(QString::number(run.elapsedMs)));
}

void tst_MockFaultsSlow::slowUploadReadWithoutBodyAnswersAtOnce()
{
    Fault slow = makeFault(FaultKind::SlowUploadRead);
    slow.bytesPerSecond = 10;
    RouteSet set;
    set.routes = {faultRoute(u"/upload"_s, slow)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    // Keep-alive is kept too: nothing was taken over.
    client.send(RawClient::request("GET", "/upload") + RawClient::request("GET", "/upload"));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 2, 2000);
    QCOMPARE(client.responses().at(1).body, "done"_ba);
}

void tst_MockFaultsSlow::closeAfterRequestsClosesTheNthExchange()
{
    Fault close = makeFault(FaultKind::CloseAfterRequests);
    close.afterRequests = 2;
    RouteSet set;
    set.routes = {faultRoute(u"GET /close"_s, close)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    const QByteArray request = RawClient::request("GET", "/close");
    client.send(request + request + request);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.finalResponseCount(), 2);
    QVERIFY(!client.responses().at(0).header.contains("Connection"));
    QCOMPARE(client.responses().at(1).header.value("Connection"), "close");
    QCOMPARE(client.responses().at(1).body, "done"_ba);
}

void tst_MockFaultsSlow::curlReconnectsAfterClose()
{
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    Fault close = makeFault(FaultKind::CloseAfterRequests);
    close.afterRequests = 2;
    RouteSet set;
    set.routes = {faultRoute(u"GET /close"_s, close)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    const QString url = u"http://127.0.0.1:%1/close"_s.arg(port);
    const CurlRun run = runCurl({u"-sS"_s, u"-v"_s, url, url, url});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, "donedonedone"_ba);
    // Two requests on the first connection, the third on a new one.
    QCOMPARE(run.err.count("Connected to"), 2);
    QCOMPARE(run.err.count("Re-using existing connection"), 1);
}

void tst_MockFaultsSlow::seededProbabilityReplays()
{
    const auto pattern = [this](double probability, std::optional<quint64> seed) {
        RouteSet set;
        set.routes = {faultRoute(u"GET /flaky"_s, makeFault(FaultKind::EmptyResponse, probability, seed))};
        const quint16 port = serve(set);
        QByteArray out;
        for (int i = 0; i < 24; ++i)
            out += outcome(port, "/flaky");
        cleanup();
        return out;
    };
    const QByteArray first = pattern(0.5, 1234);
    QVERIFY2(first.contains('o') && first.contains('x') && !first.contains('?'), first.constData());
    QCOMPARE(pattern(0.5, 1234), first);
    QVERIFY(pattern(0.5, 4321) != first);
    QCOMPARE(pattern(0.0, 1), QByteArray(24, 'o'));
    QCOMPARE(pattern(1.0, std::nullopt), QByteArray(24, 'x'));
}

void tst_MockFaultsSlow::unhijackableWriterFallsBackAndReports()
{
    RouteSet set;
    set.routes = {faultRoute(u"GET /empty"_s, makeFault(FaultKind::EmptyResponse))};
    const quint16 port = serve(set, true);
    QVERIFY(port != 0);
    QCOMPARE(outcome(port, "/empty"), 'o');
    std::lock_guard lock(m_errorsMutex);
    QCOMPARE(m_errors.size(), 1);
    QVERIFY2(m_errors.at(0).message.contains(u"the fault emptyResponse cannot take the connection over"_s),
             qPrintable(m_errors.at(0).message));
}

void tst_MockFaultsSlow::closingTheServerEndsTakenOverConnections()
{
    MockResponse late;
    late.body = u"late"_s;
    late.delay = Delay{60'000, 60'000};
    Route delayed;
    delayed.id = u"delayed"_s;
    delayed.pattern = u"GET /delayed"_s;
    delayed.responses = {late};
    Fault slow = makeFault(FaultKind::SlowUploadRead);
    slow.bytesPerSecond = 1;
    RouteSet set;
    set.routes = {delayed, faultRoute(u"GET /hang"_s, makeFault(FaultKind::HeadersThenHang)),
                  faultRoute(u"POST /upload"_s, slow)};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    RawClient waiting;
    RawClient hanging;
    RawClient uploading;
    for (RawClient *client : {&waiting, &hanging, &uploading})
        client->connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(waiting.isConnected() && hanging.isConnected() && uploading.isConnected(), 5000);
    waiting.send(RawClient::request("GET", "/delayed"));
    hanging.send(RawClient::request("GET", "/hang"));
    uploading.send(RawClient::request("POST", "/upload", "Content-Length: 100\r\n", "0123456789"));
    QTRY_VERIFY_WITH_TIMEOUT(hanging.received().contains("\r\n\r\n"), 5000);
    QTest::qWait(200); // the upload is being read, a byte a second
    // The server forgets taken-over connections, but its worker threads end them (and their timers) as they stop.
    m_server->close();
    QTRY_VERIFY_WITH_TIMEOUT(waiting.isClosed() && hanging.isClosed() && uploading.isClosed(), 5000);
    QCOMPARE(waiting.finalResponseCount(), 0);
    QCOMPARE(uploading.received(), QByteArray());
}

QTEST_GUILESS_MAIN(tst_MockFaultsSlow)
#include "tst_mockfaults_slow.moc"
