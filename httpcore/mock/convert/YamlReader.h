#pragma once

#include "httpcore/Expected.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace mock
{

// YamlReader parses YAML text (yaml-cpp, Debian's libyaml-cpp-dev) into the same QJsonValue the JSON reader gives,
// so every converter has one code path: mappings become objects with their key order kept (KeyOrder), sequences
// arrays. Plain scalars are typed by the YAML 1.2 core schema (null, ~, true, false, integers in decimal, 0x and 0o,
// floats with .inf and .nan); quoted and block scalars are strings; the tags !!str, !!int, !!float, !!bool and
// !!null are honoured. Mapping keys are taken as text (so `200:` is the key "200"). Only the first document of a
// stream is read. Aliases are expanded; more than MaxNodes values or nesting deeper than MaxDepth is refused.
//
// Errors read "at line 3, column 5: end of map not found" (1-based). Pure; thread-safe.
class YamlReader
{
public:
    static constexpr int MaxDepth = 256;
    static constexpr qsizetype MaxNodes = 2'000'000;

    [[nodiscard]] static httpcore::Expected<QJsonValue, QString> parse(const QByteArray &text);
};

} // namespace mock
