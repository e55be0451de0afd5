#pragma once

#include "httpcore/Header.h"
#include "httpcore/Journey.h"
#include "httpcore/Url.h"

#include <QByteArray>

#include <memory>
#include <utility>
#include <vector>

namespace httpcore
{

class RequestBody;

// HttpVersion is the protocol version of a request; the parser maps HTTP/1.x with x > 1 to Http11, as
// RFC 9110 §6.2 asks of a recipient that implements 1.1.
enum class HttpVersion
{
    Http10,
    Http11
};

// BodyFraming says how the request body is delimited on the wire (RFC 9112 §6.3).
enum class BodyFraming
{
    None,
    ContentLength,
    Chunked
};

// Request is one parsed HTTP/1.x request head: Go's http.Request, whose body the connection streams through
// the body field. It is a plain value type (fields are public, as in Go) with no thread affinity.
struct Request
{
    // method is the request method, case-sensitive as sent ("GET").
    QByteArray method;
    // target is the request-target exactly as sent on the request line (Go's RequestURI).
    QByteArray target;
    // url is target parsed.
    Url url;
    HttpVersion version = HttpVersion::Http11;
    // header holds the fields in arrival order, names canonicalised.
    Header header;
    // host is the authority the request is for: the authority of an absolute-form target (RFC 9112
    // §3.2.2: it overrides Host), else the Host field; empty for an HTTP/1.0 request without Host.
    QByteArray host;
    BodyFraming framing = BodyFraming::None;
    // contentLength is the declared body length with ContentLength framing, 0 with None, -1 with Chunked.
    qint64 contentLength = 0;
    // wantsClose is true when the client asked the connection to close after this exchange: an HTTP/1.1
    // "Connection: close", or HTTP/1.0 without "Connection: keep-alive".
    bool wantsClose = false;
    // expectContinue is true for "Expect: 100-continue" (case-insensitive).
    bool expectContinue = false;
    // unsupportedExpectation is true when Expect carried anything else; the server answers 417.
    bool unsupportedExpectation = false;
    // headBytes is the size of the request line and header section on the wire, CRLFs included.
    qsizetype headBytes = 0;
    // body streams the request body (see RequestBody); null for a request without a body. Set by the server,
    // not by the parser; it is shared by copies of the Request and lives on the connection's worker thread.
    std::shared_ptr<RequestBody> body;
    // connectionId identifies the connection the request arrived on (unique per Server, from 1); sequence numbers
    // the requests of that connection from 1. Set by the server.
    quint64 connectionId = 0;
    quint64 sequence = 0;
    // journey records the request's stages when the server's observer wants them (null otherwise); the mux and
    // middleware mark theirs through markJourney(). Shared by copies; worker thread only.
    JourneyPtr journey;
    // pathValues holds the wildcard values of the route the mux matched, unescaped, in pattern order (Go's
    // Request.PathValue). Set by the mux; empty otherwise.
    std::vector<std::pair<QByteArray, QByteArray>> pathValues;

    bool hasBody() const { return framing != BodyFraming::None; }
    bool isHead() const { return method == "HEAD"; }
    // versionString returns "HTTP/1.0" or "HTTP/1.1".
    QByteArray versionString() const;
    // pathValue returns the value of the wildcard named name in the matched pattern, or an empty array.
    QByteArray pathValue(QByteArrayView name) const;

    friend bool operator==(const Request &, const Request &) = default;
};

// markJourney records stage on r's journey when the server keeps one; a no-op otherwise.
inline void markJourney(const Request &r, JourneyStage stage, QByteArray label = {})
{
    if (r.journey)
        r.journey->mark(stage, std::move(label));
}

} // namespace httpcore
