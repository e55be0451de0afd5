#include "httpcore/Handler.h"
#include "httpcore/Server.h"
#include "httpcore/middleware/GzipCompressor.h"
#include "httpcore/middleware/MiddlewareStack.h"
#include "support/RawClient.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>

#include <zlib.h>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

// Text is a compressible body well above the 1 KiB threshold.
const QByteArray Text = QByteArray("The quick brown fox jumps over the lazy dog. ").repeated(200);

// gunzip inflates a gzip member; with requireEnd, an unfinished member is an error ("<...>").
QByteArray gunzip(const QByteArray &compressed, bool requireEnd = true)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return "<inflateInit2 failed>";
    QByteArray out(4 << 20, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    z.avail_in = uInt(compressed.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int result = inflate(&z, Z_SYNC_FLUSH);
    out.resize(out.size() - qsizetype(z.avail_out));
    inflateEnd(&z);
    if (result != Z_STREAM_END && (requireEnd || result != Z_OK))
        return "<inflate: " + QByteArray::number(result) + '>';
    return out;
}

// chunkedPrefix decodes the complete chunks of a chunked body received so far.
QByteArray chunkedPrefix(const QByteArray &received)
{
    qsizetype pos = received.indexOf("\r\n\r\n");
    if (pos < 0)
        return {};
    pos += 4;
    QByteArray body;
    for (;;) {
        const qsizetype lineEnd = received.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return body;
        const qsizetype size = received.mid(pos, lineEnd - pos).toLongLong(nullptr, 16);
        if (size == 0 || received.size() < lineEnd + 2 + size + 2)
            return body;
        body += received.mid(lineEnd + 2, size);
        pos = lineEnd + 2 + size + 2;
    }
}

void answer(const ResponsePtr &w, QByteArrayView contentType, QByteArrayView body)
{
    if (!contentType.isEmpty())
        w->header().set("Content-Type", contentType);
    w->write(body);
}

// gzipHandler serves the routes of these tests.
HandlerPtr gzipHandler(std::atomic<int> *streamStep)
{
    return HandlerFunc::make([streamStep](const ResponsePtr &w, const Request &r) {
        const QByteArray &path = r.url.path();
        if (path == "/text") {
            w->header().set("Content-Length", QByteArray::number(Text.size()));
            w->header().set("ETag", "\"v1\"");
            answer(w, "text/plain; charset=utf-8", Text);
        } else if (path == "/small") {
            answer(w, "text/plain", "tiny\n");
        } else if (path == "/untyped") {
            answer(w, {}, Text);
        } else if (path == "/png") {
            answer(w, "image/png", Text);
        } else if (path == "/encoded") {
            w->header().set("Content-Encoding", "br");
            answer(w, "text/plain", Text);
        } else if (path == "/nocontent") {
            w->writeHeader(204);
        } else if (path == "/async") {
            QTimer::singleShot(100, [w] { answer(w, "application/json", "[" + Text.toBase64() + "]"); });
        } else if (path == "/stream") {
            // A stream: the first part is flushed at once, the rest arrives 400 ms later.
            w->header().set("Content-Type", "text/event-stream");
            w->write("data: first\n\n");
            w->flush();
            streamStep->store(1);
            QTimer::singleShot(400, [w, streamStep] {
                w->write("data: second\n\n");
                streamStep->store(2);
            });
        } else {
            w->writeHeader(404);
        }
    });
}

} // namespace

// tst_MiddlewareGzip runs the gzip middleware on a real server on 127.0.0.1:0, with a raw client and curl.
class tst_MiddlewareGzip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void compressesLargeTextForGzipClients();
    void negotiatesFromAcceptEncoding_data();
    void negotiatesFromAcceptEncoding();
    void leavesIneligibleResponsesAlone_data();
    void leavesIneligibleResponsesAlone();
    void setsSniffedTypeWhenCompressingUntypedBody();
    void compressesAsyncResponse();
    void streamIsDecodableBeforeItEnds();
    void disablingMidStreamKeepsThatStreamCompressed();
    void curlDecompresses();

