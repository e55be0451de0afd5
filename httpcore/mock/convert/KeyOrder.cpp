#include "httpcore/mock/convert/KeyOrder.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mock
{

const QString KeyOrder::HiddenKey = u"\u0001keyOrder"_s;

QStringList KeyOrder::keys(const QJsonObject &object)
{
    QStringList result;
    result.reserve(object.size());
    QSet<QString> seen;
    const QJsonArray order = object.value(HiddenKey).toArray();
    for (const QJsonValue &key : order) {
        const QString name = key.toString();
        if (object.contains(name) && name != HiddenKey && !seen.contains(name)) {
            seen.insert(name);
            result.append(name);
        }
    }
    if (result.size() == size(object))
        return result;
    // Members inserted without recording their order follow, in QJsonObject's (sorted) order.
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() != HiddenKey && !seen.contains(it.key()))
            result.append(it.key());
    }
    return result;
}

qsizetype KeyOrder::size(const QJsonObject &object)
{
    return object.size() - (object.contains(HiddenKey) ? 1 : 0);
}

void KeyOrder::setOrder(QJsonObject &object, const QStringList &keys)
{
    object.insert(HiddenKey, QJsonArray::fromStringList(keys));
}

void KeyOrder::insert(QJsonObject &object, const QString &key, const QJsonValue &value)
{
    if (!object.contains(key)) {
        QJsonArray order = object.value(HiddenKey).toArray();
        order.append(key);
        object.insert(HiddenKey, order);
    }
    object.insert(key, value);
}

} // namespace mock
