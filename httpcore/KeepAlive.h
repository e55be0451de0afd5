#pragma once

#include <QtGlobal>

namespace httpcore
{

// KeepAliveInput is everything the connection knows, once a response is finished, that bears on whether the
// connection can carry another request. A plain value type.
struct KeepAliveInput
{
    bool keepAlivesEnabled = true;
    // shuttingDown: the server is in Shutdown(); no new request is read on any connection.
    bool shuttingDown = false;
    // requestWantsClose: "Connection: close", or HTTP/1.0 without keep-alive (Request::wantsClose).
    bool requestWantsClose = false;
    // writerMustClose: the response requires a close (Http1ResponseWriter::mustClose()).
    bool writerMustClose = false;
    // parseError: the request (head or body) was malformed; what follows on the wire cannot be trusted.
    bool parseError = false;
    // expectContinueUnanswered: the client sent "Expect: 100-continue", no 100 was sent and the body was not
    // read to its end. The client may or may not send the body now, so the next bytes cannot be interpreted
    // (Go issue 11549): close.
    bool expectContinueUnanswered = false;
    // bodyComplete: the whole request body (or none) has been read from the wire.
    bool bodyComplete = true;
    // unreadBodyBytes: body bytes still on the wire when known (Content-Length), -1 when unknown (chunked).
    // Ignored when bodyComplete.
    qint64 unreadBodyBytes = 0;
    // maxDrainBytes: the most body bytes the server reads and discards to keep the connection.
    qint64 maxDrainBytes = 256 * 1024;

    friend bool operator==(const KeepAliveInput &, const KeepAliveInput &) = default;
};

// KeepAlive is what the connection does after a response.
enum class KeepAlive
{
    // Reuse: read the next request (parsing buffered pipelined bytes first).
    Reuse,
    // DrainThenReuse: read and discard the rest of the request body, up to maxDrainBytes in total, then read
    // the next request; a body that turns out longer closes the connection.
    DrainThenReuse,
    // Close: close the connection once the response bytes are written.
    Close,
};

// keepAliveDecision decides the fate of a connection after a response, as Go's conn.serve and
// chunkWriter.writeHeader do: close if the client or the response asks for it, keep-alives are disabled, the
// server is shutting down, the request was malformed, a 100-continue went unanswered with the body unread, or
// the unread body is known to exceed maxDrainBytes; drain an unread body that may fit; otherwise reuse.
// Pure function; thread-safe.
[[nodiscard]] KeepAlive keepAliveDecision(const KeepAliveInput &input);

// keepAliveName returns the enumerator's name ("Reuse"...), for logs and test output. Pure; thread-safe.
const char *keepAliveName(KeepAlive decision);

} // namespace httpcore
