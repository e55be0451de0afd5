#pragma once

#include "httpcore/mock/convert/PathConversion.h"

#include <QString>

namespace mock
{

// RegexPathConverter carries a WireMock urlPathPattern or urlPattern (a Java regex matched against the whole path,
// or the path and query) into a Go pattern path when it has a literal-and-wildcard shape: '/'-separated segments,
// each literal text (escapes such as "\\." allowed) or one wildcard: an atom ("[^/]", ".", "\\d", "\\w", a class)
// with a quantifier, optionally in a group, named ("(?<id>[^/]+)") or not. "[^/]+" becomes "{name}" as it is;
// a constrained wildcard ("\\d+", "[0-9a-f]{8}") becomes "{name}" with the constraint reported as dropped; ".*" as
// the last segment becomes "{rest...}". Unnamed wildcards are named p1, p2... A segment mixing text and wildcards
// is widened to a whole-segment wildcard (reported). Anchors ("^", "$") are dropped; a trailing "/?" and, for
// urlPattern, a query part ("\\?...") are dropped and reported. Anything else (alternation, lookaround, a
// quantified literal or group, back-references) cannot be carried: the result's error says which construct.
//
// Pure static function; thread-safe.
class RegexPathConverter
{
public:
    static PathConversion convert(const QString &regex, bool withQuery);
};

} // namespace mock
