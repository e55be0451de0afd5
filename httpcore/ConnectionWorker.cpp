#include "httpcore/ConnectionWorker.h"

#include "httpcore/Handler.h"
#include "httpcore/KeepAlive.h"
#include "httpcore/ServerContext.h"
#include "httpcore/ServerResponse.h"
#include "httpcore/StatusText.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <cstring>
#include <exception>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcConn, "switchboard.httpcore.conn", QtInfoMsg)

namespace
{

// ReadChunkBytes is the most read from the kernel at once. Bytes nobody wants yet (a pipelined request waiting
// for the one in flight) are not read at all: they stay in the kernel, and TCP flow control pushes back.
constexpr qsizetype ReadChunkBytes = 32 * 1024;
// LingerTime is how long a closing connection keeps reading (and discarding) after shutting down its write side,
// so that unread client bytes do not turn the close into a reset that destroys the response (Go's
// rstAvoidanceDelay).
constexpr auto LingerTime = 500ms;
// CloseFlushTime bounds how long a closing connection waits for its last response to be written.
constexpr auto CloseFlushTime = 10s;
constexpr auto Never = std::chrono::steady_clock::time_point::max();

// CloseWhy is a cause with its details, for beginClose().
struct CloseWhy
{
    CloseCause cause;
    QByteArray reason;
};

CloseWhy closeReasonFor(const KeepAliveInput &in)
{
    if (in.parseError)
        return {CloseCause::ParseError, "request error"_ba};
    if (in.shuttingDown)
        return {CloseCause::Shutdown, "server shutting down"_ba};
    if (!in.keepAlivesEnabled)
        return {CloseCause::KeepAlivesOff, "keep-alives disabled"_ba};
    if (in.requestWantsClose)
        return {CloseCause::ConnectionClose, "client asked to close"_ba};
    // The writer may have announced the close because of the body (shouldAnnounceClose()): name the cause.
    if (!in.bodyComplete && in.expectContinueUnanswered)
        return {CloseCause::UnreadBody, "unanswered 100-continue"_ba};
    if (!in.bodyComplete && (in.unreadBodyBytes > in.maxDrainBytes || in.maxDrainBytes <= 0))
        return {CloseCause::UnreadBody, "unread request body too large"_ba};
    if (in.writerMustClose)
        return {CloseCause::ResponseClose, "response requires close"_ba};
    return {CloseCause::UnreadBody, "unread request body too large"_ba};
}

} // namespace

ConnectionWorker::ConnectionWorker(qintptr descriptor,
                                   quint64 id,
                                   std::shared_ptr<const ServerContext> context,
                                   std::shared_ptr<const ServerConfig> config,
                                   std::atomic<int> *liveConnections,
                                   QObject *parent)
    : QObject(parent), m_id(id), m_descriptor(descriptor), m_context(std::move(context)), m_config(std::move(config)),
      m_liveConnections(liveConnections), m_parser(m_config->limits), m_acceptedAt(Clock::now())
{}

ConnectionWorker::~ConnectionWorker()
{
    if (m_phase != Phase::Closed) {
        m_phase = Phase::Closed;
        endJourney("server stopped"_ba, false);
        detachExchange(HttpError{0, "server stopped"_ba});
        setState(ConnState::Closed, CloseCause::Shutdown, "server stopped");
    }
    if (m_liveConnections)
        m_liveConnections->fetch_sub(1, std::memory_order_acq_rel);
}

bool ConnectionWorker::start()
{
    m_conn = std::make_unique<NetConn>(int(m_descriptor), static_cast<NetConn::Listener *>(this));
    m_peer = m_conn->peerAddress();
    m_peerPort = m_conn->peerPort();
    m_observer = m_context->observer();
    if (m_observer) {
        ConnStateChange change;
        change.connectionId = m_id;
        change.peer = m_peer;
        change.peerPort = m_peerPort;
        m_observer->connStateChanged(change);
    }
    // As Go, the first request head is read under readHeaderTimeout (and the request under readTimeout) from
    // the accept: a client that connects and sends nothing is closed when it expires.
    setDeadline(m_headerDeadline, m_config->readHeaderTimeout);
    setDeadline(m_readDeadline, m_config->readTimeout);
    rearmTimer();
    return true;
}

