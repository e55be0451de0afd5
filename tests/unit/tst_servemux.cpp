#include "httpcore/Handler.h"
#include "httpcore/mux/MuxPath.h"
#include "httpcore/mux/ServeMux.h"
#include "httpcore/mux/SwappableHandler.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace httpcore;

using MatchKind = ServeMux::Match::Kind;

namespace
{

// Recorder is a ResponseWriter that keeps what a handler wrote (Go's httptest.ResponseRecorder).
class Recorder final : public ResponseWriter
{
public:
    Header &header() override { return m_header; }
    void writeHeader(int status) override
    {
        if (m_status == 0)
            m_status = status;
    }
    qint64 write(QByteArrayView data) override
    {
        writeHeader(200);
        m_body.append(data);
        return data.size();
    }
    void flush() override {}
    void finish() override { m_finished = true; }
    bool isFinished() const override { return m_finished; }
    int status() const override { return m_status; }
    qint64 bodyBytesWritten() const override { return m_body.size(); }
    const QByteArray &body() const { return m_body; }

private:
    Header m_header;
    QByteArray m_body;
    int m_status = 0;
    bool m_finished = false;
};

// tagged returns a handler answering tag, then " name=value" for each path value.
HandlerPtr tagged(const QByteArray &tag)
{
    return HandlerFunc::make([tag](const ResponsePtr &w, const Request &r) {
        QByteArray body = tag;
        for (const auto &[name, value] : r.pathValues)
            body += ' ' + name + '=' + value;
        w->write(body);
    });
}

// buildMux registers every pattern with a handler tagged by the pattern; a refusal fails the test.
std::shared_ptr<ServeMux> buildMux(const QByteArrayList &patterns)
{
    auto mux = std::make_shared<ServeMux>();
    for (const QByteArray &p : patterns) {
        if (const auto error = mux->handle(p, tagged(p)))
            qFatal("cannot register %s: %s", p.constData(), qPrintable(error->message));
    }
    return mux;
}

// values renders path values as "name=value name=value".
QByteArray values(const std::vector<std::pair<QByteArray, QByteArray>> &pathValues)
{
    QByteArrayList parts;
    for (const auto &[name, value] : pathValues)
        parts.append(name + '=' + value);
    return parts.join(' ');
}

// makeRequest builds the request the server would hand over for method target with a Host field.
Request makeRequest(const QByteArray &method, const QByteArray &target, const QByteArray &host = "test")
{
    Request r;
    r.method = method;
    r.target = target;
    r.host = host;
    const auto url = Url::parseRequestTarget(target, method);
    if (!url)
        qFatal("bad test target %s", target.constData());
    r.url = *url;
    r.journey = std::make_shared<Journey>();
    return r;
}

std::shared_ptr<Recorder> serve(const Handler &handler, const Request &r)
{
    auto recorder = std::make_shared<Recorder>();
    handler.serveHttp(recorder, r);
    return recorder;
}

const QByteArrayList &restPatterns()
{
    static const QByteArrayList patterns = {
        "/",
        "GET /{$}",
        "GET /users",
        "POST /users",
        "GET /users/{id}",
        "PUT /users/{id}",
        "GET /users/me",
        "GET /users/{id}/posts/{post}",
        "/users/{id}/avatar",
        "GET /static/{path...}",
        "GET /static/favicon.ico",
        "/docs/",
        "/docs/{$}",
        "GET /files/{name}",
        "GET api.example.com/v1/{res}",
        "api.example.com/",
        "HEAD /probe",
        "GET /probe",
        "/a%2Fb/{x}",
        "/emoji/caf%C3%A9",
        "/%61lpha",
        "GET /repo/{owner}/{name}/tree/{ref...}",
    };
    return patterns;
}

} // namespace

