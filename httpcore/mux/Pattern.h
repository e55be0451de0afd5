#pragma once

#include "httpcore/Expected.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace httpcore
{

// Pattern is one parsed ServeMux pattern, Go 1.22's routing syntax:
//
//     [METHOD ][HOST]/[PATH]
//
// METHOD is an HTTP token, separated from the rest by spaces or tabs; it matches case-sensitively, and "GET"
// also matches HEAD. HOST matches the request's host without its port, ASCII case-insensitively. PATH is made
// of '/'-separated segments, each a literal (percent-decoded when parsed, so "/%61" matches "/a") or a wildcard:
// "{name}" matches one segment, "{name...}" the rest of the path (last segment only), "{$}" only the end of a
// path that ends in '/' (last segment only). A path ending in '/' matches every path below it (an anonymous
// "{...}"). Wildcard names are Go identifiers and distinct within a pattern.
//
// Patterns are ordered by precedence (compare()): one is more specific than another when it matches a strict
// subset of the other's requests; two patterns that match some request in common with neither more specific
// conflict (conflictsWith()) unless exactly one has a host, which then wins. PatternConflict explains a conflict.
//
// A regular value type with no thread affinity; parse() and every const member function are thread-safe.
class Pattern
{
public:
    // Segment is one piece of a pattern's path.
    struct Segment
    {
        enum class Kind : quint8
        {
            Literal,  // matches a segment equal to text (text is unescaped; it may be empty: "/a//b")
            Wildcard, // "{text}": matches any one segment, not the trailing slash
            Multi,    // "{text...}", or a trailing '/' (text empty): matches the rest of the path, even empty
            End       // "{$}": matches the trailing slash of a path ending in '/', and nothing else
        };
        Kind kind = Kind::Literal;
        QByteArray text;

        bool isWildcard() const { return kind == Kind::Wildcard || kind == Kind::Multi; }
        friend bool operator==(const Segment &, const Segment &) = default;
    };

    // Relation is how the requests matched by one pattern (p1) relate to those of another (p2).
    enum class Relation : quint8
    {
        Equivalent,   // both match the same requests
        MoreGeneral,  // p1 matches every request p2 matches, and more
        MoreSpecific, // p2 matches every request p1 matches, and more
        Disjoint,     // no request matches both
        Overlaps      // some request matches both, but neither is more specific
    };

    // parse parses text. On failure the error says what is wrong and where, as "at offset 3: ..." (a byte
    // offset into text) with the offending segment or name quoted. Invalid: an empty pattern, a method that is
    // not an HTTP token, no '/', a '{' in the host, a wildcard that is not a whole segment, an empty or
    // non-identifier wildcard name, a duplicate name, "{$}" or "{name...}" before the end, and (for a method
    // other than CONNECT) an unclean path, which could never match because request paths are cleaned first.
    [[nodiscard]] static Expected<Pattern, QString> parse(QByteArrayView text);

    // text is the pattern as written.
    const QByteArray &text() const { return m_text; }
    // method is the method, or empty when the pattern matches every method.
    const QByteArray &method() const { return m_method; }
    // host is the host, lower-cased, or empty when the pattern matches every host.
    const QByteArray &host() const { return m_host; }
    // segments is the path; never empty.
    const std::vector<Segment> &segments() const { return m_segments; }
    const Segment &lastSegment() const { return m_segments.back(); }
    // wildcardNames returns the names of the named wildcards in path order (the keys of Request::pathValues).
    QByteArrayList wildcardNames() const;

    // compareMethods, comparePaths and compare (both together) relate this pattern (p1) to other (p2).
    Relation compareMethods(const Pattern &other) const;
    Relation comparePaths(const Pattern &other) const;
    Relation compare(const Pattern &other) const;
    // conflictsWith reports whether some request matches both patterns with neither taking precedence: their
    // hosts are equal and they are equivalent or overlap. Symmetric.
    bool conflictsWith(const Pattern &other) const;
    // relationName returns "equivalent", "more general", "more specific", "disjoint" or "overlaps".
    static const char *relationName(Relation relation);
    // inverse returns the relation of p2 to p1 given that of p1 to p2.
    static Relation inverse(Relation relation);

    friend bool operator==(const Pattern &, const Pattern &) = default;

private:
    Pattern() = default;
    static Relation combine(Relation first, Relation second);

    QByteArray m_text;
    QByteArray m_method;
    QByteArray m_host;
    std::vector<Segment> m_segments;
};

} // namespace httpcore
