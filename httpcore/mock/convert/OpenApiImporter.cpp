#include "httpcore/mock/convert/OpenApiImporter.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/DocumentWriter.h"
#include "httpcore/mock/convert/ImportedRoute.h"
#include "httpcore/mock/convert/KeyOrder.h"
#include "httpcore/mock/convert/OpenApiSchemas.h"
#include "httpcore/mock/convert/PathConverter.h"
#include "httpcore/mock/convert/PrecedenceCheck.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;
using httpcore::Expected;
using httpcore::Unexpected;

const QString Document = u"document"_s;

// Context is what converting one operation needs.
struct Context
{
    const OpenApiSchemas &schemas;
    ImportReport &report;
};

QString bodyText(const QJsonValue &example)
{
    return example.isString() ? example.toString() : QString::fromUtf8(DocumentWriter::toJson(example));
}

// serverPrefix returns the path of the first server URL (variables replaced by their defaults), without a
// trailing '/'.
QString serverPrefix(const QJsonObject &document, ImportReport &report)
{
    const QJsonObject server = document.value(u"servers"_s).toArray().first().toObject();
    QString url = server.value(u"url"_s).toString();
    const QJsonObject variables = server.value(u"variables"_s).toObject();
    for (const QString &name : KeyOrder::keys(variables))
        url.replace(u'{' + name + u'}', variables.value(name).toObject().value(u"default"_s).toString());
    QString path = QUrl(url).path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.isEmpty())
        report.info(Document, u"paths are served under %1, the path of the first server URL %2"_s.arg(
                                  quoted(path), quoted(server.value(u"url"_s).toString())));
    return path;
}

// exampleOf returns the example of a media type or header object: example, else the first of examples with a
// value, else one built from its schema (reported as info, with the builder's problems as warnings).
std::optional<QJsonValue>
exampleOf(const QJsonObject &object, const QString &where, const Context &context, const QString &what)
{
    if (object.contains(u"example"_s))
        return object.value(u"example"_s);
    const QJsonObject examples = object.value(u"examples"_s).toObject();
    for (const QString &name : KeyOrder::keys(examples)) {
        QString why;
        const std::optional<QJsonObject> example = context.schemas.resolve(examples.value(name), why);
        if (example && example->contains(u"value"_s))
            return example->value(u"value"_s);
        context.report.warning(where, u"the example %1 of %2 is skipped: %3"_s.arg(
                                          quoted(name), what,
                                          example ? u"it has no inline value (externalValue is not followed)"_s : why));
    }
    if (!object.contains(u"schema"_s))
        return std::nullopt;
    QStringList notes;
    const QJsonValue built = context.schemas.example(object.value(u"schema"_s), notes);
    context.report.info(where, u"%1 has no example: one is built from its schema"_s.arg(what));
    for (const QString &note : notes)
        context.report.warning(where, note);
    return built;
}

void convertContent(const QJsonObject &content, const QString &where, const Context &context, MockResponse &response)
{
    const QStringList types = KeyOrder::keys(content);
    if (types.isEmpty())
        return;
    const QString type = types.first();
    if (types.size() > 1)
        context.report.info(where, u"only the first media type %1 is carried (not %2)"_s.arg(
                                       quoted(type), types.sliced(1).join(u", "_s)));
    response.contentType = type;
    if (type.contains(u'*')) {
        response.contentType = u"application/octet-stream"_s;
        context.report.warning(where, u"the media range %1 is not a content type: application/octet-stream is "
                                      u"sent"_s.arg(quoted(type)));
    }
    QString why;
    const std::optional<QJsonObject> media = context.schemas.resolve(content.value(type), why);
    if (!media) {
        context.report.error(where, u"the %1 content is not carried: %2"_s.arg(quoted(type), why));
        return;
    }
    if (const std::optional<QJsonValue> example = exampleOf(*media, where, context, quoted(type) + u" content"_s))
        response.body = bodyText(*example);
}

void convertHeaders(const QJsonObject &headers, const QString &where, const Context &context, MockResponse &response)
{
    for (const QString &name : KeyOrder::keys(headers)) {
        // OpenAPI 3.0 §4.7.17: a Content-Type header definition is ignored.
        if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0)
            continue;
        QString why;
        const std::optional<QJsonObject> header = context.schemas.resolve(headers.value(name), why);
        if (!header || !convert::isToken(name)) {
            context.report.error(where, u"the header %1 is not carried: %2"_s.arg(
                                            quoted(name), header ? u"its name is not an HTTP token"_s : why));
            continue;
        }
        const std::optional<QJsonValue> value = exampleOf(*header, where, context, u"the header "_s + quoted(name));
        response.headers.append({name, value ? DocumentWriter::toText(*value) : QString()});
    }
}

// statusOf returns the status a response key stands for, or -1.
int statusOf(const QString &key, bool answered)
{
    static const QRegularExpression range(u"^([1-5])XX$"_s, QRegularExpression::CaseInsensitiveOption);
    if (key == u"default"_s)
        return answered ? 200 : 500;
    if (const QRegularExpressionMatch m = range.match(key); m.hasMatch())
        return m.captured(1).toInt() * 100;
    bool ok = false;
    const int status = key.toInt(&ok);
    return ok && status >= 100 && status <= 599 ? status : -1;
}

