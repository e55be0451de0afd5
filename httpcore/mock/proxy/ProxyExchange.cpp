#include "httpcore/mock/proxy/ProxyExchange.h"

#include "httpcore/mock/proxy/ProxyNetwork.h"
#include "httpcore/mock/proxy/ProxyRecorder.h"

#include <QByteArrayList>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

Q_LOGGING_CATEGORY(lcProxy, "switchboard.mock.proxy", QtInfoMsg)

// Bytes read from the reply per write to the client.
constexpr qint64 ReadChunk = 64 * 1024;
// Above HighWater bytes of ours waiting for the client, reading stops; it resumes at LowWater.
constexpr qint64 HighWater = 256 * 1024;
constexpr qint64 LowWater = 64 * 1024;
// The reply buffers at most this much; Qt stops reading the upstream's socket when it is full.
constexpr qint64 ReplyBufferBytes = 256 * 1024;
// How often an exchange checks that its client is still there. Milliseconds.
constexpr int WatchIntervalMs = 200;

QNetworkRequest networkRequest(const ForwardedRequest &forward)
{
    QNetworkRequest request(forward.url);
    // A proxy relays what the upstream says: its redirects, its cookies, its 401s; HTTP/1.1 only, no cache.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::Http2CleartextAllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // QNetworkRequest keeps one value per name: repeated fields are joined as RFC 9110 §5.3 allows, Cookie
    // with "; " (RFC 6265 §5.4).
    QByteArrayList done;
    for (qsizetype i = 0; i < forward.header.size(); ++i) {
        const QByteArray name = forward.header.field(i).name.toByteArray();
        if (done.contains(name))
            continue;
        done.append(name);
        QByteArrayList values;
        for (QByteArrayView value : forward.header.values(name))
            values.append(value.toByteArray());
        request.setRawHeader(name, values.join(httpcore::equalsIgnoringCase(name, "Cookie") ? "; " : ", "));
    }
    return request;
}

QNetworkReply *send(QNetworkAccessManager *manager, const ForwardedRequest &forward, std::optional<QByteArray> body)
{
    const QNetworkRequest request = networkRequest(forward);
    // Qt knows that a HEAD answer has no body only when asked through head().
    if (forward.method == "HEAD")
        return manager->head(request);
    if (body)
        return manager->sendCustomRequest(request, forward.method, *body);
    return manager->sendCustomRequest(request, forward.method);
}

// isTransportError tells a failed exchange from an answer: Qt also reports 4xx and 5xx statuses as errors,
// but those are answers to relay. Codes below 100 come from the network layer; ProtocolFailure is a malformed
// answer.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return (error > QNetworkReply::NoError && error < 100) || error == QNetworkReply::ProtocolFailure;
}

} // namespace

void ProxyExchange::start(httpcore::ResponsePtr w,
                          const ForwardedRequest &forward,
                          std::optional<QByteArray> body,
                          std::shared_ptr<const ProxyOptions> options,
                          std::optional<RecordedExchange> record)
{
    QNetworkAccessManager *manager = proxyNetworkManager();
    QNetworkReply *reply = send(manager, forward, std::move(body));
    // Owned by the manager (its parent) until it deletes itself.
    new ProxyExchange(std::move(w), reply, forward.url, std::move(options), std::move(record), manager);
}

void ProxyExchange::answerError(const httpcore::ResponsePtr &w, int status, const QByteArray &message)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(message + '\n');
    w->finish();
}

ProxyExchange::ProxyExchange(httpcore::ResponsePtr w,
                             QNetworkReply *reply,
                             QUrl upstream,
                             std::shared_ptr<const ProxyOptions> options,
                             std::optional<RecordedExchange> record,
                             QObject *parent)
    : QObject(parent), m_w(std::move(w)), m_reply(reply), m_upstream(std::move(upstream)),
      m_options(std::move(options)), m_record(std::move(record))
{
    reply->setParent(this);
    reply->setReadBufferSize(ReplyBufferBytes);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ProxyExchange::sendHead);
    connect(reply, &QNetworkReply::readyRead, this, &ProxyExchange::pump);
    connect(reply, &QNetworkReply::finished, this, &ProxyExchange::handleFinished);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ProxyExchange::handleTimeout);
    if (m_options->timeout.count() > 0)
        m_timeout.start(m_options->timeout);
    m_watch.setInterval(WatchIntervalMs);
    connect(&m_watch, &QTimer::timeout, this, &ProxyExchange::handleWatch);
    m_watch.start();
}

ProxyExchange::~ProxyExchange()
{
    // Deleted with the manager when the thread ends mid-exchange: the upstream request dies too.
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
    }
}