bool ConnectionWorker::closeIfIdle()
{
    if (m_phase != Phase::ReadingHead || m_requestStarted)
        return false;
    if (m_state != ConnState::Idle && m_state != ConnState::New)
        return false;
    finalClose(CloseCause::Shutdown, "server shutting down"_ba);
    return true;
}

void ConnectionWorker::abort(const QByteArray &reason)
{
    finalClose(CloseCause::Shutdown, reason);
}

void ConnectionWorker::sendResponseBytes(QByteArray bytes)
{
    if (m_phase == Phase::Closed || !m_conn)
        return;
    if (m_journey && !m_journey->find(JourneyStage::FirstResponseByte))
        m_journey->mark(JourneyStage::FirstResponseByte);
    const qsizetype size = bytes.size();
    if (m_conn->write(std::move(bytes)))
        m_bytesOut += size;
    else
        failLater(CloseCause::Reset, "write failed: "_ba + std::strerror(m_conn->error()));
}

void ConnectionWorker::responseFinished(bool mustClose, int status, qint64 bodyBytes)
{
    if (m_phase != Phase::InFlight || m_responseDone)
        return;
    m_responseDone = true;
    ++m_requestsServed;
    m_responseMustClose = mustClose;
    m_drainedCallback = nullptr;
    if (m_journey) {
        m_journey->status = status;
        m_journey->responseBodyBytes = bodyBytes;
        m_journey->mark(JourneyStage::ResponseComplete);
    }
    // Queued: the handler may still be on the stack (finish() from serveHttp() or from a body callback); the
    // next request must be neither parsed nor the connection closed underneath it.
    QMetaObject::invokeMethod(this, &ConnectionWorker::afterResponse, Qt::QueuedConnection);
}

Expected<HijackedConnection, QString> ConnectionWorker::hijack()
{
    if (m_phase != Phase::InFlight || m_responseDone || !m_conn)
        return Unexpected<QString>{u"the connection is not serving a request"_s};
    // Go's Hijack refuses once the response is written; the caller must speak the protocol from the start.
    if (const std::shared_ptr<ServerResponse> response = m_response.lock(); response && response->hasSentBytes())
        return Unexpected<QString>{u"the response was already started"_s};
    if (m_conn->pendingOutput() > 0)
        return Unexpected<QString>{u"the connection is still sending"_s};
    HijackedConnection hijacked;
    hijacked.buffered = m_input.mid(m_inputPos);
    m_inputPos = m_input.size();
    const int descriptor = m_conn->release();
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        finalClose(CloseCause::Other, "hijack failed: "_ba + socket->errorString().toUtf8());
        return Unexpected<QString>{u"cannot hand the socket over: "_s + socket->errorString()};
    }
    hijacked.socket = socket.release();
    m_phase = Phase::Closed;
    m_timer.stop();
    endJourney("hijacked"_ba, false);
    detachExchange(std::nullopt);
    setState(ConnState::Hijacked);
    deleteLater();
    return hijacked;
}

bool ConnectionWorker::shouldAnnounceClose() const
{
    if (m_phase != Phase::InFlight)
        return false;
    const ServerConfig &config = *m_config;
    if (m_context->isShuttingDown() || !config.keepAlivesEnabled || m_wantsClose || m_parseError)
        return true;
    if (m_wireDone)
        return false;
    // Go's chunkWriter.writeHeader: an unanswered 100-continue, or an unread body over the drain budget,
    // means the connection will close; say so in the head.
    if (m_expectContinue && !m_continueSent)
        return true;
    return unreadBodyBytes() > config.maxDrainBytes;
}

void ConnectionWorker::bodyReadRequested()
{
    if (m_phase != Phase::InFlight)
        return;
    if (m_expectContinue && !m_continueSent && !m_wireDone && !m_responseDone) {
        // RFC 9110 §10.1.1: the interim 100 goes out only when the handler wants the body, and only before
        // the final response head.
        const std::shared_ptr<ServerResponse> response = m_response.lock();
        if (response && !response->isHeaderSent()) {
            const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n"_ba;
            if (m_conn->write(interim))
                m_bytesOut += interim.size();
            m_continueSent = true;
        }
    }
    scheduleResume();
}

