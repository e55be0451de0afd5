#include "httpcore/mux/MuxPath.h"

#include "httpcore/Url.h"

#include <QVarLengthArray>

namespace httpcore::muxpath
{

namespace
{

bool isDotSegment(QByteArrayView segment)
{
    return segment == "." || segment == "..";
}

} // namespace

bool isCleanPath(QByteArrayView path)
{
    if (path.isEmpty() || path[0] != '/')
        return false;
    qsizetype start = 1;
    while (start < path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        // Invariant: a segment is empty only between two slashes; the final trailing '/' ends the loop.
        if (segment.isEmpty() || isDotSegment(segment))
            return false;
        start = end + 1;
    }
    return true;
}

QByteArray cleanPath(QByteArrayView path)
{
    if (isCleanPath(path))
        return path.toByteArray();
    // path.Clean on a rooted path: keep a stack of the surviving segments.
    QVarLengthArray<QByteArrayView, 16> kept;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            kept.append(segment);
        }
        start = end + 1;
    }
    QByteArray cleaned;
    cleaned.reserve(path.size() + 1);
    for (QByteArrayView segment : kept)
        cleaned.append('/').append(segment);
    if (cleaned.isEmpty())
        return QByteArrayLiteral("/");
    // Go's cleanPath puts back the trailing slash that path.Clean removes.
    if (path.endsWith('/'))
        cleaned.append('/');
    return cleaned;
}

QByteArrayView stripHostPort(QByteArrayView host)
{
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        return close < 0 ? host : host.first(close + 1);
    }
    const qsizetype colon = host.indexOf(':');
    if (colon < 0 || host.indexOf(':', colon + 1) >= 0)
        return host;
    return host.first(colon);
}

QByteArray unescapeSegment(QByteArrayView segment)
{
    if (!segment.contains('%'))
        return segment.toByteArray();
    QByteArray decoded;
    if (!Url::percentDecode(segment, decoded, false))
        return segment.toByteArray();
    return decoded;
}

} // namespace httpcore::muxpath
