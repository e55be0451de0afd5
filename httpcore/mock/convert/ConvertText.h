#pragma once

#include <QString>

namespace mock::convert
{

// Small text helpers shared by the importers and the exporter. Pure functions; thread-safe.

// quoted returns text in double quotes, for report messages.
QString quoted(const QString &text);
// isToken reports whether text is an HTTP token (RFC 9110 §5.6.2), as a method or a field name must be.
bool isToken(const QString &text);
// jsonBodyPath turns a body path of another tool into a Switchboard JSON body path (dot-separated, numeric
// array indexes): JSONPath "$.user.tags[0]" and object-path "user.tags.0" both give "user.tags.0". Anything
// else (recursive descent, filters, wildcards, quoted names) gives an empty string.
QString jsonBodyPath(const QString &path);

} // namespace mock::convert
