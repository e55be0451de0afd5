#include "ui/live/ServerController.h"

#include "httpcore/mock/runtime/ServerLimitsConfig.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QMetaObject>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace ui
{

namespace
{

constexpr int DefaultDrainInterval = 100; // milliseconds
constexpr qsizetype ErrorCapacity = 256;
constexpr auto GracefulDeadline = 5s;

// servedSet returns set as the GUI serves it: with a "capture" entry appended innermost when the set has none,
// so the inspector gets dumps (innermost: it sees the body the routes wrote, before any compression).
mock::RouteSet servedSet(const mock::RouteSet &set)
{
    mock::RouteSet served = set;
    for (const mock::MiddlewareSetting &setting : set.server.middleware) {
        if (setting.name == "capture"_L1)
            return served;
    }
    mock::MiddlewareSetting capture;
    capture.name = u"capture"_s;
    capture.settings.insert(u"bodyCap"_s, qint64(ServerController::CaptureBodyCap));
    served.server.middleware.append(capture);
    return served;
}

} // namespace

ServerController::ServerController(QObject *parent) : QObject(parent)
{
    // The queues wake us at most once per drain (EventQueue); the wake-up only makes sure the timer runs, so a
    // burst of any size costs one queued call and is then drained in ticks.
    auto wake = [this] {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_timer.isActive())
                    m_timer.start();
            },
            Qt::QueuedConnection);
    };
    m_events = std::make_shared<httpcore::ServerEventQueue>(EventCapacity, wake);
    m_captures = std::make_shared<httpcore::EventQueue<httpcore::CapturedExchange>>(CaptureCapacity, wake);
    m_errors = std::make_shared<httpcore::EventQueue<QString>>(ErrorCapacity, wake);
    m_timer.setInterval(DefaultDrainInterval);
    connect(&m_timer, &QTimer::timeout, this, &ServerController::drain);
    m_clock.start();
    applyRouteSet(mock::RouteSet());
}

ServerController::~ServerController()
{
    // Join the server's threads first: after this nothing pushes into the queues or posts wake-ups.
    if (m_server)
        m_server->close();
    m_server.reset();
}

void ServerController::applyRouteSet(const mock::RouteSet &set, const QString &baseDirectory)
{
    if (!m_service || m_baseDirectory != baseDirectory) {
        // Body files resolve from the service's base directory, fixed at construction: a document saved
        // elsewhere needs a new service, installed on the running server at once.
        mock::MockServiceOptions options;
        options.baseDirectory = baseDirectory;
        options.sinks.capture = [captures = m_captures](const httpcore::CapturedExchange &exchange) {
            captures->push(exchange);
        };
        options.errorSink = [errors = m_errors](const mock::EngineProblem &problem) { errors->push(problem.message); };
        m_service = std::make_unique<mock::MockService>(options);
        m_baseDirectory = baseDirectory;
        if (m_server)
            m_server->setHandler(m_service->handler());
    }
    m_routeIds.clear();
    for (const mock::Route &route : set.routes)
        m_routeIds.insert(route.pattern.toUtf8(), route.id);
    m_workers = set.server.workers;
    setLimits(set.server.limits);
    m_problems = m_service->apply(servedSet(set));
    Q_EMIT applyFinished(m_problems);
}

void ServerController::setLimits(const mock::ServerLimits &limits)
{
    if (limits == m_limits)
        return;
    m_limits = limits;
    if (!m_server)
        return;
    // New connections get the new limits at once; open ones keep theirs. Workers stay as started (withLimits()
    // keeps them).
    m_server->setConnectionConfig(mock::withLimits(m_server->config(), m_limits));
}

std::optional<httpcore::ServerConfig> ServerController::runningConfig() const
{
    if (!m_server)
        return std::nullopt;
    return m_server->config();
}

bool ServerController::start(const QString &host, quint16 port)
{
    if (m_server)
        return false;
    httpcore::ServerConfig config = mock::withLimits(httpcore::ServerConfig(), m_limits);
    config.host = host;
    config.port = port;
    config.workerThreads = m_workers;
    auto server = std::make_unique<httpcore::Server>(config);
    server->setHandler(m_service->handler());
    server->setObserver(m_events);
    const auto listening = server->listen();
    if (!listening) {
        Q_EMIT startFailed(u"Cannot listen on %1:%2: %3."_s.arg(host).arg(port).arg(listening.error()));
        return false;
    }
    connect(server.get(), &httpcore::Server::shutdownFinished, this, [this](bool) { finishStop(); });
    m_server = std::move(server);
    m_host = host;
    m_stopping = false;
    m_timer.start();
    Q_EMIT started(*listening);
    return true;
}

