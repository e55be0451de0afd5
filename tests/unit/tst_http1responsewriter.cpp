#include "httpcore/Http1ResponseWriter.h"
#include "httpcore/HttpDate.h"

#include <QRegularExpression>
#include <QTest>

#include <initializer_list>

using namespace Qt::StringLiterals;
using namespace httpcore;

namespace
{

const QByteArray PinnedDate = "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
const QByteArray DateLine = "Date: Sun, 06 Nov 1994 08:49:37 GMT"_ba;
const QByteArray TextPlain = "Content-Type: text/plain; charset=utf-8"_ba;
const QByteArray Chunked = "Transfer-Encoding: chunked"_ba;

// CollectingSink records the bytes a writer hands over and how many sendBytes() calls that took.
class CollectingSink final : public ByteSink
{
public:
    void sendBytes(QByteArray bytes) override
    {
        wire += bytes;
        ++calls;
    }

    QByteArray wire;
    int calls = 0;
};

// Step is one thing a handler does to its ResponseWriter.
struct Step
{
    enum class Kind
    {
        SetHeader,
        AddHeader,
        WriteHeader,
        Write,
        Flush,
        Finish
    };

    Kind kind = Kind::Finish;
    int status = 0;
    QByteArray name;
    QByteArray data;
    // expected is what write() must return.
    qint64 expected = 0;
};

using Steps = QList<Step>;

Step setHeader(const QByteArray &name, const QByteArray &value)
{
    return Step{Step::Kind::SetHeader, 0, name, value, 0};
}

Step addHeader(const QByteArray &name, const QByteArray &value)
{
    return Step{Step::Kind::AddHeader, 0, name, value, 0};
}

Step status(int code)
{
    return Step{Step::Kind::WriteHeader, code, {}, {}, 0};
}

Step write(const QByteArray &data, qint64 expected)
{
    return Step{Step::Kind::Write, 0, {}, data, expected};
}

Step write(const QByteArray &data)
{
    return write(data, data.size());
}

Step flush()
{
    return Step{Step::Kind::Flush, 0, {}, {}, 0};
}

Step finish()
{
    return Step{Step::Kind::Finish, 0, {}, {}, 0};
}

// Context builds a ResponseContext with the date pinned: Context().http10().head().
class Context
{
public:
    Context() { m_context.date = PinnedDate; }
    Context &http10()
    {
        m_context.version = HttpVersion::Http10;
        return *this;
    }
    Context &head()
    {
        m_context.isHead = true;
        return *this;
    }
    Context &closing()
    {
        m_context.keepAlive = false;
        return *this;
    }
    Context &buffer(qsizetype bytes)
    {
        m_context.bufferBeforeChunking = bytes;
        return *this;
    }
    operator ResponseContext() const { return m_context; }

private:
    ResponseContext m_context;
};

// head joins a status line and field lines with CRLF and ends them with the empty line.
QByteArray head(std::initializer_list<QByteArrayView> lines)
{
    QByteArray out;
    for (QByteArrayView line : lines) {
        out.append(line);
        out.append("\r\n");
    }
    out.append("\r\n");
    return out;
}

void run(ResponseWriter &writer, const Step &step)
{
    switch (step.kind) {
    case Step::Kind::SetHeader:
        writer.header().set(step.name, step.data);
        return;
    case Step::Kind::AddHeader:
        writer.header().add(step.name, step.data);
        return;
    case Step::Kind::WriteHeader:
        writer.writeHeader(step.status);
        return;
    case Step::Kind::Write:
        QCOMPARE(writer.write(step.data), step.expected);
        return;
    case Step::Kind::Flush:
        writer.flush();
        return;
    case Step::Kind::Finish:
        writer.finish();
        return;
    }
}

} // namespace

Q_DECLARE_METATYPE(Step)
Q_DECLARE_METATYPE(httpcore::ResponseContext)

class tst_Http1ResponseWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void framesBody_data();
    void framesBody() { verifyRow(); }
    void answersWithoutBody_data();
    void answersWithoutBody() { verifyRow(); }
    void honoursDeclaredLength_data();
    void honoursDeclaredLength() { verifyRow(); }
    void writesHeaderFields_data();
    void writesHeaderFields() { verifyRow(); }
    void managesConnection_data();
    void managesConnection() { verifyRow(); }
    void writesStatusLine_data();
    void writesStatusLine() { verifyRow(); }

    void sentHeaderIsWhatWentOut();
    void countsBodyAndWireBytes();
    void dateDefaultsToNow();

