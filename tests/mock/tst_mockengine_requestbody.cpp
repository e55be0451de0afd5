#include "httpcore/Server.h"
#include "httpcore/middleware/RequestCapture.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "httpcore/mock/engine/RouteHandler.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>
#include <mutex>

#include <sys/socket.h>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

constexpr qint64 Limit = RouteHandler::MaxUnusedBodyBytes;

// head builds a POST head for target with extra header lines (each ending in CRLF).
QByteArray head(QByteArrayView target, QByteArrayView extra)
{
    return RawClient::request("POST", target, extra);
}

QByteArray lengthHeader(qint64 length)
{
    return "Content-Length: "_ba + QByteArray::number(length) + "\r\n";
}

// chunked encodes body in chunks of at most piece bytes, with the final zero-size chunk when last.
QByteArray chunked(const QByteArray &body, qsizetype piece, bool last = true)
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += piece) {
        const QByteArray part = body.mid(at, piece);
        out += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
    }
    if (last)
        out += "0\r\n\r\n";
    return out;
}

// pattern returns size bytes that are not all alike, so a misplaced byte shows.
QByteArray pattern(qint64 size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        out[i] = char('a' + i % 26);
    return out;
}

} // namespace

// tst_MockEngineRequestBody checks when a mock route reads a request body that neither its rules nor its templates
// use (RouteHandler::MaxUnusedBodyBytes): a small one before answering, so the capture shows it; a large declared
// one not at all, without 100 Continue; and that a client going away mid-body does not get the route's answer.
class tst_MockEngineRequestBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void smallBodyIsReadBeforeTheAnswer_data();
    void smallBodyIsReadBeforeTheAnswer();
    void largeDeclaredBodyIsNotRead();
    void expectContinueForSmallBodyGetsContinueThenTheAnswer();
    void expectContinueForLargeBodyGetsTheAnswerWithoutContinue();
    void chunkedBodyWithExpectContinueIsNotRead();
    void chunkedBodyIsReadOnlyUpToTheLimit();
    void delayStartsAfterTheBody();
    void clientGoneMidBodyGetsNoAnswer_data();
    void clientGoneMidBodyGetsNoAnswer();

private:
    // serve serves "POST /plain" answering a static "ok" after delayMs, wrapped in a RequestCapture; returns the
    // port.
    quint16 serve(int delayMs = 0);
    // captured waits for the first captured exchange and returns it (a default one after the timeout).
    CapturedExchange captured();

    std::unique_ptr<Server> m_server;
    std::mutex m_mutex;
    // Guarded by m_mutex.
    QList<CapturedExchange> m_captured;
    // Guarded by m_mutex.
    QList<EngineProblem> m_problems;
};

void tst_MockEngineRequestBody::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    std::lock_guard lock(m_mutex);
    m_captured.clear();
    m_problems.clear();
}

quint16 tst_MockEngineRequestBody::serve(int delayMs)
{
    MockResponse response;
    response.body = u"ok"_s;
    response.templated = false;
    response.delay = Delay{delayMs, delayMs};
    Route route;
    route.id = u"plain"_s;
    route.pattern = u"POST /plain"_s;
    route.responses = {response};
    RouteSet set;
    set.routes = {route};
    MockHandlerOptions options;
    options.errorSink = [this](const EngineProblem &problem) {
        std::lock_guard lock(m_mutex);
        m_problems.append(problem);
    };
    const MockHandlerBuild build = buildMockHandler(set, options);
    if (!build.problems.isEmpty())
        return 0;
    RequestCapture::Settings settings;
    settings.bodyCap = 1024;
    settings.sink = [this](const CapturedExchange &x) {
        std::lock_guard lock(m_mutex);
        m_captured.append(x);
    };
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(RequestCapture::middleware(settings)(build.mux));
    const auto port = m_server->listen();
    return port ? *port : 0;
}

CapturedExchange tst_MockEngineRequestBody::captured()
{
    const bool arrived = QTest::qWaitFor(
        [this] {
            std::lock_guard lock(m_mutex);
            return !m_captured.isEmpty();
        },
        5000);
    std::lock_guard lock(m_mutex);
    return arrived ? m_captured.constFirst() : CapturedExchange{};
}