void ConnectionWorker::netReadable()
{
    switch (m_phase) {
    case Phase::Closing:
        discardInput();
        return;
    case Phase::Closed:
        return;
    case Phase::ReadingHead:
        break;
    case Phase::InFlight:
        // Bytes nobody wants yet stay in the kernel (backpressure); reading resumes when they are wanted.
        if (m_wireDone || !bodyWanted()) {
            m_conn->setReadEnabled(false);
            return;
        }
        break;
    }
    if (m_inLoop) {
        scheduleResume();
        return;
    }
    if (pullSocket())
        processInput();
}

void ConnectionWorker::netWritten()
{
    if (m_conn->hasFailed()) {
        finalClose(CloseCause::Reset, "write failed: "_ba + std::strerror(m_conn->error()));
        return;
    }
    if (m_drainedCallback)
        fireDrainedIfDue();
    if (!m_conn || m_conn->pendingOutput() > 0)
        return;
    if (m_phase == Phase::Closing) {
        shutdownWrite();
        return;
    }
    if (m_phase == Phase::ReadingHead || m_responseDone)
        m_writeDeadline = Never;
}

qint64 ConnectionWorker::pendingOutputBytes() const
{
    return m_conn ? m_conn->pendingOutput() : 0;
}

bool ConnectionWorker::isBroken() const
{
    // m_failurePosted: a write failed inside handler code; finalClose() runs from the event loop, after it.
    return m_phase == Phase::Closing || m_phase == Phase::Closed || !m_conn || m_failurePosted || m_conn->hasFailed();
}

void ConnectionWorker::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    // A broken connection never drains: dropping the callback releases what it holds (a streamer, its file).
    if (m_phase != Phase::InFlight || m_responseDone || isBroken())
        return;
    m_drainedCallback = std::move(callback);
    m_drainedLowWater = lowWater;
    if (pendingOutputBytes() <= lowWater) {
        // Never from inside the caller: a streaming handler would recurse.
        QMetaObject::invokeMethod(this, &ConnectionWorker::fireDrainedIfDue, Qt::QueuedConnection);
    }
}

void ConnectionWorker::fireDrainedIfDue()
{
    if (!m_drainedCallback || pendingOutputBytes() > m_drainedLowWater)
        return;
    if (m_phase != Phase::InFlight || m_responseDone || isBroken()) {
        m_drainedCallback = nullptr;
        return;
    }
    const std::function<void()> callback = std::exchange(m_drainedCallback, nullptr);
    callback();
}

// pullSocket reads what the kernel has (one chunk) into m_input; returns false when the connection closed.
bool ConnectionWorker::pullSocket()
{
    if (m_peerEof || !m_conn)
        return true;
    if (m_inputPos > 0 && m_inputPos == m_input.size()) {
        m_input.clear();
        m_inputPos = 0;
    }
    const qsizetype before = m_input.size();
    const NetConn::ReadResult result = m_conn->read(m_input, ReadChunkBytes);
    m_bytesIn += m_input.size() - before;
    switch (result) {
    case NetConn::ReadResult::Data:
    case NetConn::ReadResult::WouldBlock:
        return true;
    case NetConn::ReadResult::End:
        handlePeerEnd();
        return m_phase != Phase::Closed;
    case NetConn::ReadResult::Error:
        finalClose(CloseCause::Reset, "connection failed: "_ba + std::strerror(m_conn->error()));
        return false;
    }
    return true;
}

// discardInput reads and drops input while closing, so unread client bytes do not turn the close into a reset;
// the peer's end of input completes the close.
void ConnectionWorker::discardInput()
{
    QByteArray scratch;
    for (int i = 0; i < 16; ++i) {
        scratch.clear();
        const NetConn::ReadResult result = m_conn->read(scratch, ReadChunkBytes);
        m_bytesIn += scratch.size();
        switch (result) {
        case NetConn::ReadResult::Data:
            continue;
        case NetConn::ReadResult::WouldBlock:
            return;
        case NetConn::ReadResult::End:
        case NetConn::ReadResult::Error:
            finalClose(m_closeCause, m_closeReason);
            return;
        }
    }
}

