#pragma once

#include "httpcore/Header.h"

#include <QByteArray>
#include <QUrl>

namespace mock
{

// RecordedExchange is one completed proxied exchange as the proxy hands it to a ProxyRecorder: what the client
// asked this server and what the upstream answered. A regular value type with no thread affinity.
struct RecordedExchange
{
    // method, rawPath (escaped, as sent) and rawQuery of the client's request to this server.
    QByteArray method;
    QByteArray rawPath;
    QByteArray rawQuery;
    // requestHeader is the client's request header as received.
    httpcore::Header requestHeader;
    // upstreamUrl is where the request was forwarded.
    QUrl upstreamUrl;
    // status and responseHeader as relayed to the client (hop-by-hop fields already removed).
    int status = 0;
    httpcore::Header responseHeader;
    // body holds the first bytes of the response body, exactly as received (never decoded), up to the recorder's
    // maxBodyBytes(); bodyBytes counts the whole body relayed.
    QByteArray body;
    qint64 bodyBytes = 0;

    // isBodyComplete is false when the body was longer than what body holds.
    bool isBodyComplete() const { return bodyBytes == body.size(); }

    friend bool operator==(const RecordedExchange &, const RecordedExchange &) = default;
};

} // namespace mock