void tst_MockEngineRequestBody::smallBodyIsReadBeforeTheAnswer_data()
{
    QTest::addColumn<QByteArray>("framing");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("wire");
    const QByteArray json = R"({"name":"Ada","tags":["x","y"]})"_ba;
    QTest::addRow("json with content-length") << lengthHeader(json.size()) + "Content-Type: application/json\r\n"
                                              << json << json;
    // Over the server's drain budget (256 KiB), so before the change the connection closed after the answer.
    const QByteArray atLimit = pattern(Limit);
    QTest::addRow("content-length at the limit") << lengthHeader(Limit) << atLimit << atLimit;
    QTest::addRow("chunked") << "Transfer-Encoding: chunked\r\n"_ba << json << chunked(json, 5);
    const QByteArray larger = pattern(300 * 1024);
    QTest::addRow("chunked over the drain budget")
        << "Transfer-Encoding: chunked\r\n"_ba << larger << chunked(larger, 16 * 1024);
}

void tst_MockEngineRequestBody::smallBodyIsReadBeforeTheAnswer()
{
    QFETCH(QByteArray, framing);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, wire);
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(head("/plain", framing) + wire);
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 10000);
    const RawClient::Response &response = client.responses().constFirst();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, "ok"_ba);
    QVERIFY(!response.header.value("Connection").contains("close"));
    const CapturedExchange x = captured();
    QVERIFY(x.requestBodyComplete);
    QCOMPARE(x.requestBodyRead, qint64(body.size()));
    QCOMPARE(x.requestBody, body.first(std::min<qsizetype>(body.size(), 1024)));
    // The body was consumed, so the connection carries the next request.
    client.send(head("/plain", lengthHeader(2)) + "hi");
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 2, 5000);
    QCOMPARE(client.responses().constLast().status, 200);
    QVERIFY(!client.isClosed());
}

void tst_MockEngineRequestBody::largeDeclaredBodyIsNotRead()
{
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    // The head and a first piece only: a route that waited for the body would never answer.
    client.send(head("/plain", lengthHeader(Limit + 1)) + pattern(4096));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 5000);
    const RawClient::Response &response = client.responses().constFirst();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, "ok"_ba);
    // As before: the unread rest is over the drain budget, so the server announces the close and closes.
    QCOMPARE(response.header.value("Connection"), "close"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    const CapturedExchange x = captured();
    QVERIFY(!x.requestBodyComplete);
    QCOMPARE(x.requestBodyRead, qint64(0));
    QVERIFY2(x.request.endsWith("[... 1048577 more bytes not read by the handler]\r\n"), x.request.constData());
}

