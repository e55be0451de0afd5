#include "httpcore/middleware/RequestCapture.h"

#include "httpcore/RequestBody.h"
#include "httpcore/RequestDump.h"
#include "httpcore/StatusText.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"

namespace httpcore
{

namespace
{

// BodyTee keeps the first cap bytes of a request body, fed by a RequestBody tap. Worker thread only, like the
// RequestBody.
struct BodyTee
{
    QByteArray bytes;
    qsizetype cap = 0;

    void append(QByteArrayView chunk)
    {
        const qsizetype room = cap - bytes.size();
        if (room > 0)
            bytes.append(chunk.first(std::min(room, chunk.size())));
    }
};

// appendBodyNotice appends the line saying why the dump shows less than the whole body, if it does.
void appendBodyNotice(QByteArray &out, const RequestBody &body, bool afterNotice)
{
    if (body.isComplete())
        return;
    const qint64 left = body.contentLength() >= 0 ? body.contentLength() - body.bytesReceived() : -1;
    if (left == 0)
        return;
    // As dumpRequest(): the notice starts on a line of its own.
    if (!afterNotice)
        out.append("\r\n");
    out.append("[... ");
    if (left > 0)
        out.append(QByteArray::number(left)).append(" more bytes");
    else
        out.append("rest of the chunked body");
    out.append(body.hasFailed() ? " not received: the body ended with an error]\r\n" : " not read by the handler]\r\n");
}

// CaptureWriter tees the response, and through a RequestBody tap the request body as the handler reads it, into a
// CapturedExchange, and delivers it at completion.
class CaptureWriter final : public ResponseWriterWrapper
{
public:
    CaptureWriter(Token token, ResponsePtr inner, std::shared_ptr<const RequestCapture::Settings> settings, Request r)
        : ResponseWriterWrapper(token, std::move(inner)), m_settings(std::move(settings)), m_request(std::move(r)),
          m_start(std::chrono::steady_clock::now())
    {
        // A body some outer layer already started reading is not captured (its start is gone).
        const std::shared_ptr<RequestBody> &body = m_request.body;
        if (body && !body->isStarted() && m_settings->bodyCap > 0) {
            m_requestBody = std::make_shared<BodyTee>();
            m_requestBody->cap = m_settings->bodyCap;
            body->addTap([tee = m_requestBody](QByteArrayView chunk) { tee->append(chunk); });
        }
    }

    void writeHeader(int status) override
    {
        if (status >= 200 && m_status == 0 && !isCompleted()) {
            m_status = status;
            m_header = header();
        }
        ResponseWriterWrapper::writeHeader(status);
    }

    qint64 write(QByteArrayView data) override
    {
        if (m_status == 0 && !isCompleted())
            writeHeader(200);
        const qint64 n = ResponseWriterWrapper::write(data);
        if (n > 0) {
            m_bytes += n;
            const qsizetype room = std::max<qsizetype>(0, m_settings->bodyCap - m_body.size());
            m_body.append(data.first(std::min<qsizetype>(room, n)));
        }
        return n;
    }

protected:
    void completeResponse() override
    {
        if (m_status == 0 && !isAbandoned())
            m_header = header();
        ResponseWriterWrapper::completeResponse();
        if (m_settings->sink)
            m_settings->sink(exchange());
    }

private:
    CapturedExchange exchange() const;

    const std::shared_ptr<const RequestCapture::Settings> m_settings;
    const Request m_request;
    const std::chrono::steady_clock::time_point m_start;
    // The request body as read; null without a body or when it cannot be captured. Shared with the tap.
    std::shared_ptr<BodyTee> m_requestBody;
    Header m_header;
    QByteArray m_body;
    qint64 m_bytes = 0;
    int m_status = 0;
};

CapturedExchange CaptureWriter::exchange() const
{
    CapturedExchange x;
    x.connectionId = m_request.connectionId;
    x.sequence = m_request.sequence;
    x.method = m_request.method;
    x.target = m_request.target;
    if (const auto &body = m_request.body) {
        const qint64 received = body->bytesReceived();
        const bool known = body->contentLength() >= 0;
        x.requestBodyBytes = known ? body->contentLength() : (received > 0 || body->isComplete() ? received : -1);
        if (m_requestBody)
            x.requestBody = m_requestBody->bytes;
        x.requestBodyRead = received;
        x.requestBodyTruncated = received > x.requestBody.size();
        x.requestBodyComplete = body->isComplete() || (known && received >= body->contentLength());
        x.request = dumpRequest(m_request, x.requestBody, -1, received);
        appendBodyNotice(x.request, *body, x.requestBodyTruncated);
    } else {
        x.request = dumpRequest(m_request, {}, 0);
    }
    // A handler that wrote nothing still answered: the server's implicit 200, when the response went out.
    x.status = m_status != 0 ? m_status : inner()->status();
    x.aborted = isAbandoned();
    x.responseBodyBytes = m_bytes;
    x.responseTruncated = m_bytes > m_body.size();
    QByteArray &out = x.response;
    out.append(m_request.versionString()).append(' ').append(QByteArray::number(x.status)).append(' ');
    out.append(statusText(x.status)).append("\r\n");
    for (qsizetype i = 0; i < m_header.size(); ++i) {
        const Header::Field f = m_header.field(i);
        out.append(f.name).append(": ").append(f.value).append("\r\n");
    }
    out.append("\r\n").append(m_body);
    if (x.responseTruncated)
        out.append("\r\n[... ")
            .append(QByteArray::number(m_bytes - m_body.size()))
            .append(" more bytes not shown]\r\n");
    x.duration = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - m_start);
    return x;
}

} // namespace

RequestCapture::RequestCapture(Settings settings, HandlerPtr next)
    : m_settings(std::make_shared<const Settings>(std::move(settings))), m_next(std::move(next))
{}

Middleware RequestCapture::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const RequestCapture>(settings, std::move(next));
    };
}

void RequestCapture::serveHttp(const ResponsePtr &w, const Request &r) const
{
    if (!m_settings->sink) {
        m_next->serveHttp(w, r);
        return;
    }
    const auto writer = ResponseWriterWrapper::make<CaptureWriter>(w, m_settings, r);
    m_next->serveHttp(writer, r);
}

} // namespace httpcore