private:
    static void addColumns();
    static void addRow(const char *name,
                       const ResponseContext &context,
                       const Steps &steps,
                       const QByteArray &wire,
                       bool mustClose = false,
                       int sendCalls = -1,
                       const QStringList &warnings = {});
    static void verifyRow();
};

void tst_Http1ResponseWriter::init()
{
    // Every warning a row causes must be one it expects (QTest::ignoreMessage takes precedence).
    QTest::failOnWarning(QRegularExpression(u".*"_s));
}

void tst_Http1ResponseWriter::addColumns()
{
    QTest::addColumn<ResponseContext>("context");
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("mustClose");
    // sendCalls: how many sendBytes() calls the response took; -1 when the row does not care.
    QTest::addColumn<int>("sendCalls");
    // warnings: regular expressions for the warnings the row must log.
    QTest::addColumn<QStringList>("warnings");
}

void tst_Http1ResponseWriter::addRow(const char *name,
                                     const ResponseContext &context,
                                     const Steps &steps,
                                     const QByteArray &wire,
                                     bool mustClose,
                                     int sendCalls,
                                     const QStringList &warnings)
{
    QTest::addRow("%s", name) << context << steps << wire << mustClose << sendCalls << warnings;
}

// verifyRow plays the row's handler steps against a writer, finishes it and checks the wire.
void tst_Http1ResponseWriter::verifyRow()
{
    QFETCH(ResponseContext, context);
    QFETCH(Steps, steps);
    QFETCH(QByteArray, wire);
    QFETCH(bool, mustClose);
    QFETCH(int, sendCalls);
    QFETCH(QStringList, warnings);

    for (const QString &warning : warnings)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(warning));
    CollectingSink sink;
    Http1ResponseWriter writer(sink, context);
    for (const Step &step : steps) {
        run(writer, step);
        if (QTest::currentTestFailed())
            return;
    }
    writer.finish();

    QCOMPARE(sink.wire, wire);
    QCOMPARE(writer.mustClose(), mustClose);
    if (sendCalls >= 0)
        QCOMPARE(sink.calls, sendCalls);
    QVERIFY(writer.isFinished());
    QVERIFY(writer.isHeaderSent());
    QCOMPARE(writer.bytesSent(), qint64(sink.wire.size()));
}

void tst_Http1ResponseWriter::framesBody_data()
{
    addColumns();
    addRow("small body gets Content-Length and a sniffed type", Context(), {write("<p>hello</p>")},
           head({"HTTP/1.1 200 OK", "Content-Length: 12", "Content-Type: text/html; charset=utf-8", DateLine}) +
               "<p>hello</p>",
           false, 1);
    addRow("empty handler gets Content-Length 0 and no type", Context(), {},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine}), false, 1);
    addRow("empty write is no body", Context(), {write({}, 0)},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine}), false, 1);
    addRow("explicit 404 with body", Context(), {status(404), write("no such mock")},
           head({"HTTP/1.1 404 Not Found", "Content-Length: 12", TextPlain, DateLine}) + "no such mock", false, 1);
    addRow("write filling the buffer exactly keeps Content-Length", Context().buffer(10), {write("0123456789")},
           head({"HTTP/1.1 200 OK", "Content-Length: 10", TextPlain, DateLine}) + "0123456789", false, 1);
    addRow("writes beyond the buffer go chunked", Context().buffer(16),
           {write("0123456789"), write("abcdefghij"), write("xyz")},
           head({"HTTP/1.1 200 OK", TextPlain, DateLine, Chunked}) + "14\r\n0123456789abcdefghij\r\n" + "3\r\nxyz\r\n" +
               "0\r\n\r\n",
           false, 3);
    addRow("sniffing sees bytes across buffer and overflowing write", Context().buffer(4),
           {write("<htm"), write("l><body>")},
           head({"HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", DateLine, Chunked}) +
               "c\r\n<html><body>\r\n" + "0\r\n\r\n",
           false, 2);
    addRow("flush mid-way goes chunked", Context(), {write("hello"), flush(), write(" world")},
           head({"HTTP/1.1 200 OK", TextPlain, DateLine, Chunked}) + "5\r\nhello\r\n" + "6\r\n world\r\n" + "0\r\n\r\n",
           false, 3);
    addRow("flush before any write sends the head alone", Context(),
           {setHeader("Content-Type", "text/event-stream"), flush(), write("data: 1\n\n"), flush()},
           head({"HTTP/1.1 200 OK", "Content-Type: text/event-stream", DateLine, Chunked}) + "9\r\ndata: 1\n\n\r\n" +
               "0\r\n\r\n",
           false, 3);
    addRow("HTTP/1.0 body beyond the buffer is close-delimited", Context().http10().buffer(8), {write("0123456789")},
           head({"HTTP/1.1 200 OK", TextPlain, DateLine, "Connection: close"}) + "0123456789", true, 1);
    addRow("HTTP/1.0 flush streams raw bytes", Context().http10(), {write("ab"), flush(), write("cd")},
           head({"HTTP/1.1 200 OK", TextPlain, DateLine, "Connection: close"}) + "ab" + "cd", true, 2);
    addRow("HTTP/1.0 keep-alive gets Content-Length", Context().http10(), {write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine, "Connection: keep-alive"}) + "hello",
           false, 1);
}

