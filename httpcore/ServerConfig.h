#pragma once

#include "httpcore/RequestParser.h"

#include <QString>

#include <chrono>

namespace httpcore
{

// ServerConfig holds a Server's settings (Go's http.Server fields). A regular value type with no thread
// affinity; the Server copies it when it starts listening. A zero duration means "no timeout".
struct ServerConfig
{
    // host is the address to listen on: an IPv4 or IPv6 literal, "localhost", or "::" for dual stack.
    QString host = QStringLiteral("127.0.0.1");
    // port to listen on; 0 lets the system choose (see Server::serverPort()).
    quint16 port = 8080;
    // workerThreads is the number of connection threads; 0 means QThread::idealThreadCount().
    int workerThreads = 0;
    ParserLimits limits;
    // readHeaderTimeout bounds reading a request head, from its first byte (from accept for a new
    // connection) until the head is parsed. On expiry the connection is closed without a response.
    std::chrono::milliseconds readHeaderTimeout{10'000};
    // readTimeout bounds reading a whole request, body included, from its first byte.
    std::chrono::milliseconds readTimeout{0};
    // writeTimeout bounds answering, from the end of the head read until the response is written out
    // (handler time included, as in Go).
    std::chrono::milliseconds writeTimeout{0};
    // idleTimeout bounds waiting for the next request on a kept-alive connection (and draining an unread
    // request body after the response).
    std::chrono::milliseconds idleTimeout{120'000};
    bool keepAlivesEnabled = true;
    // listenBacklog is the kernel's queue of not-yet-accepted connections (Qt's default of 50 is too small).
    int listenBacklog = 1024;
    // maxDrainBytes: after a response, an unread request body up to this size is read and discarded so the
    // connection can be reused; a larger one closes the connection (Go's maxPostHandlerReadBytes).
    qint64 maxDrainBytes = 256 * 1024;

    friend bool operator==(const ServerConfig &, const ServerConfig &) = default;
};

} // namespace httpcore
