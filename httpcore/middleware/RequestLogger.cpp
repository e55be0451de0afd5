#include "httpcore/middleware/RequestLogger.h"

#include "httpcore/middleware/ResponseWriterWrapper.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <chrono>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

// LoggedExchange is what the line reports, gathered from the request at the start.
struct LoggedExchange
{
    QByteArray method;
    QByteArray target;
    QByteArray proto;
    QByteArray requestId;
    std::chrono::steady_clock::time_point start;
};

QByteArray
formatLine(const RequestLogger::Format format, const LoggedExchange &x, int status, qint64 bytes, bool aborted)
{
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - x.start).count();
    switch (format) {
    case RequestLogger::Format::Text: {
        QByteArray line = x.method + ' ' + x.target + ' ' + x.proto + ' ' + QByteArray::number(status) + ' ' +
                          QByteArray::number(bytes) + ' ' + QByteArray::number(ms, 'f', 3) + "ms";
        if (!x.requestId.isEmpty())
            line += " id=" + x.requestId;
        if (aborted)
            line += " aborted";
        return line + '\n';
    }
    case RequestLogger::Format::Json: {
        QJsonObject o{{u"method"_s, QString::fromLatin1(x.method)},
                      {u"uri"_s, QString::fromUtf8(x.target)},
                      {u"proto"_s, QString::fromLatin1(x.proto)},
                      {u"status"_s, status},
                      {u"bytes"_s, bytes},
                      {u"durationMs"_s, double(qRound64(ms * 1000)) / 1000.0}};
        if (!x.requestId.isEmpty())
            o.insert(u"requestId"_s, QString::fromLatin1(x.requestId));
        if (aborted)
            o.insert(u"aborted"_s, true);
        return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    }
    return {};
}

// LoggingWriter counts the body bytes passing through and writes the line at completion.
class LoggingWriter final : public ResponseWriterWrapper
{
public:
    LoggingWriter(Token token,
                  ResponsePtr inner,
                  std::shared_ptr<const RequestLogger::Settings> settings,
                  LoggedExchange exchange)
        : ResponseWriterWrapper(token, std::move(inner)), m_settings(std::move(settings)),
          m_exchange(std::move(exchange))
    {}

    qint64 write(QByteArrayView data) override
    {
        const qint64 n = ResponseWriterWrapper::write(data);
        if (n > 0)
            m_bytes += n;
        return n;
    }

protected:
    void completeResponse() override
    {
        ResponseWriterWrapper::completeResponse();
        if (m_settings->sink)
            m_settings->sink(formatLine(m_settings->format, m_exchange, inner()->status(), m_bytes, isAbandoned()));
    }

private:
    // Shared with the RequestLogger: an asynchronous response may outlive the chain it started in.
    const std::shared_ptr<const RequestLogger::Settings> m_settings;
    LoggedExchange m_exchange;
    qint64 m_bytes = 0;
};

} // namespace

RequestLogger::RequestLogger(Settings settings, HandlerPtr next)
    : m_settings(std::make_shared<const Settings>(std::move(settings))), m_next(std::move(next))
{}

Middleware RequestLogger::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const RequestLogger>(settings, std::move(next));
    };
}

void RequestLogger::serveHttp(const ResponsePtr &w, const Request &r) const
{
    LoggedExchange exchange{r.method, r.target, r.versionString(), r.header.value("X-Request-Id").toByteArray(),
                            std::chrono::steady_clock::now()};
    const auto logged = ResponseWriterWrapper::make<LoggingWriter>(w, m_settings, std::move(exchange));
    m_next->serveHttp(logged, r);
}

} // namespace httpcore
