#include "httpcore/Http1ResponseWriter.h"

#include "httpcore/ContentSniffer.h"
#include "httpcore/HttpDate.h"
#include "httpcore/StatusText.h"

#include <QLoggingCategory>

#include <charconv>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

Q_LOGGING_CATEGORY(lcResponse, "switchboard.http.response")

// WHATWG MIME Sniffing §5.2: the sniffer looks at no more than this many bytes.
constexpr qsizetype SniffLength = 512;
// A chunk's size line (at most 16 hex digits and CRLF) and the CRLF after its data (RFC 9112 §7.1).
constexpr qsizetype ChunkOverhead = 16 + 2 + 2;
// Room for the fields the writer may add: Date, Content-Length, Content-Type, Connection, Transfer-Encoding.
constexpr qsizetype AutomaticFieldsSize = 192;

// NumberText is an integer rendered into a stack buffer, so framing numbers cost no allocation.
struct NumberText
{
    char digits[24];
    qsizetype size;

    QByteArrayView view() const { return QByteArrayView(digits, size); }
};

NumberText toText(qint64 value, int base)
{
    NumberText text{};
    const std::to_chars_result result = std::to_chars(text.digits, text.digits + sizeof(text.digits), value, base);
    text.size = result.ptr - text.digits;
    return text;
}

// parseContentLength reads RFC 9110 §8.6 Content-Length = 1*DIGIT, without overflow; -1 if invalid.
qint64 parseContentLength(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool hasNewlineOrNul(QByteArrayView value)
{
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

// fieldsHaveToken reports whether any field called name lists token (RFC 9110 §5.6.1), without building a list.
bool fieldsHaveToken(const Header &header, QByteArrayView name, QByteArrayView token)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field field = header.field(i);
        if (equalsIgnoringCase(field.name, name) && hasToken(field.value, token))
            return true;
    }
    return false;
}

// sanitised returns header without fields whose names are not tokens and with CR, LF and NUL in values
// replaced by spaces, so no handler value can start a new field or response (Go's headerNewlineToSpace;
// RFC 9110 §5.5 forbids them). A clean header, the usual case, comes back as a copy sharing its bytes.
Header sanitised(const Header &header)
{
    bool clean = true;
    for (qsizetype i = 0; i < header.size() && clean; ++i) {
        const Header::Field field = header.field(i);
        clean = Header::isValidName(field.name) && !hasNewlineOrNul(field.value);
    }
    if (clean)
        return header;
    Header result;
    result.reserve(header.byteSize());
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field field = header.field(i);
        if (!Header::isValidName(field.name)) {
            qCWarning(lcResponse) << "dropping response header field with invalid name" << field.name.toByteArray();
            continue;
        }
        if (!hasNewlineOrNul(field.value)) {
            result.add(field.name, field.value);
            continue;
        }
        qCWarning(lcResponse) << "replacing CR, LF or NUL in response header field" << field.name.toByteArray();
        QByteArray value = field.value.toByteArray();
        value.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
        result.add(field.name, value);
    }
    return result;
}

qsizetype statusLineSize(const QByteArray &reason)
{
    // "HTTP/1.1 " code SP reason CRLF; an unknown code reads "status code NNN".
    return 9 + 3 + 1 + (reason.isEmpty() ? 15 : reason.size()) + 2;
}

// appendStatusLine writes RFC 9112 §4 status-line. RFC 9110 §6.2: a server sends the highest minor version
// it conforms to, so the answer to an HTTP/1.0 request says HTTP/1.1 too, as Go's does.
void appendStatusLine(QByteArray &out, int status, const QByteArray &reason)
{
    out.append("HTTP/1.1 ");
    out.append(toText(status, 10).view());
    out.append(' ');
    if (reason.isEmpty()) {
        out.append("status code ");
        out.append(toText(status, 10).view());
    } else {
        out.append(reason);
    }
    out.append("\r\n");
}

