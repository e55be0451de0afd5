#include "httpcore/mock/convert/DocumentWriter.h"

#include "httpcore/mock/convert/KeyOrder.h"
#include "httpcore/mock/file/JsonString.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QVariant>

#include <cmath>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

void writeNumber(QByteArray &out, const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong) {
        out += QByteArray::number(variant.toLongLong());
        return;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

void write(QByteArray &out, const QJsonValue &value, bool indented, int level)
{
    const QByteArray newline = indented ? '\n' + QByteArray(2 * (level + 1), ' ') : QByteArray();
    const QByteArray closing = indented ? '\n' + QByteArray(2 * level, ' ') : QByteArray();
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        writeNumber(out, value);
        return;
    case QJsonValue::String:
        JsonString::appendQuoted(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += (i > 0 ? "," : "") + newline;
            write(out, array.at(i), indented, level + 1);
        }
        out += (array.isEmpty() ? QByteArray() : closing) + ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        const QStringList keys = KeyOrder::keys(object);
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += (i > 0 ? "," : "") + newline;
            JsonString::appendQuoted(out, keys[i]);
            out += indented ? ": " : ":";
            write(out, object.value(keys[i]), indented, level + 1);
        }
        out += (keys.isEmpty() ? QByteArray() : closing) + '}';
        return;
    }
    }
}

} // namespace

QByteArray DocumentWriter::toJson(const QJsonValue &value, Format format)
{
    QByteArray out;
    write(out, value, format == Format::Indented, 0);
    return out;
}

QString DocumentWriter::toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
    case QJsonValue::Double:
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(toJson(value, Format::Compact));
    }
    Q_UNREACHABLE();
}

} // namespace mock