// handlePeerEnd records that the peer shut down its write side. As in Go, that is not the end of the
// connection: buffered pipelined requests are still answered, and so is the request in flight; the
// connection closes when it next needs input (checkPeerEnd()).
void ConnectionWorker::handlePeerEnd()
{
    m_peerEof = true;
    m_conn->setReadEnabled(false); // end of input is level-triggered: it would be reported forever
    if (m_phase == Phase::Closing)
        finalClose(m_closeCause, m_closeReason);
}

// checkPeerEnd closes a connection whose peer ended its input once it waits for input that cannot come.
void ConnectionWorker::checkPeerEnd()
{
    if (!m_peerEof || m_inLoop)
        return;
    if (m_phase == Phase::ReadingHead) {
        // The parse loop stopped: the parser needs bytes that will never arrive.
        if (m_requestStarted)
            m_parseError = true;
        beginClose(CloseCause::Client, m_requestStarted ? "peer closed mid-request"_ba : "peer closed"_ba);
        return;
    }
    if (m_phase == Phase::InFlight && !m_wireDone && bodyWanted()) {
        if (m_draining) {
            beginClose(CloseCause::Client, "peer closed"_ba);
            return;
        }
        // The handler is reading a body that will not complete; it may still answer, then the connection closes.
        m_parseError = true;
        m_readDeadline = Never;
        if (const std::shared_ptr<RequestBody> body = m_body)
            body->fail(HttpError{0, "peer closed before the body was complete"_ba});
    }
}

// failLater closes the connection from the event loop: a failed write is noticed inside handler code, where the
// exchange must not be torn down underneath the caller.
void ConnectionWorker::failLater(CloseCause cause, const QByteArray &reason)
{
    if (m_failurePosted)
        return;
    m_failurePosted = true;
    QMetaObject::invokeMethod(
        this, [this, cause, reason] { finalClose(cause, reason); }, Qt::QueuedConnection);
}

void ConnectionWorker::processInput()
{
    if (m_inLoop)
        return; // the running loop sees the new state
    m_inLoop = true;
    while (parseStep()) {
    }
    m_inLoop = false;
    if (m_phase == Phase::Closed) {
        m_input.clear();
        m_inputPos = 0;
        return;
    }
    if (m_inputPos > 0) {
        if (m_inputPos == m_input.size())
            m_input.clear();
        else
            m_input.remove(0, m_inputPos);
        m_inputPos = 0;
    }
    if (m_phase == Phase::ReadingHead && !m_requestStarted && m_state == ConnState::Active) {
        setState(ConnState::Idle);
        setDeadline(m_idleDeadline, m_config->idleTimeout);
        rearmTimer();
    }
    checkPeerEnd();
}

// parseStep runs the parser once over the unconsumed input and acts on the event; it returns whether the loop
// should go on. Invariant: no view into m_input is kept across calls.
bool ConnectionWorker::parseStep()
{
    const QByteArrayView input = QByteArrayView(m_input).sliced(m_inputPos);
    switch (m_phase) {
    case Phase::Closing:
    case Phase::Closed:
        return false;
    case Phase::ReadingHead: {
        if (input.isEmpty())
            return false;
        if (!m_requestStarted) {
            m_requestStarted = true;
            m_idleDeadline = Never;
            if (m_state == ConnState::Idle) {
                setDeadline(m_headerDeadline, m_config->readHeaderTimeout);
                setDeadline(m_readDeadline, m_config->readTimeout);
                rearmTimer();
            }
            beginJourney();
            setState(ConnState::Active);
        }
        const RequestParser::Step step = m_parser.parse(input);
        m_inputPos += step.consumed;
        switch (step.event) {
        case RequestParser::Event::NeedMore:
            return false;
        case RequestParser::Event::HeadComplete:
            if (m_journey)
                m_journey->mark(JourneyStage::HeadParsed);
            dispatch();
            return true;
        case RequestParser::Event::Error:
            writeErrorAndClose(m_parser.error());
            return false;
        case RequestParser::Event::Body:
        case RequestParser::Event::MessageComplete:
            writeErrorAndClose(HttpError{500, "internal error: parser out of step"_ba});
            return false;
        }
        return false;
    }
    case Phase::InFlight: {
        if (m_wireDone || !bodyWanted())
            return false;
        const RequestParser::Step step = m_parser.parse(input);
        m_inputPos += step.consumed;
        switch (step.event) {
        case RequestParser::Event::NeedMore:
            return false;
        case RequestParser::Event::Body:
            deliverBody(step.body);
            return step.consumed > 0;
        case RequestParser::Event::MessageComplete:
            wireComplete();
            return true;
        case RequestParser::Event::Error:
            bodyFailed(m_parser.error());
            return false;
        case RequestParser::Event::HeadComplete:
            bodyFailed(HttpError{500, "internal error: parser out of step"_ba});
            return false;
        }
        return false;
    }
    }
    return false;
}

