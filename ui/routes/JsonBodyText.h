#pragma once

#include <QString>

#include <optional>

namespace ui
{

// JsonBodyText checks and pretty-prints the JSON body of a response as the body editor shows it. In a templated
// body, mustache tags outside JSON strings ("{"id": {{pathValues.id}}}") stand for values: checking reads each
// variable tag as the number 0 and drops section tags ({{#...}}, {{/...}}, {{^...}}, {{!...}}), and
// pretty-printing keeps every tag as written. Pretty-printing keeps the order of object members and the text
// of numbers and strings, indenting by two spaces. Pure static functions; thread-safe.
class JsonBodyText
{
public:
    // isJsonContentType reports whether a body of contentType is JSON: application/json, text/json, or a
    // "+json" structured syntax suffix (application/problem+json), parameters ignored.
    static bool isJsonContentType(const QString &contentType);
    // problem returns why text is not valid JSON ("line 2, column 5: missing value separator"), or nothing.
    static std::optional<QString> problem(const QString &text, bool templated);
    // prettyPrinted returns text indented, or nothing when text is not valid JSON. A final newline is kept.
    static std::optional<QString> prettyPrinted(const QString &text, bool templated);

private:
    static qsizetype tagEnd(const QString &text, qsizetype start);
};

} // namespace ui
