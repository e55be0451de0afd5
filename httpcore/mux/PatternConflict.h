#pragma once

#include "httpcore/mux/Pattern.h"

#include <QByteArray>
#include <QString>

namespace httpcore
{

// PatternConflict explains why two patterns conflict, with example paths, for the ServeMux's registration
// errors (Go's describeConflict, commonPath and differencePath). Pure static functions; thread-safe.
class PatternConflict
{
public:
    // describe explains in one line why p1 conflicts with p2: they match the same requests, or their paths
    // overlap (with a path both match and one each matches alone), or one matches more methods but a more
    // specific path. Precondition: p1.conflictsWith(p2); otherwise it returns a sentence saying they do not
    // conflict.
    static QString describe(const Pattern &p1, const Pattern &p2);
    // commonPath returns a path that both patterns match. Precondition: p1.comparePaths(p2) is Overlaps.
    static QByteArray commonPath(const Pattern &p1, const Pattern &p2);
    // differencePath returns a path p1 matches and p2 does not. Precondition: p1.comparePaths(p2) is Overlaps
    // or MoreGeneral.
    static QByteArray differencePath(const Pattern &p1, const Pattern &p2);
};

} // namespace httpcore
