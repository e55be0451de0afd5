#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace mock
{

// WireMockMatchers converts the request matchers of a WireMock stub (everything but the URL and the method) into
// Switchboard rules that must all match (RuleLogic::AllOf), as WireMock requires of its matchers:
//   - queryParameters, headers, cookies, pathParameters (through pathNames, the template's variables) and
//     basicAuthCredentials (an Authorization header equal to "Basic " + base64): equalTo (caseInsensitive too),
//     matches, doesNotMatch, contains, doesNotContain, absent, and "and" of those;
//   - bodyPatterns: equalTo, contains, matches, doesNotMatch, equalToJson (approximated by one rule per field of
//     the expected JSON; json-unit "any" placeholders become presence tests), matchesJsonPath (a plain path, or
//     {expression, matcher}).
// Everything else is named in the report and left out: or, not, hasExactly, includes, XML, XPath, dates, binary
// bodies, form parameters, multipart, host, port, scheme, client IP, custom matchers.
//
// Pure static function; thread-safe.
class WireMockMatchers
{
public:
    static QList<Rule> convert(const QJsonObject &request,
                               const QList<std::pair<QString, QString>> &pathNames,
                               const QString &where,
                               ImportReport &report);
};

} // namespace mock