void tst_MockEngineRequestBody::expectContinueForSmallBodyGetsContinueThenTheAnswer()
{
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    const QByteArray body = R"({"a":1})"_ba;
    client.send(head("/plain", lengthHeader(body.size()) + "Expect: 100-continue\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses().constFirst().status, 100);
    // The route waits for the body it invited before answering.
    QTest::qWait(100);
    QCOMPARE(client.finalResponseCount(), 0);
    client.send(body);
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 5000);
    QCOMPARE(client.responseCount(), 2);
    QCOMPARE(client.responses().constLast().status, 200);
    QVERIFY(!client.responses().constLast().header.value("Connection").contains("close"));
    const CapturedExchange x = captured();
    QVERIFY(x.requestBodyComplete);
    QCOMPARE(x.requestBody, body);
}

void tst_MockEngineRequestBody::expectContinueForLargeBodyGetsTheAnswerWithoutContinue()
{
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(head("/plain", lengthHeader(Limit + 1) + "Expect: 100-continue\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 5000);
    QCOMPARE(client.responseCount(), 1);
    QVERIFY2(client.received().startsWith("HTTP/1.1 200 OK\r\n"), client.received().constData());
    QCOMPARE(client.responses().constFirst().body, "ok"_ba);
    QCOMPARE(client.responses().constFirst().header.value("Connection"), "close"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QVERIFY(!client.received().contains("100 Continue"));
    QVERIFY(!captured().requestBodyComplete);
}

void tst_MockEngineRequestBody::chunkedBodyWithExpectContinueIsNotRead()
{
    // Documented choice: the length is unknown, so the route does not invite the body.
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(head("/plain", "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses().constFirst().status, 200);
    QCOMPARE(client.responses().constFirst().header.value("Connection"), "close"_ba);
    QVERIFY(!client.received().contains("100 Continue"));
    const CapturedExchange x = captured();
    QVERIFY(!x.requestBodyComplete);
    QCOMPARE(x.requestBodyRead, qint64(0));
}

void tst_MockEngineRequestBody::chunkedBodyIsReadOnlyUpToTheLimit()
{
    const quint16 port = serve();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    // More than the limit, without the final chunk: the answer comes once the limit is read, not at the end.
    client.send(head("/plain", "Transfer-Encoding: chunked\r\n") + chunked(pattern(Limit + 64 * 1024), 8192, false));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 10000);
    QCOMPARE(client.responses().constFirst().status, 200);
    QCOMPARE(client.responses().constFirst().body, "ok"_ba);
    const CapturedExchange x = captured();
    QVERIFY(!x.requestBodyComplete);
    QVERIFY2(x.requestBodyRead >= Limit, QByteArray::number(x.requestBodyRead).constData());
    QVERIFY2(x.requestBodyRead < Limit + 64 * 1024, QByteArray::number(x.requestBodyRead).constData());
}

void tst_MockEngineRequestBody::delayStartsAfterTheBody()
{
    constexpr int DelayMs = 300;
    const quint16 port = serve(DelayMs);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(head("/plain", lengthHeader(8)) + "half");
    // Longer than the delay: had it started with the request, the answer would follow the rest at once.
    QTest::qWait(DelayMs + 200);
    QCOMPARE(client.finalResponseCount(), 0);
    QElapsedTimer clock;
    clock.start();
    client.send("rest");
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 1, 5000);
    QVERIFY2(clock.elapsed() >= DelayMs - 20, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(client.responses().constFirst().body, "ok"_ba);
    QCOMPARE(captured().requestBody, "halfrest"_ba);
}

void tst_MockEngineRequestBody::clientGoneMidBodyGetsNoAnswer_data()
{
    QTest::addColumn<bool>("reset");
    QTest::addRow("reset") << true;
    QTest::addRow("half-close") << false;
}

void tst_MockEngineRequestBody::clientGoneMidBodyGetsNoAnswer()
{
    QFETCH(bool, reset);
    const quint16 port = serve();
    QVERIFY(port != 0);
    {
        RawClient client;
        client.connectToServer(port);
        QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
        client.send(head("/plain", lengthHeader(1000)) + pattern(100));
        QVERIFY(client.socket().waitForBytesWritten(5000));
        // Give the server time to start reading the body.
        QTest::qWait(100);
        const int fd = int(client.socket().socketDescriptor());
        if (reset) {
            // SO_LINGER {1, 0}: close() sends a TCP RST.
            const linger hard{1, 0};
            QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard), 0);
            client.socket().abort();
        } else {
            QCOMPARE(::shutdown(fd, SHUT_WR), 0);
            QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
            // The route's answer assumes the body it never got: it must not be sent.
            QVERIFY2(!client.received().endsWith("\r\n\r\nok"), client.received().constData());
        }
    }
    // The server, and the route, still serve.
    const QByteArray body = R"({"b":2})"_ba;
    RawClient next;
    next.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(next.isConnected(), 5000);
    next.send(head("/plain", lengthHeader(body.size())) + body);
    QTRY_COMPARE_WITH_TIMEOUT(next.finalResponseCount(), 1, 5000);
    QCOMPARE(next.responses().constFirst().body, "ok"_ba);
    std::lock_guard lock(m_mutex);
    QVERIFY(m_problems.isEmpty());
}

QTEST_GUILESS_MAIN(tst_MockEngineRequestBody)
#include "tst_mockengine_requestbody.moc"
