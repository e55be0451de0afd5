#include "httpcore/mock/proxy/ProxyHandler.h"
#include "httpcore/mock/proxy/ProxyHeaders.h"
#include "httpcore/mux/ServeMux.h"
#include "support/RawClient.h"
#include "tst_proxy_upstream.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace httpcore;
using namespace mock;
using namespace proxytest;
using namespace Qt::StringLiterals;

// tst_Proxy runs a real upstream server and a front server whose handler is a ProxyHandler, on 127.0.0.1:0,
// and talks to the front with raw sockets and curl: what is forwarded and what is relayed. tst_ProxyLifecycle
// covers pacing, failures and aborts; tst_ProxyRecording the record switch.
class tst_Proxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void upstreamUrlJoinsPathsAndQueries_data();
    void upstreamUrlJoinsPathsAndQueries();
    void makeRefusesInvalidUpstreams_data();
    void makeRefusesInvalidUpstreams();
    void acceptEncodingIsIdentityUnlessTheClientChose_data();
    void acceptEncodingIsIdentityUnlessTheClientChose();
    void forwardsRequestWithoutHopByHopFields();
    void forwardsEveryMethod_data();
    void forwardsEveryMethod();
    void relaysStatusHeadersAndCookies();
    void relaysRedirectWithoutFollowingIt();
    void relaysChunkedBodyAsItComes();
    void passesGzipBytesThroughUntouched();
    void curlGetsTheUpstreamsGzipBytes();
    void answersTheRequestsAMuxDoesNotMatch();

private:
    // startFront serves the proxy for options (upstream: the upstream's /base when empty) on 127.0.0.1:0.
    quint16 startFront(ProxyOptions options = {});
    ProxyOptions withUpstream(ProxyOptions options) const;

    std::unique_ptr<Upstream> m_upstream;
    std::unique_ptr<Server> m_front;
};

void tst_Proxy::init()
{
    m_upstream = std::make_unique<Upstream>();
    QVERIFY(m_upstream->start() != 0);
}

void tst_Proxy::cleanup()
{
    m_front.reset(); // joins the front's threads, deleting their network managers
    m_upstream.reset();
}

ProxyOptions tst_Proxy::withUpstream(ProxyOptions options) const
{
    if (options.upstream.isEmpty())
        options.upstream = QUrl(u"http://127.0.0.1:%1/base"_s.arg(m_upstream->port()));
    return options;
}

quint16 tst_Proxy::startFront(ProxyOptions options)
{
    const auto handler = ProxyHandler::make(withUpstream(std::move(options)));
    if (!handler) {
        qWarning() << handler.error();
        return 0;
    }
    m_front = std::make_unique<Server>(loopbackConfig());
    m_front->setHandler(*handler);
    const auto port = m_front->listen();
    return port ? *port : 0;
}

void tst_Proxy::upstreamUrlJoinsPathsAndQueries_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("rawPath");
    QTest::addColumn<QByteArray>("rawQuery");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("base path") << u"http://h:1/base"_s << "/a/b"_ba
                               << ""_ba
                               << "http://h:1/base/a/b"_ba;
    QTest::addRow("base path with slash") << u"http://h:1/base/"_s << "/a"_ba
                                          << ""_ba
                                          << "http://h:1/base/a"_ba;
    QTest::addRow("no base path") << u"http://h:1"_s << "/a"_ba
                                  << "x=1"_ba
                                  << "http://h:1/a?x=1"_ba;
    QTest::addRow("root") << u"http://h:1/"_s << "/"_ba
                          << ""_ba
                          << "http://h:1/"_ba;
    QTest::addRow("queries joined") << u"http://h:1/b?k=v"_s << "/a"_ba
                                    << "x=1"_ba
                                    << "http://h:1/b/a?k=v&x=1"_ba;
    QTest::addRow("escapes kept") << u"http://h:1/b"_s << "/a%20b/c%2Fd"_ba
                                  << "q=a%26b&r=%20"_ba
                                  << "http://h:1/b/a%20b/c%2Fd?q=a%26b&r=%20"_ba;
}

void tst_Proxy::upstreamUrlJoinsPathsAndQueries()
{
    QFETCH(QString, base);
    QFETCH(QByteArray, rawPath);
    QFETCH(QByteArray, rawQuery);
    QFETCH(QByteArray, expected);
    QCOMPARE(upstreamUrl(QUrl(base), rawPath, rawQuery).toEncoded(), expected);
}

void tst_Proxy::makeRefusesInvalidUpstreams_data()
{
    QTest::addColumn<QString>("upstream");
    QTest::addRow("other scheme") << u"ftp://127.0.0.1/x"_s;
    QTest::addRow("relative") << u"/base"_s;
    QTest::addRow("no host") << u"http:///base"_s;
    QTest::addRow("empty") << QString();
}

