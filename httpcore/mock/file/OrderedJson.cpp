#include "httpcore/mock/file/OrderedJson.h"

#include "httpcore/mock/file/JsonString.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

void writeNumber(QByteArray &out, const QJsonValue &value)
{
    const double d = value.toDouble();
    if (!std::isfinite(d))
        out.append("null");
    else if (value.toInteger(0) == value.toInteger(1))
        out.append(QByteArray::number(value.toInteger()));
    else
        out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
}

void newline(QByteArray &out, int indent)
{
    out.append('\n').append(QByteArray(indent, ' '));
}

} // namespace

OrderedJson::OrderedJson(const QJsonValue &value)
{
    if (value.isObject()) {
        m_kind = Kind::Object;
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            insert(it.key(), OrderedJson(it.value()));
    } else if (value.isArray()) {
        m_kind = Kind::Array;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            append(OrderedJson(element));
    } else {
        m_scalar = value;
    }
}

OrderedJson OrderedJson::object()
{
    return OrderedJson(Kind::Object);
}

OrderedJson OrderedJson::array()
{
    return OrderedJson(Kind::Array);
}

OrderedJson &OrderedJson::insert(QStringView key, OrderedJson value)
{
    Q_ASSERT(m_kind == Kind::Object && !m_keys.contains(key));
    m_keys.append(key.toString());
    m_values.push_back(std::move(value));
    return *this;
}

OrderedJson &OrderedJson::append(OrderedJson value)
{
    Q_ASSERT(m_kind == Kind::Array);
    m_values.push_back(std::move(value));
    return *this;
}

QByteArray OrderedJson::toJson() const
{
    QByteArray out;
    write(out, 0, false);
    out.append('\n');
    return out;
}

bool OrderedJson::isFlat() const
{
    return std::all_of(m_values.cbegin(), m_values.cend(),
                       [](const OrderedJson &v) { return !v.isContainer() || v.isEmpty(); });
}

void OrderedJson::writeScalar(QByteArray &out) const
{
    switch (m_scalar.type()) {
    case QJsonValue::Bool:
        out.append(m_scalar.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double:
        writeNumber(out, m_scalar);
        break;
    case QJsonValue::String:
        JsonString::appendQuoted(out, m_scalar.toString());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
    case QJsonValue::Array:
    case QJsonValue::Object:
        out.append("null");
        break;
    }
}

void OrderedJson::writeInline(QByteArray &out) const
{
    const bool isObject = m_kind == Kind::Object;
    out.append(isObject ? '{' : '[');
    for (size_t i = 0; i < m_values.size(); ++i) {
        if (i > 0)
            out.append(", ");
        if (isObject) {
            JsonString::appendQuoted(out, m_keys[qsizetype(i)]);
            out.append(": ");
        }
        m_values[i].write(out, 0, true);
    }
    out.append(isObject ? '}' : ']');
}

void OrderedJson::write(QByteArray &out, int indent, bool allowInline) const
{
    if (m_kind == Kind::Scalar) {
        writeScalar(out);
        return;
    }
    if (m_values.empty() || (allowInline && isFlat())) {
        // Try one line; keep it when it fits after what is already on the current line.
        const qsizetype lineStart = out.lastIndexOf('\n') + 1;
        const qsizetype mark = out.size();
        writeInline(out);
        if (m_values.empty() || QString::fromUtf8(out.sliced(lineStart)).size() + 1 <= InlineWidth)
            return;
        out.truncate(mark);
    }
    const bool isObject = m_kind == Kind::Object;
    out.append(isObject ? '{' : '[');
    for (size_t i = 0; i < m_values.size(); ++i) {
        newline(out, indent + 2);
        if (isObject) {
            JsonString::appendQuoted(out, m_keys[qsizetype(i)]);
            out.append(": ");
        }
        m_values[i].write(out, indent + 2, true);
        if (i + 1 < m_values.size())
            out.append(',');
    }
    newline(out, indent);
    out.append(isObject ? '}' : ']');
}

} // namespace mock
