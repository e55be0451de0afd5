#include "httpcore/mux/Pattern.h"

#include "httpcore/CharClass.h"
#include "httpcore/mux/MuxPath.h"

#include <QChar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

using Segment = Pattern::Segment;
using Kind = Pattern::Segment::Kind;

bool isValidMethod(QByteArrayView method)
{
    return !method.isEmpty() &&
           std::all_of(method.begin(), method.end(), [](char c) { return isTokenChar(static_cast<uchar>(c)); });
}

// isValidWildcardName reports whether name is a Go identifier: a Unicode letter or '_', then letters, digits
// and '_'. Names are UTF-8; invalid UTF-8 decodes to U+FFFD, which is not a letter.
bool isValidWildcardName(QByteArrayView name)
{
    const QList<uint> codePoints = QString::fromUtf8(name).toUcs4();
    if (codePoints.isEmpty())
        return false;
    for (qsizetype i = 0; i < codePoints.size(); ++i) {
        const char32_t c = codePoints[i];
        if (!QChar::isLetter(c) && c != U'_' && (i == 0 || !QChar::isDigit(c)))
            return false;
    }
    return true;
}

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

QString quoted(QByteArrayView bytes)
{
    return u'"' + QString::fromUtf8(bytes) + u'"';
}

Unexpected<QString> failAt(qsizetype offset, const QString &what)
{
    return Unexpected<QString>{u"at offset %1: %2"_s.arg(offset).arg(what)};
}

// SegmentParser turns the path of a pattern into segments; offsets in its errors are into the whole pattern.
class SegmentParser
{
public:
    SegmentParser(QByteArrayView path, qsizetype pathOffset) : m_path(path), m_pathOffset(pathOffset) {}

    // parse returns an error message, or an empty string after filling segments.
    QString parse(std::vector<Segment> &segments);

private:
    QString parseWildcard(QByteArrayView segment, bool isLast, std::vector<Segment> &segments);
    QString at(const QString &what) const { return u"at offset %1: %2"_s.arg(m_offset).arg(what); }

    QByteArrayView m_path;
    qsizetype m_pathOffset;
    qsizetype m_offset = 0;
    QByteArrayList m_names;
};

QString SegmentParser::parse(std::vector<Segment> &segments)
{
    // Invariant: m_path[pos] == '/'.
    qsizetype pos = 0;
    while (pos < m_path.size()) {
        const qsizetype start = pos + 1;
        m_offset = m_pathOffset + start;
        if (start == m_path.size()) {
            // A trailing slash is an anonymous multi wildcard.
            segments.push_back({Kind::Multi, {}});
            break;
        }
        qsizetype end = m_path.indexOf('/', start);
        if (end < 0)
            end = m_path.size();
        const QByteArrayView segment = m_path.sliced(start, end - start);
        if (!segment.contains('{')) {
            segments.push_back({Kind::Literal, muxpath::unescapeSegment(segment)});
        } else if (QString error = parseWildcard(segment, end == m_path.size(), segments); !error.isEmpty()) {
            return error;
        }
        pos = end;
    }
    return {};
}

QString SegmentParser::parseWildcard(QByteArrayView segment, bool isLast, std::vector<Segment> &segments)
{
    if (!segment.startsWith('{'))
        return at(u"segment %1 mixes a literal and a wildcard: a wildcard must be a whole segment, starting "
                  u"with '{'"_s.arg(quoted(segment)));
    if (!segment.endsWith('}'))
        return at(u"segment %1 is not a whole wildcard: it must end with '}'"_s.arg(quoted(segment)));
    QByteArrayView name = segment.sliced(1, segment.size() - 2);
    if (name == "$") {
        if (!isLast)
            return at(u"{$} must be the last segment"_s);
        segments.push_back({Kind::End, {}});
        return {};
    }
    const bool multi = name.endsWith("...");
    if (multi)
        name.chop(3);
    if (multi && !isLast)
        return at(u"the wildcard %1 must be the last segment"_s.arg(quoted(segment)));
    if (name.isEmpty())
        return at(u"empty wildcard name in %1"_s.arg(quoted(segment)));
    if (!isValidWildcardName(name))
        return at(
            u"bad wildcard name %1: it must be a letter or '_' followed by letters, digits or '_'"_s.arg(quoted(name)));
    if (m_names.contains(name))
        return at(u"duplicate wildcard name %1"_s.arg(quoted(name)));
    m_names.append(name.toByteArray());
    segments.push_back({multi ? Kind::Multi : Kind::Wildcard, name.toByteArray()});
    return {};
}

} // namespace