qsizetype fieldsSize(const Header &header)
{
    qsizetype size = 2; // the empty line
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field field = header.field(i);
        size += field.name.size() + 2 + field.value.size() + 2;
    }
    return size;
}

// appendFields writes the field lines and the empty line that ends the head (RFC 9112 §5).
void appendFields(QByteArray &out, const Header &header)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field field = header.field(i);
        out.append(field.name);
        out.append(": ");
        out.append(field.value);
        out.append("\r\n");
    }
    out.append("\r\n");
}

// appendChunkSize starts an RFC 9112 §7.1 chunk: chunk-size in hex, CRLF. The caller appends the data and
// the closing CRLF.
void appendChunkSize(QByteArray &out, qint64 size)
{
    out.append(toText(size, 16).view());
    out.append("\r\n");
}

} // namespace

Http1ResponseWriter::Http1ResponseWriter(ByteSink &sink, const ResponseContext &context)
    : m_sink(sink), m_context(context)
{}

void Http1ResponseWriter::writeHeader(int status)
{
    if (m_finished) {
        qCWarning(lcResponse).nospace() << "writeHeader(" << status << ") after finish() ignored";
        return;
    }
    if (m_status != 0) {
        qCWarning(lcResponse).nospace() << "superfluous writeHeader(" << status << "): status " << m_status
                                        << " already written";
        return;
    }
    // RFC 9110 §15: a status code is three digits. Go panics here; a mock server answers 500 instead.
    if (status < 100 || status > 999) {
        qCWarning(lcResponse).nospace() << "invalid status code " << status << ", sending 500";
        status = 500;
    }
    // 101 ends the HTTP exchange on this connection, so it is a final status, not an interim one.
    if (status < 200 && status != 101) {
        sendInformational(status);
        return;
    }
    m_status = status;
    m_bodyAllowed = bodyAllowedForStatus(status);
    // As Go's WriteHeader: the header is frozen now; later changes to header() do not reach the wire. The copy
    // shares the handler's bytes until one side changes.
    m_sentHeader = m_header;
    declareLength();
}

qint64 Http1ResponseWriter::write(QByteArrayView data)
{
    if (m_finished)
        return -1;
    if (m_status == 0)
        writeHeader(200);
    if (data.isEmpty())
        return 0;
    // Go's ErrBodyNotAllowed (RFC 9110 §15.2, §15.3.5, §15.4.5).
    if (!m_bodyAllowed)
        return -1;
    // Go's ErrContentLength: the declared length is a promise the framing depends on (RFC 9112 §6.3).
    if (m_declaredLength >= 0 && data.size() > m_declaredLength - m_bodyWritten)
        return -1;
    m_bodyWritten += data.size();
    if (m_headerSent) {
        // RFC 9110 §9.3.2: a HEAD answer has no content; the bytes only count.
        if (!m_context.isHead)
            sendBody(data);
    } else if (m_buffer.size() + data.size() <= m_context.bufferBeforeChunking) {
        m_buffer.append(data);
    } else {
        sendHead(false, data);
    }
    return data.size();
}

void Http1ResponseWriter::flush()
{
    if (m_finished)
        return;
    if (m_status == 0)
        writeHeader(200);
    // Once the head is out m_buffer stays empty, so there is nothing else to push.
    if (!m_headerSent)
        sendHead(false, {});
}

void Http1ResponseWriter::finish()
{
    if (m_finished)
        return;
    if (m_status == 0)
        writeHeader(200);
    if (!m_headerSent)
        sendHead(true, {});
    else if (m_chunked)
        emitBytes("0\r\n\r\n"_ba); // RFC 9112 §7.1: last-chunk and the empty trailer section.
    m_finished = true;
    // RFC 9112 §6.3 rule 5 lets the client detect the short body only if the connection closes.
    if (m_declaredLength >= 0 && m_bodyAllowed && !m_context.isHead && m_bodyWritten < m_declaredLength) {
        qCWarning(lcResponse) << "handler wrote" << m_bodyWritten << "of" << m_declaredLength
                              << "declared body bytes; closing the connection";
        m_mustClose = true;
    }
}

