#include "httpcore/Server.h"
#include "httpcore/middleware/RequestCapture.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "httpcore/mock/engine/MockTemplate.h"
#include "support/RawClient.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <memory>
#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

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

QByteArray post(QByteArrayView target, QByteArrayView extra, QByteArrayView body)
{
    return RawClient::request(
        "POST", target, "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n" + extra.toByteArray(), body);
}

} // namespace

// tst_MockEngineTemplates checks the template names documented in TemplateData over a real server: request
// values, path values, time, helpers, the counter, header templates, and template errors.
class tst_MockEngineTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void requestValuesRender_data();
    void requestValuesRender();
    void headerValuesAreTemplates();
    void untemplatedResponsesAreLiteral();
    void uuidIsFreshVersion4AtEachUse();
    void nowRendersTheAnswerTime();
    void randomHelpersStayInRange();
    void counterCountsRouteRequests();
    void jsonEscapeEscapesRenderedText();
    void renderErrorAnswers500AndIsReported();
    void bodyIsReadForTemplatesWithOtherDelimiters();
    void captureShowsSmallBodiesWhetherOrNotTheRouteUsesThem_data();
    void captureShowsSmallBodiesWhetherOrNotTheRouteUsesThem();

private:
    // serveBody serves one route "GET|POST /t/{name}" whose inline body is source; returns the port.
    quint16 serveBody(const QString &source, bool templated = true);
    QByteArray render(const QString &source, const QByteArray &request = "GET /t/x HTTP/1.1\r\nHost: test\r\n\r\n"_ba);

    std::unique_ptr<Server> m_server;
    // m_wrap, when set, wraps the mock handler that serveBody() serves (e.g. in a RequestCapture).
    Middleware m_wrap;
    std::mutex m_errorsMutex;
    QList<EngineProblem> m_errors;
};

void tst_MockEngineTemplates::init()
{
    std::lock_guard lock(m_errorsMutex);
    m_errors.clear();
}

void tst_MockEngineTemplates::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    m_wrap = nullptr;
}

quint16 tst_MockEngineTemplates::serveBody(const QString &source, bool templated)
{
    MockResponse response;
    response.body = source;
    response.templated = templated;
    response.headers = {{u"X-Query"_s, u"q={{request.query.q}}"_s}, {u"X-Static"_s, u"plain"_s}};
    Route route;
    route.id = u"tmpl"_s;
    route.pattern = u"/t/{name}"_s;
    route.responses = {response};
    RouteSet set;
    set.routes = {route};
    MockHandlerOptions options;
    options.errorSink = [this](const EngineProblem &problem) {
        std::lock_guard lock(m_errorsMutex);
        m_errors.append(problem);
    };
    const MockHandlerBuild build = buildMockHandler(set, options);
    if (!build.problems.isEmpty())
        qWarning() << build.problems.constFirst().message;
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(m_wrap ? m_wrap(build.mux) : HandlerPtr(build.mux));
    const auto port = m_server->listen();
    return port ? *port : 0;
}

QByteArray tst_MockEngineTemplates::render(const QString &source, const QByteArray &request)
{
    const quint16 port = serveBody(source);
    if (port == 0)
        return "(no server)";
    const RawClient::Response response = fetch(port, request);
    return response.status == 200 ? response.body : "(status " + QByteArray::number(response.status) + ")";
}

void tst_MockEngineTemplates::requestValuesRender_data()
{
    const QByteArray json =
        R"({"user":{"name":"Ada","admin":true,"age":36,"nick":null},"items":[{"id":7},{"id":9}]})"_ba;
    const QByteArray request = post("/t/bob?k=v%20w&k=second&empty=",
                                    "X-Thing: one\r\nX-Thing: two\r\n"
                                    "Cookie: sid=abc; theme=\"dark\"\r\n",
                                    json);
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("method and path") << u"{{request.method}} {{request.path}}"_s << request << "POST /t/bob"_ba;
    QTest::addRow("host") << u"{{request.host}}"_s << request << "test"_ba;
    QTest::addRow("path value") << u"hello {{pathValues.name}}"_s << request << "hello bob"_ba;
    QTest::addRow("query: first value, decoded") << u"[{{request.query.k}}]"_s << request << "[v w]"_ba;
    QTest::addRow("query: empty and missing")
        << u"[{{request.query.empty}}|{{request.query.nope}}]"_s << request << "[|]"_ba;
    QTest::addRow("header lower-case, repeats joined") << u"{{request.headers.x-thing}}"_s << request << "one, two"_ba;
    QTest::addRow("cookies, quotes removed")
        << u"{{request.cookies.sid}}/{{request.cookies.theme}}"_s << request << "abc/dark"_ba;
    QTest::addRow("raw body") << u"{{request.body}}"_s << request << json;
    QTest::addRow("json scalars")
        << u"{{request.json.user.name}} {{request.json.user.age}} {{request.json.user.admin}}"_s << request
        << "Ada 36 true"_ba;
    QTest::addRow("json null is empty and false")
        << u"[{{request.json.user.nick}}]{{^request.json.user.nick}}none{{/request.json.user.nick}}"_s << request
        << "[]none"_ba;
    QTest::addRow("json array index") << u"{{request.json.items.1.id}}"_s << request << "9"_ba;
    QTest::addRow("json array section") << u"{{#request.json.items}}<{{id}}>{{/request.json.items}}"_s << request
                                        << "<7><9>"_ba;
    QTest::addRow("no HTML escaping") << u"{{request.json.user.name}}&{{{request.headers.x-thing}}}"_s
                                      << post("/t/x", {}, R"({"user":{"name":"<a href=\"x\">"}})"_ba)
                                      << "<a href=\"x\">&"_ba;
    QTest::addRow("unknown names render nothing") << u"[{{nothing.here}}]"_s << request << "[]"_ba;
    QTest::addRow("body not json") << u"[{{request.json.a}}]"_s << post("/t/x", {}, "a=1") << "[]"_ba;
}

