#include "httpcore/mock/convert/OpenApiExporter.h"

#include "httpcore/StatusText.h"
#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/DocumentWriter.h"
#include "httpcore/mock/convert/JsonTextReader.h"
#include "httpcore/mock/convert/KeyOrder.h"
#include "httpcore/mux/Pattern.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;
using httpcore::Pattern;

const QStringList Operations{u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"options"_s, u"head"_s, u"patch"_s};

// exampleOf returns a body as an OpenAPI example: JSON when the body is exactly DocumentWriter's layout of a JSON
// object or array (so the importer writes it back the same), else the text.
QJsonValue exampleOf(const QString &body)
{
    const QByteArray bytes = body.toUtf8();
    const httpcore::Expected<QJsonValue, QString> parsed = JsonTextReader::parse(bytes);
    if (parsed && (parsed->isObject() || parsed->isArray()) && DocumentWriter::toJson(*parsed) == bytes)
        return *parsed;
    return body;
}

// openApiPath returns the path of a pattern in OpenAPI syntax and its wildcard names; notes get what changed.
QString openApiPath(const Pattern &pattern, QStringList &names, QStringList &notes)
{
    const QString text = QString::fromUtf8(pattern.text()).trimmed();
    const QStringList raw = text.sliced(text.indexOf(u'/') + 1).split(u'/');
    QStringList segments;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const auto &segment = pattern.segments()[size_t(i)];
        switch (segment.kind) {
        case Pattern::Segment::Kind::Literal:
            segments.append(raw[i]);
            break;
        case Pattern::Segment::Kind::Wildcard:
            names.append(QString::fromUtf8(segment.text));
            segments.append(u'{' + names.last() + u'}');
            break;
        case Pattern::Segment::Kind::Multi:
            if (segment.text.isEmpty()) {
                segments.append(QString());
                notes.append(u"the subtree pattern has no OpenAPI equivalent: only %1 itself is described"_s.arg(
                    quoted(u'/' + segments.join(u'/'))));
            } else {
                names.append(QString::fromUtf8(segment.text));
                segments.append(u'{' + names.last() + u'}');
                notes.append(u"{%1...} has no OpenAPI equivalent: exported as {%1}, one segment"_s.arg(names.last()));
            }
            break;
        case Pattern::Segment::Kind::End:
            segments.append(QString());
            break;
        }
    }
    return u'/' + segments.join(u'/');
}

// Responses collects the OpenAPI responses of one route.
class Responses
{
public:
    Responses(const QString &where, ImportReport &report) : m_where(where), m_report(report) {}

    void add(const MockResponse &response, qsizetype index);
    QJsonObject object() const { return m_object; }

private:
    QJsonObject headersOf(const MockResponse &response) const;
    QString mediaTypeOf(const MockResponse &response, qsizetype index) const;
    void addExample(const QString &status, const QString &type, const MockResponse &response, qsizetype index);

    QString m_where;
    ImportReport &m_report;
    QJsonObject m_object;
    QHash<QString, QString> m_typeByStatus;
    QHash<QString, qsizetype> m_firstByStatus;
};

QJsonObject Responses::headersOf(const MockResponse &response) const
{
    QJsonObject headers;
    for (const auto &[name, value] : response.headers) {
        if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0 || headers.contains(name))
            continue;
        QJsonObject header;
        KeyOrder::insert(header, u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}});
        KeyOrder::insert(header, u"example"_s, value);
        KeyOrder::insert(headers, name, header);
    }
    return headers;
}

QString Responses::mediaTypeOf(const MockResponse &response, qsizetype index) const
{
    for (const auto &[name, value] : response.headers) {
        if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0)
            return value;
    }
    if (!response.contentType.isEmpty() || (response.body.isEmpty() && response.bodyFile.isEmpty()))
        return response.contentType;
    m_report.warning(m_where, u"response %1 has a body but no content type: described as text/plain"_s.arg(index + 1));
    return u"text/plain"_s;
}

