#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/OrderedJson.h"

#include <QByteArray>

namespace mock
{

// RouteSetJsonWriter turns a RouteSet into the text of a route-set file (docs/route-set-format.md), format
// RouteSet::CurrentFormat: keys in a fixed order (the order of routeSetObjectKeys()), 2-space indentation
// (OrderedJson), and every value that equals its default left out, except the required keys ("format",
// "routes", a route's "id", "pattern" and "responses", ...). Values the model ignores are not written either:
// "body" when "bodyFile" is set, a rule's "name" for the raw body and "value" for present/absent, and fault
// parameters of other fault kinds. The same RouteSet always gives the same bytes.
//
// Pure static functions; thread-safe. It writes what it is given: an invalid RouteSet (one RouteSetValidator
// complains about) is written as it is, so work in progress can be saved.
class RouteSetJsonWriter
{
public:
    // toJson returns the document of set.
    static OrderedJson toJson(const RouteSet &set);
    // toText returns the UTF-8 text of the file, ending with a newline.
    static QByteArray toText(const RouteSet &set);
};

} // namespace mock
