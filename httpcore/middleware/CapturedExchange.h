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
    // request is the request as on the wire, in dumpRequest()'s layout: the head, then the start of the body
    // (transfer coding removed) as read by the time the response completed, i.e. requestBody. Then, each on a
    // line of its own (the first preceded by CRLF, as dumpRequest() does):
    //   "[... N more bytes not shown]"  when more than the cap was read (N: bytes read beyond requestBody);
    //   "[... N more bytes not read by the handler]"  when the handler had not read the body to its end when its
    //       response completed (N: the declared bytes left; "[... rest of the chunked body not read by the
    //       handler]" for a chunked body). The server drains such a rest after the response; that is not captured.
    //   "[... N more bytes not received: the body ended with an error]" (or "[... rest of the chunked body not
    //       received: ...]") when reading it failed (malformed chunked coding, over the size limit, connection lost).
    // A request without a body is its head only.
    QByteArray request;
    // requestBody is the first bodyCap bytes of the request body (transfer coding removed) as read from the wire
    // for the handler by the time the response completed; empty without a body or when the handler read none.
    QByteArray requestBody;
    // requestBodyRead counts the request body bytes read from the wire by the time the response completed,
    // shown or not.
    qint64 requestBodyRead = 0;
    // requestBodyTruncated is true when more body bytes were read than requestBody holds (the cap).
    bool requestBodyTruncated = false;
    // requestBodyComplete is true when the whole request body had been read when the response completed (also
    // for a request without a body); false when the handler left (part of) it unread or reading it failed.
    bool requestBodyComplete = true;
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