// declareLength adopts a valid handler-set Content-Length from the frozen header and drops an invalid one.
void Http1ResponseWriter::declareLength()
{
    const QByteArrayView first = m_sentHeader.value("Content-Length");
    if (first.isNull())
        return;
    qint64 length = parseContentLength(first);
    const qsizetype count = m_sentHeader.count("Content-Length");
    if (count > 1) {
        // RFC 9110 §8.6: repeated identical values may be collapsed to one; differing ones are invalid.
        for (QByteArrayView other : m_sentHeader.values("Content-Length")) {
            if (other != first)
                length = -1;
        }
    }
    if (length < 0) {
        qCWarning(lcResponse) << "dropping invalid response Content-Length" << first.toByteArray();
        m_sentHeader.remove("Content-Length");
        return;
    }
    if (count > 1)
        m_sentHeader.set("Content-Length", first);
    m_declaredLength = length;
}

// sendHead completes the frozen header, then sends the head with the buffered body and more (the write that
// overflowed the buffer) in one sendBytes() call. complete: the handler is done, so the body is all here.
void Http1ResponseWriter::sendHead(bool complete, QByteArrayView more)
{
    Q_ASSERT(m_status != 0 && !m_headerSent);
    // The first bytes of the body decide its type; they may straddle the buffer and the overflowing write.
    QByteArray joined;
    QByteArrayView sniffable = m_buffer;
    if (complete || more.isEmpty()) {
        // The buffer is all there is (and, when complete, the whole body).
    } else if (m_buffer.isEmpty()) {
        sniffable = more;
    } else if (m_buffer.size() < SniffLength) {
        joined.reserve(SniffLength);
        joined.append(m_buffer);
        joined.append(more.first(qMin(more.size(), SniffLength - m_buffer.size())));
        sniffable = joined;
    }
    m_sentHeader = sanitised(m_sentHeader);
    m_sentHeader.reserve(m_sentHeader.byteSize() + AutomaticFieldsSize);
    const bool closeDelimited = frameBody(complete);
    addAutomaticFields(closeDelimited, sniffable, complete);

    const QByteArray reason = statusText(m_status);
    const qsizetype bodySize = (m_bodyAllowed && !m_context.isHead) ? m_buffer.size() + more.size() : 0;
    QByteArray out;
    out.reserve(statusLineSize(reason) + fieldsSize(m_sentHeader) + bodySize + (m_chunked ? ChunkOverhead : 0));
    appendStatusLine(out, m_status, reason);
    appendFields(out, m_sentHeader);
    if (bodySize > 0) {
        if (m_chunked)
            appendChunkSize(out, bodySize);
        out.append(m_buffer);
        out.append(more);
        if (m_chunked)
            out.append("\r\n");
    }
    m_buffer.clear();
    m_headerSent = true;
    emitBytes(std::move(out));
}

// frameBody decides how the body is delimited (RFC 9112 §6.3) and fixes the framing fields of m_sentHeader.
// It returns true when the body ends by closing the connection.
bool Http1ResponseWriter::frameBody(bool complete)
{
    // The writer alone chooses the transfer coding; a handler's Transfer-Encoding would lie about the bytes.
    if (m_sentHeader.remove("Transfer-Encoding") > 0)
        qCWarning(lcResponse) << "dropping handler-set Transfer-Encoding; the writer frames the body";
    if (!m_bodyAllowed) {
        // RFC 9110 §8.6: no Content-Length in a 1xx or 204 response. A 304 may carry the length a 200 would
        // have had (RFC 9110 §15.4.5), so a handler's value stays, but none is invented.
        if (m_status != 304)
            m_sentHeader.remove("Content-Length");
        return false;
    }
    if (m_declaredLength >= 0)
        return false;
    if (complete) {
        // Everything fit in the buffer: an exact length keeps the connection reusable, even for HTTP/1.0.
        // For HEAD, zero written bytes may mean the handler skipped the body, so no length is claimed (Go).
        if (!m_context.isHead || m_bodyWritten > 0)
            m_sentHeader.add("Content-Length", toText(m_bodyWritten, 10).view());
        return false;
    }
    // RFC 9110 §9.3.2: a HEAD answer sends no content, so it needs no delimiting.
    if (m_context.isHead)
        return false;
    // RFC 9112 §7: chunked for HTTP/1.1; an HTTP/1.0 recipient does not know it (§6.1), so the body runs
    // until the connection closes (§6.3 rule 8).
    if (m_context.version == HttpVersion::Http11) {
        m_chunked = true;
        return false;
    }
    return true;
}

