#include "httpcore/ConnState.h"
#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "support/RawClient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>

using namespace httpcore;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

// StateRecorder records every connection-state change; thread-safe (called on worker threads).
class StateRecorder final : public ServerObserver
{
public:
    struct Change
    {
        quint64 id;
        ConnState state;
        QByteArray reason;
    };

    void connStateChanged(const ConnStateChange &change) override
    {
        std::lock_guard lock(m_mutex);
        m_changes.append({change.connectionId, change.state, change.reason.toByteArray()});
    }

    int count(ConnState state) const
    {
        std::lock_guard lock(m_mutex);
        return int(
            std::count_if(m_changes.begin(), m_changes.end(), [&](const Change &c) { return c.state == state; }));
    }

    QByteArrayList closeReasons() const
    {
        std::lock_guard lock(m_mutex);
        QByteArrayList reasons;
        for (const Change &c : m_changes) {
            if (c.state == ConnState::Closed)
                reasons.append(c.reason);
        }
        return reasons;
    }

    QList<ConnState> statesOf(quint64 id) const
    {
        std::lock_guard lock(m_mutex);
        QList<ConnState> states;
        for (const Change &c : m_changes) {
            if (c.id == id)
                states.append(c.state);
        }
        return states;
    }

private:
    mutable std::mutex m_mutex;
    QList<Change> m_changes;
};

// Counters shared between the test and its handler (read on the test thread, written on workers).
struct HandlerState
{
    std::atomic<int> requests{0};
    std::atomic<int> slowStarted{0};
};

void answer(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(body);
}

// testHandler serves the routes the tests use.
HandlerPtr testHandler(HandlerState *state)
{
    return HandlerFunc::make([state](const ResponsePtr &w, const Request &r) {
        state->requests.fetch_add(1);
        const QByteArray &path = r.url.path();
        if (path == "/hello") {
            answer(w, 200, "Hello, World!\n");
        } else if (path == "/target") {
            answer(w, 200, r.target);
        } else if (path == "/echo") {
            if (!r.body)
                return answer(w, 200, {});
            r.body->readAll(16 << 20, [w](QByteArray body, bool truncated) {
                answer(w, truncated ? 413 : 200, body);
                w->finish();
            });
        } else if (path == "/noread") {
            answer(w, 200, "ignored\n");
        } else if (path == "/throw") {
            throw std::runtime_error("handler failure for the test");
        } else if (path == "/slow") {
            state->slowStarted.fetch_add(1);
            // Asynchronous: the ResponsePtr copy in the timer keeps the response open for 300 ms.
            QTimer::singleShot(300, [w] { answer(w, 200, "slow\n"); });
        } else {
            answer(w, 404, "not found\n");
        }
    });
}

} // namespace

// tst_Server runs real servers on 127.0.0.1:0 against raw socket clients and curl.
class tst_Server : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keepAliveReusesOneConnectionFor100Requests();
    void pipelinedRequestsAreAnsweredInOrder();
    void http10ClosesUnlessKeepAlive_data();
    void http10ClosesUnlessKeepAlive();
    void connectionCloseClosesAfterResponse();
    void expectContinueSends100WhenHandlerReads();
    void expectContinueWithoutReadingSendsNo100();
    void unsupportedExpectationIsAnswered417();
    void unreadSmallBodyIsDrainedAndConnectionReused();
    void parseErrorsAreAnsweredThenClosed_data();
    void parseErrorsAreAnsweredThenClosed();
    void malformedChunkedBodyIsAnswered400();
    void throwingHandlerClosesWithoutResponse();
    void asyncHandlerDoesNotBlockItsWorker();
    void manyConcurrentClients();
    void readHeaderTimeoutClosesSilently_data();
    void readHeaderTimeoutClosesSilently();
    void idleTimeoutClosesKeptAliveConnection();
    void gracefulShutdownLetsActiveRequestFinish();
    void shutdownForceClosesAtDeadline();
    void closeAbortsActiveConnection();
    void curlReusesConnection();
    void curlUploadsWithExpectContinue();

private:
    // startServer listens on 127.0.0.1:0 with config and the test handler; returns the port (0 on failure).
    quint16 startServer(ServerConfig config = ServerConfig());

    std::unique_ptr<Server> m_server;
    std::shared_ptr<StateRecorder> m_recorder;
    std::unique_ptr<HandlerState> m_state;
};

void tst_Server::init()
{
    m_state = std::make_unique<HandlerState>();
    m_recorder = std::make_shared<StateRecorder>();
}

