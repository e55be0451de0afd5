#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QString>
#include <QStringList>

namespace mock
{

// RouteSummary spells routes as short text that still shows every field that differs from its default, for the
// summaries the import commands print and for tests that compare whole routes:
//   route get-users-id: GET /users/{id} note="Fetch a user"
//     response 1: 200 "found" default type=application/json body="{\"id\": 1}" delay=0..250 templated
//       rules anyOf: query "role" equals "admin"; header "X-Debug" absent
// Strings are JSON-quoted. Pure static functions; thread-safe.
class RouteSummary
{
public:
    // lines returns the route line, then each response line, then its rules line when it has rules.
    static QStringList lines(const Route &route);
    static QString response(const MockResponse &response);
    static QString rule(const Rule &rule);
};

} // namespace mock
