#include "httpcore/mock/convert/MockoonImporter.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/ImportedRoute.h"
#include "httpcore/mock/convert/MockoonResponses.h"
#include "httpcore/mock/convert/PathConverter.h"
#include "httpcore/mock/convert/PrecedenceCheck.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::isToken;
using httpcore::Expected;
using httpcore::Unexpected;

const QString Environment = u"environment"_s;

// routeOrder returns the indexes of routes in the order Mockoon registers them: the folder tree of rootChildren,
// depth first, then any route it does not list, in array order.
QList<qsizetype> routeOrder(const QJsonObject &environment, const QJsonArray &routes)
{
    QHash<QString, qsizetype> indexByUuid;
    for (qsizetype i = 0; i < routes.size(); ++i)
        indexByUuid.insert(routes.at(i).toObject().value(u"uuid"_s).toString(), i);
    QHash<QString, QJsonArray> folders;
    for (const QJsonValue &folder : environment.value(u"folders"_s).toArray())
        folders.insert(folder.toObject().value(u"uuid"_s).toString(), folder.toObject().value(u"children"_s).toArray());
    QList<qsizetype> order;
    std::function<void(const QJsonArray &, int)> visit = [&](const QJsonArray &children, int depth) {
        for (const QJsonValue &child : children) {
            const QString type = child.toObject().value(u"type"_s).toString();
            const QString uuid = child.toObject().value(u"uuid"_s).toString();
            if (type == u"route"_s && indexByUuid.contains(uuid) && !order.contains(indexByUuid.value(uuid)))
                order.append(indexByUuid.value(uuid));
            else if (type == u"folder"_s && depth < 64)
                visit(folders.value(uuid), depth + 1);
        }
    };
    visit(environment.value(u"rootChildren"_s).toArray(), 0);
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (!order.contains(i))
            order.append(i);
    }
    return order;
}

QString joinPath(const QString &prefix, const QString &endpoint)
{
    QStringList parts;
    for (const QString &part : {prefix, endpoint}) {
        QString trimmed = part;
        while (trimmed.startsWith(u'/'))
            trimmed.remove(0, 1);
        if (!trimmed.isEmpty())
            parts.append(trimmed);
    }
    return u'/' + parts.join(u'/');
}

// responseMode sets the route's mode from Mockoon's responseMode (or the older sequentialResponse and
// randomResponse flags) and returns the name of a mode that ignores rules, if any.
QString responseMode(const QJsonObject &source, const QString &where, Route &route, ImportReport &report)
{
    const QString mode = source.value(u"responseMode"_s).toString();
    if (mode == u"RANDOM"_s || source.value(u"randomResponse"_s).toBool()) {
        route.mode = RouteMode::Random;
        return u"random"_s;
    }
    if (mode == u"SEQUENTIAL"_s || source.value(u"sequentialResponse"_s).toBool()) {
        route.mode = RouteMode::Sequence;
        return u"sequential"_s;
    }
    if (mode == u"DISABLE_RULES"_s)
        return u"\"disable rules\""_s;
    if (mode == u"FALLBACK"_s)
        report.warning(where, u"the fallback mode is not carried: when no rule matches, Switchboard answers the "
                              u"default response instead of trying the next route"_s);
    return {};
}

struct EnvironmentContext
{
    QString prefix;
    QList<std::pair<QString, QString>> headers;
    int latency = 0;
};