void tst_Server::cleanup()
{
    m_server.reset(); // closes and joins every thread
    m_recorder.reset();
    m_state.reset();
}

quint16 tst_Server::startServer(ServerConfig config)
{
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    if (config.workerThreads == 0)
        config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(testHandler(m_state.get()));
    m_server->setObserver(m_recorder);
    const auto port = m_server->listen();
    if (!port) {
        qWarning() << "listen failed:" << port.error();
        return 0;
    }
    return *port;
}

void tst_Server::keepAliveReusesOneConnectionFor100Requests()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    for (int i = 0; i < 100; ++i) {
        client.send(RawClient::request("GET", "/hello"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), i + 1, 5000);
    }
    for (const RawClient::Response &response : client.responses()) {
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, "Hello, World!\n"_ba);
    }
    QVERIFY(!client.isClosed());
    QCOMPARE(m_recorder->count(ConnState::New), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->count(ConnState::Idle), 100, 5000);
}

void tst_Server::pipelinedRequestsAreAnsweredInOrder()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QByteArray batch;
    for (int i = 0; i < 10; ++i)
        batch += RawClient::request("GET", "/target?i=" + QByteArray::number(i));
    client.send(batch); // one write: every request is buffered on the server at once
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 10, 5000);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(client.responses()[i].status, 200);
        QCOMPARE(client.responses()[i].body, "/target?i=" + QByteArray::number(i));
    }
    QVERIFY(!client.isClosed());
}

void tst_Server::http10ClosesUnlessKeepAlive_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("keptAlive");
    QTest::addRow("HTTP/1.0 closes") << "GET /hello HTTP/1.0\r\n\r\n"_ba << false;
    QTest::addRow("HTTP/1.0 keep-alive stays open")
        << "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba << true;
}

void tst_Server::http10ClosesUnlessKeepAlive()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, keptAlive);
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(request);
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].status, 200);
    QCOMPARE(client.responses()[0].body, "Hello, World!\n"_ba);
    if (!keptAlive) {
        QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
        return;
    }
    client.send(request);
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 2, 5000);
    QVERIFY(!client.isClosed());
    QCOMPARE(m_recorder->count(ConnState::New), 1);
}

void tst_Server::connectionCloseClosesAfterResponse()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    // A second request pipelined behind "Connection: close" must not be answered.
    client.send(RawClient::request("GET", "/hello", "Connection: close\r\n") + RawClient::request("GET", "/hello"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].status, 200);
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
    QCOMPARE(m_state->requests.load(), 1);
}

void tst_Server::expectContinueSends100WhenHandlerReads()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("POST", "/echo", "Expect: 100-continue\r\nContent-Length: 5\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].status, 100);
    client.send("hello");
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 2, 5000);
    QCOMPARE(client.responses()[1].status, 200);
    QCOMPARE(client.responses()[1].body, "hello"_ba);
    // The connection is still usable.
    client.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 3, 5000);
    QCOMPARE(client.responses()[2].status, 200);
}

void tst_Server::expectContinueWithoutReadingSendsNo100()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("POST", "/noread", "Expect: 100-continue\r\nContent-Length: 5\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].status, 200);
    QCOMPARE(client.responses()[0].body, "ignored\n"_ba);
    // Go issue 11549: the unread body leaves the stream ambiguous, so the server closes (and says so).
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
}

void tst_Server::unsupportedExpectationIsAnswered417()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("POST", "/echo", "Expect: something-else\r\nContent-Length: 5\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].status, 417);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(m_state->requests.load(), 0);
}

void tst_Server::unreadSmallBodyIsDrainedAndConnectionReused()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    const QByteArray body(10000, 'x');
    client.send(RawClient::request("POST", "/noread", "Content-Length: 10000\r\n", body) +
                RawClient::request("POST", "/noread", "Transfer-Encoding: chunked\r\n", "3\r\nabc\r\n0\r\n\r\n") +
                RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 3, 5000);
    QCOMPARE(client.responses()[0].body, "ignored\n"_ba);
    QCOMPARE(client.responses()[1].body, "ignored\n"_ba);
    QCOMPARE(client.responses()[2].body, "Hello, World!\n"_ba);
    QVERIFY(!client.isClosed());
    QCOMPARE(m_recorder->count(ConnState::New), 1);
}

void tst_Server::parseErrorsAreAnsweredThenClosed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addRow("header section too large (431)")
        << ("GET /hello HTTP/1.1\r\nHost: test\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431;
    QTest::addRow("field line without colon (400)") << "GET /hello HTTP/1.1\r\nHost: test\r\nNoColon\r\n\r\n"_ba << 400;
    QTest::addRow("garbage request line (400)") << "this is not http\r\n\r\n"_ba << 400;
    QTest::addRow("Content-Length over maxBodyBytes (413)")
        << "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 2000000\r\n\r\n"_ba << 413;
}

