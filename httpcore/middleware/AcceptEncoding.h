#pragma once

#include "httpcore/Header.h"

namespace httpcore
{

// acceptEncodingQuality returns the quality, in thousandths (0 to 1000), that the Accept-Encoding field values
// give to content coding (RFC 9110 §12.5.3): the highest qvalue of an element naming coding (case-insensitively;
// "x-gzip" counts as "gzip", §8.4.1.3), else that of "*", else -1 when neither is listed. An element without q
// has quality 1000; an element with a malformed qvalue is ignored. Pure; thread-safe.
int acceptEncodingQuality(const QList<QByteArrayView> &values, QByteArrayView coding);

// acceptsGzip reports whether a request with header may be answered gzip-compressed: its Accept-Encoding gives
// gzip (or "*") a quality above 0. "q=0" refuses; a request without Accept-Encoding gets no compression. Pure;
// thread-safe.
bool acceptsGzip(const Header &header);

} // namespace httpcore
