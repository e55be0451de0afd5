#pragma once

#include "httpcore/mock/convert/PathConversion.h"

#include <QString>

namespace mock
{

// PathConverter turns the path syntaxes of Mockoon (Express), OpenAPI and WireMock into Go 1.22 pattern paths
// (see RegexPathConverter for WireMock's regexes). Literal text is kept and escaped for the pattern parser; a path
// that must match exactly and ends in '/' gets "{$}", since a Go path ending in '/' matches everything below it;
// the root becomes "/{$}" for the same reason. Pure static functions; thread-safe.
class PathConverter
{
public:
    // fromExpress converts a Mockoon endpoint (leading '/' optional): ":name" becomes "{name}", "*" or "*name" as
    // the last segment "{rest...}" or "{name...}". A trailing '/' is dropped (Express matches "/a" and "/a/" alike).
    // Approximated, with the reason: optional (":id?") and constrained (":id(\\d+)") parameters, "*" before the
    // last segment, and segments mixing text with parameters or Express pattern characters (?, +, (), [], {}),
    // each widened to a whole-segment wildcard.
    static PathConversion fromExpress(const QString &endpoint);
    // fromTemplate converts an OpenAPI path or a WireMock urlPathTemplate: "{name}" as a whole segment is kept
    // (renamed when it is not a Go identifier or repeats); a variable inside a segment ("/files/{name}.json") is
    // approximated by a whole-segment wildcard; RFC 6570 operators ("{+path}", "{?q}", "{id*}") are refused.
    static PathConversion fromTemplate(const QString &path);
    // fromLiteral converts an exact path (WireMock url or urlPath, without the query).
    static PathConversion fromLiteral(const QString &path);
};

} // namespace mock