void tst_Http1ResponseWriter::answersWithoutBody_data()
{
    addColumns();
    addRow("HEAD with body written gets its length but no body", Context().head(), {write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine}), false, 1);
    addRow("HEAD without writes claims no length", Context().head(), {}, head({"HTTP/1.1 200 OK", DateLine}));
    addRow("HEAD beyond the buffer is neither chunked nor closed", Context().head().buffer(4),
           {write("0123456789"), write("more")}, head({"HTTP/1.1 200 OK", TextPlain, DateLine}), false, 1);
    addRow("HEAD keeps a declared length", Context().head(), {setHeader("Content-Length", "100"), write("abc")},
           head({"HTTP/1.1 200 OK", "Content-Length: 100", TextPlain, DateLine}));
    addRow("HTTP/1.0 HEAD stays alive", Context().http10().head(), {write("x")},
           head({"HTTP/1.1 200 OK", "Content-Length: 1", TextPlain, DateLine, "Connection: keep-alive"}));
    addRow("204 drops Content-Length and refuses a body", Context(),
           {setHeader("Content-Length", "5"), setHeader("X-Request-Id", "7"), status(204), write("hello", -1)},
           head({"HTTP/1.1 204 No Content", "X-Request-Id: 7", DateLine}), false, 1);
    addRow("204 drops a handler Transfer-Encoding", Context(), {setHeader("Transfer-Encoding", "chunked"), status(204)},
           head({"HTTP/1.1 204 No Content", DateLine}), false, 1, {u"Transfer-Encoding"_s});
    addRow("304 keeps a handler Content-Length", Context(),
           {setHeader("ETag", "\"v1\""), setHeader("Content-Length", "42"), status(304), write("x", -1)},
           head({"HTTP/1.1 304 Not Modified", "Etag: \"v1\"", "Content-Length: 42", DateLine}), false, 1);
    addRow("304 gets no invented length", Context(), {status(304)}, head({"HTTP/1.1 304 Not Modified", DateLine}));
    addRow(
        "103 Early Hints then 200", Context(), {setHeader("Link", "</app.css>; rel=preload"), status(103), write("ok")},
        head({"HTTP/1.1 103 Early Hints", "Link: </app.css>; rel=preload"}) +
            head({"HTTP/1.1 200 OK", "Link: </app.css>; rel=preload", "Content-Length: 2", TextPlain, DateLine}) + "ok",
        false, 2);
    addRow("1xx leaves framing fields for the final response", Context(),
           {setHeader("Content-Length", "2"), status(103), write("ok")},
           head({"HTTP/1.1 103 Early Hints"}) + head({"HTTP/1.1 200 OK", "Content-Length: 2", TextPlain, DateLine}) +
               "ok",
           false, 2);
    addRow("100 Continue then 201", Context(), {status(100), status(201)},
           head({"HTTP/1.1 100 Continue"}) + head({"HTTP/1.1 201 Created", "Content-Length: 0", DateLine}));
    addRow("no 1xx for an HTTP/1.0 client", Context().http10(), {status(103), write("ok")},
           head({"HTTP/1.1 200 OK", "Content-Length: 2", TextPlain, DateLine, "Connection: keep-alive"}) + "ok", false,
           1, {u"not sending informational status 103"_s});
    addRow("101 is final and bodyless", Context(),
           {setHeader("Connection", "Upgrade"), setHeader("Upgrade", "websocket"), status(101), write("x", -1)},
           head({"HTTP/1.1 101 Switching Protocols", "Connection: Upgrade", "Upgrade: websocket", DateLine}));
}

