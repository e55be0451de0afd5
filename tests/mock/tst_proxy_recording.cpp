#include "httpcore/mock/engine/MockHandler.h"
#include "httpcore/mock/proxy/ProxyHandler.h"
#include "httpcore/mock/proxy/ProxyRecorder.h"
#include "httpcore/mock/proxy/RecordedRoute.h"
#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/ServeMux.h"
#include "tst_proxy_upstream.h"

#include <QFile>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace proxytest;
using namespace Qt::StringLiterals;

namespace
{

// RouteSink collects the routes a recorder delivers; thread-safe (the recorder calls it on worker threads).
class RouteSink
{
public:
    ProxyRecorder::Sink sink()
    {
        return [this](Route route) {
            std::lock_guard lock(m_mutex);
            m_routes.append(std::move(route));
        };
    }
    QList<Route> routes() const
    {
        std::lock_guard lock(m_mutex);
        return m_routes;
    }
    qsizetype count() const
    {
        std::lock_guard lock(m_mutex);
        return m_routes.size();
    }
    // route returns the route recorded for pattern (an empty one when there is none).
    Route route(const QString &pattern) const
    {
        std::lock_guard lock(m_mutex);
        for (const Route &route : m_routes) {
            if (route.pattern == pattern)
                return route;
        }
        return {};
    }

private:
    mutable std::mutex m_mutex;
    QList<Route> m_routes;
};

} // namespace

// tst_ProxyRecording checks the recording rules (patterns, ids, what is kept and dropped, binary bodies,
// duplicates) on exchanges proxied between real servers on 127.0.0.1:0, and replays recorded routes through the
// mock engine.
class tst_ProxyRecording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void literalPatternMatchesExactlyThePath_data();
    void literalPatternMatchesExactlyThePath();
    void routeIdsAreReadableAndFresh();
    void recordsTextExchangeAsRoute();
    void recordsEachPatternOnce();
    void writesBinaryBodiesToTheRecordingsDirectory();
    void leavesBinaryBodiesOutWithoutDirectory();
    void leavesBodiesOverTheCapOut();
    void doesNotRecordFailedExchanges();
    void recordedRoutesAnswerLikeTheUpstream();

private:
    // startFront serves a proxy to the upstream's /base (or to upstream) recording into recorder.
    quint16 startFront(std::shared_ptr<ProxyRecorder> recorder, QUrl upstream = {});
    QString upstreamUrl(const QString &path) const;

    std::unique_ptr<Upstream> m_upstream;
    std::unique_ptr<Server> m_front;
    std::unique_ptr<Server> m_replay;
    std::unique_ptr<RouteSink> m_sink;
};

void tst_ProxyRecording::init()
{
    m_sink = std::make_unique<RouteSink>();
    m_upstream = std::make_unique<Upstream>();
    QVERIFY(m_upstream->start() != 0);
}

void tst_ProxyRecording::cleanup()
{
    m_replay.reset();
    m_front.reset();
    m_upstream.reset();
    m_sink.reset();
}

QString tst_ProxyRecording::upstreamUrl(const QString &path) const
{
    return u"http://127.0.0.1:%1/base%2"_s.arg(m_upstream->port()).arg(path);
}

quint16 tst_ProxyRecording::startFront(std::shared_ptr<ProxyRecorder> recorder, QUrl upstream)
{
    ProxyOptions options;
    options.upstream = upstream.isEmpty() ? QUrl(upstreamUrl({})) : upstream;
    options.recorder = std::move(recorder);
    const auto handler = ProxyHandler::make(options);
    if (!handler)
        return 0;
    m_front = std::make_unique<Server>(loopbackConfig());
    m_front->setHandler(*handler);
    const auto port = m_front->listen();
    return port ? *port : 0;
}

void tst_ProxyRecording::literalPatternMatchesExactlyThePath_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("rawPath");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("otherPath");
    QTest::addRow("plain") << "GET"_ba
                           << "/users/42"_ba << u"GET /users/42"_s << "/users/42/x"_ba;
    QTest::addRow("root") << "GET"_ba
                          << "/"_ba << u"GET /{$}"_s << "/a"_ba;
    QTest::addRow("trailing slash") << "POST"_ba
                                    << "/dir/"_ba << u"POST /dir/{$}"_s << "/dir/x"_ba;
    QTest::addRow("escaped braces") << "GET"_ba
                                    << "/a%7Bb%7D"_ba << u"GET /a%7Bb%7D"_s << "/ab"_ba;
    QTest::addRow("raw braces") << "GET"_ba
                                << "/a{b}"_ba << u"GET /a%7Bb%7D"_s << "/a%7Bc%7D"_ba;
    QTest::addRow("escaped slash") << "GET"_ba
                                   << "/x%2Fy/z"_ba << u"GET /x%2Fy/z"_s << "/x/y/z"_ba;
    QTest::addRow("utf-8") << "DELETE"_ba
                           << "/caf%C3%A9"_ba << u"DELETE /caf%C3%A9"_s << "/cafe"_ba;
}

