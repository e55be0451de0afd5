#include "httpcore/Server.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

// Body is the body every faulty response would have sent: 16 bytes, so the byte counts below are easy to check.
const QString Body = QStringLiteral("0123456789abcdef");

Fault fault(FaultKind kind)
{
    Fault f;
    f.kind = kind;
    f.atByte = 5;
    return f;
}

// faultRoutes serves one route per wire fault, at "/<fault name>".
RouteSet faultRoutes()
{
    const QList<FaultKind> kinds = {FaultKind::ResetBeforeHeaders,   FaultKind::ResetAfterHeaders,
                                    FaultKind::ResetAtBodyByte,      FaultKind::EmptyResponse,
                                    FaultKind::ContentLengthOver,    FaultKind::ContentLengthUnder,
                                    FaultKind::MalformedChunk,       FaultKind::MissingFinalChunk,
                                    FaultKind::RandomBytesThenClose, FaultKind::HeadersThenHang};
    RouteSet set;
    for (FaultKind kind : kinds) {
        MockResponse response;
        response.body = Body;
        response.contentType = u"text/plain"_s;
        response.headers = {{u"X-Fault"_s, faultKindName(kind)}};
        response.fault = fault(kind);
        Route route;
        route.id = faultKindName(kind);
        route.pattern = u"GET /"_s + faultKindName(kind);
        route.responses = {response};
        set.routes.append(route);
    }
    // A fault chosen by a body rule: the body is read first, then the connection taken over.
    MockResponse faulty;
    faulty.rules = {Rule{RuleTarget::JsonBody, u"fail"_s, RuleOperator::Equals, u"true"_s}};
    faulty.fault = fault(FaultKind::EmptyResponse);
    MockResponse fine;
    fine.body = u"fine"_s;
    fine.isDefault = true;
    Route route;
    route.id = u"byBody"_s;
    route.pattern = u"POST /byBody"_s;
    route.responses = {faulty, fine};
    set.routes.append(route);
    return set;
}

struct CurlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

CurlRun runCurl(const QString &curl, const QStringList &args)
{
    CurlRun run;
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

} // namespace

// tst_MockFaults checks every wire fault as real clients see it: curl (exit code, message, what it printed) and a
// raw socket client (the exact bytes before the connection ended).
class tst_MockFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void curlSeesWireFault_data();
    void curlSeesWireFault();
    void rawClientSeesExactBytes_data();
    void rawClientSeesExactBytes();
    void headersThenHangSendsHeadThenSilence();
    void faultsOnlyTouchTheirConnection();
    void faultChosenByBodyRule();

private:
    std::unique_ptr<Server> m_server;
    quint16 m_port = 0;
    QString m_curl;
};

void tst_MockFaults::initTestCase()
{
    const MockHandlerBuild build = buildMockHandler(faultRoutes());
    QVERIFY(build.problems.isEmpty());
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(build.mux);
    const auto port = m_server->listen();
    QVERIFY(port.hasValue());
    m_port = *port;
    m_curl = QStandardPaths::findExecutable(u"curl"_s);
}

void tst_MockFaults::cleanupTestCase()
{
    m_server->close();
    m_server.reset();
}

void tst_MockFaults::curlSeesWireFault_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("printedBody");
    const QByteArray reset = "Recv failure: Connection reset by peer";
    QTest::addRow("reset before headers") << u"/resetBeforeHeaders"_s << 56 << reset << QByteArray();
    QTest::addRow("reset after headers") << u"/resetAfterHeaders"_s << 56 << reset << QByteArray();
    QTest::addRow("reset at body byte 5") << u"/resetAtBodyByte"_s << 56 << reset << "01234"_ba;
    QTest::addRow("empty response") << u"/emptyResponse"_s << 52 << "Empty reply from server"_ba << QByteArray();
    QTest::addRow("content length over") << u"/contentLengthOver"_s << 18
                                         << "transfer closed with 16 bytes remaining to read"_ba << Body.toUtf8();
    QTest::addRow("content length under") << u"/contentLengthUnder"_s << 0 << QByteArray() << "01234567"_ba;
    QTest::addRow("malformed chunk") << u"/malformedChunk"_s << 56
                                     << "Illegal or missing hexadecimal sequence in chunked-encoding"_ba
                                     << "01234567"_ba;
    QTest::addRow("missing final chunk") << u"/missingFinalChunk"_s << 18
                                         << "transfer closed with outstanding read data remaining"_ba << Body.toUtf8();
    QTest::addRow("random bytes then close")
        << u"/randomBytesThenClose"_s << 1 << "Received HTTP/0.9 when not allowed"_ba << QByteArray();
    QTest::addRow("headers then hang") << u"/headersThenHang"_s << 28 << "Operation timed out"_ba << QByteArray();
}

void tst_MockFaults::curlSeesWireFault()
{
    QFETCH(QString, path);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, printedBody);
    if (m_curl.isEmpty())
        QSKIP("curl is not installed");
    // -i prints the head as received; --max-time bounds the hang.
    const CurlRun run =
        runCurl(m_curl, {u"-sS"_s, u"-i"_s, u"--max-time"_s, u"1"_s, u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)});
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    QVERIFY2(run.err.contains(message), run.err.constData());
    const qsizetype headEnd = run.out.indexOf("\r\n\r\n");
    const bool headExpected = !path.contains(u"Before"_s) && !path.contains(u"empty"_s) && !path.contains(u"random"_s);
    QCOMPARE(headEnd >= 0, headExpected);
    if (headExpected) {
        QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK\r\n"), run.out.constData());
        QVERIFY2(run.out.contains("X-Fault: " + path.mid(1).toUtf8()), run.out.constData());
        QCOMPARE(run.out.mid(headEnd + 4), printedBody);
    } else {
        QCOMPARE(run.out, QByteArray());
    }
}

