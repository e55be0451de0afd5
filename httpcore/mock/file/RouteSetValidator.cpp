#include "httpcore/mock/file/RouteSetValidator.h"

#include "httpcore/mock/file/JsonLocation.h"
#include "httpcore/mock/file/ResponseValidator.h"
#include "httpcore/mock/file/RouteSetKeys.h"
#include "httpcore/mock/runtime/MiddlewareCatalog.h"
#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/PatternConflict.h"

#include <QHash>
#include <QUrl>

#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Pattern;
using jsonlocation::element;
using jsonlocation::member;

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString rootMember(QStringView key)
{
    return member(jsonlocation::Root.toString(), key);
}

void checkLimits(const ServerLimits &limits, const QString &path, ProblemList &problems)
{
    const std::pair<QStringView, int> timeouts[] = {{keys::ReadHeaderTimeoutMs, limits.readHeaderTimeoutMs},
                                                    {keys::ReadTimeoutMs, limits.readTimeoutMs},
                                                    {keys::WriteTimeoutMs, limits.writeTimeoutMs},
                                                    {keys::IdleTimeoutMs, limits.idleTimeoutMs}};
    for (const auto &[key, value] : timeouts) {
        if (value < 0 || value > RouteSetValidator::MaxTimeoutMs)
            problems.addIfReadable(member(path, key),
                                   u"%1 must be from 0 (no timeout) to %2 ms (got %3)"_s.arg(key.toString())
                                       .arg(RouteSetValidator::MaxTimeoutMs)
                                       .arg(value));
    }
    if (limits.maxHeaderBytes < RouteSetValidator::MinHeaderBytes ||
        limits.maxHeaderBytes > RouteSetValidator::MaxHeaderBytes)
        problems.addIfReadable(
            member(path, keys::MaxHeaderBytes),
            u"maxHeaderBytes must be from %1 to %2 bytes (got %3)"_s.arg(RouteSetValidator::MinHeaderBytes)
                .arg(RouteSetValidator::MaxHeaderBytes)
                .arg(limits.maxHeaderBytes));
    if (limits.maxBodyBytes < 0)
        problems.addIfReadable(member(path, keys::MaxBodyBytes),
                               u"maxBodyBytes must be 0 (no limit) or more bytes (got %1)"_s.arg(limits.maxBodyBytes));
}

void checkServer(const ServerSettings &server, ProblemList &problems)
{
    const QString path = rootMember(keys::Server);
    if (server.host.isEmpty())
        problems.addIfReadable(member(path, keys::Host), u"host must not be empty"_s);
    if (server.workers < 0 || server.workers > RouteSetValidator::MaxWorkers)
        problems.addIfReadable(
            member(path, keys::Workers),
            u"workers must be from 0 to %1 (got %2)"_s.arg(RouteSetValidator::MaxWorkers).arg(server.workers));
    checkLimits(server.limits, member(path, keys::Limits), problems);
    const QString middlewarePath = member(path, keys::Middleware);
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < server.middleware.size(); ++i) {
        const MiddlewareSetting &setting = server.middleware[i];
        const QString entryPath = element(middlewarePath, i);
        if (setting.name.isEmpty()) {
            problems.addIfReadable(member(entryPath, keys::Name), u"middleware name must not be empty"_s);
            continue;
        }
        if (const auto first = seen.constFind(setting.name); first != seen.constEnd()) {
            problems.addIfReadable(member(entryPath, keys::Name),
                                   u"middleware \"%1\" is listed twice (first at %2)"_s.arg(
                                       setting.name, element(middlewarePath, *first)));
            continue;
        }
        seen.insert(setting.name, i);
        for (const MiddlewareSettingProblem &problem : checkMiddlewareSetting(setting)) {
            if (problem.key.isEmpty()) {
                problems.addIfReadable(member(entryPath, keys::Name), problem.message);
                continue;
            }
            // The key may carry an index ("users[1]"): only its name is a member.
            const qsizetype bracket = problem.key.indexOf(u'[');
            const QString name = bracket < 0 ? problem.key : problem.key.left(bracket);
            const QString rest = bracket < 0 ? QString() : problem.key.mid(bracket);
            problems.addIfReadable(member(member(entryPath, keys::Settings), name) + rest, problem.message);
        }
    }
}

void checkProxy(const ProxySettings &proxy, ProblemList &problems)
{
    const QString path = member(rootMember(keys::Proxy), keys::Upstream);
    if (proxy.upstream.isEmpty()) {
        if (proxy.enabled)
            problems.addIfReadable(path, u"an upstream URL is required when the proxy is enabled"_s);
        return;
    }
    const QUrl url(proxy.upstream, QUrl::StrictMode);
    const bool isHttp = url.scheme() == "http"_L1 || url.scheme() == "https"_L1;
    if (!url.isValid() || !isHttp || url.host().isEmpty())
        problems.addIfReadable(path, u"%1 is not an http or https URL"_s.arg(quoted(proxy.upstream)));
}

