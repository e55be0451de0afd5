#include "ui/routes/RouteChecks.h"

#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/PatternConflict.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

QString quoted(const QString &text)
{
    return u"\u201C"_s + text + u"\u201D"_s;
}

bool idUsed(const mock::RouteSet &set, qsizetype except, const QString &id)
{
    for (qsizetype i = 0; i < set.routes.size(); ++i) {
        if (i != except && set.routes[i].id == id)
            return true;
    }
    return false;
}

} // namespace

std::optional<QString>
RouteChecks::patternProblem(const mock::RouteSet &set, qsizetype index, const QString &pattern, bool enabled)
{
    const httpcore::Expected<httpcore::Pattern, QString> parsed = httpcore::Pattern::parse(pattern.toUtf8());
    if (!parsed)
        return u"Invalid pattern: %1"_s.arg(parsed.error());
    if (!enabled)
        return std::nullopt;
    for (qsizetype i = 0; i < set.routes.size(); ++i) {
        const mock::Route &other = set.routes[i];
        if (i == index || !other.enabled)
            continue;
        const httpcore::Expected<httpcore::Pattern, QString> otherPattern =
            httpcore::Pattern::parse(other.pattern.toUtf8());
        if (!otherPattern || !parsed->conflictsWith(*otherPattern))
            continue;
        return u"Conflicts with route %1 (pattern %2): %3"_s.arg(
            quoted(other.id), quoted(other.pattern), httpcore::PatternConflict::describe(*parsed, *otherPattern));
    }
    return std::nullopt;
}

std::optional<QString> RouteChecks::idProblem(const mock::RouteSet &set, qsizetype index, const QString &id)
{
    if (id.trimmed().isEmpty())
        return u"The id must not be empty"_s;
    if (idUsed(set, index, id))
        return u"Another route already has the id %1"_s.arg(quoted(id));
    return std::nullopt;
}

QString RouteChecks::uniqueRouteId(const mock::RouteSet &set, const QString &base)
{
    const QString stem = base.isEmpty() ? u"route"_s : base;
    if (!idUsed(set, -1, stem))
        return stem;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1-%2"_s.arg(stem).arg(n);
        if (!idUsed(set, -1, candidate))
            return candidate;
    }
}

QString RouteChecks::patternSummary(const QString &pattern)
{
    const httpcore::Expected<httpcore::Pattern, QString> parsed = httpcore::Pattern::parse(pattern.toUtf8());
    if (!parsed)
        return {};
    QStringList parts;
    const QString method = QString::fromLatin1(parsed->method());
    if (method.isEmpty())
        parts << u"any method"_s;
    else if (method == u"GET")
        parts << u"GET (and HEAD)"_s;
    else
        parts << method;
    parts << (parsed->host().isEmpty() ? u"any host"_s : u"host %1"_s.arg(QString::fromLatin1(parsed->host())));
    QStringList names;
    for (const QByteArray &name : parsed->wildcardNames())
        names << QString::fromUtf8(name);
    if (!names.isEmpty())
        parts << u"path values: %1"_s.arg(names.join(u", "_s));
    return parts.join(u" \u00B7 "_s);
}

} // namespace ui