void tst_MockFaults::rawClientSeesExactBytes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("headField");
    QTest::addColumn<QByteArray>("bodyBytes");
    QTest::addRow("reset at byte 5") << u"/resetAtBodyByte"_s << "Content-Length: 16"_ba
                                     << "01234"_ba;
    QTest::addRow("length over: all 16 sent") << u"/contentLengthOver"_s << "Content-Length: 32"_ba << Body.toUtf8();
    QTest::addRow("length under: all 16 sent") << u"/contentLengthUnder"_s << "Content-Length: 8"_ba << Body.toUtf8();
    QTest::addRow("malformed chunk") << u"/malformedChunk"_s << "Transfer-Encoding: chunked"_ba
                                     << "8\r\n01234567\r\nXYZ\r\nnot a chunk\r\n"_ba;
    QTest::addRow("no last chunk") << u"/missingFinalChunk"_s << "Transfer-Encoding: chunked"_ba
                                   << "10\r\n0123456789abcdef\r\n"_ba;
    QTest::addRow("empty") << u"/emptyResponse"_s << QByteArray() << QByteArray();
}

void tst_MockFaults::rawClientSeesExactBytes()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, headField);
    QFETCH(QByteArray, bodyBytes);
    RawClient client;
    client.connectToServer(m_port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(RawClient::request("GET", path.toUtf8()));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    const QByteArray &received = client.received();
    if (headField.isEmpty()) {
        QCOMPARE(received, QByteArray());
        return;
    }
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    QVERIFY2(headEnd > 0, received.constData());
    const QByteArray head = received.left(headEnd + 2);
    QVERIFY2(head.contains("\r\n" + headField + "\r\n"), head.constData());
    QVERIFY2(head.contains("\r\nConnection: close\r\n"), head.constData());
    QVERIFY2(head.contains("\r\nContent-Type: text/plain\r\n"), head.constData());
    QCOMPARE(received.mid(headEnd + 4), bodyBytes);
}

void tst_MockFaults::headersThenHangSendsHeadThenSilence()
{
    RawClient client;
    client.connectToServer(m_port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(RawClient::request("GET", "/headersThenHang"));
    QTRY_VERIFY_WITH_TIMEOUT(client.received().contains("\r\n\r\n"), 5000);
    // The head, then silence: no body byte, and the connection stays open.
    QTest::qWait(300);
    QVERIFY(client.received().endsWith("\r\n\r\n"));
    QVERIFY(!client.isClosed());
    QVERIFY(client.received().contains("Content-Length: 16\r\n"));
    // The server still serves others meanwhile (the hang holds no thread).
    RawClient other;
    other.connectToServer(m_port);
    QTRY_VERIFY_WITH_TIMEOUT(other.isConnected(), 5000);
    other.send(RawClient::request("GET", "/contentLengthUnder"));
    QTRY_VERIFY_WITH_TIMEOUT(other.finalResponseCount() == 1, 5000);
    client.socket().disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(client.socket().state() == QAbstractSocket::UnconnectedState, 5000);
}

void tst_MockFaults::faultsOnlyTouchTheirConnection()
{
    // A faulty route does not poison the connection pool of the server: a fault on one connection, then normal
    // keep-alive service of the same route set on another.
    RawClient broken;
    broken.connectToServer(m_port);
    QTRY_VERIFY_WITH_TIMEOUT(broken.isConnected(), 5000);
    broken.send(RawClient::request("GET", "/resetBeforeHeaders"));
    QTRY_VERIFY_WITH_TIMEOUT(broken.isClosed(), 5000);
    QCOMPARE(broken.socket().error(), QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(broken.received(), QByteArray());
    RawClient fine;
    fine.connectToServer(m_port);
    QTRY_VERIFY_WITH_TIMEOUT(fine.isConnected(), 5000);
    fine.send(RawClient::request("GET", "/nothing-here") + RawClient::request("GET", "/nothing-either"));
    QTRY_COMPARE_WITH_TIMEOUT(fine.finalResponseCount(), 2, 5000);
    QCOMPARE(fine.responses().at(1).status, 404);
}

void tst_MockFaults::faultChosenByBodyRule()
{
    const auto send = [this](QByteArrayView body) {
        auto client = std::make_unique<RawClient>();
        client->connectToServer(m_port);
        if (QTest::qWaitFor([&] { return client->isConnected(); }, 5000))
            client->send(RawClient::request("POST", "/byBody",
                                            "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n", body));
        return client;
    };
    const std::unique_ptr<RawClient> failing = send(R"({"fail":true})");
    const std::unique_ptr<RawClient> passing = send(R"({"fail":false})");
    QTRY_VERIFY_WITH_TIMEOUT(failing->isClosed(), 5000);
    QCOMPARE(failing->received(), QByteArray());
    QTRY_COMPARE_WITH_TIMEOUT(passing->finalResponseCount(), 1, 5000);
    QCOMPARE(passing->responses().at(0).body, "fine"_ba);
    QVERIFY(!passing->isClosed());
}

QTEST_GUILESS_MAIN(tst_MockFaults)
#include "tst_mockfaults.moc"
