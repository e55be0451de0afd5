#pragma once

#include "httpcore/Request.h"
#include "httpcore/ResponseWriter.h"

#include <QByteArray>

namespace httpcore
{

// ByteSink receives the bytes of a serialised response, in order. The server's sink appends them to the
// socket; tests collect them. Thread affinity: the writer's.
class ByteSink
{
public:
    virtual ~ByteSink() = default;
    virtual void sendBytes(QByteArray bytes) = 0;
};

// ResponseContext is what the writer must know of the request and the connection to frame a response.
struct ResponseContext
{
    HttpVersion version = HttpVersion::Http11;
    bool isHead = false;
    // keepAlive: false when the connection will close after this response whatever the handler does (the
    // client asked for it, keep-alive is off, the server is shutting down); the response then carries
    // "Connection: close".
    bool keepAlive = true;
    // bufferBeforeChunking: body bytes held back before the headers go out; a response finished within it
    // gets an exact Content-Length.
    qsizetype bufferBeforeChunking = 4096;
    // date: the Date value to send; empty means now (HttpDate::now()). Tests pin it.
    QByteArray date;
};

// Http1ResponseWriter serialises one HTTP/1.x response into a ByteSink, independent of sockets.
//
// Framing (RFC 9112 §6): a response finished before anything was flushed and within the buffer gets
// Content-Length; otherwise HTTP/1.1 uses chunked coding and HTTP/1.0 delimits by closing. A handler's own
// Content-Length is honoured (writes past it are refused; finishing short of it forces a close). HEAD
// answers carry the GET headers and no body; 1xx, 204 and 304 carry no body. Date is added unless the
// handler set one; Content-Type is sniffed from the first bytes when the handler set none and there is a
// body. Header values with CR or LF have them replaced by spaces (no response splitting); fields with
// invalid names are dropped. The head and as much body as possible leave in one sendBytes() call.
//
// Thread affinity: the connection's worker thread; not thread-safe.
class Http1ResponseWriter final : public ResponseWriter
{
public:
    Http1ResponseWriter(ByteSink &sink, const ResponseContext &context);
    Q_DISABLE_COPY_MOVE(Http1ResponseWriter)

    Header &header() override { return m_header; }
    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    void flush() override;
    void finish() override;

    bool isFinished() const override { return m_finished; }
    int status() const override { return m_status; }
    qint64 bodyBytesWritten() const override { return m_bodyWritten; }

    // mustClose is true when the connection has to close after this response: the context said so, the
    // handler set "Connection: close", the body is close-delimited, or it ended short of its declared
    // Content-Length.
    bool mustClose() const { return m_mustClose; }
    // isHeaderSent is true once the head reached the sink.
    bool isHeaderSent() const { return m_headerSent; }
    // bytesSent counts every byte given to the sink (informational heads included).
    qint64 bytesSent() const { return m_bytesSent; }
    // sentHeader returns the header as it went out, once isHeaderSent().
    const Header &sentHeader() const { return m_sentHeader; }

private:
    void declareLength();
    void sendHead(bool complete, QByteArrayView more);
    bool frameBody(bool complete);
    void addAutomaticFields(bool closeDelimited, QByteArrayView sniffable, bool complete);
    void sendInformational(int status);
    void sendBody(QByteArrayView data);
    void emitBytes(QByteArray bytes);

    ByteSink &m_sink;
    ResponseContext m_context;
    // m_header is the handler's live header; m_sentHeader is its snapshot taken by the final writeHeader(),
    // completed with the automatic fields when the head goes out.
    Header m_header;
    Header m_sentHeader;
    // m_buffer holds body bytes until the head goes out; empty afterwards (later writes go out at once).
    QByteArray m_buffer;
    int m_status = 0;
    // m_declaredLength is the handler's valid Content-Length in bytes, or -1.
    qint64 m_declaredLength = -1;
    qint64 m_bodyWritten = 0;
    qint64 m_bytesSent = 0;
    bool m_headerSent = false;
    bool m_chunked = false;
    bool m_bodyAllowed = true;
    bool m_finished = false;
    bool m_mustClose = false;
};

} // namespace httpcore
