#pragma once

#include "httpcore/mock/file/ProblemList.h"
#include "httpcore/mock/file/RouteSetKeys.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <limits>
#include <optional>

namespace mock
{

// JsonObjectReader reads the members of one JSON object of a route-set file into model fields, reporting every
// problem into a ProblemList: on construction, each key the object's kind does not accept ("unknown key", so a
// typo is never ignored) and each required key that is missing; on each read, a value of the wrong type. A
// value that is missing or cannot be read is marked unreadable in the ProblemList and leaves the field as it
// was (its default).
//
// A short-lived helper with no thread affinity; the ProblemList must outlive it (non-owning reference).
class JsonObjectReader
{
public:
    // JsonObjectReader reads object, whose JSON path is path, as an object of kind keys, and reports its unknown
    // keys and missing required keys into problems at once.
    JsonObjectReader(const QJsonObject &object, QString path, const ObjectKeys &keys, ProblemList &problems);

    // keyPath is the JSON path of the member key; has whether key is present.
    QString keyPath(QStringView key) const;
    bool has(QStringView key) const { return m_object.contains(key); }
    // value returns the member key as it is (undefined when absent).
    QJsonValue value(QStringView key) const { return m_object.value(key); }
    // rejectKey reports a present key that does not apply here ("key "atByte" does not apply to fault
    // "slowDrip"": the reason is appended after "does not apply to ").
    void rejectKey(QStringView key, const QString &reason);

    // The read functions do nothing and return false when key is absent. When it is present they store its
    // value in out and return true, or, when the value has the wrong type or is out of range, report it, mark
    // it unreadable and return false.
    bool readString(QStringView key, QString &out);
    bool readBool(QStringView key, bool &out);
    // readInteger accepts a JSON number with no fractional part from min to max.
    bool readInteger(QStringView key, qint64 min, qint64 max, qint64 &out);
    bool readInt(QStringView key, int &out);
    bool readNumber(QStringView key, double &out);
    bool readObject(QStringView key, QJsonObject &out);
    bool readArray(QStringView key, QJsonArray &out);
    // readEnum accepts one of the names fromName knows; an unknown name is reported as `unknown NOUN "x"
    // (expected one of: a, b, c)` with the names listed in declaration order.
    template <typename E>
    bool
    readEnum(QStringView key, std::optional<E> (*fromName)(QStringView), QString (*name)(E), QStringView noun, E &out)
    {
        QString text;
        if (!readString(key, text))
            return false;
        if (const std::optional<E> value = fromName(text)) {
            out = *value;
            return true;
        }
        reportUnknownName(key, noun, text, enumeratorNames(name));
        return false;
    }

    // typeName describes the JSON type of value with an article, for messages ("a string", "an array").
    static QString typeName(const QJsonValue &value);
    // numberText renders a JSON number as written in a file (integers exactly, others shortest round-trip).
    static QString numberText(const QJsonValue &value);
    // reportWrongType reports that the value at path is not what was expected ("expected a boolean, got a
    // string") and marks it unreadable.
    static void
    reportWrongType(ProblemList &problems, const QString &path, QStringView expected, const QJsonValue &got);

private:
    void reportUnknownName(QStringView key, QStringView noun, const QString &text, const QStringList &names);

    QJsonObject m_object;
    QString m_path;
    ProblemList &m_problems;
};

} // namespace mock