void tst_ProxyRecording::literalPatternMatchesExactlyThePath()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, rawPath);
    QFETCH(QString, pattern);
    QFETCH(QByteArray, otherPath);
    QCOMPARE(literalPattern(method, rawPath), pattern);
    ServeMux mux;
    const auto error = mux.handleFunc(pattern.toUtf8(), [](const ResponsePtr &, const Request &) {});
    QVERIFY2(!error, qPrintable(pattern));
    QCOMPARE(mux.match(method, "test", rawPath).kind, ServeMux::Match::Kind::Route);
    QVERIFY(mux.match(method, "test", otherPath).kind != ServeMux::Match::Kind::Route);
}

void tst_ProxyRecording::routeIdsAreReadableAndFresh()
{
    const QString id = recordedRouteId(u"GET /users/{id}/Orders"_s);
    QVERIFY2(QRegularExpression(u"^rec-get-users-id-orders-[0-9a-f]{8}$"_s).match(id).hasMatch(), qPrintable(id));
    QVERIFY(recordedRouteId(u"GET /users/{id}/Orders"_s) != id);
}

void tst_ProxyRecording::recordsTextExchangeAsRoute()
{
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink());
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/json?page=2", "X-Client: 1\r\n"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, Upstream::jsonBody());
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->count(), 1, 5000);

    const Route route = m_sink->routes().constFirst();
    QVERIFY2(QRegularExpression(u"^rec-get-json-[0-9a-f]{8}$"_s).match(route.id).hasMatch(), qPrintable(route.id));
    QCOMPARE(route.pattern, u"GET /json"_s);
    QVERIFY(route.enabled);
    QCOMPARE(route.mode, RouteMode::Rules);
    QCOMPARE(route.note, u"Recorded by the proxy from GET %1."_s.arg(upstreamUrl(u"/json?page=2"_s)));
    QCOMPARE(route.responses.size(), 1);
    const MockResponse &recorded = route.responses.constFirst();
    QCOMPARE(recorded.label, u"recorded"_s);
    QCOMPARE(recorded.status, 200);
    QCOMPARE(recorded.contentType, u"application/json"_s);
    // Date, Server, Content-Length and Content-Type (in contentType) are dropped; the rest is kept in order.
    QCOMPARE(recorded.headers, (QList<std::pair<QString, QString>>{{u"X-Trace"_s, u"t-1"_s}}));
    QCOMPARE(recorded.body, QString::fromUtf8(Upstream::jsonBody()));
    QVERIFY(recorded.bodyFile.isEmpty());
    QVERIFY(!recorded.templated);
    QVERIFY(recorded.isDefault);
    QVERIFY(!recorded.fault);
    QCOMPARE(recorder->recordedCount(), 1);
}

void tst_ProxyRecording::recordsEachPatternOnce()
{
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink());
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    for (const char *target : {"/json?page=1", "/json?page=2", "/json", "/json/"})
        QCOMPARE(fetch(port, RawClient::request("GET", target)).status, 200);
    QCOMPARE(fetch(port, RawClient::request("POST", "/json", "Content-Length: 2\r\n", "{}")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(recorder->duplicateCount() + recorder->recordedCount(), 5, 5000);
    QCOMPARE(recorder->recordedCount(), 3);
    QCOMPARE(recorder->duplicateCount(), 2);
    QStringList patterns;
    for (const Route &route : m_sink->routes())
        patterns.append(route.pattern);
    patterns.sort();
    QCOMPARE(patterns, (QStringList{u"GET /json"_s, u"GET /json/{$}"_s, u"POST /json"_s}));

    // forget() lets a pattern be recorded again (its route was deleted).
    recorder->forget(u"GET /json"_s);
    QCOMPARE(fetch(port, RawClient::request("GET", "/json")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(recorder->recordedCount(), 4, 5000);
}

void tst_ProxyRecording::writesBinaryBodiesToTheRecordingsDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString recordings = dir.filePath(u"recordings"_s);
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink(), recordings);
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    QCOMPARE(fetch(port, RawClient::request("GET", "/binary")).body, Upstream::binaryBody());
    QCOMPARE(fetch(port, RawClient::request("GET", "/gzip", "Accept-Encoding: gzip\r\n")).body, Upstream::gzipBody());
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->count(), 2, 5000);

    const Route binary = m_sink->route(u"GET /binary"_s);
    const MockResponse &image = binary.responses.value(0);
    QCOMPARE(image.contentType, u"image/png"_s);
    QVERIFY(image.body.isEmpty());
    QCOMPARE(image.bodyFile, QDir(recordings).absoluteFilePath(binary.id + u".png"_s));
    QFile imageFile(image.bodyFile);
    QVERIFY(imageFile.open(QIODevice::ReadOnly));
    QCOMPARE(imageFile.readAll(), Upstream::binaryBody());

    // A gzip body is kept as received, encoded, so Content-Encoding stays with it.
    const Route gzip = m_sink->route(u"GET /gzip"_s);
    const MockResponse &encoded = gzip.responses.value(0);
    QCOMPARE(encoded.bodyFile, QDir(recordings).absoluteFilePath(gzip.id + u".txt.gz"_s));
    QVERIFY(encoded.headers.contains(std::pair(u"Content-Encoding"_s, u"gzip"_s)));
    QVERIFY(encoded.headers.contains(std::pair(u"Vary"_s, u"Accept-Encoding"_s)));
    QFile gzipFile(encoded.bodyFile);
    QVERIFY(gzipFile.open(QIODevice::ReadOnly));
    QCOMPARE(gzipFile.readAll(), Upstream::gzipBody());
}

