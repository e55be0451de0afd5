#pragma once

#include "httpcore/Expected.h"
#include "httpcore/Header.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <limits>

class QTcpSocket;

namespace httpcore
{

// ResponseWriter is what a handler uses to build its response (Go's http.ResponseWriter plus Flusher).
//
// Rules, as Go's: header() may be changed until the status is written; later changes are ignored.
// writeHeader() sends the status (a 1xx other than 101 is sent at once as an informational response and
// the final status is still to come); the first write() implies writeHeader(200). flush() sends what is
// buffered (streaming, server-sent events). finish() ends the response: a handler may call it later than
// its own return (a delay, a proxied answer), from the thread the writer lives on.
//
// Thread affinity: the connection's worker thread; not thread-safe.
// HijackedConnection is what ResponseWriter::hijack() hands over: the connection's socket and the bytes the
// server had already read from it but not consumed (what follows the request head).
struct HijackedConnection
{
    // socket is connected, has no parent, and lives on the worker thread that called the handler; the caller
    // owns it (deleteLater() it when done) and must use it on that thread.
    QTcpSocket *socket = nullptr;
    QByteArray buffered;
};

class ResponseWriter
{
public:
    // BrokenBacklog is what bufferedBytes() returns once the connection is broken: more than any low-water mark.
    static constexpr qint64 BrokenBacklog = std::numeric_limits<qint64>::max();

    virtual ~ResponseWriter() = default;

    virtual Header &header() = 0;
    virtual void writeHeader(int status) = 0;
    // write appends body bytes and returns how many were accepted, or -1 when the response does not allow
    // them (a HEAD answer accepts and discards them; 1xx, 204 and 304 answers refuse them; so do writes
    // past a declared Content-Length, and writes after finish()), or when the connection is broken: as Go's
    // response.Write, the write that failed on the connection and every later one return -1 at once, so a
    // streaming handler stops producing its body. A wrapper must pass that -1 on (and refuse writes once the
    // response it wraps isFinished()) even when it buffers or transforms the bytes.
    virtual qint64 write(QByteArrayView data) = 0;
    virtual void flush() = 0;
    virtual void finish() = 0;

    // isFinished is true once nothing more can be sent: the response was finished, or its connection went away
    // or broke (a write failed).
    virtual bool isFinished() const = 0;
    // status returns the final status written, or 0 while none is.
    virtual int status() const = 0;
    // bodyBytesWritten counts body bytes accepted from the handler (before any transfer coding).
    virtual qint64 bodyBytesWritten() const = 0;

    // bufferedBytes returns how many response bytes were accepted but not yet handed to the operating system
    // (0 for a writer that does not know), or BrokenBacklog while the response is unfinished and its connection
    // is broken or gone, so that a writer pacing itself by it stops writing.
    virtual qint64 bufferedBytes() const { return 0; }
    // whenDrained calls callback once, later (never from inside this call), when bufferedBytes() is at most
    // lowWater: the pacing a streaming handler needs (write a chunk, wait until drained, write the next) so a
    // large body never sits in memory whole. A new call replaces the previous callback. The callback is dropped
    // uncalled when the response is finished or the connection goes away or breaks. The default calls it on the
    // next event-loop pass.
    virtual void whenDrained(qint64 lowWater, std::function<void()> callback);

    // hijack lets the handler take the connection over (Go's http.Hijacker): the server stops reading, writing
    // and timing it, reports ConnState::Hijacked, and forgets it. After a successful call the writer is
    // finished and refuses writes. It fails, with a reason, when the writer is not backed by a connection
    // (the default), or once a response byte was sent.
    virtual Expected<HijackedConnection, QString> hijack()
    {
        return Unexpected<QString>{QStringLiteral("this ResponseWriter cannot be hijacked")};
    }
};

} // namespace httpcore
