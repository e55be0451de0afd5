#include "httpcore/Url.h"

#include "httpcore/CharClass.h"

#include <array>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

// Character classes of the request-target, as bits of one table so each byte costs one lookup.
enum CharClass : quint8
{
    // PathChar: RFC 3986 pchar minus the escape ('%' is checked apart) plus '/'.
    PathChar = 0x01,
    // QueryChar: RFC 3986 query = *( pchar / "/" / "?" ), '%' again checked apart.
    QueryChar = 0x02,
    // AuthorityChar: reg-name and IP-literal bytes and ':'; '[' and ']' are allowed here only (lenient,
    // like most servers, which do not check IP-literal syntax).
    AuthorityChar = 0x04,
};

constexpr std::array<quint8, 256> makeCharTable()
{
    std::array<quint8, 256> table{};
    const auto mark = [&table](char c, quint8 bits) { table[static_cast<unsigned char>(c)] |= bits; };
    constexpr quint8 all = PathChar | QueryChar | AuthorityChar;
    // RFC 3986 §2.3 unreserved.
    for (char c = 'a'; c <= 'z'; ++c)
        mark(c, all);
    for (char c = 'A'; c <= 'Z'; ++c)
        mark(c, all);
    for (char c = '0'; c <= '9'; ++c)
        mark(c, all);
    for (char c : {'-', '.', '_', '~'})
        mark(c, all);
    // RFC 3986 §2.2 sub-delims.
    for (char c : {'!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '='})
        mark(c, all);
    mark(':', all);
    mark('%', all);
    mark('@', PathChar | QueryChar);
    mark('/', PathChar | QueryChar);
    mark('?', QueryChar);
    mark('[', AuthorityChar);
    mark(']', AuthorityChar);
    return table;
}

constexpr std::array<quint8, 256> CharTable = makeCharTable();

inline bool hasClass(char c, quint8 bits)
{
    return (CharTable[static_cast<unsigned char>(c)] & bits) != 0;
}

inline bool isDigits(QByteArrayView s)
{
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

Unexpected<HttpError> badTarget(const char *reason)
{
    return Unexpected<HttpError>{HttpError{400, QByteArray(reason)}};
}

// rejectByte names the fault for a byte outside the allowed class.
const char *rejectByte(char c)
{
    return c == '#' ? "fragment in request-target" : "invalid character in request-target";
}

// checkPath validates an origin-form or absolute-form path (without the query) and reports whether it
// holds any escape. Go rejects a request URI whose path has a malformed escape; so do we.
const char *checkPath(QByteArrayView path, bool &hasEscape)
{
    hasEscape = false;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (!hasClass(c, PathChar))
            return rejectByte(c);
        if (c == '%') {
            if (i + 2 >= path.size() || hexValue(path[i + 1]) < 0 || hexValue(path[i + 2]) < 0)
                return "malformed percent-encoding in path";
            hasEscape = true;
            i += 2;
        }
    }
    return nullptr;
}

// checkQuery validates the query bytes. Escapes are not checked here: Query::parse skips bad pairs, as Go.
const char *checkQuery(QByteArrayView query)
{
    for (char c : query) {
        if (!hasClass(c, QueryChar))
            return rejectByte(c);
    }
    return nullptr;
}

// checkAuthority validates host[:port]. With requirePort (CONNECT), port is 1-5 digits; otherwise the port
// is optional and may be empty (RFC 3986 §3.2.3: port = *DIGIT).
const char *checkAuthority(QByteArrayView authority, bool requirePort)
{
    if (authority.isEmpty())
        return "empty authority in request-target";
    for (qsizetype i = 0; i < authority.size(); ++i) {
        const char c = authority[i];
        // RFC 9110 §4.2.4: a recipient must treat userinfo in an http(s) URI as an error.
        if (c == '@')
            return "userinfo in request-target";
        if (!hasClass(c, AuthorityChar))
            return rejectByte(c);
        // RFC 3986 §3.2.2: reg-name allows pct-encoded; Go rejects a malformed escape in the host too.
        if (c == '%' && (i + 2 >= authority.size() || hexValue(authority[i + 1]) < 0 || hexValue(authority[i + 2]) < 0))
            return "malformed percent-encoding in host";
    }
    QByteArrayView host = authority;
    QByteArrayView port;
    bool hasPort = false;
    if (authority.startsWith('[')) {
        // IP-literal: '[' ... ']' [ ':' port ].
        const qsizetype close = authority.indexOf(']');
        if (close < 0 || authority.sliced(1, close - 1).contains('['))
            return "invalid host in request-target";
        host = authority.first(close + 1);
        const QByteArrayView rest = authority.sliced(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return "invalid host in request-target";
        hasPort = !rest.isEmpty();
        port = hasPort ? rest.sliced(1) : QByteArrayView();
    } else {
        if (authority.contains('[') || authority.contains(']'))
            return "invalid host in request-target";
        const qsizetype colon = authority.indexOf(':');
        if (colon >= 0) {
            host = authority.first(colon);
            port = authority.sliced(colon + 1);
            hasPort = true;
        }
    }
    // RFC 9110 §4.2.1: a recipient must reject an http URI with an empty host.
    if (host.isEmpty() || host == "[]")
        return "empty host in request-target";
    if (requirePort && (!hasPort || port.isEmpty()))
        return "CONNECT target needs host:port";
    if (port.size() > 5 || !isDigits(port))
        return "invalid port in request-target";
    return nullptr;
}

// parsePathAndQuery fills rawPath, path, rawQuery and hasQuery from rest, which is empty or starts with '/'
// or '?'. An empty path (only possible in absolute-form) reads as "/".
const char *
parsePathAndQuery(QByteArrayView rest, QByteArray &rawPath, QByteArray &path, QByteArray &rawQuery, bool &hasQuery)
{
    const qsizetype mark = rest.indexOf('?');
    const QByteArrayView pathPart = mark < 0 ? rest : rest.first(mark);
    bool hasEscape = false;
    if (const char *fault = checkPath(pathPart, hasEscape))
        return fault;
    hasQuery = mark >= 0;
    if (hasQuery) {
        const QByteArrayView queryPart = rest.sliced(mark + 1);
        if (const char *fault = checkQuery(queryPart))
            return fault;
        rawQuery = queryPart.toByteArray();
    }
    rawPath = pathPart.isEmpty() ? "/"_ba : pathPart.toByteArray();
    if (!hasEscape) {
        // Implicitly shared: no copy.
        path = rawPath;
        return nullptr;
    }
    // Invariant: checkPath has validated every escape, so decoding cannot fail.
    [[maybe_unused]] const bool decoded = Url::percentDecode(rawPath, path, false);
    Q_ASSERT(decoded);
    return nullptr;
}

} // namespace

Expected<Url, HttpError> Url::parseRequestTarget(QByteArrayView target, QByteArrayView method)
{
    if (target.isEmpty())
        return badTarget("empty request-target");
    Url url;
    // RFC 9112 §3.2.3: CONNECT uses authority-form, and only CONNECT does.
    if (method == "CONNECT") {
        if (target[0] == '/' || target == "*" || target.contains("://"))
            return badTarget("CONNECT requires authority-form");
        if (const char *fault = checkAuthority(target, true))
            return badTarget(fault);
        url.m_form = TargetForm::Authority;
        url.m_authority = target.toByteArray();
        return url;
    }
    if (target[0] == '/') {
        url.m_form = TargetForm::Origin;
        if (const char *fault = parsePathAndQuery(target, url.m_rawPath, url.m_path, url.m_rawQuery, url.m_hasQuery))
            return badTarget(fault);
        return url;
    }
    // RFC 9112 §3.2.4: asterisk-form is "*" and only for a server-wide OPTIONS.
    if (target == "*") {
        if (method != "OPTIONS")
            return badTarget("asterisk-form is only for OPTIONS");
        url.m_form = TargetForm::Asterisk;
        url.m_rawPath = "*"_ba;
        url.m_path = url.m_rawPath;
        return url;
    }
    // RFC 9112 §3.2.2: absolute-form, scheme "://" authority path-abempty [ "?" query ].
    const qsizetype sep = target.indexOf("://");
    if (sep < 0)
        return badTarget("invalid request-target");
    const QByteArrayView scheme = target.first(sep);
    if (scheme.compare("http", Qt::CaseInsensitive) == 0)
        url.m_scheme = "http"_ba;
    else if (scheme.compare("https", Qt::CaseInsensitive) == 0)
        url.m_scheme = "https"_ba;
    else
        return badTarget("unsupported scheme in request-target");
    const QByteArrayView afterScheme = target.sliced(sep + 3);
    qsizetype authorityEnd = 0;
    while (authorityEnd < afterScheme.size() && afterScheme[authorityEnd] != '/' && afterScheme[authorityEnd] != '?')
        ++authorityEnd;
    const QByteArrayView authority = afterScheme.first(authorityEnd);
    if (const char *fault = checkAuthority(authority, false))
        return badTarget(fault);
    url.m_form = TargetForm::Absolute;
    url.m_authority = authority.toByteArray();
    if (const char *fault = parsePathAndQuery(afterScheme.sliced(authorityEnd), url.m_rawPath, url.m_path,
                                              url.m_rawQuery, url.m_hasQuery))
        return badTarget(fault);
    return url;
}

bool Url::percentDecode(QByteArrayView in, QByteArray &out, bool plusAsSpace)
{
    // Non-null even when empty: callers tell "?a=" (empty) from an absent key (null).
    QByteArray decoded(in.size(), Qt::Uninitialized);
    char *dst = decoded.data();
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            const int hi = i + 2 < in.size() ? hexValue(in[i + 1]) : -1;
            const int lo = hi >= 0 ? hexValue(in[i + 2]) : -1;
            if (lo < 0)
                return false;
            *dst++ = static_cast<char>((hi << 4) | lo);
            i += 2;
        } else if (c == '+' && plusAsSpace) {
            *dst++ = ' ';
        } else {
            *dst++ = c;
        }
    }
    decoded.truncate(dst - decoded.constData());
    out = std::move(decoded);
    return true;
}

