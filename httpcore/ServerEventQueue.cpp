#include "httpcore/ServerEventQueue.h"

namespace httpcore
{

ServerEventQueue::ServerEventQueue(qsizetype capacity, EventQueue<ServerEvent>::Wake wake)
    : m_queue(capacity, std::move(wake))
{}

void ServerEventQueue::connStateChanged(
    quint64 connectionId, const QHostAddress &peer, quint16 peerPort, ConnState state, QByteArrayView reason)
{
    ServerEvent event;
    event.kind = ServerEvent::Kind::ConnState;
    event.at = std::chrono::steady_clock::now();
    event.connectionId = connectionId;
    event.peer = peer;
    event.peerPort = peerPort;
    event.state = state;
    event.reason = reason.toByteArray();
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