private:
    quint16 startServer();
    RawClient::Response get(const QByteArray &path, const QByteArray &extra, bool head = false);

    std::unique_ptr<Server> m_server;
    std::shared_ptr<MiddlewareStack> m_stack;
    std::atomic<int> m_streamStep{0};
    quint16 m_port = 0;
};

void tst_MiddlewareGzip::init()
{
    m_streamStep = 0;
    m_stack = std::make_shared<MiddlewareStack>(gzipHandler(&m_streamStep));
    QVERIFY(m_stack->append(MiddlewareEntry::of<GzipCompressor>("gzip", {})));
}

void tst_MiddlewareGzip::cleanup()
{
    m_server.reset();
    m_stack.reset();
}

quint16 tst_MiddlewareGzip::startServer()
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

RawClient::Response tst_MiddlewareGzip::get(const QByteArray &path, const QByteArray &extra, bool head)
{
    RawClient client;
    client.connectToServer(m_port);
    if (head)
        client.expectHeadResponse();
    client.send(RawClient::request(head ? "HEAD" : "GET", path, extra));
    if (!QTest::qWaitFor([&] { return client.finalResponseCount() > 0; }, 5000))
        return {};
    return client.responses().last();
}

void tst_MiddlewareGzip::compressesLargeTextForGzipClients()
{
    QVERIFY(startServer() != 0);
    const RawClient::Response r = get("/text", "Accept-Encoding: gzip, deflate\r\n");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header.value("Content-Encoding"), "gzip");
    QCOMPARE(r.header.value("Vary"), "Accept-Encoding");
    QCOMPARE(r.header.value("ETag"), "W/\"v1\"");
    QCOMPARE(r.header.value("Content-Type"), "text/plain; charset=utf-8");
    // The handler's Content-Length described the plain body; any length on the wire is the compressed one.
    if (r.header.contains("Content-Length"))
        QCOMPARE(r.header.value("Content-Length").toByteArray().toLongLong(), r.body.size());
    QVERIFY(r.body.size() < Text.size() / 10);
    QCOMPARE(gunzip(r.body), Text);
}

void tst_MiddlewareGzip::negotiatesFromAcceptEncoding_data()
{
    QTest::addColumn<QByteArray>("acceptEncoding");
    QTest::addColumn<bool>("compressed");
    QTest::addRow("absent") << QByteArray() << false;
    QTest::addRow("gzip") << "gzip"_ba << true;
    QTest::addRow("q=0 refuses") << "gzip;q=0, identity"_ba << false;
    QTest::addRow("star") << "*"_ba << true;
    QTest::addRow("star but gzip refused") << "*, gzip;q=0"_ba << false;
    QTest::addRow("other codings") << "br, deflate"_ba << false;
    QTest::addRow("x-gzip") << "x-gzip;q=0.5"_ba << true;
}

void tst_MiddlewareGzip::negotiatesFromAcceptEncoding()
{
    QFETCH(QByteArray, acceptEncoding);
    QFETCH(bool, compressed);
    QVERIFY(startServer() != 0);
    const QByteArray extra = acceptEncoding.isNull() ? QByteArray() : "Accept-Encoding: " + acceptEncoding + "\r\n";
    const RawClient::Response r = get("/text", extra);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header.contains("Content-Encoding"), compressed);
    QCOMPARE(r.header.value("Vary"), "Accept-Encoding");
    QCOMPARE(compressed ? gunzip(r.body) : r.body, Text);
    if (!compressed)
        QCOMPARE(r.header.value("Content-Length"), QByteArray::number(Text.size()));
}

void tst_MiddlewareGzip::leavesIneligibleResponsesAlone_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("head");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addRow("below threshold") << "/small"_ba << false << 200 << QByteArray();
    QTest::addRow("incompressible type") << "/png"_ba << false << 200 << QByteArray();
    QTest::addRow("already encoded") << "/encoded"_ba << false << 200 << "br"_ba;
    QTest::addRow("HEAD") << "/text"_ba << true << 200 << QByteArray();
    QTest::addRow("204") << "/nocontent"_ba << false << 204 << QByteArray();
}

