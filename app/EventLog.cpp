#include "app/EventLog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace app
{

namespace
{

// QueueCapacity bounds undrained events: at 20 drains a second this absorbs 1.3 M events a second.
constexpr qsizetype QueueCapacity = 65'536;
constexpr auto DrainInterval = 50ms;

// millisecondsBetween returns the time from a to b in fractional milliseconds.
double millisecondsBetween(const httpcore::JourneyMark *a, const httpcore::JourneyMark *b)
{
    if (!a || !b)
        return 0.0;
    return std::chrono::duration<double, std::milli>(b->at - a->at).count();
}

} // namespace

EventLog::EventLog(Mode mode, Format format, FILE *out, QObject *parent)
    : QObject(parent), m_mode(mode), m_format(format), m_out(out), m_wallAtStart(QDateTime::currentMSecsSinceEpoch()),
      m_steadyAtStart(std::chrono::steady_clock::now())
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DrainInterval);
    connect(&m_timer, &QTimer::timeout, this, &EventLog::drain);
    // The queue wakes us at most once per drain; the timer then batches everything that arrives meanwhile.
    m_events = std::make_shared<httpcore::ServerEventQueue>(QueueCapacity, [this] {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_timer.isActive())
                    m_timer.start();
            },
            Qt::QueuedConnection);
    });
}

EventLog::~EventLog() = default;

void EventLog::drain()
{
    auto batch = m_events->queue().drain();
    m_dropped += batch.dropped;
    if (batch.dropped > 0 && m_mode != Mode::Count)
        std::fprintf(m_out, "(%llu events dropped: the log could not keep up)\n",
                     static_cast<unsigned long long>(batch.dropped));
    for (const httpcore::ServerEvent &event : batch.events)
        print(event);
    if (m_mode != Mode::Count)
        std::fflush(m_out);
}

void EventLog::printTotals()
{
    drain();
    std::fprintf(m_out, "requests: %llu, events dropped: %llu\n", static_cast<unsigned long long>(m_requests),
                 static_cast<unsigned long long>(m_dropped));
    std::fflush(m_out);
}

void EventLog::print(const httpcore::ServerEvent &event)
{
    const bool journey = event.kind == httpcore::ServerEvent::Kind::Journey;
    if (journey)
        ++m_requests;
    if (m_mode == Mode::Count || (!journey && m_mode != Mode::All))
        return;
    if (m_format == Format::Json)
        printJson(event);
    else
        printText(event);
}

void EventLog::printJson(const httpcore::ServerEvent &event)
{
    QJsonObject line;
    if (event.kind == httpcore::ServerEvent::Kind::Journey) {
        const httpcore::Journey &journey = *event.journey;
        const auto start = journey.marks().empty() ? event.at : journey.marks().front().at;
        line.insert(u"time"_s, QString::fromLatin1(wallClock(start, true)));
        line.insert(u"event"_s, u"request"_s);
        line.insert(u"conn"_s, qint64(journey.connectionId));
        line.insert(u"seq"_s, qint64(journey.sequence));
        line.insert(u"method"_s, QString::fromUtf8(journey.method));
        line.insert(u"target"_s, QString::fromUtf8(journey.target));
        line.insert(u"status"_s, journey.status);
        line.insert(u"bytes"_s, journey.responseBodyBytes);
        line.insert(u"requestBytes"_s, journey.requestBodyBytes);
        line.insert(u"keepAlive"_s, journey.keepAlive);
        QJsonArray stages;
        for (const httpcore::JourneyMark &mark : journey.marks()) {
            const auto us = std::chrono::duration_cast<std::chrono::microseconds>(mark.at - start).count();
            QJsonObject stage{{u"stage"_s, QString::fromLatin1(httpcore::journeyStageName(mark.stage))},
                              {u"us"_s, qint64(us)}};
            if (!mark.label.isEmpty())
                stage.insert(u"label"_s, QString::fromUtf8(mark.label));
            stages.append(stage);
        }
        line.insert(u"stages"_s, stages);
    } else {
        line.insert(u"time"_s, QString::fromLatin1(wallClock(event.at, true)));
        line.insert(u"event"_s, u"connection"_s);
        line.insert(u"conn"_s, qint64(event.connectionId));
        line.insert(u"peer"_s, u"%1:%2"_s.arg(event.peer.toString()).arg(event.peerPort));
        line.insert(u"state"_s, QString::fromLatin1(httpcore::connStateName(event.state)));
        if (event.state == httpcore::ConnState::Closed || event.state == httpcore::ConnState::Hijacked) {
            if (event.cause != httpcore::CloseCause::None)
                line.insert(u"cause"_s, QString::fromLatin1(httpcore::closeCauseName(event.cause)));
            line.insert(u"requests"_s, qint64(event.stats.requests));
            line.insert(u"bytesIn"_s, event.stats.bytesIn);
            line.insert(u"bytesOut"_s, event.stats.bytesOut);
        }
        if (!event.reason.isEmpty())
            line.insert(u"reason"_s, QString::fromUtf8(event.reason));
    }
    const QByteArray json = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fprintf(m_out, "%s\n", json.constData());
}