// tst_ServeMux checks routing, precedence, redirects, 405 and the served responses without sockets.
class tst_ServeMux : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchPicksMostSpecificRoute_data();
    void matchPicksMostSpecificRoute();
    void registerRejectsConflictingPatterns_data();
    void registerRejectsConflictingPatterns();
    void registerAcceptsNonConflictingPatterns_data();
    void registerAcceptsNonConflictingPatterns();
    void registerRejectsInvalidPatternAndNullHandler();
    void conflictNamesEarliestRegisteredPattern();
    void methodNotAllowedListsAllowedMethods_data();
    void methodNotAllowedListsAllowedMethods();
    void slashTerminatedPathIsNotExtended();
    void getPatternAlsoMatchesHead_data();
    void getPatternAlsoMatchesHead();
    void redirectsKeepTheQuery_data();
    void redirectsKeepTheQuery();
    void cleanPathFollowsGo_data();
    void cleanPathFollowsGo();
    void stripHostPortKeepsBrackets_data();
    void stripHostPortKeepsBrackets();
    void serveHttpPassesPathValuesOnACopy();
    void serveHttpMarksTheJourney_data();
    void serveHttpMarksTheJourney();
    void serveHttpAnswersRedirect();
    void serveHttpAnswers405WithAllow();
    void serveHttpRefusesAsteriskTarget();
    void notFoundHandlerIsReplaceable();
    void routesKeepRegistrationOrder();
    void hundredsOfRoutesAllMatch();
    void swappableHandlerServesOneSnapshotPerRequest();
};

void tst_ServeMux::matchPicksMostSpecificRoute_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("values");

    const auto add = [](const char *method, const char *host, const char *path, const char *pattern,
                        const char *values) {
        QTest::addRow("%s %s%s", method, host, path)
            << QByteArray(method) << QByteArray(host) << QByteArray(path) << QByteArray(pattern) << QByteArray(values);
    };
    add("GET", "", "/", "GET /{$}", "");
    add("POST", "", "/", "/", "");
    add("GET", "", "/users", "GET /users", "");
    add("POST", "", "/users", "POST /users", "");
    add("PATCH", "", "/users", "/", "");
    add("GET", "", "/users/42", "GET /users/{id}", "id=42");
    add("GET", "", "/users/me", "GET /users/me", "");
    add("PUT", "", "/users/me", "PUT /users/{id}", "id=me");
    add("GET", "", "/users/7/posts/99", "GET /users/{id}/posts/{post}", "id=7 post=99");
    add("DELETE", "", "/users/7/avatar", "/users/{id}/avatar", "id=7");
    add("GET", "", "/static/css/site.css", "GET /static/{path...}", "path=css/site.css");
    add("GET", "", "/static/favicon.ico", "GET /static/favicon.ico", "");
    add("GET", "", "/static/", "GET /static/{path...}", "path=");
    add("GET", "", "/docs/", "/docs/{$}", "");
    add("GET", "", "/docs/guide/intro", "/docs/", "");
    add("GET", "", "/files/a%20b.txt", "GET /files/{name}", "name=a b.txt");
    add("GET", "", "/files/a%2Fb", "GET /files/{name}", "name=a/b");
    add("GET", "", "/files/a/b", "/", "");
    add("GET", "", "/files/", "/", "");
    add("GET", "api.example.com", "/v1/users", "GET api.example.com/v1/{res}", "res=users");
    add("GET", "api.example.com:8443", "/v1/users", "GET api.example.com/v1/{res}", "res=users");
    add("GET", "API.Example.COM", "/v1/users", "GET api.example.com/v1/{res}", "res=users");
    add("POST", "api.example.com", "/v1/users", "api.example.com/", "");
    add("GET", "api.example.com", "/users", "api.example.com/", "");
    add("GET", "other.example.com", "/v1/users", "/", "");
    add("HEAD", "", "/probe", "HEAD /probe", "");
    add("GET", "", "/probe", "GET /probe", "");
    add("GET", "", "/a%2Fb/1", "/a%2Fb/{x}", "x=1");
    add("GET", "", "/a%2fb/1", "/a%2Fb/{x}", "x=1");
    add("GET", "", "/a/b/1", "/", "");
    add("GET", "", "/emoji/caf%C3%A9", "/emoji/caf%C3%A9", "");
    add("GET", "", "/emoji/caf%c3%a9", "/emoji/caf%C3%A9", "");
    add("GET", "", "/alpha", "/%61lpha", "");
    add("GET", "", "/repo/qt/qtbase/tree/dev/src", "GET /repo/{owner}/{name}/tree/{ref...}",
        "owner=qt name=qtbase ref=dev/src");
    add("GET", "", "/repo/qt/qtbase/tree/feat%2Fx/a%20b", "GET /repo/{owner}/{name}/tree/{ref...}",
        "owner=qt name=qtbase ref=feat/x/a b");
    add("GET", "", "/100%25", "/", "");
}

