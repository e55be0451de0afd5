#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace httpcore::muxpath
{

// The path and host helpers of the ServeMux (Go's cleanPath and stripHostPort). Pure functions over bytes;
// thread-safe.

// isCleanPath reports whether cleanPath(path) would return path unchanged: path starts with '/' and has no
// empty, "." or ".." segment (a single trailing '/' is allowed). It does not allocate.
bool isCleanPath(QByteArrayView path);

// cleanPath returns the canonical form of path, as Go's ServeMux computes it: a leading '/' is added when
// missing, repeated slashes are collapsed, "." segments are dropped, ".." drops the segment before it (and
// nothing at the root), and a trailing '/' is kept. An empty path becomes "/". It works on the escaped path:
// "%2e%2e" is not "..".
QByteArray cleanPath(QByteArrayView path);

// stripHostPort returns host without a trailing ":port" ("example.com:8080" -> "example.com",
// "[::1]:8080" -> "[::1]"). A host with several colons outside brackets is returned unchanged.
QByteArrayView stripHostPort(QByteArrayView host);

// unescapeSegment percent-decodes one path segment ('+' stays '+'). A malformed escape leaves the segment
// as it is, as Go's pathUnescape does.
QByteArray unescapeSegment(QByteArrayView segment);

} // namespace httpcore::muxpath
