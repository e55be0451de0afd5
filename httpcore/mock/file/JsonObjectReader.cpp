#include "httpcore/mock/file/JsonObjectReader.h"

#include "httpcore/mock/file/JsonLocation.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

// isIntegral reports whether a JSON number has no fractional part and fits a qint64. toInteger() returns its
// fallback for any other number, so two different fallbacks tell; reading the integer directly keeps the
// numbers past 2^53 that the parser stored as integers exact.
bool isIntegral(const QJsonValue &value)
{
    return value.toInteger(0) == value.toInteger(1);
}

} // namespace

JsonObjectReader::JsonObjectReader(const QJsonObject &object,
                                   QString path,
                                   const ObjectKeys &keys,
                                   ProblemList &problems)
    : m_object(object), m_path(std::move(path)), m_problems(problems)
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!keys.keys.contains(it.key()))
            m_problems.add(m_path,
                           u"unknown key %1 (expected one of: %2)"_s.arg(quoted(it.key()), keys.keys.join(u", "_s)));
    }
    for (const QString &key : keys.required) {
        if (!m_object.contains(key)) {
            m_problems.add(m_path, u"missing required key %1"_s.arg(quoted(key)));
            m_problems.markUnreadable(keyPath(key));
        }
    }
}

QString JsonObjectReader::keyPath(QStringView key) const
{
    return jsonlocation::member(m_path, key);
}

void JsonObjectReader::rejectKey(QStringView key, const QString &reason)
{
    if (!has(key))
        return;
    m_problems.add(m_path, u"key %1 does not apply to %2"_s.arg(quoted(key), reason));
    m_problems.markUnreadable(keyPath(key));
}

bool JsonObjectReader::readString(QStringView key, QString &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isString()) {
        reportWrongType(m_problems, keyPath(key), u"a string", value);
        return false;
    }
    out = value.toString();
    return true;
}

bool JsonObjectReader::readBool(QStringView key, bool &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isBool()) {
        reportWrongType(m_problems, keyPath(key), u"a boolean", value);
        return false;
    }
    out = value.toBool();
    return true;
}

bool JsonObjectReader::readInteger(QStringView key, qint64 min, qint64 max, qint64 &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isDouble()) {
        reportWrongType(m_problems, keyPath(key), u"an integer", value);
        return false;
    }
    const bool integral = isIntegral(value);
    if (integral && value.toInteger() >= min && value.toInteger() <= max) {
        out = value.toInteger();
        return true;
    }
    const QString expected = integral ? u"an integer from %1 to %2"_s.arg(min).arg(max) : u"an integer"_s;
    m_problems.add(keyPath(key), u"expected %1, got %2"_s.arg(expected, numberText(value)));
    m_problems.markUnreadable(keyPath(key));
    return false;
}

bool JsonObjectReader::readInt(QStringView key, int &out)
{
    qint64 value = 0;
    if (!readInteger(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), value))
        return false;
    out = int(value);
    return true;
}

bool JsonObjectReader::readNumber(QStringView key, double &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isDouble()) {
        reportWrongType(m_problems, keyPath(key), u"a number", value);
        return false;
    }
    out = value.toDouble();
    return true;
}

bool JsonObjectReader::readObject(QStringView key, QJsonObject &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isObject()) {
        reportWrongType(m_problems, keyPath(key), u"an object", value);
        return false;
    }
    out = value.toObject();
    return true;
}

bool JsonObjectReader::readArray(QStringView key, QJsonArray &out)
{
    if (!has(key))
        return false;
    const QJsonValue value = m_object.value(key);
    if (!value.isArray()) {
        reportWrongType(m_problems, keyPath(key), u"an array", value);
        return false;
    }
    out = value.toArray();
    return true;
}

QString JsonObjectReader::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString JsonObjectReader::numberText(const QJsonValue &value)
{
    if (isIntegral(value))
        return QString::number(value.toInteger());
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

void JsonObjectReader::reportWrongType(ProblemList &problems,
                                       const QString &path,
                                       QStringView expected,
                                       const QJsonValue &got)
{
    problems.add(path, u"expected %1, got %2"_s.arg(expected, typeName(got)));
    problems.markUnreadable(path);
}

void JsonObjectReader::reportUnknownName(QStringView key,
                                         QStringView noun,
                                         const QString &text,
                                         const QStringList &names)
{
    m_problems.add(keyPath(key), u"unknown %1 %2 (expected one of: %3)"_s.arg(noun, quoted(text), names.join(u", "_s)));
    m_problems.markUnreadable(keyPath(key));
}

} // namespace mock
