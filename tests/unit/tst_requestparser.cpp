#include "httpcore/RequestParser.h"
#include "support/Splits.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using httpcore::BodyFraming;
using httpcore::HttpVersion;
using httpcore::ParserLimits;
using httpcore::Request;
using httpcore::RequestParser;

namespace
{

// Want is what a valid row expects of the parsed request. Defaults describe "GET / HTTP/1.1" with Host h.
struct Want
{
    QByteArray method = "GET"_ba;
    QByteArray target = "/"_ba;
    QByteArray path = "/"_ba;
    QByteArray rawQuery = {};
    HttpVersion version = HttpVersion::Http11;
    QByteArray host = "h"_ba;
    // fields are the header fields as "Name: value", names canonical.
    QList<QByteArray> fields = {"Host: h"_ba};
    BodyFraming framing = BodyFraming::None;
    qint64 contentLength = 0;
    bool wantsClose = false;
    bool expectContinue = false;
    bool unsupportedExpectation = false;
    QByteArray body = {};
    QList<QByteArray> trailer = {};
    // headBytes: -1 means up to and including the first empty line of the input.
    qsizetype headBytes = -1;
};

// Parsed is everything a parser produced from one input.
struct Parsed
{
    Request request;
    QByteArray body = {};
    QList<QByteArray> trailer = {};
    qint64 bodyBytesRead = 0;
    qsizetype consumed = 0;
    bool complete = false;
    // status is the error status, 0 when there was no error.
    int status = 0;
    QByteArray reason;
};

QList<QByteArray> fieldsOf(const httpcore::Header &header)
{
    QList<QByteArray> fields;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const httpcore::Header::Field f = header.field(i);
        fields.append(f.name.toByteArray() + ": " + f.value.toByteArray());
    }
    return fields;
}

// feed runs one request through parser in pieces of the given sizes, honouring parse()'s contract:
// unconsumed bytes are kept and the next piece is appended to them. It stops at MessageComplete or Error.
Parsed feed(RequestParser &parser, QByteArrayView input, const QList<qsizetype> &pieces)
{
    Parsed result;
    QByteArray pending;
    qsizetype offset = 0;
    for (const qsizetype piece : pieces) {
        pending.append(input.sliced(offset, piece));
        offset += piece;
        for (;;) {
            const RequestParser::Step step = parser.parse(pending);
            result.consumed += step.consumed;
            if (step.event == RequestParser::Event::HeadComplete)
                result.request = parser.request();
            if (step.event == RequestParser::Event::Body)
                result.body.append(step.body);
            pending.remove(0, step.consumed);
            if (step.event == RequestParser::Event::MessageComplete) {
                result.complete = true;
                result.trailer = fieldsOf(parser.trailer());
                result.bodyBytesRead = parser.bodyBytesRead();
                return result;
            }
            if (step.event == RequestParser::Event::Error) {
                result.status = parser.error().status;
                result.reason = parser.error().reason;
                return result;
            }
            if (step.event == RequestParser::Event::NeedMore)
                break;
        }
    }
    return result;
}

Parsed feed(QByteArrayView input, const QList<qsizetype> &pieces, const ParserLimits &limits = ParserLimits())
{
    RequestParser parser(limits);
    return feed(parser, input, pieces);
}

// describe renders a parse result in full, so that two results compare with a readable difference.
QByteArray describe(const Parsed &p)
{
    const Request &r = p.request;
    // After an error, how much was consumed depends on the split (NeedMore takes complete lines early).
    const QByteArray consumed = p.status == 0 ? QByteArray::number(p.consumed) : "-"_ba;
    QByteArray s;
    s += "status=" + QByteArray::number(p.status) + " complete=" + QByteArray::number(p.complete) +
         " consumed=" + consumed + '\n';
    s += r.method + ' ' + r.target + ' ' + r.versionString() + " path=" + r.url.path() + " query=" + r.url.rawQuery() +
         " host=" + r.host + '\n';
    s += "framing=" + QByteArray::number(static_cast<int>(r.framing)) +
         " length=" + QByteArray::number(r.contentLength) + " close=" + QByteArray::number(r.wantsClose) +
         " continue=" + QByteArray::number(r.expectContinue) +
         " unsupported=" + QByteArray::number(r.unsupportedExpectation) +
         " headBytes=" + QByteArray::number(r.headBytes) + '\n';
    for (const QByteArray &field : fieldsOf(r.header))
        s += "field " + field + '\n';
    s += "body=" + p.body.toPercentEncoding() + " read=" + QByteArray::number(p.bodyBytesRead) + '\n';
    for (const QByteArray &field : p.trailer)
        s += "trailer " + field + '\n';
    return s;
}

