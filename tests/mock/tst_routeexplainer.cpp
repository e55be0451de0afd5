#include "httpcore/mock/engine/MockHandler.h"
#include "httpcore/mock/runtime/RouteExplainer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Verdict = mock::RouteExplainer::Verdict;

namespace
{

mock::Route route(const QString &id, const QString &pattern, QList<int> statuses, bool enabled = true)
{
    mock::Route r;
    r.id = id;
    r.pattern = pattern;
    r.enabled = enabled;
    for (const int status : statuses) {
        mock::MockResponse response;
        response.status = status;
        r.responses.append(response);
    }
    return r;
}

// sampleSet has a winner and a loser for /orders/latest, a disabled route, a refused (conflicting) route, an
// invalid pattern and a route without responses.
mock::RouteSet sampleSet()
{
    mock::RouteSet set;
    set.routes = {route(u"order"_s, u"GET /orders/{id}"_s, {200, 404}),
                  route(u"latest"_s, u"GET /orders/latest"_s, {200}),
                  route(u"latest-off"_s, u"/orders/latest"_s, {418}, false),
                  route(u"clash"_s, u"GET /{kind}/latest"_s, {200}),
                  route(u"broken"_s, u"GET /orders/{"_s, {200}),
                  route(u"empty"_s, u"DELETE /orders/{id}"_s, {}),
                  route(u"files"_s, u"/files/"_s, {200})};
    return set;
}

// rows renders the candidates as "verdict route".
QStringList rows(const mock::RouteExplainer::Explanation &e)
{
    QStringList out;
    for (const mock::RouteExplainer::Candidate &c : e.candidates)
        out.append(mock::RouteExplainer::verdictName(c.verdict) + u' ' + c.routeId);
    return out;
}

} // namespace

class tst_RouteExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithTheEngineMux_data();
    void agreesWithTheEngineMux();
    void listsDisabledAndRefusedRoutes();
    void routeWithoutResponsesAnswers500();
    void proxyTakesOnlyWhatNoRouteMatches();
    void targetsAreParsedAsOnTheRequestLine();
};

void tst_RouteExplainer::agreesWithTheEngineMux_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    for (const QByteArray &method : {"GET"_ba, "HEAD"_ba, "POST"_ba, "DELETE"_ba}) {
        for (const QByteArray &path : {"/orders/latest"_ba, "/orders/7"_ba, "/books/latest"_ba, "/files"_ba,
                                       "/files/a/b"_ba, "/x//orders/latest"_ba, "/nothing"_ba})
            QTest::addRow("%s %s", method.constData(), path.constData()) << method << path;
    }
}

void tst_RouteExplainer::agreesWithTheEngineMux()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    // The engine's own mux (with the real route handlers) routes exactly as the explainer says.
    const mock::RouteSet set = sampleSet();
    const mock::MockHandlerBuild build = mock::buildMockHandler(set);
    const mock::RouteExplainer explainer(set);
    const auto e = explainer.explain(method, "127.0.0.1:8080", path);
    const httpcore::ServeMux::Match m = build.mux->match(method, "127.0.0.1:8080", path);
    QVERIFY(e.consistent);
    using Kind = httpcore::ServeMux::Match::Kind;
    const int status = m.kind == Kind::Route      ? 0
                       : m.kind == Kind::Redirect ? 301
                       : m.kind == Kind::NotFound ? 404
                                                  : 405;
    QCOMPARE(e.status, status);
    QString expectedRoute;
    for (const mock::Route &r : set.routes) {
        if (!m.pattern.isEmpty() && r.pattern.toUtf8() == m.pattern && r.enabled)
            expectedRoute = r.id;
    }
    QCOMPARE(e.routeId, expectedRoute);
}

