#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QString>

#include <optional>

namespace ui
{

// RouteChecks holds the checks of a route against the rest of its set that the route editor runs while the
// user types and the routes table runs before enabling a route: a pattern that does not parse, a pattern that
// conflicts with another enabled route (naming that route by id and pattern, PatternConflict saying why), an
// empty or duplicate id. Pure static functions over values; thread-safe.
class RouteChecks
{
public:
    // patternProblem returns what is wrong with pattern as the pattern of the route at index of set (index -1:
    // a route not yet in the set), or nothing. enabled says whether that route would be enabled: a disabled
    // route never conflicts. The message is one sentence for the user ("invalid pattern: at offset 4: ...",
    // "conflicts with route "by-id" (pattern "GET /users/{id}"): ...").
    static std::optional<QString>
    patternProblem(const mock::RouteSet &set, qsizetype index, const QString &pattern, bool enabled);
    // idProblem returns what is wrong with id as the id of the route at index of set (-1: a new route): empty,
    // or used by another route of the set.
    static std::optional<QString> idProblem(const mock::RouteSet &set, qsizetype index, const QString &id);
    // uniqueRouteId returns base if no route of set uses it, else base followed by "-2", "-3"... (the first
    // unused one). An empty base counts as "route".
    static QString uniqueRouteId(const mock::RouteSet &set, const QString &base);
    // patternSummary describes a pattern that parses for people: its method (or "any method"), host and the
    // names of its wildcards ("GET (and HEAD) · path values: id"). Empty when pattern does not parse.
    static QString patternSummary(const QString &pattern);
};

} // namespace ui