void Responses::addExample(const QString &status, const QString &type, const MockResponse &response, qsizetype index)
{
    QJsonObject statusObject = m_object.value(status).toObject();
    QJsonObject content = statusObject.value(u"content"_s).toObject();
    QJsonObject media = content.value(type).toObject();
    QJsonObject examples = media.value(u"examples"_s).toObject();
    if (media.contains(u"example"_s)) {
        const qsizetype first = m_firstByStatus.value(status);
        KeyOrder::insert(examples, u"response-%1"_s.arg(first + 1),
                         QJsonObject{{u"value"_s, media.value(u"example"_s)}});
        media.remove(u"example"_s);
    }
    KeyOrder::insert(examples, u"response-%1"_s.arg(index + 1), QJsonObject{{u"value"_s, exampleOf(response.body)}});
    KeyOrder::insert(media, u"examples"_s, examples);
    KeyOrder::insert(content, type, media);
    KeyOrder::insert(statusObject, u"content"_s, content);
    KeyOrder::insert(m_object, status, statusObject);
}

void Responses::add(const MockResponse &response, qsizetype index)
{
    const QString status = QString::number(response.status);
    const QString type = mediaTypeOf(response, index);
    if (m_typeByStatus.contains(status)) {
        const qsizetype first = m_firstByStatus.value(status);
        if (m_typeByStatus.value(status) != type || type.isEmpty() || !response.bodyFile.isEmpty()) {
            m_report.error(m_where, u"response %1 is not exported: it shares the status %2 with response %3 and "
                                    u"OpenAPI has one response per status"_s.arg(index + 1)
                                        .arg(status)
                                        .arg(first + 1));
            return;
        }
        addExample(status, type, response, index);
        m_report.info(m_where, u"response %1 shares the status %2 with response %3: exported as a further example"_s
                                   .arg(index + 1)
                                   .arg(status)
                                   .arg(first + 1));
        return;
    }
    m_typeByStatus.insert(status, type);
    m_firstByStatus.insert(status, index);
    QJsonObject object;
    const QString reason = QString::fromLatin1(httpcore::statusText(response.status));
    KeyOrder::insert(object, u"description"_s,
                     !response.label.isEmpty() ? response.label : (reason.isEmpty() ? u"Response"_s : reason));
    if (const QJsonObject headers = headersOf(response); !KeyOrder::isEmpty(headers))
        KeyOrder::insert(object, u"headers"_s, headers);
    if (!type.isEmpty()) {
        QJsonObject media;
        if (!response.bodyFile.isEmpty()) {
            KeyOrder::insert(media, u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"format"_s, u"binary"_s}});
            m_report.warning(
                m_where, u"response %1: the body file %2 is not exported (described as binary)"_s.arg(index + 1).arg(
                             quoted(response.bodyFile)));
        } else if (!response.body.isEmpty()) {
            KeyOrder::insert(media, u"example"_s, exampleOf(response.body));
        }
        QJsonObject content;
        KeyOrder::insert(content, type, media);
        KeyOrder::insert(object, u"content"_s, content);
    }
    KeyOrder::insert(m_object, status, object);
}

// unexported lists what OpenAPI cannot describe of a route: its mode, and its responses' rules, delays and faults.
QStringList unexported(const Route &route)
{
    QStringList what;
    if (route.mode != RouteMode::Rules)
        what.append(routeModeName(route.mode) + u" mode"_s);
    QStringList rules, delays, faults;
    for (qsizetype i = 0; i < route.responses.size(); ++i) {
        const MockResponse &response = route.responses[i];
        if (!response.rules.isEmpty())
            rules.append(QString::number(i + 1));
        if (!response.delay.isZero())
            delays.append(QString::number(i + 1));
        if (response.fault)
            faults.append(u"%1 (%2)"_s.arg(i + 1).arg(faultKindName(response.fault->kind)));
    }
    if (!rules.isEmpty())
        what.append(u"rules of response(s) "_s + rules.join(u", "_s));
    if (!delays.isEmpty())
        what.append(u"delays of response(s) "_s + delays.join(u", "_s));
    if (!faults.isEmpty())
        what.append(u"faults of response(s) "_s + faults.join(u", "_s));
    return what;
}

