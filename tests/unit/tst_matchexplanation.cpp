#include "httpcore/mux/MatchExplanation.h"
#include "httpcore/mux/ServeMux.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace httpcore;

using MatchKind = ServeMux::Match::Kind;

namespace
{

// buildMux registers every pattern with a do-nothing handler; a refusal fails the test.
std::shared_ptr<ServeMux> buildMux(const QByteArrayList &patterns)
{
    auto mux = std::make_shared<ServeMux>();
    for (const QByteArray &p : patterns) {
        if (const auto error = mux->handleFunc(p, [](const ResponsePtr &, const Request &) {}))
            qFatal("cannot register %s: %s", p.constData(), qPrintable(error->message));
    }
    return mux;
}

// verdicts renders the candidates as "verdict pattern", in the explanation's order.
QStringList verdicts(const MatchExplanation &e)
{
    QStringList out;
    for (const MatchExplanation::Candidate &c : e.candidates())
        out.append(MatchExplanation::verdictName(c.verdict) + u' ' + QString::fromUtf8(c.pattern));
    return out;
}

// reasons renders the candidates' reasons, one per candidate, in the explanation's order.
QStringList reasons(const MatchExplanation &e)
{
    QStringList out;
    for (const MatchExplanation::Candidate &c : e.candidates())
        out.append(c.reason);
    return out;
}

// The patterns of a REST-like service, and requests around them, for the agreement sweep.
const QByteArrayList &sweepPatterns()
{
    static const QByteArrayList patterns = {
        "/",
        "GET /{$}",
        "GET /users",
        "POST /users",
        "GET /users/{id}",
        "PUT /users/{id}",
        "GET /users/me",
        "HEAD /users/me",
        "/users/{id}/avatar",
        "GET /static/{path...}",
        "GET /static/favicon.ico",
        "/docs/",
        "/docs/{$}",
        "example.com/",
        "example.com/users/{id}",
        "api.test/v1/{rest...}",
        "/b/{bucket}/o/default",
        "/b/{bucket}/o/{noun...}",
        "POST /upload/",
        "/images/thumbnails/",
        "/images/",
    };
    return patterns;
}

} // namespace

class tst_MatchExplanation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explainsOutcomeAndCandidates_data();
    void explainsOutcomeAndCandidates();
    void winnerAlwaysEqualsServeMuxMatch_data();
    void winnerAlwaysEqualsServeMuxMatch();
    void goConflictingExampleIsRefused();
    void fitRelatesUnregisteredPatterns();
};

