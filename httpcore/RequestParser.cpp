#include "httpcore/RequestParser.h"

#include <array>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

// The header buffer is reserved once per request, sized from the input that follows the request line
// (usually the whole head has arrived), within these bounds.
constexpr qsizetype HeaderReserveMin = 512;
constexpr qsizetype HeaderReserveMax = 8192;

// RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ); '%' is checked apart.
constexpr std::array<bool, 256> makeRegNameTable()
{
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (char c : {'-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '='})
        table[static_cast<unsigned char>(c)] = true;
    return table;
}

constexpr std::array<bool, 256> RegNameTable = makeRegNameTable();

inline bool isRegNameChar(char c)
{
    return RegNameTable[static_cast<unsigned char>(c)];
}

// isName reports whether the token name equals lower, a lower-case name of letters and '-'. For token
// bytes, c | 0x20 maps 'A'-'Z' to 'a'-'z' and can equal a letter or '-' only when c is that letter (either
// case) or '-', so this is an exact case-insensitive comparison, without a call per byte.
inline bool isName(QByteArrayView name, QByteArrayView lower)
{
    if (name.size() != lower.size())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if ((name[i] | 0x20) != lower[i])
            return false;
    }
    return true;
}

// findLf returns the index of the first '\n' in input at or after from, or -1.
qsizetype findLf(QByteArrayView input, qsizetype from)
{
    if (from >= input.size())
        return -1;
    const void *lf = std::memchr(input.data() + from, '\n', input.size() - from);
    return lf ? static_cast<const char *>(lf) - input.data() : -1;
}

// methodBytes returns the common methods as static literals (no allocation), anything else as a copy.
QByteArray methodBytes(QByteArrayView method)
{
    static const QByteArray known[] = {"GET"_ba,  "POST"_ba,    "PUT"_ba,   "DELETE"_ba,
                                       "HEAD"_ba, "OPTIONS"_ba, "PATCH"_ba, "CONNECT"_ba};
    for (const QByteArray &name : known) {
        if (name == method)
            return name;
    }
    return method.toByteArray();
}

// parseContentLength parses Content-Length = 1*DIGIT (RFC 9110 §8.6): no sign, no inner whitespace, no
// list. Values up to INT64_MAX are accepted (maxBodyBytes is what bounds them in practice); beyond is 400.
bool parseContentLength(QByteArrayView value, qint64 &length)
{
    if (value.isEmpty())
        return false;
    qint64 n = 0;
    for (char c : value) {
        if (!isDigit(c))
            return false;
        const int digit = c - '0';
        if (n > (std::numeric_limits<qint64>::max() - digit) / 10)
            return false;
        n = n * 10 + digit;
    }
    length = n;
    return true;
}

// isValidHost checks Host = uri-host [ ":" port ] (RFC 9110 §7.2, RFC 3986 §3.2.2). An empty value is
// allowed (RFC 9110 §7.2, for targets without authority); a non-empty one needs a non-empty host. IP-literals
// are checked for their character set only. The port is at most 5 digits, as in Url.
bool isValidHost(QByteArrayView host)
{
    if (host.isEmpty())
        return true;
    qsizetype i = 0;
    if (host[0] == '[') {
        const qsizetype close = host.indexOf(']');
        if (close < 2)
            return false;
        for (i = 1; i < close; ++i) {
            if (!isRegNameChar(host[i]) && host[i] != ':')
                return false;
        }
        ++i;
    } else {
        for (; i < host.size() && host[i] != ':'; ++i) {
            if (host[i] == '%') {
                if (i + 2 >= host.size() || !isHexDigit(host[i + 1]) || !isHexDigit(host[i + 2]))
                    return false;
                i += 2;
            } else if (!isRegNameChar(host[i])) {
                return false;
            }
        }
        if (i == 0)
            return false;
    }
    if (i == host.size())
        return true;
    if (host[i] != ':' || host.size() - i - 1 > 5)
        return false;
    for (++i; i < host.size(); ++i) {
        if (!isDigit(host[i]))
            return false;
    }
    return true;
}

// isSupportedCoding reports whether name is a transfer coding we know (RFC 9112 §7, IANA registry). Only
// chunked is decoded; the others are known so that they are answered 501 rather than 400.
bool isKnownCoding(QByteArrayView name)
{
    for (const char *known : {"chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress"}) {
        if (equalsIgnoringCase(name, known))
            return true;
    }
    return false;
}

} // namespace

