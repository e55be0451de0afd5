#include "httpcore/mux/PatternConflict.h"

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

using Segment = Pattern::Segment;
using Kind = Pattern::Segment::Kind;
using Relation = Pattern::Relation;

// appendSegment appends a path piece that seg matches: "/" then the literal or wildcard name (nothing for a
// multi or the {$} end, whose slash alone matches).
void appendSegment(QByteArray &path, const Segment &seg)
{
    path.append('/');
    if (seg.kind == Kind::Literal || seg.kind == Kind::Wildcard)
        path.append(seg.text);
}

void appendSegments(QByteArray &path, const std::vector<Segment> &segs, size_t from)
{
    for (size_t i = from; i < segs.size(); ++i)
        appendSegment(path, segs[i]);
}

QString text(const Pattern &p)
{
    return QString::fromUtf8(p.text());
}

QString quoted(const QByteArray &path)
{
    return u'"' + QString::fromUtf8(path) + u'"';
}

// appendDifference appends the piece of a path that s1 matches and s2 does not (or that both match, when
// the difference lies elsewhere); returns true when the path is complete.
bool appendDifference(QByteArray &path, const Segment &s1, const Segment &s2)
{
    const bool multi1 = s1.kind == Kind::Multi;
    const bool multi2 = s2.kind == Kind::Multi;
    if (multi1 && multi2) {
        // From here both match the same paths: the difference was earlier.
        path.append('/');
        return true;
    }
    if (multi1) {
        // A trailing slash tells them apart, unless s2 is {$}: then any segment does.
        path.append('/');
        if (s2.kind == Kind::End)
            path.append(s1.text.isEmpty() ? "x"_ba : s1.text);
        return true;
    }
    if (s1.kind == Kind::Wildcard && s2.kind == Kind::Literal && s1.text == s2.text) {
        // Any segment but the literal matches s1 only; the wildcard name happens to be the literal.
        path.append('/').append(s2.text).append('x');
        return false;
    }
    // s2 is a multi or a wildcard (s1's piece matches it too), or both are the same literal, or s1 is a
    // wildcard and s2 another literal: s1's own piece does.
    appendSegment(path, s1);
    return false;
}

} // namespace

QString PatternConflict::describe(const Pattern &p1, const Pattern &p2)
{
    const Relation methods = p1.compareMethods(p2);
    const Relation paths = p1.comparePaths(p2);
    const Relation overall = p1.compare(p2);
    if (overall == Relation::Equivalent)
        return u"%1 matches the same requests as %2"_s.arg(text(p1), text(p2));
    if (overall != Relation::Overlaps)
        return u"%1 and %2 do not conflict (%3)"_s.arg(text(p1), text(p2),
                                                       QString::fromUtf8(Pattern::relationName(overall)));
    if (paths == Relation::Overlaps)
        return u"%1 and %2 both match some paths, like %3, but neither is more specific than the other: %1 "
               u"matches %4, but %2 does not; %2 matches %5, but %1 does not"_s.arg(
                   text(p1), text(p2), quoted(commonPath(p1, p2)), quoted(differencePath(p1, p2)),
                   quoted(differencePath(p2, p1)));
    if (methods == Relation::MoreGeneral && paths == Relation::MoreSpecific)
        return u"%1 matches more methods than %2, but has a more specific path pattern"_s.arg(text(p1), text(p2));
    if (methods == Relation::MoreSpecific && paths == Relation::MoreGeneral)
        return u"%1 matches fewer methods than %2, but has a more general path pattern"_s.arg(text(p1), text(p2));
    return u"%1 and %2 conflict: methods %3, paths %4"_s.arg(text(p1), text(p2),
                                                             QString::fromUtf8(Pattern::relationName(methods)),
                                                             QString::fromUtf8(Pattern::relationName(paths)));
}

QByteArray PatternConflict::commonPath(const Pattern &p1, const Pattern &p2)
{
    const std::vector<Segment> &segs1 = p1.segments();
    const std::vector<Segment> &segs2 = p2.segments();
    const size_t common = std::min(segs1.size(), segs2.size());
    QByteArray path;
    for (size_t i = 0; i < common; ++i) {
        // Where one is a wildcard, the other's piece matches both.
        appendSegment(path, segs1[i].isWildcard() ? segs2[i] : segs1[i]);
    }
    appendSegments(path, segs1, common);
    appendSegments(path, segs2, common);
    return path;
}

QByteArray PatternConflict::differencePath(const Pattern &p1, const Pattern &p2)
{
    const std::vector<Segment> &segs1 = p1.segments();
    const std::vector<Segment> &segs2 = p2.segments();
    const size_t common = std::min(segs1.size(), segs2.size());
    QByteArray path;
    for (size_t i = 0; i < common; ++i) {
        if (appendDifference(path, segs1[i], segs2[i]))
            return path;
    }
    // The longer pattern's remainder: anything matching it will do.
    appendSegments(path, segs1, common);
    appendSegments(path, segs2, common);
    return path;
}

} // namespace httpcore