ParserLimits limitsWith(qsizetype maxRequestLine, qsizetype maxHeader, qint64 maxBody)
{
    ParserLimits limits;
    limits.maxRequestLineBytes = maxRequestLine;
    limits.maxHeaderBytes = maxHeader;
    limits.maxBodyBytes = maxBody;
    return limits;
}

const QByteArray BrowserRequest =
    "GET /api/v1/items?page=2&sort=name HTTP/1.1\r\n"
    "Host: localhost:8080\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Connection: keep-alive\r\n"
    "Cookie: session=abc123def456; theme=dark\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "Sec-Fetch-Dest: document\r\n"
    "Sec-Fetch-Mode: navigate\r\n"
    "\r\n"_ba;

} // namespace

Q_DECLARE_METATYPE(Want)
Q_DECLARE_METATYPE(httpcore::ParserLimits)

class tst_RequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidRequestInAnySplit_data();
    void parsesValidRequestInAnySplit();
    void rejectsInvalidRequestInAnySplit_data();
    void rejectsInvalidRequestInAnySplit();
    void chunkedBodyIsDeliveredUpToTheLimit();
    void explainsHttp2Preface();
    void errorIsStickyUntilReset();
    void requestWithoutBodyCompletesWithoutConsuming();
    void bodyViewsPointIntoInput();
    void pipelinedRequestsParseOneAfterAnother();
    void takeRequestKeepsParsingBody();
    void hasStartedIgnoresLeadingEmptyLines();
    void largeBodyInPiecesIsDeliveredFully_data();
    void largeBodyInPiecesIsDeliveredFully();
    void largeHeaderSectionByteAtATime();
};

