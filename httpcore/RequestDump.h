#pragma once

#include "httpcore/Request.h"

#include <QByteArray>
#include <QByteArrayView>

namespace httpcore
{

// dumpRequest renders a request in the layout of Go's httputil.DumpRequest: the request line as sent
// ("POST /p?q=1 HTTP/1.1"), the header fields in arrival order with canonical names, a blank line, then the
// (decoded) body. Lines end in CRLF. At most bodyCap bytes of body are shown; when body is longer (or
// totalBodyBytes, the full size when the caller kept only a prefix, is larger) a final line
// "[... N more bytes not shown]" says how much was cut. Trailer fields of a chunked body, when given, follow
// the body. Pure function; thread-safe.
QByteArray dumpRequest(const Request &request,
                       QByteArrayView body,
                       qsizetype bodyCap,
                       qint64 totalBodyBytes = -1,
                       const Header &trailer = Header());

} // namespace httpcore
