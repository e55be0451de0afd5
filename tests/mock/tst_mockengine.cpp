#include "httpcore/Server.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <memory>
#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

MockResponse reply(const QString &body, QList<Rule> rules = {}, RuleLogic logic = RuleLogic::AllOf)
{
    MockResponse response;
    response.body = body;
    response.contentType = u"text/plain"_s;
    response.rules = std::move(rules);
    response.logic = logic;
    return response;
}

Rule rule(RuleTarget target, const QString &name, RuleOperator op, const QString &value = {})
{
    return Rule{target, name, op, value};
}

Route route(const QString &id, const QString &pattern, RouteMode mode, QList<MockResponse> responses)
{
    Route r;
    r.id = id;
    r.pattern = pattern;
    r.mode = mode;
    r.responses = std::move(responses);
    return r;
}

// selectionRoutes is the route set of the selection tests: one route per mode and rule kind.
RouteSet selectionRoutes()
{
    MockResponse fallback = reply(u"default"_s);
    fallback.isDefault = true;
    RouteSet set;
    set.routes = {
        route(u"items"_s, u"GET /items/{id}"_s, RouteMode::Rules,
              {reply(u"query"_s, {rule(RuleTarget::Query, u"q"_s, RuleOperator::Equals, u"a"_s)}),
               reply(u"header"_s, {rule(RuleTarget::Header, u"x-mode"_s, RuleOperator::Regex, u"^fa+st"_s)}),
               reply(u"path"_s, {rule(RuleTarget::PathValue, u"id"_s, RuleOperator::Equals, u"42"_s)}),
               reply(u"cookie"_s, {rule(RuleTarget::Cookie, u"session"_s, RuleOperator::Present)}),
               reply(u"any"_s,
                     {rule(RuleTarget::Query, u"x"_s, RuleOperator::Present),
                      rule(RuleTarget::Header, u"X-Any"_s, RuleOperator::Equals, u"1"_s)},
                     RuleLogic::AnyOf),
               reply(u"all"_s, {rule(RuleTarget::Query, u"a"_s, RuleOperator::Present),
                                rule(RuleTarget::Query, u"b"_s, RuleOperator::Absent)}),
               fallback}),
        route(u"search"_s, u"POST /search"_s, RouteMode::Rules,
              {reply(u"admin"_s, {rule(RuleTarget::JsonBody, u"user.tags.1"_s, RuleOperator::Equals, u"admin"_s)}),
               reply(u"three"_s, {rule(RuleTarget::JsonBody, u"count"_s, RuleOperator::Equals, u"3"_s)}),
               reply(u"urgent"_s, {rule(RuleTarget::Body, {}, RuleOperator::Regex, u"urgent"_s)}),
               reply(u"no-json-user"_s, {rule(RuleTarget::JsonBody, u"user"_s, RuleOperator::Absent),
                                         rule(RuleTarget::Body, {}, RuleOperator::Present)}),
               fallback}),
        route(u"nodefault"_s, u"GET /nodefault"_s, RouteMode::Rules,
              {reply(u"first"_s, {rule(RuleTarget::Query, u"never"_s, RuleOperator::Present)}),
               reply(u"second"_s, {rule(RuleTarget::Query, u"never"_s, RuleOperator::Present)})}),
        route(u"seq"_s, u"GET /seq"_s, RouteMode::Sequence, {reply(u"one"_s), reply(u"two"_s), reply(u"three"_s)}),
        route(u"random"_s, u"GET /random"_s, RouteMode::Random, {reply(u"r1"_s), reply(u"r2"_s)}),
    };
    return set;
}

QByteArray get(QByteArrayView target, QByteArrayView extra = {})
{
    return RawClient::request("GET", target, extra);
}

QByteArray post(QByteArrayView target, QByteArrayView body)
{
    return RawClient::request("POST", target, "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n", body);
}

// fetch sends request on a new connection and returns the first final response (status 0 when none came).
RawClient::Response fetch(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    RawClient client;
    client.connectToServer(port);
    if (!QTest::qWaitFor([&] { return client.isConnected(); }, timeoutMs))
        return {};
    client.send(request);
    (void)QTest::qWaitFor([&] { return client.finalResponseCount() >= 1 || client.isClosed(); }, timeoutMs);
    return client.finalResponseCount() >= 1 ? client.responses().constLast() : RawClient::Response{};
}

} // namespace

