#pragma once

#include "httpcore/Header.h"
#include "httpcore/mock/RouteSet.h"

#include <QByteArrayView>
#include <QString>

namespace mock
{

// The rules that turn a proxied exchange into a route (see ProxyRecorder): pure functions, thread-safe.

// literalPattern returns the ServeMux pattern that matches exactly the requests for method and the escaped path
// rawPath: "METHOD path", with '{' and '}' escaped ("%7B", "%7D") so they stay literal, and "{$}" appended to a
// path that ends in '/', which would otherwise match its whole subtree. Other percent escapes stay as sent: the
// mux decodes pattern and request segments alike, after splitting on '/', so "%2F" stays inside its segment. An
// unclean path ("/a/../b") gives a pattern httpcore::Pattern::parse() refuses; the mux never routes such a path.
QString literalPattern(QByteArrayView method, QByteArrayView rawPath);

// recordedRouteId returns a fresh id for a route recorded for pattern: "rec-", the pattern's letters and digits
// lower-cased with '-' for each run of other characters, '-' and 8 random hex digits ("rec-get-users-42-5f0c2a9e"),
// so recordings of different sessions do not collide with each other or with ids people type.
QString recordedRouteId(const QString &pattern);

// isInlineText reports whether a recorded body can be the route's inline body: not content-encoded (no
// Content-Encoding other than "identity"), valid UTF-8 and without NUL bytes.
bool isInlineText(QByteArrayView body, const httpcore::Header &responseHeader);

// recordedResponse returns the response a recorded route answers with, without its body: status; contentType
// from Content-Type; the other fields in order as headers, except Date and Server (the mock sends its own Date,
// and the upstream's Server is not the mock), Content-Length and Transfer-Encoding (the mock frames its answers),
// hop-by-hop fields, and, when keepContentEncoding is false, Content-Encoding (when the encoded body is not
// kept). The response is the route's default, labelled "recorded", and not templated: recorded bytes are data,
// and "{{" in them is not a template.
MockResponse recordedResponse(int status, const httpcore::Header &header, bool keepContentEncoding);

} // namespace mock
