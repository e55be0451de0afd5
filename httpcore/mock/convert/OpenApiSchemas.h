#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace mock
{

// OpenApiSchemas follows "$ref"s within one OpenAPI document and builds example values from schemas, for the
// OpenAPI importer. A plain value holding a copy of the document; const functions are thread-safe.
class OpenApiSchemas
{
public:
    // MaxRefHops bounds a chain of references; MaxDepth the nesting of a built example.
    static constexpr int MaxRefHops = 16;
    static constexpr int MaxDepth = 24;
    // MaxValues bounds the values of one built example (schemas that fan out through references grow fast).
    static constexpr qsizetype MaxValues = 10'000;

    explicit OpenApiSchemas(const QJsonObject &document) : m_document(document) {}

    // resolve returns value itself when it is an object without "$ref", else the object its local reference
    // ("#/components/responses/NotFound", JSON Pointer with ~0, ~1 and %-escapes) leads to, following chains.
    // It returns nothing, with why set, for an external or dangling reference, a cycle, or a non-object.
    std::optional<QJsonObject> resolve(const QJsonValue &value, QString &why) const;

    // example builds a value from schema: its example, else the first enum value, else its default, else by
    // type: an object with every property, an array of one item, "string" (or a value fitting the format:
    // date-time, date, time, uuid, email, uri, hostname, ipv4, ipv6, byte), 0 for integers and numbers (the
    // minimum when it is above 0), true for booleans; allOf merges objects, oneOf and anyOf take the first choice.
    // References are followed; a reference met again inside itself (a recursive schema) gives null there (an empty
    // array for an array of it), as
    // does nesting deeper than MaxDepth. Each problem is appended to notes once.
    QJsonValue example(const QJsonValue &schema, QStringList &notes) const;

private:
    // Build is the state of one example(): the references being expanded, the values built, the problems met.
    struct Build
    {
        QStringList refs;
        qsizetype values = 0;
        QStringList &notes;
    };

    std::optional<QJsonValue> pointer(const QString &ref, QString &why) const;
    QJsonValue build(const QJsonValue &schema, Build &state, int depth) const;
    QJsonValue buildByType(const QJsonObject &schema, Build &state, int depth) const;
    QJsonValue buildAllOf(const QJsonObject &schema, Build &state, int depth) const;

    QJsonObject m_document;
};

} // namespace mock
