#pragma once

#include "httpcore/Expected.h"
#include "httpcore/mock/convert/ImportResult.h"

#include <QJsonValue>
#include <QString>

namespace mock
{

// MockoonImporter builds a route set from a Mockoon environment (the JSON file Mockoon saves), read with
// DocumentReader. It carries:
//   - the name, port, API prefix and proxy (proxyMode, proxyHost) of the environment; its latency is added to
//     every response's delay and its headers to every response that does not set them;
//   - each HTTP route, in Mockoon's order (the folder tree in rootChildren, else the routes array): method ("all"
//     is any method), endpoint (PathConverter::fromExpress), documentation as the note, disabled routes as
//     disabled; response mode (sequential, random; "disable rules" keeps the responses and drops the rules);
//   - each response: status, label, headers (Content-Type as the content type), inline body or body file, latency,
//     templating off when Mockoon's Handlebars helpers are used (they are not mustache), default flag, rules
//     (body, JSON body path, query, header, cookie, route parameter; equals, regex, regex_i, null; invert, via a
//     negated regex), AND/OR.
// Everything else is named in the report: CRUD and WebSocket routes, data bucket bodies, callbacks, rules on the
// request number, path, method or variables, the empty_array, array_includes and valid_json_schema operators,
// CORS, TLS, proxy header rewriting. Route conflicts and first-match-versus-specificity differences are checked by
// PrecedenceCheck. Route ids are made from the patterns ("get-users-id").
//
// Pure static function; thread-safe.
class MockoonImporter
{
public:
    // import converts environment. It fails only when environment is not a Mockoon environment (not an object
    // with a "routes" array): "not a Mockoon environment: ...".
    [[nodiscard]] static httpcore::Expected<ImportResult, QString> import(const QJsonValue &environment);
};

} // namespace mock
