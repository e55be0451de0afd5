#include "httpcore/mock/proxy/ProxyHandler.h"
#include "tst_proxy_upstream.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace httpcore;
using namespace mock;
using namespace proxytest;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// tst_ProxyLifecycle runs a real upstream and a front server whose handler is a ProxyHandler, on 127.0.0.1:0:
// a large answer relayed at the pace of the client, the upstream unreachable (502) or too slow (504), a client or
// a server that goes away mid-exchange (the upstream request is aborted), a request body over the cap (413).
class tst_ProxyLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamsLargeBodyPacedByTheClient();
    void closedUpstreamPortAnswers502();
    void slowUpstreamAnswers504();
    void clientDisconnectAbortsUpstreamRequest();
    void closingTheFrontAbortsUpstreamRequest();
    void oversizedRequestBodyAnswers413();

private:
    // startFront serves the proxy for options (upstream: the upstream's /base when empty) on 127.0.0.1:0.
    quint16 startFront(ProxyOptions options = {});

    std::unique_ptr<Upstream> m_upstream;
    std::unique_ptr<Server> m_front;
};

void tst_ProxyLifecycle::init()
{
    m_upstream = std::make_unique<Upstream>();
    QVERIFY(m_upstream->start() != 0);
}

void tst_ProxyLifecycle::cleanup()
{
    m_front.reset(); // joins the front's threads, deleting their network managers
    m_upstream.reset();
}

quint16 tst_ProxyLifecycle::startFront(ProxyOptions options)
{
    if (options.upstream.isEmpty())
        options.upstream = QUrl(u"http://127.0.0.1:%1/base"_s.arg(m_upstream->port()));
    const auto handler = ProxyHandler::make(std::move(options));
    if (!handler)
        return 0;
    m_front = std::make_unique<Server>(loopbackConfig());
    m_front->setHandler(*handler);
    const auto port = m_front->listen();
    return port ? *port : 0;
}

void tst_ProxyLifecycle::streamsLargeBodyPacedByTheClient()
{
    // More than every buffer between the upstream and a client that does not read can hold (kernel socket buffers
    // included), so the upstream must stall until the client reads.
    constexpr qint64 Total = 96 * 1024 * 1024;
    const quint16 port = startFront();
    QVERIFY(port != 0);
    QTcpSocket client;
    client.setReadBufferSize(64 * 1024);
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(client.waitForConnected(5000));
    client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 64 * 1024);
    client.write(RawClient::request("GET", "/large?bytes=" + QByteArray::number(Total)));

    // Wait until the upstream has stopped sending for a second.
    qint64 last = -1;
    int still = 0;
    QElapsedTimer clock;
    clock.start();
    while (still < 10 && clock.elapsed() < 30'000) {
        QTest::qWait(100);
        const qint64 now = m_upstream->streamed();
        still = (now == last && now > 0) ? still + 1 : 0;
        last = now;
    }
    QVERIFY2(still >= 10, "the upstream never stalled");
    QVERIFY2(last < Total / 2, qPrintable(u"the upstream sent %1 bytes to a client that read none"_s.arg(last)));

    // Now read it all: every byte arrives, in order.
    client.setReadBufferSize(0);
    QByteArray head;
    qint64 received = 0;
    bool intact = true;
    while (received < Total && clock.elapsed() < 60'000) {
        if (client.bytesAvailable() == 0 && !client.waitForReadyRead(5000))
            break;
        QByteArray data = client.readAll();
        if (!head.endsWith("\r\n\r\n")) {
            head += data;
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0)
                continue;
            data = head.mid(end + 4);
            head.truncate(end + 4);
        }
        intact = intact && data == Upstream::patternChunk(received, data.size());
        received += data.size();
    }
    QVERIFY2(head.startsWith("HTTP/1.1 200 OK\r\n"), head.constData());
    QVERIFY(head.contains("Content-Length: " + QByteArray::number(Total) + "\r\n"));
    QCOMPARE(received, Total);
    QVERIFY(intact);
}

void tst_ProxyLifecycle::closedUpstreamPortAnswers502()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost)));
    const quint16 closed = probe.serverPort();
    probe.close();
    ProxyOptions options;
    options.upstream = QUrl(u"http://127.0.0.1:%1/base"_s.arg(closed));
    const quint16 port = startFront(options);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/x?y=1"));
    QCOMPARE(response.status, 502);
    QCOMPARE(response.header.value("Content-Type"), "text/plain; charset=utf-8");
    QVERIFY2(response.body.contains("http://127.0.0.1:" + QByteArray::number(closed) + "/base/x?y=1"),
             response.body.constData());
    QVERIFY2(response.body.toLower().contains("connection refused"), response.body.constData());
}

void tst_ProxyLifecycle::slowUpstreamAnswers504()
{
    ProxyOptions options;
    options.timeout = 300ms;
    const quint16 port = startFront(options);
    QVERIFY(port != 0);
    QElapsedTimer clock;
    clock.start();
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/slow"));
    QCOMPARE(response.status, 504);
    QVERIFY2(clock.elapsed() < 2500, "the 504 waited for the upstream's answer");
    QVERIFY2(response.body.contains("did not answer within 300 ms"), response.body.constData());
}

void tst_ProxyLifecycle::clientDisconnectAbortsUpstreamRequest()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/endless"));
    QTRY_VERIFY_WITH_TIMEOUT(client.received().size() > (1 << 20), 10'000);
    QCOMPARE(m_upstream->connectionCount(), 1);
    client.socket().abort();
    // The front notices on its next write, aborts the upstream request, and the upstream sees its connection end.
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream->connectionCount(), 0, 10'000);
    const qint64 streamed = m_upstream->streamed();
    QTest::qWait(300);
    QCOMPARE(m_upstream->streamed(), streamed);
}

void tst_ProxyLifecycle::oversizedRequestBodyAnswers413()
{
    ProxyOptions options;
    options.maxRequestBodyBytes = 1024;
    const quint16 port = startFront(options);
    QVERIFY(port != 0);
    const QByteArray body(4096, 'x');
    const RawClient::Response response =
        fetch(port, RawClient::request("POST", "/echo/big", "Content-Length: 4096\r\n", body));
    QCOMPARE(response.status, 413);
    QVERIFY(response.body.contains("at most 1024 bytes"));
    QCOMPARE(m_upstream->seenCount(), 0);
}

void tst_ProxyLifecycle::closingTheFrontAbortsUpstreamRequest()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/slow?ms=500"));
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream->seenCount(), 1, 5000);
    QCOMPARE(m_upstream->connectionCount(), 1);
    // The exchange is waiting for the head: the front's threads end with it in flight, and their network
    // managers take it down on those threads.
    m_front->close();
    // The upstream, like Go's server, answers a request whose client half-closed before it notices the end; a
    // connection still pooled by the front would stay open (kept alive) after that answer.
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream->connectionCount(), 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 0);
}

QTEST_GUILESS_MAIN(tst_ProxyLifecycle)
#include "tst_proxy_lifecycle.moc"
