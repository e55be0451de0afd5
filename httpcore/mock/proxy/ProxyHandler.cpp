#include "httpcore/mock/proxy/ProxyHandler.h"

#include "httpcore/RequestBody.h"
#include "httpcore/mock/proxy/ProxyExchange.h"
#include "httpcore/mock/proxy/ProxyHeaders.h"

using namespace Qt::StringLiterals;

namespace mock
{

httpcore::Expected<httpcore::HandlerPtr, QString> ProxyHandler::make(ProxyOptions options)
{
    const QUrl &upstream = options.upstream;
    const QString scheme = upstream.scheme().toLower();
    if (!upstream.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || upstream.host().isEmpty()) {
        return httpcore::Unexpected<QString>{
            u"upstream \"%1\" is not an absolute http or https URL"_s.arg(upstream.toString())};
    }
    auto shared = std::make_shared<const ProxyOptions>(std::move(options));
    return httpcore::HandlerPtr(new ProxyHandler(std::move(shared)));
}

httpcore::Expected<httpcore::HandlerPtr, QString> ProxyHandler::fromSettings(const ProxySettings &settings,
                                                                             std::shared_ptr<ProxyRecorder> recorder)
{
    ProxyOptions options;
    options.upstream = QUrl(settings.upstream.trimmed(), QUrl::StrictMode);
    if (settings.record)
        options.recorder = std::move(recorder);
    return make(std::move(options));
}

ProxyHandler::ProxyHandler(std::shared_ptr<const ProxyOptions> options) : m_options(std::move(options)) {}

void ProxyHandler::serveHttp(const httpcore::ResponsePtr &w, const httpcore::Request &r) const
{
    const httpcore::Url::TargetForm form = r.url.form();
    if (form != httpcore::Url::TargetForm::Origin && form != httpcore::Url::TargetForm::Absolute) {
        ProxyExchange::answerError(w, 501, "501 Not Implemented: the proxy forwards requests for paths only");
        return;
    }
    ForwardedRequest forward = forwardedRequest(r, m_options->upstream);
    std::optional<RecordedExchange> record;
    if (m_options->recorder) {
        record.emplace();
        record->method = r.method;
        record->rawPath = r.url.rawPath();
        record->rawQuery = r.url.rawQuery();
        record->requestHeader = r.header;
        record->upstreamUrl = forward.url;
    }
    if (!r.hasBody() || !r.body) {
        ProxyExchange::start(w, forward, std::nullopt, m_options, std::move(record));
        return;
    }
    // The whole body first: QNetworkAccessManager then sends it with a Content-Length (streaming the upload would
    // need a sequential QIODevice fed from the connection).
    r.body->readAll(m_options->maxRequestBodyBytes, [w, forward = std::move(forward), options = m_options,
                                                     record = std::move(record)](QByteArray body, bool truncated) {
        if (truncated) {
            ProxyExchange::answerError(w, 413,
                                       "413 Content Too Large: the proxy forwards request bodies of "
                                       "at most " +
                                           QByteArray::number(options->maxRequestBodyBytes) + " bytes");
            return;
        }
        ProxyExchange::start(w, forward, std::move(body), options, record);
    });
}

} // namespace mock