void ConnectionWorker::dispatch()
{
    const ServerConfig &config = *m_config;
    Request request = m_parser.request();
    m_phase = Phase::InFlight;
    m_headerDeadline = Never;
    setDeadline(m_writeDeadline, config.writeTimeout);
    rearmTimer();
    m_requestLine = request.method + ' ' + request.target.left(256);
    request.connectionId = m_id;
    request.sequence = m_sequence;
    if (m_journey) {
        m_journey->method = request.method;
        m_journey->target = request.target;
        request.journey = m_journey;
    }
    m_hasBody = request.hasBody();
    m_contentLength = request.contentLength;
    m_wantsClose = request.wantsClose;
    // Go honours 100-continue only for HTTP/1.1 requests with a body.
    m_expectContinue =
        request.expectContinue && request.version == HttpVersion::Http11 && m_hasBody && m_contentLength != 0;
    m_continueSent = m_wireDone = m_responseDone = m_responseMustClose = m_draining = false;
    if (request.unsupportedExpectation) {
        // RFC 9110 §10.1.1: an expectation the server cannot meet is answered 417; Go then closes.
        writeErrorAndClose(HttpError{417, "unsupported expectation"_ba});
        return;
    }
    if (m_hasBody) {
        m_body = std::make_shared<RequestBody>(static_cast<RequestBody::Source *>(this), m_contentLength);
        request.body = m_body;
    }
    ResponseContext responseContext;
    responseContext.version = request.version;
    responseContext.isHead = request.isHead();
    responseContext.keepAlive = config.keepAlivesEnabled && !request.wantsClose && !m_context->isShuttingDown();
    const auto response = std::make_shared<ServerResponse>(this, responseContext);
    m_response = response;
    callHandler(request, response);
    // The server's references are released on return: a handler that kept none has finished its response.
}

void ConnectionWorker::callHandler(const Request &request, const std::shared_ptr<ServerResponse> &response)
{
    const HandlerPtr handler = m_context->handler();
    const ResponsePtr writer = response;
    try {
        if (handler) {
            handler->serveHttp(writer, request);
        } else {
            writer->header().set("Content-Type", "text/plain; charset=utf-8");
            writer->writeHeader(404);
            writer->write("404 page not found\n");
        }
        if (m_journey)
            m_journey->mark(JourneyStage::HandlerReturned);
        return;
    } catch (const std::exception &e) {
        qCWarning(lcConn).nospace() << "handler for " << m_requestLine << " threw on connection " << m_id << ": "
                                    << e.what() << "; closing the connection";
    } catch (...) {
        qCWarning(lcConn).nospace() << "handler for " << m_requestLine << " threw on connection " << m_id
                                    << " (not a std::exception); closing the connection";
    }
    // As Go after a handler panic: no response, just close. Whatever the handler flushed is already queued.
    response->detach();
    beginClose(CloseCause::HandlerError, "handler threw an exception"_ba);
}

void ConnectionWorker::deliverBody(QByteArrayView data)
{
    if (m_draining) {
        if (m_parser.bodyBytesRead() - m_drainStart > m_config->maxDrainBytes)
            beginClose(CloseCause::UnreadBody, "unread request body too large"_ba);
        return;
    }
    if (m_body)
        m_body->deliver(data);
}

