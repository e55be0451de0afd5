#pragma once

#include "httpcore/Handler.h"
#include "httpcore/mock/proxy/ProxyHeaders.h"
#include "httpcore/mock/proxy/ProxyOptions.h"
#include "httpcore/mock/proxy/RecordedExchange.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class QNetworkReply;

namespace mock
{

// ProxyExchange is one request in flight to the upstream: it sends the request through the worker thread's
// QNetworkAccessManager (proxyNetworkManager()) and relays the answer to the client as it arrives.
//
// Relay: the status and the relayed header (relayedHeader()) go out as soon as the upstream's head arrives; the
// body follows chunk by chunk, paced by the client: when more than a high-water mark of ours waits to go out to
// the client, the exchange stops reading the reply (whose read buffer is bounded, so Qt stops reading the
// upstream's socket) until the client side has drained (ResponseWriter::whenDrained()). Memory per exchange is
// therefore bounded whatever the body's size. Errors: the upstream not reached, or closing before a response
// head, is answered 502 with a plain-text body naming the upstream URL and the error; no head within
// ProxyOptions::timeout is answered 504. A failure after the head cannot change the status: the body ends there
// (a client that was given the upstream's Content-Length sees the body is short, as the server then closes the
// connection). When the client goes away (the writer detaches: writes fail, isFinished() turns true; checked on
// every write and every 200 ms), the upstream request is aborted, which closes its connection.
//
// A completed exchange (the whole body relayed, no transport error) is handed to ProxyOptions::recorder when
// one is set, with the first ProxyRecorder::maxBodyBytes() body bytes.
//
// Thread affinity: the worker thread that called start() (the ResponsePtr's); the object is parented to that
// thread's QNetworkAccessManager and deletes itself when the exchange ends, or dies with the manager when the
// thread finishes first (aborting the upstream request and releasing the ResponsePtr on that thread).
class ProxyExchange final : public QObject
{
    Q_OBJECT

public:
    // start forwards forward, with body (std::nullopt for a request without one), and relays the answer to w.
    // record, when set, is the exchange to complete and hand to options->recorder. Returns at once. Call on the
    // worker thread that owns w.
    static void start(httpcore::ResponsePtr w,
                      const ForwardedRequest &forward,
                      std::optional<QByteArray> body,
                      std::shared_ptr<const ProxyOptions> options,
                      std::optional<RecordedExchange> record);
    // answerError answers w with status and a one-line plain-text body, message, and finishes it.
    static void answerError(const httpcore::ResponsePtr &w, int status, const QByteArray &message);

    ~ProxyExchange() override;
    Q_DISABLE_COPY_MOVE(ProxyExchange)

private:
    ProxyExchange(httpcore::ResponsePtr w,
                  QNetworkReply *reply,
                  QUrl upstream,
                  std::shared_ptr<const ProxyOptions> options,
                  std::optional<RecordedExchange> record,
                  QObject *parent);

    void handleFinished();
    void handleTimeout();
    void handleWatch();
    bool sendHead();
    void pump();
    bool relay(const QByteArray &chunk);
    void capture(const QByteArray &chunk);
    void complete();
    void fail(int status, const QByteArray &message);
    void abandon(const char *reason);
    void end();

    httpcore::ResponsePtr m_w;
    // m_reply is a child of this exchange; QPointer because the manager deletes every reply first when it dies.
    QPointer<QNetworkReply> m_reply;
    const QUrl m_upstream;
    const std::shared_ptr<const ProxyOptions> m_options;
    std::optional<RecordedExchange> m_record;
    // m_timeout runs until the response head arrives; m_watch checks the client is still there.
    QTimer m_timeout;
    QTimer m_watch;
    bool m_headSent = false;
    bool m_upstreamFinished = false;
    // m_transportFailed: the upstream's answer was cut short (not recorded).
    bool m_transportFailed = false;
    bool m_waitingForDrain = false;
    bool m_bodyRefused = false;
    bool m_ended = false;
};

} // namespace mock
