#pragma once

#include <QByteArray>

#include <chrono>
#include <memory>
#include <vector>

namespace httpcore
{

// JourneyStage names a step of a request's way through the server, in the order of the seeds' walk-through.
enum class JourneyStage : quint8
{
    Accepted,          // the connection was accepted (first request of a connection only)
    FirstByte,         // the first byte of the request arrived
    HeadParsed,        // the request line and header section are parsed
    BodyComplete,      // the whole request body was read (requests with a body only)
    RouteChosen,       // the mux picked a route; label: the pattern ("" when none matched)
    MiddlewareEntered, // a middleware was called; label: its name
    MiddlewareLeft,    // that middleware returned; label: its name
    HandlerReturned,   // the server's call into the handler returned
    FirstResponseByte, // the first response byte was handed to the socket
    ResponseComplete,  // the response was finished and handed to the socket
    KeepAliveDecided   // the connection decided what comes next; label: the reason ("keep-alive", ...)
};

// journeyStageName returns a short lowercase name of stage ("head parsed"). Pure; thread-safe.
constexpr const char *journeyStageName(JourneyStage stage)
{
    switch (stage) {
    case JourneyStage::Accepted:
        return "accepted";
    case JourneyStage::FirstByte:
        return "first byte";
    case JourneyStage::HeadParsed:
        return "head parsed";
    case JourneyStage::BodyComplete:
        return "body complete";
    case JourneyStage::RouteChosen:
        return "route chosen";
    case JourneyStage::MiddlewareEntered:
        return "middleware entered";
    case JourneyStage::MiddlewareLeft:
        return "middleware left";
    case JourneyStage::HandlerReturned:
        return "handler returned";
    case JourneyStage::FirstResponseByte:
        return "first response byte";
    case JourneyStage::ResponseComplete:
        return "response complete";
    case JourneyStage::KeepAliveDecided:
        return "keep-alive decided";
    }
    return "unknown";
}

// JourneyMark is one timestamped stage. label is empty, or the route pattern, middleware name or keep-alive
// reason the stage carries (implicitly shared, so static names cost no copy).
struct JourneyMark
{
    JourneyStage stage = JourneyStage::Accepted;
    std::chrono::steady_clock::time_point at;
    QByteArray label;
};

// Journey is the record of one request's way through the server: who it was, what it was, and the monotonic
// timestamp of every stage reached (JourneyStage), in the order reached. The connection creates one per
// request when its ServerObserver wants journeys, hands it along in Request::journey (so the mux and the
// middleware can mark their stages) and gives it to ServerObserver::requestJourney() when the exchange ends.
//
// Thread affinity: the connection's worker thread while the request is served (mark() is not thread-safe);
// afterwards a read-only value that may be copied anywhere.
class Journey
{
public:
    using Clock = std::chrono::steady_clock;

    Journey() { m_marks.reserve(16); }

    void mark(JourneyStage stage, QByteArray label = {}) { m_marks.push_back({stage, Clock::now(), std::move(label)}); }
    void markAt(JourneyStage stage, Clock::time_point at, QByteArray label = {})
    {
        m_marks.push_back({stage, at, std::move(label)});
    }
    const std::vector<JourneyMark> &marks() const { return m_marks; }
    // find returns the first mark of stage, or null.
    const JourneyMark *find(JourneyStage stage) const
    {
        for (const JourneyMark &m : m_marks) {
            if (m.stage == stage)
                return &m;
        }
        return nullptr;
    }

    // Filled in by the connection.
    quint64 connectionId = 0;
    // sequence numbers the requests of one connection from 1.
    quint64 sequence = 0;
    QByteArray method;
    QByteArray target;
    // status is the final status sent (0 when the connection closed before one was).
    int status = 0;
    // responseBodyBytes counts body bytes the handler wrote.
    qint64 responseBodyBytes = 0;
    // requestBodyBytes counts body bytes read from the wire.
    qint64 requestBodyBytes = 0;
    // keepAlive is true when the connection stayed open for another request.
    bool keepAlive = false;

private:
    std::vector<JourneyMark> m_marks;
};

using JourneyPtr = std::shared_ptr<Journey>;

} // namespace httpcore