RequestParser::RequestParser(const ParserLimits &limits) : m_limits(limits), m_chunked(limits.maxHeaderBytes) {}

RequestParser::Step RequestParser::parse(QByteArrayView input)
{
    switch (m_phase) {
    case Phase::Head:
        return parseHead(input);
    case Phase::Body:
        return parseBody(input);
    case Phase::Done:
        return Step{Event::MessageComplete, 0, {}};
    case Phase::Failed:
        return Step{Event::Error, 0, {}};
    }
    Q_UNREACHABLE();
}

void RequestParser::reset()
{
    m_request = Request();
    m_chunked.reset();
    m_error = HttpError();
    m_phase = Phase::Head;
    m_scanned = 0;
    m_headBytes = 0;
    m_sawRequestLine = false;
    m_started = false;
    m_bodyRead = 0;
    m_bodyRemaining = 0;
    m_leadingBytes = 0;
    m_framing = BodyFraming::None;
    m_overBodyLimit = false;
    m_fields = HeadFields();
}

RequestParser::Step RequestParser::parseHead(QByteArrayView input)
{
    Q_ASSERT(m_scanned <= input.size());
    qsizetype pos = 0;
    for (;;) {
        // Each byte is searched for LF once, however the input is split: m_scanned remembers how much of
        // the pending line was searched by earlier calls.
        const qsizetype lf = findLf(input, pos + m_scanned);
        if (lf < 0) {
            const QByteArrayView pending = input.sliced(pos);
            m_scanned = pending.size();
            // A pending request line counts as started unless it may still be an empty line ("\r").
            if (!m_sawRequestLine && !pending.isEmpty() && pending != "\r")
                m_started = true;
            const bool endsInCr = !pending.isEmpty() && pending.back() == '\r';
            if (!checkLimits(pending, pending.size() - (endsInCr ? 1 : 0)))
                return Step{Event::Error, 0, {}};
            return Step{Event::NeedMore, pos, {}};
        }
        m_scanned = 0;
        const QByteArrayView line = input.sliced(pos, lf + 1 - pos);
        pos = lf + 1;
        // RFC 9112 §2.2: lines end in CRLF. A bare LF may be accepted by the RFC; we reject it, and a bare
        // CR elsewhere fails the character checks of the line's grammar.
        const bool crlf = line.size() >= 2 && line[line.size() - 2] == '\r';
        if (!checkLimits(line, line.size() - (crlf ? 2 : 1)))
            return Step{Event::Error, 0, {}};
        m_headBytes += line.size();
        if (!crlf)
            return fail(400, "bare LF in request head");
        const QByteArrayView content = line.first(line.size() - 2);
        if (!m_sawRequestLine) {
            // RFC 9112 §2.2: a server should ignore at least one empty line before the request line.
            if (content.isEmpty()) {
                m_leadingBytes += line.size();
                continue;
            }
            m_started = true;
            m_sawRequestLine = true;
            if (!parseRequestLine(content, input.size() - pos))
                return Step{Event::Error, 0, {}};
        } else if (content.isEmpty()) {
            if (!finishHead())
                return Step{Event::Error, 0, {}};
            m_phase = Phase::Body;
            return Step{Event::HeadComplete, pos, {}};
        } else if (!parseFieldLine(content)) {
            return Step{Event::Error, 0, {}};
        }
    }
}

RequestParser::Step RequestParser::parseBody(QByteArrayView input)
{
    switch (m_framing) {
    case BodyFraming::None:
        m_phase = Phase::Done;
        return Step{Event::MessageComplete, 0, {}};
    case BodyFraming::ContentLength: {
        if (m_bodyRemaining == 0) {
            m_phase = Phase::Done;
            return Step{Event::MessageComplete, 0, {}};
        }
        if (input.isEmpty())
            return Step{Event::NeedMore, 0, {}};
        const auto n = static_cast<qsizetype>(qMin<qint64>(m_bodyRemaining, input.size()));
        m_bodyRemaining -= n;
        m_bodyRead += n;
        return Step{Event::Body, n, input.first(n)};
    }
    case BodyFraming::Chunked:
        return parseChunked(input);
    }
    Q_UNREACHABLE();
}

