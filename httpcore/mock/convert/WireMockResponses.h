#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace mock
{

// WireMockResponses converts the response definition of a WireMock stub (a part of WireMockImporter):
//   - status, headers (Content-Type as the content type; a header with several values gives several headers);
//   - body, jsonBody (written as indented JSON), base64Body when it is UTF-8 text, bodyFileName (as a body file
//     under filesRoot, a path relative to the route-set file, e.g. "__files");
//   - fixedDelayMilliseconds and delayDistribution (uniform as a range; lognormal approximated by its median);
//   - fault: CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE as the
//     faults of the same behaviour; chunkedDribbleDelay approximated by a slow drip of the same total duration;
//   - templating when the response-template transformer is on and the body uses no Handlebars tag ("{{").
// A proxy response (proxyBaseUrl) cannot be carried: nothing is returned. Everything not carried is reported.
//
// Pure static function; thread-safe.
class WireMockResponses
{
public:
    static std::optional<MockResponse>
    convert(const QJsonObject &response, const QString &filesRoot, const QString &where, ImportReport &report);
};

} // namespace mock
