#include "httpcore/Handler.h"
#include "httpcore/Server.h"
#include "httpcore/middleware/AuthGate.h"
#include "httpcore/middleware/Cors.h"
#include "httpcore/middleware/MiddlewareStack.h"
#include "httpcore/middleware/RequestId.h"
#include "support/RawClient.h"

#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

void answer(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(body);
}

// accessHandler serves the routes of these tests and counts the requests that reach it.
HandlerPtr accessHandler(std::atomic<int> *requests)
{
    return HandlerFunc::make([requests](const ResponsePtr &w, const Request &r) {
        requests->fetch_add(1);
        const QByteArray &path = r.url.path();
        if (path == "/id") {
            // What the inner handler sees of the request identifier.
            answer(w, 200, r.header.value("X-Request-Id"));
        } else if (path == "/slow") {
            QTimer::singleShot(150, [w] { answer(w, 200, "slow\n"); });
        } else {
            answer(w, 200, "ok\n");
        }
    });
}

bool isLowerHex(QByteArrayView id)
{
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

// tst_MiddlewareAccess runs the CORS, auth-gate and request-id middleware on real servers on 127.0.0.1:0.
class tst_MiddlewareAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void corsPreflightIsAnsweredWithoutTheHandler();
    void corsPreflightFromDisallowedOriginGetsNoCorsFields();
    void corsActualRequestGetsAllowOrigin();
    void corsWithCredentialsEchoesOriginOnAsyncResponse();
    void corsReconfiguredWhileRunning();
    void requestIdIsGeneratedKeptOrReplaced_data();
    void requestIdIsGeneratedKeptOrReplaced();
    void requestIdCanBeSwitchedOff();
    void authGateBasicChallengesAndAdmits();
    void authGateBearerFlagsInvalidToken();

private:
    // exchange sends request on a new connection and returns the response (status 0 when none came).
    RawClient::Response exchange(const QByteArray &request);
    quint16 startServer();

    std::unique_ptr<Server> m_server;
    std::shared_ptr<MiddlewareStack> m_stack;
    std::atomic<int> m_requests{0};
    quint16 m_port = 0;
};

void tst_MiddlewareAccess::init()
{
    m_requests = 0;
    m_stack = std::make_shared<MiddlewareStack>(accessHandler(&m_requests));
}

void tst_MiddlewareAccess::cleanup()
{
    m_server.reset();
    m_stack.reset();
}

quint16 tst_MiddlewareAccess::startServer()
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(m_stack);
    const auto port = m_server->listen();
    m_port = port ? *port : 0;
    return m_port;
}

RawClient::Response tst_MiddlewareAccess::exchange(const QByteArray &request)
{
    RawClient client;
    client.connectToServer(m_port);
    client.send(request);
    if (!QTest::qWaitFor([&] { return client.finalResponseCount() > 0; }, 5000))
        return {};
    return client.responses().last();
}