void tst_ProxyRecording::leavesBinaryBodiesOutWithoutDirectory()
{
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink());
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    QCOMPARE(fetch(port, RawClient::request("GET", "/binary")).status, 200);
    QCOMPARE(fetch(port, RawClient::request("GET", "/gzip", "Accept-Encoding: gzip\r\n")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->count(), 2, 5000);
    for (const QString &pattern : {u"GET /binary"_s, u"GET /gzip"_s}) {
        const Route route = m_sink->route(pattern);
        const MockResponse &response = route.responses.value(0);
        QVERIFY(response.body.isEmpty());
        QVERIFY(response.bodyFile.isEmpty());
        QVERIFY2(route.note.contains(u"Body not recorded: "_s), qPrintable(route.note));
        QVERIFY2(route.note.contains(u"binary or encoded content, and no recordings directory."_s),
                 qPrintable(route.note));
        // Without the encoded bytes, their Content-Encoding would lie.
        for (const auto &[name, value] : response.headers)
            QVERIFY(name != u"Content-Encoding"_s);
    }
}

void tst_ProxyRecording::leavesBodiesOverTheCapOut()
{
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink(), QString(), 16);
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    // The cap limits what is recorded, never what is relayed.
    QCOMPARE(fetch(port, RawClient::request("GET", "/json")).body, Upstream::jsonBody());
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->count(), 1, 5000);
    const Route route = m_sink->routes().constFirst();
    QVERIFY(route.responses.value(0).body.isEmpty());
    QVERIFY2(route.note.endsWith(u"Body not recorded: %1 bytes, over the recording limit of 16 bytes."_s.arg(
                 Upstream::jsonBody().size())),
             qPrintable(route.note));
}

void tst_ProxyRecording::doesNotRecordFailedExchanges()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost)));
    const quint16 closed = probe.serverPort();
    probe.close();
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink());
    const quint16 port = startFront(recorder, QUrl(u"http://127.0.0.1:%1/"_s.arg(closed)));
    QVERIFY(port != 0);
    QCOMPARE(fetch(port, RawClient::request("GET", "/json")).status, 502);
    QTest::qWait(200);
    QCOMPARE(m_sink->count(), 0);
    QCOMPARE(recorder->recordedCount(), 0);
}

void tst_ProxyRecording::recordedRoutesAnswerLikeTheUpstream()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto recorder = std::make_shared<ProxyRecorder>(m_sink->sink(), dir.path());
    const quint16 port = startFront(recorder);
    QVERIFY(port != 0);
    for (const char *target : {"/json", "/binary", "/status"})
        QVERIFY(fetch(port, RawClient::request("GET", target)).status != 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->count(), 3, 5000);

    RouteSet set;
    set.routes = m_sink->routes();
    const MockHandlerBuild build = buildMockHandler(set);
    QVERIFY(build.problems.isEmpty());
    m_replay = std::make_unique<Server>(loopbackConfig());
    m_replay->setHandler(build.mux);
    const auto replayPort = m_replay->listen();
    QVERIFY(replayPort);

    const RawClient::Response json = fetch(*replayPort, RawClient::request("GET", "/json"));
    QCOMPARE(json.status, 200);
    QCOMPARE(json.header.value("Content-Type"), "application/json");
    QCOMPARE(json.header.value("X-Trace"), "t-1");
    QCOMPARE(json.body, Upstream::jsonBody());
    QCOMPARE(fetch(*replayPort, RawClient::request("GET", "/binary")).body, Upstream::binaryBody());
    const RawClient::Response status = fetch(*replayPort, RawClient::request("GET", "/status"));
    QCOMPARE(status.status, 404);
    QCOMPARE(status.header.values("Set-Cookie"), (QList<QByteArrayView>{"a=1; Path=/", "b=2; HttpOnly"}));
    QCOMPARE(status.body, "missing\n"_ba);
}

QTEST_GUILESS_MAIN(tst_ProxyRecording)
#include "tst_proxy_recording.moc"