RequestParser::Step RequestParser::parseChunked(QByteArrayView input)
{
    if (m_overBodyLimit)
        return fail(413, "request body too large");
    const ChunkedDecoder::Step step = m_chunked.decode(input);
    switch (step.event) {
    case ChunkedDecoder::Event::NeedMore:
        return Step{Event::NeedMore, step.consumed, {}};
    case ChunkedDecoder::Event::Data: {
        // The body may grow up to the limit and fails at the first byte past it. Bytes up to the limit are
        // delivered first, so that what the caller sees does not depend on how the input is split.
        const qint64 allowed = m_limits.maxBodyBytes < 0 ? step.data.size() : m_limits.maxBodyBytes - m_bodyRead;
        if (allowed <= 0)
            return fail(413, "request body too large");
        if (step.data.size() > allowed) {
            // The decoder has taken the whole view; the parser fails on the next call, so its state no longer
            // matters and the bytes past the limit are reported as not consumed.
            m_overBodyLimit = true;
            m_bodyRead += allowed;
            const auto excess = static_cast<qsizetype>(step.data.size() - allowed);
            return Step{Event::Body, step.consumed - excess, step.data.first(static_cast<qsizetype>(allowed))};
        }
        m_bodyRead += step.data.size();
        return Step{Event::Body, step.consumed, step.data};
    }
    case ChunkedDecoder::Event::Done:
        m_phase = Phase::Done;
        return Step{Event::MessageComplete, step.consumed, {}};
    case ChunkedDecoder::Event::Error:
        setError(m_chunked.error());
        return Step{Event::Error, 0, {}};
    }
    Q_UNREACHABLE();
}

RequestParser::Step RequestParser::fail(int status, const char *reason, qsizetype consumed)
{
    setError(status, reason);
    return Step{Event::Error, consumed, {}};
}

bool RequestParser::setError(HttpError error)
{
    m_phase = Phase::Failed;
    m_error = std::move(error);
    return false;
}

bool RequestParser::setError(int status, const char *reason)
{
    return setError(HttpError{status, QByteArray(reason)});
}

bool RequestParser::checkLimits(QByteArrayView line, qsizetype contentBytes)
{
    // Each limit triggers at the byte that crosses it, as if the bytes arrived one at a time, so that the
    // outcome does not depend on how the input is split; when a line crosses both, the earlier crossing wins
    // (414 on a tie). A CR is known to be content only once the byte after it is not LF, hence the +2.
    const qsizetype headRoom = m_limits.maxHeaderBytes - m_headBytes;
    const qsizetype maxLine = qMax<qsizetype>(0, m_limits.maxRequestLineBytes);
    const qsizetype at431 = line.size() > headRoom ? headRoom + 1 : 0;
    qsizetype at414 = 0;
    if (!m_sawRequestLine && contentBytes > maxLine)
        at414 = line[maxLine] == '\r' ? maxLine + 2 : maxLine + 1;
    if (at414 > 0 && (at431 == 0 || at414 <= at431))
        return setError(414, "request line too long");
    if (at431 > 0)
        return setError(431, "request header section too large");
    return true;
}

