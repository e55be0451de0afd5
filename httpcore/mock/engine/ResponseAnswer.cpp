#include "httpcore/mock/engine/ResponseAnswer.h"

#include "httpcore/StatusText.h"
#include "httpcore/mock/engine/BodySource.h"
#include "httpcore/mock/engine/BodyStreamer.h"
#include "httpcore/mock/engine/TemplateData.h"
#include "httpcore/mock/engine/WireFaults.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

httpcore::Expected<QByteArray, QString>
renderText(const Exchange &ex, const TemplatedText &text, std::optional<TemplateData> &data, const QString &where)
{
    if (!text.error.isEmpty())
        return httpcore::Unexpected<QString>{ex.describe() + u": "_s + text.error};
    if (!text.tmpl)
        return text.literal;
    if (!data)
        data.emplace(ex.data, ex.counter, ex.response().needsBody);
    auto rendered = text.tmpl->render(*data);
    if (!rendered)
        return httpcore::Unexpected<QString>{
            u"%1: the template of %2 cannot be rendered: %3"_s.arg(ex.describe(), where, rendered.error())};
    return rendered;
}

void writePrepared(const ExchangePtr &ex, PreparedResponse prepared, std::optional<BodyStreamer::Drip> drip)
{
    const httpcore::ResponsePtr &w = ex->writer;
    if (w->isFinished())
        return;
    httpcore::Header &header = w->header();
    for (qsizetype i = 0; i < prepared.header.size(); ++i) {
        const httpcore::Header::Field field = prepared.header.field(i);
        header.add(field.name, field.value);
    }
    const bool bodyAllowed = httpcore::bodyAllowedForStatus(prepared.status);
    if (bodyAllowed && !header.contains("Content-Length"))
        header.set("Content-Length", QByteArray::number(prepared.body->size()));
    w->writeHeader(prepared.status);
    if (!bodyAllowed || ex->data.request().isHead() || prepared.body->size() == 0) {
        w->finish();
        return;
    }
    BodyStreamer::start(w, std::move(prepared.body), drip,
                        [route = ex->route, what = ex->describe()](const QString &e) {
                            route->report(u"%1: reading the body failed mid-answer: %2"_s.arg(what, e));
                        });
}

} // namespace

httpcore::Expected<PreparedResponse, QString> prepareResponse(const Exchange &ex)
{
    const CompiledResponse &response = ex.response();
    std::optional<TemplateData> data;
    PreparedResponse out;
    out.status = response.status;
    for (const auto &[name, text] : response.headers) {
        auto value = renderText(ex, text, data, u"header %1"_s.arg(QString::fromUtf8(name)));
        if (!value)
            return httpcore::Unexpected<QString>{value.error()};
        out.header.add(name, *value);
    }
    if (!response.contentType.isEmpty() && !out.header.contains("Content-Type"))
        out.header.add("Content-Type", response.contentType);
    if (!response.bodyFile.isEmpty()) {
        auto source = BodySource::openFile(response.bodyFile);
        if (!source)
            return httpcore::Unexpected<QString>{
                u"%1: the body file %2 cannot be opened: %3"_s.arg(ex.describe(), response.bodyFile, source.error())};
        out.body = std::move(source.value());
        return out;
    }
    auto body = renderText(ex, response.body, data, u"the body"_s);
    if (!body)
        return httpcore::Unexpected<QString>{body.error()};
    out.body = std::make_shared<BodySource>(std::move(body.value()));
    return out;
}

void answer(const ExchangePtr &ex)
{
    if (ex->writer->isFinished())
        return; // the client went away during the delay
    auto prepared = prepareResponse(*ex);
    if (!prepared) {
        ex->route->report(prepared.error());
        answerError(ex->writer, prepared.error());
        return;
    }
    std::optional<BodyStreamer::Drip> drip;
    if (const Fault *fault = ex->firingFault()) {
        switch (fault->kind) {
        case FaultKind::ResetBeforeHeaders:
        case FaultKind::ResetAfterHeaders:
        case FaultKind::ResetAtBodyByte:
        case FaultKind::EmptyResponse:
        case FaultKind::ContentLengthOver:
        case FaultKind::ContentLengthUnder:
        case FaultKind::MalformedChunk:
        case FaultKind::MissingFinalChunk:
        case FaultKind::RandomBytesThenClose:
        case FaultKind::HeadersThenHang:
            if (runWireFault(ex, *fault, prepared.value()))
                return;
            break; // reported; answered normally
        case FaultKind::SlowDrip:
            drip = BodyStreamer::Drip{fault->bytesPerSecond, fault->jitterPercent, ex->fault.seed};
            break;
        case FaultKind::CloseAfterRequests:
            // Request::sequence counts this connection's requests from 1: the Nth is answered, then closed.
            if (ex->data.request().sequence >= quint64(std::max(1, fault->afterRequests)))
                prepared->header.set("Connection", "close");
            break;
        case FaultKind::SlowUploadRead:
            break; // the body was read slowly before the delay
        }
    }
    writePrepared(ex, std::move(prepared.value()), drip);
}

} // namespace mock