// tst_MockEngine serves route sets through buildMockHandler() on a real server on 127.0.0.1:0: response selection
// for every mode and rule kind, build problems, delays.
class tst_MockEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rulesPickFirstMatchingResponse_data();
    void rulesPickFirstMatchingResponse();
    void bodyRulesReadTheBody_data();
    void bodyRulesReadTheBody();
    void rulesWithoutDefaultFallBackToFirst();
    void sequenceWrapsAround();
    void randomPicksAmongAllResponses();
    void statusHeadersAndContentType();
    void disabledRoutesAreNotServed();
    void buildReportsProblems();
    void routeWithoutResponsesAnswers500();
    void fixedDelayWaitsWithoutBlocking();
    void rangeDelayStaysInRange();

private:
    quint16 serve(const RouteSet &set, int workers = 2);

    std::unique_ptr<Server> m_server;
    MockHandlerBuild m_build;
    std::mutex m_errorsMutex;
    QList<EngineProblem> m_errors;
};

void tst_MockEngine::init()
{
    std::lock_guard lock(m_errorsMutex);
    m_errors.clear();
}

void tst_MockEngine::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
}

quint16 tst_MockEngine::serve(const RouteSet &set, int workers)
{
    MockHandlerOptions options;
    options.errorSink = [this](const EngineProblem &problem) {
        std::lock_guard lock(m_errorsMutex);
        m_errors.append(problem);
    };
    m_build = buildMockHandler(set, options);
    ServerConfig config;
    config.port = 0;
    config.workerThreads = workers;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(m_build.mux);
    const auto port = m_server->listen();
    return port ? *port : 0;
}

void tst_MockEngine::rulesPickFirstMatchingResponse_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("query equals") << get("/items/1?q=a") << "query"_ba;
    QTest::addRow("query equals is exact") << get("/items/1?q=ab") << "default"_ba;
    QTest::addRow("repeated query: any value") << get("/items/1?q=z&q=a") << "query"_ba;
    QTest::addRow("header regex, any case") << get("/items/1", "X-MODE: faaast\r\n") << "header"_ba;
    QTest::addRow("header regex miss") << get("/items/1", "X-Mode: slow\r\n") << "default"_ba;
    QTest::addRow("path value equals") << get("/items/42") << "path"_ba;
    QTest::addRow("cookie present") << get("/items/1", "Cookie: a=1; session=\"xyz\"\r\n") << "cookie"_ba;
    QTest::addRow("cookie absent elsewhere") << get("/items/1", "Cookie: sessionx=1\r\n") << "default"_ba;
    QTest::addRow("any of: first") << get("/items/1?x") << "any"_ba;
    QTest::addRow("any of: second") << get("/items/1", "X-Any: 1\r\n") << "any"_ba;
    QTest::addRow("all of: both hold") << get("/items/1?a=1") << "all"_ba;
    QTest::addRow("all of: one fails") << get("/items/1?a=1&b=2") << "default"_ba;
    QTest::addRow("first match wins") << get("/items/42?q=a") << "query"_ba;
    QTest::addRow("nothing matches: default") << get("/items/7") << "default"_ba;
}

void tst_MockEngine::rulesPickFirstMatchingResponse()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, body);
    const quint16 port = serve(selectionRoutes());
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, request);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, body);
}

void tst_MockEngine::bodyRulesReadTheBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("json path with index") << R"({"user":{"tags":["x","admin"]}})"_ba
                                          << "admin"_ba;
    QTest::addRow("json index out of range") << R"({"user":{"tags":["admin"]}})"_ba
                                             << "default"_ba;
    QTest::addRow("json number as text") << R"({"count":3.0})"_ba
                                         << "three"_ba;
    QTest::addRow("raw body regex") << "this is urgent!"_ba
                                    << "urgent"_ba;
    QTest::addRow("json absent, body present") << R"({"other":1})"_ba
                                               << "no-json-user"_ba;
    QTest::addRow("not json: json rules see nothing") << "count=3"_ba
                                                      << "no-json-user"_ba;
    QTest::addRow("empty body") << QByteArray() << "default"_ba;
}

