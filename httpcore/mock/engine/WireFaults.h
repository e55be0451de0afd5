#pragma once

#include "httpcore/mock/engine/Exchange.h"

namespace mock
{

struct PreparedResponse;

// runWireFault produces one of the faults that break the HTTP exchange on the wire, on the connection taken over
// from the server (ResponseWriter::hijack()) as a RawConnection. The response head it writes is prepared's status
// and fields, a Date, its own framing field and "Connection: close"; the body is prepared's, streamed from its
// source as the connection drains (none for HEAD). What a client sees (curl 7.88's exit code and message):
//
//   ResetBeforeHeaders    RST before any byte                               56 "Recv failure: Connection reset by peer"
//   ResetAfterHeaders     the head (with the real Content-Length), then RST 56, after the head
//   ResetAtBodyByte       the head, atByte body bytes, then RST             56, after atByte bytes
//   EmptyResponse         FIN without a byte                                52 "Empty reply from server"
//   ContentLengthOver     Content-Length twice the body's (at least body+1), the body, FIN
//                                                                           18 "transfer closed with N bytes remaining
//                                                                           to read"
//   ContentLengthUnder    Content-Length half the body's, the whole body, FIN
//                                                                           0, the body cut at the declared length
//   MalformedChunk        chunked: the first half of the body as a chunk, then a size line "XYZ", FIN
//                                                                           56 "Illegal or missing hexadecimal sequence
//                                                                           in chunked-encoding"
//   MissingFinalChunk     chunked: the whole body as chunks, no last chunk, FIN
//                                                                           18 "transfer closed with outstanding read
//                                                                           data remaining"
//   RandomBytesThenClose  16 to 512 random bytes (from the roll's seed) instead of a response, FIN
//                                                                           1 "Received HTTP/0.9 when not allowed"
//   HeadersThenHang       the head (real Content-Length), then silence until the client closes, or 10 minutes
//                                                                           28 "Operation timed out" under --max-time
//
// It returns false, having done nothing but report why to the route's sink, when the connection cannot be taken
// over (a middleware writer that refuses hijack(), such as a timeout's); the caller then answers normally. kind
// must be one of the above. Thread affinity: the exchange's worker thread.
[[nodiscard]] bool runWireFault(const ExchangePtr &ex, const Fault &fault, PreparedResponse &prepared);

} // namespace mock
