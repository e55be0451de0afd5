#include "httpcore/mock/proxy/ProxyHeaders.h"

#include <QByteArrayList>

namespace mock
{

namespace
{

// connectionOptions returns the field names listed by header's Connection fields, lower-cased.
QByteArrayList connectionOptions(const httpcore::Header &header)
{
    QByteArrayList names;
    for (QByteArrayView value : header.values("Connection")) {
        httpcore::forEachListElement(value, [&names](QByteArrayView element) {
            if (!element.isEmpty())
                names.append(element.toByteArray().toLower());
            return true;
        });
    }
    return names;
}

bool startsWithIgnoringCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && httpcore::equalsIgnoringCase(text.first(prefix.size()), prefix);
}

} // namespace

bool isHopByHop(QByteArrayView name)
{
    // Go's hopHeaders: "Trailer", not "Trailers" (RFC 7230 erratum 4522).
    static constexpr QByteArrayView Fields[] = {"Connection", "Keep-Alive",        "TE",
                                                "Trailer",    "Transfer-Encoding", "Upgrade"};
    for (QByteArrayView field : Fields) {
        if (httpcore::equalsIgnoringCase(name, field))
            return true;
    }
    return startsWithIgnoringCase(name, "Proxy-");
}

httpcore::Header endToEnd(const httpcore::Header &header)
{
    const QByteArrayList named = connectionOptions(header);
    httpcore::Header result;
    result.reserve(header.byteSize());
    for (qsizetype i = 0; i < header.size(); ++i) {
        const httpcore::Header::Field field = header.field(i);
        if (isHopByHop(field.name) || named.contains(field.name.toByteArray().toLower()))
            continue;
        result.add(field.name, field.value);
    }
    return result;
}

QUrl upstreamUrl(const QUrl &base, QByteArrayView rawPath, QByteArrayView rawQuery)
{
    QByteArray path = base.path(QUrl::FullyEncoded).toLatin1();
    if (path.endsWith('/') && rawPath.startsWith('/'))
        path.append(rawPath.sliced(1));
    else if (!path.endsWith('/') && !rawPath.startsWith('/'))
        path.append('/').append(rawPath);
    else
        path.append(rawPath);
    QByteArray query = base.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty() && !rawQuery.isEmpty())
        query.append('&');
    query.append(rawQuery);

    QUrl url = base;
    // The request's path passed httpcore's URI character check, so it is already escaped: keep it as sent.
    url.setPath(QString::fromLatin1(path), QUrl::TolerantMode);
    if (query.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    url.setFragment(QString());
    return url;
}

ForwardedRequest forwardedRequest(const httpcore::Request &r, const QUrl &base)
{
    ForwardedRequest forward;
    forward.method = r.method;
    forward.url = upstreamUrl(base, r.url.rawPath(), r.url.rawQuery());
    forward.header = endToEnd(r.header);
    forward.header.remove("Host");
    forward.header.remove("Content-Length");
    forward.header.remove("Expect");
    // Go's ProxyRequest.SetXForwarded: the proxy states what the client asked for, replacing earlier values.
    forward.header.remove("X-Forwarded-Host");
    if (!r.host.isEmpty())
        forward.header.add("X-Forwarded-Host", r.host);
    forward.header.set("X-Forwarded-Proto", "http");
    // Without a non-empty Accept-Encoding, QNetworkAccessManager would ask for gzip itself and decode the answer.
    bool acceptsEncoding = false;
    for (QByteArrayView value : forward.header.values("Accept-Encoding"))
        acceptsEncoding = acceptsEncoding || !value.trimmed().isEmpty();
    if (!acceptsEncoding)
        forward.header.set("Accept-Encoding", "identity");
    return forward;
}

httpcore::Header relayedHeader(const QList<std::pair<QByteArray, QByteArray>> &upstreamFields)
{
    httpcore::Header header;
    for (const auto &[name, value] : upstreamFields) {
        if (httpcore::equalsIgnoringCase(name, "Set-Cookie")) {
            for (const QByteArray &cookie : value.split('\n'))
                header.add(name, cookie);
        } else {
            header.add(name, value);
        }
    }
    return endToEnd(header);
}

} // namespace mock