void tst_ServeMux::matchPicksMostSpecificRoute()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, values);

    static const auto mux = buildMux(restPatterns());
    const ServeMux::Match m = mux->match(method, host, path);
    QCOMPARE(m.kind, MatchKind::Route);
    QCOMPARE(m.pattern, pattern);
    QCOMPARE(::values(m.pathValues), values);
    QVERIFY(m.handler);
}

void tst_ServeMux::registerRejectsConflictingPatterns_data()
{
    QTest::addColumn<QByteArrayList>("registered");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("message");

    QTest::addRow("overlapping wildcards")
        << QByteArrayList{"GET /{y}/b"} << "GET /a/{x}"_ba
        << u"pattern \"GET /a/{x}\" conflicts with pattern \"GET /{y}/b\": GET /a/{x} and GET /{y}/b both match "
           u"some paths, like \"/a/b\""_s;
    QTest::addRow("same wildcard shape") << QByteArrayList{"/users/{id}"} << "/users/{name}"_ba
                                         << u"pattern \"/users/{name}\" conflicts with pattern \"/users/{id}\": "
                                            u"/users/{name} matches the same requests as /users/{id}"_s;
    QTest::addRow("duplicate") << QByteArrayList{"GET /x"} << "GET /x"_ba
                               << u"pattern \"GET /x\" conflicts with pattern \"GET /x\": GET /x matches the same "
                                  u"requests as GET /x"_s;
    QTest::addRow("slash and named multi")
        << QByteArrayList{"/"} << "/{rest...}"_ba << u"/{rest...} matches the same requests as /"_s;
    QTest::addRow("trailing slash twice")
        << QByteArrayList{"/a/{x}/"} << "/a/{y}/{z...}"_ba << u"matches the same requests as /a/{x}/"_s;
    QTest::addRow("method versus path") << QByteArrayList{"GET /"} << "/index.html"_ba
                                        << u"/index.html matches more methods than GET /, but has a more specific "
                                           u"path pattern"_s;
    QTest::addRow("path versus method") << QByteArrayList{"/items"} << "POST /"_ba
                                        << u"POST / matches fewer methods than /items, but has a more general path "
                                           u"pattern"_s;
    QTest::addRow("hosts compare without case")
        << QByteArrayList{"a.test/x"} << "A.Test/x"_ba << u"conflicts with pattern \"a.test/x\""_s;
}

void tst_ServeMux::registerRejectsConflictingPatterns()
{
    QFETCH(QByteArrayList, registered);
    QFETCH(QByteArray, pattern);
    QFETCH(QString, message);

    const auto mux = buildMux(registered);
    const auto error = mux->handle(pattern, tagged("new"));
    QVERIFY(error.has_value());
    QCOMPARE(error->kind, MuxError::Kind::Conflict);
    QCOMPARE(error->pattern, pattern);
    QCOMPARE(error->conflictingPattern, registered.first());
    QVERIFY2(error->message.contains(message), qPrintable(error->message));
    // Nothing changed: the earlier route still answers.
    QCOMPARE(mux->routes(), registered);
}

void tst_ServeMux::registerAcceptsNonConflictingPatterns_data()
{
    QTest::addColumn<QByteArrayList>("patterns");

    QTest::addRow("HEAD is more specific than GET") << QByteArrayList{"GET /x", "HEAD /x"};
    QTest::addRow("host wins over no host") << QByteArrayList{"a.test/x", "/x", "b.test/x"};
    QTest::addRow("subtree in subtree") << QByteArrayList{"/images/", "/images/thumbnails/"};
    QTest::addRow("dollar and slash") << QByteArrayList{"/docs/", "/docs/{$}", "/docs/{page}"};
    QTest::addRow("method-less and method") << QByteArrayList{"/", "GET /", "GET /items", "POST /items"};
    QTest::addRow("escaped slash is not {$}") << QByteArrayList{"/a/{$}", "/a/%2F"};
}

void tst_ServeMux::registerAcceptsNonConflictingPatterns()
{
    QFETCH(QByteArrayList, patterns);

    ServeMux mux;
    for (const QByteArray &p : patterns) {
        const auto error = mux.handle(p, tagged(p));
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
    }
    QCOMPARE(mux.routes(), patterns);
}