void tst_RouteExplainer::listsDisabledAndRefusedRoutes()
{
    const mock::RouteExplainer explainer(sampleSet());
    const auto e = explainer.explain("GET", "h", "/orders/latest");
    QCOMPARE(e.summary, u"route \"latest\" (GET /orders/latest) answers 200"_s);
    QCOMPARE(e.routeId, u"latest"_s);
    QCOMPARE(e.statuses, QList<int>{200});
    QCOMPARE(rows(e), (QStringList{u"chosen latest"_s, u"outranked order"_s, u"wrong method empty"_s,
                                   u"disabled latest-off"_s, u"not served clash"_s}));
    QCOMPARE(e.candidates[1].reason, u"more specific literal segment wins: \"latest\" over \"{id}\""_s);
    QVERIFY2(e.candidates[4].reason.startsWith(u"pattern \"GET /{kind}/latest\" conflicts with pattern "
                                               u"\"GET /orders/{id}\""_s),
             qPrintable(e.candidates[4].reason));
    // The invalid pattern is never listed: it matches nothing.
    QVERIFY(!rows(e).join(u' ').contains(u"broken"_s));
}

void tst_RouteExplainer::routeWithoutResponsesAnswers500()
{
    const mock::RouteExplainer explainer(sampleSet());
    const auto e = explainer.explain("DELETE", "h", "/orders/7");
    QCOMPARE(e.routeId, u"empty"_s);
    QCOMPARE(e.summary, u"route \"empty\" (DELETE /orders/{id}) answers 500 (the route has no response)"_s);
    const auto get = explainer.explain("GET", "h", "/orders/7");
    QCOMPARE(get.summary, u"route \"order\" (GET /orders/{id}) answers 200 or 404 (depending on its mode and rules)"_s);
}

void tst_RouteExplainer::proxyTakesOnlyWhatNoRouteMatches()
{
    mock::RouteSet set = sampleSet();
    QCOMPARE(mock::RouteExplainer(set).explain("GET", "h", "/nothing").summary, u"404 not found: no pattern matches"_s);
    set.proxy = mock::ProxySettings{true, u"http://upstream.test:9000"_s, true};
    const mock::RouteExplainer proxied(set);
    const auto e = proxied.explain("GET", "h", "/nothing");
    QVERIFY(e.proxied);
    QCOMPARE(e.status, 0);
    QCOMPARE(e.summary, u"no route matches: would be proxied to http://upstream.test:9000"_s);
    // The mux answers 405 and 301 itself.
    const auto notAllowed = proxied.explain("PUT", "h", "/orders/7");
    QVERIFY(!notAllowed.proxied);
    QCOMPARE(notAllowed.status, 405);
    QCOMPARE(proxied.explain("GET", "h", "/files").status, 301);
    set.proxy.upstream = u"ftp://nowhere"_s;
    const auto broken = mock::RouteExplainer(set).explain("GET", "h", "/nothing");
    QVERIFY(!broken.proxied);
    QCOMPARE(broken.status, 404);
    QVERIFY2(broken.summary.startsWith(u"404 not found: no route matches, and the proxy cannot be made"_s),
             qPrintable(broken.summary));
}

void tst_RouteExplainer::targetsAreParsedAsOnTheRequestLine()
{
    mock::RouteSet set;
    set.routes = {route(u"api"_s, u"api.test/v1/{rest...}"_s, {200}), route(u"any"_s, u"/v1/"_s, {204})};
    const mock::RouteExplainer explainer(set);
    QCOMPARE(explainer.explainTarget("GET", "127.0.0.1", "/v1/a?x=1").routeId, u"any"_s);
    const auto absolute = explainer.explainTarget("GET", "127.0.0.1", "http://API.test:8080/v1/a?x=1");
    QCOMPARE(absolute.routeId, u"api"_s);
    QCOMPARE(rows(absolute), (QStringList{u"chosen api"_s, u"outranked any"_s}));
    const auto bad = explainer.explainTarget("GET", "h", "/a b");
    QVERIFY2(bad.error.startsWith(u"not a request target: "_s), qPrintable(bad.error));
    QVERIFY(bad.candidates.isEmpty());
    const auto star = explainer.explainTarget("OPTIONS", "h", "*");
    QCOMPARE(star.status, 400);
}

QTEST_GUILESS_MAIN(tst_RouteExplainer)
#include "tst_routeexplainer.moc"
