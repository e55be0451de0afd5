#include "httpcore/middleware/GzipCompressor.h"

#include "httpcore/middleware/AcceptEncoding.h"
#include "httpcore/middleware/GzipWriter.h"
#include "httpcore/middleware/Vary.h"

namespace httpcore
{

namespace
{

bool matchesPattern(QByteArrayView type, QByteArrayView pattern)
{
    const qsizetype star = pattern.indexOf('*');
    if (star < 0)
        return equalsIgnoringCase(type, pattern);
    // "text/*" and "application/*+json": a prefix, a wildcard of at least one byte, a suffix.
    const QByteArrayView prefix = pattern.first(star);
    const QByteArrayView suffix = pattern.sliced(star + 1);
    return type.size() > prefix.size() + suffix.size() && equalsIgnoringCase(type.first(prefix.size()), prefix) &&
           equalsIgnoringCase(type.last(suffix.size()), suffix);
}

} // namespace

GzipCompressor::GzipCompressor(Settings settings, HandlerPtr next)
    : m_settings(std::make_shared<const Settings>(std::move(settings))), m_next(std::move(next))
{}

Middleware GzipCompressor::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const GzipCompressor>(settings, std::move(next));
    };
}

bool GzipCompressor::isCompressible(QByteArrayView contentType, const QByteArrayList &patterns)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView type = (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
    if (type.isEmpty())
        return false;
    for (const QByteArray &pattern : patterns) {
        if (matchesPattern(type, pattern))
            return true;
    }
    return false;
}

void GzipCompressor::serveHttp(const ResponsePtr &w, const Request &r) const
{
    // Whether or not this response ends up compressed, another request could get the other variant.
    addVary(w->header(), "Accept-Encoding");
    if (r.isHead() || !acceptsGzip(r.header)) {
        m_next->serveHttp(w, r);
        return;
    }
    const auto writer = ResponseWriterWrapper::make<GzipWriter>(w, m_settings);
    m_next->serveHttp(writer, r);
}

} // namespace httpcore
