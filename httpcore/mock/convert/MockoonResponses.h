#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace mock
{

// MockoonResponses converts the responses of one Mockoon route (a part of MockoonImporter). Pure; thread-safe.
class MockoonResponses
{
public:
    // Context is what a response needs from its route and environment.
    struct Context
    {
        // where names the route in the report ("route 3 GET /users/:id").
        QString where;
        RouteMode mode = RouteMode::Rules;
        // modeName, when not empty, names the Mockoon response mode that ignores rules ("sequential"): rules are
        // then left out (reported) instead of converted.
        QString modeName;
        // environmentHeaders apply to every response that does not set the same header; environmentLatency
        // (milliseconds) adds to each response's latency.
        QList<std::pair<QString, QString>> environmentHeaders;
        int environmentLatency = 0;
        // pathNames maps Mockoon path parameter names to the pattern's wildcard names.
        QList<std::pair<QString, QString>> pathNames;
    };

    // convert converts response number index (0-based) of a route, or returns nothing (reported) when it cannot
    // be carried: a status outside 100..599.
    static std::optional<MockResponse>
    convert(const QJsonObject &response, qsizetype index, const Context &context, ImportReport &report);
};

} // namespace mock
