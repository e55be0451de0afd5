#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace httpcore
{

// detectContentType guesses the media type of data from at most its first 512 bytes, after the WHATWG MIME
// sniffing rules that Go's http.DetectContentType implements (HTML, XML, PDF, images, archives, ...), with
// one addition: a body that is complete (isComplete) and parses as a JSON object or array is
// "application/json". Text without binary bytes is "text/plain; charset=utf-8"; anything else is
// "application/octet-stream". Pure function; thread-safe.
QByteArray detectContentType(QByteArrayView data, bool isComplete);

} // namespace httpcore