QJsonObject operationOf(const Route &route, const QStringList &names, const QString &where, ImportReport &report)
{
    QJsonObject operation;
    KeyOrder::insert(operation, u"operationId"_s, route.id);
    if (!route.note.isEmpty())
        KeyOrder::insert(operation, u"summary"_s, route.note);
    QJsonArray parameters;
    for (const QString &name : names) {
        QJsonObject parameter;
        KeyOrder::insert(parameter, u"name"_s, name);
        KeyOrder::insert(parameter, u"in"_s, u"path"_s);
        KeyOrder::insert(parameter, u"required"_s, true);
        KeyOrder::insert(parameter, u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}});
        parameters.append(parameter);
    }
    if (!parameters.isEmpty())
        KeyOrder::insert(operation, u"parameters"_s, parameters);
    Responses responses(where, report);
    for (qsizetype i = 0; i < route.responses.size(); ++i)
        responses.add(route.responses[i], i);
    KeyOrder::insert(operation, u"responses"_s, responses.object());
    return operation;
}

// methodsOf returns the OpenAPI operations a pattern's method maps to, or an empty list (reported).
QStringList methodsOf(const Pattern &pattern, const QString &where, ImportReport &report)
{
    const QString method = QString::fromUtf8(pattern.method()).toLower();
    if (method.isEmpty()) {
        report.warning(where,
                       u"the pattern has no method: exported under every method (%1)"_s.arg(Operations.join(u", "_s)));
        return Operations;
    }
    if (!Operations.contains(method) && method != u"trace"_s) {
        report.error(where, u"not exported: the method %1 has no OpenAPI operation"_s.arg(method.toUpper()));
        return {};
    }
    return {method};
}

void addRoute(const Route &route, QJsonObject &paths, QHash<QString, QString> &taken, ImportReport &report)
{
    const QString where = u"route %1 (%2)"_s.arg(route.id, route.pattern);
    if (!route.enabled) {
        report.info(where, u"disabled: not exported"_s);
        return;
    }
    const httpcore::Expected<Pattern, QString> pattern = Pattern::parse(route.pattern.toUtf8());
    if (!pattern) {
        report.error(where, u"not exported: invalid pattern: "_s + pattern.error());
        return;
    }
    if (!pattern->host().isEmpty())
        report.warning(where, u"the host %1 has no per-path equivalent: exported without it"_s.arg(
                                  QString::fromUtf8(pattern->host())));
    QStringList names;
    QStringList notes;
    const QString path = openApiPath(*pattern, names, notes);
    for (const QString &note : notes)
        report.warning(where, note);
    QJsonObject item = paths.value(path).toObject();
    for (const QString &method : methodsOf(*pattern, where, report)) {
        const QString key = method + u' ' + path;
        if (taken.contains(key)) {
            report.error(where, u"not exported under %1: %2 is already there"_s.arg(quoted(key), taken.value(key)));
            continue;
        }
        taken.insert(key, where);
        KeyOrder::insert(item, method, operationOf(route, names, where, report));
    }
    if (const QStringList what = unexported(route); !what.isEmpty())
        report.warning(where, u"not exported (OpenAPI cannot describe them): "_s + what.join(u"; "_s));
    if (!KeyOrder::isEmpty(item))
        KeyOrder::insert(paths, path, item);
}

} // namespace

ExportResult OpenApiExporter::convert(const RouteSet &set)
{
    ExportResult result;
    QJsonObject info;
    KeyOrder::insert(info, u"title"_s, set.name.isEmpty() ? u"Switchboard route set"_s : set.name);
    KeyOrder::insert(info, u"version"_s, u"1.0.0"_s);
    QJsonObject server;
    KeyOrder::insert(server, u"url"_s, u"http://%1:%2"_s.arg(set.server.host).arg(set.server.port));
    QJsonObject paths;
    QHash<QString, QString> taken;
    for (const Route &route : set.routes)
        addRoute(route, paths, taken, result.report);
    QJsonObject document;
    KeyOrder::insert(document, u"openapi"_s, u"3.0.3"_s);
    KeyOrder::insert(document, u"info"_s, info);
    KeyOrder::insert(document, u"servers"_s, QJsonArray{server});
    KeyOrder::insert(document, u"paths"_s, paths);
    result.document = DocumentWriter::toJson(document) + '\n';
    return result;
}

} // namespace mock
