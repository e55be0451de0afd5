#include "httpcore/mock/file/RouteSetJsonReader.h"

#include "httpcore/mock/file/JsonLocation.h"
#include "httpcore/mock/file/JsonObjectReader.h"
#include "httpcore/mock/file/RouteSetKeys.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

// readObjects reads each element of array with read(object, path). An element that is not an object is
// reported and takes the place of a default T, so indexes stay those of the file.
template <typename T, typename Read>
QList<T> readObjects(const QJsonArray &array, const QString &path, ProblemList &problems, Read read)
{
    QList<T> values;
    values.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString elementPath = jsonlocation::element(path, i);
        if (array.at(i).isObject()) {
            values.append(read(array.at(i).toObject(), elementPath, problems));
        } else {
            JsonObjectReader::reportWrongType(problems, elementPath, u"an object", array.at(i));
            values.append(T{});
        }
    }
    return values;
}

MiddlewareSetting readMiddleware(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    MiddlewareSetting middleware;
    JsonObjectReader r(object, path, objectKeysOf(u"middleware"), problems);
    r.readString(keys::Name, middleware.name);
    r.readBool(keys::Enabled, middleware.enabled);
    r.readObject(keys::Settings, middleware.settings);
    return middleware;
}

ServerLimits readLimits(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    ServerLimits limits;
    JsonObjectReader r(object, path, objectKeysOf(u"limits"), problems);
    r.readInt(keys::ReadHeaderTimeoutMs, limits.readHeaderTimeoutMs);
    r.readInt(keys::ReadTimeoutMs, limits.readTimeoutMs);
    r.readInt(keys::WriteTimeoutMs, limits.writeTimeoutMs);
    r.readInt(keys::IdleTimeoutMs, limits.idleTimeoutMs);
    r.readInt(keys::MaxHeaderBytes, limits.maxHeaderBytes);
    r.readInteger(keys::MaxBodyBytes, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(),
                  limits.maxBodyBytes);
    r.readBool(keys::KeepAlive, limits.keepAlive);
    return limits;
}

ServerSettings readServer(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    ServerSettings server;
    JsonObjectReader r(object, path, objectKeysOf(u"server"), problems);
    r.readString(keys::Host, server.host);
    qint64 port = 0;
    if (r.readInteger(keys::Port, 0, std::numeric_limits<quint16>::max(), port))
        server.port = quint16(port);
    r.readInt(keys::Workers, server.workers);
    QJsonObject limits;
    if (r.readObject(keys::Limits, limits))
        server.limits = readLimits(limits, r.keyPath(keys::Limits), problems);
    QJsonArray middleware;
    if (r.readArray(keys::Middleware, middleware))
        server.middleware =
            readObjects<MiddlewareSetting>(middleware, r.keyPath(keys::Middleware), problems, readMiddleware);
    return server;
}

ProxySettings readProxy(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    ProxySettings proxy;
    JsonObjectReader r(object, path, objectKeysOf(u"proxy"), problems);
    r.readBool(keys::Enabled, proxy.enabled);
    r.readString(keys::Upstream, proxy.upstream);
    r.readBool(keys::Record, proxy.record);
    return proxy;
}

std::pair<QString, QString> readHeader(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    std::pair<QString, QString> header;
    JsonObjectReader r(object, path, objectKeysOf(u"header"), problems);
    r.readString(keys::Name, header.first);
    r.readString(keys::Value, header.second);
    return header;
}

Delay readDelay(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    Delay delay;
    JsonObjectReader r(object, path, objectKeysOf(u"delay"), problems);
    r.readInt(keys::MinMs, delay.minMs);
    r.readInt(keys::MaxMs, delay.maxMs);
    return delay;
}

Rule readRule(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    Rule rule;
    JsonObjectReader r(object, path, objectKeysOf(u"rule"), problems);
    const bool hasTarget = r.readEnum(keys::Target, ruleTargetFromName, ruleTargetName, u"rule target", rule.target);
    r.readString(keys::Name, rule.name);
    const bool operatorKnown =
        r.readEnum(keys::Operator, ruleOperatorFromName, ruleOperatorName, u"rule operator", rule.op) ||
        !r.has(keys::Operator);
    r.readString(keys::Value, rule.value);
    if (hasTarget && !ruleUsesName(rule.target))
        r.rejectKey(keys::Name, u"target "_s + quoted(ruleTargetName(rule.target)));
    if (operatorKnown && !ruleUsesValue(rule.op))
        r.rejectKey(keys::Value, u"operator "_s + quoted(ruleOperatorName(rule.op)));
    return rule;
}

// readSeed reads a fault's seed: an integer from 0 to 2^63 - 1, or a string of decimal digits (how the
// writer keeps seeds up to 2^64 - 1, which a JSON number cannot hold exactly).
void readSeed(JsonObjectReader &r, ProblemList &problems, std::optional<quint64> &seed)
{
    if (!r.value(keys::Seed).isString()) {
        qint64 value = 0;
        if (r.readInteger(keys::Seed, 0, std::numeric_limits<qint64>::max(), value))
            seed = quint64(value);
        return;
    }
    const QString digits = r.value(keys::Seed).toString();
    bool ok = !digits.isEmpty() &&
              std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    const quint64 value = ok ? digits.toULongLong(&ok) : 0;
    if (ok) {
        seed = value;
        return;
    }
    problems.add(r.keyPath(keys::Seed),
                 u"expected an integer from 0 to 18446744073709551615 in decimal digits, got %1"_s.arg(quoted(digits)));
    problems.markUnreadable(r.keyPath(keys::Seed));
}

