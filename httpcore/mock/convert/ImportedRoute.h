#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QSet>
#include <QString>

namespace mock
{

// ImportedRoute is a route an importer produced, with where it came from and its rank in the source tool's pick
// order. A plain value type.
struct ImportedRoute
{
    Route route;
    // where names the source route in report entries ("route 3 GET /users/:id").
    QString where;
    // rank orders the routes as the source tool tries them: lower is tried first.
    int rank = 0;
};

// Pure functions; thread-safe.
// routeIdFor returns a readable route id for a pattern ("GET /users/{id}" gives "get-users-id", "/" gives "root"):
// lower-case letters, digits and '-'. uniqueRouteId returns wanted, or wanted with "-2", "-3"... appended when
// taken already, and adds the result to taken.
QString routeIdFor(const QString &pattern);
QString uniqueRouteId(const QString &wanted, QSet<QString> &taken);

} // namespace mock
