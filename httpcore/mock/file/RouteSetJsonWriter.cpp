#include "httpcore/mock/file/RouteSetJsonWriter.h"

#include "httpcore/mock/file/RouteSetKeys.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

// setIf inserts key: value into object when the value differs from its default.
template <typename T>
void setIf(OrderedJson &object, QStringView key, const T &value, const T &defaultValue)
{
    if (value != defaultValue)
        object.insert(key, OrderedJson(QJsonValue(value)));
}

OrderedJson middlewareJson(const MiddlewareSetting &middleware)
{
    OrderedJson object = OrderedJson::object();
    object.insert(keys::Name, QJsonValue(middleware.name));
    setIf(object, keys::Enabled, middleware.enabled, true);
    if (!middleware.settings.isEmpty())
        object.insert(keys::Settings, QJsonValue(middleware.settings));
    return object;
}

// limitsJson writes the limits that differ from the defaults (an empty object when none does).
OrderedJson limitsJson(const ServerLimits &limits)
{
    const ServerLimits defaults;
    OrderedJson object = OrderedJson::object();
    setIf(object, keys::ReadHeaderTimeoutMs, limits.readHeaderTimeoutMs, defaults.readHeaderTimeoutMs);
    setIf(object, keys::ReadTimeoutMs, limits.readTimeoutMs, defaults.readTimeoutMs);
    setIf(object, keys::WriteTimeoutMs, limits.writeTimeoutMs, defaults.writeTimeoutMs);
    setIf(object, keys::IdleTimeoutMs, limits.idleTimeoutMs, defaults.idleTimeoutMs);
    setIf(object, keys::MaxHeaderBytes, limits.maxHeaderBytes, defaults.maxHeaderBytes);
    setIf(object, keys::MaxBodyBytes, limits.maxBodyBytes, defaults.maxBodyBytes);
    setIf(object, keys::KeepAlive, limits.keepAlive, defaults.keepAlive);
    return object;
}

OrderedJson serverJson(const ServerSettings &server)
{
    const ServerSettings defaults;
    OrderedJson object = OrderedJson::object();
    setIf(object, keys::Host, server.host, defaults.host);
    setIf(object, keys::Port, int(server.port), int(defaults.port));
    setIf(object, keys::Workers, server.workers, defaults.workers);
    if (server.limits != defaults.limits)
        object.insert(keys::Limits, limitsJson(server.limits));
    if (!server.middleware.isEmpty()) {
        OrderedJson array = OrderedJson::array();
        for (const MiddlewareSetting &middleware : server.middleware)
            array.append(middlewareJson(middleware));
        object.insert(keys::Middleware, std::move(array));
    }
    return object;
}

OrderedJson proxyJson(const ProxySettings &proxy)
{
    const ProxySettings defaults;
    OrderedJson object = OrderedJson::object();
    setIf(object, keys::Enabled, proxy.enabled, defaults.enabled);
    setIf(object, keys::Upstream, proxy.upstream, defaults.upstream);
    setIf(object, keys::Record, proxy.record, defaults.record);
    return object;
}

OrderedJson ruleJson(const Rule &rule)
{
    OrderedJson object = OrderedJson::object();
    object.insert(keys::Target, QJsonValue(ruleTargetName(rule.target)));
    if (ruleUsesName(rule.target))
        object.insert(keys::Name, QJsonValue(rule.name));
    setIf(object, keys::Operator, ruleOperatorName(rule.op), ruleOperatorName(Rule().op));
    if (ruleUsesValue(rule.op))
        setIf(object, keys::Value, rule.value, QString());
    return object;
}

// seedJson writes a seed as a JSON integer when a qint64 holds it (JSON parsers keep those exact), else as
// a string of decimal digits.
QJsonValue seedJson(quint64 seed)
{
    if (seed <= quint64(std::numeric_limits<qint64>::max()))
        return QJsonValue(qint64(seed));
    return QJsonValue(QString::number(seed));
}