std::optional<ImportedRoute>
convertRoute(const QJsonObject &source, qsizetype index, const EnvironmentContext &env, ImportReport &report)
{
    const QString method = source.value(u"method"_s).toString().toUpper();
    const QString endpoint = source.value(u"endpoint"_s).toString();
    const QString where = u"route %1 %2 %3"_s.arg(index + 1).arg(
        method.isEmpty() ? u"ALL"_s : method, endpoint.startsWith(u'/') ? endpoint : u'/' + endpoint);
    const QString type = source.value(u"type"_s).toString(u"http"_s);
    if (type != u"http"_s) {
        report.error(where, type == u"crud"_s ? u"dropped: CRUD routes (backed by a data bucket) are not carried"_s
                                              : u"dropped: %1 routes are not carried"_s.arg(type));
        return std::nullopt;
    }
    if (method != u"ALL"_s && !method.isEmpty() && !isToken(method)) {
        report.error(where, u"dropped: the method %1 is not an HTTP token"_s.arg(method));
        return std::nullopt;
    }
    const PathConversion path = PathConverter::fromExpress(joinPath(env.prefix, endpoint));
    for (const QString &change : path.changes)
        report.info(where, change);
    for (const QString &approximation : path.approximations)
        report.warning(where, approximation);
    ImportedRoute imported{{}, where, 0};
    Route &route = imported.route;
    route.pattern = (method == u"ALL"_s || method.isEmpty() ? QString() : method + u' ') + path.path;
    route.note = source.value(u"documentation"_s).toString();
    route.enabled = !source.value(u"disabled"_s).toBool() && source.value(u"enabled"_s).toBool(true);
    if (!route.enabled)
        report.info(where, u"disabled in Mockoon: imported disabled"_s);
    MockoonResponses::Context context{where, RouteMode::Rules, {}, env.headers, env.latency, path.names};
    context.modeName = responseMode(source, where, route, report);
    context.mode = route.mode;
    const QJsonArray responses = source.value(u"responses"_s).toArray();
    for (qsizetype i = 0; i < responses.size(); ++i) {
        if (std::optional<MockResponse> response =
                MockoonResponses::convert(responses.at(i).toObject(), i, context, report))
            route.responses.append(*response);
    }
    if (route.responses.isEmpty()) {
        report.error(where, u"dropped: no response could be carried"_s);
        return std::nullopt;
    }
    return imported;
}

EnvironmentContext environmentContext(const QJsonObject &environment, RouteSet &set, ImportReport &report)
{
    EnvironmentContext env;
    env.prefix = environment.value(u"endpointPrefix"_s).toString();
    env.latency = environment.value(u"latency"_s).toInt();
    for (const QJsonValue &header : environment.value(u"headers"_s).toArray()) {
        const QString name = header.toObject().value(u"key"_s).toString().trimmed();
        if (!name.isEmpty())
            env.headers.append({name, header.toObject().value(u"value"_s).toString()});
    }
    if (!env.headers.isEmpty())
        report.info(Environment, u"its %1 header(s) are copied into every response that does not set them"_s.arg(
                                     env.headers.size()));
    if (env.latency > 0)
        report.info(Environment, u"its latency of %1 ms is added to every response's delay"_s.arg(env.latency));
    set.name = environment.value(u"name"_s).toString();
    if (const int port = environment.value(u"port"_s).toInt(); port > 0 && port < 65536)
        set.server.port = quint16(port);
    set.proxy.enabled = environment.value(u"proxyMode"_s).toBool();
    set.proxy.upstream = environment.value(u"proxyHost"_s).toString();
    if (environment.value(u"cors"_s).toBool())
        report.warning(Environment, u"CORS (automatic CORS headers and OPTIONS answers) is not carried: enable "
                                    u"Switchboard's CORS middleware"_s);
    if (environment.value(u"tlsOptions"_s).toObject().value(u"enabled"_s).toBool())
        report.error(Environment, u"TLS is not carried: Switchboard serves plain HTTP"_s);
    const bool rewritesProxy = !environment.value(u"proxyReqHeaders"_s).toArray().isEmpty() ||
                               !environment.value(u"proxyResHeaders"_s).toArray().isEmpty() ||
                               environment.value(u"proxyRemovePrefix"_s).toBool();
    if (set.proxy.enabled && rewritesProxy)
        report.error(Environment, u"the proxy's header rewriting and prefix removal are not carried"_s);
    return env;
}

} // namespace

Expected<ImportResult, QString> MockoonImporter::import(const QJsonValue &document)
{
    const QJsonObject environment = document.toObject();
    if (!document.isObject())
        return Unexpected<QString>{u"not a Mockoon environment: the top level is not an object"_s};
    if (!environment.value(u"routes"_s).isArray())
        return Unexpected<QString>{u"not a Mockoon environment: no \"routes\" array"_s};
    ImportResult result;
    const EnvironmentContext env = environmentContext(environment, result.set, result.report);
    const QJsonArray routes = environment.value(u"routes"_s).toArray();
    QList<ImportedRoute> imported;
    QSet<QString> ids;
    const QList<qsizetype> order = routeOrder(environment, routes);
    for (qsizetype i = 0; i < routes.size(); ++i) {
        std::optional<ImportedRoute> route = convertRoute(routes.at(i).toObject(), i, env, result.report);
        if (!route)
            continue;
        route->rank = int(order.indexOf(i));
        route->route.id = uniqueRouteId(routeIdFor(route->route.pattern), ids);
        imported.append(*route);
    }
    const PrecedenceCheck::Options options{u"Mockoon"_s, u"first match"_s, true};
    result.set.routes = PrecedenceCheck::resolve(imported, options, result.report);
    return result;
}

} // namespace mock
