#pragma once

#include "httpcore/mux/Pattern.h"

#include <QByteArray>
#include <QHash>

#include <vector>

namespace httpcore
{

// RoutingIndex narrows the conflict check of a new pattern to the registered patterns that might conflict
// with it (Go's routingIndex), so registering n patterns does not cost n^2 comparisons. Patterns are indexed
// by (segment position, literal or wildcard or {$}); those ending in a multi wildcard are kept apart and are
// always candidates, since there are few of them.
//
// Thread affinity: the thread building the ServeMux; not thread-safe.
class RoutingIndex
{
public:
    // add indexes pattern under id (the ServeMux's route index; ids grow with registration).
    void add(const Pattern &pattern, int id);
    // candidates returns, ascending and without duplicates, the ids of every indexed pattern that might
    // conflict with pattern. It may include patterns that do not conflict; it never leaves out one that does.
    std::vector<int> candidates(const Pattern &pattern) const;

private:
    static QByteArray key(qsizetype position, const Pattern::Segment &segment);

    // m_positions maps key(position, segment) to the ids of the patterns without a final multi that have
    // that segment there.
    QHash<QByteArray, std::vector<int>> m_positions;
    // m_multis holds the ids of the patterns ending in a multi wildcard or a trailing slash.
    std::vector<int> m_multis;
    // m_ordinary holds the ids of every other pattern.
    std::vector<int> m_ordinary;
};

} // namespace httpcore