OrderedJson faultJson(const Fault &fault)
{
    const Fault defaults;
    OrderedJson object = OrderedJson::object();
    object.insert(keys::Kind, QJsonValue(faultKindName(fault.kind)));
    setIf(object, keys::Probability, fault.probability, defaults.probability);
    if (fault.seed)
        object.insert(keys::Seed, seedJson(*fault.seed));
    const QList<QStringView> uses = faultParameterKeys(fault.kind);
    if (uses.contains(keys::AtByte))
        setIf(object, keys::AtByte, fault.atByte, defaults.atByte);
    if (uses.contains(keys::BytesPerSecond))
        setIf(object, keys::BytesPerSecond, fault.bytesPerSecond, defaults.bytesPerSecond);
    if (uses.contains(keys::JitterPercent))
        setIf(object, keys::JitterPercent, fault.jitterPercent, defaults.jitterPercent);
    if (uses.contains(keys::AfterRequests))
        setIf(object, keys::AfterRequests, fault.afterRequests, defaults.afterRequests);
    return object;
}

OrderedJson headersJson(const QList<std::pair<QString, QString>> &headers)
{
    OrderedJson array = OrderedJson::array();
    for (const auto &[name, value] : headers) {
        OrderedJson header = OrderedJson::object();
        header.insert(keys::Name, QJsonValue(name));
        header.insert(keys::Value, QJsonValue(value));
        array.append(std::move(header));
    }
    return array;
}

OrderedJson responseJson(const MockResponse &response)
{
    const MockResponse defaults;
    OrderedJson object = OrderedJson::object();
    setIf(object, keys::Label, response.label, defaults.label);
    setIf(object, keys::Default, response.isDefault, defaults.isDefault);
    setIf(object, keys::Logic, ruleLogicName(response.logic), ruleLogicName(defaults.logic));
    if (!response.rules.isEmpty()) {
        OrderedJson rules = OrderedJson::array();
        for (const Rule &rule : response.rules)
            rules.append(ruleJson(rule));
        object.insert(keys::Rules, std::move(rules));
    }
    setIf(object, keys::Status, response.status, defaults.status);
    if (!response.headers.isEmpty())
        object.insert(keys::Headers, headersJson(response.headers));
    setIf(object, keys::ContentType, response.contentType, defaults.contentType);
    if (response.bodyFile.isEmpty())
        setIf(object, keys::Body, response.body, defaults.body);
    setIf(object, keys::BodyFile, response.bodyFile, defaults.bodyFile);
    setIf(object, keys::Templated, response.templated, defaults.templated);
    if (!response.delay.isZero()) {
        OrderedJson delay = OrderedJson::object();
        delay.insert(keys::MinMs, QJsonValue(response.delay.minMs));
        delay.insert(keys::MaxMs, QJsonValue(response.delay.maxMs));
        object.insert(keys::Delay, std::move(delay));
    }
    if (response.fault)
        object.insert(keys::Fault, faultJson(*response.fault));
    return object;
}

OrderedJson routeJson(const Route &route)
{
    const Route defaults;
    OrderedJson object = OrderedJson::object();
    object.insert(keys::Id, QJsonValue(route.id));
    object.insert(keys::Pattern, QJsonValue(route.pattern));
    setIf(object, keys::Enabled, route.enabled, defaults.enabled);
    setIf(object, keys::Note, route.note, defaults.note);
    setIf(object, keys::Mode, routeModeName(route.mode), routeModeName(defaults.mode));
    OrderedJson responses = OrderedJson::array();
    for (const MockResponse &response : route.responses)
        responses.append(responseJson(response));
    object.insert(keys::Responses, std::move(responses));
    return object;
}

} // namespace

OrderedJson RouteSetJsonWriter::toJson(const RouteSet &set)
{
    OrderedJson root = OrderedJson::object();
    root.insert(keys::Format, QJsonValue(RouteSet::CurrentFormat));
    setIf(root, keys::Name, set.name, QString());
    if (OrderedJson server = serverJson(set.server); !server.isEmpty())
        root.insert(keys::Server, std::move(server));
    if (OrderedJson proxy = proxyJson(set.proxy); !proxy.isEmpty())
        root.insert(keys::Proxy, std::move(proxy));
    OrderedJson routes = OrderedJson::array();
    for (const Route &route : set.routes)
        routes.append(routeJson(route));
    root.insert(keys::Routes, std::move(routes));
    return root;
}

QByteArray RouteSetJsonWriter::toText(const RouteSet &set)
{
    return toJson(set).toJson();
}

} // namespace mock
