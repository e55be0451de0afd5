#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace mock
{

// JsonString writes JSON string literals (RFC 8259 §7) for every JSON writer of the mock engine: the route-set
// writer, the import/export document writer and the templates' jsonEscape helper. One escaper, so the three
// cannot drift apart.
//
// Pure static functions; thread-safe.
class JsonString
{
public:
    // appendQuoted appends text to out as a quoted JSON string: '"', '\' and U+0000..U+001F escaped (\n, \r, \t,
    // \b, \f by name, the rest as \u00XX), everything else as UTF-8. Half of a UTF-16 surrogate pair, which UTF-8
    // cannot hold, is written as its \uXXXX escape instead of being replaced by '?', so nothing is lost; the
    // route-set reader then refuses it with a message (JsonTextScanner).
    static void appendQuoted(QByteArray &out, QStringView text);
    // appendEscapedUtf8 appends utf8 (UTF-8 text) to out escaped for the inside of a JSON string, without quotes,
    // with the escapes appendQuoted() uses.
    static void appendEscapedUtf8(QByteArray &out, QByteArrayView utf8);
};

} // namespace mock
