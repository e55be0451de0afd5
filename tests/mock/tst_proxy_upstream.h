#pragma once

#include "httpcore/Header.h"
#include "httpcore/Server.h"
#include "support/RawClient.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace proxytest
{

// SeenRequest is one request as the upstream received it.
struct SeenRequest
{
    QByteArray method;
    QByteArray target;
    httpcore::Header header;
    QByteArray body;
};

// loopbackConfig returns a server configuration for 127.0.0.1:0 with workers worker threads.
httpcore::ServerConfig loopbackConfig(int workers = 2);

// fetch sends request to 127.0.0.1:port on a new connection and returns the first final response, or one with
// status 0 when none came within 10 s. isHead: the request is a HEAD (its answer has no body).
RawClient::Response fetch(quint16 port, const QByteArray &request, bool isHead = false);

// Upstream is the proxy tests' upstream: a real httpcore::Server on 127.0.0.1:0 serving, under /base:
//   /base/echo/...      200 "METHOD target\n" + the request body, with hop-by-hop fields of its own (Keep-Alive,
//                       and X-Hop named by Connection) and X-Upstream: echo
//   /base/status        404 "missing\n" with two Set-Cookie fields
//   /base/redirect      302 to /base/elsewhere
//   /base/gzip          gzipBody() with Content-Encoding: gzip
//   /base/binary        binaryBody() as image/png
//   /base/json          jsonBody() with Date, Server and X-Trace fields
//   /base/large?bytes=N N pattern bytes (patternChunk()) with Content-Length, paced by whenDrained()
//   /base/endless       a chunked pattern stream that ends only when the connection does, paced
//   /base/chunked       200 "part 1\n" then "part 2\n", flushed in between (so chunked)
//   /base/slow?ms=N     200 "slow\n" after N ms (default 3000)
//   anything else       200 "ok PATH\n" as text/plain
// Every request is logged (seen()). Thread affinity: the test's thread; the handler runs on worker threads and
// shares only thread-safe state with it.
class Upstream
{
public:
    Upstream();
    ~Upstream();
    Q_DISABLE_COPY_MOVE(Upstream)

    // start listens on 127.0.0.1:0 and returns the port, or 0 on failure.
    quint16 start();
    quint16 port() const;

    QList<SeenRequest> seen() const;
    qsizetype seenCount() const;
    // streamed counts the body bytes /base/large and /base/endless handed to their writer so far.
    qint64 streamed() const;
    int connectionCount() const;

    static QByteArray gzipBody();
    // gzipText is what gzipBody() decodes to.
    static QByteArray gzipText();
    static QByteArray binaryBody();
    static QByteArray jsonBody();
    // patternChunk returns size bytes of the stream pattern starting at offset (byte i is i % 251).
    static QByteArray patternChunk(qint64 offset, qint64 size);

    // State is what the handler shares with the test (internal).
    struct State;

private:
    std::shared_ptr<State> m_state;
    std::unique_ptr<httpcore::Server> m_server;
};

} // namespace proxytest
