#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"

#include <QByteArray>

namespace mock
{

// ExportResult is an exported document (UTF-8 text) and the report of what it could not say.
struct ExportResult
{
    QByteArray document;
    ImportReport report;
};

// OpenApiExporter writes a route set as an OpenAPI 3.0 document (JSON, DocumentWriter's layout): the set's name as
// the title, its host and port as the server, and for each enabled route an operation at the pattern's path (a
// "{name...}" wildcard becomes "{name}", "{$}" a trailing '/'), with its id as operationId, its note as summary, its
// wildcards as path parameters, and its responses by status (in order of first appearance): label (or reason
// phrase) as description, headers with their values as examples, and the content type with the body as example
// (a body in DocumentWriter's JSON layout as JSON, any other as a string, so that OpenApiImporter gives it back
// unchanged). A second response with the same status and content type becomes a further example.
//
// The report names what OpenAPI cannot describe: rules, delays, faults, body files, sequence and random modes,
// hosts, "{name...}" and subtree patterns, patterns without a method (exported under every method), disabled
// routes (not exported), responses sharing a status with another content type.
//
// Pure static function; thread-safe.
class OpenApiExporter
{
public:
    static ExportResult convert(const RouteSet &set);
};

} // namespace mock
