#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/ProblemList.h"

#include <QJsonObject>

namespace mock
{

// RouteSetJsonReader turns the parsed JSON of a route-set file (docs/route-set-format.md) into a RouteSet,
// reporting every structural problem into a ProblemList: wrong types, unknown keys, missing required keys,
// unknown enumerator names, keys that do not apply (a fault parameter of another fault kind, a rule value for
// "present"), both "body" and "bodyFile", integers out of their type's range. It does not check what the
// values mean (patterns, conflicts, ranges of statuses and delays, regexes, body files): RouteSetValidator
// does, on the RouteSet. Values that cannot be read keep their defaults and are marked unreadable, and array
// elements that are not objects still take their place, so JSON paths into the file and indexes into the
// RouteSet agree.
//
// Pure static functions; thread-safe.
class RouteSetJsonReader
{
public:
    // checkFormat checks the root's "format" (the file format version, an integer). It returns false, after
    // reporting it, when the file is of a newer format than RouteSet::CurrentFormat: such a file must not be
    // read further, lest it be misread. A format that is not an integer or older than 1 is reported and
    // reading may go on (to report everything else). A missing "format" is left to read().
    [[nodiscard]] static bool checkFormat(const QJsonObject &root, ProblemList &problems);
    // read reads root (the document's root object) into a RouteSet, reporting problems; it never fails.
    static RouteSet read(const QJsonObject &root, ProblemList &problems);
};

} // namespace mock
