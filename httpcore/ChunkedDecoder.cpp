#include "httpcore/ChunkedDecoder.h"

#include <array>
#include <cstring>
#include <limits>

namespace httpcore
{

namespace
{

// MaxSizeLineBytes bounds a chunk-size line with its extensions, CRLF included. RFC 9112 §7.1.1 sets no
// limit; 4 KiB is far beyond what clients send and stops a hostile extension from growing without bound.
constexpr qsizetype MaxSizeLineBytes = 4096;
// MaxSizeDigits: 16 hex digits hold 64 bits. More significant digits cannot be a valid size.
constexpr int MaxSizeDigits = 16;

// isFieldValue reports whether every byte of [p, end) is a field-value byte. It tests eight bytes at a time
// (SWAR: a word with no byte below 0x20 and none equal to 0x7f is all field-vchar, SP or obs-text) and looks
// closer only at words holding a CTL, which for valid input means an HTAB.
bool isFieldValue(const char *p, const char *end)
{
    constexpr quint64 Ones = 0x0101010101010101u;
    constexpr quint64 Highs = 0x8080808080808080u;
    for (; end - p >= 8; p += 8) {
        quint64 w;
        std::memcpy(&w, p, sizeof w);
        const quint64 belowSpace = (w - Ones * 0x20) & ~w & Highs;
        const quint64 del = w ^ (Ones * 0x7f);
        if ((belowSpace | ((del - Ones) & ~del & Highs)) == 0)
            continue;
        for (int i = 0; i < 8; ++i) {
            if (!isFieldValueChar(static_cast<unsigned char>(p[i])))
                return false;
        }
    }
    for (; p < end; ++p) {
        if (!isFieldValueChar(static_cast<unsigned char>(*p)))
            return false;
    }
    return true;
}

qsizetype skipOws(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isOws(s[i]))
        ++i;
    return i;
}

qsizetype skipToken(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isTokenChar(static_cast<unsigned char>(s[i])))
        ++i;
    return i;
}

// isQuotedChar reports whether c may appear in a quoted-string, escaped or not (RFC 9110 §5.6.4: HTAB, SP,
// VCHAR, obs-text). The caller handles DQUOTE and backslash.
inline bool isQuotedChar(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

// skipQuotedString returns the index after the quoted-string (RFC 9110 §5.6.4) that starts at s[i] (a
// DQUOTE), or -1 when it is malformed or unterminated.
qsizetype skipQuotedString(QByteArrayView s, qsizetype i)
{
    for (++i; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            if (++i == s.size() || !isQuotedChar(static_cast<unsigned char>(s[i])))
                return -1;
        } else if (!isQuotedChar(c)) {
            return -1;
        }
    }
    return -1;
}

// checkChunkExtensions validates ext against RFC 9112 §7.1.1:
//   chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
// Whitespace is accepted only where BWS stands, so trailing whitespace after the size or an extension is
// rejected (strict reading: lenient size parsing is a classic request-smuggling vector).
const char *checkChunkExtensions(QByteArrayView ext)
{
    const char *fault = "invalid chunk extension";
    qsizetype i = 0;
    while (i < ext.size()) {
        i = skipOws(ext, i);
        if (i == ext.size() || ext[i] != ';')
            return fault;
        i = skipOws(ext, i + 1);
        const qsizetype nameEnd = skipToken(ext, i);
        if (nameEnd == i)
            return fault;
        i = nameEnd;
        const qsizetype eq = skipOws(ext, nameEnd);
        if (eq == ext.size() || ext[eq] != '=')
            continue;
        i = skipOws(ext, eq + 1);
        if (i < ext.size() && ext[i] == '"') {
            i = skipQuotedString(ext, i);
            if (i < 0)
                return fault;
        } else {
            const qsizetype valueEnd = skipToken(ext, i);
            if (valueEnd == i)
                return fault;
            i = valueEnd;
        }
    }
    return nullptr;
}

