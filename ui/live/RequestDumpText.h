#pragma once

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
// argument single-quoted for POSIX shells. The body, which the dump does not hold, is left out.
QString curlCommand(const QByteArray &dump, const QString &baseUrl);

// shellQuote quotes text for a POSIX shell ('it'\''s').
QString shellQuote(const QString &text);

} // namespace ui