void ConnectionWorker::bodyFailed(const HttpError &error)
{
    m_parseError = true;
    qCDebug(lcConn) << "request body error on connection" << m_id << error.status << error.reason;
    if (m_draining || m_responseDone) {
        beginClose(CloseCause::ParseError, QByteArray::number(error.status) + ' ' + error.reason);
        return;
    }
    const std::shared_ptr<ServerResponse> response = m_response.lock();
    if (m_body)
        m_body->fail(error); // the handler may answer from its end callback
    if (!m_responseDone && response && !response->hasSentBytes()) {
        // The handler has not started answering: the server answers the error itself, as for a bad head.
        response->detach();
        writeErrorAndClose(error);
        return;
    }
    if (response && !m_responseDone)
        response->detach();
    beginClose(CloseCause::ParseError, QByteArray::number(error.status) + ' ' + error.reason);
}

void ConnectionWorker::wireComplete()
{
    m_wireDone = true;
    m_readDeadline = Never;
    if (m_journey && m_hasBody) {
        m_journey->requestBodyBytes = m_parser.bodyBytesRead();
        m_journey->mark(JourneyStage::BodyComplete);
    }
    if (m_draining) {
        completeExchange();
        return;
    }
    if (m_body)
        m_body->complete();
}

void ConnectionWorker::afterResponse()
{
    if (m_phase != Phase::InFlight || !m_responseDone || m_draining)
        return;
    const ServerConfig &config = *m_config;
    if (pendingOutputBytes() == 0)
        m_writeDeadline = Never;
    KeepAliveInput in;
    in.keepAlivesEnabled = config.keepAlivesEnabled;
    in.shuttingDown = m_context->isShuttingDown();
    in.requestWantsClose = m_wantsClose;
    in.writerMustClose = m_responseMustClose;
    in.parseError = m_parseError;
    in.expectContinueUnanswered = m_expectContinue && !m_continueSent && !m_wireDone;
    in.bodyComplete = m_wireDone;
    in.unreadBodyBytes = unreadBodyBytes();
    in.maxDrainBytes = config.maxDrainBytes;
    // The handler is done with the body once its response is finished: drop its callbacks.
    if (m_body && !m_wireDone)
        m_body->detach();
    switch (keepAliveDecision(in)) {
    case KeepAlive::Close: {
        const CloseWhy why = closeReasonFor(in);
        beginClose(why.cause, why.reason);
        return;
    }
    case KeepAlive::DrainThenReuse:
        endJourney("drain unread body, then keep-alive"_ba, true);
        m_draining = true;
        m_drainStart = m_parser.bodyBytesRead();
        setDeadline(m_idleDeadline, config.idleTimeout);
        rearmTimer();
        break;
    case KeepAlive::Reuse:
        endJourney("keep-alive"_ba, true);
        completeExchange();
        break;
    }
    m_conn->setReadEnabled(!m_peerEof);
    processInput();
}

void ConnectionWorker::completeExchange()
{
    m_drainedCallback = nullptr;
    if (m_body) {
        m_body->detach();
        m_body.reset();
    }
    // The finished response may outlive the exchange in a handler's hands: cut it off, so that it never reaches a
    // connection serving another request, or a deleted one.
    if (const std::shared_ptr<ServerResponse> response = m_response.lock())
        response->detach();
    m_response.reset();
    m_parser.reset();
    m_phase = Phase::ReadingHead;
    m_requestStarted = false;
    m_hasBody = m_wantsClose = m_expectContinue = m_continueSent = false;
    m_wireDone = m_responseDone = m_responseMustClose = m_draining = m_parseError = false;
    m_readDeadline = Never;
    m_idleDeadline = Never;
    if (pendingOutputBytes() == 0)
        m_writeDeadline = Never;
}

