#include "httpcore/mock/convert/YamlReader.h"

#include "httpcore/mock/convert/KeyOrder.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <limits>
#include <string>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Expected;
using httpcore::Unexpected;

QString at(const YAML::Mark &mark, const QString &message)
{
    if (mark.is_null())
        return message;
    return u"at line %1, column %2: %3"_s.arg(mark.line + 1).arg(mark.column + 1).arg(message);
}

// resolvePlain types a plain (unquoted, untagged) scalar by the YAML 1.2 core schema.
QJsonValue resolvePlain(const QString &text)
{
    static const QRegularExpression nullRe(u"^(~|null|Null|NULL|)$"_s);
    static const QRegularExpression boolRe(u"^(true|True|TRUE|false|False|FALSE)$"_s);
    static const QRegularExpression intRe(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression floatRe(u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
    static const QRegularExpression infRe(u"^([-+]?)\\.(inf|Inf|INF)$"_s);
    if (nullRe.match(text).hasMatch())
        return QJsonValue(QJsonValue::Null);
    if (boolRe.match(text).hasMatch())
        return QJsonValue(text.front().toLower() == u't');
    bool ok = false;
    if (intRe.match(text).hasMatch()) {
        const qint64 value = text.toLongLong(&ok);
        if (ok)
            return QJsonValue(value);
    }
    if (text.startsWith(u"0x"_s)) {
        const qint64 value = text.sliced(2).toLongLong(&ok, 16);
        if (ok)
            return QJsonValue(value);
    }
    if (text.startsWith(u"0o"_s)) {
        const qint64 value = text.sliced(2).toLongLong(&ok, 8);
        if (ok)
            return QJsonValue(value);
    }
    if (floatRe.match(text).hasMatch()) {
        const double value = text.toDouble(&ok);
        if (ok && std::isfinite(value))
            return QJsonValue(value);
    }
    // JSON has no infinity or NaN: they stay text, which is what a JSON reader would make of them.
    return QJsonValue(text);
}

QJsonValue resolveTagged(const std::string &tag, const QString &text)
{
    if (tag == "tag:yaml.org,2002:str" || tag == "!")
        return QJsonValue(text);
    const QJsonValue value = resolvePlain(text);
    if (tag == "tag:yaml.org,2002:int" && value.isDouble())
        return value;
    if (tag == "tag:yaml.org,2002:float" && value.isDouble())
        return QJsonValue(value.toDouble());
    if ((tag == "tag:yaml.org,2002:bool" && value.isBool()) || (tag == "tag:yaml.org,2002:null" && value.isNull()))
        return value;
    return tag == "?" ? value : QJsonValue(text);
}

class Converter
{
public:
    Expected<QJsonValue, QString> convert(const YAML::Node &node, int depth);

private:
    Expected<QJsonValue, QString> convertMap(const YAML::Node &node, int depth);
    qsizetype m_nodes = 0;
};

Expected<QJsonValue, QString> Converter::convert(const YAML::Node &node, int depth)
{
    if (depth > YamlReader::MaxDepth)
        return Unexpected<QString>{at(node.Mark(), u"nested deeper than %1 levels"_s.arg(YamlReader::MaxDepth))};
    if (++m_nodes > YamlReader::MaxNodes)
        return Unexpected<QString>{
            at(node.Mark(), u"more than %1 values (aliases expanded)"_s.arg(YamlReader::MaxNodes))};
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar:
        return resolveTagged(node.Tag(), QString::fromStdString(node.Scalar()));
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            Expected<QJsonValue, QString> value = convert(item, depth + 1);
            if (!value)
                return value;
            array.append(*value);
        }
        return QJsonValue(array);
    }
    case YAML::NodeType::Map:
        return convertMap(node, depth);
    }
    Q_UNREACHABLE();
}

Expected<QJsonValue, QString> Converter::convertMap(const YAML::Node &node, int depth)
{
    QJsonObject object;
    QStringList order;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar() && !it->first.IsNull())
            return Unexpected<QString>{at(it->first.Mark(), u"a mapping key must be a scalar"_s)};
        const QString key = it->first.IsNull() ? u"null"_s : QString::fromStdString(it->first.Scalar());
        Expected<QJsonValue, QString> value = convert(it->second, depth + 1);
        if (!value)
            return value;
        if (key == KeyOrder::HiddenKey)
            continue;
        if (!object.contains(key))
            order.append(key);
        object.insert(key, *value);
    }
    KeyOrder::setOrder(object, order);
    return QJsonValue(object);
}

} // namespace

Expected<QJsonValue, QString> YamlReader::parse(const QByteArray &text)
{
    // yaml-cpp reports malformed input by throwing; nothing escapes this function.
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        Converter converter;
        return converter.convert(root, 0);
    } catch (const YAML::Exception &e) {
        return Unexpected<QString>{at(e.mark, QString::fromStdString(e.msg))};
    } catch (const std::exception &e) {
        return Unexpected<QString>{QString::fromUtf8(e.what())};
    }
}

} // namespace mock
