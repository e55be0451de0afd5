#include "httpcore/mock/convert/OpenApiSchemas.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/KeyOrder.h"

#include <QJsonArray>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;

void note(QStringList &notes, const QString &text)
{
    if (!notes.contains(text))
        notes.append(text);
}

QJsonValue stringExample(const QString &format)
{
    static const QList<std::pair<QString, QString>> examples{
        {u"date-time"_s, u"2024-01-01T00:00:00Z"_s},
        {u"date"_s, u"2024-01-01"_s},
        {u"time"_s, u"00:00:00"_s},
        {u"uuid"_s, u"00000000-0000-0000-0000-000000000000"_s},
        {u"email"_s, u"user@example.com"_s},
        {u"uri"_s, u"https://example.com/"_s},
        {u"url"_s, u"https://example.com/"_s},
        {u"hostname"_s, u"example.com"_s},
        {u"ipv4"_s, u"192.0.2.1"_s},
        {u"ipv6"_s, u"2001:db8::1"_s},
        {u"byte"_s, u"c3RyaW5n"_s},
        {u"binary"_s, QString()},
    };
    for (const auto &[name, value] : examples) {
        if (name == format)
            return value;
    }
    return u"string"_s;
}

// typeOf returns the schema's type (the first non-"null" one of a 3.1 type list), or infers it from properties
// or items.
QString typeOf(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(u"type"_s);
    if (type.isString())
        return type.toString();
    for (const QJsonValue &item : type.toArray()) {
        if (item.toString() != u"null"_s)
            return item.toString();
    }
    if (schema.contains(u"properties"_s) || schema.contains(u"additionalProperties"_s))
        return u"object"_s;
    if (schema.contains(u"items"_s))
        return u"array"_s;
    return {};
}

} // namespace

std::optional<QJsonValue> OpenApiSchemas::pointer(const QString &ref, QString &why) const
{
    if (!ref.startsWith(u'#')) {
        why = u"the external reference %1 is not followed"_s.arg(quoted(ref));
        return std::nullopt;
    }
    QJsonValue current = m_document;
    const QString path = QUrl::fromPercentEncoding(ref.sliced(1).toUtf8());
    if (path.isEmpty())
        return current;
    QStringList tokens = path.split(u'/');
    if (tokens.takeFirst() != QString()) {
        why = u"the reference %1 is not a JSON pointer"_s.arg(quoted(ref));
        return std::nullopt;
    }
    for (QString token : tokens) {
        token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        bool isIndex = false;
        const int index = token.toInt(&isIndex);
        if (current.isObject() && current.toObject().contains(token) && token != KeyOrder::HiddenKey) {
            current = current.toObject().value(token);
        } else if (current.isArray() && isIndex && index >= 0 && index < current.toArray().size()) {
            current = current.toArray().at(index);
        } else {
            why = u"the reference %1 leads nowhere"_s.arg(quoted(ref));
            return std::nullopt;
        }
    }
    return current;
}

std::optional<QJsonObject> OpenApiSchemas::resolve(const QJsonValue &value, QString &why) const
{
    QJsonValue current = value;
    QStringList seen;
    while (current.isObject() && current.toObject().contains(u"$ref"_s)) {
        const QString ref = current.toObject().value(u"$ref"_s).toString();
        if (seen.contains(ref) || seen.size() >= MaxRefHops) {
            why = u"the reference %1 is circular"_s.arg(quoted(ref));
            return std::nullopt;
        }
        seen.append(ref);
        std::optional<QJsonValue> target = pointer(ref, why);
        if (!target)
            return std::nullopt;
        current = *target;
    }
    if (!current.isObject()) {
        why = u"an object was expected"_s;
        return std::nullopt;
    }
    return current.toObject();
}

QJsonValue OpenApiSchemas::example(const QJsonValue &schema, QStringList &notes) const
{
    Build state{{}, 0, notes};
    return build(schema, state, 0);
}