void tst_Proxy::makeRefusesInvalidUpstreams()
{
    QFETCH(QString, upstream);
    ProxyOptions options;
    options.upstream = QUrl(upstream);
    const auto handler = ProxyHandler::make(options);
    QVERIFY(!handler);
    QCOMPARE(handler.error(), u"upstream \"%1\" is not an absolute http or https URL"_s.arg(upstream));
}

void tst_Proxy::acceptEncodingIsIdentityUnlessTheClientChose_data()
{
    QTest::addColumn<QByteArrayList>("sent");
    QTest::addColumn<QByteArray>("forwarded");
    QTest::addRow("none") << QByteArrayList() << "identity"_ba;
    QTest::addRow("empty") << QByteArrayList{""} << "identity"_ba;
    QTest::addRow("gzip") << QByteArrayList{"gzip"} << "gzip"_ba;
    QTest::addRow("two fields") << QByteArrayList{"br", "gzip;q=0.5"} << "br"_ba;
}

void tst_Proxy::acceptEncodingIsIdentityUnlessTheClientChose()
{
    QFETCH(QByteArrayList, sent);
    QFETCH(QByteArray, forwarded);
    Request r;
    r.method = "GET";
    r.url = Url::parseRequestTarget("/x", "GET").value();
    for (const QByteArray &value : sent)
        r.header.add("Accept-Encoding", value);
    const ForwardedRequest forward = forwardedRequest(r, QUrl(u"http://127.0.0.1:1/"_s));
    QCOMPARE(forward.header.value("Accept-Encoding"), forwarded);
    QCOMPARE(forward.header.count("Accept-Encoding"), qMax<qsizetype>(sent.size(), 1));
}

void tst_Proxy::forwardsRequestWithoutHopByHopFields()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const QByteArray target = "/echo/a%20b/c?x=1&y=two%20words"_ba;
    const QByteArray fields = "Connection: X-Drop-Me\r\nX-Drop-Me: 1\r\nKeep-Alive: timeout=9\r\n"
                              "Proxy-Authorization: Basic Zm9v\r\nTE: trailers\r\nUpgrade: websocket\r\n"
                              "X-Custom: kept\r\nCookie: a=1\r\nCookie: b=2\r\nX-Forwarded-For: 203.0.113.7\r\n"
                              "Content-Type: text/plain\r\nContent-Length: 11\r\n"_ba;
    const RawClient::Response response = fetch(port, RawClient::request("PUT", target, fields, "hello world"));
    QCOMPARE(response.status, 200);

    QCOMPARE(m_upstream->seenCount(), 1);
    const SeenRequest seen = m_upstream->seen().constFirst();
    QCOMPARE(seen.method, "PUT"_ba);
    QCOMPARE(seen.target, "/base" + target);
    QCOMPARE(seen.body, "hello world"_ba);
    for (const char *dropped : {"X-Drop-Me", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade"})
        QVERIFY2(!seen.header.contains(dropped), dropped);
    QVERIFY(!seen.header.value("Connection").toByteArray().contains("X-Drop-Me"));
    QCOMPARE(seen.header.value("Host"), "127.0.0.1:" + QByteArray::number(m_upstream->port()));
    QCOMPARE(seen.header.value("X-Forwarded-Host"), "test");
    QCOMPARE(seen.header.value("X-Forwarded-Proto"), "http");
    QCOMPARE(seen.header.value("X-Forwarded-For"), "203.0.113.7");
    QCOMPARE(seen.header.value("X-Custom"), "kept");
    QCOMPARE(seen.header.value("Cookie"), "a=1; b=2");
    QCOMPARE(seen.header.value("Content-Type"), "text/plain");
    QCOMPARE(seen.header.value("Content-Length"), "11");
    QCOMPARE(seen.header.value("Accept-Encoding"), "identity");

    QCOMPARE(response.header.value("X-Upstream"), "echo");
    QVERIFY(!response.header.contains("Keep-Alive"));
    QVERIFY(!response.header.contains("X-Hop"));
    QVERIFY(!response.header.value("Connection").toByteArray().contains("X-Hop"));
    QCOMPARE(response.body, "PUT /base" + target + "\nhello world");
}

void tst_Proxy::forwardsEveryMethod_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    for (const char *method : {"GET", "DELETE", "OPTIONS"})
        QTest::addRow("%s", method) << QByteArray(method) << QByteArray();
    for (const char *method : {"POST", "PUT", "PATCH"})
        QTest::addRow("%s with body", method) << QByteArray(method) << "a=1&b=2"_ba;
    QTest::addRow("HEAD") << "HEAD"_ba << QByteArray();
}