bool RequestParser::parseRequestLine(QByteArrayView line, qsizetype bytesAfter)
{
    // RFC 9112 §3: request-line = method SP request-target SP HTTP-version, single SPs, no other whitespace.
    const char *p = line.data();
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n && isTokenChar(static_cast<unsigned char>(p[i])))
        ++i;
    if (i == 0 || i == n || p[i] != ' ')
        return setError(400, "malformed request line");
    const QByteArrayView method(p, i);
    const qsizetype targetBegin = ++i;
    // RFC 9112 §3.2: the request-target is visible ASCII; Url checks its finer grammar.
    while (i < n && static_cast<unsigned char>(p[i]) - 0x21u <= 0x7eu - 0x21u)
        ++i;
    if (i == targetBegin || i == n || p[i] != ' ')
        return setError(400, "malformed request line");
    const QByteArrayView target(p + targetBegin, i - targetBegin);
    // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive.
    const QByteArrayView version = line.sliced(i + 1);
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version[5]) || version[6] != '.' ||
        !isDigit(version[7]))
        return setError(400, "malformed HTTP version");
    if (version[5] != '1') {
        // RFC 9113 §3.4: the HTTP/2 connection preface starts with "PRI * HTTP/2.0".
        if (method == "PRI" && target == "*" && version == "HTTP/2.0")
            return setError(505, "HTTP/2 connection preface received; this server speaks HTTP/1.1 only");
        return setError(505, "HTTP version not supported");
    }
    // RFC 9110 §6.2: a 1.x request with x > 1 is handled as the highest 1.x we implement.
    m_request.version = version[7] == '0' ? HttpVersion::Http10 : HttpVersion::Http11;
    m_request.method = methodBytes(method);
    Expected<Url, HttpError> url = Url::parseRequestTarget(target, method);
    if (!url)
        return setError(url.error());
    m_request.url = std::move(url).value();
    // An origin-form target without a query is exactly the raw path: share its bytes instead of copying.
    const QByteArray &rawPath = m_request.url.rawPath();
    m_request.target = (!m_request.url.hasQuery() && rawPath.size() == target.size() && rawPath == target)
                           ? rawPath
                           : target.toByteArray();
    m_request.header.reserve(qBound(HeaderReserveMin, bytesAfter, HeaderReserveMax));
    return true;
}

bool RequestParser::parseFieldLine(QByteArrayView line)
{
    const ChunkedDecoder::FieldLine field = ChunkedDecoder::splitFieldLine(line);
    if (field.fault)
        return setError(400, field.fault);
    if (!noteField(field.name, field.value))
        return false;
    m_request.header.add(field.name, field.value);
    return true;
}

bool RequestParser::noteField(QByteArrayView name, QByteArrayView value)
{
    // Fields are classified by length first: most names match none of these and cost one switch.
    const qsizetype index = m_request.header.size();
    switch (name.size()) {
    case 4:
        if (isName(name, "host")) {
            ++m_fields.hostCount;
            m_fields.hostIndex = index;
        }
        break;
    case 6:
        if (isName(name, "expect")) {
            if (equalsIgnoringCase(value, "100-continue"))
                m_fields.expectContinue = true;
            else if (!value.isEmpty())
                m_fields.unsupportedExpectation = true;
        }
        break;
    case 10:
        if (isName(name, "connection")) {
            m_fields.connectionClose = m_fields.connectionClose || hasToken(value, "close");
            m_fields.connectionKeepAlive = m_fields.connectionKeepAlive || hasToken(value, "keep-alive");
        }
        break;
    case 14:
        if (isName(name, "content-length")) {
            qint64 length = 0;
            if (!parseContentLength(value, length))
                return setError(400, "invalid Content-Length");
            // RFC 9110 §8.6 / Go: repeated Content-Length lines must agree exactly.
            if (m_fields.contentLengthIndex >= 0) {
                if (m_request.header.field(m_fields.contentLengthIndex).value != value)
                    return setError(400, "conflicting Content-Length values");
            } else {
                m_fields.contentLengthIndex = index;
                m_fields.contentLength = length;
            }
        }
        break;
    case 17:
        if (isName(name, "transfer-encoding"))
            ++m_fields.transferEncodingCount;
        break;
    default:
        break;
    }
    return true;
}

bool RequestParser::finishHead()
{
    m_request.headBytes = m_headBytes - m_leadingBytes;
    if (!checkHost() || !checkFraming())
        return false;
    const bool http11 = m_request.version == HttpVersion::Http11;
    // RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 persists only with "keep-alive" (and without "close").
    m_request.wantsClose =
        http11 ? m_fields.connectionClose : m_fields.connectionClose || !m_fields.connectionKeepAlive;
    // RFC 9110 §10.1.1: a server must ignore a 100-continue expectation in an HTTP/1.0 request.
    m_request.expectContinue = http11 && m_fields.expectContinue;
    m_request.unsupportedExpectation = m_fields.unsupportedExpectation;
    return true;
}