void ConnectionWorker::scheduleResume()
{
    if (m_resumePosted)
        return;
    m_resumePosted = true;
    // Queued, never recursive: called from handler code (RequestBody) or from inside the parse loop.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_resumePosted = false;
            if (m_phase != Phase::ReadingHead && m_phase != Phase::InFlight)
                return;
            // Input may wait in the kernel with notifications off (backpressure): hear about it again.
            m_conn->setReadEnabled(!m_peerEof);
            processInput();
        },
        Qt::QueuedConnection);
}

void ConnectionWorker::detachExchange(const std::optional<HttpError> &bodyError)
{
    m_drainedCallback = nullptr;
    if (const std::shared_ptr<ServerResponse> response = m_response.lock())
        response->detach();
    m_response.reset();
    if (const std::shared_ptr<RequestBody> body = std::exchange(m_body, nullptr)) {
        // A handler still reading is told the body will not complete; one that finished its response is not.
        if (bodyError && !m_responseDone)
            body->fail(*bodyError);
        body->detach();
    }
}

void ConnectionWorker::writeErrorAndClose(const HttpError &error)
{
    QByteArray phrase = statusText(error.status);
    if (phrase.isEmpty())
        phrase = "Error"_ba;
    const QByteArray body = error.reason.isEmpty() ? phrase : error.reason;
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 "_ba + QByteArray::number(error.status) + ' ' + phrase;
    out += "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "_ba;
    out += QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
    m_parseError = true;
    sendResponseBytes(std::move(out));
    if (m_journey) {
        m_journey->status = error.status;
        m_journey->responseBodyBytes = body.size();
        m_journey->mark(JourneyStage::ResponseComplete);
    }
    beginClose(CloseCause::ParseError, QByteArray::number(error.status) + ' ' + body);
}

void ConnectionWorker::beginClose(CloseCause cause, const QByteArray &reason)
{
    if (m_phase == Phase::Closing || m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closing;
    m_closeCause = cause;
    m_closeReason = reason;
    endJourney(reason, false);
    detachExchange(HttpError{0, "connection closing"_ba});
    m_headerDeadline = m_readDeadline = m_idleDeadline = Never;
    m_closeDeadline = Clock::now() + CloseFlushTime;
    if (m_writeDeadline < m_closeDeadline)
        m_closeDeadline = m_writeDeadline;
    m_writeDeadline = Never;
    rearmTimer();
    if (pendingOutputBytes() == 0)
        shutdownWrite();
}

void ConnectionWorker::shutdownWrite()
{
    if (m_writeShut || m_phase != Phase::Closing)
        return;
    m_writeShut = true;
    // Half-close: the client reads the response, then EOF; we discard what it still sends until it closes or
    // LingerTime passes, so the kernel does not answer unread bytes with a reset that destroys the response.
    // A peer that already ended its input has nothing left to discard.
    if (!m_peerEof && m_conn->shutdownWrite()) {
        m_closeDeadline = std::min(m_closeDeadline, Clock::now() + LingerTime);
        rearmTimer();
        m_conn->setReadEnabled(true);
        discardInput();
        return;
    }
    finalClose(m_closeCause, m_closeReason);
}

void ConnectionWorker::finalClose(CloseCause cause, const QByteArray &reason)
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_timer.stop();
    // A close begun earlier (beginClose()) keeps its cause: the final step is only its completion.
    const bool begun = m_closeCause != CloseCause::None;
    endJourney(begun ? m_closeReason : reason, false);
    detachExchange(HttpError{0, reason});
    if (m_conn) {
        m_bytesOut -= m_conn->pendingOutput(); // dropped by close(): never sent
        m_conn->close();
    }
    if (!m_inLoop) {
        m_input.clear();
        m_inputPos = 0;
    }
    setState(ConnState::Closed, begun ? m_closeCause : cause,
             begun ? QByteArrayView(m_closeReason) : QByteArrayView(reason));
    deleteLater();
}

void ConnectionWorker::setState(ConnState state, CloseCause cause, QByteArrayView reason)
{
    if (state == m_state)
        return;
    m_state = state;
    if (!m_observer)
        return;
    ConnStateChange change;
    change.connectionId = m_id;
    change.peer = m_peer;
    change.peerPort = m_peerPort;
    change.state = state;
    change.cause = cause;
    change.reason = reason;
    change.stats.requests = m_requestsServed;
    change.stats.bytesIn = m_bytesIn;
    change.stats.bytesOut = m_bytesOut - pendingOutputBytes();
    m_observer->connStateChanged(change);
}