void tst_MockEngineTemplates::requestValuesRender()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, expected);
    QCOMPARE(render(source, request), expected);
}

void tst_MockEngineTemplates::headerValuesAreTemplates()
{
    const quint16 port = serveBody(u"body"_s);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, "GET /t/x?q=42 HTTP/1.1\r\nHost: test\r\n\r\n");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header.value("X-Query"), "q=42");
    QCOMPARE(response.header.value("X-Static"), "plain");
}

void tst_MockEngineTemplates::untemplatedResponsesAreLiteral()
{
    const quint16 port = serveBody(u"{{request.method}} {{#x}}"_s, false);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, "GET /t/x?q=1 HTTP/1.1\r\nHost: test\r\n\r\n");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, "{{request.method}} {{#x}}"_ba);
    QCOMPARE(response.header.value("X-Query"), "q={{request.query.q}}");
}

void tst_MockEngineTemplates::uuidIsFreshVersion4AtEachUse()
{
    const QByteArray body = render(u"{{uuid}} {{uuid}}"_s);
    const QList<QByteArray> ids = body.split(' ');
    QCOMPARE(ids.size(), 2);
    static const QRegularExpression v4(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    for (const QByteArray &id : ids)
        QVERIFY2(v4.match(QString::fromLatin1(id)).hasMatch(), id.constData());
    QVERIFY(ids.at(0) != ids.at(1));
}

void tst_MockEngineTemplates::nowRendersTheAnswerTime()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const QByteArray body = render(u"{{now.iso}}|{{now.unix}}|{{now.unixMs}}|{{now.date}}|{{now.time}}|{{now.http}}|"
                                   "{{#now.format}}yyyy/MM/dd{{/now.format}}"_s);
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
    const QList<QByteArray> parts = body.split('|');
    QCOMPARE(parts.size(), 7);
    const QDateTime iso = QDateTime::fromString(QString::fromLatin1(parts.at(0)), Qt::ISODateWithMs);
    QVERIFY2(iso.isValid() && parts.at(0).endsWith('Z'), parts.at(0).constData());
    QVERIFY(iso >= before && iso <= after);
    QCOMPARE(parts.at(1).toLongLong(), iso.toSecsSinceEpoch());
    QCOMPARE(parts.at(2).toLongLong(), iso.toMSecsSinceEpoch());
    QCOMPARE(parts.at(3), iso.toString(u"yyyy-MM-dd"_s).toLatin1());
    QCOMPARE(parts.at(4), iso.toString(u"HH:mm:ss"_s).toLatin1());
    QVERIFY2(parts.at(5).endsWith(" GMT"), parts.at(5).constData());
    QCOMPARE(parts.at(6), iso.toString(u"yyyy/MM/dd"_s).toLatin1());
}

void tst_MockEngineTemplates::randomHelpersStayInRange()
{
    QString source;
    for (int i = 0; i < 50; ++i)
        source += u"{{#randomInt}}-3-3{{/randomInt}},{{#randomFloat}}1.5..2.125{{/randomFloat}},{{randomInt}};"_s;
    const QByteArray body = render(source);
    QSet<int> ints;
    const QList<QByteArray> groups = body.split(';');
    QCOMPARE(groups.size(), 51);
    for (qsizetype i = 0; i < 50; ++i) {
        const QList<QByteArray> values = groups.at(i).split(',');
        QCOMPARE(values.size(), 3);
        bool ok = false;
        const int value = values.at(0).toInt(&ok);
        QVERIFY2(ok && value >= -3 && value <= 3, values.at(0).constData());
        ints.insert(value);
        const double real = values.at(1).toDouble(&ok);
        QVERIFY2(ok && real >= 1.5 && real <= 2.125, values.at(1).constData());
        QCOMPARE(values.at(1).size() - values.at(1).indexOf('.') - 1, 3); // as many decimals as the bounds
        const int byDefault = values.at(2).toInt(&ok);
        QVERIFY2(ok && byDefault >= 0 && byDefault <= 100, values.at(2).constData());
    }
    QVERIFY2(ints.size() >= 4, "50 draws from seven values should show most of them");
}

