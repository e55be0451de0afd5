#include "ui/live/HarWriter.h"

#include "httpcore/StatusText.h"
#include "ui/live/BodyFormat.h"
#include "ui/live/CredentialMask.h"
#include "ui/live/RequestDumpText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

using Fields = QList<std::pair<QString, QString>>;

QString fieldValue(const Fields &fields, QLatin1StringView name)
{
    for (const auto &[n, v] : fields) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QJsonArray nameValues(const QList<std::pair<QString, QString>> &pairs)
{
    QJsonArray array;
    for (const auto &[name, value] : pairs)
        array.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    return array;
}

// cookies returns the HAR cookies of the Cookie fields (request) or Set-Cookie fields (response, with attributes).
QJsonArray cookies(const Fields &fields, bool response, bool mask)
{
    QJsonArray array;
    const QLatin1StringView header = response ? "set-cookie"_L1 : "cookie"_L1;
    for (const auto &[name, value] : fields) {
        if (name.compare(header, Qt::CaseInsensitive) != 0)
            continue;
        const QStringList items = value.split(u';', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString item = items[i].trimmed();
            const qsizetype eq = item.indexOf(u'=');
            const QString key = eq < 0 ? item : item.first(eq);
            const QString val = eq < 0 ? QString() : item.mid(eq + 1);
            if (response && i > 0) {
                // RFC 6265 §5.2: the attributes after the first pair.
                QJsonObject cookie = array.last().toObject();
                const QString attr = key.toLower();
                if (attr == "path"_L1 || attr == "domain"_L1 || attr == "expires"_L1)
                    cookie.insert(attr, val);
                else if (attr == "httponly"_L1)
                    cookie.insert(u"httpOnly"_s, true);
                else if (attr == "secure"_L1)
                    cookie.insert(u"secure"_s, true);
                array.replace(array.size() - 1, cookie);
                continue;
            }
            array.append(QJsonObject{{u"name"_s, key}, {u"value"_s, mask ? CredentialMask::masked() : val}});
        }
    }
    return array;
}

qint64 headSize(const QByteArray &dump)
{
    const qsizetype end = dump.indexOf("\r\n\r\n");
    return end < 0 ? dump.size() : end + 4;
}

// setText puts body in object (a postData or content) as HAR 1.2 has it: "text", base64 with "encoding" when the
// body is not text.
void setText(QJsonObject *object, const QByteArray &body)
{
    if (BodyFormat::isTextual(body)) {
        object->insert(u"text"_s, QString::fromUtf8(body));
    } else {
        object->insert(u"text"_s, QString::fromLatin1(body.toBase64()));
        object->insert(u"encoding"_s, u"base64"_s);
    }
}

// postDataObject returns the postData of record's request, declared as contentType; its comment says when the
// text is not the whole body.
QJsonObject postDataObject(const RequestRecord &record, const QString &contentType)
{
    // HAR 1.2: text and params are mutually exclusive; the body is kept as text.
    QJsonObject postData{{u"mimeType"_s, contentType}};
    if (!record.capture) {
        postData.insert(u"text"_s, QString());
        postData.insert(u"comment"_s, u"request body not captured"_s);
        return postData;
    }
    const httpcore::CapturedExchange &capture = *record.capture;
    setText(&postData, capture.requestBody);
    QStringList comments;
    if (capture.requestBodyTruncated)
        comments.append(
            u"first %1 of %2 bytes captured"_s.arg(capture.requestBody.size()).arg(capture.requestBodyRead));
    if (!capture.requestBodyComplete) {
        const bool failed = requestBodyFailed(capture);
        const qint64 size = requestBodySize(capture);
        const QString total = size < 0 ? u"of unknown length"_s : u"of %1 bytes"_s.arg(size);
        comments.append(
            failed ? u"the body ended with an error after %1 bytes (%2)"_s.arg(capture.requestBodyRead).arg(total)
                   : u"the handler read %1 bytes (%2); the rest was not captured"_s.arg(capture.requestBodyRead)
                         .arg(total));
    }
    if (!comments.isEmpty())
        postData.insert(u"comment"_s, comments.join(u"; "_s));
    return postData;
}

QJsonObject requestObject(const RequestRecord &record, const HarWriter::Options &options)
{
    const QByteArray dump =
        record.capture ? record.capture->request : (record.method + u' ' + record.target + u" HTTP/1.1"_s).toUtf8();
    const DumpParts parts = splitDump(dump);
    const QString target = parts.startLine.section(u' ', 1, 1);
    const QString url = target.startsWith(u'/') ? options.baseUrl + target : target;
    const Fields fields = options.maskCredentials ? CredentialMask::maskFields(parts.fields) : parts.fields;
    const qint64 bodySize =
        record.capture ? requestBodySize(*record.capture) : (record.journey ? record.journey->requestBodyBytes : -1);
    QJsonObject request{
        {u"method"_s, record.method},
        {u"url"_s, url},
        {u"httpVersion"_s, parts.startLine.section(u' ', 2, 2)},
        {u"headers"_s, nameValues(fields)},
        {u"queryString"_s, nameValues(QUrlQuery(QUrl(url)).queryItems(QUrl::FullyDecoded))},
        {u"cookies"_s, cookies(parts.fields, false, options.maskCredentials)},
        {u"headersSize"_s, record.capture ? headSize(dump) : -1},
        {u"bodySize"_s, bodySize},
    };
    if (bodySize != 0)
        request.insert(u"postData"_s, postDataObject(record, fieldValue(parts.fields, "content-type"_L1)));
    return request;
}

QJsonObject contentObject(const RequestRecord &record, const DumpParts &parts)
{
    const qint64 size =
        record.capture ? record.capture->responseBodyBytes : (record.journey ? record.journey->responseBodyBytes : 0);
    const QString type = fieldValue(parts.fields, "content-type"_L1);
    QJsonObject content{{u"size"_s, size}, {u"mimeType"_s, type.isEmpty() ? u"x-unknown"_s : type}};
    // The response has no body field of its own: it is the dump's, without the capture's notice.
    const QByteArray body = BodyFormat::stripNotices(parts.body);
    setText(&content, body);
    if (body.size() < size)
        content.insert(u"comment"_s, u"first %1 of %2 bytes captured"_s.arg(body.size()).arg(size));
    return content;
}

QJsonObject responseObject(const RequestRecord &record, const HarWriter::Options &options)
{
    // Without a capture only the status is known.
    DumpParts parts;
    if (record.capture)
        parts = splitDump(record.capture->response);
    const Fields fields = options.maskCredentials ? CredentialMask::maskFields(parts.fields) : parts.fields;
    QString statusText = parts.startLine.section(u' ', 2);
    if (!record.capture)
        statusText = QString::fromLatin1(httpcore::statusText(record.status));
    const qint64 bodySize =
        record.capture ? record.capture->responseBodyBytes : (record.journey ? record.journey->responseBodyBytes : -1);
    return QJsonObject{
        {u"status"_s, record.status},
        {u"statusText"_s, statusText},
        {u"httpVersion"_s, record.capture ? parts.startLine.section(u' ', 0, 0) : u"HTTP/1.1"_s},
        {u"headers"_s, nameValues(fields)},
        {u"cookies"_s, cookies(parts.fields, true, options.maskCredentials)},
        {u"content"_s, contentObject(record, parts)},
        {u"redirectURL"_s, fieldValue(parts.fields, "location"_L1)},
        {u"headersSize"_s, -1},
        {u"bodySize"_s, bodySize},
    };
}

// timings derives HAR's phases from the journey (see the class comment); every phase is >= 0.
QJsonObject timings(const httpcore::Journey *journey, double *total)
{
    using httpcore::JourneyStage;
    const auto at = [journey](JourneyStage stage, double fallback) {
        const httpcore::JourneyMark *origin = journey ? journey->find(JourneyStage::FirstByte) : nullptr;
        const httpcore::JourneyMark *mark = journey ? journey->find(stage) : nullptr;
        if (!origin || !mark)
            return fallback;
        return std::max(0.0, std::chrono::duration<double, std::milli>(mark->at - origin->at).count());
    };
    const double sendEnd = at(JourneyStage::BodyComplete, at(JourneyStage::HeadParsed, 0.0));
    const double complete = std::max(sendEnd, at(JourneyStage::ResponseComplete, sendEnd));
    // A handler may answer before it reads the body: the wait then starts and ends at once.
    const double waitEnd = std::clamp(at(JourneyStage::FirstResponseByte, complete), sendEnd, complete);
    *total = complete;
    return QJsonObject{{u"blocked"_s, -1},
                       {u"dns"_s, -1},
                       {u"connect"_s, -1},
                       {u"send"_s, sendEnd},
                       {u"wait"_s, waitEnd - sendEnd},
                       {u"receive"_s, complete - waitEnd},
                       {u"ssl"_s, -1}};
}

QJsonArray journeyArray(const httpcore::Journey *journey)
{
    QJsonArray array;
    if (!journey || journey->marks().empty())
        return array;
    const auto origin = journey->marks().front().at;
    for (const httpcore::JourneyMark &mark : journey->marks()) {
        QJsonObject object{{u"stage"_s, QString::fromLatin1(httpcore::journeyStageName(mark.stage))},
                           {u"atMs"_s, std::chrono::duration<double, std::milli>(mark.at - origin).count()}};
        if (!mark.label.isEmpty())
            object.insert(u"label"_s, QString::fromUtf8(mark.label));
        array.append(object);
    }
    return array;
}

} // namespace

