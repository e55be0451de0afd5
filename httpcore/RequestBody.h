#pragma once

#include "httpcore/HttpError.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>
#include <optional>

namespace httpcore
{

// RequestBody is the streamed body of one request (Go's Request.Body, event-driven): reachable from a handler
// as Request::body, null for a request without a body.
//
// Nothing is read from the wire until the handler asks for it with read(), readAll() or discard(); that is also
// when "HTTP/1.1 100 Continue" goes out for a request that expects it. A handler that answers without asking
// need not do anything: after the response, the server reads and discards up to ServerConfig::maxDrainBytes
// of the unread body to keep the connection, or closes it. Exactly one of read(), readAll() and discard() may
// be called, once; later calls are ignored. Callbacks are never called from inside these calls: they run later,
// from the connection's event loop, on the same thread.
//
// Callbacks are dropped (releasing what they capture, e.g. a ResponsePtr) after the end notification, when the
// response is finished (the rest of the body is then the server's to drain), and when the connection dies (after
// an end notification with an error).
//
// A tap (addTap()) lets a layer between the server and the handler, such as the RequestCapture middleware, see the
// body bytes as they are read for the handler without reading anything itself or changing what the handler gets.
//
// Thread affinity: the connection's worker thread; not thread-safe. A copy of the shared_ptr may outlive the
// connection: it is then detached and inert.
class RequestBody
{
public:
    // DataCallback receives the next body bytes (transfer coding removed). The view is valid only during the
    // call: copy what is kept.
    using DataCallback = std::function<void(QByteArrayView chunk)>;
    // EndCallback is called once, after the last chunk: with no error when the body is complete, with the
    // error otherwise (malformed chunked coding: 400; body over ParserLimits::maxBodyBytes: 413; connection
    // closed or timed out: status 0).
    using EndCallback = std::function<void(const std::optional<HttpError> &error)>;
    // ReadAllCallback receives the body, or its first cap bytes with truncated set when it is longer.
    using ReadAllCallback = std::function<void(QByteArray body, bool truncated)>;
    // Tap observes body bytes as they are read from the wire (transfer coding removed). The view is valid only
    // during the call. A tap must not call into the RequestBody.
    using Tap = std::function<void(QByteArrayView chunk)>;

    // Source is the connection side: told when the handler starts reading. Implemented by ConnectionWorker.
    class Source
    {
    public:
        virtual ~Source() = default;
        // bodyReadRequested is called when the handler asks for the body; it sends 100 Continue if due and
        // schedules reading. It must not call back into the RequestBody synchronously.
        virtual void bodyReadRequested() = 0;
    };

    // RequestBody constructs the body of a request with contentLength bytes (-1: chunked, length unknown),
    // fed by source (non-owning; see detach()). Server side.
    RequestBody(Source *source, qint64 contentLength);
    Q_DISABLE_COPY_MOVE(RequestBody)

    // read streams the body: onData for each chunk as it arrives, then onEnd once.
    void read(DataCallback onData, EndCallback onEnd);
    // readAll collects the body and calls done once with it. With cap >= 0, a body longer than cap bytes
    // calls done with its first cap bytes and truncated set, and the rest is left to the server's drain rule;
    // cap < 0 means no cap (ParserLimits::maxBodyBytes still applies). On an error done is not called (the
    // server answers the error itself when the response has not started, and closes the connection).
    void readAll(qint64 cap, ReadAllCallback done);
    // discard reads the body and throws it away as it arrives (sending 100 Continue if due), so the client
    // can finish sending while the handler works. onEnd, if set, is called as for read().
    void discard(EndCallback onEnd = {});

    // addTap adds an observer that is called with every body byte read from the wire from now on while the
    // handler reads or discards the body, in order and before the handler's own callback sees them. That
    // includes bytes of the read that completed a capped readAll() beyond its cap, which the handler does not
    // get; it excludes what the server drains after the response (the body is detached by then). Taps are called
    // in the order they were added; they never cause a read. Taps are dropped (releasing what they capture) with
    // the callbacks: at the end of the body, on an error, and on detach(); adding one to a body that has ended
    // does nothing. Worker thread only, like the rest.
    void addTap(Tap tap);

    // contentLength is the declared length, or -1 for a chunked body.
    qint64 contentLength() const { return m_contentLength; }
    // bytesReceived counts body bytes read from the wire so far (delivered or discarded).
    qint64 bytesReceived() const { return m_received; }
    // isComplete is true once the whole body was read.
    bool isComplete() const { return m_mode == Mode::Complete; }
    // isStarted is true once read(), readAll() or discard() was called.
    bool isStarted() const { return m_mode != Mode::Unread; }
    // hasFailed is true once the body ended with an error (fail()): it was not, and will not be, read to its end.
    bool hasFailed() const { return m_mode == Mode::Failed; }

    // Server side (ConnectionWorker) ------------------------------------------------------------------------

    // wantsData is true while the handler is reading or discarding: the connection should read body bytes.
    bool wantsData() const;
    // deliver hands the next body bytes to the reader.
    void deliver(QByteArrayView data);
    // complete reports the end of the body.
    void complete();
    // fail reports that the body cannot be read to its end.
    void fail(const HttpError &error);
    // detach drops the callbacks without calling them and forgets the source: the exchange is over. Later
    // calls from a handler are ignored.
    void detach();

private:
    enum class Mode
    {
        Unread,
        Reading,
        ReadingAll,
        Discarding,
        Paused,
        Complete,
        Failed,
        Detached
    };

    struct Callbacks
    {
        DataCallback onData;
        EndCallback onEnd;
        ReadAllCallback onAll;
    };

    bool start(Mode mode, std::shared_ptr<Callbacks> callbacks);

    Source *m_source;
    qint64 m_contentLength;
    qint64 m_received = 0;
    qint64 m_cap = -1;
    Mode m_mode = Mode::Unread;
    QByteArray m_all;
    // The callbacks, held through a shared_ptr so a callback can end the body (dropping m_callbacks) while it
    // runs: the caller keeps its own reference for the duration of the call.
    std::shared_ptr<Callbacks> m_callbacks;
    // The observers (addTap()), combined into one; null (the common case: one branch per chunk) without any.
    Tap m_tap;
};

} // namespace httpcore