void tst_ServeMux::registerRejectsInvalidPatternAndNullHandler()
{
    ServeMux mux;
    const auto invalid = mux.handle("GET /files/{p...}/x", tagged("x"));
    QVERIFY(invalid.has_value());
    QCOMPARE(invalid->kind, MuxError::Kind::InvalidPattern);
    QCOMPARE(invalid->message, u"parsing pattern \"GET /files/{p...}/x\": at offset 11: the wildcard \"{p...}\" must "
                               u"be the last segment"_s);
    const auto null = mux.handle("/x", nullptr);
    QVERIFY(null.has_value());
    QCOMPARE(null->kind, MuxError::Kind::NullHandler);
    QCOMPARE(mux.routeCount(), 0);
    QCOMPARE(mux.match("GET", "", "/x").kind, MatchKind::NotFound);
}

void tst_ServeMux::conflictNamesEarliestRegisteredPattern()
{
    const auto mux = buildMux({"/{a}/r", "/{a}/s", "/t/u"});
    const auto error = mux->handle("/q/{z}", tagged("q"));
    QVERIFY(error.has_value());
    QCOMPARE(error->conflictingPattern, "/{a}/r"_ba);
}

void tst_ServeMux::methodNotAllowedListsAllowedMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("allow");

    const auto add = [](const char *method, const char *host, const char *path, const char *allow) {
        QTest::addRow("%s %s%s", method, host, path)
            << QByteArray(method) << QByteArray(host) << QByteArray(path) << QByteArray(allow);
    };
    add("DELETE", "", "/items", "GET, HEAD, POST");
    add("get", "", "/items", "GET, HEAD, POST");
    add("POST", "", "/items/1", "DELETE, PUT");
    add("GET", "", "/items/1", "DELETE, PUT");
    add("POST", "a.test", "/only", "GET, HEAD");
    add("POST", "b.test", "/only", "");
    add("GET", "", "/tree", "PATCH");
    add("GET", "", "/heads", "HEAD");
    add("GET", "", "/nothing", "");
    add("GET", "", "/", "");
}

void tst_ServeMux::methodNotAllowedListsAllowedMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, allow);

    static const auto mux = buildMux({"GET /items", "POST /items", "DELETE /items/{id}", "PUT /items/{id}",
                                      "GET a.test/only", "PATCH /tree/", "HEAD /heads"});
    const ServeMux::Match m = mux->match(method, host, path);
    QCOMPARE(m.kind, allow.isEmpty() ? MatchKind::NotFound : MatchKind::MethodNotAllowed);
    QCOMPARE(m.allowedMethods.join(", "), allow);
}

void tst_ServeMux::slashTerminatedPathIsNotExtended()
{
    // "/" must not be tried as "//": no redirect there, and no 405 from a pattern only "//" would match.
    const auto mux = buildMux({"GET /{x}/"});
    QCOMPARE(mux->match("GET", "", "/").kind, MatchKind::NotFound);
    QCOMPARE(mux->match("POST", "", "/").kind, MatchKind::NotFound);
    QCOMPARE(mux->match("GET", "", "/a").location, "/a/"_ba);
    QCOMPARE(mux->match("POST", "", "/a").allowedMethods, QByteArrayList({"GET", "HEAD"}));
}

void tst_ServeMux::getPatternAlsoMatchesHead_data()
{
    QTest::addColumn<QByteArrayList>("patterns");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("pattern");

    QTest::addRow("GET serves HEAD") << QByteArrayList{"GET /x", "/"} << ""_ba
                                     << "GET /x"_ba;
    QTest::addRow("HEAD pattern wins") << QByteArrayList{"GET /x", "HEAD /x"} << ""_ba
                                       << "HEAD /x"_ba;
    QTest::addRow("GET before method-less") << QByteArrayList{"/x", "GET /x"} << ""_ba
                                            << "GET /x"_ba;
    QTest::addRow("host GET before host-less HEAD") << QByteArrayList{"GET h.test/x", "HEAD /x"} << "h.test"_ba
                                                    << "GET h.test/x"_ba;
    QTest::addRow("wildcard GET") << QByteArrayList{"GET /x/{id}"} << ""_ba
                                  << "GET /x/{id}"_ba;
}

