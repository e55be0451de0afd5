#include "httpcore/mock/convert/WireMockResponses.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/DocumentWriter.h"
#include "httpcore/mock/convert/KeyOrder.h"

#include <QJsonArray>
#include <QStringDecoder>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;

void convertHeaders(const QJsonObject &headers, const QString &where, MockResponse &response, ImportReport &report)
{
    for (const QString &name : KeyOrder::keys(headers)) {
        const QJsonValue value = headers.value(name);
        QStringList values;
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                values.append(DocumentWriter::toText(item));
        } else {
            values.append(DocumentWriter::toText(value));
        }
        if (!convert::isToken(name)) {
            report.error(where, u"header %1 not carried: its name is not an HTTP token"_s.arg(quoted(name)));
            continue;
        }
        for (const QString &text : values) {
            if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0 && response.contentType.isEmpty())
                response.contentType = text;
            else
                response.headers.append({name, text});
        }
    }
}

void convertBody(const QJsonObject &source,
                 const QString &filesRoot,
                 const QString &where,
                 MockResponse &response,
                 ImportReport &report)
{
    if (source.contains(u"jsonBody"_s)) {
        response.body = QString::fromUtf8(DocumentWriter::toJson(source.value(u"jsonBody"_s)));
    } else if (source.contains(u"base64Body"_s)) {
        const QByteArray bytes = QByteArray::fromBase64(source.value(u"base64Body"_s).toString().toLatin1());
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder.decode(bytes);
        if (decoder.hasError())
            report.error(where, u"the binary base64Body (%1 bytes) is not carried: save it to a file and use it as "
                                u"the body file"_s.arg(bytes.size()));
        else
            response.body = text;
    } else if (source.contains(u"bodyFileName"_s)) {
        const QString name = source.value(u"bodyFileName"_s).toString();
        response.bodyFile = filesRoot.isEmpty() ? name : filesRoot + u'/' + name;
        if (response.bodyFile != name)
            report.info(where, u"the body file %1 (under WireMock's __files) is carried as %2"_s.arg(
                                   quoted(name), quoted(response.bodyFile)));
    } else {
        response.body = source.value(u"body"_s).toString();
    }
}

void convertDelay(const QJsonObject &source, const QString &where, MockResponse &response, ImportReport &report)
{
    const int fixed = source.value(u"fixedDelayMilliseconds"_s).toInt();
    response.delay = Delay{fixed, fixed};
    const QJsonObject distribution = source.value(u"delayDistribution"_s).toObject();
    const QString type = distribution.value(u"type"_s).toString();
    if (type == u"uniform"_s) {
        response.delay.minMs += distribution.value(u"lower"_s).toInt();
        response.delay.maxMs += distribution.value(u"upper"_s).toInt();
    } else if (type == u"lognormal"_s) {
        const int median = distribution.value(u"median"_s).toInt();
        response.delay.minMs += median;
        response.delay.maxMs += median;
        report.warning(
            where, u"the lognormal delay (median %1 ms) is approximated by a fixed delay of its median"_s.arg(median));
    } else if (!type.isEmpty()) {
        report.error(where, u"the %1 delay distribution is not carried"_s.arg(type));
    }
}

Fault faultOf(FaultKind kind)
{
    Fault fault;
    fault.kind = kind;
    return fault;
}

void convertFault(const QJsonObject &source, const QString &where, MockResponse &response, ImportReport &report)
{
    const QString fault = source.value(u"fault"_s).toString();
    if (fault == u"CONNECTION_RESET_BY_PEER"_s)
        response.fault = faultOf(FaultKind::ResetBeforeHeaders);
    else if (fault == u"EMPTY_RESPONSE"_s)
        response.fault = faultOf(FaultKind::EmptyResponse);
    else if (fault == u"MALFORMED_RESPONSE_CHUNK"_s)
        response.fault = faultOf(FaultKind::MalformedChunk);
    else if (fault == u"RANDOM_DATA_THEN_CLOSE"_s)
        response.fault = faultOf(FaultKind::RandomBytesThenClose);
    else if (!fault.isEmpty())
        report.error(where, u"the fault %1 is not carried"_s.arg(fault));
    const QJsonObject dribble = source.value(u"chunkedDribbleDelay"_s).toObject();
    if (dribble.isEmpty())
        return;
    const qint64 bytes = response.body.toUtf8().size();
    const qint64 duration = dribble.value(u"totalDuration"_s).toInteger();
    if (response.fault || !response.bodyFile.isEmpty() || bytes == 0 || duration <= 0) {
        report.error(where, u"the chunked dribble delay is not carried%1"_s.arg(
                                response.fault ? u" (the response already has a fault)"_s
                                               : u": it needs an inline body and a positive totalDuration"_s));
        return;
    }
    Fault drip = faultOf(FaultKind::SlowDrip);
    drip.bytesPerSecond = int(std::clamp<qint64>(bytes * 1000 / duration, 1, std::numeric_limits<int>::max()));
    response.fault = drip;
    report.warning(where, u"the chunked dribble delay (%1 chunks over %2 ms) is approximated by a slow drip at %3 "
                          u"bytes per second"_s.arg(dribble.value(u"numberOfChunks"_s).toInt())
                              .arg(duration)
                              .arg(drip.bytesPerSecond));
}

void convertTemplating(const QJsonObject &source, const QString &where, MockResponse &response, ImportReport &report)
{
    const QJsonArray transformers = source.value(u"transformers"_s).toArray();
    response.templated = transformers.contains(QJsonValue(u"response-template"_s));
    QString text = response.body;
    for (const auto &header : response.headers)
        text += header.second;
    if (response.templated && text.contains(u"{{"_s)) {
        response.templated = false;
        report.warning(where, u"WireMock (Handlebars) response templates are not carried: the body and headers are "
                              u"served as written"_s);
    }
}

} // namespace

std::optional<MockResponse> WireMockResponses::convert(const QJsonObject &source,
                                                       const QString &filesRoot,
                                                       const QString &where,
                                                       ImportReport &report)
{
    if (source.contains(u"proxyBaseUrl"_s)) {
        report.error(where, u"dropped: proxy responses (proxyBaseUrl %1) are not carried: use the route set's "
                            u"proxy fallback"_s.arg(quoted(source.value(u"proxyBaseUrl"_s).toString())));
        return std::nullopt;
    }
    MockResponse response;
    response.status = source.value(u"status"_s).toInt(200);
    if (response.status < 100 || response.status > 599) {
        report.error(where, u"dropped: the status %1 is not from 100 to 599"_s.arg(response.status));
        return std::nullopt;
    }
    if (source.contains(u"statusMessage"_s))
        report.error(where, u"the status message %1 is not carried: the standard reason phrase is sent"_s.arg(
                                quoted(source.value(u"statusMessage"_s).toString())));
    convertHeaders(source.value(u"headers"_s).toObject(), where, response, report);
    convertBody(source, filesRoot, where, response, report);
    convertDelay(source, where, response, report);
    convertFault(source, where, response, report);
    convertTemplating(source, where, response, report);
    return response;
}

} // namespace mock