void tst_MatchExplanation::explainsOutcomeAndCandidates_data()
{
    QTest::addColumn<QByteArrayList>("patterns");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QStringList>("verdicts");
    // reason: a piece of the last candidate's reason.
    QTest::addColumn<QString>("reason");

    const QByteArrayList images = {"/images/", "/images/thumbnails/"};
    QTest::addRow("images/thumbnails/ beats images/")
        << images << "GET"_ba
        << "h"_ba
        << "/images/thumbnails/a.png"_ba << QByteArray() << 0 << u"/images/thumbnails/ answers"_s
        << QStringList{u"chosen /images/thumbnails/"_s, u"outranked /images/"_s}
        << u"more specific literal segment wins: \"thumbnails\" over \"{...}\""_s;
    QTest::addRow("images/ alone for other images")
        << images << "GET"_ba
        << "h"_ba
        << "/images/a.png"_ba << QByteArray() << 0 << u"/images/ answers"_s << QStringList{u"chosen /images/"_s}
        << u"the most specific pattern that matches"_s;

    const QByteArrayList hosts = {"/", "example.com/"};
    QTest::addRow("host beats no host") << hosts << "GET"_ba
                                        << "Example.com:8080"_ba
                                        << "/x"_ba << QByteArray() << 0 << u"example.com/ answers"_s
                                        << QStringList{u"chosen example.com/"_s, u"outranked /"_s}
                                        << u"a pattern with a host wins over one without (example.com)"_s;
    QTest::addRow("other host falls back")
        << hosts << "GET"_ba
        << "other.org"_ba
        << "/x"_ba << QByteArray() << 0 << u"/ answers"_s << QStringList{u"chosen /"_s, u"wrong host example.com/"_s}
        << u"host example.com does not match other.org"_s;

    const QByteArrayList bucket = {"/b/{bucket}/o/default", "/b/{bucket}/o/{noun...}"};
    QTest::addRow("literal beats multi") << bucket << "GET"_ba
                                         << "h"_ba
                                         << "/b/mine/o/default"_ba << QByteArray() << 0
                                         << u"/b/{bucket}/o/default answers"_s
                                         << QStringList{u"chosen /b/{bucket}/o/default"_s,
                                                        u"outranked /b/{bucket}/o/{noun...}"_s}
                                         << u"\"default\" over \"{noun...}\""_s;
    QTest::addRow("multi takes the others")
        << bucket << "GET"_ba
        << "h"_ba
        << "/b/mine/o/x/y"_ba << QByteArray() << 0 << u"/b/{bucket}/o/{noun...} answers"_s
        << QStringList{u"chosen /b/{bucket}/o/{noun...}"_s} << u"path values bucket=mine, noun=x/y"_s;

    const QByteArrayList end = {"/", "/{$}"};
    QTest::addRow("{$} beats / for the root")
        << end << "GET"_ba
        << "h"_ba
        << "/"_ba << QByteArray() << 0 << u"/{$} answers"_s << QStringList{u"chosen /{$}"_s, u"outranked /"_s}
        << u"{$} matches only the path itself"_s;
    QTest::addRow("{$} does not match below")
        << end << "GET"_ba
        << "h"_ba
        << "/x"_ba << QByteArray() << 0 << u"/ answers"_s << QStringList{u"chosen /"_s}
        << u"the most specific pattern that matches"_s;

    QTest::addRow("wildcard beats multi") << QByteArrayList{"/a/{rest...}", "/a/{x}"} << "GET"_ba
                                          << "h"_ba
                                          << "/a/b"_ba << QByteArray() << 0 << u"/a/{x} answers"_s
                                          << QStringList{u"chosen /a/{x}"_s, u"outranked /a/{rest...}"_s}
                                          << u"a one-segment wildcard is more specific than a multi wildcard"_s;

    QTest::addRow("HEAD served by GET") << QByteArrayList{"/a", "GET /a"} << "HEAD"_ba
                                        << "h"_ba
                                        << "/a"_ba << QByteArray() << 0 << u"GET /a answers"_s
                                        << QStringList{u"chosen GET /a"_s, u"outranked /a"_s}
                                        << u"a pattern with method GET wins over one without a method"_s;
    QTest::addRow("HEAD pattern beats GET") << QByteArrayList{"GET /a", "HEAD /a"} << "HEAD"_ba
                                            << "h"_ba
                                            << "/a"_ba << QByteArray() << 0 << u"HEAD /a answers"_s
                                            << QStringList{u"chosen HEAD /a"_s, u"outranked GET /a"_s}
                                            << u"an exact HEAD pattern wins over GET serving HEAD"_s;
    QTest::addRow("GET / serves GET /index.html")
        << QByteArrayList{"GET /", "POST /index.html"} << "GET"_ba
        << "h"_ba
        << "/index.html"_ba << QByteArray() << 0 << u"GET / answers"_s
        << QStringList{u"chosen GET /"_s, u"wrong method POST /index.html"_s} << u"method POST does not match GET"_s;

    QTest::addRow("405 with Allow") << QByteArrayList{"GET /users", "POST /users"} << "DELETE"_ba
                                    << "h"_ba
                                    << "/users"_ba << QByteArray() << 405
                                    << u"405 method not allowed (Allow: GET, HEAD, POST)"_s
                                    << QStringList{u"wrong method GET /users"_s, u"wrong method POST /users"_s}
                                    << u"method POST does not match DELETE (405 candidate: Allow lists POST)"_s;
    QTest::addRow("405 through the slash")
        << QByteArrayList{"POST /dir/"} << "GET"_ba
        << "h"_ba
        << "/dir"_ba << QByteArray() << 405 << u"405 method not allowed (Allow: POST)"_s
        << QStringList{u"wrong method POST /dir/"_s} << u"/dir/: method POST does not match GET"_s;

    QTest::addRow("301 to the directory")
        << QByteArrayList{"/dir/"} << "GET"_ba
        << "h"_ba
        << "/dir"_ba
        << "x=1"_ba << 301 << u"301 to /dir/?x=1 (then /dir/ answers)"_s << QStringList{u"redirect target /dir/"_s}
        << u"/dir is redirected (301) to /dir/?x=1"_s;
    QTest::addRow("301 supersedes a subtree")
        << QByteArrayList{"/", "/dir/"} << "GET"_ba
        << "h"_ba
        << "/dir"_ba << QByteArray() << 301 << u"301 to /dir/ (then /dir/ answers)"_s
        << QStringList{u"redirect target /dir/"_s, u"superseded /"_s} << u"/dir/ is matched exactly by /dir/"_s;
    QTest::addRow("301 to the cleaned path")
        << QByteArrayList{"/a/b", "/a/{x}"} << "GET"_ba
        << "h"_ba
        << "/a/../a//b"_ba << QByteArray() << 301 << u"301 to /a/b (then /a/b answers)"_s
        << QStringList{u"redirect target /a/b"_s, u"outranked /a/{x}"_s}
        << u"more specific literal segment wins: \"b\" over \"{x}\""_s;
    QTest::addRow("301 to the cleaned path, alone")
        << QByteArrayList{"/a/b"} << "GET"_ba
        << "h"_ba
        << "/a/./b"_ba << QByteArray() << 301 << u"301 to /a/b (then /a/b answers)"_s
        << QStringList{u"redirect target /a/b"_s}
        << u"the path is not clean: it is redirected (301) to /a/b, which this pattern answers"_s;
    QTest::addRow("404") << QByteArrayList{"/a", "example.com/b"} << "GET"_ba
                         << "h"_ba
                         << "/b"_ba << QByteArray() << 404 << u"404 not found: no pattern matches"_s
                         << QStringList{u"wrong host example.com/b"_s} << u"host example.com does not match h"_s;
}

