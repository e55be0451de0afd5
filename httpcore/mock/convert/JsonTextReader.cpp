#include "httpcore/mock/convert/JsonTextReader.h"

#include "httpcore/mock/convert/KeyOrder.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Expected;
using httpcore::Unexpected;

// Parser is a recursive-descent JSON parser over bytes; on failure m_error holds the message of the first error
// and m_errorAt its offset.
class Parser
{
public:
    explicit Parser(QByteArrayView text) : m_text(text) {}

    std::optional<QJsonValue> parseDocument();
    QString error() const;

private:
    std::optional<QJsonValue> parseValue(int depth);
    std::optional<QJsonValue> parseObject(int depth);
    std::optional<QJsonValue> parseArray(int depth);
    std::optional<QString> parseString();
    std::optional<QJsonValue> parseNumber();
    std::optional<QJsonValue> parseLiteral();
    bool parseEscape(QString &out);
    std::optional<char16_t> parseHex4();
    void skipSpace();
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    std::nullopt_t fail(const QString &message);

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorAt = 0;
};

std::nullopt_t Parser::fail(const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_errorAt = m_pos;
    }
    return std::nullopt;
}

QString Parser::error() const
{
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < m_errorAt && i < m_text.size(); ++i) {
        if (m_text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return u"at line %1, column %2: %3"_s.arg(line).arg(m_errorAt - lineStart + 1).arg(m_error);
}

void Parser::skipSpace()
{
    while (!atEnd()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

std::optional<QJsonValue> Parser::parseDocument()
{
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
    skipSpace();
    if (atEnd())
        return fail(u"no JSON value (the text is empty)"_s);
    std::optional<QJsonValue> value = parseValue(0);
    if (!value)
        return std::nullopt;
    skipSpace();
    if (!atEnd())
        return fail(u"unexpected text after the JSON value"_s);
    return value;
}

std::optional<QJsonValue> Parser::parseValue(int depth)
{
    if (depth > JsonTextReader::MaxDepth)
        return fail(u"nested deeper than %1 levels"_s.arg(JsonTextReader::MaxDepth));
    skipSpace();
    const char c = peek();
    if (c == '{')
        return parseObject(depth + 1);
    if (c == '[')
        return parseArray(depth + 1);
    if (c == '"') {
        std::optional<QString> text = parseString();
        return text ? std::optional<QJsonValue>(QJsonValue(*text)) : std::nullopt;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parseNumber();
    if (c == 't' || c == 'f' || c == 'n')
        return parseLiteral();
    if (atEnd())
        return fail(u"unexpected end of text: a value was expected"_s);
    return fail(u"unexpected character '%1': a value was expected"_s.arg(QChar::fromLatin1(c)));
}

std::optional<QJsonValue> Parser::parseObject(int depth)
{
    ++m_pos; // '{'
    QJsonObject object;
    QStringList order;
    skipSpace();
    if (peek() == '}') {
        ++m_pos;
        return QJsonValue(object);
    }
    while (true) {
        skipSpace();
        if (peek() != '"')
            return fail(u"expected a string key"_s);
        std::optional<QString> key = parseString();
        if (!key)
            return std::nullopt;
        skipSpace();
        if (peek() != ':')
            return fail(u"expected ':' after the key"_s);
        ++m_pos;
        std::optional<QJsonValue> value = parseValue(depth);
        if (!value)
            return std::nullopt;
        if (!object.contains(*key))
            order.append(*key);
        object.insert(*key, *value);
        skipSpace();
        if (peek() == ',') {
            ++m_pos;
            continue;
        }
        if (peek() == '}') {
            ++m_pos;
            break;
        }
        return fail(u"expected ',' or '}'"_s);
    }
    object.remove(KeyOrder::HiddenKey);
    order.removeAll(KeyOrder::HiddenKey);
    KeyOrder::setOrder(object, order);
    return QJsonValue(object);
}

std::optional<QJsonValue> Parser::parseArray(int depth)
{
    ++m_pos; // '['
    QJsonArray array;
    skipSpace();
    if (peek() == ']') {
        ++m_pos;
        return QJsonValue(array);
    }
    while (true) {
        std::optional<QJsonValue> value = parseValue(depth);
        if (!value)
            return std::nullopt;
        array.append(*value);
        skipSpace();
        if (peek() == ',') {
            ++m_pos;
            continue;
        }
        if (peek() == ']') {
            ++m_pos;
            return QJsonValue(array);
        }
        return fail(u"expected ',' or ']'"_s);
    }
}

std::optional<QString> Parser::parseString()
{
    ++m_pos; // '"'
    QString out;
    qsizetype runStart = m_pos;
    while (true) {
        if (atEnd())
            return fail(u"unterminated string"_s);
        const char c = m_text[m_pos];
        if (c == '"' || c == '\\') {
            out += QString::fromUtf8(m_text.sliced(runStart, m_pos - runStart));
            ++m_pos;
            if (c == '"')
                return out;
            if (!parseEscape(out))
                return std::nullopt;
            runStart = m_pos;
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(u"control character in a string (it must be escaped)"_s);
        ++m_pos;
    }
}

bool Parser::parseEscape(QString &out)
{
    const char c = peek();
    ++m_pos;
    switch (c) {
    case '"':
    case '\\':
    case '/':
        out += QChar::fromLatin1(c);
        return true;
    case 'b':
        out += u'\b';
        return true;
    case 'f':
        out += u'\f';
        return true;
    case 'n':
        out += u'\n';
        return true;
    case 'r':
        out += u'\r';
        return true;
    case 't':
        out += u'\t';
        return true;
    case 'u':
        if (std::optional<char16_t> unit = parseHex4()) {
            out += QChar(*unit);
            return true;
        }
        return false;
    default:
        --m_pos;
        fail(u"invalid escape sequence in a string"_s);
        return false;
    }
}

std::optional<char16_t> Parser::parseHex4()
{
    if (m_pos + 4 > m_text.size())
        return fail(u"truncated \\u escape"_s);
    bool ok = false;
    const uint value = m_text.sliced(m_pos, 4).toByteArray().toUInt(&ok, 16);
    if (!ok || m_text.sliced(m_pos, 4).contains('+') || m_text.sliced(m_pos, 4).contains('-'))
        return fail(u"invalid \\u escape: four hex digits expected"_s);
    m_pos += 4;
    return char16_t(value);
}

std::optional<QJsonValue> Parser::parseNumber()
{
    const qsizetype start = m_pos;
    auto digits = [this] {
        const qsizetype from = m_pos;
        while (!atEnd() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
            ++m_pos;
        return m_pos - from;
    };
    if (peek() == '-')
        ++m_pos;
    if (peek() == '0')
        ++m_pos;
    else if (digits() == 0)
        return fail(u"invalid number: a digit was expected"_s);
    bool integral = true;
    if (peek() == '.') {
        ++m_pos;
        integral = false;
        if (digits() == 0)
            return fail(u"invalid number: a digit was expected after '.'"_s);
    }
    if (peek() == 'e' || peek() == 'E') {
        ++m_pos;
        integral = false;
        if (peek() == '+' || peek() == '-')
            ++m_pos;
        if (digits() == 0)
            return fail(u"invalid number: a digit was expected in the exponent"_s);
    }
    const QByteArray text = m_text.sliced(start, m_pos - start).toByteArray();
    bool ok = false;
    if (integral) {
        const qint64 value = text.toLongLong(&ok);
        if (ok)
            return QJsonValue(value);
    }
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return fail(u"number out of range"_s);
    return QJsonValue(value);
}

std::optional<QJsonValue> Parser::parseLiteral()
{
    const QByteArrayView rest = m_text.sliced(m_pos);
    if (rest.startsWith("true")) {
        m_pos += 4;
        return QJsonValue(true);
    }
    if (rest.startsWith("false")) {
        m_pos += 5;
        return QJsonValue(false);
    }
    if (rest.startsWith("null")) {
        m_pos += 4;
        return QJsonValue(QJsonValue::Null);
    }
    return fail(u"invalid literal: true, false or null expected"_s);
}

} // namespace

Expected<QJsonValue, QString> JsonTextReader::parse(QByteArrayView text)
{
    Parser parser(text);
    std::optional<QJsonValue> value = parser.parseDocument();
    if (!value)
        return Unexpected<QString>{parser.error()};
    return *value;
}

} // namespace mock
