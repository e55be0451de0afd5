#pragma once

#include <QByteArray>
#include <QDateTime>

namespace httpcore
{

// HttpDate formats and parses the IMF-fixdate of RFC 9110 §5.6.7 ("Sun, 06 Nov 1994 08:49:37 GMT").
namespace HttpDate
{

// format renders time (converted to UTC) as an IMF-fixdate.
QByteArray format(const QDateTime &time);
// now returns the current time as an IMF-fixdate, cached per second per thread. Thread-safe.
QByteArray now();
// parse reads an IMF-fixdate; returns an invalid QDateTime for anything else.
QDateTime parse(QByteArrayView text);

} // namespace HttpDate

} // namespace httpcore