// parseChunkSize parses chunk-size [ chunk-ext ] (RFC 9112 §7.1): 1*HEXDIG, leading zeros allowed, no sign,
// no "0x", no whitespace before it; a size that does not fit in qint64 is rejected.
const char *parseChunkSize(QByteArrayView line, qint64 &size)
{
    quint64 value = 0;
    int significant = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const int digit = hexValue(line[i]);
        if (digit < 0)
            break;
        if (significant > 0 || digit != 0)
            ++significant;
        if (significant > MaxSizeDigits)
            return "chunk size too large";
        value = (value << 4) | static_cast<unsigned>(digit);
    }
    if (i == 0)
        return "invalid chunk size";
    if (value > static_cast<quint64>(std::numeric_limits<qint64>::max()))
        return "chunk size too large";
    if (const char *fault = checkChunkExtensions(line.sliced(i)))
        return fault;
    size = static_cast<qint64>(value);
    return nullptr;
}

// contentOf returns line without its CRLF, or a null view when line (which ends in LF) has no CR before the
// LF: RFC 9112 §2.2 allows a recipient to accept a bare LF; we do not.
QByteArrayView contentOf(QByteArrayView line)
{
    if (line.size() < 2 || line[line.size() - 2] != '\r')
        return QByteArrayView();
    return line.first(line.size() - 2);
}

// nameFault names what is wrong with the field-name of line, which has no valid "token:" prefix.
const char *nameFault(QByteArrayView line)
{
    const qsizetype i = skipToken(line, 0);
    if (i < line.size() && isOws(line[i]))
        return "header field name contains whitespace before colon";
    if (i == line.size())
        return "header field line without colon";
    if (line[i] != ':')
        return "invalid character in header field name";
    return "empty header field name";
}

} // namespace

ChunkedDecoder::ChunkedDecoder(qsizetype maxTrailerBytes) : m_maxTrailerBytes(maxTrailerBytes) {}

ChunkedDecoder::Step ChunkedDecoder::decode(QByteArrayView input)
{
    Q_ASSERT(m_scanned <= input.size());
    qsizetype pos = 0;
    for (;;) {
        switch (m_state) {
        case State::Size:
        case State::Trailer: {
            const qsizetype lf = findLineEnd(input, pos);
            if (lf < 0) {
                // The limits apply to the pending line too, so a line that never ends cannot grow unbounded.
                if (m_state == State::Size && m_scanned > MaxSizeLineBytes)
                    return fail("chunk size line too long");
                if (m_state == State::Trailer && m_scanned > m_maxTrailerBytes - m_trailerBytes)
                    return fail("trailer section too large", 431);
                return Step{Event::NeedMore, pos, {}};
            }
            const QByteArrayView line = input.sliced(pos, lf + 1 - pos);
            pos = lf + 1;
            const bool ok = m_state == State::Size ? handleSizeLine(line) : handleTrailerLine(line);
            if (!ok)
                return Step{Event::Error, 0, {}};
            if (m_state == State::Done)
                return Step{Event::Done, pos, {}};
            break;
        }
        case State::Data: {
            if (pos == input.size())
                return Step{Event::NeedMore, pos, {}};
            const qsizetype n = static_cast<qsizetype>(qMin<qint64>(m_chunkRemaining, input.size() - pos));
            m_chunkRemaining -= n;
            if (m_chunkRemaining == 0)
                m_state = State::DataCrlf;
            return Step{Event::Data, pos + n, input.sliced(pos, n)};
        }
        case State::DataCrlf: {
            // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF. Fail on the first wrong
            // byte rather than waiting for two.
            const qsizetype available = input.size() - pos;
            if ((available >= 1 && input[pos] != '\r') || (available >= 2 && input[pos + 1] != '\n'))
                return fail("chunk data not followed by CRLF");
            if (available < 2)
                return Step{Event::NeedMore, pos, {}};
            pos += 2;
            m_state = State::Size;
            break;
        }
        case State::Done:
            return Step{Event::Done, 0, {}};
        case State::Failed:
            return Step{Event::Error, 0, {}};
        }
    }
}