void tst_ServeMux::getPatternAlsoMatchesHead()
{
    QFETCH(QByteArrayList, patterns);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, pattern);

    const auto mux = buildMux(patterns);
    const QByteArray path = pattern.endsWith("{id}") ? "/x/7"_ba : "/x"_ba;
    const ServeMux::Match m = mux->match("HEAD", host, path);
    QCOMPARE(m.kind, MatchKind::Route);
    QCOMPARE(m.pattern, pattern);
}

void tst_ServeMux::redirectsKeepTheQuery_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<MatchKind>("kind");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("pattern");

    const auto add = [](const char *method, const char *path, const char *query, MatchKind kind, const char *location,
                        const char *pattern) {
        QTest::addRow("%s %s?%s", method, path, query) << QByteArray(method) << QByteArray(path) << QByteArray(query)
                                                       << kind << QByteArray(location) << QByteArray(pattern);
    };
    const MatchKind Redirect = MatchKind::Redirect;
    add("GET", "/tree", "", Redirect, "/tree/", "/tree/");
    add("GET", "/tree", "x=1&y=2", Redirect, "/tree/?x=1&y=2", "/tree/");
    add("GET", "/tree/", "", MatchKind::Route, "", "/tree/");
    add("GET", "/docs", "", Redirect, "/docs/", "GET /docs/{rest...}");
    add("POST", "/docs", "", MatchKind::MethodNotAllowed, "", "");
    add("GET", "/exact", "", MatchKind::Route, "", "/exact");
    add("GET", "/only", "q", Redirect, "/only/?q", "/only/{$}");
    add("GET", "/search/", "", MatchKind::NotFound, "", "");
    add("GET", "//tree", "", Redirect, "/tree/", "/tree/");
    add("GET", "/tree/./x", "a=b", Redirect, "/tree/x?a=b", "/tree/");
    add("GET", "/a/../search", "q=1", Redirect, "/search?q=1", "/search");
    add("GET", "/../../etc/passwd", "", Redirect, "/etc/passwd", "");
    add("GET", "//evil.example/x", "", Redirect, "/evil.example/x", "");
    add("GET", "/search/..", "", Redirect, "/", "");
    add("GET", "/sub%2F/", "", MatchKind::NotFound, "", "");
    add("CONNECT", "/tree", "", Redirect, "/tree/", "/tree/");
    add("CONNECT", "/tree/../search", "", MatchKind::Route, "", "/tree/");
    add("CONNECT", "//x", "", MatchKind::NotFound, "", "");
    add("CONNECT", "", "", MatchKind::NotFound, "", "");
}

void tst_ServeMux::redirectsKeepTheQuery()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(MatchKind, kind);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, pattern);

    static const auto mux = buildMux({"/tree/", "/search", "GET /docs/{rest...}", "/exact", "/exact/", "/only/{$}"});
    const ServeMux::Match m = mux->match(method, "test", path, query);
    QCOMPARE(m.kind, kind);
    QCOMPARE(m.location, location);
    QCOMPARE(m.pattern, pattern);
}

void tst_ServeMux::cleanPathFollowsGo_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("cleaned");

    const auto add = [](const char *path, const char *cleaned) {
        QTest::addRow("%s", path) << QByteArray(path) << QByteArray(cleaned);
    };
    add("", "/");
    add("/", "/");
    add("/a/b", "/a/b");
    add("/a/b/", "/a/b/");
    add("a/b", "/a/b");
    add("//", "/");
    add("/a//b///c", "/a/b/c");
    add("/./a/.", "/a");
    add("/a/./", "/a/");
    add("/a/b/..", "/a");
    add("/a/b/../", "/a/");
    add("/a/../..", "/");
    add("/../../x", "/x");
    add("/a/..b/.c", "/a/..b/.c");
    add("/%2e%2e/x", "/%2e%2e/x");
}

void tst_ServeMux::cleanPathFollowsGo()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, cleaned);

    QCOMPARE(muxpath::cleanPath(path), cleaned);
    QCOMPARE(muxpath::isCleanPath(path), path == cleaned);
}

void tst_ServeMux::stripHostPortKeepsBrackets_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("stripped");

    QTest::addRow("name") << "example.com"_ba
                          << "example.com"_ba;
    QTest::addRow("name and port") << "example.com:8080"_ba
                                   << "example.com"_ba;
    QTest::addRow("empty port") << "example.com:"_ba
                                << "example.com"_ba;
    QTest::addRow("IPv6 and port") << "[::1]:8080"_ba
                                   << "[::1]"_ba;
    QTest::addRow("IPv6 alone") << "[::1]"_ba
                                << "[::1]"_ba;
    QTest::addRow("bare IPv6 unchanged") << "::1"_ba
                                         << "::1"_ba;
    QTest::addRow("empty") << ""_ba
                           << ""_ba;
}