Expected<Pattern, QString> Pattern::parse(QByteArrayView text)
{
    if (text.isEmpty())
        return Unexpected<QString>{u"empty pattern"_s};
    Pattern p;
    p.m_text = text.toByteArray();
    // The method ends at the first space or tab; the rest starts after the run of them. Surrounding
    // whitespace is ignored, as Go's TrimSpace does.
    qsizetype restStart = 0;
    qsizetype restEnd = text.size();
    const auto sep = std::find_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
    if (sep != text.end()) {
        const qsizetype methodEnd = sep - text.begin();
        p.m_method = text.first(methodEnd).toByteArray();
        restStart = methodEnd;
        while (restStart < restEnd && isAsciiSpace(text[restStart]))
            ++restStart;
        while (restEnd > restStart && isAsciiSpace(text[restEnd - 1]))
            --restEnd;
        if (!p.m_method.isEmpty() && !isValidMethod(p.m_method))
            return failAt(0, u"invalid method %1: it must be an HTTP token"_s.arg(quoted(p.m_method)));
    }
    const QByteArrayView rest = text.sliced(restStart, restEnd - restStart);
    const qsizetype slash = rest.indexOf('/');
    if (slash < 0)
        return failAt(restStart, u"no '/' found: a pattern is [METHOD ][HOST]/[PATH]"_s);
    const QByteArrayView host = rest.first(slash);
    if (const qsizetype brace = host.indexOf('{'); brace >= 0)
        return failAt(restStart + brace, u"host %1 contains '{' (is the initial '/' missing?)"_s.arg(quoted(host)));
    p.m_host = host.toByteArray().toLower();
    const QByteArrayView path = rest.sliced(slash);
    const qsizetype pathOffset = restStart + slash;
    // Request paths are cleaned before matching (except CONNECT's), so such a pattern could never match.
    if (!p.m_method.isEmpty() && p.m_method != "CONNECT" && !muxpath::isCleanPath(path))
        return failAt(pathOffset, u"unclean path %1 can never match a %2 request (paths are cleaned before "
                                  u"matching; only CONNECT patterns may use \"//\", \".\" or \"..\")"_s.arg(
                                      quoted(path), QString::fromUtf8(p.m_method)));
    SegmentParser parser(path, pathOffset);
    if (QString error = parser.parse(p.m_segments); !error.isEmpty())
        return Unexpected<QString>{std::move(error)};
    return p;
}

QByteArrayList Pattern::wildcardNames() const
{
    QByteArrayList names;
    for (const Segment &s : m_segments) {
        if (s.isWildcard() && !s.text.isEmpty())
            names.append(s.text);
    }
    return names;
}

Pattern::Relation Pattern::compareMethods(const Pattern &other) const
{
    if (m_method == other.m_method)
        return Relation::Equivalent;
    // No method matches every method; GET matches GET and HEAD; any other method only itself.
    if (m_method.isEmpty())
        return Relation::MoreGeneral;
    if (other.m_method.isEmpty())
        return Relation::MoreSpecific;
    if (m_method == "GET" && other.m_method == "HEAD")
        return Relation::MoreGeneral;
    if (m_method == "HEAD" && other.m_method == "GET")
        return Relation::MoreSpecific;
    return Relation::Disjoint;
}