// beginJourney starts the record of a request whose first byte just arrived, when the observer wants one.
void ConnectionWorker::beginJourney()
{
    ++m_sequence;
    m_observer = m_context->observer();
    if (!m_observer || !m_observer->wantsJourneys())
        return;
    m_journey = std::make_shared<Journey>();
    m_journey->connectionId = m_id;
    m_journey->sequence = m_sequence;
    if (m_sequence == 1)
        m_journey->markAt(JourneyStage::Accepted, m_acceptedAt);
    m_journey->mark(JourneyStage::FirstByte);
}

// endJourney records the keep-alive decision and delivers the journey of the exchange, once.
void ConnectionWorker::endJourney(const QByteArray &decision, bool keepAlive)
{
    const JourneyPtr journey = std::exchange(m_journey, nullptr);
    if (!journey)
        return;
    if (!m_wireDone)
        journey->requestBodyBytes = m_parser.bodyBytesRead();
    journey->keepAlive = keepAlive;
    journey->mark(JourneyStage::KeepAliveDecided, decision);
    if (m_observer)
        m_observer->requestJourney(journey);
}

void ConnectionWorker::setDeadline(Clock::time_point &deadline, std::chrono::milliseconds timeout)
{
    deadline = timeout.count() > 0 ? Clock::now() + timeout : Never;
}

// rearmTimer makes the one timer fire no later than the earliest deadline. It is lazy: a timer already due
// earlier is left alone (timerEvent() re-arms), so a request usually costs at most one timer restart.
void ConnectionWorker::rearmTimer()
{
    if (m_phase == Phase::Closed)
        return;
    const Clock::time_point earliest =
        std::min({m_headerDeadline, m_readDeadline, m_writeDeadline, m_idleDeadline, m_closeDeadline});
    if (earliest == Never)
        return;
    if (m_timer.isActive() && m_timerDue <= earliest)
        return;
    const Clock::time_point now = Clock::now();
    const qint64 ms = earliest <= now ? 0 : std::chrono::ceil<std::chrono::milliseconds>(earliest - now).count();
    m_timer.start(int(std::min<qint64>(ms, 24 * 3600 * 1000)), Qt::PreciseTimer, this);
    m_timerDue = earliest;
}

void ConnectionWorker::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    m_timerDue = Never;
    const Clock::time_point now = Clock::now();
    // Timeouts close without a response, as Go does.
    if (m_closeDeadline <= now)
        return finalClose(m_closeCause, m_closeReason);
    if (m_headerDeadline <= now)
        return finalClose(CloseCause::HeaderTimeout, "read header timeout"_ba);
    if (m_writeDeadline <= now)
        return finalClose(CloseCause::WriteTimeout, "write timeout"_ba);
    if (m_idleDeadline <= now)
        return finalClose(CloseCause::IdleTimeout, m_draining ? "drain timeout"_ba : "idle timeout"_ba);
    if (m_readDeadline <= now) {
        m_readDeadline = Never;
        if (m_phase != Phase::InFlight || m_responseDone)
            return finalClose(CloseCause::ReadTimeout, "read timeout"_ba);
        // The handler may still answer (as in Go, where only reads fail): stop reading, close after it.
        m_parseError = true;
        if (const std::shared_ptr<RequestBody> body = m_body)
            body->fail(HttpError{0, "read timeout"_ba});
    }
    rearmTimer();
}

bool ConnectionWorker::bodyWanted() const
{
    if (m_parseError)
        return false;
    if (!m_hasBody)
        return true; // the parser still has to report MessageComplete
    return m_draining || (m_body && m_body->wantsData());
}

qint64 ConnectionWorker::unreadBodyBytes() const
{
    if (!m_hasBody || m_wireDone)
        return 0;
    if (m_contentLength < 0)
        return -1;
    return m_contentLength - m_parser.bodyBytesRead();
}

} // namespace httpcore