void tst_RequestParser::parsesValidRequestInAnySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ParserLimits>("limits");
    QTest::addColumn<Want>("want");

    const auto row = [](const char *name, const QByteArray &input, const Want &want,
                        const ParserLimits &limits = ParserLimits()) {
        QTest::addRow("%s", name) << input << limits << want;
    };
    using F = BodyFraming;
    row("simple GET", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, Want{});
    row("browser request", BrowserRequest,
        Want{.target = "/api/v1/items?page=2&sort=name"_ba,
             .path = "/api/v1/items"_ba,
             .rawQuery = "page=2&sort=name"_ba,
             .host = "localhost:8080"_ba,
             .fields = {"Host: localhost:8080"_ba,
                        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0"_ba,
                        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"_ba,
                        "Accept-Language: en-US,en;q=0.5"_ba, "Accept-Encoding: gzip, deflate, br"_ba,
                        "Connection: keep-alive"_ba, "Cookie: session=abc123def456; theme=dark"_ba,
                        "Upgrade-Insecure-Requests: 1"_ba, "Sec-Fetch-Dest: document"_ba,
                        "Sec-Fetch-Mode: navigate"_ba}});
    row("percent-encoded path", "GET /a%20b?x=%41 HTTP/1.1\r\nHost: h\r\n\r\n"_ba,
        Want{.target = "/a%20b?x=%41"_ba, .path = "/a b"_ba, .rawQuery = "x=%41"_ba});
    row("unknown method token", "PURGE /x HTTP/1.1\r\nHost: h\r\n\r\n"_ba,
        Want{.method = "PURGE"_ba, .target = "/x"_ba, .path = "/x"_ba});
    row("HEAD", "HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, Want{.method = "HEAD"_ba});
    row("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n"_ba,
        Want{.version = HttpVersion::Http10, .host = ""_ba, .fields = {}, .wantsClose = true});
    row("HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba,
        Want{.version = HttpVersion::Http10, .host = ""_ba, .fields = {"Connection: Keep-Alive"_ba}});
    row("HTTP/1.0 keep-alive and close", "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"_ba,
        Want{.version = HttpVersion::Http10,
             .host = ""_ba,
             .fields = {"Connection: keep-alive, close"_ba},
             .wantsClose = true});
    row("HTTP/1.1 close", "GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade, CLOSE\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "Connection: upgrade, CLOSE"_ba}, .wantsClose = true});
    row("HTTP/1.1 close in second Connection line",
        "GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "Connection: keep-alive"_ba, "Connection: close"_ba}, .wantsClose = true});
    row("HTTP/1.1 keep-alive", "GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "Connection: keep-alive"_ba}});
    row("HTTP/1.2 is handled as 1.1", "GET / HTTP/1.2\r\nHost: h\r\n\r\n"_ba, Want{});
    row("leading empty lines skipped", "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, Want{.headBytes = 27});
    row("OWS trimmed from values", "GET / HTTP/1.1\r\nHost: \t h \t\r\nX-Empty:\r\nX-Inner:a \t b\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "X-Empty: "_ba, "X-Inner: a \t b"_ba}});
    row("names canonicalised", "GET / HTTP/1.1\r\nhost: h\r\ncontent-TYPE: text/plain\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "Content-Type: text/plain"_ba}});
    row("obs-text in value", "GET / HTTP/1.1\r\nHost: h\r\nX-Latin: caf\xe9\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "X-Latin: caf\xe9"_ba}});
    row("long values with tabs and obs-text",
        "GET / HTTP/1.1\r\nHost: h\r\nX-A: abcdefgh\tijklmnop\tqrstuvw\r\nX-B: \x80\xff\xe9\xe9\xe9\xe9\xe9\xe9\xa0~ !\r\n\r\n"_ba,
        Want{.fields = {"Host: h"_ba, "X-A: abcdefgh\tijklmnop\tqrstuvw"_ba,
                        "X-B: \x80\xff\xe9\xe9\xe9\xe9\xe9\xe9\xa0~ !"_ba}});
    row("Content-Length body", "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"_ba,
        Want{.method = "POST"_ba,
             .target = "/up"_ba,
             .path = "/up"_ba,
             .fields = {"Host: h"_ba, "Content-Length: 5"_ba},
             .framing = F::ContentLength,
             .contentLength = 5,
             .body = "hello"_ba});
    row("Content-Length zero", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"_ba,
        Want{.method = "POST"_ba, .fields = {"Host: h"_ba, "Content-Length: 0"_ba}});
    row("Content-Length with OWS", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:  5 \r\n\r\nhello"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Content-Length: 5"_ba},
             .framing = F::ContentLength,
             .contentLength = 5,
             .body = "hello"_ba});
    row("Content-Length leading zeros", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 005\r\n\r\nhello"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Content-Length: 005"_ba},
             .framing = F::ContentLength,
             .contentLength = 5,
             .body = "hello"_ba});
    row("identical duplicate Content-Length",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Content-Length: 5"_ba, "Content-Length: 5"_ba},
             .framing = F::ContentLength,
             .contentLength = 5,
             .body = "hello"_ba});
    row("Content-Length at the body limit", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Content-Length: 10"_ba},
             .framing = F::ContentLength,
             .contentLength = 10,
             .body = "0123456789"_ba},
        limitsWith(1024, 1024, 10));
    row("chunked body with trailer",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Transfer-Encoding: chunked"_ba},
             .framing = F::Chunked,
             .contentLength = -1,
             .body = "hello world"_ba,
             .trailer = {"X-Sum: 42"_ba}});
    row("chunked case-insensitive", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Transfer-Encoding: Chunked"_ba},
             .framing = F::Chunked,
             .contentLength = -1});
    row("chunked at the body limit",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"_ba,
        Want{.method = "POST"_ba,
             .fields = {"Host: h"_ba, "Transfer-Encoding: chunked"_ba},
             .framing = F::Chunked,
             .contentLength = -1,
             .body = "helloworld"_ba},
        limitsWith(1024, 1024, 10));
    row("Expect 100-continue", "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n\r\n"_ba,
        Want{.method = "PUT"_ba, .fields = {"Host: h"_ba, "Expect: 100-Continue"_ba}, .expectContinue = true});
    row("Expect 100-continue ignored in HTTP/1.0", "PUT / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n"_ba,
        Want{.method = "PUT"_ba,
             .version = HttpVersion::Http10,
             .host = ""_ba,
             .fields = {"Expect: 100-continue"_ba},
             .wantsClose = true});
    row("unsupported expectation", "PUT / HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\n\r\n"_ba,
        Want{.method = "PUT"_ba, .fields = {"Host: h"_ba, "Expect: teapot"_ba}, .unsupportedExpectation = true});
    row("absolute-form overrides Host", "GET http://api.example:8080/v1?x=1 HTTP/1.1\r\nHost: other\r\n\r\n"_ba,
        Want{.target = "http://api.example:8080/v1?x=1"_ba,
             .path = "/v1"_ba,
             .rawQuery = "x=1"_ba,
             .host = "api.example:8080"_ba,
             .fields = {"Host: other"_ba}});
    row("CONNECT authority-form", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"_ba,
        Want{.method = "CONNECT"_ba,
             .target = "example.com:443"_ba,
             .path = ""_ba,
             .host = "example.com:443"_ba,
             .fields = {"Host: example.com:443"_ba}});
    row("OPTIONS asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"_ba,
        Want{.method = "OPTIONS"_ba, .target = "*"_ba, .path = "*"_ba});
    row("IPv6 Host", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"_ba,
        Want{.host = "[::1]:8080"_ba, .fields = {"Host: [::1]:8080"_ba}});
    row("empty Host", "GET / HTTP/1.1\r\nHost:\r\n\r\n"_ba, Want{.host = ""_ba, .fields = {"Host: "_ba}});
    row("request line at its limit", "GET /abcdef HTTP/1.1\r\nHost: h\r\n\r\n"_ba,
        Want{.target = "/abcdef"_ba, .path = "/abcdef"_ba}, limitsWith(20, 1024, 0));
    row("head at its limit", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, Want{}, limitsWith(1024, 27, 0));
}

