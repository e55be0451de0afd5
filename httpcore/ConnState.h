#pragma once

#include "httpcore/Journey.h"

#include <QByteArrayView>
#include <QHostAddress>

namespace httpcore
{

// ConnState is the state of a client connection, with Go's transitions (net/http ConnState):
//   New      a connection that was just accepted; it moves to Active once a byte of a request arrives, or to
//            Closed.
//   Active   a connection that has read at least one byte of a request and has not finished answering it.
//   Idle     a keep-alive connection that finished a response and waits for the next request; it moves to
//            Active with the first byte of the next one, or to Closed (idle timeout, shutdown, peer close).
//   Hijacked a connection taken over by a handler (ResponseWriter::hijack()); it leaves the server's
//            accounting. Terminal.
//   Closed   the connection is closed. Terminal.
enum class ConnState
{
    New,
    Active,
    Idle,
    Hijacked,
    Closed
};

// connStateName returns the Go spelling of state ("new", "active", ...). Pure; thread-safe.
constexpr const char *connStateName(ConnState state)
{
    switch (state) {
    case ConnState::New:
        return "new";
    case ConnState::Active:
        return "active";
    case ConnState::Idle:
        return "idle";
    case ConnState::Hijacked:
        return "hijacked";
    case ConnState::Closed:
        return "closed";
    }
    return "unknown";
}

// CloseCause says why a connection closed, as a stable short word (closeCauseName()) that logs and views can rely
// on; the observer's free-text reason adds the details ("400 bad request line", "connection failed: ...").
enum class CloseCause
{
    None,            // not closed (or hijacked)
    Client,          // the client closed its side (end of input) between or during requests
    ConnectionClose, // the request asked for it ("Connection: close", or HTTP/1.0 without keep-alive)
    KeepAlivesOff,   // the server has keep-alives disabled
    IdleTimeout,     // no next request (or unread body drained) within the idle timeout
    HeaderTimeout,   // the request head did not arrive within the read-header timeout
    ReadTimeout,     // the request did not arrive within the read timeout
    WriteTimeout,    // the response was not written within the write timeout
    ParseError,      // the request was malformed (answered with its 4xx/5xx status, see reason)
    UnreadBody,      // an unread request body too large to drain, or an unanswered 100-continue
    ResponseClose,   // the response required the close (the handler said "Connection: close")
    HandlerError,    // the handler threw an exception
    Shutdown,        // the server was shutting down or closed
    Reset,           // reading or writing failed (connection reset by the peer, broken pipe)
    Other            // anything else (a failed hijack)
};

// closeCauseName returns the stable word for cause ("client", "idle-timeout", ...; "" for None). Pure;
// thread-safe.
constexpr const char *closeCauseName(CloseCause cause)
{
    switch (cause) {
    case CloseCause::None:
        return "";
    case CloseCause::Client:
        return "client";
    case CloseCause::ConnectionClose:
        return "connection-close";
    case CloseCause::KeepAlivesOff:
        return "keep-alives-off";
    case CloseCause::IdleTimeout:
        return "idle-timeout";
    case CloseCause::HeaderTimeout:
        return "header-timeout";
    case CloseCause::ReadTimeout:
        return "read-timeout";
    case CloseCause::WriteTimeout:
        return "write-timeout";
    case CloseCause::ParseError:
        return "parse-error";
    case CloseCause::UnreadBody:
        return "unread-body";
    case CloseCause::ResponseClose:
        return "response-close";
    case CloseCause::HandlerError:
        return "handler-error";
    case CloseCause::Shutdown:
        return "shutdown";
    case CloseCause::Reset:
        return "reset";
    case CloseCause::Other:
        return "other";
    }
    return "other";
}

// ConnStats are a connection's running totals. A plain value.
struct ConnStats
{
    // requests counts the responses the handler finished on this connection.
    quint64 requests = 0;
    // bytesIn counts bytes read from the peer (bytes).
    qint64 bytesIn = 0;
    // bytesOut counts bytes handed to the kernel for the peer (bytes); output dropped at close is not counted.
    qint64 bytesOut = 0;

    friend bool operator==(const ConnStats &, const ConnStats &) = default;
};

// ConnStateChange is one connection-state change as ServerObserver::connStateChanged() reports it. A plain value;
// reason views memory that is valid only during the call.
struct ConnStateChange
{
    // connectionId is unique per Server, from 1.
    quint64 connectionId = 0;
    QHostAddress peer;
    quint16 peerPort = 0;
    ConnState state = ConnState::New;
    // cause and reason say why the connection closed (Closed only; None and empty otherwise). reason is a short
    // text ("idle timeout", "peer closed", "431 header too large"...).
    CloseCause cause = CloseCause::None;
    QByteArrayView reason;
    // stats are the totals when the state was entered (final totals with Closed and Hijacked).
    ConnStats stats;
};

// ServerObserver receives the server's connection-state hooks (Go's Server.ConnState).
//
// Thread affinity: connStateChanged() is called on the connection's worker thread, concurrently for
// connections on different threads, so implementations must be thread-safe and must not block (record into a
// queue). Calls for one connection arrive in order, ending with exactly one ConnState::Closed.
class ServerObserver
{
public:
    virtual ~ServerObserver() = default;

    // connStateChanged reports that connection change.connectionId entered change.state, with its totals and,
    // for Closed, why. The change (its reason view) is valid only during the call.
    virtual void connStateChanged(const ConnStateChange &change) = 0;

    // wantsJourneys says whether the server should record a Journey for every request (a small cost per
    // request). Read when a request starts.
    virtual bool wantsJourneys() const { return false; }
    // requestJourney delivers the journey of a finished exchange (after the keep-alive decision), on the
    // connection's worker thread, before that connection's next request starts or its Closed state is reported.
    virtual void requestJourney(const JourneyPtr &journey) { Q_UNUSED(journey); }
};

} // namespace httpcore