void ProxyExchange::handleFinished()
{
    if (m_ended)
        return;
    m_upstreamFinished = true;
    if (!sendHead()) {
        fail(502,
             "502 Bad Gateway: upstream " + m_upstream.toEncoded() + " failed: " + m_reply->errorString().toUtf8());
        return;
    }
    if (isTransportError(m_reply->error())) {
        m_transportFailed = true;
        qCWarning(lcProxy).noquote() << "upstream" << m_upstream.toString()
                                     << "failed mid-answer:" << m_reply->errorString();
    }
    // While waiting for the client to drain, the drain callback pumps the rest and completes.
    if (!m_waitingForDrain)
        pump();
}

void ProxyExchange::handleTimeout()
{
    if (m_ended || m_headSent)
        return;
    fail(504, "504 Gateway Timeout: upstream " + m_upstream.toEncoded() + " did not answer within " +
                  QByteArray::number(qint64(m_options->timeout.count())) + " ms");
}

void ProxyExchange::handleWatch()
{
    if (!m_ended && m_w->isFinished())
        abandon("the client went away");
}

// sendHead relays the upstream's status and header once they are known; returns whether they were.
bool ProxyExchange::sendHead()
{
    if (m_headSent || m_ended)
        return m_headSent;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return false;
    m_timeout.stop();
    const httpcore::Header relayed = relayedHeader(m_reply->rawHeaderPairs());
    // The upstream's fields replace same-named ones set before (by middleware); the others stay.
    httpcore::Header &header = m_w->header();
    for (qsizetype i = 0; i < relayed.size(); ++i)
        header.remove(relayed.field(i).name);
    for (qsizetype i = 0; i < relayed.size(); ++i)
        header.add(relayed.field(i).name, relayed.field(i).value);
    m_w->writeHeader(status.toInt());
    // The head goes out now: a client of a streaming upstream sees it at once, and no Content-Type is sniffed
    // from the first body bytes when the upstream sent none.
    m_w->flush();
    m_headSent = true;
    if (m_record) {
        m_record->status = status.toInt();
        m_record->responseHeader = relayed;
    }
    return true;
}

// pump relays what the reply holds while the client keeps up, and completes once the upstream is done.
void ProxyExchange::pump()
{
    if (m_ended || !m_reply || !sendHead())
        return;
    m_waitingForDrain = false;
    while (m_reply->bytesAvailable() > 0) {
        if (m_w->bufferedBytes() > HighWater) {
            m_waitingForDrain = true;
            const QPointer<ProxyExchange> self(this);
            m_w->whenDrained(LowWater, [self] {
                if (self)
                    self->pump();
            });
            return;
        }
        const QByteArray chunk = m_reply->read(ReadChunk);
        if (chunk.isEmpty())
            break;
        if (!relay(chunk))
            return;
    }
    if (m_upstreamFinished)
        complete();
}

// relay writes chunk to the client; returns false when the client is gone (the exchange then ended).
bool ProxyExchange::relay(const QByteArray &chunk)
{
    capture(chunk);
    if (m_w->write(chunk) >= 0)
        return true;
    if (m_w->isFinished()) {
        abandon("the client went away");
        return false;
    }
    // The response takes no (more) body: a 204 or 304 answer, or bytes past the declared Content-Length.
    if (!m_bodyRefused)
        qCWarning(lcProxy).noquote() << "dropping body bytes the response does not allow from" << m_upstream.toString();
    m_bodyRefused = true;
    return true;
}

void ProxyExchange::capture(const QByteArray &chunk)
{
    if (!m_record || !m_options->recorder)
        return;
    const qint64 room = m_options->recorder->maxBodyBytes() - m_record->body.size();
    if (room > 0)
        m_record->body.append(chunk.first(std::min<qint64>(room, chunk.size())));
    m_record->bodyBytes += chunk.size();
}

void ProxyExchange::complete()
{
    m_w->finish();
    if (m_record && m_options->recorder && !m_transportFailed && !m_bodyRefused)
        m_options->recorder->record(*m_record);
    end();
}

void ProxyExchange::fail(int status, const QByteArray &message)
{
    qCWarning(lcProxy).noquote() << QString::fromUtf8(message);
    if (!m_w->isFinished())
        answerError(m_w, status, message);
    end();
}

void ProxyExchange::abandon(const char *reason)
{
    qCInfo(lcProxy).noquote() << "aborting the request to" << m_upstream.toString() << "-" << reason;
    end();
}

void ProxyExchange::end()
{
    if (m_ended)
        return;
    m_ended = true;
    m_timeout.stop();
    m_watch.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        // A connection left mid-answer cannot be reused: aborting closes it, so the upstream sees the end too.
        if (m_reply->isRunning())
            m_reply->abort();
    }
    m_w.reset();
    deleteLater();
}

} // namespace mock
