#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "httpcore/ServerEventQueue.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

#include <sys/socket.h>

using namespace httpcore;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

std::atomic<qint64> s_maxBuffered{0};

void answer(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(body);
}

// lifecycleHandler serves the routes of these tests.
HandlerPtr lifecycleHandler(QByteArray name = "first"_ba)
{
    return HandlerFunc::make([name](const ResponsePtr &w, const Request &r) {
        const QByteArray &path = r.url.path();
        if (path == "/name") {
            answer(w, 200, name);
        } else if (path == "/upload") {
            // Streams the body and reports how it ended: 200 with the byte count, or 408 with the error.
            auto received = std::make_shared<qint64>(0);
            r.body->read([received](QByteArrayView chunk) { *received += chunk.size(); },
                         [w, received](const std::optional<HttpError> &error) {
                             if (error)
                                 answer(w, 408, "body error: " + error->reason);
                             else
                                 answer(w, 200, QByteArray::number(*received));
                         });
        } else if (path == "/noread") {
            answer(w, 200, "ignored\n");
        } else if (path == "/stream") {
            // 8 MiB in 64 KiB chunks, each written once the previous ones drained: paced by the client.
            w->header().set("Content-Length", QByteArray::number(8 << 20));
            auto sent = std::make_shared<qint64>(0);
            auto step = std::make_shared<std::function<void()>>();
            *step = [w, sent, step] {
                s_maxBuffered = std::max(s_maxBuffered.load(), w->bufferedBytes());
                if (*sent >= (8 << 20)) {
                    *step = nullptr; // breaks the cycle; the response finishes as the last copy goes
                    return;
                }
                w->write(QByteArray(64 * 1024, 's'));
                *sent += 64 * 1024;
                w->flush();
                w->whenDrained(64 * 1024, *step);
            };
            (*step)();
        } else if (path == "/slow") {
            QTimer::singleShot(600, [w] { answer(w, 200, "slow\n"); });
        } else {
            answer(w, 404, "not found\n");
        }
    });
}

} // namespace

// tst_ServerLifecycle covers the timeouts that bound an exchange, the drain rule for unread bodies, the limits
// answered at server level, and restarting a server.
class tst_ServerLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void readTimeoutEndsASlowBody();
    void writeTimeoutClosesWithoutResponse();
    void unreadBodyOverDrainLimitClosesTheConnection();
    void unreadBodyUnderDrainLimitKeepsTheConnection();
    void limitsAreAnsweredAtServerLevel_data();
    void limitsAreAnsweredAtServerLevel();
    void halfClosedClientStillGetsAnAsyncResponse();
    void streamingHandlerIsPacedByTheClient();
    void listenFailsWhileRunning();
    void restartsOnTheSamePortAfterClose();
    void restartsAfterGracefulShutdown();
    void listenReportsAPortInUse();

private:
    quint16 startServer(ServerConfig config = ServerConfig());
    QByteArrayList closeReasons();

    std::unique_ptr<Server> m_server;
    std::shared_ptr<ServerEventQueue> m_events;
    QList<ServerEvent> m_drained;
};

void tst_ServerLifecycle::init()
{
    m_events = std::make_shared<ServerEventQueue>(10'000);
    m_drained.clear();
}

void tst_ServerLifecycle::cleanup()
{
    m_server.reset();
    m_events.reset();
}

quint16 tst_ServerLifecycle::startServer(ServerConfig config)
{
    config.host = u"127.0.0.1"_s;
    config.workerThreads = 1;
    if (config.port == 8080)
        config.port = 0;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(lifecycleHandler());
    m_server->setObserver(m_events);
    const auto port = m_server->listen();
    return port ? *port : quint16(0);
}

QByteArrayList tst_ServerLifecycle::closeReasons()
{
    for (ServerEvent &event : m_events->queue().drain().events)
        m_drained.append(std::move(event));
    QByteArrayList reasons;
    for (const ServerEvent &event : std::as_const(m_drained)) {
        if (event.kind == ServerEvent::Kind::ConnState && event.state == ConnState::Closed)
            reasons.append(event.reason);
    }
    return reasons;
}

void tst_ServerLifecycle::readTimeoutEndsASlowBody()
{
    ServerConfig config;
    config.readTimeout = 300ms;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QElapsedTimer clock;
    clock.start();
    // Ten of the hundred promised bytes, then silence.
    client.send(RawClient::request("POST", "/upload", "Content-Length: 100\r\n", QByteArray(10, 'x')));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QVERIFY2(clock.elapsed() >= 250, "closed before the read timeout");
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].status, 408);
    QCOMPARE(client.responses()[0].body, "body error: read timeout"_ba);
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
}

