#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace mock
{

// DocumentWriter writes a QJsonValue as JSON text, objects in their KeyOrder (the hidden order member is never
// written). Indented output uses two spaces and `"key": value`, an empty object or array is `{}` or `[]`, and
// there is no newline after the last line; compact output has no white space at all. Strings are UTF-8 with '"',
// '\' and control characters escaped; integral numbers are written as integers, others in the shortest form that
// reads back to the same double. This is the one spelling convert/ gives JSON bodies, so an example that goes
// out through the OpenAPI exporter and comes back through the importer is the same text.
//
// Pure static functions; thread-safe.
class DocumentWriter
{
public:
    enum class Format
    {
        Indented,
        Compact
    };

    static QByteArray toJson(const QJsonValue &value, Format format = Format::Indented);
    // toText returns a scalar as the text a header or query value would carry (a string as itself, a number or
    // boolean in JSON spelling, null as empty), and a container as compact JSON.
    static QString toText(const QJsonValue &value);
};

} // namespace mock