void tst_MockEngine::bodyRulesReadTheBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const quint16 port = serve(selectionRoutes());
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, post("/search", body));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, expected);
}

void tst_MockEngine::rulesWithoutDefaultFallBackToFirst()
{
    const quint16 port = serve(selectionRoutes());
    QVERIFY(port != 0);
    QCOMPARE(fetch(port, get("/nodefault")).body, "first"_ba);
}

void tst_MockEngine::sequenceWrapsAround()
{
    const quint16 port = serve(selectionRoutes());
    QVERIFY(port != 0);
    QByteArrayList bodies;
    for (int i = 0; i < 7; ++i)
        bodies.append(fetch(port, get("/seq")).body);
    QCOMPARE(bodies, QByteArrayList({"one", "two", "three", "one", "two", "three", "one"}));
}

void tst_MockEngine::randomPicksAmongAllResponses()
{
    const quint16 port = serve(selectionRoutes());
    QVERIFY(port != 0);
    QSet<QByteArray> seen;
    // Two responses: the chance of missing one in 40 fair draws is 2^-39.
    for (int i = 0; i < 40; ++i)
        seen.insert(fetch(port, get("/random")).body);
    QCOMPARE(seen, QSet<QByteArray>({"r1", "r2"}));
}

void tst_MockEngine::statusHeadersAndContentType()
{
    MockResponse created = reply(u"{\"id\":7}"_s);
    created.status = 201;
    created.contentType = u"application/json"_s;
    created.headers = {{u"Location"_s, u"/things/7"_s}, {u"X-Twice"_s, u"a"_s}, {u"X-Twice"_s, u"b"_s}};
    MockResponse typed = reply(u"<p>hi</p>"_s);
    typed.contentType = u"text/plain"_s;
    typed.headers = {{u"content-type"_s, u"text/html"_s}};
    MockResponse empty = reply({});
    empty.status = 204;
    RouteSet set;
    set.routes = {route(u"create"_s, u"POST /things"_s, RouteMode::Rules, {created}),
                  route(u"typed"_s, u"GET /typed"_s, RouteMode::Rules, {typed}),
                  route(u"empty"_s, u"DELETE /things/{id}"_s, RouteMode::Rules, {empty})};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, post("/things", "{}"));
    QCOMPARE(response.status, 201);
    QCOMPARE(response.header.value("Location"), "/things/7");
    QCOMPARE(response.header.values("X-Twice"), QList<QByteArrayView>({"a", "b"}));
    QCOMPARE(response.header.value("Content-Type"), "application/json");
    QCOMPARE(response.header.value("Content-Length"), "8");
    QCOMPARE(response.body, "{\"id\":7}"_ba);
    // A header named Content-Type wins over the response's contentType.
    QCOMPARE(fetch(port, get("/typed")).header.values("Content-Type"), QList<QByteArrayView>({"text/html"}));
    const RawClient::Response deleted = fetch(port, RawClient::request("DELETE", "/things/1"));
    QCOMPARE(deleted.status, 204);
    QVERIFY(!deleted.header.contains("Content-Length"));
}

void tst_MockEngine::disabledRoutesAreNotServed()
{
    RouteSet set;
    set.routes = {route(u"off"_s, u"GET /off"_s, RouteMode::Rules, {reply(u"no"_s)})};
    set.routes[0].enabled = false;
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    QCOMPARE(m_build.mux->routeCount(), 0);
    QCOMPARE(fetch(port, get("/off")).status, 404);
}