// answeredKey returns the response key the route answers: the first 2xx, else "default", else the first.
QString answeredKey(const QStringList &keys)
{
    for (const QString &key : keys) {
        if (key.startsWith(u'2'))
            return key;
    }
    return keys.contains(u"default"_s) ? u"default"_s : keys.value(0);
}

std::optional<MockResponse> convertResponse(
    const QString &key, const QJsonValue &value, bool answered, const QString &routeWhere, const Context &context)
{
    const QString where = u"%1, response %2"_s.arg(routeWhere, key);
    MockResponse response;
    response.status = statusOf(key, answered);
    response.isDefault = answered;
    response.templated = false;
    if (response.status < 0) {
        context.report.error(where, u"dropped: %1 is not a status"_s.arg(quoted(key)));
        return std::nullopt;
    }
    if (key == u"default"_s)
        context.report.info(where, answered
                                       ? u"there is no 2xx response: the default one is answered, with status 200"_s
                                       : u"the default response (any other status) is carried as status 500"_s);
    else if (key != QString::number(response.status))
        context.report.info(where, u"the status range %1 is carried as %2"_s.arg(key).arg(response.status));
    QString why;
    const std::optional<QJsonObject> object = context.schemas.resolve(value, why);
    if (!object) {
        context.report.error(where, u"dropped: "_s + why);
        return std::nullopt;
    }
    response.label = object->value(u"description"_s).toString();
    convertHeaders(object->value(u"headers"_s).toObject(), where, context, response);
    convertContent(object->value(u"content"_s).toObject(), where, context, response);
    return response;
}

std::optional<ImportedRoute> convertOperation(const QString &method,
                                              const QString &path,
                                              const QString &prefix,
                                              const QJsonObject &operation,
                                              const Context &context)
{
    const QString where = u"operation %1 %2"_s.arg(method.toUpper(), path);
    const PathConversion converted = PathConverter::fromTemplate(prefix + path);
    if (!converted.isValid()) {
        context.report.error(where, u"dropped: "_s + converted.error);
        return std::nullopt;
    }
    for (const QString &change : converted.changes)
        context.report.info(where, change);
    for (const QString &approximation : converted.approximations)
        context.report.warning(where, approximation);
    ImportedRoute imported{{}, where, 0};
    Route &route = imported.route;
    route.pattern = method.toUpper() + u' ' + converted.path;
    route.id = operation.value(u"operationId"_s).toString();
    route.note = operation.value(u"summary"_s).toString();
    const QJsonObject responses = operation.value(u"responses"_s).toObject();
    const QStringList keys = KeyOrder::keys(responses);
    const QString answered = answeredKey(keys);
    for (const QString &key : keys) {
        if (std::optional<MockResponse> response =
                convertResponse(key, responses.value(key), key == answered, where, context))
            route.responses.append(*response);
    }
    if (route.responses.isEmpty()) {
        MockResponse empty;
        empty.templated = false;
        route.responses.append(empty);
        context.report.warning(where, u"no response could be carried: it answers 200 with an empty body"_s);
    }
    return imported;
}

} // namespace

Expected<ImportResult, QString> OpenApiImporter::import(const QJsonValue &value)
{
    const QJsonObject document = value.toObject();
    if (document.contains(u"swagger"_s))
        return Unexpected<QString>{u"not an OpenAPI 3 document: Swagger %1 is not supported (convert it to OpenAPI 3 "
                                   u"first)"_s.arg(DocumentWriter::toText(document.value(u"swagger"_s)))};
    const QString version = DocumentWriter::toText(document.value(u"openapi"_s));
    if (!version.startsWith(u"3."_s))
        return Unexpected<QString>{u"not an OpenAPI 3 document: no \"openapi\" version starting with \"3.\""_s};
    ImportResult result;
    result.set.name = document.value(u"info"_s).toObject().value(u"title"_s).toString();
    const OpenApiSchemas schemas(document);
    const Context context{schemas, result.report};
    const QString prefix = serverPrefix(document, result.report);
    static const QStringList Methods{u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
                                     u"options"_s, u"head"_s, u"patch"_s, u"trace"_s};
    QList<ImportedRoute> routes;
    QSet<QString> ids;
    const QJsonObject paths = document.value(u"paths"_s).toObject();
    for (const QString &path : KeyOrder::keys(paths)) {
        QString why;
        const std::optional<QJsonObject> item = schemas.resolve(paths.value(path), why);
        if (!item) {
            result.report.error(u"path "_s + path, u"dropped: "_s + why);
            continue;
        }
        for (const QString &method : Methods) {
            if (!item->value(method).isObject())
                continue;
            std::optional<ImportedRoute> route =
                convertOperation(method, path, prefix, item->value(method).toObject(), context);
            if (!route)
                continue;
            const QString wanted = route->route.id.isEmpty() ? routeIdFor(route->route.pattern) : route->route.id;
            route->route.id = uniqueRouteId(wanted, ids);
            route->rank = int(routes.size());
            routes.append(*route);
        }
    }
    const PrecedenceCheck::Options options{u"OpenAPI"_s, {}, false};
    result.set.routes = PrecedenceCheck::resolve(routes, options, result.report);
    return result;
}

} // namespace mock