void Http1ResponseWriter::addAutomaticFields(bool closeDelimited, QByteArrayView sniffable, bool complete)
{
    Header &header = m_sentHeader;
    // RFC 9110 §8.3: a sender of content should say its type. Go does not sniff encoded content (golang/go#31753):
    // the bytes describe the encoding, not the type.
    if (m_bodyAllowed && !sniffable.isEmpty() && !header.contains("Content-Type") &&
        header.value("Content-Encoding").isEmpty())
        header.add("Content-Type", detectContentType(sniffable, complete));
    // RFC 9110 §6.6.1: an origin server with a clock must send Date.
    if (!header.contains("Date"))
        header.add("Date", m_context.date.isEmpty() ? HttpDate::now() : m_context.date);

    // RFC 9112 §9.6: the server says "close" in the response that ends the connection. A 101 that switches
    // protocols keeps its own Connection field (Go, golang/go#36381).
    const bool handlerClose = fieldsHaveToken(header, "Connection", "close");
    if (!m_context.keepAlive || handlerClose || closeDelimited) {
        m_mustClose = true;
        const bool switching = m_status == 101 && header.contains("Upgrade");
        if (!handlerClose && !switching)
            header.add("Connection", "close");
    } else if (m_context.version == HttpVersion::Http10 && !fieldsHaveToken(header, "Connection", "keep-alive")) {
        // RFC 9112 §9.3 and Appendix C.2.2: an HTTP/1.0 client keeps the connection only when told so.
        header.add("Connection", "keep-alive");
    }
    if (m_chunked)
        header.add("Transfer-Encoding", "chunked");
}

void Http1ResponseWriter::sendInformational(int status)
{
    // RFC 9110 §15.2: a server must not send a 1xx response to an HTTP/1.0 client.
    if (m_context.version == HttpVersion::Http10) {
        qCWarning(lcResponse) << "not sending informational status" << status << "to an HTTP/1.0 client";
        return;
    }
    // RFC 8297 §2: the fields go out now and stay for the final response. A 1xx has no content to frame, so
    // the framing fields stay behind (Go's excludedHeadersNoBody).
    Header fields = sanitised(m_header);
    fields.remove("Content-Length");
    fields.remove("Transfer-Encoding");
    const QByteArray reason = statusText(status);
    QByteArray out;
    out.reserve(statusLineSize(reason) + fieldsSize(fields));
    appendStatusLine(out, status, reason);
    appendFields(out, fields);
    emitBytes(std::move(out));
}

void Http1ResponseWriter::sendBody(QByteArrayView data)
{
    if (!m_chunked) {
        emitBytes(data.toByteArray());
        return;
    }
    QByteArray out;
    out.reserve(data.size() + ChunkOverhead);
    appendChunkSize(out, data.size());
    out.append(data);
    out.append("\r\n");
    emitBytes(std::move(out));
}

void Http1ResponseWriter::emitBytes(QByteArray bytes)
{
    m_bytesSent += bytes.size();
    m_sink.sendBytes(std::move(bytes));
}

} // namespace httpcore
