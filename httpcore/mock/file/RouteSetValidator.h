#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/FileProblem.h"
#include "httpcore/mock/file/ProblemList.h"

#include <QList>
#include <QString>

namespace mock
{

// RouteSetValidator checks what the values of a RouteSet mean, reporting every problem with the JSON path the
// value has in a route-set file ("$.routes[3].responses[0].status"), so the GUI can check a set before saving
// it and the loader can check a file after reading it:
//   - routes: empty or duplicate ids; patterns httpcore::Pattern cannot parse (with its message); enabled
//     routes whose patterns conflict (httpcore::Pattern::conflictsWith, explained by PatternConflict, both
//     routes named by id and pattern: disabled routes are checked but never conflict); no responses; more than
//     one default response;
//   - responses: status outside 100..599; header names that are not HTTP tokens; header values and content
//     types with control characters; body files that do not exist or are not readable regular files; negative
//     delays and minMs greater than maxMs; rules without the name their target needs, invalid regexes
//     (QRegularExpression's message and offset), JSON body paths with empty segments; fault probabilities
//     outside 0..1 and fault parameters out of range;
//   - the server (empty host, workers outside 0..1024, limits out of range, unnamed middleware) and the proxy (an
//   enabled proxy
//     without an upstream, an upstream that is not an http or https URL).
//
// Pure static functions; thread-safe. Body files are looked up on disk.
class RouteSetValidator
{
public:
    // MaxWorkers is the largest worker-thread count a route set may ask for.
    static constexpr int MaxWorkers = 1024;
    // MaxTimeoutMs is the longest timeout a route set's limits may set (a day, in milliseconds).
    static constexpr int MaxTimeoutMs = 86'400'000;
    // MinHeaderBytes and MaxHeaderBytes bound the limits' maxHeaderBytes (bytes).
    static constexpr int MinHeaderBytes = 1024;
    static constexpr int MaxHeaderBytes = 64 << 20;

    // validate checks set and returns its problems (FileProblem::file empty), none when it is valid. baseDir is
    // the directory relative body files are resolved against (the route-set file's); when it is empty, only
    // absolute body files are checked.
    [[nodiscard]] static QList<FileProblem> validate(const RouteSet &set, const QString &baseDir);
    // validate adds set's problems to problems, saying nothing about values problems marks unreadable (the
    // reader reported them already).
    static void validate(const RouteSet &set, const QString &baseDir, ProblemList &problems);
};

} // namespace mock
