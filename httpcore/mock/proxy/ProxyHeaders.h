#pragma once

#include "httpcore/Header.h"
#include "httpcore/Request.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QUrl>

#include <utility>

namespace mock
{

// The header and URL rules of the proxy (Go's httputil.ReverseProxy): pure functions, thread-safe.

// isHopByHop reports whether name is a hop-by-hop field, which concerns one connection only and is never
// forwarded (RFC 9110 §7.6.1): Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade and every
// Proxy-* field (Proxy-Authorization, Proxy-Authenticate, Proxy-Connection). Case-insensitive.
bool isHopByHop(QByteArrayView name);

// endToEnd returns header without its hop-by-hop fields and without the fields its Connection fields name
// (RFC 9110 §7.6.1: "Connection: close, X-Secret" makes X-Secret hop-by-hop too).
httpcore::Header endToEnd(const httpcore::Header &header);

// upstreamUrl joins base and a request's escaped path and raw query: the paths with exactly one '/' between
// them, the queries with '&' (Go's singleJoiningSlash and ReverseProxy query rule). rawPath starts with '/'.
QUrl upstreamUrl(const QUrl &base, QByteArrayView rawPath, QByteArrayView rawQuery);

// ForwardedRequest is what the proxy sends upstream for one request: a regular value type.
struct ForwardedRequest
{
    QByteArray method;
    QUrl url;
    // header is the end-to-end header of the request, without Host (the network layer sets the upstream's),
    // Content-Length (set from the body sent) and Expect (answered by this server), plus X-Forwarded-Host (the
    // client's Host) and X-Forwarded-Proto ("http"). An incoming X-Forwarded-For is kept as it is: the request
    // does not carry the client's address, so none is appended. Accept-Encoding is kept as sent, or set to
    // "identity" when absent or empty, so that the network layer neither asks for nor decodes a compressed answer
    // and the body bytes pass through untouched. QNetworkAccessManager itself adds "Connection: Keep-Alive", and
    // User-Agent ("Mozilla/5.0") and Accept-Language when the client sent none; it cannot be told not to.
    httpcore::Header header;

    friend bool operator==(const ForwardedRequest &, const ForwardedRequest &) = default;
};

// forwardedRequest builds the upstream request for r (see ForwardedRequest).
ForwardedRequest forwardedRequest(const httpcore::Request &r, const QUrl &base);

// relayedHeader turns the upstream's response fields, as the network layer reports them (one entry per name,
// repeated fields joined with ", ", Set-Cookie values with '\n'), into the header relayed to the client:
// Set-Cookie split back into one field per cookie (RFC 6265 §3: they cannot be joined), hop-by-hop fields and
// the fields Connection names dropped. Content-Length stays: the body passes through byte for byte, and a
// declared length lets the client detect a body cut short.
httpcore::Header relayedHeader(const QList<std::pair<QByteArray, QByteArray>> &upstreamFields);

} // namespace mock
