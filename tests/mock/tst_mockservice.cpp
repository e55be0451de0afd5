#include "httpcore/Server.h"
#include "httpcore/mock/runtime/MiddlewareCatalog.h"
#include "httpcore/mock/runtime/MockService.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>
#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

Route textRoute(const QString &id, const QString &pattern, const QString &body)
{
    MockResponse response;
    response.body = body;
    response.contentType = u"text/plain"_s;
    Route route;
    route.id = id;
    route.pattern = pattern;
    route.responses = {response};
    return route;
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

// tst_MockService checks the middleware catalog (JSON settings to stack entries, every problem named) and the
// MockService: a route set's middleware, routes and proxy served together, and swapped live on a running server.
class tst_MockService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogReportsEveryProblem_data();
    void catalogReportsEveryProblem();
    void catalogBuildsEveryMiddleware();
    void applySwapsRoutesAndMiddlewareOnALiveConnection();
    void applyReportsWhatItLeftOut();
    void requestLoggerWritesToTheSink();

private:
    quint16 serve(MockService &service);
    std::unique_ptr<Server> m_server;
};

void tst_MockService::catalogReportsEveryProblem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("settings");
    QTest::addColumn<QStringList>("expected"); // "key: message"

    QTest::addRow("unknown name") << u"gzipp"_s << "{}"_ba
                                  << QStringList{
                                         u": unknown middleware \"gzipp\" (expected one of: requestId, "
                                         "requestLogger, capture, latency, recovery, cors, auth, gzip, timeout)"_s};
    QTest::addRow("unknown key") << u"recovery"_s << R"({"expose": true})"_ba
                                 << QStringList{u"expose: unknown setting"_s};
    QTest::addRow("wrong type") << u"recovery"_s << R"({"exposeDetails": "yes"})"_ba
                                << QStringList{u"exposeDetails: expected a boolean, got a string"_s};
    QTest::addRow("bad header name") << u"requestId"_s << R"({"header": "X Id"})"_ba
                                     << QStringList{u"header: \"X Id\" is not a valid header field name"_s};
    QTest::addRow("logger format") << u"requestLogger"_s << R"({"format": "xml"})"_ba
                                   << QStringList{u"format: expected one of text, json, got \"xml\""_s};
    QTest::addRow("cors types and range")
        << u"cors"_s << R"({"origins": ["a", 1], "maxAgeSeconds": 1.5, "methods": "GET"})"_ba
        << QStringList{u"origins: expected an array of strings, got a number in it"_s,
                       u"methods: expected an array of strings, got a string"_s,
                       u"maxAgeSeconds: expected an integer from 0 to 86400, got 1.5"_s};
    QTest::addRow("cors credentials with any origin")
        << u"cors"_s << R"({"credentials": true})"_ba
        << QStringList{u"credentials: credentials cannot be allowed for the origin \"*\" (browsers refuse it): "
                       "list the origins"_s};
    QTest::addRow("basic without users") << u"auth"_s << "{}"_ba
                                         << QStringList{u"users: basic authentication needs at least one user, or "
                                                        "nobody gets in"_s};
    QTest::addRow("bad user entry")
        << u"auth"_s << R"({"users": [{"user": "a", "password": "b"}, {"user": "c:d", "password": ""}]})"_ba
        << QStringList{u"users[1]: user must not be empty nor contain ':'"_s};
    QTest::addRow("bearer without tokens")
        << u"auth"_s << R"({"scheme": "bearer", "realm": "a\"b"})"_ba
        << QStringList{u"realm: the realm must not contain '\"' or '\\'"_s,
                       u"tokens: bearer authentication needs at least one token, or nobody gets in"_s};
    QTest::addRow("latency range") << u"latency"_s << R"({"minMs": 50, "maxMs": 10})"_ba
                                   << QStringList{u"maxMs: maxMs (10) is less than minMs (50)"_s};
    QTest::addRow("latency out of range") << u"latency"_s << R"({"maxMs": 600001})"_ba
                                          << QStringList{u"maxMs: expected an integer from 0 to 600000, got 600001"_s};
    QTest::addRow("timeout negative") << u"timeout"_s << R"({"limitMs": -1})"_ba
                                      << QStringList{u"limitMs: expected an integer from 0 to 3600000, got -1"_s};
    QTest::addRow("gzip level") << u"gzip"_s << R"({"level": 10})"_ba
                                << QStringList{u"level: expected an integer from -1 to 9, got 10"_s};
    QTest::addRow("capture cap") << u"capture"_s << R"({"bodyCap": null})"_ba
                                 << QStringList{u"bodyCap: expected an integer from 0 to 67108864, got null"_s};
}