void tst_MatchExplanation::explainsOutcomeAndCandidates()
{
    QFETCH(QByteArrayList, patterns);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QString, summary);
    QFETCH(QStringList, verdicts);
    QFETCH(QString, reason);

    const auto mux = buildMux(patterns);
    const MatchExplanation e = MatchExplanation::explain(*mux, method, host, path, query);
    QCOMPARE(e.status(), status);
    QCOMPARE(e.summary(), summary);
    QCOMPARE(::verdicts(e), verdicts);
    QVERIFY2(!e.candidates().empty(), "no candidates");
    QVERIFY2(e.candidates().back().reason.contains(reason), qPrintable(::reasons(e).join(u" | "_s)));
    QVERIFY(e.isConsistent());
    QCOMPARE(e.outcome().pattern, mux->match(method, host, path, query).pattern);
}

void tst_MatchExplanation::winnerAlwaysEqualsServeMuxMatch_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");

    const QByteArrayList methods = {"GET", "HEAD", "POST", "PUT", "DELETE"};
    const QByteArrayList hosts = {"", "test:8080", "EXAMPLE.com", "api.test"};
    const QByteArrayList paths = {"/",
                                  "/users",
                                  "/users/",
                                  "/users/me",
                                  "/users/42",
                                  "/users/42/avatar",
                                  "/static/",
                                  "/static/favicon.ico",
                                  "/static/css/a.css",
                                  "/docs",
                                  "/docs/",
                                  "/docs/intro",
                                  "/v1/x",
                                  "/b/k/o/default",
                                  "/b/k/o/x/y",
                                  "/upload",
                                  "/upload/f",
                                  "/images",
                                  "/images/thumbnails",
                                  "/images/thumbnails/x",
                                  "//users/./me",
                                  "/users/%6De",
                                  "/nothing/here"};
    for (const QByteArray &method : methods) {
        for (const QByteArray &host : hosts) {
            for (const QByteArray &path : paths)
                QTest::addRow("%s %s%s", method.constData(), host.constData(), path.constData())
                    << method << host << path;
        }
    }
}

void tst_MatchExplanation::winnerAlwaysEqualsServeMuxMatch()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);

    static const auto mux = buildMux(sweepPatterns());
    const ServeMux::Match m = mux->match(method, host, path, "q=1");
    const MatchExplanation e = MatchExplanation::explain(*mux, method, host, path, "q=1");
    QVERIFY2(e.isConsistent(), qPrintable(e.summary() + u": "_s + reasons(e).join(u" | "_s)));
    QCOMPARE(e.outcome().kind, m.kind);
    QCOMPARE(e.outcome().location, m.location);
    QCOMPARE(e.outcome().allowedMethods, m.allowedMethods);
    const MatchExplanation::Candidate *winner = e.winner();
    QCOMPARE(winner ? winner->pattern : QByteArray(), m.pattern);
    if (m.kind == MatchKind::Route)
        QCOMPARE(winner->verdict, MatchExplanation::Verdict::Chosen);
}

void tst_MatchExplanation::goConflictingExampleIsRefused()
{
    // Go's documentation: "GET /" and "/index.html" conflict (both match GET /index.html, neither is more
    // specific), so the explanation never has to rank them.
    ServeMux mux;
    QVERIFY(!mux.handleFunc("GET /", [](const ResponsePtr &, const Request &) {}));
    const auto error = mux.handleFunc("/index.html", [](const ResponsePtr &, const Request &) {});
    QVERIFY(error);
    QCOMPARE(error->conflictingPattern, "GET /"_ba);
}

void tst_MatchExplanation::fitRelatesUnregisteredPatterns()
{
    const auto mux = buildMux({"/"});
    const MatchExplanation e = MatchExplanation::explain(*mux, "POST", "Shop.test:80", "/cart/./items");
    QCOMPARE(e.routedHost(), "shop.test"_ba);
    QCOMPARE(e.routedPath(), "/cart/items"_ba);
    using Fit = MatchExplanation::Fit;
    QCOMPARE(e.fit(*Pattern::parse("POST /cart/{what}")), Fit::Matches);
    QCOMPARE(e.fit(*Pattern::parse("GET /cart/{what}")), Fit::WrongMethod);
    QCOMPARE(e.fit(*Pattern::parse("other.test/cart/")), Fit::WrongHost);
    QCOMPARE(e.fit(*Pattern::parse("shop.test/cart/{$}")), Fit::NoPath);
}

QTEST_GUILESS_MAIN(tst_MatchExplanation)
#include "tst_matchexplanation.moc"