void ChunkedDecoder::reset()
{
    m_state = State::Size;
    m_chunkRemaining = 0;
    m_scanned = 0;
    m_trailerBytes = 0;
    m_trailer.clear();
    m_error = HttpError();
}

ChunkedDecoder::FieldLine ChunkedDecoder::splitFieldLine(QByteArrayView line)
{
    FieldLine field;
    const char *p = line.data();
    const qsizetype n = line.size();
    // RFC 9112 §5.2: obs-fold (a line starting with SP or HTAB) is rejected. This also rejects whitespace
    // between the start-line and the first field (RFC 9112 §2.2).
    if (n > 0 && isOws(p[0])) {
        field.fault = "obsolete line folding in header";
        return field;
    }
    // RFC 9112 §5.1: field-name is a token immediately followed by the colon; whitespace before the colon
    // must be rejected with 400.
    qsizetype nameSize = 0;
    while (nameSize < n && isTokenChar(static_cast<unsigned char>(p[nameSize])))
        ++nameSize;
    if (nameSize == 0 || nameSize == n || p[nameSize] != ':') {
        field.fault = nameFault(line);
        return field;
    }
    field.name = QByteArrayView(p, nameSize);
    // RFC 9112 §5: field-line = field-name ":" OWS field-value OWS.
    qsizetype begin = nameSize + 1;
    qsizetype end = n;
    while (begin < end && isOws(p[begin]))
        ++begin;
    while (end > begin && isOws(p[end - 1]))
        --end;
    // RFC 9110 §5.5: a field value holding CR, LF, NUL or another CTL must be rejected.
    if (!isFieldValue(p + begin, p + end)) {
        field.fault = "invalid character in header field value";
        return field;
    }
    field.value = QByteArrayView(p + begin, end - begin);
    return field;
}

ChunkedDecoder::Step ChunkedDecoder::fail(const char *reason, int status)
{
    setError(reason, status);
    return Step{Event::Error, 0, {}};
}

bool ChunkedDecoder::setError(const char *reason, int status)
{
    m_state = State::Failed;
    m_error = HttpError{status, QByteArray(reason)};
    return false;
}

qsizetype ChunkedDecoder::findLineEnd(QByteArrayView input, qsizetype pos)
{
    // Each byte is searched once however the input is split: m_scanned remembers the searched prefix.
    const qsizetype from = pos + m_scanned;
    const void *lf = from < input.size() ? std::memchr(input.data() + from, '\n', input.size() - from) : nullptr;
    if (!lf) {
        m_scanned = input.size() - pos;
        return -1;
    }
    m_scanned = 0;
    return static_cast<const char *>(lf) - input.data();
}

bool ChunkedDecoder::handleSizeLine(QByteArrayView line)
{
    if (line.size() > MaxSizeLineBytes)
        return setError("chunk size line too long");
    const QByteArrayView content = contentOf(line);
    if (content.isNull())
        return setError("bare LF in chunked body");
    qint64 size = 0;
    if (const char *fault = parseChunkSize(content, size))
        return setError(fault);
    // RFC 9112 §7.1: the last chunk has size 0 and is followed by the trailer section.
    m_chunkRemaining = size;
    m_state = size == 0 ? State::Trailer : State::Data;
    return true;
}

bool ChunkedDecoder::handleTrailerLine(QByteArrayView line)
{
    m_trailerBytes += line.size();
    if (m_trailerBytes > m_maxTrailerBytes)
        return setError("trailer section too large", 431);
    const QByteArrayView content = contentOf(line);
    if (content.isNull())
        return setError("bare LF in chunked body");
    if (content.isEmpty()) {
        m_state = State::Done;
        return true;
    }
    // RFC 9112 §7.1.2: trailer fields use the field-line syntax of the header section.
    const FieldLine field = splitFieldLine(content);
    if (field.fault)
        return setError(field.fault);
    m_trailer.add(field.name, field.value);
    return true;
}

} // namespace httpcore