void tst_MockService::catalogReportsEveryProblem()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, settings);
    QFETCH(QStringList, expected);
    const MiddlewareSetting setting{name, true, object(settings)};
    QStringList got;
    for (const MiddlewareSettingProblem &problem : checkMiddlewareSetting(setting))
        got.append(problem.key + u": "_s + problem.message);
    QCOMPARE(got, expected);
    // makeMiddlewareEntry refuses it with the first problem, prefixed by the name and the settings key.
    const auto entry = makeMiddlewareEntry(setting);
    QVERIFY(!entry);
    QVERIFY2(entry.error().startsWith(name + u": "_s), qPrintable(entry.error()));
    QVERIFY2(entry.error().endsWith(expected.constFirst().section(u": "_s, 1)), qPrintable(entry.error()));
}

void tst_MockService::catalogBuildsEveryMiddleware()
{
    const QJsonObject settings[] = {
        object(R"({"header": "X-Trace", "trustIncoming": false})"),
        object(R"({"format": "json"})"),
        object(R"({"bodyCap": 16})"),
        object(R"({"minMs": 1, "maxMs": 2})"),
        object(R"({"exposeDetails": true})"),
        object(R"({"origins": ["http://a.test"], "credentials": true, "maxAgeSeconds": 60})"),
        object(R"({"scheme": "basic", "realm": "r", "users": [{"user": "u", "password": "p"}]})"),
        object(R"({"level": 1, "minSize": 0, "contentTypes": ["text/*"]})"),
        object(R"({"limitMs": 100, "message": "late"})"),
    };
    const QStringList names = middlewareNames();
    QCOMPARE(names.size(), qsizetype(std::size(settings)));
    for (qsizetype i = 0; i < names.size(); ++i) {
        const MiddlewareSetting setting{names[i], i % 2 == 0, settings[i]};
        QVERIFY2(checkMiddlewareSetting(setting).isEmpty(), qPrintable(names[i]));
        const auto entry = makeMiddlewareEntry(setting);
        QVERIFY2(entry, qPrintable(entry ? QString() : entry.error()));
        QCOMPARE(entry->name, names[i].toUtf8());
        QCOMPARE(entry->enabled, i % 2 == 0);
        QVERIFY(entry->middleware);
        QVERIFY(entry->settings.has_value());
    }
}

quint16 tst_MockService::serve(MockService &service)
{
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(service.handler());
    const auto port = m_server->listen();
    return port ? *port : 0;
}

void tst_MockService::applySwapsRoutesAndMiddlewareOnALiveConnection()
{
    MockService service;
    RouteSet first;
    first.routes = {textRoute(u"a"_s, u"GET /a"_s, u"first"_s)};
    QCOMPARE(service.apply(first), QStringList());
    const quint16 port = serve(service);
    QVERIFY(port != 0);

    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY(client.isConnected());
    client.send(RawClient::request("GET", "/a"));
    QTRY_COMPARE(client.finalResponseCount(), 1);
    QCOMPARE(client.responses().at(0).body, "first"_ba);
    QVERIFY(!client.responses().at(0).header.contains("X-Request-Id"));

    // A new set on the same keep-alive connection: the new route, a middleware, the old route gone.
    RouteSet second;
    second.routes = {textRoute(u"b"_s, u"GET /b"_s, u"second"_s)};
    second.server.middleware = {MiddlewareSetting{u"requestId"_s, true, {}},
                                MiddlewareSetting{u"latency"_s, false, object(R"({"minMs": 5000, "maxMs": 5000})")}};
    QCOMPARE(service.apply(second), QStringList());
    client.send(RawClient::request("GET", "/b"));
    QTRY_COMPARE(client.finalResponseCount(), 2);
    QCOMPARE(client.responses().at(1).body, "second"_ba);
    QCOMPARE(client.responses().at(1).header.value("X-Request-Id").size(), 32);
    client.send(RawClient::request("GET", "/a"));
    QTRY_COMPARE(client.finalResponseCount(), 3);
    QCOMPARE(client.responses().at(2).status, 404);
    QVERIFY(!client.isClosed());

    // The stack is live: switching the latency layer on delays the next request.
    QVERIFY(service.middleware()->setEnabled("latency", true));
    QVERIFY(service.middleware()->reconfigure(
        "latency", makeMiddlewareEntry({u"latency"_s, true, object(R"({"minMs": 300, "maxMs": 300})")})->middleware));
    QElapsedTimer timer;
    timer.start();
    client.send(RawClient::request("GET", "/b"));
    QTRY_COMPARE(client.finalResponseCount(), 4);
    QVERIFY2(timer.elapsed() >= 290, QByteArray::number(timer.elapsed()).constData());
}

void tst_MockService::applyReportsWhatItLeftOut()
{
    MockService service; // no record sink
    RouteSet set;
    set.routes = {textRoute(u"a"_s, u"GET /a"_s, u"a"_s), textRoute(u"b"_s, u"GET /{x}"_s, u"b"_s),
                  textRoute(u"c"_s, u"GET /{y}"_s, u"c"_s)};
    set.server.middleware = {MiddlewareSetting{u"cors"_s, true, object(R"({"maxAgeSeconds": -5})")},
                             MiddlewareSetting{u"requestId"_s, true, {}}, MiddlewareSetting{u"requestId"_s, false, {}}};
    set.proxy = ProxySettings{true, u"ftp://nowhere"_s, true};
    const QStringList problems = service.apply(set);
    QCOMPARE(problems.size(), 5);
    QVERIFY2(problems[0].startsWith(u"proxy: recording is not available here"_s), qPrintable(problems[0]));
    QVERIFY2(problems[1].startsWith(u"proxy: upstream \"ftp://nowhere\""_s) &&
                 problems[1].endsWith(u"; unmatched requests are answered 404"_s),
             qPrintable(problems[1]));
    QVERIFY2(problems[2].startsWith(u"route \"c\" is not served: "_s), qPrintable(problems[2]));
    QCOMPARE(problems[3],
             u"middleware[0] cors: settings.maxAgeSeconds: expected an integer from 0 to 86400, got -5; left out"_s);
    QCOMPARE(problems[4], u"middleware[2] requestId: listed twice; left out"_s);
    // What could be served is.
    QCOMPARE(service.middleware()->entries().size(), size_t(1));
    const quint16 port = serve(service);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY(client.isConnected());
    client.send(RawClient::request("GET", "/a") + RawClient::request("GET", "/zzz"));
    QTRY_COMPARE(client.finalResponseCount(), 2);
    QCOMPARE(client.responses().at(0).body, "a"_ba);
    QCOMPARE(client.responses().at(1).body, "b"_ba);
}

void tst_MockService::requestLoggerWritesToTheSink()
{
    std::mutex mutex;
    QList<QByteArray> lines;
    MockServiceOptions options;
    options.sinks.logLine = [&](QByteArray line) {
        std::lock_guard lock(mutex);
        lines.append(line);
    };
    MockService service(options);
    RouteSet set;
    set.routes = {textRoute(u"a"_s, u"GET /a"_s, u"a"_s)};
    set.server.middleware = {MiddlewareSetting{u"requestLogger"_s, true, object(R"({"format": "json"})")}};
    QCOMPARE(service.apply(set), QStringList());
    const quint16 port = serve(service);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY(client.isConnected());
    client.send(RawClient::request("GET", "/a?x=1"));
    QTRY_COMPARE(client.finalResponseCount(), 1);
    QTRY_VERIFY([&] {
        std::lock_guard lock(mutex);
        return lines.size() == 1;
    }());
    const QJsonObject line = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(line.value("uri"_L1).toString(), u"/a?x=1"_s);
    QCOMPARE(line.value("status"_L1).toInt(), 200);
}

QTEST_GUILESS_MAIN(tst_MockService)
#include "tst_mockservice.moc"
