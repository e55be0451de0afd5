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

// ServerObserver receives the server's connection-state hooks (Go's Server.ConnState).
//
// Thread affinity: connStateChanged() is called on the connection's worker thread, concurrently for
// connections on different threads, so implementations must be thread-safe and must not block (record into a
// queue). Calls for one connection arrive in order, ending with exactly one ConnState::Closed.
class ServerObserver
{
public:
    virtual ~ServerObserver() = default;

    // connStateChanged reports that connection connectionId (unique per Server, from 1) from peer:peerPort
    // entered state. reason is a short text saying why a connection closed ("idle timeout", "peer closed",
    // "431 header too large"...); empty for other states. The view is valid only during the call.
    virtual void connStateChanged(
        quint64 connectionId, const QHostAddress &peer, quint16 peerPort, ConnState state, QByteArrayView reason) = 0;

    // wantsJourneys says whether the server should record a Journey for every request (a small cost per
    // request). Read when a request starts.
    virtual bool wantsJourneys() const { return false; }
    // requestJourney delivers the journey of a finished exchange (after the keep-alive decision), on the
    // connection's worker thread, before that connection's next request starts or its Closed state is reported.
    virtual void requestJourney(const JourneyPtr &journey) { Q_UNUSED(journey); }
};

} // namespace httpcore
