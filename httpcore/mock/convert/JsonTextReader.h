#pragma once

#include "httpcore/Expected.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

namespace mock
{

// JsonTextReader parses JSON text (RFC 8259) into a QJsonValue whose objects remember their key order (KeyOrder),
// which QJsonDocument cannot do. Any value may be the root. A number without a fraction or exponent that fits in
// 64 bits is an integer; others are doubles. A repeated key keeps its first position and its last value. A UTF-8
// byte order mark is skipped. Nesting deeper than MaxDepth is refused.
//
// Errors read "at line 3, column 14: expected ',' or '}'" (1-based, columns in bytes). Pure; thread-safe.
class JsonTextReader
{
public:
    static constexpr int MaxDepth = 512;

    [[nodiscard]] static httpcore::Expected<QJsonValue, QString> parse(QByteArrayView text);
};

} // namespace mock