namespace
{

Pattern::Relation compareSegments(const Segment &s1, const Segment &s2)
{
    using Relation = Pattern::Relation;
    const bool multi1 = s1.kind == Kind::Multi;
    const bool multi2 = s2.kind == Kind::Multi;
    if (multi1 || multi2)
        return multi1 && multi2 ? Relation::Equivalent : (multi1 ? Relation::MoreGeneral : Relation::MoreSpecific);
    const bool wild1 = s1.kind == Kind::Wildcard;
    const bool wild2 = s2.kind == Kind::Wildcard;
    if (wild1 && wild2)
        return Relation::Equivalent;
    // A single wildcard matches any literal segment but never the trailing slash ({$}).
    if (wild1)
        return s2.kind == Kind::End ? Relation::Disjoint : Relation::MoreGeneral;
    if (wild2)
        return s1.kind == Kind::End ? Relation::Disjoint : Relation::MoreSpecific;
    return s1 == s2 ? Relation::Equivalent : Relation::Disjoint;
}

} // namespace

Pattern::Relation Pattern::comparePaths(const Pattern &other) const
{
    const std::vector<Segment> &segs1 = m_segments;
    const std::vector<Segment> &segs2 = other.m_segments;
    const bool multi1 = lastSegment().kind == Kind::Multi;
    const bool multi2 = other.lastSegment().kind == Kind::Multi;
    // Without a multi wildcard, a pattern only matches paths of its own number of segments.
    if (segs1.size() != segs2.size() && !multi1 && !multi2)
        return Relation::Disjoint;
    const size_t common = std::min(segs1.size(), segs2.size());
    Relation relation = Relation::Equivalent;
    for (size_t i = 0; i < common; ++i) {
        relation = combine(relation, compareSegments(segs1[i], segs2[i]));
        if (relation == Relation::Disjoint)
            return relation;
    }
    if (segs1.size() == segs2.size())
        return relation;
    // The shorter pattern can only match the longer one's extra segments with its final multi, which is then
    // more general than that remainder.
    if (segs1.size() < segs2.size() && multi1)
        return combine(relation, Relation::MoreGeneral);
    if (segs2.size() < segs1.size() && multi2)
        return combine(relation, Relation::MoreSpecific);
    return Relation::Disjoint;
}

Pattern::Relation Pattern::compare(const Pattern &other) const
{
    const Relation methods = compareMethods(other);
    if (methods == Relation::Disjoint)
        return Relation::Disjoint;
    return combine(methods, comparePaths(other));
}

bool Pattern::conflictsWith(const Pattern &other) const
{
    // Different hosts: either exactly one has a host and wins by the host rule, or both have different hosts
    // and never match the same request.
    if (m_host != other.m_host)
        return false;
    const Relation relation = compare(other);
    return relation == Relation::Equivalent || relation == Relation::Overlaps;
}

Pattern::Relation Pattern::combine(Relation first, Relation second)
{
    switch (first) {
    case Relation::Equivalent:
        return second;
    case Relation::Disjoint:
        return Relation::Disjoint;
    case Relation::Overlaps:
        return second == Relation::Disjoint ? Relation::Disjoint : Relation::Overlaps;
    case Relation::MoreGeneral:
    case Relation::MoreSpecific:
        if (second == Relation::Equivalent)
            return first;
        if (second == inverse(first))
            return Relation::Overlaps;
        return second;
    }
    Q_UNREACHABLE();
}

Pattern::Relation Pattern::inverse(Relation relation)
{
    switch (relation) {
    case Relation::MoreGeneral:
        return Relation::MoreSpecific;
    case Relation::MoreSpecific:
        return Relation::MoreGeneral;
    case Relation::Equivalent:
    case Relation::Disjoint:
    case Relation::Overlaps:
        return relation;
    }
    Q_UNREACHABLE();
}

const char *Pattern::relationName(Relation relation)
{
    switch (relation) {
    case Relation::Equivalent:
        return "equivalent";
    case Relation::MoreGeneral:
        return "more general";
    case Relation::MoreSpecific:
        return "more specific";
    case Relation::Disjoint:
        return "disjoint";
    case Relation::Overlaps:
        return "overlaps";
    }
    return "unknown";
}

} // namespace httpcore