// checkRoute checks a route's responses: at least one, at most one default, and each one.
void checkRoute(const Route &route, const QString &path, const QString &baseDir, ProblemList &problems)
{
    const QString responsesPath = member(path, keys::Responses);
    if (route.responses.isEmpty())
        problems.addIfReadable(responsesPath, u"a route needs at least one response"_s);
    std::optional<qsizetype> firstDefault;
    for (qsizetype i = 0; i < route.responses.size(); ++i) {
        const QString responsePath = element(responsesPath, i);
        const MockResponse &response = route.responses[i];
        if (response.isDefault && !problems.isUnreadable(member(responsePath, keys::Default))) {
            if (firstDefault)
                problems.add(
                    member(responsePath, keys::Default),
                    u"more than one default response (the first is %1)"_s.arg(element(responsesPath, *firstDefault)));
            else
                firstDefault = i;
        }
        ResponseValidator::validate(response, responsePath, baseDir, problems);
    }
}

// checkIds reports empty and duplicate route ids; a duplicate names the route that has the id first.
void checkIds(const QList<Route> &routes, const QString &routesPath, ProblemList &problems)
{
    QHash<QString, qsizetype> firstById;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QString path = member(element(routesPath, i), keys::Id);
        if (problems.isUnreadable(path))
            continue;
        const QString &id = routes[i].id;
        if (id.isEmpty())
            problems.add(path, u"route id must not be empty"_s);
        else if (const auto first = firstById.constFind(id); first != firstById.cend())
            problems.add(path,
                         u"duplicate route id %1 (also used by %2)"_s.arg(quoted(id), element(routesPath, *first)));
        else
            firstById.insert(id, i);
    }
}

// parsePatterns parses each route's pattern, reporting those that do not parse.
std::vector<std::optional<Pattern>>
parsePatterns(const QList<Route> &routes, const QString &routesPath, ProblemList &problems)
{
    std::vector<std::optional<Pattern>> patterns;
    patterns.reserve(size_t(routes.size()));
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QString path = member(element(routesPath, i), keys::Pattern);
        httpcore::Expected<Pattern, QString> parsed = Pattern::parse(routes[i].pattern.toUtf8());
        if (parsed) {
            patterns.emplace_back(std::move(parsed).value());
            continue;
        }
        patterns.emplace_back(std::nullopt);
        problems.addIfReadable(path, u"invalid pattern %1: %2"_s.arg(quoted(routes[i].pattern), parsed.error()));
    }
    return patterns;
}

// checkConflicts reports each pair of enabled routes whose patterns conflict, at the later route: both are
// named by id and pattern, and httpcore::PatternConflict says why.
void checkConflicts(const QList<Route> &routes,
                    const std::vector<std::optional<Pattern>> &patterns,
                    const QString &routesPath,
                    ProblemList &problems)
{
    for (qsizetype j = 0; j < routes.size(); ++j) {
        if (!routes[j].enabled || !patterns[size_t(j)])
            continue;
        const Pattern &later = *patterns[size_t(j)];
        for (qsizetype i = 0; i < j; ++i) {
            if (!routes[i].enabled || !patterns[size_t(i)] || !later.conflictsWith(*patterns[size_t(i)]))
                continue;
            problems.add(member(element(routesPath, j), keys::Pattern),
                         u"route %1 (pattern %2) conflicts with route %3 (pattern %4, %5): %6"_s.arg(
                             quoted(routes[j].id), quoted(routes[j].pattern), quoted(routes[i].id),
                             quoted(routes[i].pattern), element(routesPath, i),
                             httpcore::PatternConflict::describe(later, *patterns[size_t(i)])));
        }
    }
}

} // namespace

QList<FileProblem> RouteSetValidator::validate(const RouteSet &set, const QString &baseDir)
{
    ProblemList problems;
    validate(set, baseDir, problems);
    return problems.problems();
}

void RouteSetValidator::validate(const RouteSet &set, const QString &baseDir, ProblemList &problems)
{
    checkServer(set.server, problems);
    checkProxy(set.proxy, problems);
    const QString routesPath = rootMember(keys::Routes);
    checkIds(set.routes, routesPath, problems);
    const std::vector<std::optional<Pattern>> patterns = parsePatterns(set.routes, routesPath, problems);
    checkConflicts(set.routes, patterns, routesPath, problems);
    for (qsizetype i = 0; i < set.routes.size(); ++i)
        checkRoute(set.routes[i], element(routesPath, i), baseDir, problems);
}

} // namespace mock
