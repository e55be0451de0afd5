#pragma once

#include <QByteArray>

namespace httpcore
{

// statusText returns the reason phrase of an HTTP status code ("Not Found" for 404) as registered by
// IANA (RFC 9110 §15), or an empty array for an unknown code. Pure function; thread-safe.
QByteArray statusText(int status);

// bodyAllowedForStatus is false for 1xx, 204 and 304 (RFC 9110 §6.4.1), as Go's bodyAllowedForStatus.
bool bodyAllowedForStatus(int status);

} // namespace httpcore
