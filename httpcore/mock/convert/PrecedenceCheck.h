#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"
#include "httpcore/mock/convert/ImportedRoute.h"

#include <QList>
#include <QString>

namespace mock
{

// PrecedenceCheck compares the source tool's way of picking a route (Mockoon: the first that matches; WireMock:
// the highest priority, then the most recently added) with Go's ServeMux (the most specific pattern), so that an
// import never changes which route answers without saying so. Pure static function; thread-safe.
class PrecedenceCheck
{
public:
    struct Options
    {
        // tool names the source ("Mockoon"); pickRule says how it picks ("first match").
        QString tool;
        QString pickRule;
        // reportOrder: report where the two picks differ (false for OpenAPI, which picks the most specific too; a
        // conflict then keeps the route listed first).
        bool reportOrder = true;
    };

    // resolve returns the routes that can be served together, in their input order:
    //   - a route whose pattern does not parse is dropped (error, with the parser's message);
    //   - walking the enabled routes by rank (ties in input order), a route whose pattern conflicts with one
    //     tried before it (ServeMux would refuse it) is dropped (error, naming both and why they conflict);
    //   - when a route tried before another is more general than it, the tool answers the general route where
    //     Switchboard answers the specific one: a warning at the general route names both.
    // Disabled routes are kept and take no part in the checks (they are not served).
    static QList<Route> resolve(const QList<ImportedRoute> &routes, const Options &options, ImportReport &report);
};

} // namespace mock