QJsonValue OpenApiSchemas::build(const QJsonValue &value, Build &state, int depth) const
{
    QStringList &refs = state.refs;
    QStringList &notes = state.notes;
    if (depth > MaxDepth) {
        note(notes, u"the schema nests deeper than %1 levels: cut there (null)"_s.arg(MaxDepth));
        return QJsonValue(QJsonValue::Null);
    }
    if (++state.values > MaxValues) {
        note(notes, u"the example has more than %1 values: cut there (null)"_s.arg(MaxValues));
        return QJsonValue(QJsonValue::Null);
    }
    const QJsonObject schema = value.toObject();
    if (schema.contains(u"$ref"_s)) {
        const QString ref = schema.value(u"$ref"_s).toString();
        if (refs.contains(ref)) {
            note(notes, u"the schema %1 contains itself: the inner one is null"_s.arg(quoted(ref)));
            return QJsonValue(QJsonValue::Null);
        }
        QString why;
        const std::optional<QJsonValue> target = pointer(ref, why);
        if (!target) {
            note(notes, why + u": null there"_s);
            return QJsonValue(QJsonValue::Null);
        }
        refs.append(ref);
        const QJsonValue result = build(*target, state, depth + 1);
        refs.removeLast();
        return result;
    }
    if (schema.contains(u"example"_s))
        return schema.value(u"example"_s);
    if (const QJsonArray values = schema.value(u"enum"_s).toArray(); !values.isEmpty())
        return values.first();
    if (schema.contains(u"default"_s))
        return schema.value(u"default"_s);
    if (schema.value(u"allOf"_s).isArray())
        return buildAllOf(schema, state, depth);
    for (const QString &key : {u"oneOf"_s, u"anyOf"_s}) {
        if (const QJsonArray choices = schema.value(key).toArray(); !choices.isEmpty())
            return build(choices.first(), state, depth + 1);
    }
    return buildByType(schema, state, depth);
}

QJsonValue OpenApiSchemas::buildAllOf(const QJsonObject &schema, Build &state, int depth) const
{
    QJsonObject merged;
    QJsonValue last;
    for (const QJsonValue &part : schema.value(u"allOf"_s).toArray()) {
        last = build(part, state, depth + 1);
        const QJsonObject object = last.toObject();
        for (const QString &key : KeyOrder::keys(object))
            KeyOrder::insert(merged, key, object.value(key));
    }
    if (!KeyOrder::isEmpty(merged) || typeOf(schema) == u"object"_s) {
        const QJsonObject own = buildByType(schema, state, depth).toObject();
        for (const QString &key : KeyOrder::keys(own))
            KeyOrder::insert(merged, key, own.value(key));
        return merged;
    }
    return last;
}

QJsonValue OpenApiSchemas::buildByType(const QJsonObject &schema, Build &state, int depth) const
{
    const QString type = typeOf(schema);
    if (type == u"object"_s) {
        QJsonObject object;
        const QJsonObject properties = schema.value(u"properties"_s).toObject();
        for (const QString &name : KeyOrder::keys(properties))
            KeyOrder::insert(object, name, build(properties.value(name), state, depth + 1));
        if (KeyOrder::isEmpty(properties) && schema.value(u"additionalProperties"_s).isObject())
            KeyOrder::insert(object, u"key"_s, build(schema.value(u"additionalProperties"_s), state, depth + 1));
        return object;
    }
    if (type == u"array"_s) {
        QJsonArray array;
        const QString itemRef = schema.value(u"items"_s).toObject().value(u"$ref"_s).toString();
        if (!itemRef.isEmpty() && state.refs.contains(itemRef)) {
            note(state.notes, u"the schema %1 contains itself: the inner array is empty"_s.arg(quoted(itemRef)));
            return array;
        }
        if (schema.contains(u"items"_s))
            array.append(build(schema.value(u"items"_s), state, depth + 1));
        return array;
    }
    if (type == u"string"_s)
        return stringExample(schema.value(u"format"_s).toString());
    if (type == u"integer"_s || type == u"number"_s) {
        const double minimum = schema.value(u"minimum"_s).toDouble(0);
        if (minimum <= 0)
            return type == u"integer"_s ? QJsonValue(qint64(0)) : QJsonValue(0.0);
        return type == u"integer"_s ? QJsonValue(qint64(std::ceil(minimum))) : QJsonValue(minimum);
    }
    if (type == u"boolean"_s)
        return true;
    return QJsonValue(QJsonValue::Null);
}

} // namespace mock