void tst_ServeMux::stripHostPortKeepsBrackets()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, stripped);

    QCOMPARE(muxpath::stripHostPort(host).toByteArray(), stripped);
}

void tst_ServeMux::serveHttpPassesPathValuesOnACopy()
{
    const auto mux = buildMux({"GET /users/{id}/files/{path...}"});
    const Request r = makeRequest("GET", "/users/j%C3%B6rg/files/a%2Fb/c.txt?v=2");
    const auto rec = serve(*mux, r);
    QCOMPARE(rec->status(), 200);
    QCOMPARE(rec->body(), "GET /users/{id}/files/{path...} id=j\xC3\xB6rg path=a/b/c.txt"_ba);
    QVERIFY(r.pathValues.empty());
}

void tst_ServeMux::serveHttpMarksTheJourney_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("label");

    QTest::addRow("route") << "GET"_ba
                           << "/a/7"_ba
                           << "GET /a/{x}"_ba;
    QTest::addRow("redirect") << "GET"_ba
                              << "/t"_ba
                              << "/t/"_ba;
    QTest::addRow("not found") << "GET"_ba
                               << "/zzz"_ba
                               << ""_ba;
    QTest::addRow("not allowed") << "POST"_ba
                                 << "/a/7"_ba
                                 << ""_ba;
}

void tst_ServeMux::serveHttpMarksTheJourney()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, label);

    static const auto mux = buildMux({"GET /a/{x}", "/t/"});
    const Request r = makeRequest(method, target);
    serve(*mux, r);
    const JourneyMark *mark = r.journey->find(JourneyStage::RouteChosen);
    QVERIFY(mark);
    QCOMPARE(mark->label, label);
    QCOMPARE(r.journey->marks().size(), size_t(1));
}

void tst_ServeMux::serveHttpAnswersRedirect()
{
    const auto mux = buildMux({"/tree/"});
    const auto get = serve(*mux, makeRequest("GET", "/tree?a=1&b=%3C"));
    QCOMPARE(get->status(), 301);
    QCOMPARE(get->header().value("Location"), "/tree/?a=1&b=%3C");
    QCOMPARE(get->header().value("Content-Type"), "text/html; charset=utf-8");
    QCOMPARE(get->body(), "<a href=\"/tree/?a=1&amp;b=%3C\">Moved Permanently</a>.\n"_ba);
    const auto post = serve(*mux, makeRequest("POST", "/tree"));
    QCOMPARE(post->status(), 301);
    QCOMPARE(post->body(), QByteArray());
    QVERIFY(!post->header().contains("Content-Type"));
    const auto unsafe = serve(*mux, makeRequest("GET", "//x"));
    QCOMPARE(unsafe->header().value("Location"), "/x");
}

void tst_ServeMux::serveHttpAnswers405WithAllow()
{
    const auto mux = buildMux({"GET /r", "PUT /r"});
    const auto rec = serve(*mux, makeRequest("DELETE", "/r"));
    QCOMPARE(rec->status(), 405);
    QCOMPARE(rec->header().value("Allow"), "GET, HEAD, PUT");
    QCOMPARE(rec->header().value("Content-Type"), "text/plain; charset=utf-8");
    QCOMPARE(rec->body(), "Method Not Allowed\n"_ba);
}

void tst_ServeMux::serveHttpRefusesAsteriskTarget()
{
    const auto mux = buildMux({"/"});
    const auto rec = serve(*mux, makeRequest("OPTIONS", "*"));
    QCOMPARE(rec->status(), 400);
    QCOMPARE(rec->header().value("Connection"), "close");
}