void tst_MockEngine::buildReportsProblems()
{
    MockResponse badRegex = reply(u"x"_s, {rule(RuleTarget::Query, u"q"_s, RuleOperator::Regex, u"(unclosed"_s)});
    MockResponse fallback = reply(u"fallback"_s);
    fallback.isDefault = true;
    MockResponse badTemplate = reply(u"{{#open}} never closed"_s);
    RouteSet set;
    set.routes = {route(u"good"_s, u"GET /good"_s, RouteMode::Rules, {reply(u"ok"_s)}),
                  route(u"bad-pattern"_s, u"GET /a/{x"_s, RouteMode::Rules, {reply(u"x"_s)}),
                  route(u"conflict"_s, u"GET /good"_s, RouteMode::Rules, {reply(u"x"_s)}),
                  route(u"regex"_s, u"GET /regex"_s, RouteMode::Rules, {badRegex, fallback}),
                  route(u"tmpl"_s, u"GET /tmpl"_s, RouteMode::Rules, {badTemplate})};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    QCOMPARE(m_build.problems.size(), 4);
    QCOMPARE(m_build.problems.at(0).routeId, u"bad-pattern"_s);
    QVERIFY2(m_build.problems.at(0).message.startsWith(u"route \"bad-pattern\" is not served: "_s),
             qPrintable(m_build.problems.at(0).message));
    QCOMPARE(m_build.problems.at(1).routeId, u"conflict"_s);
    QVERIFY(m_build.problems.at(1).message.contains(u"GET /good"_s));
    QCOMPARE(m_build.problems.at(2).routeId, u"regex"_s);
    QVERIFY2(m_build.problems.at(2).message.contains(u"(unclosed"_s), qPrintable(m_build.problems.at(2).message));
    QCOMPARE(m_build.problems.at(3).routeId, u"tmpl"_s);
    QVERIFY2(m_build.problems.at(3).message.contains(u"does not parse"_s), qPrintable(m_build.problems.at(3).message));
    QCOMPARE(m_build.mux->routeCount(), 3);
    QCOMPARE(fetch(port, get("/good")).body, "ok"_ba);
    // The rule with the broken regex never matches.
    QCOMPARE(fetch(port, get("/regex?q=(unclosed")).body, "fallback"_ba);
    const RawClient::Response broken = fetch(port, get("/tmpl"));
    QCOMPARE(broken.status, 500);
    QVERIFY2(broken.body.contains("route \"tmpl\"") && broken.body.contains("does not parse"), broken.body.constData());
    std::lock_guard lock(m_errorsMutex);
    QCOMPARE(m_errors.size(), 1);
    QCOMPARE(m_errors.at(0).routeId, u"tmpl"_s);
}

void tst_MockEngine::routeWithoutResponsesAnswers500()
{
    RouteSet set;
    set.routes = {route(u"empty"_s, u"GET /empty"_s, RouteMode::Sequence, {})};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    QCOMPARE(m_build.problems.size(), 1);
    const RawClient::Response response = fetch(port, get("/empty"));
    QCOMPARE(response.status, 500);
    QCOMPARE(response.body, "route \"empty\" has no responses\n"_ba);
}

void tst_MockEngine::fixedDelayWaitsWithoutBlocking()
{
    MockResponse slow = reply(u"slow"_s);
    slow.delay = Delay{600, 600};
    RouteSet set;
    set.routes = {route(u"slow"_s, u"GET /slow"_s, RouteMode::Rules, {slow}),
                  route(u"fast"_s, u"GET /fast"_s, RouteMode::Rules, {reply(u"fast"_s)})};
    // One worker thread: a delay that blocked it would hold the fast request back too.
    const quint16 port = serve(set, 1);
    QVERIFY(port != 0);
    RawClient slowClient;
    slowClient.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(slowClient.isConnected(), 5000);
    QElapsedTimer clock;
    clock.start();
    slowClient.send(get("/slow"));
    const RawClient::Response fast = fetch(port, get("/fast"));
    QCOMPARE(fast.body, "fast"_ba);
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(slowClient.finalResponseCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(slowClient.finalResponseCount(), 1, 5000);
    QVERIFY2(clock.elapsed() >= 590, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(slowClient.responses().at(0).body, "slow"_ba);
}

void tst_MockEngine::rangeDelayStaysInRange()
{
    MockResponse ranged = reply(u"ranged"_s);
    ranged.delay = Delay{100, 250};
    RouteSet set;
    set.routes = {route(u"ranged"_s, u"GET /ranged"_s, RouteMode::Rules, {ranged})};
    const quint16 port = serve(set);
    QVERIFY(port != 0);
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(fetch(port, get("/ranged")).body, "ranged"_ba);
        const qint64 elapsed = clock.elapsed();
        // The upper bound leaves room for a loaded machine; the lower one is exact.
        QVERIFY2(elapsed >= 99 && elapsed < 2000, qPrintable(QString::number(elapsed)));
    }
}

QTEST_GUILESS_MAIN(tst_MockEngine)
#include "tst_mockengine.moc"
