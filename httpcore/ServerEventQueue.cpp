#include "httpcore/ServerEventQueue.h"

namespace httpcore
{

ServerEventQueue::ServerEventQueue(qsizetype capacity, EventQueue<ServerEvent>::Wake wake)
    : m_queue(capacity, std::move(wake))
{}

void ServerEventQueue::connStateChanged(const ConnStateChange &change)
{
    ServerEvent event;
    event.kind = ServerEvent::Kind::ConnState;
    event.at = std::chrono::steady_clock::now();
    event.connectionId = change.connectionId;
    event.peer = change.peer;
    event.peerPort = change.peerPort;
    event.state = change.state;
    event.cause = change.cause;
    event.reason = change.reason.toByteArray();
    event.stats = change.stats;
    m_queue.push(std::move(event));
}

void ServerEventQueue::requestJourney(const JourneyPtr &journey)
{
    ServerEvent event;
    event.kind = ServerEvent::Kind::Journey;
    event.at = std::chrono::steady_clock::now();
    event.connectionId = journey->connectionId;
    event.journey = journey;
    m_queue.push(std::move(event));
}

} // namespace httpcore
