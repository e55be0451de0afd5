#include "httpcore/mock/convert/WireMockImporter.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/ImportedRoute.h"
#include "httpcore/mock/convert/PathConverter.h"
#include "httpcore/mock/convert/PrecedenceCheck.h"
#include "httpcore/mock/convert/RegexPathConverter.h"
#include "httpcore/mock/convert/WireMockMatchers.h"
#include "httpcore/mock/convert/WireMockResponses.h"
#include "httpcore/mux/Pattern.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <numeric>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;
using httpcore::Expected;
using httpcore::Pattern;
using httpcore::Unexpected;

// DefaultPriority is WireMock's priority of a stub that sets none (1 is the highest).
constexpr int DefaultPriority = 5;

struct Stub
{
    qsizetype index = 0;
    int priority = DefaultPriority;
    QString where;
    QString pattern;
    std::optional<Pattern> parsed;
    QString name;
    MockResponse response;
};

// urlConversion converts the stub's URL matcher; url's query becomes equality rules on queryRules.
PathConversion urlConversion(const QJsonObject &request, QList<Rule> &queryRules)
{
    if (request.contains(u"url"_s)) {
        const QString url = request.value(u"url"_s).toString();
        const qsizetype question = url.indexOf(u'?');
        PathConversion path = PathConverter::fromLiteral(question < 0 ? url : url.first(question));
        if (question < 0)
            return path;
        const QUrlQuery query(url.sliced(question + 1));
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
            queryRules.append(Rule{RuleTarget::Query, name, RuleOperator::Equals, value});
        path.approximations.append(u"the query of url became %1 query rule(s): a request with more query parameters "
                                   u"also matches"_s.arg(queryRules.size()));
        return path;
    }
    if (request.contains(u"urlPath"_s))
        return PathConverter::fromLiteral(request.value(u"urlPath"_s).toString());
    if (request.contains(u"urlPathTemplate"_s))
        return PathConverter::fromTemplate(request.value(u"urlPathTemplate"_s).toString());
    if (request.contains(u"urlPathPattern"_s))
        return RegexPathConverter::convert(request.value(u"urlPathPattern"_s).toString(), false);
    if (request.contains(u"urlPattern"_s))
        return RegexPathConverter::convert(request.value(u"urlPattern"_s).toString(), true);
    PathConversion any;
    any.path = u"/"_s;
    any.changes.append(u"no URL matcher: the pattern \"/\" matches every path"_s);
    return any;
}

QString urlText(const QJsonObject &request)
{
    for (const QString &key : {u"url"_s, u"urlPath"_s, u"urlPathTemplate"_s, u"urlPathPattern"_s, u"urlPattern"_s}) {
        if (request.contains(key))
            return request.value(key).toString();
    }
    return u"(any URL)"_s;
}

void reportStubExtras(const QJsonObject &mapping, const QString &where, ImportReport &report)
{
    if (mapping.contains(u"scenarioName"_s))
        report.warning(where, u"the scenario %1 (required state %2) is not carried: the stub answers in every "
                              u"state"_s.arg(quoted(mapping.value(u"scenarioName"_s).toString()),
                                             quoted(mapping.value(u"requiredScenarioState"_s).toString(u"any"_s))));
    if (mapping.contains(u"postServeActions"_s) || mapping.contains(u"serveEventListeners"_s))
        report.error(where, u"webhooks and post-serve actions are not carried"_s);
}

std::optional<Stub>
convertStub(const QJsonObject &mapping, qsizetype index, const QString &filesRoot, ImportReport &report)
{
    const QJsonObject request = mapping.value(u"request"_s).toObject();
    QString method = request.value(u"method"_s).toString(u"ANY"_s).toUpper();
    Stub stub;
    stub.index = index;
    stub.where = u"mapping %1 %2 %3"_s.arg(index + 1).arg(method, urlText(request));
    if (method != u"ANY"_s && !convert::isToken(method)) {
        report.error(stub.where, u"dropped: the method %1 is not an HTTP token"_s.arg(quoted(method)));
        return std::nullopt;
    }
    const QJsonObject responseObject = mapping.value(u"response"_s).toObject();
    if (responseObject.contains(u"proxyBaseUrl"_s)) {
        // Reported and refused by WireMockResponses, before anything else is said about the stub.
        [[maybe_unused]] const auto refused = WireMockResponses::convert(responseObject, filesRoot, stub.where, report);
        return std::nullopt;
    }
    QList<Rule> rules;
    const PathConversion path = urlConversion(request, rules);
    if (!path.isValid()) {
        report.error(stub.where,
                     u"dropped: the URL %1 cannot be carried: %2"_s.arg(quoted(urlText(request)), path.error));
        return std::nullopt;
    }
    for (const QString &change : path.changes)
        report.info(stub.where, change);
    for (const QString &approximation : path.approximations)
        report.warning(stub.where, approximation);
    rules += WireMockMatchers::convert(request, path.names, stub.where, report);
    reportStubExtras(mapping, stub.where, report);
    std::optional<MockResponse> response = WireMockResponses::convert(responseObject, filesRoot, stub.where, report);
    if (!response)
        return std::nullopt;
    stub.name = mapping.value(u"name"_s).toString();
    stub.priority = mapping.value(u"priority"_s).toInt(DefaultPriority);
    stub.pattern = (method == u"ANY"_s ? QString() : method + u' ') + path.path;
    if (Expected<Pattern, QString> parsed = Pattern::parse(stub.pattern.toUtf8()))
        stub.parsed = std::move(parsed).value();
    stub.response = *response;
    stub.response.label = stub.name;
    stub.response.rules = rules;
    stub.response.logic = RuleLogic::AllOf;
    return stub;
}

