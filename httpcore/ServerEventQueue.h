#pragma once

#include "httpcore/ConnState.h"
#include "httpcore/EventQueue.h"
#include "httpcore/Journey.h"

#include <QHostAddress>

#include <atomic>
#include <chrono>

namespace httpcore
{

// ServerEvent is one thing the server reports: a connection-state change or a finished request's journey.
// A plain value.
struct ServerEvent
{
    enum class Kind
    {
        ConnState,
        Journey
    };

    Kind kind = Kind::ConnState;
    // at is when the event was recorded (steady clock).
    std::chrono::steady_clock::time_point at;
    quint64 connectionId = 0;
    // ConnState events: the peer, the new state, the connection's totals then and, for Closed, why.
    QHostAddress peer;
    quint16 peerPort = 0;
    ConnState state = ConnState::New;
    CloseCause cause = CloseCause::None;
    QByteArray reason;
    ConnStats stats;
    // Journey events: the request's journey.
    JourneyPtr journey;
};

// ServerEventQueue is a ServerObserver that records every event into a bounded EventQueue, for a consumer
// that drains it in batches (the GUI's connection and request views, the headless logger).
//
// Thread affinity: the observer callbacks run on worker threads and only push; queue() is thread-safe (see
// EventQueue); setRecordJourneys() is thread-safe and takes effect from the next request.
class ServerEventQueue final : public ServerObserver
{
public:
    // ServerEventQueue records up to capacity undrained events (the oldest dropped beyond), calling wake as
    // EventQueue describes.
    explicit ServerEventQueue(qsizetype capacity, EventQueue<ServerEvent>::Wake wake = {});

    EventQueue<ServerEvent> &queue() { return m_queue; }

    // setRecordJourneys chooses whether request journeys are recorded (connection states always are).
    void setRecordJourneys(bool record) { m_recordJourneys.store(record, std::memory_order_relaxed); }

    void connStateChanged(const ConnStateChange &change) override;
    bool wantsJourneys() const override { return m_recordJourneys.load(std::memory_order_relaxed); }
    void requestJourney(const JourneyPtr &journey) override;

private:
    EventQueue<ServerEvent> m_queue;
    std::atomic<bool> m_recordJourneys{true};
};

} // namespace httpcore
