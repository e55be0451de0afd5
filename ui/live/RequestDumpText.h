#pragma once

#include "httpcore/middleware/CapturedExchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace ui
{

// Helpers over the captured dumps (see httpcore::CapturedExchange): "start line CRLF, fields CRLF, CRLF, body".
// Pure functions; thread-safe.

// DumpParts is a dump split into its start line, its header fields in order, and what follows the blank line.
struct DumpParts
{
    QString startLine;
    QList<std::pair<QString, QString>> fields;
    QByteArray body;
};

// splitDump splits dump; a dump without a blank line is all head.
DumpParts splitDump(const QByteArray &dump);

// curlCommand returns a shell command line that repeats the request of dump against baseUrl ("http://h:p"): the
// method, the URL, every header field except those curl sets itself (Host, Content-Length, Connection), each
// argument single-quoted for POSIX shells. The body is left out; the overload for a capture adds it.
QString curlCommand(const QByteArray &dump, const QString &baseUrl);

// curlCommand returns the command line of capture's request as the overload above does, its credential fields
// masked (CredentialMask) when maskCredentials is set, with the body added as "--data-binary '<body>'" (and the
// "-X POST" that it then implies left out) when the capture holds all of it: requestBodyComplete, not
// requestBodyTruncated, and not empty. The body must also be text (BodyFormat::isTextual): a shell word cannot hold
// a NUL byte and the clipboard holds text, so a binary body is not put on the command line. Whenever the request
// had a body that is not included, the command ends in a shell comment that says why, e.g. "# body not included:
// 12 bytes of binary data", "# body not included: only the first 65536 of 100000 bytes were captured", so that
// running the command as it is sends no body rather than a wrong one.
QString curlCommand(const httpcore::CapturedExchange &capture, const QString &baseUrl, bool maskCredentials);

// requestBodySize returns the size of capture's request body as far as it is known: the declared length
// (Content-Length), or for a chunked body the bytes received once it was complete; -1 when it is unknown (a chunked
// body the handler did not read to its end); 0 without a body.
qint64 requestBodySize(const httpcore::CapturedExchange &capture);

// requestBodyFailed is true when reading capture's request body failed (malformed chunked coding, over the size
// limit, connection lost), as the "not received" notice of its dump says.
bool requestBodyFailed(const httpcore::CapturedExchange &capture);

// shellQuote quotes text for a POSIX shell ('it'\''s').
QString shellQuote(const QString &text);

} // namespace ui
