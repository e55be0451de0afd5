#include "httpcore/mux/RoutingIndex.h"

#include <algorithm>
#include <limits>

namespace httpcore
{

using Kind = Pattern::Segment::Kind;

QByteArray RoutingIndex::key(qsizetype position, const Pattern::Segment &segment)
{
    QByteArray k = QByteArray::number(position);
    switch (segment.kind) {
    case Kind::Literal:
        k.append(":l:").append(segment.text);
        break;
    case Kind::Wildcard:
    case Kind::Multi:
        k.append(":w");
        break;
    case Kind::End:
        k.append(":$");
        break;
    }
    return k;
}

void RoutingIndex::add(const Pattern &pattern, int id)
{
    if (pattern.lastSegment().kind == Kind::Multi) {
        m_multis.push_back(id);
        return;
    }
    m_ordinary.push_back(id);
    const std::vector<Pattern::Segment> &segments = pattern.segments();
    for (size_t i = 0; i < segments.size(); ++i)
        m_positions[key(qsizetype(i), segments[i])].push_back(id);
}

std::vector<int> RoutingIndex::candidates(const Pattern &pattern) const
{
    std::vector<int> ids = m_multis;
    const auto append = [&ids](const std::vector<int> &more) { ids.insert(ids.end(), more.begin(), more.end()); };
    const std::vector<Pattern::Segment> &segments = pattern.segments();
    if (pattern.lastSegment().kind == Kind::End) {
        // A {$} pattern matches only paths ending in '/', which no ordinary pattern matches: only multis and
        // {$} patterns of the same length can conflict with it.
        append(m_positions.value(key(qsizetype(segments.size() - 1), pattern.lastSegment())));
    } else {
        // Otherwise a conflicting pattern (other than a multi) has, at every literal position of this one, the
        // same literal or a wildcard. Take the position with the fewest such patterns.
        const std::vector<int> *bestLiteral = nullptr;
        const std::vector<int> *bestWildcard = nullptr;
        size_t best = std::numeric_limits<size_t>::max();
        static const std::vector<int> none;
        for (size_t i = 0; i < segments.size() && segments[i].kind != Kind::Multi; ++i) {
            if (segments[i].kind != Kind::Literal)
                continue;
            const auto lit = m_positions.constFind(key(qsizetype(i), segments[i]));
            const auto wild = m_positions.constFind(key(qsizetype(i), Pattern::Segment{Kind::Wildcard, {}}));
            const std::vector<int> &l = lit == m_positions.cend() ? none : *lit;
            const std::vector<int> &w = wild == m_positions.cend() ? none : *wild;
            if (l.size() + w.size() < best) {
                best = l.size() + w.size();
                bestLiteral = &l;
                bestWildcard = &w;
            }
        }
        if (bestLiteral) {
            append(*bestLiteral);
            append(*bestWildcard);
        } else {
            // All wildcards: anything may conflict.
            append(m_ordinary);
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

} // namespace httpcore