void tst_ServerLifecycle::writeTimeoutClosesWithoutResponse()
{
    ServerConfig config;
    config.writeTimeout = 200ms;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QElapsedTimer clock;
    clock.start();
    client.send(RawClient::request("GET", "/slow"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QVERIFY2(clock.elapsed() >= 150 && clock.elapsed() < 590, "closed by the write timeout, not the handler");
    QCOMPARE(client.received(), QByteArray());
    QTRY_COMPARE_WITH_TIMEOUT(closeReasons(), QByteArrayList{"write timeout"_ba}, 5000);
}

void tst_ServerLifecycle::unreadBodyOverDrainLimitClosesTheConnection()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    const QByteArray body(300 * 1024, 'b');
    client.send(RawClient::request("POST", "/noread", "Content-Length: 307200\r\n", body) +
                RawClient::request("GET", "/name"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].body, "ignored\n"_ba);
    // Go's chunkWriter rule: the head already says the connection will close.
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
    QTRY_COMPARE_WITH_TIMEOUT(closeReasons(), QByteArrayList{"unread request body too large"_ba}, 5000);
}

void tst_ServerLifecycle::unreadBodyUnderDrainLimitKeepsTheConnection()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    const QByteArray body(200 * 1024, 'b');
    client.send(RawClient::request("POST", "/noread", "Content-Length: 204800\r\n", body) +
                RawClient::request("GET", "/name"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 2, 5000);
    QCOMPARE(client.responses()[1].body, "first"_ba);
    QVERIFY(client.responses()[0].header.value("Connection").isEmpty());
    QVERIFY(!client.isClosed());
}

void tst_ServerLifecycle::limitsAreAnsweredAtServerLevel_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addRow("request line too long (414)")
        << ("GET /" + QByteArray(17 * 1024, 'a') + " HTTP/1.1\r\nHost: test\r\n\r\n") << 414;
    QTest::addRow("HTTP/2.0 on the request line (505)") << "GET /name HTTP/2.0\r\nHost: test\r\n\r\n"_ba << 505;
    QTest::addRow("HTTP/3.1 (505)") << "GET /name HTTP/3.1\r\nHost: test\r\n\r\n"_ba << 505;
    QTest::addRow("unknown transfer coding (501)")
        << "POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: zstd\r\n\r\n"_ba << 501;
    QTest::addRow("no Host in HTTP/1.1 (400)") << "GET /name HTTP/1.1\r\n\r\n"_ba << 400;
}

void tst_ServerLifecycle::limitsAreAnsweredAtServerLevel()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(request + RawClient::request("GET", "/name"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].status, status);
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
    // The server keeps serving others.
    RawClient next;
    next.connectToServer(port);
    next.send(RawClient::request("GET", "/name"));
    QTRY_COMPARE_WITH_TIMEOUT(next.responseCount(), 1, 5000);
    QCOMPARE(next.responses()[0].status, 200);
}

void tst_ServerLifecycle::halfClosedClientStillGetsAnAsyncResponse()
{
    // A client that sends its request and shuts down its write side (nc -N, some HTTP/1.0 tools) still reads
    // the answer, as from Go: end of input is not the end of the connection while a response is due.
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.send(RawClient::request("GET", "/slow"));
    QVERIFY(client.socket().waitForBytesWritten(2000));
    QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].body, "slow\n"_ba);
}

void tst_ServerLifecycle::streamingHandlerIsPacedByTheClient()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    s_maxBuffered = 0;
    RawClient client;
    client.socket().setReadBufferSize(16 * 1024); // a slow reader: TCP flow control pushes back
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/stream"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 20000);
    QCOMPARE(client.responses()[0].body.size(), 8 << 20);
    // Never more than a couple of chunks waited in the server's memory.
    QVERIFY2(s_maxBuffered.load() <= 192 * 1024, qPrintable(QString::number(s_maxBuffered.load())));
}

void tst_ServerLifecycle::listenFailsWhileRunning()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    const auto again = m_server->listen(u"127.0.0.1"_s, 0);
    QVERIFY(!again);
    QCOMPARE(again.error(), u"the server is already running"_s);
    QCOMPARE(m_server->serverPort(), port);
}

void tst_ServerLifecycle::restartsOnTheSamePortAfterClose()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    {
        // The server closes this connection first, which leaves its side in TIME_WAIT on the port.
        RawClient client;
        client.connectToServer(port);
        client.send(RawClient::request("GET", "/name", "Connection: close\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    }
    m_server->close();
    QVERIFY(!m_server->isListening());
    m_server->setHandler(lifecycleHandler("second"_ba));
    const auto again = m_server->listen(u"127.0.0.1"_s, port);
    QVERIFY2(again, again ? "" : qPrintable(again.error()));
    QCOMPARE(*again, port);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/name"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].body, "second"_ba);
    // The observer was carried over to the new run.
    QTRY_COMPARE_WITH_TIMEOUT(closeReasons().size(), 1, 5000);
}

void tst_ServerLifecycle::restartsAfterGracefulShutdown()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    QSignalSpy finished(m_server.get(), &Server::shutdownFinished);
    m_server->shutdown(2s);
    QVERIFY(!m_server->listen(u"127.0.0.1"_s, port)); // still shutting down until the signal
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    const auto again = m_server->listen(u"127.0.0.1"_s, port);
    QVERIFY2(again, again ? "" : qPrintable(again.error()));
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/name"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].status, 200);
}

void tst_ServerLifecycle::listenReportsAPortInUse()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    Server other;
    const auto result = other.listen(u"127.0.0.1"_s, port);
    QVERIFY(!result);
    QVERIFY2(result.error().contains(u"in use"_s, Qt::CaseInsensitive), qPrintable(result.error()));
    QVERIFY(!other.isListening());
}

QTEST_GUILESS_MAIN(tst_ServerLifecycle)
#include "tst_serverlifecycle.moc"