void tst_Proxy::forwardsEveryMethod()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const QByteArray fields =
        body.isEmpty() ? QByteArray() : "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    const bool isHead = method == "HEAD";
    const RawClient::Response response = fetch(port, RawClient::request(method, "/echo/m", fields, body), isHead);
    QCOMPARE(response.status, 200);
    const QByteArray echoed = method + " /base/echo/m\n" + body;
    QCOMPARE(m_upstream->seenCount(), 1);
    QCOMPARE(m_upstream->seen().constFirst().method, method);
    QCOMPARE(m_upstream->seen().constFirst().body, body);
    if (isHead) {
        // The upstream's length of the GET answer is relayed; no body follows.
        QCOMPARE(response.header.value("Content-Length"), QByteArray::number(echoed.size()));
        QVERIFY(response.body.isEmpty());
    } else {
        QCOMPARE(response.body, echoed);
    }
}

void tst_Proxy::relaysStatusHeadersAndCookies()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/status"));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header.values("Set-Cookie"), (QList<QByteArrayView>{"a=1; Path=/", "b=2; HttpOnly"}));
    QCOMPARE(response.header.value("Content-Type"), "text/plain");
    QCOMPARE(response.body, "missing\n"_ba);
}

void tst_Proxy::relaysRedirectWithoutFollowingIt()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/redirect"));
    QCOMPARE(response.status, 302);
    QCOMPARE(response.header.value("Location"), "/base/elsewhere");
    QCOMPARE(response.body, "moved\n"_ba);
    QCOMPARE(m_upstream->seenCount(), 1);
}

void tst_Proxy::relaysChunkedBodyAsItComes()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/chunked"));
    QCOMPARE(response.status, 200);
    // The upstream declared no length, so neither does the relay: it frames the body itself.
    QCOMPARE(response.header.value("Transfer-Encoding"), "chunked");
    QVERIFY(!response.header.contains("Content-Length"));
    QCOMPARE(response.body, "part 1\npart 2\n"_ba);
}

void tst_Proxy::passesGzipBytesThroughUntouched()
{
    const quint16 port = startFront();
    QVERIFY(port != 0);
    RawClient::Response response = fetch(port, RawClient::request("GET", "/gzip", "Accept-Encoding: gzip\r\n"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header.value("Content-Encoding"), "gzip");
    QCOMPARE(response.header.value("Vary"), "Accept-Encoding");
    QCOMPARE(response.body, Upstream::gzipBody());
    QCOMPARE(m_upstream->seen().constLast().header.value("Accept-Encoding"), "gzip");

    // Without Accept-Encoding the proxy asks for "identity", so Qt neither adds gzip nor decodes.
    response = fetch(port, RawClient::request("GET", "/gzip"));
    QCOMPARE(m_upstream->seen().constLast().header.value("Accept-Encoding"), "identity");
    QCOMPARE(response.body, Upstream::gzipBody());
}

void tst_Proxy::curlGetsTheUpstreamsGzipBytes()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const quint16 port = startFront();
    QVERIFY(port != 0);
    const QString url = u"http://127.0.0.1:%1/gzip"_s.arg(port);
    QProcess process;
    process.start(curl, {u"-s"_s, u"--max-time"_s, u"10"_s, u"-H"_s, u"Accept-Encoding: gzip"_s, url});
    QVERIFY(process.waitForFinished(15'000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), Upstream::gzipBody());
    // --compressed: curl decodes what it got, so the relayed bytes are intact gzip.
    process.start(curl, {u"-s"_s, u"--max-time"_s, u"10"_s, u"--compressed"_s, url});
    QVERIFY(process.waitForFinished(15'000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), Upstream::gzipText());
}

void tst_Proxy::answersTheRequestsAMuxDoesNotMatch()
{
    const auto proxy = ProxyHandler::make(withUpstream({}));
    QVERIFY(proxy);
    auto mux = std::make_shared<ServeMux>();
    QVERIFY(!mux->handleFunc("GET /local", [](const ResponsePtr &w, const Request &) { w->write("local\n"); }));
    mux->setNotFoundHandler(*proxy);
    m_front = std::make_unique<Server>(loopbackConfig(1));
    m_front->setHandler(mux);
    const auto port = m_front->listen();
    QVERIFY(port);
    QCOMPARE(fetch(*port, RawClient::request("GET", "/local")).body, "local\n"_ba);
    QCOMPARE(fetch(*port, RawClient::request("GET", "/echo/x")).body, "GET /base/echo/x\n"_ba);
    QCOMPARE(m_upstream->seenCount(), 1);
}

QTEST_GUILESS_MAIN(tst_Proxy)
#include "tst_proxy.moc"