void tst_Server::parseErrorsAreAnsweredThenClosed()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    ServerConfig config;
    config.limits.maxHeaderBytes = 8 * 1024;
    config.limits.maxBodyBytes = 1024 * 1024;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    // A valid request behind the bad one must not be answered.
    client.send(request + RawClient::request("GET", "/hello"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    const RawClient::Response &response = client.responses()[0];
    QCOMPARE(response.status, status);
    QCOMPARE(response.header.value("Connection"), "close");
    QCOMPARE(response.header.value("Content-Type"), "text/plain; charset=utf-8");
    QVERIFY(!response.body.isEmpty());
    QCOMPARE(m_state->requests.load(), 0);
}

void tst_Server::malformedChunkedBodyIsAnswered400()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    // The head is fine, so the handler runs and reads; the chunk size is not hex.
    client.send(RawClient::request("POST", "/echo", "Transfer-Encoding: chunked\r\n", "3\r\nabc\r\nzz\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].status, 400);
    QCOMPARE(client.responses()[0].header.value("Connection"), "close");
    QCOMPARE(m_state->requests.load(), 1);
}

void tst_Server::throwingHandlerClosesWithoutResponse()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"threw.*handler failure for the test"_s));
    RawClient thrower;
    RawClient bystander;
    thrower.connectToServer(port);
    bystander.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(thrower.isConnected() && bystander.isConnected(), 5000);
    thrower.send(RawClient::request("GET", "/throw"));
    bystander.send(RawClient::request("GET", "/hello"));
    QTRY_VERIFY_WITH_TIMEOUT(thrower.isClosed(), 5000);
    QCOMPARE(thrower.received(), QByteArray());
    QTRY_COMPARE_WITH_TIMEOUT(bystander.responseCount(), 1, 5000);
    QCOMPARE(bystander.responses()[0].status, 200);
    bystander.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(bystander.responseCount(), 2, 5000);
    QVERIFY(!bystander.isClosed());
}

void tst_Server::asyncHandlerDoesNotBlockItsWorker()
{
    ServerConfig config;
    config.workerThreads = 1;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient slow;
    RawClient fast;
    slow.connectToServer(port);
    fast.connectToServer(port);
    slow.send(RawClient::request("GET", "/slow"));
    QTRY_COMPARE_WITH_TIMEOUT(m_state->slowStarted.load(), 1, 5000);
    fast.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast.responseCount(), 1, 5000);
    QCOMPARE(slow.responseCount(), 0); // the slow answer is still pending on the same (only) thread
    QTRY_COMPARE_WITH_TIMEOUT(slow.responseCount(), 1, 5000);
    QCOMPARE(slow.responses()[0].status, 200);
    QCOMPARE(slow.responses()[0].body, "slow\n"_ba);
    // The kept connection serves the next request.
    slow.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(slow.responseCount(), 2, 5000);
}

void tst_Server::manyConcurrentClients()
{
    constexpr int Clients = 50;
    constexpr int RequestsEach = 200;
    const quint16 port = startServer();
    QVERIFY(port != 0);
    std::vector<std::unique_ptr<RawClient>> clients;
    const QByteArray request = RawClient::request("GET", "/hello");
    for (int i = 0; i < Clients; ++i) {
        auto client = std::make_unique<RawClient>();
        RawClient *raw = client.get();
        connect(raw, &RawClient::responseReceived, raw, [raw, request] {
            if (raw->responseCount() < RequestsEach)
                raw->send(request);
        });
        raw->connectToServer(port);
        raw->send(request); // queued until connected
        clients.push_back(std::move(client));
    }
    auto done = [&] {
        return std::all_of(clients.begin(), clients.end(),
                           [](const auto &c) { return c->responseCount() == RequestsEach || c->isClosed(); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(done(), 120000);
    for (const auto &client : clients) {
        QVERIFY(!client->isClosed());
        QCOMPARE(client->responseCount(), RequestsEach);
        QCOMPARE(client->responses().last().body, "Hello, World!\n"_ba);
    }
    QCOMPARE(m_state->requests.load(), Clients * RequestsEach);
    QCOMPARE(m_recorder->count(ConnState::New), Clients);
}

void tst_Server::readHeaderTimeoutClosesSilently_data()
{
    QTest::addColumn<bool>("drip");
    QTest::addRow("partial head then silence") << false;
    QTest::addRow("head dripped too slowly") << true;
}

void tst_Server::readHeaderTimeoutClosesSilently()
{
    QFETCH(bool, drip);
    ServerConfig config;
    config.readHeaderTimeout = 250ms;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    if (drip)
        client.drip(RawClient::request("GET", "/hello", "X-Padding: aaaaaaaaaaaaaaaaaaaa\r\n"), 1, 20); // ~1.3 s
    else
        client.send("GET /hello HTTP/1.1\r\nHost: te");
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.received(), QByteArray()); // Go answers nothing on a timeout
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->closeReasons(), QByteArrayList{"read header timeout"}, 5000);
    QCOMPARE(m_state->requests.load(), 0);
}

void tst_Server::idleTimeoutClosesKeptAliveConnection()
{
    ServerConfig config;
    config.idleTimeout = 300ms;
    const quint16 port = startServer(config);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QVERIFY(!client.isClosed());
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->statesOf(1),
                              (QList<ConnState>{ConnState::New, ConnState::Active, ConnState::Idle, ConnState::Closed}),
                              5000);
    QCOMPARE(m_recorder->closeReasons(), QByteArrayList{"idle timeout"});
}

