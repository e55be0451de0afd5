#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace mock
{

// KeyOrder keeps the document order of a QJsonObject's members, which QJsonObject itself sorts. The converters
// read and write formats where order means something (the first OpenAPI example, the order of paths, the order of
// properties in a generated example), so the readers record each object's key order in one hidden member, and
// everything in convert/ walks objects through keys() and writes them with DocumentWriter, which honours it.
// Objects built without the hidden member (plain QJsonObject inserts) read back in sorted order.
//
// Pure static functions; thread-safe.
class KeyOrder
{
public:
    // HiddenKey is the name of the hidden member: an array of the keys in document order. No real document uses
    // it (it starts with U+0001); a document that does has it ignored.
    static const QString HiddenKey;

    // keys returns the members' keys in document order, the hidden member excluded.
    static QStringList keys(const QJsonObject &object);
    // size returns the number of members, the hidden member excluded; isEmpty whether there is none.
    static qsizetype size(const QJsonObject &object);
    static bool isEmpty(const QJsonObject &object) { return size(object) == 0; }
    // setOrder records keys as the document order of object (keys of object not listed follow, sorted).
    static void setOrder(QJsonObject &object, const QStringList &keys);
    // insert sets member key to value, appending key to the order when it is new.
    static void insert(QJsonObject &object, const QString &key, const QJsonValue &value);
};

} // namespace mock