QByteArray Url::requestUri() const
{
    // As Go's URL.RequestURI(): an empty path (authority-form) reads as "/".
    QByteArray uri = m_rawPath.isEmpty() ? "/"_ba : m_rawPath;
    if (m_hasQuery) {
        uri.reserve(uri.size() + 1 + m_rawQuery.size());
        uri.append('?').append(m_rawQuery);
    }
    return uri;
}

Query Query::parse(QByteArrayView rawQuery)
{
    Query query;
    qsizetype start = 0;
    while (start < rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0)
            end = rawQuery.size();
        const QByteArrayView pair = rawQuery.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        // Go 1.17+: ';' is no longer a separator, and a pair holding one is rejected.
        if (pair.contains(';')) {
            ++query.m_skipped;
            continue;
        }
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView key = eq < 0 ? pair : pair.first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : pair.sliced(eq + 1);
        Item item;
        if (!Url::percentDecode(key, item.key, true) || !Url::percentDecode(value, item.value, true)) {
            ++query.m_skipped;
            continue;
        }
        query.m_items.append(std::move(item));
    }
    return query;
}

QByteArray Query::value(QByteArrayView key) const
{
    for (const Item &item : m_items) {
        if (item.key == key)
            return item.value;
    }
    return QByteArray();
}

QList<QByteArray> Query::values(QByteArrayView key) const
{
    QList<QByteArray> result;
    for (const Item &item : m_items) {
        if (item.key == key)
            result.append(item.value);
    }
    return result;
}

bool Query::contains(QByteArrayView key) const
{
    for (const Item &item : m_items) {
        if (item.key == key)
            return true;
    }
    return false;
}

} // namespace httpcore
