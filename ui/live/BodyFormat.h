#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace ui
{

// BodyFormat chooses and renders the presentation of a message body for the inspector and the HAR export: pretty
// JSON, text, or a hex dump. Pure functions; thread-safe.
class BodyFormat
{
public:
    // Kind is how a body is shown.
    enum class Kind
    {
        Json,
        Text,
        Hex
    };

    // detect picks the kind for body declared as contentType (a Content-Type value, may be empty): Json when the
    // media type is JSON (application/json, anything "+json") or, undeclared or text/plain, when the body parses
    // as JSON; Text for other textual types (text/*, XML, JavaScript, form data) and for undeclared bodies that
    // sniff as text (httpcore::detectContentType); Hex otherwise, and for any body that is not valid UTF-8.
    static Kind detect(const QByteArray &body, const QString &contentType);
    // isTextual is true when body is valid UTF-8 without control characters other than whitespace.
    static bool isTextual(const QByteArray &body);
    // render returns body as kind shows it. Json that does not parse falls back to Text; Text that is not UTF-8
    // shows U+FFFD for the invalid bytes.
    static QString render(const QByteArray &body, Kind kind);
    // prettyJson returns body indented (4 spaces), or an empty string when body is not a JSON object or array.
    static QString prettyJson(const QByteArray &body);
    // hexDump returns body in rows of 16 bytes: offset, hex bytes, and the printable ASCII ('.' for the others).
    static QString hexDump(const QByteArray &body);
    // stripNotices returns a dump's body without the notice lines the capture appends after it when it shows less
    // than the whole body (see httpcore::CapturedExchange::request and ::response): any number of lines
    // "[... N more bytes not shown]", "[... N more bytes not read by the handler]", "[... rest of the chunked body
    // not read by the handler]", "[... N more bytes not received: <reason>]" (or "rest of the chunked body not
    // received: ..."), each ending in CRLF, together with the CRLF that precedes the first one. Bodies without a
    // notice are returned as they are.
    static QByteArray stripNotices(const QByteArray &body);
    // notices returns the notice lines stripNotices() removes, in order, without their CRLF; empty without any.
    static QList<QByteArray> notices(const QByteArray &body);
};

} // namespace ui
