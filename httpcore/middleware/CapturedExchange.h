#pragma once

#include <QByteArray>

#include <chrono>

namespace httpcore
{

// CapturedExchange is one request/response pair as the RequestCapture middleware saw it, for the inspector. A
// plain value type with no thread affinity.
struct CapturedExchange
{
    // connectionId and sequence identify the exchange as Request and Journey do (the connection, unique per Server
    // from 1, and the request's number on it from 1), so a consumer can pair a capture with its journey.
    quint64 connectionId = 0;
    quint64 sequence = 0;
    QByteArray method;
    QByteArray target;
    // request is dumpRequest()'s rendering of the request head. The body is not part of it (the handler owns the
    // request body stream); a final "[... N more bytes not shown]" line gives its size when it had one.
    QByteArray request;
    // response is the response as the handler produced it: status line, the header fields it set (the server
    // adds Date and framing fields on the wire), a blank line, and the first bodyCap bytes of the body, followed
    // by "[... N more bytes not shown]" when it was longer. Lines end in CRLF.
    QByteArray response;
    // status is the final status (0 when none was written, e.g. an aborted exchange).
    int status = 0;
    // requestBodyBytes is the declared request body size (Content-Length), or for a chunked body the bytes
    // received by completion (-1 when the handler read none of it); 0 without a body.
    qint64 requestBodyBytes = 0;
    // responseBodyBytes counts every body byte the handler wrote, shown or not.
    qint64 responseBodyBytes = 0;
    // responseTruncated is true when the response body was longer than the cap.
    bool responseTruncated = false;
    // aborted is true when the handler threw before completing its response.
    bool aborted = false;
    // duration runs from the request entering the capture layer to the response completing.
    std::chrono::microseconds duration{0};

    friend bool operator==(const CapturedExchange &, const CapturedExchange &) = default;
};

} // namespace httpcore