void EventLog::printText(const httpcore::ServerEvent &event)
{
    using httpcore::JourneyStage;
    if (event.kind == httpcore::ServerEvent::Kind::Journey) {
        const httpcore::Journey &journey = *event.journey;
        const double total =
            millisecondsBetween(journey.find(JourneyStage::FirstByte), journey.find(JourneyStage::ResponseComplete));
        const httpcore::JourneyMark *decision = journey.find(JourneyStage::KeepAliveDecided);
        const httpcore::JourneyMark *routed = journey.find(JourneyStage::RouteChosen);
        const QByteArray route = routed && !routed->label.isEmpty() ? " route: " + routed->label : QByteArray();
        const QByteArray time = wallClock(journey.marks().empty() ? event.at : journey.marks().front().at);
        std::fprintf(m_out, "%s conn %llu #%llu %s %s -> %d, %lld B, %.3f ms (%s)%s\n", time.constData(),
                     static_cast<unsigned long long>(journey.connectionId),
                     static_cast<unsigned long long>(journey.sequence),
                     journey.method.isEmpty() ? "-" : journey.method.constData(),
                     journey.target.isEmpty() ? "-" : journey.target.left(200).constData(), journey.status,
                     static_cast<long long>(journey.responseBodyBytes), total,
                     decision ? decision->label.constData() : "", route.constData());
        return;
    }
    const QByteArray time = wallClock(event.at);
    QByteArray totals;
    if (event.state == httpcore::ConnState::Closed || event.state == httpcore::ConnState::Hijacked) {
        // Closed lines carry the stable cause word and the connection's totals.
        if (event.cause != httpcore::CloseCause::None)
            totals = " ["_ba + httpcore::closeCauseName(event.cause) + ']';
        totals += ' ' + QByteArray::number(event.stats.requests) + " req, "_ba +
                  QByteArray::number(event.stats.bytesIn) + " B in, "_ba + QByteArray::number(event.stats.bytesOut) +
                  " B out"_ba;
    }
    std::fprintf(m_out, "%s conn %llu %s:%u %s%s%s%s\n", time.constData(),
                 static_cast<unsigned long long>(event.connectionId), qPrintable(event.peer.toString()),
                 unsigned(event.peerPort), httpcore::connStateName(event.state), event.reason.isEmpty() ? "" : ": ",
                 event.reason.constData(), totals.constData());
}

QByteArray EventLog::wallClock(std::chrono::steady_clock::time_point at, bool iso) const
{
    const qint64 ms =
        m_wallAtStart + std::chrono::duration_cast<std::chrono::milliseconds>(at - m_steadyAtStart).count();
    if (iso) // machine-read: UTC, with the "Z"
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss.zzz"_s).toLatin1();
}

} // namespace app
