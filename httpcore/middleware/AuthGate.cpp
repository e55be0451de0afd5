#include "httpcore/middleware/AuthGate.h"

#include "httpcore/middleware/ConstantTime.h"

#include <QCryptographicHash>

namespace httpcore
{

namespace
{

QByteArray digest(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// quoted renders value as an RFC 9110 §5.6.4 quoted-string.
QByteArray quoted(QByteArrayView value)
{
    QByteArray out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c != '\r' && c != '\n')
            out += c;
    }
    return out + '"';
}

// matchesAny compares the digest of candidate with every accepted digest, without stopping at a match.
bool matchesAny(const std::vector<QByteArray> &accepted, QByteArrayView candidate)
{
    const QByteArray d = digest(candidate);
    bool found = false;
    for (const QByteArray &a : accepted)
        found = constantTimeEquals(a, d) || found;
    return found;
}

} // namespace

AuthGate::AuthGate(const Settings &settings, HandlerPtr next)
    : m_scheme(settings.scheme), m_realm(settings.realm), m_next(std::move(next))
{
    switch (m_scheme) {
    case Scheme::Basic:
        for (const auto &[user, password] : settings.users)
            m_digests.push_back(digest(user + ':' + password));
        break;
    case Scheme::Bearer:
        for (const QByteArray &token : settings.tokens)
            m_digests.push_back(digest(token));
        break;
    }
}

Middleware AuthGate::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const AuthGate>(settings, std::move(next));
    };
}

bool AuthGate::isAuthorized(QByteArrayView authorization) const
{
    // credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ] (RFC 9110 §11.4).
    const QByteArrayView value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return false;
    const QByteArrayView scheme = value.first(space);
    const QByteArrayView rest = value.sliced(space + 1).trimmed();
    switch (m_scheme) {
    case Scheme::Basic:
        return equalsIgnoringCase(scheme, "Basic") && checkBasic(rest);
    case Scheme::Bearer:
        return equalsIgnoringCase(scheme, "Bearer") && checkBearer(rest);
    }
    return false;
}

QByteArray AuthGate::challenge(bool invalidToken) const
{
    switch (m_scheme) {
    case Scheme::Basic:
        return "Basic realm=" + quoted(m_realm) + ", charset=\"UTF-8\"";
    case Scheme::Bearer:
        return "Bearer realm=" + quoted(m_realm) + (invalidToken ? ", error=\"invalid_token\"" : "");
    }
    return {};
}

void AuthGate::serveHttp(const ResponsePtr &w, const Request &r) const
{
    const QByteArrayView authorization = r.header.value("Authorization");
    if (isAuthorized(authorization)) {
        m_next->serveHttp(w, r);
        return;
    }
    // RFC 6750 §3.1: a request without a token gets a bare challenge; a rejected token gets invalid_token.
    const bool presented = !authorization.trimmed().isEmpty();
    w->header().set("WWW-Authenticate", challenge(m_scheme == Scheme::Bearer && presented));
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->header().set("Cache-Control", "no-store");
    w->writeHeader(401);
    w->write("401 Unauthorized\n");
}

bool AuthGate::checkBasic(QByteArrayView credentials) const
{
    const auto decoded =
        QByteArray::fromBase64Encoding(credentials.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    // RFC 7617 §2: the user-id cannot contain ':'; the password can.
    if (!decoded || !decoded.decoded.contains(':'))
        return false;
    return matchesAny(m_digests, decoded.decoded);
}

bool AuthGate::checkBearer(QByteArrayView token) const
{
    return !token.isEmpty() && matchesAny(m_digests, token);
}

} // namespace httpcore