// buildRoute merges the stubs of one group (equivalent patterns, in WireMock's order) into a route.
ImportedRoute buildRoute(const QList<const Stub *> &group, ImportReport &report)
{
    const Stub &first = *group.first();
    ImportedRoute imported{{}, first.where, 0};
    Route &route = imported.route;
    route.pattern = first.pattern;
    route.note = first.name;
    const Stub *catchAll = nullptr;
    for (const Stub *stub : group) {
        if (catchAll) {
            report.error(stub->where, u"dropped: WireMock never answers it: %1 (same request pattern, no other "
                                      u"matcher) is tried before it"_s.arg(catchAll->where));
            continue;
        }
        MockResponse response = stub->response;
        if (response.rules.isEmpty()) {
            response.isDefault = true;
            catchAll = stub;
        }
        route.responses.append(response);
        if (stub != &first)
            report.info(stub->where, u"merged into the route of %1 (pattern %2) as response %3, %4"_s
                                         .arg(first.where, quoted(first.pattern))
                                         .arg(route.responses.size())
                                         .arg(catchAll == stub ? u"its default (the stub has no other matcher)"_s
                                                               : u"chosen by its matchers"_s));
    }
    if (!catchAll) {
        MockResponse notFound;
        notFound.status = 404;
        notFound.label = u"no stub matched"_s;
        notFound.isDefault = true;
        notFound.templated = false;
        route.responses.append(notFound);
        report.info(first.where, u"every stub of this route has matchers: a default 404 response is added, as WireMock "
                                 u"answers 404 when none matches (or tries a less specific stub)"_s);
    }
    return imported;
}

QList<ImportedRoute> groupStubs(const QList<Stub> &stubs, ImportReport &report)
{
    // WireMock tries the lowest priority number first, then the most recently added stub.
    std::vector<qsizetype> order(size_t(stubs.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        if (stubs[a].priority != stubs[b].priority)
            return stubs[a].priority < stubs[b].priority;
        return stubs[a].index > stubs[b].index;
    });
    QList<QList<const Stub *>> groups;
    for (const qsizetype i : order) {
        const Stub &stub = stubs[i];
        auto same = std::find_if(groups.begin(), groups.end(), [&](const QList<const Stub *> &group) {
            const Stub &head = *group.first();
            return head.parsed && stub.parsed && head.parsed->host() == stub.parsed->host() &&
                   head.parsed->compare(*stub.parsed) == Pattern::Relation::Equivalent;
        });
        if (same == groups.end())
            groups.append(QList<const Stub *>{&stub});
        else
            same->append(&stub);
    }
    QList<ImportedRoute> routes;
    for (qsizetype rank = 0; rank < groups.size(); ++rank) {
        routes.append(buildRoute(groups[rank], report));
        routes.last().rank = int(rank);
    }
    // Routes are listed in file order (of each route's first stub in the file).
    auto firstIndex = [&](qsizetype g) {
        const auto &group = groups[g];
        return (*std::min_element(group.cbegin(), group.cend(),
                                  [](const Stub *a, const Stub *b) { return a->index < b->index; }))
            ->index;
    };
    std::vector<qsizetype> fileOrder(size_t(groups.size()));
    std::iota(fileOrder.begin(), fileOrder.end(), 0);
    std::stable_sort(fileOrder.begin(), fileOrder.end(),
                     [&](qsizetype a, qsizetype b) { return firstIndex(a) < firstIndex(b); });
    QList<ImportedRoute> sorted;
    for (const qsizetype g : fileOrder)
        sorted.append(routes[g]);
    return sorted;
}

} // namespace

Expected<ImportResult, QString> WireMockImporter::import(const QJsonValue &document, const QString &filesRoot)
{
    const QJsonObject root = document.toObject();
    QJsonArray mappings;
    if (root.value(u"mappings"_s).isArray())
        mappings = root.value(u"mappings"_s).toArray();
    else if (root.contains(u"request"_s) && root.contains(u"response"_s))
        mappings.append(root);
    else
        return Unexpected<QString>{u"not WireMock stub mappings: expected a mapping (an object with \"request\" and "
                                   u"\"response\") or {\"mappings\": [...]}"_s};
    ImportResult result;
    QList<Stub> stubs;
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        if (std::optional<Stub> stub = convertStub(mappings.at(i).toObject(), i, filesRoot, result.report))
            stubs.append(*stub);
    }
    QList<ImportedRoute> routes = groupStubs(stubs, result.report);
    QSet<QString> ids;
    for (ImportedRoute &route : routes)
        route.route.id = uniqueRouteId(routeIdFor(route.route.pattern), ids);
    const PrecedenceCheck::Options options{u"WireMock"_s, u"highest priority, then the most recently added"_s, true};
    result.set.routes = PrecedenceCheck::resolve(routes, options, result.report);
    return result;
}

} // namespace mock
