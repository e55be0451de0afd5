#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace mock
{

// OrderedJson is a JSON value whose objects keep their members in insertion order (QJsonObject sorts them),
// so the route-set writer can put keys in the order people read them, and serialise it stably:
//   - 2-space indentation, "key": value, a newline at the end of the text;
//   - an object or array whose members are all scalars (or empty containers) is written on one line when that
//     line, with a comma after it, fits in InlineWidth columns (`{"name": "Accept", "value": "*/*"}`); the root never
//     is;
//   - strings are UTF-8, escaping only '"', '\' and control characters; integral numbers up to 2^63 are
//     written as integers, others in the shortest form that reads back to the same double.
// A regular value type with no thread affinity.
class OrderedJson
{
public:
    // InlineWidth is the widest line, indentation included, that a one-line container may take.
    static constexpr int InlineWidth = 100;

    // OrderedJson holds value; objects and arrays are converted recursively (objects in QJsonObject's key
    // order, which is sorted and so stable).
    OrderedJson(const QJsonValue &value = {});
    // object and array return an empty object or array to fill with insert() or append().
    static OrderedJson object();
    static OrderedJson array();

    // insert appends member key to an object. Precondition: this is an object and has no member key.
    OrderedJson &insert(QStringView key, OrderedJson value);
    // append appends an element to an array. Precondition: this is an array.
    OrderedJson &append(OrderedJson value);
    // isContainer reports whether this is an object or an array; isEmpty whether it has no member (always true
    // for a scalar).
    bool isContainer() const { return m_kind != Kind::Scalar; }
    bool isEmpty() const { return m_values.empty(); }

    // toJson returns the UTF-8 text of the value, as described above.
    QByteArray toJson() const;

private:
    enum class Kind
    {
        Scalar,
        Object,
        Array
    };

    explicit OrderedJson(Kind kind) : m_kind(kind) {}
    bool isFlat() const;
    void writeScalar(QByteArray &out) const;
    void writeInline(QByteArray &out) const;
    void write(QByteArray &out, int indent, bool allowInline) const;

    Kind m_kind = Kind::Scalar;
    QJsonValue m_scalar;
    // Object members: m_keys[i] names m_values[i]. Array elements: m_values.
    QStringList m_keys;
    std::vector<OrderedJson> m_values;
};

} // namespace mock