void tst_MockEngineTemplates::counterCountsRouteRequests()
{
    const quint16 port = serveBody(u"#{{counter}}"_s);
    QVERIFY(port != 0);
    const QByteArray request = "GET /t/x HTTP/1.1\r\nHost: test\r\n\r\n";
    QCOMPARE(fetch(port, request).body, "#1"_ba);
    QCOMPARE(fetch(port, request).body, "#2"_ba);
    QCOMPARE(fetch(port, request).body, "#3"_ba);
}

void tst_MockEngineTemplates::jsonEscapeEscapesRenderedText()
{
    const QByteArray body = render(u"{\"q\":\"{{#jsonEscape}}{{request.query.q}}{{/jsonEscape}}\"}"_s,
                                   "GET /t/x?q=%22a%5Cb%0A HTTP/1.1\r\nHost: test\r\n\r\n");
    QCOMPARE(body, R"({"q":"\"a\\b\n"})"_ba);
}

void tst_MockEngineTemplates::renderErrorAnswers500AndIsReported()
{
    const quint16 port = serveBody(u"n={{#randomInt}}ten-twenty{{/randomInt}}"_s);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, "GET /t/x HTTP/1.1\r\nHost: test\r\n\r\n");
    QCOMPARE(response.status, 500);
    QCOMPARE(response.header.value("Content-Type"), "text/plain; charset=utf-8");
    QVERIFY2(response.body.startsWith("route \"tmpl\", response 1: the template of the body cannot be rendered: "
                                      "randomInt cannot read the range \"ten-twenty\""),
             response.body.constData());
    std::lock_guard lock(m_errorsMutex);
    QCOMPARE(m_errors.size(), 1);
    QCOMPARE(m_errors.at(0).routeId, u"tmpl"_s);
    QCOMPARE(m_errors.at(0).message.toUtf8() + '\n', response.body);
}

void tst_MockEngineTemplates::bodyIsReadForTemplatesWithOtherDelimiters()
{
    // Found by fuzz_template (docs/fuzzing.md): usesBody() looked for request.body and request.json in "{{...}}"
    // tags only, so after a set-delimiter tag the engine did not read the body and rendered it empty.
    const QString source = u"{{=<% %>=}}[<%request.body%>|<%request.json.a%>]"_s;
    const auto tmpl = MockTemplate::parse(source);
    QVERIFY(tmpl.hasValue());
    QVERIFY(tmpl->usesBody());
    QCOMPARE(render(source, post("/t/x", {}, R"({"a":1})")), R"([{"a":1}|1])"_ba);
}

void tst_MockEngineTemplates::captureShowsSmallBodiesWhetherOrNotTheRouteUsesThem_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("templated");
    QTest::addRow("template uses request.body") << u"got {{request.body}}"_s << true;
    QTest::addRow("template uses request.json") << u"a={{request.json.a}}"_s << true;
    QTest::addRow("template ignores the body") << u"{{request.method}}"_s << true;
    QTest::addRow("static body") << u"static"_s << false;
}

void tst_MockEngineTemplates::captureShowsSmallBodiesWhetherOrNotTheRouteUsesThem()
{
    // The capture records what the handler reads and never reads on its own. The engine reads a small body even
    // when neither a template nor a rule uses it (RouteHandler::MaxUnusedBodyBytes), so every row shows it whole.
    QFETCH(QString, source);
    QFETCH(bool, templated);
    std::mutex mutex;
    QList<CapturedExchange> captured;
    RequestCapture::Settings settings;
    settings.bodyCap = 16 * 1024;
    settings.sink = [&](const CapturedExchange &x) {
        std::lock_guard lock(mutex);
        captured.append(x);
    };
    m_wrap = RequestCapture::middleware(settings);
    const quint16 port = serveBody(source, templated);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, post("/t/x", "Content-Type: application/json\r\n", "{\"a\":1}"));
    QCOMPARE(response.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            std::lock_guard lock(mutex);
            return captured.size();
        }(),
        1, 5000);
    std::lock_guard lock(mutex);
    const CapturedExchange &x = captured.constFirst();
    QVERIFY2(x.request.endsWith("\r\n\r\n{\"a\":1}"), x.request.constData());
    QVERIFY2(!x.request.contains("not read by the handler"), x.request.constData());
    QVERIFY(x.requestBodyComplete);
    QCOMPARE(x.requestBody, "{\"a\":1}"_ba);
}

QTEST_GUILESS_MAIN(tst_MockEngineTemplates)
#include "tst_mockengine_templates.moc"