QJsonObject HarWriter::entry(const RequestRecord &record, const Options &options)
{
    double total = 0.0;
    QJsonObject timingObject = timings(record.journey.get(), &total);
    return QJsonObject{
        {u"startedDateTime"_s, record.time.toUTC().toString(Qt::ISODateWithMs)},
        {u"time"_s, total},
        {u"request"_s, requestObject(record, options)},
        {u"response"_s, responseObject(record, options)},
        {u"cache"_s, QJsonObject()},
        {u"timings"_s, timingObject},
        {u"connection"_s, QString::number(record.connectionId)},
        {u"_route"_s, record.route},
        {u"_middleware"_s, QJsonArray::fromStringList(record.middleware)},
        {u"_journey"_s, journeyArray(record.journey.get())},
    };
}

QJsonObject HarWriter::document(const QList<const RequestRecord *> &records, const Options &options)
{
    QList<const RequestRecord *> sorted = records;
    sorted.removeAll(nullptr);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const RequestRecord *a, const RequestRecord *b) { return a->time < b->time; });
    QJsonArray entries;
    for (const RequestRecord *record : sorted)
        entries.append(entry(*record, options));
    const QString version = QCoreApplication::applicationVersion();
    const QJsonObject creator{{u"name"_s, u"Switchboard"_s}, {u"version"_s, version.isEmpty() ? u"dev"_s : version}};
    return QJsonObject{
        {u"log"_s, QJsonObject{{u"version"_s, u"1.2"_s}, {u"creator"_s, creator}, {u"entries"_s, entries}}}};
}

std::optional<QString>
HarWriter::write(const QString &path, const QList<const RequestRecord *> &records, const Options &options)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    const QByteArray json = QJsonDocument(document(records, options)).toJson(QJsonDocument::Indented);
    if (file.write(json) != json.size() || !file.commit())
        return file.errorString();
    return std::nullopt;
}

} // namespace ui
