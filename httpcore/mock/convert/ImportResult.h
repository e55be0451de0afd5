#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"

namespace mock
{

// ImportResult is what an importer gives back: the route set built from the source, and the translation report
// of everything respelled, approximated or left out. A regular value type.
struct ImportResult
{
    RouteSet set;
    ImportReport report;

    friend bool operator==(const ImportResult &, const ImportResult &) = default;
};

} // namespace mock