void ServerController::stop(StopMode mode)
{
    if (!m_server)
        return;
    switch (mode) {
    case StopMode::Graceful:
        if (!m_stopping) {
            m_stopping = true;
            m_server->shutdown(GracefulDeadline);
            Q_EMIT stopping();
        }
        return;
    case StopMode::Immediate:
        m_server->close();
        finishStop();
        return;
    }
}

void ServerController::finishStop()
{
    if (!m_server)
        return;
    // shutdownFinished is emitted from inside the Server: delete it later, outside its own call (parented, so it
    // goes with the controller should no event loop run again).
    httpcore::Server *finished = m_server.release();
    finished->setParent(this);
    finished->deleteLater();
    m_stopping = false;
    // The threads are joined: every event of the run is queued; show them all now.
    drain();
    m_openStates.clear();
    Q_EMIT stopped();
}

quint16 ServerController::port() const
{
    return m_server ? m_server->serverPort() : quint16(0);
}

QString ServerController::url() const
{
    if (!m_server)
        return {};
    const QHostAddress address(m_host);
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol || m_host == "::"_L1;
    return u"http://%1:%2"_s.arg(v6 ? u'[' + m_host + u']' : m_host).arg(port());
}

void ServerController::drain()
{
    LiveBatch batch;
    // Events first, then captures: a capture is pushed before its journey on the same worker thread, so every
    // journey drained here has its capture in the capture queue by the time that one is drained.
    auto events = m_events->queue().drain();
    auto captures = m_captures->drain();
    auto errors = m_errors->drain();
    batch.events = std::move(events.events);
    batch.captures = std::move(captures.events);
    batch.droppedEvents = events.dropped;
    batch.droppedCaptures = captures.dropped;
    for (QString &error : errors.events)
        batch.errors.append(std::move(error));

    quint64 journeys = 0;
    bool hits = false;
    for (const httpcore::ServerEvent &event : batch.events) {
        switch (event.kind) {
        case httpcore::ServerEvent::Kind::Journey: {
            ++journeys;
            if (!event.journey)
                break;
            const httpcore::JourneyMark *routed = event.journey->find(httpcore::JourneyStage::RouteChosen);
            if (routed && !routed->label.isEmpty()) {
                const auto id = m_routeIds.constFind(routed->label);
                if (id != m_routeIds.cend()) {
                    ++m_hits[*id];
                    hits = true;
                }
            }
            break;
        }
        case httpcore::ServerEvent::Kind::ConnState:
            if (event.state == httpcore::ConnState::Closed || event.state == httpcore::ConnState::Hijacked)
                m_openStates.remove(event.connectionId);
            else
                m_openStates.insert(event.connectionId, event.state);
            break;
        }
    }

    const LiveCounters before = m_counters;
    m_counters.requestsTotal += journeys;
    m_counters.dropped += batch.droppedEvents + batch.droppedCaptures;
    updateRate(journeys);
    m_counters.newConnections = m_counters.activeConnections = m_counters.idleConnections = 0;
    for (const httpcore::ConnState state : std::as_const(m_openStates)) {
        if (state == httpcore::ConnState::New)
            ++m_counters.newConnections;
        else if (state == httpcore::ConnState::Active)
            ++m_counters.activeConnections;
        else if (state == httpcore::ConnState::Idle)
            ++m_counters.idleConnections;
    }

    if (!batch.isEmpty())
        Q_EMIT batchReady(batch);
    if (hits)
        Q_EMIT hitsChanged(m_hits);
    const bool changed = before.requestsTotal != m_counters.requestsTotal ||
                         before.requestsPerSecond != m_counters.requestsPerSecond ||
                         before.openConnections() != m_counters.openConnections() ||
                         before.activeConnections != m_counters.activeConnections ||
                         before.idleConnections != m_counters.idleConnections || before.dropped != m_counters.dropped;
    if (changed)
        Q_EMIT countersChanged(m_counters);
    // Idle and stopped: nothing more to show until a queue wakes us again.
    if (!m_server && batch.isEmpty() && m_rateWindow.empty())
        m_timer.stop();
}

void ServerController::updateRate(quint64 journeys)
{
    const qint64 now = m_clock.elapsed();
    if (journeys > 0)
        m_rateWindow.emplace_back(now, journeys);
    while (!m_rateWindow.empty() && m_rateWindow.front().first <= now - 1000)
        m_rateWindow.pop_front();
    quint64 sum = 0;
    for (const auto &[at, count] : m_rateWindow)
        sum += count;
    m_counters.requestsPerSecond = double(sum);
}

} // namespace ui
