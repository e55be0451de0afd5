#pragma once

#include "httpcore/Expected.h"
#include "httpcore/mock/convert/ImportResult.h"

#include <QJsonValue>
#include <QString>

namespace mock
{

// WireMockImporter builds a route set from WireMock stub mappings: one mapping ({"request", "response"}) or
// {"mappings": [...]}, read with DocumentReader. For each stub:
//   - the method ("ANY" or none: any method) and the URL: url (its query becomes query rules), urlPath,
//     urlPathTemplate (PathConverter::fromTemplate), urlPathPattern and urlPattern (RegexPathConverter); a stub
//     whose regex has no literal-and-wildcard shape is dropped;
//   - the other request matchers become rules (WireMockMatchers), the response a response (WireMockResponses),
//     the name the route's note.
// Stubs whose patterns are equivalent become one route in Rules mode: its responses in WireMock's order (lowest
// priority number first, default 5; then the most recently added, i.e. later in the file), each selected by its
// stub's matchers. The first stub without matchers is the default response, and stubs after it are dropped (WireMock
// never answers them); when every stub has matchers, a default 404 is added, as WireMock answers a request no stub
// matches. Conflicts and priority-versus-specificity differences between routes are checked by PrecedenceCheck.
//
// Pure static function; thread-safe.
class WireMockImporter
{
public:
    // import converts mappings; filesRoot is where WireMock's __files directory is, relative to the route set
    // that will be saved ("__files" or "../__files"; empty: body file names are kept as they are). It fails only
    // when mappings is neither a mapping nor {"mappings": [...]}: "not WireMock stub mappings: ...".
    [[nodiscard]] static httpcore::Expected<ImportResult, QString> import(const QJsonValue &mappings,
                                                                          const QString &filesRoot = {});
};

} // namespace mock