void tst_ServeMux::notFoundHandlerIsReplaceable()
{
    auto mux = buildMux({"/known"});
    const auto byDefault = serve(*mux, makeRequest("GET", "/unknown"));
    QCOMPARE(byDefault->status(), 404);
    QCOMPARE(byDefault->body(), "404 page not found\n"_ba);
    QCOMPARE(byDefault->header().value("Content-Type"), "text/plain; charset=utf-8");
    mux->setNotFoundHandler(HandlerFunc::make([](const ResponsePtr &w, const Request &r) {
        w->writeHeader(418);
        w->write("no route for " + r.target);
    }));
    const auto custom = serve(*mux, makeRequest("GET", "/unknown"));
    QCOMPARE(custom->status(), 418);
    QCOMPARE(custom->body(), "no route for /unknown"_ba);
    mux->setNotFoundHandler(nullptr);
    QCOMPARE(serve(*mux, makeRequest("GET", "/unknown"))->status(), 404);
}

void tst_ServeMux::routesKeepRegistrationOrder()
{
    const QByteArrayList patterns = {"/z", "GET /a/{x}", "h.test/", "/{$}", "POST /a/b"};
    QCOMPARE(buildMux(patterns)->routes(), patterns);
}

void tst_ServeMux::hundredsOfRoutesAllMatch()
{
    ServeMux mux;
    QByteArrayList patterns;
    for (int i = 0; i < 120; ++i) {
        const QByteArray r = "/r" + QByteArray::number(i);
        patterns << "GET " + r + "/items"
                 << "POST " + r + "/items"
                 << "GET " + r + "/items/{id}"
                 << "DELETE " + r + "/items/{id}"
                 << "GET h" + QByteArray::number(i % 5) + ".test" + r + "/{rest...}";
    }
    for (const QByteArray &p : patterns)
        QVERIFY2(!mux.handle(p, tagged(p)), p.constData());
    QCOMPARE(mux.routeCount(), 600);
    for (int i = 0; i < 120; ++i) {
        const QByteArray r = "/r" + QByteArray::number(i);
        const QByteArray host = "h" + QByteArray::number(i % 5) + ".test";
        QCOMPARE(mux.match("POST", "", r + "/items").pattern, "POST " + r + "/items");
        const ServeMux::Match item = mux.match("DELETE", "", r + "/items/x" + QByteArray::number(i));
        QCOMPARE(item.pattern, "DELETE " + r + "/items/{id}");
        QCOMPARE(values(item.pathValues), "id=x" + QByteArray::number(i));
        QCOMPARE(mux.match("GET", host, r + "/items/1").pattern, "GET " + host + r + "/{rest...}");
        QCOMPARE(mux.match("PUT", "", r + "/items/1").allowedMethods.join(","), "DELETE,GET,HEAD"_ba);
    }
    // Registering the same table again conflicts at every pattern.
    for (const QByteArray &p : patterns)
        QVERIFY(mux.handle(p, tagged(p)).has_value());
    QCOMPARE(mux.routeCount(), 600);
}

void tst_ServeMux::swappableHandlerServesOneSnapshotPerRequest()
{
    SwappableHandler swappable;
    QCOMPARE(serve(swappable, makeRequest("GET", "/v"))->status(), 404);
    const HandlerPtr tableA = buildMux({"GET /v/{x}"});
    auto b = std::make_shared<ServeMux>();
    QVERIFY(!b->handle("GET /v/{y}", tagged("B")));
    const HandlerPtr tableB = b;
    swappable.setCurrent(tableA);
    QCOMPARE(serve(swappable, makeRequest("GET", "/v/1"))->body(), "GET /v/{x} x=1"_ba);
    QVERIFY(swappable.exchange(tableB) == tableA);
    QCOMPARE(serve(swappable, makeRequest("GET", "/v/1"))->body(), "B y=1"_ba);

    // Workers serve while the table flips; every answer comes whole from one table.
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0};
    std::atomic<int> served{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 3; ++t) {
        workers.emplace_back([&] {
            Request r = makeRequest("GET", "/v/7");
            r.journey.reset();
            while (!stop.load()) {
                const QByteArray body = serve(swappable, r)->body();
                if (body != "GET /v/{x} x=7" && body != "B y=7")
                    bad.fetch_add(1);
                served.fetch_add(1);
            }
        });
    }
    for (int i = 0; i < 2000 || served.load() < 2000; ++i)
        swappable.setCurrent(i % 2 ? tableA : tableB);
    stop.store(true);
    for (std::thread &w : workers)
        w.join();
    QCOMPARE(bad.load(), 0);
}

QTEST_APPLESS_MAIN(tst_ServeMux)

#include "tst_servemux.moc"
