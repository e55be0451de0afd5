#include "httpcore/mock/convert/PrecedenceCheck.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/PatternConflict.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Pattern;

using convert::quoted;

} // namespace

QList<Route> PrecedenceCheck::resolve(const QList<ImportedRoute> &routes, const Options &options, ImportReport &report)
{
    std::vector<std::optional<Pattern>> patterns;
    std::vector<bool> kept(size_t(routes.size()), true);
    for (qsizetype i = 0; i < routes.size(); ++i) {
        httpcore::Expected<Pattern, QString> parsed = Pattern::parse(routes[i].route.pattern.toUtf8());
        if (parsed) {
            patterns.emplace_back(std::move(parsed).value());
            continue;
        }
        patterns.emplace_back(std::nullopt);
        kept[size_t(i)] = false;
        report.error(routes[i].where,
                     u"dropped: the pattern %1 is invalid: %2"_s.arg(quoted(routes[i].route.pattern), parsed.error()));
    }
    std::vector<qsizetype> order(size_t(routes.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return routes[a].rank < routes[b].rank; });

    std::vector<qsizetype> served; // in the order the tool tries them
    for (const qsizetype j : order) {
        if (!kept[size_t(j)] || !routes[j].route.enabled)
            continue;
        const Pattern &later = *patterns[size_t(j)];
        const auto conflicting = std::find_if(served.cbegin(), served.cend(),
                                              [&](qsizetype i) { return later.conflictsWith(*patterns[size_t(i)]); });
        if (conflicting != served.cend()) {
            const ImportedRoute &earlier = routes[*conflicting];
            kept[size_t(j)] = false;
            const QString why = options.reportOrder ? u"which %1 tries first (%2)"_s.arg(options.tool, options.pickRule)
                                                    : u"listed before it"_s;
            report.error(routes[j].where,
                         u"dropped: its pattern %1 conflicts with %2 of %3, %4: %5"_s.arg(
                             quoted(routes[j].route.pattern), quoted(earlier.route.pattern), earlier.where, why,
                             httpcore::PatternConflict::describe(later, *patterns[size_t(*conflicting)])));
            continue;
        }
        if (options.reportOrder) {
            for (const qsizetype i : served) {
                if (patterns[size_t(i)]->compare(later) != Pattern::Relation::MoreGeneral)
                    continue;
                report.warning(routes[i].where,
                               u"requests that also match %1 (%2) go to this route in %3 (%4) but to %1 in "
                               u"Switchboard (the most specific pattern)"_s.arg(
                                   routes[j].where, quoted(routes[j].route.pattern), options.tool, options.pickRule));
            }
        }
        served.push_back(j);
    }
    QList<Route> result;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (kept[size_t(i)])
            result.append(routes[i].route);
    }
    return result;
}

} // namespace mock
