#pragma once

#include "httpcore/ConnState.h"
#include "httpcore/HttpError.h"
#include "httpcore/Journey.h"
#include "httpcore/NetConn.h"
#include "httpcore/RequestBody.h"
#include "httpcore/RequestParser.h"
#include "httpcore/ResponseWriter.h"
#include "httpcore/ServerConfig.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace httpcore
{

class ServerContext;
class ServerResponse;

// ConnectionWorker serves one client connection (Go's conn and conn.serve), event-driven: it reads bytes,
// parses requests, calls the handler and writes responses, one request in flight at a time. Bytes of a
// pipelined next request stay buffered (and, past the socket's read buffer, in the kernel) until the response
// in flight is finished; parsing then resumes through a queued call, never recursively.
//
// After each response, keepAliveDecision() says whether the connection reads another request, first drains an
// unread body, or closes. Closing is graceful when bytes were answered (the response is flushed, the write side
// shut down, and input discarded until the peer closes or 500 ms pass, so the client does not get a reset
// instead of the response) and immediate on timeouts, shutdown deadlines and peer resets.
//
// Parse errors are answered with a short plain-text response carrying the HttpError's status and
// "Connection: close", then the connection closes. An exception from the handler closes the connection
// without a response; other connections are unaffected.
//
// Thread affinity: created on its worker thread from a descriptor (the socket is created there and never
// moves); every member function must be called on that thread. It deletes itself (deleteLater()) once closed;
// its parent (the thread's context object) deletes it at thread stop otherwise.
class ConnectionWorker final : public QObject, private RequestBody::Source, private NetConn::Listener
{
    Q_OBJECT

public:
    // ConnectionWorker constructs the worker for an accepted socket descriptor, which it owns from now on, with
    // config (not null; the context's snapshot taken at the accept), kept for its lifetime. liveConnections
    // (non-owning, may be null) is decremented when the worker is destroyed.
    ConnectionWorker(qintptr descriptor,
                     quint64 id,
                     std::shared_ptr<const ServerContext> context,
                     std::shared_ptr<const ServerConfig> config,
                     std::atomic<int> *liveConnections,
                     QObject *parent);
    ~ConnectionWorker() override;
    Q_DISABLE_COPY_MOVE(ConnectionWorker)

    // start adopts the descriptor and begins serving. On failure the descriptor is closed, the worker is
    // closed (and deletes itself later) and false is returned.
    bool start();

    quint64 id() const { return m_id; }
    ConnState state() const { return m_state; }

    // closeIfIdle closes the connection at once when it is Idle, or New with no byte received (what Go's
    // closeIdleConns does at shutdown); returns whether it did.
    bool closeIfIdle();
    // abort closes the connection at once, detaching any response in flight; reason goes to the observer with
    // CloseCause::Shutdown.
    void abort(const QByteArray &reason);

    // Called by ServerResponse (internal) -----------------------------------------------------------------

    // sendResponseBytes queues response bytes on the socket. When the write fails, the close is scheduled
    // (failLater()) and isBroken() turns true at once.
    void sendResponseBytes(QByteArray bytes);
    // isBroken is true once no more response bytes can reach the peer: a write failed (the close is scheduled but
    // has not run yet), or the connection is closing or closed. The response in flight then refuses writes at
    // once, as Go's checkConnErrorWriter makes response.Write fail once the connection is broken, so a streaming
    // handler stops instead of producing the rest of its body for nobody.
    bool isBroken() const;
    // responseFinished records that the response in flight is finished with status and bodyBytes written by
    // the handler; the keep-alive decision and the resumption of parsing run from a queued call.
    void responseFinished(bool mustClose, int status, qint64 bodyBytes);
    // pendingOutputBytes returns the response bytes queued on the socket and not yet written to the kernel.
    qint64 pendingOutputBytes() const;
    // whenDrained stores callback to be called (from the event loop) once at most lowWater bytes are pending;
    // dropped at the end of the exchange, and never stored (nor called) once the connection isBroken().
    void whenDrained(qint64 lowWater, std::function<void()> callback);
    // hijack hands the socket and the unconsumed input to the handler of the request in flight (see
    // ResponseWriter::hijack()); the worker reports ConnState::Hijacked and deletes itself later.
    Expected<HijackedConnection, QString> hijack();
    // shouldAnnounceClose is true when the response head, if sent now, should carry "Connection: close"
    // because the connection cannot be kept (client asked, shutdown, unanswered 100-continue, oversized unread
    // body).
    bool shouldAnnounceClose() const;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using Clock = std::chrono::steady_clock;
    enum class Phase
    {
        ReadingHead,
        InFlight,
        Closing,
        Closed
    };

    // RequestBody::Source
    void bodyReadRequested() override;

    // NetConn::Listener
    void netReadable() override;
    void netWritten() override;

    bool pullSocket();
    void discardInput();
    void handlePeerEnd();
    void checkPeerEnd();
    void failLater(CloseCause cause, const QByteArray &reason);
    void processInput();
    bool parseStep();
    void dispatch();
    void callHandler(const Request &request, const std::shared_ptr<ServerResponse> &response);
    void deliverBody(QByteArrayView data);
    void bodyFailed(const HttpError &error);
    void wireComplete();
    void afterResponse();
    void completeExchange();
    void scheduleResume();
    void detachExchange(const std::optional<HttpError> &bodyError);
    void writeErrorAndClose(const HttpError &error);
    void beginClose(CloseCause cause, const QByteArray &reason);
    void shutdownWrite();
    void finalClose(CloseCause cause, const QByteArray &reason);
    void setState(ConnState state, CloseCause cause = CloseCause::None, QByteArrayView reason = {});
    void beginJourney();
    void fireDrainedIfDue();
    void endJourney(const QByteArray &decision, bool keepAlive);
    void setDeadline(Clock::time_point &deadline, std::chrono::milliseconds timeout);
    void rearmTimer();
    bool bodyWanted() const;
    qint64 unreadBodyBytes() const;

    const quint64 m_id;
    qintptr m_descriptor;
    const std::shared_ptr<const ServerContext> m_context;
    // m_config is the configuration snapshot taken at the accept, kept for the connection's lifetime.
    const std::shared_ptr<const ServerConfig> m_config;
    // m_observer is the observer snapshot, loaded at start and when each request starts.
    std::shared_ptr<ServerObserver> m_observer;
    std::atomic<int> *m_liveConnections;
    std::unique_ptr<NetConn> m_conn;
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
    RequestParser m_parser;
    // m_input holds received bytes not yet consumed by the parser from m_inputPos on.
    QByteArray m_input;
    qsizetype m_inputPos = 0;
    ConnState m_state = ConnState::New;
    Phase m_phase = Phase::ReadingHead;
    // m_closeCause and m_closeReason: why the connection is closing, set by beginClose().
    CloseCause m_closeCause = CloseCause::None;
    QByteArray m_closeReason;
    // Totals reported with every state change (ConnStats): responses finished by the handler, bytes read, bytes
    // queued for writing (bytes; queued output dropped at close is subtracted then).
    quint64 m_requestsServed = 0;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;

    // The exchange in flight (Phase::InFlight).
    std::shared_ptr<RequestBody> m_body;
    std::weak_ptr<ServerResponse> m_response;
    QByteArray m_requestLine; // "GET /path" for logs
    qint64 m_contentLength = 0;
    bool m_requestStarted = false;
    bool m_hasBody = false;
    bool m_wantsClose = false;
    bool m_expectContinue = false;
    bool m_continueSent = false;
    bool m_wireDone = false;
    bool m_responseDone = false;
    bool m_responseMustClose = false;
    bool m_draining = false;
    bool m_parseError = false;
    qint64 m_drainStart = 0;

    // The handler's drain callback (whenDrained()), valid for the exchange in flight.
    std::function<void()> m_drainedCallback;
    qint64 m_drainedLowWater = 0;

    // The journey of the exchange in flight, when the observer wants journeys (null otherwise).
    JourneyPtr m_journey;
    quint64 m_sequence = 0;
    Clock::time_point m_acceptedAt;

    bool m_inLoop = false;
    bool m_resumePosted = false;
    bool m_writeShut = false;
    // m_peerEof: the peer shut down its write side; no more input will come.
    bool m_peerEof = false;
    bool m_failurePosted = false;

    // Deadlines (Clock::time_point::max() when unset); one timer is armed for the earliest.
    Clock::time_point m_headerDeadline = Clock::time_point::max();
    Clock::time_point m_readDeadline = Clock::time_point::max();
    Clock::time_point m_writeDeadline = Clock::time_point::max();
    Clock::time_point m_idleDeadline = Clock::time_point::max();
    Clock::time_point m_closeDeadline = Clock::time_point::max();
    Clock::time_point m_timerDue = Clock::time_point::max();
    QBasicTimer m_timer;
};

} // namespace httpcore