void tst_RequestParser::parsesValidRequestInAnySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(ParserLimits, limits);
    QFETCH(Want, want);

    const Parsed whole = feed(input, {input.size()}, limits);
    QCOMPARE(whole.reason, QByteArray());
    QCOMPARE(whole.status, 0);
    QVERIFY(whole.complete);
    QCOMPARE(whole.consumed, input.size());
    const Request &r = whole.request;
    QCOMPARE(r.method, want.method);
    QCOMPARE(r.target, want.target);
    QCOMPARE(r.url.path(), want.path);
    QCOMPARE(r.url.rawQuery(), want.rawQuery);
    QCOMPARE(r.version, want.version);
    QCOMPARE(fieldsOf(r.header), want.fields);
    QCOMPARE(r.host, want.host);
    QCOMPARE(r.framing, want.framing);
    QCOMPARE(r.contentLength, want.contentLength);
    QCOMPARE(r.wantsClose, want.wantsClose);
    QCOMPARE(r.expectContinue, want.expectContinue);
    QCOMPARE(r.unsupportedExpectation, want.unsupportedExpectation);
    QCOMPARE(r.headBytes, want.headBytes >= 0 ? want.headBytes : input.indexOf("\r\n\r\n") + 4);
    QCOMPARE(whole.body, want.body);
    QCOMPARE(whole.bodyBytesRead, want.body.size());
    QCOMPARE(whole.trailer, want.trailer);

    int n = 0;
    for (const QList<qsizetype> &pieces : testsupport::splitsOf(input.size())) {
        const Parsed split = feed(input, pieces, limits);
        const QByteArray label = "split " + QByteArray::number(n++) + ": ";
        QCOMPARE(label + describe(split), label + describe(whole));
        QVERIFY(split.request == whole.request);
    }
}