bool RequestParser::checkHost()
{
    // RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, for any request with more than one Host
    // field line, and for a Host with an invalid value.
    if (m_fields.hostCount > 1)
        return setError(400, "multiple Host headers");
    QByteArrayView host;
    if (m_fields.hostCount == 0) {
        if (m_request.version == HttpVersion::Http11)
            return setError(400, "missing Host header");
    } else {
        host = m_request.header.field(m_fields.hostIndex).value;
        if (!isValidHost(host))
            return setError(400, "invalid Host header");
    }
    // RFC 9112 §3.2.2: the authority of an absolute-form target overrides Host (and CONNECT's
    // authority-form names the host as well, §3.2.3).
    const Url::TargetForm form = m_request.url.form();
    if (form == Url::TargetForm::Absolute || form == Url::TargetForm::Authority)
        m_request.host = m_request.url.authority();
    else
        m_request.host = host.toByteArray();
    return true;
}

bool RequestParser::checkFraming()
{
    const bool hasContentLength = m_fields.contentLengthIndex >= 0;
    if (m_fields.transferEncodingCount > 0) {
        // RFC 9112 §6.3 (3): Transfer-Encoding with Content-Length is a smuggling attempt; reject it.
        if (hasContentLength)
            return setError(400, "both Transfer-Encoding and Content-Length");
        // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means the framing is faulty.
        if (m_request.version == HttpVersion::Http10)
            return setError(400, "Transfer-Encoding in HTTP/1.0 request");
        if (!checkTransferCodings())
            return false;
        m_framing = BodyFraming::Chunked;
        m_request.contentLength = -1;
        m_chunked.reset();
        m_chunked.setMaxTrailerBytes(m_limits.maxHeaderBytes);
    } else if (hasContentLength) {
        if (m_limits.maxBodyBytes >= 0 && m_fields.contentLength > m_limits.maxBodyBytes)
            return setError(413, "request body too large");
        m_framing = m_fields.contentLength > 0 ? BodyFraming::ContentLength : BodyFraming::None;
        m_request.contentLength = m_fields.contentLength;
        m_bodyRemaining = m_fields.contentLength;
    }
    // RFC 9112 §6.3 (7): a request with neither has no body; requests are never close-delimited.
    m_request.framing = m_framing;
    return true;
}

bool RequestParser::checkTransferCodings()
{
    // RFC 9112 §6.1: Transfer-Encoding = #transfer-coding, over every field line, in order. Syntax faults
    // (400) win over unknown codings (501, §6.1), which win over a misplaced chunked (400, §6.3 (4)),
    // which wins over compression codings we do not decode (501).
    int codings = 0;
    int chunked = 0;
    bool lastIsChunked = false;
    bool unknown = false;
    for (qsizetype f = 0; f < m_request.header.size(); ++f) {
        const Header::Field field = m_request.header.field(f);
        if (!isName(field.name, "transfer-encoding"))
            continue;
        const char *fault = nullptr;
        forEachListElement(field.value, [&](QByteArrayView coding) {
            if (!Header::isValidName(coding)) {
                fault = coding.isEmpty() ? "empty transfer coding" : "invalid transfer coding";
                return false;
            }
            const bool isChunked = equalsIgnoringCase(coding, "chunked");
            unknown = unknown || !isKnownCoding(coding);
            chunked += isChunked ? 1 : 0;
            lastIsChunked = isChunked;
            ++codings;
            return true;
        });
        if (fault)
            return setError(400, fault);
    }
    if (unknown)
        return setError(501, "unsupported transfer coding");
    if (chunked != 1 || !lastIsChunked)
        return setError(400, "chunked must be the final transfer coding, once");
    if (codings > 1)
        return setError(501, "unsupported transfer coding");
    return true;
}

} // namespace httpcore
