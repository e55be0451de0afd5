#pragma once

#include "httpcore/Expected.h"
#include "httpcore/mock/convert/ImportResult.h"

#include <QJsonValue>
#include <QString>

namespace mock
{

// OpenApiImporter builds a route set from an OpenAPI 3 document (JSON or YAML, read with DocumentReader): each
// operation becomes a route "METHOD /path" (PathConverter::fromTemplate; the path of the first server URL, when it
// has one, is put in front), in document order, with its operationId as the route id (else one made from the
// pattern) and its summary as the note. Each documented response becomes a response, in document order; the first
// 2xx one (else "default", answered as 200) is the default, which is what the route answers:
//   - status from the key ("4XX" as 400, a default that is not the answer as 500), description as the label;
//   - the first media type of its content as the content type and its body: the media type's example, else the
//     first of its examples, else an example built from its schema (OpenApiSchemas), written as indented JSON (a
//     string example is the body as it is);
//   - its headers with their example (or an example from their schema) as value.
// "$ref"s to components (responses, headers, examples, schemas) are followed within the document. Conflicting
// patterns ("/a/{x}" and "/{y}/b") keep the one listed first (PrecedenceCheck). Everything else (request bodies,
// parameters, security, callbacks, links) describes requests and is not needed to answer them.
//
// Pure static function; thread-safe.
class OpenApiImporter
{
public:
    // import converts document. It fails only when document is not an OpenAPI 3 document (no "openapi" version
    // starting with "3."; a Swagger 2.0 document is refused by name): "not an OpenAPI 3 document: ...".
    [[nodiscard]] static httpcore::Expected<ImportResult, QString> import(const QJsonValue &document);
};

} // namespace mock