void tst_RequestParser::rejectsInvalidRequestInAnySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ParserLimits>("limits");
    QTest::addColumn<int>("status");

    const auto row = [](const char *name, const QByteArray &input, int status,
                        const ParserLimits &limits = ParserLimits()) {
        QTest::addRow("%s", name) << input << limits << status;
    };
    // Framing of lines (RFC 9112 §2.2, §5.1, §5.2).
    row("bare LF ends request line", "GET / HTTP/1.1\nHost: h\r\n\r\n"_ba, 400);
    row("bare LF ends field line", "GET / HTTP/1.1\r\nHost: h\n\r\n"_ba, 400);
    row("bare LF as empty line", "GET / HTTP/1.1\r\nHost: h\r\n\n"_ba, 400);
    row("bare LF as leading empty line", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("bare CR in request line", "GET /\r HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("bare CR in field value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n"_ba, 400);
    row("bare CR as a line", "GET / HTTP/1.1\r\nHost: h\r\n\r\r\n"_ba, 400);
    row("bare CR before request line", "\r\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n"_ba, 400);
    row("whitespace before first field", "GET / HTTP/1.1\r\n Host: h\r\n\r\n"_ba, 400);
    row("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n"_ba, 400);
    row("tab before colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n"_ba, 400);
    row("empty field name", "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n"_ba, 400);
    row("field line without colon", "GET / HTTP/1.1\r\nHost: h\r\nX v\r\n\r\n"_ba, 400);
    row("non-token field name", "GET / HTTP/1.1\r\nHost: h\r\nX(y): v\r\n\r\n"_ba, 400);
    row("NUL in value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n"_ba, 400);
    row("DEL in value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\x7f\r\n\r\n"_ba, 400);
    row("control byte deep in a long value",
        "GET / HTTP/1.1\r\nHost: h\r\nX: abcdefghijklmnopq\x01rstuvwxyz\r\n\r\n"_ba, 400);
    row("DEL deep in a long value", "GET / HTTP/1.1\r\nHost: h\r\nX: abcdefghijklmnop\x7fqrstuvwxyz\r\n\r\n"_ba, 400);
    row("vertical tab in value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\vb\r\n\r\n"_ba, 400);
    // Request line (RFC 9112 §3, §2.3).
    row("lowercase version", "GET / http/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("two spaces after method", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("tab as separator", "GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("trailing space", "GET / HTTP/1.1 \r\nHost: h\r\n\r\n"_ba, 400);
    row("space in target", "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("missing version", "GET /\r\nHost: h\r\n\r\n"_ba, 400);
    row("empty method", " / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("non-token method", "G@T / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("non-ASCII target", "GET /caf\xe9 HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("version HTTP/1.10", "GET / HTTP/1.10\r\nHost: h\r\n\r\n"_ba, 400);
    row("version HTTP/1", "GET / HTTP/1\r\nHost: h\r\n\r\n"_ba, 400);
    row("version HTTP/11", "GET / HTTP/11\r\nHost: h\r\n\r\n"_ba, 400);
    row("version HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n"_ba, 505);
    row("version HTTP/0.9", "GET / HTTP/0.9\r\nHost: h\r\n\r\n"_ba, 505);
    row("version HTTP/3.0", "GET / HTTP/3.0\r\nHost: h\r\n\r\n"_ba, 505);
    row("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba, 505);
    // Request-target (RFC 9112 §3.2, through Url).
    row("fragment in target", "GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("asterisk-form for GET", "GET * HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 400);
    row("CONNECT without port", "CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"_ba, 400);
    // Host (RFC 9112 §3.2).
    row("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nX: y\r\n\r\n"_ba, 400);
    row("two Host fields", "GET / HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n"_ba, 400);
    row("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"_ba, 400);
    row("Host with space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"_ba, 400);
    row("Host with slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"_ba, 400);
    row("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@h\r\n\r\n"_ba, 400);
    row("Host with bad port", "GET / HTTP/1.1\r\nHost: h:8x\r\n\r\n"_ba, 400);
    row("Host with only a port", "GET / HTTP/1.1\r\nHost: :80\r\n\r\n"_ba, 400);
    row("Host with unclosed bracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n"_ba, 400);
    // Content-Length (RFC 9110 §8.6, RFC 9112 §6.3).
    const auto withLength = [](const char *value) {
        return "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: "_ba + value + "\r\n\r\nhello"_ba;
    };
    row("Content-Length +5", withLength("+5"), 400);
    row("Content-Length -1", withLength("-1"), 400);
    row("Content-Length 5 5", withLength("5 5"), 400);
    row("Content-Length 0x10", withLength("0x10"), 400);
    row("Content-Length 1,1", withLength("1,1"), 400);
    row("Content-Length 5, 5", withLength("5, 5"), 400);
    row("Content-Length empty", withLength(""), 400);
    row("Content-Length overflow", withLength("99999999999999999999"), 400);
    row("differing duplicate Content-Length",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"_ba, 400);
    row("duplicate Content-Length 5 and 05",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 05\r\n\r\nhello"_ba, 400);
    // Transfer-Encoding (RFC 9112 §6.1, §6.3).
    const auto withCoding = [](const char *value) {
        return "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "_ba + value + "\r\n\r\n0\r\n\r\n"_ba;
    };
    row("Content-Length and Transfer-Encoding",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 400);
    row("Transfer-Encoding and Content-Length",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"_ba, 400);
    row("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 400);
    row("coding chunked, identity", withCoding("chunked, identity"), 501);
    row("coding identity", withCoding("identity"), 501);
    row("coding xchunked", withCoding("xchunked"), 501);
    row("coding gzip, chunked", withCoding("gzip, chunked"), 501);
    row("coding gzip only", withCoding("gzip"), 400);
    row("coding chunked, gzip", withCoding("chunked, gzip"), 400);
    row("coding chunked, chunked", withCoding("chunked, chunked"), 400);
    row("coding chunked on two lines",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba,
        400);
    row("coding with trailing comma", withCoding("chunked,"), 400);
    row("coding empty", withCoding(""), 400);
    row("coding with parameter", withCoding("chunked;a=b"), 400);
    row("coding with vertical tab", withCoding("chunked\v"), 400);
    // Chunked body (RFC 9112 §7.1).
    const auto withChunks = [](const char *chunks) {
        return "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"_ba + chunks;
    };
    row("chunk size too long", withChunks("fffffffffffffffff1\r\nx\r\n0\r\n\r\n"), 400);
    row("chunk size 0x5", withChunks("0x5\r\nhello\r\n0\r\n\r\n"), 400);
    row("chunk data not followed by CRLF", withChunks("5\r\nhelloX\r\n0\r\n\r\n"), 400);
    row("trailer over header limit", withChunks("0\r\nX-Trailer: ") + QByteArray(60, 't') + "\r\n\r\n", 431,
        limitsWith(1024, 64, -1));
    // Limits.
    row("414 long target", "GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 414,
        limitsWith(32, 1024, -1));
    row("414 before the line ends", "GET /" + QByteArray(100, 'a'), 414, limitsWith(32, 1024, -1));
    row("431 big header", "GET / HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(100, 'a') + "\r\n\r\n"_ba, 431,
        limitsWith(1024, 64, -1));
    row("431 before the line ends", "GET / HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(100, 'a'), 431,
        limitsWith(1024, 64, -1));
    row("431 counts leading empty lines", QByteArray(60, '\r').replace("\r", "\r\n") + "GET / HTTP/1.1\r\n"_ba, 431,
        limitsWith(1024, 64, -1));
    row("431 when the head exceeds by its last CRLF", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba, 431,
        limitsWith(1024, 26, -1));
    row("431 for a request line over the head limit", "GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\n"_ba, 431,
        limitsWith(200, 64, -1));
    // 12 empty lines leave 16 bytes of head room, as much as the request line may have: the byte that
    // crosses both limits decides, and a CR there is not yet known to be content.
    const QByteArray emptyLines = QByteArray(12, '\r').replace("\r", "\r\n");
    row("414 when both limits are crossed on one byte", emptyLines + "GET /abcdefghijkl HTTP/1.1\r\n\r\n"_ba, 414,
        limitsWith(16, 40, -1));
    row("431 when a bare CR crosses both limits", emptyLines + "GET /abcdefghijk\rX HTTP/1.1\r\n\r\n"_ba, 431,
        limitsWith(16, 40, -1));
    row("413 Content-Length over limit", withLength("11"), 413, limitsWith(1024, 1024, 10));
    row("413 chunked over limit", withChunks("6\r\nhello \r\n6\r\nworld!\r\n0\r\n\r\n"), 413,
        limitsWith(1024, 1024, 10));
}

void tst_RequestParser::rejectsInvalidRequestInAnySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(ParserLimits, limits);
    QFETCH(int, status);

    const Parsed whole = feed(input, {input.size()}, limits);
    QCOMPARE(whole.status, status);
    QVERIFY(!whole.reason.isEmpty());
    // Every split fails alike, for the same reason, after delivering the same head and body bytes.
    int n = 0;
    for (const QList<qsizetype> &pieces : testsupport::splitsOf(input.size())) {
        const Parsed parsed = feed(input, pieces, limits);
        const QByteArray label = "split " + QByteArray::number(n++) + ": ";
        QCOMPARE(label + describe(parsed) + parsed.reason, label + describe(whole) + whole.reason);
    }
}

void tst_RequestParser::chunkedBodyIsDeliveredUpToTheLimit()
{
    const QByteArray input = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "6\r\nhello \r\n6\r\nworld!\r\n0\r\n\r\n"_ba;
    RequestParser parser(limitsWith(1024, 1024, 10));
    const Parsed parsed = feed(parser, input, {input.size()});
    QCOMPARE(parsed.status, 413);
    QCOMPARE(parsed.body, "hello worl"_ba);
    QCOMPARE(parser.bodyBytesRead(), 10);
    QCOMPARE(parser.phase(), RequestParser::Phase::Failed);
}

void tst_RequestParser::explainsHttp2Preface()
{
    RequestParser parser;
    const RequestParser::Step step = parser.parse("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    QCOMPARE(step.event, RequestParser::Event::Error);
    QCOMPARE(parser.error().status, 505);
    QVERIFY2(parser.error().reason.contains("HTTP/2"), parser.error().reason.constData());
    QVERIFY2(parser.error().reason.contains("HTTP/1.1 only"), parser.error().reason.constData());
}

void tst_RequestParser::errorIsStickyUntilReset()
{
    RequestParser parser;
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost : h\r\n\r\n").event, RequestParser::Event::Error);
    QCOMPARE(parser.phase(), RequestParser::Phase::Failed);
    const RequestParser::Step again = parser.parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(again.event, RequestParser::Event::Error);
    QCOMPARE(again.consumed, 0);
    QCOMPARE(parser.error().status, 400);

    parser.reset();
    QCOMPARE(parser.phase(), RequestParser::Phase::Head);
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").event, RequestParser::Event::HeadComplete);
}

void tst_RequestParser::requestWithoutBodyCompletesWithoutConsuming()
{
    RequestParser parser;
    const QByteArray input = "GET / HTTP/1.1\r\nHost: h\r\n\r\nextra"_ba;
    const RequestParser::Step head = parser.parse(input);
    QCOMPARE(head.event, RequestParser::Event::HeadComplete);
    QCOMPARE(head.consumed, input.size() - 5);
    const QByteArrayView rest = QByteArrayView(input).sliced(head.consumed);
    const RequestParser::Step done = parser.parse(rest);
    QCOMPARE(done.event, RequestParser::Event::MessageComplete);
    QCOMPARE(done.consumed, 0);
    QCOMPARE(parser.phase(), RequestParser::Phase::Done);
    QCOMPARE(parser.parse(rest).event, RequestParser::Event::MessageComplete);
}

void tst_RequestParser::bodyViewsPointIntoInput()
{
    RequestParser parser;
    const QByteArray input = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\nabcd"_ba;
    const RequestParser::Step head = parser.parse(input);
    QCOMPARE(head.event, RequestParser::Event::HeadComplete);
    const QByteArrayView rest = QByteArrayView(input).sliced(head.consumed);
    const RequestParser::Step body = parser.parse(rest);
    QCOMPARE(body.event, RequestParser::Event::Body);
    QCOMPARE(body.consumed, 4);
    QCOMPARE(static_cast<const void *>(body.body.data()), static_cast<const void *>(rest.data()));
    QCOMPARE(body.body.toByteArray(), "abcd"_ba);
    QCOMPARE(parser.parse(QByteArrayView()).event, RequestParser::Event::NeedMore);

    // The view never reaches past the declared length.
    const RequestParser::Step tail = parser.parse("efghGET");
    QCOMPARE(tail.event, RequestParser::Event::Body);
    QCOMPARE(tail.body.toByteArray(), "efgh"_ba);
    QCOMPARE(parser.bodyBytesRead(), 8);
    QCOMPARE(parser.parse("GET").event, RequestParser::Event::MessageComplete);
}

void tst_RequestParser::pipelinedRequestsParseOneAfterAnother()
{
    const QByteArray input = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                             "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                             "\r\nGET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"_ba;
    RequestParser parser;
    QList<QByteArray> seen;
    QByteArrayView rest = input;
    for (int i = 0; i < 3; ++i) {
        const Parsed parsed = feed(parser, rest, {rest.size()});
        QVERIFY(parsed.complete);
        seen.append(parsed.request.target + '=' + parsed.body);
        rest = rest.sliced(parsed.consumed);
        parser.reset();
    }
    QCOMPARE(seen, (QList<QByteArray>{"/a=abc"_ba, "/b=de"_ba, "/c="_ba}));
    QVERIFY(rest.isEmpty());
    QVERIFY(parser.parse(rest).event == RequestParser::Event::NeedMore);
}

void tst_RequestParser::takeRequestKeepsParsingBody()
{
    RequestParser parser;
    const QByteArray input = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"_ba;
    const RequestParser::Step head = parser.parse(input);
    QCOMPARE(head.event, RequestParser::Event::HeadComplete);
    const Request taken = parser.takeRequest();
    QCOMPARE(taken.contentLength, 3);
    const RequestParser::Step body = parser.parse(QByteArrayView(input).sliced(head.consumed));
    QCOMPARE(body.event, RequestParser::Event::Body);
    QCOMPARE(body.body.toByteArray(), "abc"_ba);
}

void tst_RequestParser::hasStartedIgnoresLeadingEmptyLines()
{
    RequestParser parser;
    QByteArray pending;
    const auto push = [&](QByteArrayView bytes) {
        pending.append(bytes);
        const RequestParser::Step step = parser.parse(pending);
        pending.remove(0, step.consumed);
        return step.event;
    };
    QCOMPARE(push("\r\n"), RequestParser::Event::NeedMore);
    QVERIFY(!parser.hasStarted());
    QCOMPARE(push("\r"), RequestParser::Event::NeedMore);
    QVERIFY(!parser.hasStarted());
    QCOMPARE(push("\n"), RequestParser::Event::NeedMore);
    QVERIFY(!parser.hasStarted());
    QCOMPARE(push("G"), RequestParser::Event::NeedMore);
    QVERIFY(parser.hasStarted());
    QCOMPARE(push("ET / HTTP/1.1\r\nHost: h\r\n\r\n"), RequestParser::Event::HeadComplete);
    QCOMPARE(parser.request().headBytes, 27);
    parser.reset();
    QVERIFY(!parser.hasStarted());
}

void tst_RequestParser::largeBodyInPiecesIsDeliveredFully_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addRow("Content-Length") << false;
    QTest::addRow("chunked") << true;
}

void tst_RequestParser::largeBodyInPiecesIsDeliveredFully()
{
    QFETCH(bool, chunked);

    QByteArray body(1 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = static_cast<char>(i * 13 + (i >> 11));
    QByteArray input = "POST /upload HTTP/1.1\r\nHost: h\r\n"_ba;
    if (chunked) {
        input += "Transfer-Encoding: chunked\r\n\r\n";
        for (qsizetype at = 0; at < body.size(); at += 65536)
            input += QByteArray::number(qMin<qsizetype>(65536, body.size() - at), 16) + "\r\n" + body.mid(at, 65536) +
                     "\r\n";
        input += "0\r\n\r\n";
    } else {
        input += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    QRandomGenerator rng(11);
    QList<qsizetype> pieces;
    for (qsizetype left = input.size(); left > 0; left -= pieces.back())
        pieces.append(qMin<qsizetype>(left, 1 + rng.bounded(qint64(5000))));
    QVERIFY(pieces.size() > 200);
    const Parsed parsed = feed(input, pieces);
    QVERIFY(parsed.complete);
    QCOMPARE(parsed.consumed, input.size());
    QCOMPARE(parsed.bodyBytesRead, body.size());
    QCOMPARE(parsed.body.size(), body.size());
    QVERIFY(parsed.body == body);
}

void tst_RequestParser::largeHeaderSectionByteAtATime()
{
    // About 100 KB of fields, one byte per parse() call: each byte is searched once, so this stays linear.
    QByteArray input = "GET / HTTP/1.1\r\nHost: h\r\n"_ba;
    int fields = 1;
    while (input.size() < 100 * 1024) {
        input += "X-Field-" + QByteArray::number(fields) + ": " + QByteArray(40, 'v') + "\r\n";
        ++fields;
    }
    input += "X-Long: " + QByteArray(20000, 'w') + "\r\n\r\n";
    ++fields;

    const Parsed whole = feed(input, {input.size()});
    QVERIFY(whole.complete);
    QCOMPARE(whole.request.header.size(), fields);
    const Parsed split = feed(input, QList<qsizetype>(input.size(), 1));
    QCOMPARE(describe(split), describe(whole));
}

QTEST_APPLESS_MAIN(tst_RequestParser)

#include "tst_requestparser.moc"