Fault readFault(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    Fault fault;
    JsonObjectReader r(object, path, objectKeysOf(u"fault"), problems);
    const bool kindKnown = r.readEnum(keys::Kind, faultKindFromName, faultKindName, u"fault", fault.kind);
    r.readNumber(keys::Probability, fault.probability);
    readSeed(r, problems, fault.seed);
    r.readInteger(keys::AtByte, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), fault.atByte);
    r.readInt(keys::BytesPerSecond, fault.bytesPerSecond);
    r.readInt(keys::JitterPercent, fault.jitterPercent);
    r.readInt(keys::AfterRequests, fault.afterRequests);
    if (kindKnown) {
        const QList<QStringView> uses = faultParameterKeys(fault.kind);
        for (const QStringView key : {keys::AtByte, keys::BytesPerSecond, keys::JitterPercent, keys::AfterRequests}) {
            if (!uses.contains(key))
                r.rejectKey(key, u"fault "_s + quoted(faultKindName(fault.kind)));
        }
    }
    return fault;
}

MockResponse readResponse(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    MockResponse response;
    JsonObjectReader r(object, path, objectKeysOf(u"response"), problems);
    r.readString(keys::Label, response.label);
    r.readBool(keys::Default, response.isDefault);
    r.readEnum(keys::Logic, ruleLogicFromName, ruleLogicName, u"rule logic", response.logic);
    QJsonArray array;
    if (r.readArray(keys::Rules, array))
        response.rules = readObjects<Rule>(array, r.keyPath(keys::Rules), problems, readRule);
    r.readInt(keys::Status, response.status);
    if (r.readArray(keys::Headers, array))
        response.headers =
            readObjects<std::pair<QString, QString>>(array, r.keyPath(keys::Headers), problems, readHeader);
    r.readString(keys::ContentType, response.contentType);
    r.readString(keys::Body, response.body);
    r.readString(keys::BodyFile, response.bodyFile);
    if (r.has(keys::Body) && r.has(keys::BodyFile))
        problems.add(path, u"keys \"body\" and \"bodyFile\" exclude each other (give the body inline or in a file)"_s);
    r.readBool(keys::Templated, response.templated);
    QJsonObject child;
    if (r.readObject(keys::Delay, child))
        response.delay = readDelay(child, r.keyPath(keys::Delay), problems);
    if (r.readObject(keys::Fault, child))
        response.fault = readFault(child, r.keyPath(keys::Fault), problems);
    return response;
}

Route readRoute(const QJsonObject &object, const QString &path, ProblemList &problems)
{
    Route route;
    JsonObjectReader r(object, path, objectKeysOf(u"route"), problems);
    r.readString(keys::Id, route.id);
    r.readString(keys::Pattern, route.pattern);
    r.readBool(keys::Enabled, route.enabled);
    r.readString(keys::Note, route.note);
    r.readEnum(keys::Mode, routeModeFromName, routeModeName, u"route mode", route.mode);
    QJsonArray responses;
    if (r.readArray(keys::Responses, responses))
        route.responses = readObjects<MockResponse>(responses, r.keyPath(keys::Responses), problems, readResponse);
    return route;
}

} // namespace

bool RouteSetJsonReader::checkFormat(const QJsonObject &root, ProblemList &problems)
{
    if (!root.contains(keys::Format))
        return true;
    const QString path = jsonlocation::member(jsonlocation::Root.toString(), keys::Format);
    const QJsonValue value = root.value(keys::Format);
    if (!value.isDouble() || value.toInteger(0) != value.toInteger(1)) {
        const QString got = value.isDouble() ? JsonObjectReader::numberText(value) : JsonObjectReader::typeName(value);
        problems.add(path, u"expected an integer, got %1"_s.arg(got));
        return true;
    }
    const qint64 format = value.toInteger();
    if (format > RouteSet::CurrentFormat) {
        problems.add(path, u"file format %1 is newer than this Switchboard reads (format %2 and older): the file "
                           u"needs a newer Switchboard"_s.arg(format)
                               .arg(RouteSet::CurrentFormat));
        return false;
    }
    if (format < 1)
        problems.add(path, u"unsupported file format %1 (this Switchboard reads format 1 to %2)"_s.arg(format).arg(
                               RouteSet::CurrentFormat));
    return true;
}

RouteSet RouteSetJsonReader::read(const QJsonObject &root, ProblemList &problems)
{
    RouteSet set;
    JsonObjectReader r(root, jsonlocation::Root.toString(), objectKeysOf(u"routeSet"), problems);
    r.readString(keys::Name, set.name);
    QJsonObject object;
    if (r.readObject(keys::Server, object))
        set.server = readServer(object, r.keyPath(keys::Server), problems);
    if (r.readObject(keys::Proxy, object))
        set.proxy = readProxy(object, r.keyPath(keys::Proxy), problems);
    QJsonArray routes;
    if (r.readArray(keys::Routes, routes))
        set.routes = readObjects<Route>(routes, r.keyPath(keys::Routes), problems, readRoute);
    return set;
}

} // namespace mock