void tst_Server::gracefulShutdownLetsActiveRequestFinish()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient idle;
    idle.connectToServer(port);
    idle.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(idle.responseCount(), 1, 5000);
    RawClient active;
    active.connectToServer(port);
    active.send(RawClient::request("GET", "/slow"));
    QTRY_COMPARE_WITH_TIMEOUT(m_state->slowStarted.load(), 1, 5000);

    QSignalSpy finished(m_server.get(), &Server::shutdownFinished);
    m_server->shutdown(5s);
    QTRY_VERIFY_WITH_TIMEOUT(idle.isClosed(), 5000);
    QCOMPARE(active.responseCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(active.responseCount(), 1, 5000);
    QCOMPARE(active.responses()[0].status, 200);
    QCOMPARE(active.responses()[0].body, "slow\n"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(active.isClosed(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!m_server->isListening());

    RawClient late; // the listener is closed
    late.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(late.isClosed(), 5000);
}

void tst_Server::shutdownForceClosesAtDeadline()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient active;
    active.connectToServer(port);
    active.send(RawClient::request("GET", "/slow"));
    QTRY_COMPARE_WITH_TIMEOUT(m_state->slowStarted.load(), 1, 5000);
    QSignalSpy finished(m_server.get(), &Server::shutdownFinished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"shutdown deadline reached"_s));
    m_server->shutdown(50ms);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(active.isClosed(), 5000);
    QCOMPARE(active.responseCount(), 0);
}

void tst_Server::closeAbortsActiveConnection()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient active;
    active.connectToServer(port);
    active.send(RawClient::request("GET", "/slow"));
    QTRY_COMPARE_WITH_TIMEOUT(m_state->slowStarted.load(), 1, 5000);
    m_server->close(); // the pending timer's ResponsePtr is detached; nothing may crash
    QTRY_VERIFY_WITH_TIMEOUT(active.isClosed(), 5000);
    QCOMPARE(active.responseCount(), 0);
    QCOMPARE(m_server->connectionCount(), 0);
}

void tst_Server::curlReusesConnection()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const quint16 port = startServer();
    QVERIFY(port != 0);
    const QString base = u"http://127.0.0.1:%1"_s.arg(port);
    QProcess process;
    process.start(curl, {u"-sv"_s, base + u"/hello"_s, base + u"/target?a=1"_s, base + u"/hello"_s});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(out, "Hello, World!\n/target?a=1Hello, World!\n"_ba);
    QVERIFY2(err.contains("Re-using existing connection") || err.contains("left intact"), err.constData());
    QCOMPARE(m_recorder->count(ConnState::New), 1);
}

void tst_Server::curlUploadsWithExpectContinue()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const quint16 port = startServer();
    QVERIFY(port != 0);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray payload;
    for (int i = 0; i < 20000; ++i)
        payload += QByteArray::number(i) + ',';
    QFile file(dir.filePath(u"upload.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(payload);
    file.close();
    QProcess process;
    process.start(curl, {u"-sv"_s, u"-H"_s, u"Expect: 100-continue"_s, u"--data-binary"_s, u"@"_s + file.fileName(),
                         u"http://127.0.0.1:%1/echo"_s.arg(port)});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("HTTP/1.1 100 Continue"), err.constData());
    QCOMPARE(process.readAllStandardOutput(), payload);
}

QTEST_GUILESS_MAIN(tst_Server)
#include "tst_server.moc"