void tst_MiddlewareGzip::leavesIneligibleResponsesAlone()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, head);
    QFETCH(int, status);
    QFETCH(QByteArray, encoding);
    QVERIFY(startServer() != 0);
    const RawClient::Response r = get(path, "Accept-Encoding: gzip\r\n", head);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header.value("Content-Encoding").toByteArray(), encoding);
    QCOMPARE(r.header.value("Vary"), "Accept-Encoding");
    if (path == "/small")
        QCOMPARE(r.body, "tiny\n");
    if (path == "/png" || path == "/encoded")
        QCOMPARE(r.body, Text);
    if (head)
        QCOMPARE(r.header.value("Content-Length"), QByteArray::number(Text.size()));
}

void tst_MiddlewareGzip::setsSniffedTypeWhenCompressingUntypedBody()
{
    QVERIFY(startServer() != 0);
    const RawClient::Response r = get("/untyped", "Accept-Encoding: gzip\r\n");
    QCOMPARE(r.header.value("Content-Encoding"), "gzip");
    // Sniffed from the plain bytes, not from the gzip bytes (which would say application/x-gzip).
    QCOMPARE(r.header.value("Content-Type"), "text/plain; charset=utf-8");
    QCOMPARE(gunzip(r.body), Text);
}

void tst_MiddlewareGzip::compressesAsyncResponse()
{
    QVERIFY(startServer() != 0);
    const RawClient::Response r = get("/async", "Accept-Encoding: gzip\r\n");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header.value("Content-Encoding"), "gzip");
    QCOMPARE(gunzip(r.body), "[" + Text.toBase64() + "]");
}

void tst_MiddlewareGzip::streamIsDecodableBeforeItEnds()
{
    QVERIFY(startServer() != 0);
    RawClient client;
    client.connectToServer(m_port);
    client.send(RawClient::request("GET", "/stream", "Accept-Encoding: gzip\r\n"));
    // The first part was flushed: it must be decodable while the response is still open.
    QTRY_VERIFY_WITH_TIMEOUT(gunzip(chunkedPrefix(client.received()), false) == "data: first\n\n", 5000);
    QCOMPARE(m_streamStep.load(), 1);
    QCOMPARE(client.responseCount(), 0);
    QVERIFY(client.received().contains("Content-Encoding: gzip\r\n"));
    QVERIFY(client.received().contains("Transfer-Encoding: chunked\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(gunzip(client.responses()[0].body), "data: first\n\ndata: second\n\n");
}

void tst_MiddlewareGzip::disablingMidStreamKeepsThatStreamCompressed()
{
    QVERIFY(startServer() != 0);
    RawClient stream;
    stream.connectToServer(m_port);
    stream.send(RawClient::request("GET", "/stream", "Accept-Encoding: gzip\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_streamStep.load(), 1, 5000);
    QVERIFY(m_stack->setEnabled("gzip", false));
    const RawClient::Response plain = get("/text", "Accept-Encoding: gzip\r\n");
    QVERIFY(!plain.header.contains("Content-Encoding"));
    QVERIFY(!plain.header.contains("Vary"));
    QCOMPARE(plain.body, Text);
    QCOMPARE(stream.responseCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(stream.responseCount(), 1, 5000);
    QCOMPARE(stream.responses()[0].header.value("Content-Encoding"), "gzip");
    QCOMPARE(gunzip(stream.responses()[0].body), "data: first\n\ndata: second\n\n");
}

void tst_MiddlewareGzip::curlDecompresses()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QVERIFY(startServer() != 0);
    const QString base = u"http://127.0.0.1:%1"_s.arg(m_port);
    QProcess process;
    process.start(curl, {u"-sv"_s, u"--compressed"_s, base + u"/text"_s, base + u"/stream"_s});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.readAllStandardOutput(), Text + "data: first\n\ndata: second\n\n");
    QVERIFY2(err.contains("< Content-Encoding: gzip"), err.constData());
    QVERIFY2(err.contains("Accept-Encoding: deflate, gzip") || err.contains("Accept-Encoding: gzip"), err.constData());
}

QTEST_GUILESS_MAIN(tst_MiddlewareGzip)
#include "tst_middleware_gzip.moc"