void tst_MiddlewareAccess::corsPreflightIsAnsweredWithoutTheHandler()
{
    Cors::Settings s;
    s.allowedOrigins = {"https://app.example"};
    s.allowedHeaders = {"Content-Type", "X-Api-Key"};
    s.maxAgeSeconds = 300;
    QVERIFY(m_stack->append(MiddlewareEntry::of<Cors>("cors", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response r =
        exchange(RawClient::request("OPTIONS", "/things",
                                    "Origin: https://app.example\r\n"
                                    "Access-Control-Request-Method: PUT\r\n"
                                    "Access-Control-Request-Headers: content-type, x-api-key\r\n"));
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header.value("Access-Control-Allow-Origin"), "https://app.example");
    QCOMPARE(r.header.value("Access-Control-Allow-Methods"), "PUT");
    QCOMPARE(r.header.value("Access-Control-Allow-Headers"), "content-type, x-api-key");
    QCOMPARE(r.header.value("Access-Control-Max-Age"), "300");
    QVERIFY(!r.header.contains("Access-Control-Allow-Credentials"));
    QVERIFY(hasToken(r.header.value("Vary"), "Origin"));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_requests.load(), 0);
    // A plain OPTIONS (no Access-Control-Request-Method) is not a preflight: it reaches the handler.
    const RawClient::Response plain = exchange(RawClient::request("OPTIONS", "/things", "Origin: https://x\r\n"));
    QCOMPARE(plain.status, 200);
    QCOMPARE(m_requests.load(), 1);
}

void tst_MiddlewareAccess::corsPreflightFromDisallowedOriginGetsNoCorsFields()
{
    Cors::Settings s;
    s.allowedOrigins = {"https://app.example"};
    QVERIFY(m_stack->append(MiddlewareEntry::of<Cors>("cors", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response r = exchange(RawClient::request(
        "OPTIONS", "/things", "Origin: https://evil.example\r\nAccess-Control-Request-Method: DELETE\r\n"));
    QCOMPARE(r.status, 204);
    for (qsizetype i = 0; i < r.header.size(); ++i)
        QVERIFY2(!r.header.field(i).name.startsWith("Access-Control-"), r.header.field(i).name.data());
    QCOMPARE(m_requests.load(), 0);
}

void tst_MiddlewareAccess::corsActualRequestGetsAllowOrigin()
{
    Cors::Settings s;
    s.exposedHeaders = {"X-Total-Count", "ETag"};
    QVERIFY(m_stack->append(MiddlewareEntry::of<Cors>("cors", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response r = exchange(RawClient::request("GET", "/x", "Origin: https://any.example\r\n"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header.value("Access-Control-Allow-Origin"), "*");
    QCOMPARE(r.header.value("Access-Control-Expose-Headers"), "X-Total-Count, ETag");
    QCOMPARE(r.header.value("Vary"), "Origin");
    // Without Origin (not a CORS request) there is nothing to allow, but caches must still vary.
    const RawClient::Response same = exchange(RawClient::request("GET", "/x"));
    QVERIFY(!same.header.contains("Access-Control-Allow-Origin"));
    QCOMPARE(same.header.value("Vary"), "Origin");
    QCOMPARE(m_requests.load(), 2);
}

void tst_MiddlewareAccess::corsWithCredentialsEchoesOriginOnAsyncResponse()
{
    Cors::Settings s;
    s.allowedOrigins = {"*"};
    s.allowCredentials = true;
    QVERIFY(m_stack->append(MiddlewareEntry::of<Cors>("cors", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response r = exchange(RawClient::request("GET", "/slow", "Origin: http://localhost:5173\r\n"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "slow\n");
    QCOMPARE(r.header.value("Access-Control-Allow-Origin"), "http://localhost:5173");
    QCOMPARE(r.header.value("Access-Control-Allow-Credentials"), "true");
}

void tst_MiddlewareAccess::corsReconfiguredWhileRunning()
{
    Cors::Settings s;
    s.allowedOrigins = {"https://one.example"};
    QVERIFY(m_stack->append(MiddlewareEntry::of<Cors>("cors", s)));
    QVERIFY(startServer() != 0);
    const QByteArray request = RawClient::request("GET", "/x", "Origin: https://two.example\r\n");
    QVERIFY(!exchange(request).header.contains("Access-Control-Allow-Origin"));
    s.allowedOrigins = {"https://two.example"};
    QVERIFY(m_stack->reconfigure<Cors>("cors", s));
    QCOMPARE(exchange(request).header.value("Access-Control-Allow-Origin"), "https://two.example");
    QVERIFY(m_stack->setEnabled("cors", false));
    const RawClient::Response off = exchange(request);
    QCOMPARE(off.status, 200);
    QVERIFY(!off.header.contains("Access-Control-Allow-Origin"));
    QVERIFY(!off.header.contains("Vary"));
}

void tst_MiddlewareAccess::requestIdIsGeneratedKeptOrReplaced_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<bool>("kept");
    QTest::addRow("absent") << QByteArray() << false;
    QTest::addRow("well-formed") << "X-Request-Id: 123e4567-e89b-12d3-a456-426614174000\r\n"_ba << true;
    QTest::addRow("malformed") << "X-Request-Id: <script>\r\n"_ba << false;
    QTest::addRow("too long") << "X-Request-Id: " + QByteArray(200, 'a') + "\r\n" << false;
    QTest::addRow("repeated") << "X-Request-Id: a\r\nX-Request-Id: b\r\n"_ba << false;
}

void tst_MiddlewareAccess::requestIdIsGeneratedKeptOrReplaced()
{
    QFETCH(QByteArray, sent);
    QFETCH(bool, kept);
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestId>("request-id", {})));
    QVERIFY(startServer() != 0);
    const RawClient::Response r = exchange(RawClient::request("GET", "/id", sent));
    QCOMPARE(r.status, 200);
    const QByteArray id = r.header.value("X-Request-Id").toByteArray();
    QCOMPARE(r.header.count("X-Request-Id"), 1);
    // The inner handler saw the same identifier as the client.
    QCOMPARE(r.body, id);
    if (kept) {
        QCOMPARE(id, "123e4567-e89b-12d3-a456-426614174000");
    } else {
        QCOMPARE(id.size(), 32);
        QVERIFY(isLowerHex(id));
    }
    // Two requests never share a generated identifier.
    if (!kept)
        QVERIFY(exchange(RawClient::request("GET", "/id", sent)).body != id);
}

void tst_MiddlewareAccess::requestIdCanBeSwitchedOff()
{
    RequestId::Settings s;
    s.headerName = "X-Correlation-Id";
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestId>("request-id", s)));
    QVERIFY(startServer() != 0);
    QCOMPARE(exchange(RawClient::request("GET", "/x")).header.value("X-Correlation-Id").size(), 32);
    QVERIFY(m_stack->setEnabled("request-id", false));
    QVERIFY(!exchange(RawClient::request("GET", "/x")).header.contains("X-Correlation-Id"));
}

void tst_MiddlewareAccess::authGateBasicChallengesAndAdmits()
{
    AuthGate::Settings s;
    s.realm = "mocks";
    s.users = {{"alice", "s3cret"}};
    QVERIFY(m_stack->append(MiddlewareEntry::of<AuthGate>("auth", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response missing = exchange(RawClient::request("GET", "/x"));
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.header.value("WWW-Authenticate"), R"(Basic realm="mocks", charset="UTF-8")");
    QCOMPARE(missing.body, "401 Unauthorized\n");
    const RawClient::Response wrong =
        exchange(RawClient::request("GET", "/x", "Authorization: Basic " + "alice:guess"_ba.toBase64() + "\r\n"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(m_requests.load(), 0);
    const RawClient::Response right =
        exchange(RawClient::request("GET", "/x", "Authorization: Basic " + "alice:s3cret"_ba.toBase64() + "\r\n"));
    QCOMPARE(right.status, 200);
    QCOMPARE(right.body, "ok\n");
    QCOMPARE(m_requests.load(), 1);
}

void tst_MiddlewareAccess::authGateBearerFlagsInvalidToken()
{
    AuthGate::Settings s;
    s.scheme = AuthGate::Scheme::Bearer;
    s.tokens = {"tok-123"};
    QVERIFY(m_stack->append(MiddlewareEntry::of<AuthGate>("auth", s)));
    QVERIFY(startServer() != 0);
    const RawClient::Response missing = exchange(RawClient::request("GET", "/slow"));
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.header.value("WWW-Authenticate"), R"(Bearer realm="switchboard")");
    const RawClient::Response wrong = exchange(RawClient::request("GET", "/slow", "Authorization: Bearer tok-124\r\n"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.header.value("WWW-Authenticate"), R"(Bearer realm="switchboard", error="invalid_token")");
    const RawClient::Response right = exchange(RawClient::request("GET", "/slow", "Authorization: bearer tok-123\r\n"));
    QCOMPARE(right.status, 200);
    QCOMPARE(right.body, "slow\n");
    QCOMPARE(m_requests.load(), 1);
    // Rotating the token while running: the old one is refused from the next request on.
    s.tokens = {"tok-456"};
    QVERIFY(m_stack->reconfigure<AuthGate>("auth", s));
    QCOMPARE(exchange(RawClient::request("GET", "/x", "Authorization: Bearer tok-123\r\n")).status, 401);
    QCOMPARE(exchange(RawClient::request("GET", "/x", "Authorization: Bearer tok-456\r\n")).status, 200);
}

QTEST_GUILESS_MAIN(tst_MiddlewareAccess)
#include "tst_middleware_access.moc"
