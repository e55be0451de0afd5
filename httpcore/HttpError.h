#pragma once

#include <QByteArray>

namespace httpcore
{

// HttpError is a protocol error that carries the HTTP status the server answers it with, like Go's
// statusError: {431, "header too large"}. The reason is short plain ASCII text meant for the client (it
// becomes the body of the error response) and for the log. Every HttpError answered by the server also
// closes the connection.
struct HttpError
{
    int status = 400;
    QByteArray reason;

    friend bool operator==(const HttpError &, const HttpError &) = default;
};

} // namespace httpcore
