#include "httpcore/RequestDump.h"

#include <QTest>

using namespace Qt::StringLiterals;
using httpcore::BodyFraming;
using httpcore::dumpRequest;
using httpcore::Header;
using httpcore::HttpVersion;
using httpcore::Request;

namespace
{

// makeRequest builds a request head by hand (no parser), with fields given as name, value pairs.
Request
makeRequest(const QByteArray &method, const QByteArray &target, HttpVersion version, const QByteArrayList &fields)
{
    Request request;
    request.method = method;
    request.target = target;
    request.version = version;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
        request.header.add(fields[i], fields[i + 1]);
    return request;
}

Header makeTrailer(const QByteArrayList &fields)
{
    Header trailer;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
        trailer.add(fields[i], fields[i + 1]);
    return trailer;
}

} // namespace

class tst_RequestDump : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dumpRendersRequest_data();
    void dumpRendersRequest();
    void dumpDefaultsShowWholeBodyWithoutTrailer();
};

void tst_RequestDump::dumpRendersRequest_data()
{
    QTest::addColumn<Request>("request");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qsizetype>("bodyCap");
    QTest::addColumn<qint64>("totalBodyBytes");
    QTest::addColumn<Header>("trailer");
    QTest::addColumn<QByteArray>("expected");

    const Request get = makeRequest("GET", "/p?q=1", HttpVersion::Http11, {"host", "example.com", "accept", "*/*"});
    QTest::addRow("GET without body") << get << QByteArray() << qsizetype(1024) << qint64(-1) << Header()
                                      << "GET /p?q=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"_ba;

    const Request noFields = makeRequest("OPTIONS", "*", HttpVersion::Http10, {});
    QTest::addRow("HTTP/1.0, no fields") << noFields << QByteArray() << qsizetype(0) << qint64(-1) << Header()
                                         << "OPTIONS * HTTP/1.0\r\n\r\n"_ba;

    Request post = makeRequest("POST", "/api/items", HttpVersion::Http11,
                               {"Host", "h", "content-type", "application/json", "Content-Length", "13"});
    post.framing = BodyFraming::ContentLength;
    post.contentLength = 13;
    const QByteArray json = R"({"name":"x"})"
                            "\n"_ba;
    const QByteArray postHead = "POST /api/items HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                "Content-Length: 13\r\n\r\n"_ba;
    QTest::addRow("body under cap") << post << json << qsizetype(100) << qint64(-1) << Header() << postHead + json;
    QTest::addRow("body exactly at cap") << post << json << qsizetype(13) << qint64(-1) << Header() << postHead + json;
    QTest::addRow("body over cap") << post << json << qsizetype(5) << qint64(-1) << Header()
                                   << postHead + R"({"nam)"_ba + "\r\n[... 8 more bytes not shown]\r\n"_ba;
    QTest::addRow("cap zero") << post << json << qsizetype(0) << qint64(-1) << Header()
                              << postHead + "\r\n[... 13 more bytes not shown]\r\n"_ba;
    QTest::addRow("negative cap is no cap")
        << post << json << qsizetype(-1) << qint64(-1) << Header() << postHead + json;
    QTest::addRow("caller kept a prefix") << post << "abc"_ba << qsizetype(100) << qint64(1000) << Header()
                                          << postHead + "abc\r\n[... 997 more bytes not shown]\r\n"_ba;
    QTest::addRow("prefix and cap") << post << "abcdef"_ba << qsizetype(2) << qint64(1000) << Header()
                                    << postHead + "ab\r\n[... 998 more bytes not shown]\r\n"_ba;
    QTest::addRow("total equals body") << post << "abc"_ba << qsizetype(100) << qint64(3) << Header()
                                       << postHead + "abc"_ba;
    QTest::addRow("total below body gives no notice")
        << post << "abc"_ba << qsizetype(100) << qint64(1) << Header() << postHead + "abc"_ba;
    QTest::addRow("binary body kept as bytes")
        << post << "\0\r\n\xff"_ba << qsizetype(-1) << qint64(-1) << Header() << postHead + "\0\r\n\xff"_ba;

    Request chunked = makeRequest("PUT", "/upload", HttpVersion::Http11,
                                  {"Host", "h", "Transfer-Encoding", "chunked", "Trailer", "X-Checksum"});
    chunked.framing = BodyFraming::Chunked;
    chunked.contentLength = -1;
    const QByteArray chunkedHead = "PUT /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                                   "Trailer: X-Checksum\r\n\r\n"_ba;
    const Header trailer = makeTrailer({"x-checksum", "abc123", "X-Count", "2"});
    QTest::addRow("trailer after body ending in CRLF")
        << chunked << "line\r\n"_ba << qsizetype(-1) << qint64(-1) << trailer
        << chunkedHead + "line\r\nX-Checksum: abc123\r\nX-Count: 2\r\n"_ba;
    QTest::addRow("trailer on its own line") << chunked << "data"_ba << qsizetype(-1) << qint64(-1) << trailer
                                             << chunkedHead + "data\r\nX-Checksum: abc123\r\nX-Count: 2\r\n"_ba;
    QTest::addRow("trailer after cut notice")
        << chunked << "data"_ba << qsizetype(2) << qint64(-1) << trailer
        << chunkedHead + "da\r\n[... 2 more bytes not shown]\r\nX-Checksum: abc123\r\nX-Count: 2\r\n"_ba;
    QTest::addRow("trailer with empty body") << chunked << QByteArray() << qsizetype(-1) << qint64(-1) << trailer
                                             << chunkedHead + "X-Checksum: abc123\r\nX-Count: 2\r\n"_ba;

    // The request line shows the target as sent, not the parsed URL.
    const Request absolute = makeRequest("GET", "http://Example.com:8080/a%2Fb", HttpVersion::Http11,
                                         {"Host", "ignored", "X-Dup", "1", "x-dup", "2"});
    QTest::addRow("absolute-form target, repeated fields")
        << absolute << QByteArray() << qsizetype(10) << qint64(-1) << Header()
        << "GET http://Example.com:8080/a%2Fb HTTP/1.1\r\nHost: ignored\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n"_ba;
}

void tst_RequestDump::dumpRendersRequest()
{
    QFETCH(Request, request);
    QFETCH(QByteArray, body);
    QFETCH(qsizetype, bodyCap);
    QFETCH(qint64, totalBodyBytes);
    QFETCH(Header, trailer);
    QFETCH(QByteArray, expected);

    QCOMPARE(dumpRequest(request, body, bodyCap, totalBodyBytes, trailer), expected);
}

void tst_RequestDump::dumpDefaultsShowWholeBodyWithoutTrailer()
{
    Request request = makeRequest("DELETE", "/x", HttpVersion::Http11, {"Host", "h"});
    QCOMPARE(dumpRequest(request, "body", 100), "DELETE /x HTTP/1.1\r\nHost: h\r\n\r\nbody"_ba);
    QCOMPARE(dumpRequest(request, "body", 1),
             "DELETE /x HTTP/1.1\r\nHost: h\r\n\r\nb\r\n[... 3 more bytes not shown]\r\n"_ba);
}

QTEST_APPLESS_MAIN(tst_RequestDump)
#include "tst_requestdump.moc"