void tst_Http1ResponseWriter::honoursDeclaredLength_data()
{
    addColumns();
    addRow("handler Content-Length is honoured", Context(), {setHeader("Content-Length", "5"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine}) + "hello", false, 1);
    addRow("writes past Content-Length are refused", Context(),
           {setHeader("Content-Length", "3"), write("hello", -1), write("hey"), write("!", -1)},
           head({"HTTP/1.1 200 OK", "Content-Length: 3", TextPlain, DateLine}) + "hey");
    addRow("short body forces a close", Context(), {setHeader("Content-Length", "10"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 10", TextPlain, DateLine}) + "hello", true, 1,
           {u"handler wrote 5 of 10 declared body bytes"_s});
    addRow("declared length beyond the buffer goes out raw", Context().buffer(4),
           {setHeader("Content-Length", "10"), write("01234"), write("56789")},
           head({"HTTP/1.1 200 OK", "Content-Length: 10", TextPlain, DateLine}) + "01234" + "56789", false, 2);
    addRow("negative Content-Length is dropped", Context(), {setHeader("Content-Length", "-5"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine}) + "hello", false, 1,
           {u"dropping invalid response Content-Length"_s});
    addRow("signed Content-Length is dropped", Context(), {setHeader("Content-Length", "+5"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine}) + "hello", false, 1,
           {u"dropping invalid response Content-Length"_s});
    addRow("repeated equal Content-Length is collapsed", Context(),
           {addHeader("Content-Length", "5"), addHeader("X-A", "1"), addHeader("Content-Length", "5"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", "X-A: 1", TextPlain, DateLine}) + "hello");
    addRow("differing Content-Length values are dropped", Context(),
           {addHeader("Content-Length", "5"), addHeader("Content-Length", "6"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 5", TextPlain, DateLine}) + "hello", false, 1,
           {u"dropping invalid response Content-Length"_s});
    addRow("short HEAD answer keeps the connection", Context().head(),
           {setHeader("Content-Length", "10"), write("hello")},
           head({"HTTP/1.1 200 OK", "Content-Length: 10", TextPlain, DateLine}));
}

void tst_Http1ResponseWriter::writesHeaderFields_data()
{
    addColumns();
    addRow("changes after writeHeader are ignored", Context(), {status(200), setHeader("X-Late", "1"), write("ok")},
           head({"HTTP/1.1 200 OK", "Content-Length: 2", TextPlain, DateLine}) + "ok");
    addRow("changes after a 1xx still count", Context(), {status(103), setHeader("X-Final", "1")},
           head({"HTTP/1.1 103 Early Hints"}) + head({"HTTP/1.1 200 OK", "X-Final: 1", "Content-Length: 0", DateLine}));
    addRow("CR and LF in a value become spaces", Context(), {setHeader("X-Note", "a\r\nSet-Cookie: evil=1")},
           head({"HTTP/1.1 200 OK", "X-Note: a  Set-Cookie: evil=1", "Content-Length: 0", DateLine}), false, 1,
           {u"replacing CR, LF or NUL"_s});
    addRow("NUL in a value becomes a space", Context(), {setHeader("X-Note", QByteArray("a\0b", 3))},
           head({"HTTP/1.1 200 OK", "X-Note: a b", "Content-Length: 0", DateLine}), false, 1,
           {u"replacing CR, LF or NUL"_s});
    addRow("CR and LF are cleaned in 1xx heads too", Context(), {setHeader("Link", "<a>\r\nX: y"), status(103)},
           head({"HTTP/1.1 103 Early Hints", "Link: <a>  X: y"}) +
               head({"HTTP/1.1 200 OK", "Link: <a>  X: y", "Content-Length: 0", DateLine}),
           false, 2, {u"replacing CR, LF or NUL"_s, u"replacing CR, LF or NUL"_s});
    addRow("field with an invalid name is dropped", Context(),
           {addHeader("Bad Name", "x"), addHeader("X-Good", "y"), addHeader("Bad\r\nName", "z")},
           head({"HTTP/1.1 200 OK", "X-Good: y", "Content-Length: 0", DateLine}), false, 1,
           {u"invalid name.*Bad Name"_s, u"invalid name.*Bad\\\\r\\\\nName"_s});
    addRow("handler Date is kept", Context(), {setHeader("Date", "Mon, 01 Jan 2024 00:00:00 GMT")},
           head({"HTTP/1.1 200 OK", "Date: Mon, 01 Jan 2024 00:00:00 GMT", "Content-Length: 0"}));
    addRow("handler Content-Type is kept", Context(),
           {setHeader("Content-Type", "application/problem+json"), write("{}")},
           head({"HTTP/1.1 200 OK", "Content-Type: application/problem+json", "Content-Length: 2", DateLine}) + "{}");
    addRow("Content-Encoding suppresses sniffing", Context(),
           {setHeader("Content-Encoding", "gzip"), write("\x1F\x8B\x08\x00"_ba)},
           head({"HTTP/1.1 200 OK", "Content-Encoding: gzip", "Content-Length: 4", DateLine}) + "\x1F\x8B\x08\x00"_ba);
    addRow("handler Transfer-Encoding is dropped", Context(), {setHeader("Transfer-Encoding", "chunked"), write("hi")},
           head({"HTTP/1.1 200 OK", "Content-Length: 2", TextPlain, DateLine}) + "hi", false, 1,
           {u"Transfer-Encoding"_s});
    addRow("complete JSON body is sniffed as JSON", Context(), {write("{\"id\": 1}")},
           head({"HTTP/1.1 200 OK", "Content-Length: 9", "Content-Type: application/json", DateLine}) + "{\"id\": 1}");
    addRow("streamed JSON is not claimed", Context().buffer(4), {write("{\"id\": 1}")},
           head({"HTTP/1.1 200 OK", TextPlain, DateLine, Chunked}) + "9\r\n{\"id\": 1}\r\n" + "0\r\n\r\n");
}

void tst_Http1ResponseWriter::managesConnection_data()
{
    addColumns();
    addRow("handler Connection: close closes", Context(), {setHeader("Connection", "close")},
           head({"HTTP/1.1 200 OK", "Connection: close", "Content-Length: 0", DateLine}), true);
    addRow("close token found in a list, any case", Context(), {setHeader("Connection", "X-Trace, Close")},
           head({"HTTP/1.1 200 OK", "Connection: X-Trace, Close", "Content-Length: 0", DateLine}), true);
    addRow("keep-alive off adds Connection: close", Context().closing(), {write("ok")},
           head({"HTTP/1.1 200 OK", "Content-Length: 2", TextPlain, DateLine, "Connection: close"}) + "ok", true);
    addRow("HTTP/1.0 without keep-alive closes", Context().http10().closing(), {},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine, "Connection: close"}), true);
    addRow("HTTP/1.0 keep-alive is added beside other options", Context().http10(),
           {setHeader("Connection", "X-Custom")},
           head({"HTTP/1.1 200 OK", "Connection: X-Custom", "Content-Length: 0", DateLine, "Connection: keep-alive"}));
    addRow("HTTP/1.0 handler keep-alive is not repeated", Context().http10(), {setHeader("Connection", "Keep-Alive")},
           head({"HTTP/1.1 200 OK", "Connection: Keep-Alive", "Content-Length: 0", DateLine}));
    addRow("protocol switch keeps its Connection field", Context().closing(),
           {setHeader("Connection", "Upgrade"), setHeader("Upgrade", "websocket"), status(101)},
           head({"HTTP/1.1 101 Switching Protocols", "Connection: Upgrade", "Upgrade: websocket", DateLine}), true);
}

void tst_Http1ResponseWriter::writesStatusLine_data()
{
    addColumns();
    addRow("superfluous writeHeader is ignored", Context(), {status(201), status(500)},
           head({"HTTP/1.1 201 Created", "Content-Length: 0", DateLine}), false, 1,
           {u"superfluous writeHeader\\(500\\)"_s});
    addRow("1xx after the final status is superfluous", Context(), {status(200), status(103)},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine}), false, 1, {u"superfluous writeHeader\\(103\\)"_s});
    addRow("status 42 becomes 500", Context(), {status(42)},
           head({"HTTP/1.1 500 Internal Server Error", "Content-Length: 0", DateLine}), false, 1,
           {u"invalid status code 42"_s});
    addRow("status 1000 becomes 500", Context(), {status(1000)},
           head({"HTTP/1.1 500 Internal Server Error", "Content-Length: 0", DateLine}), false, 1,
           {u"invalid status code 1000"_s});
    addRow("unknown code is named by number", Context(), {status(599)},
           head({"HTTP/1.1 599 status code 599", "Content-Length: 0", DateLine}));
    addRow("teapot", Context(), {status(418), write("short and stout")},
           head({"HTTP/1.1 418 I'm a teapot", "Content-Length: 15", TextPlain, DateLine}) + "short and stout");
    addRow("HTTP/1.0 request still gets HTTP/1.1", Context().http10().closing(), {status(404)},
           head({"HTTP/1.1 404 Not Found", "Content-Length: 0", DateLine, "Connection: close"}), true);
    addRow("writeHeader after finish is ignored", Context(), {finish(), status(404)},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine}), false, 1, {u"after finish"_s});
    addRow("finish twice sends once", Context(), {write("a"), finish(), finish()},
           head({"HTTP/1.1 200 OK", "Content-Length: 1", TextPlain, DateLine}) + "a", false, 1);
    addRow("write after finish is refused", Context(), {finish(), write("late", -1), flush()},
           head({"HTTP/1.1 200 OK", "Content-Length: 0", DateLine}), false, 1);
}

void tst_Http1ResponseWriter::sentHeaderIsWhatWentOut()
{
    CollectingSink sink;
    Http1ResponseWriter writer(sink, Context());
    writer.header().set("X-Mock", "users");
    writer.header().add("Bad Name", "dropped");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"invalid name"_s));
    QCOMPARE(writer.write("[1, 2, 3]"), qint64(9));
    QVERIFY(!writer.isHeaderSent());
    writer.finish();

    const Header &sent = writer.sentHeader();
    QCOMPARE(sent.size(), qsizetype(4));
    QCOMPARE(sent.field(0).name.toByteArray(), "X-Mock"_ba);
    QCOMPARE(sent.value("Content-Length").toByteArray(), "9"_ba);
    QCOMPARE(sent.value("Content-Type").toByteArray(), "application/json"_ba);
    QCOMPARE(sent.value("Date").toByteArray(), PinnedDate);
    QVERIFY(!sent.contains("Bad Name"));
    // The handler's own header is left as the handler made it.
    QCOMPARE(writer.header().size(), qsizetype(2));
    QVERIFY(!writer.header().contains("Date"));
}

