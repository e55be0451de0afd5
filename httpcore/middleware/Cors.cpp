#include "httpcore/middleware/Cors.h"

#include "httpcore/middleware/Vary.h"

namespace httpcore
{

namespace
{

bool listContains(const QByteArrayList &list, QByteArrayView value, bool caseSensitive)
{
    for (const QByteArray &item : list) {
        if (caseSensitive ? item == value : equalsIgnoringCase(item, value))
            return true;
    }
    return false;
}

// originMatches compares origin with an allowed-origin entry that may contain one "*".
bool originMatches(QByteArrayView pattern, QByteArrayView origin)
{
    const qsizetype star = pattern.indexOf('*');
    if (star < 0)
        return equalsIgnoringCase(pattern, origin);
    const QByteArrayView prefix = pattern.first(star);
    const QByteArrayView suffix = pattern.sliced(star + 1);
    // The wildcard must stand for at least one byte: "https://*.example.com" does not match "https://.example.com".
    return origin.size() > prefix.size() + suffix.size() && equalsIgnoringCase(origin.first(prefix.size()), prefix) &&
           equalsIgnoringCase(origin.last(suffix.size()), suffix);
}

QByteArray joined(const QByteArrayList &list)
{
    return list.join(", ");
}

} // namespace

Cors::Cors(Settings settings, HandlerPtr next) : m_settings(std::move(settings)), m_next(std::move(next)) {}

Middleware Cors::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const Cors>(settings, std::move(next));
    };
}

bool Cors::isPreflight(const Request &r)
{
    return r.method == "OPTIONS" && r.header.contains("Origin") && r.header.contains("Access-Control-Request-Method");
}

bool Cors::allowsOrigin(QByteArrayView origin) const
{
    if (origin.isEmpty())
        return false;
    for (const QByteArray &pattern : m_settings.allowedOrigins) {
        if (pattern == "*" || originMatches(pattern, origin))
            return true;
    }
    return false;
}

bool Cors::allowsMethod(QByteArrayView method) const
{
    if (method.isEmpty())
        return false;
    // Fetch standard: CORS-safelisted methods need no permission.
    if (method == "GET" || method == "HEAD" || method == "POST")
        return true;
    return listContains(m_settings.allowedMethods, "*", true) || listContains(m_settings.allowedMethods, method, true);
}

bool Cors::allowsHeaders(QByteArrayView requested) const
{
    if (listContains(m_settings.allowedHeaders, "*", true))
        return true;
    return forEachListElement(requested, [this](QByteArrayView name) {
        return name.isEmpty() || listContains(m_settings.allowedHeaders, name, false);
    });
}

void Cors::addPreflightHeaders(const Request &r, Header &out) const
{
    addVary(out, "Origin");
    addVary(out, "Access-Control-Request-Method");
    addVary(out, "Access-Control-Request-Headers");
    const QByteArrayView origin = r.header.value("Origin");
    const QByteArrayView method = r.header.value("Access-Control-Request-Method");
    QByteArray requestedHeaders;
    for (QByteArrayView value : r.header.values("Access-Control-Request-Headers")) {
        if (!requestedHeaders.isEmpty() && !value.trimmed().isEmpty())
            requestedHeaders += ", ";
        requestedHeaders += value.trimmed().toByteArray();
    }
    if (!allowsOrigin(origin) || !allowsMethod(method) || !allowsHeaders(requestedHeaders))
        return;
    addAllowOrigin(origin, out);
    out.set("Access-Control-Allow-Methods", method);
    if (!requestedHeaders.isEmpty())
        out.set("Access-Control-Allow-Headers", requestedHeaders);
    if (m_settings.maxAgeSeconds > 0)
        out.set("Access-Control-Max-Age", QByteArray::number(m_settings.maxAgeSeconds));
}

void Cors::addResponseHeaders(const Request &r, Header &out) const
{
    addVary(out, "Origin");
    const QByteArrayView origin = r.header.value("Origin");
    if (!allowsOrigin(origin))
        return;
    addAllowOrigin(origin, out);
    if (!m_settings.exposedHeaders.isEmpty())
        out.set("Access-Control-Expose-Headers", joined(m_settings.exposedHeaders));
}

void Cors::serveHttp(const ResponsePtr &w, const Request &r) const
{
    if (isPreflight(r)) {
        addPreflightHeaders(r, w->header());
        w->writeHeader(204);
        w->finish();
        return;
    }
    addResponseHeaders(r, w->header());
    m_next->serveHttp(w, r);
}

void Cors::addAllowOrigin(QByteArrayView origin, Header &out) const
{
    // With credentials a literal "*" is not honoured by browsers: echo the origin (and vary on it, done above).
    const bool any = listContains(m_settings.allowedOrigins, "*", true);
    out.set("Access-Control-Allow-Origin", any && !m_settings.allowCredentials ? QByteArrayView("*") : origin);
    if (m_settings.allowCredentials)
        out.set("Access-Control-Allow-Credentials", "true");
}

} // namespace httpcore