void tst_Http1ResponseWriter::countsBodyAndWireBytes()
{
    CollectingSink sink;
    Http1ResponseWriter writer(sink, Context().head().buffer(4));
    QCOMPARE(writer.status(), 0);
    QCOMPARE(writer.write("0123456789"), qint64(10));
    QCOMPARE(writer.write("abc"), qint64(3));
    writer.finish();
    QCOMPARE(writer.status(), 200);
    QCOMPARE(writer.bodyBytesWritten(), qint64(13));
    QCOMPARE(writer.bytesSent(), qint64(sink.wire.size()));

    CollectingSink chunkedSink;
    Http1ResponseWriter chunked(chunkedSink, Context().buffer(0));
    chunked.writeHeader(103);
    QCOMPARE(chunked.status(), 0);
    QCOMPARE(chunked.write("abc"), qint64(3));
    chunked.finish();
    QCOMPARE(chunked.bodyBytesWritten(), qint64(3));
    QCOMPARE(chunked.bytesSent(), qint64(chunkedSink.wire.size()));
    QVERIFY(chunkedSink.wire.startsWith("HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\r\n"));
    QVERIFY(chunkedSink.wire.endsWith("3\r\nabc\r\n0\r\n\r\n"));
}

void tst_Http1ResponseWriter::dateDefaultsToNow()
{
    CollectingSink sink;
    ResponseContext context;
    Http1ResponseWriter writer(sink, context);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    writer.finish();
    const QDateTime sent = HttpDate::parse(writer.sentHeader().value("Date"));
    QVERIFY(sent.isValid());
    QVERIFY(sent >= before);
    QVERIFY(sent <= QDateTime::currentDateTimeUtc());
}

QTEST_GUILESS_MAIN(tst_Http1ResponseWriter)
#include "tst_http1responsewriter.moc"
