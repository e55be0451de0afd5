#include "httpcore/mock/runtime/RouteExplainer.h"

#include "httpcore/Url.h"
#include "httpcore/mock/proxy/ProxyHandler.h"
#include "httpcore/mux/Pattern.h"

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using CoreVerdict = httpcore::MatchExplanation::Verdict;
using MatchKind = httpcore::ServeMux::Match::Kind;

RouteExplainer::Verdict fromCore(CoreVerdict verdict)
{
    switch (verdict) {
    case CoreVerdict::Chosen:
        return RouteExplainer::Verdict::Chosen;
    case CoreVerdict::RedirectTarget:
        return RouteExplainer::Verdict::RedirectTarget;
    case CoreVerdict::Outranked:
        return RouteExplainer::Verdict::Outranked;
    case CoreVerdict::Superseded:
        return RouteExplainer::Verdict::Superseded;
    case CoreVerdict::WrongMethod:
        return RouteExplainer::Verdict::WrongMethod;
    case CoreVerdict::WrongHost:
        return RouteExplainer::Verdict::WrongHost;
    }
    return RouteExplainer::Verdict::Outranked;
}

QList<int> distinctStatuses(const Route &route)
{
    QList<int> statuses;
    for (const MockResponse &response : route.responses) {
        if (!statuses.contains(response.status))
            statuses.append(response.status);
    }
    return statuses;
}

QString statusText(const QList<int> &statuses)
{
    if (statuses.isEmpty())
        return u"500 (the route has no response)"_s;
    QStringList parts;
    for (const int status : statuses)
        parts.append(QString::number(status));
    if (parts.size() == 1)
        return parts.front();
    return u"%1 (depending on its mode and rules)"_s.arg(parts.join(u" or "_s));
}

} // namespace

RouteExplainer::RouteExplainer(const RouteSet &set)
    : m_routes(set.routes), m_proxy(set.proxy), m_mux(std::make_unique<httpcore::ServeMux>())
{
    // Register as buildMockHandler() does: enabled routes, in order, so the same ones are refused. The handler
    // is never called; the mux only routes.
    const httpcore::HandlerPtr idle =
        httpcore::HandlerFunc::make([](const httpcore::ResponsePtr &, const httpcore::Request &) {});
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        m_refusals.append(QString());
        if (!m_routes[i].enabled)
            continue;
        if (const auto refused = m_mux->handle(m_routes[i].pattern.toUtf8(), idle)) {
            m_refusals[i] = refused->message;
            continue;
        }
        m_routeOfIndex.push_back(i);
    }
    if (m_proxy.enabled) {
        ProxySettings check = m_proxy;
        check.record = false;
        if (const auto proxy = ProxyHandler::fromSettings(check, nullptr); !proxy)
            m_proxyError = proxy.error();
    }
}

RouteExplainer::~RouteExplainer() = default;

RouteExplainer::Explanation
RouteExplainer::explain(QByteArrayView method, QByteArrayView host, QByteArrayView path, QByteArrayView rawQuery) const
{
    const auto e = httpcore::MatchExplanation::explain(*m_mux, method, host, path, rawQuery);
    Explanation out;
    out.status = e.status();
    out.consistent = e.isConsistent();
    for (const httpcore::MatchExplanation::Candidate &c : e.candidates()) {
        const Route &route = m_routes[m_routeOfIndex[size_t(c.index)]];
        out.candidates.append(Candidate{route.id, route.pattern, fromCore(c.verdict), c.reason});
    }
    out.summary = describeWinner(e, out);
    addUnservedCandidates(e, out);
    return out;
}

// describeWinner fills routeId and statuses from the mux's choice, and returns the summary line.
QString RouteExplainer::describeWinner(const httpcore::MatchExplanation &e, Explanation &out) const
{
    const httpcore::MatchExplanation::Candidate *winner = e.winner();
    if (winner) {
        const Route &route = m_routes[m_routeOfIndex[size_t(winner->index)]];
        out.routeId = route.id;
        out.statuses = distinctStatuses(route);
    }
    switch (e.outcome().kind) {
    case MatchKind::Route:
        return u"route \"%1\" (%2) answers %3"_s.arg(out.routeId, QString::fromUtf8(e.outcome().pattern),
                                                     statusText(out.statuses));
    case MatchKind::Redirect:
        return winner ? u"301 to %1, which route \"%2\" answers"_s.arg(QString::fromUtf8(e.outcome().location),
                                                                       out.routeId)
                      : e.summary();
    case MatchKind::MethodNotAllowed:
        return e.summary();
    case MatchKind::NotFound:
        break;
    }
    if (!m_proxy.enabled)
        return e.summary();
    if (!m_proxyError.isEmpty())
        return u"404 not found: no route matches, and the proxy cannot be made (%1)"_s.arg(m_proxyError);
    out.proxied = true;
    out.status = 0;
    return u"no route matches: would be proxied to %1"_s.arg(m_proxy.upstream);
}

// addUnservedCandidates lists the disabled and refused routes whose pattern would match the request.
void RouteExplainer::addUnservedCandidates(const httpcore::MatchExplanation &e, Explanation &out) const
{
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        const Route &route = m_routes[i];
        const bool disabled = !route.enabled;
        if (!disabled && m_refusals[i].isEmpty())
            continue;
        const auto pattern = httpcore::Pattern::parse(route.pattern.toUtf8());
        if (!pattern || e.fit(*pattern) != httpcore::MatchExplanation::Fit::Matches)
            continue;
        out.candidates.append(disabled ? Candidate{route.id, route.pattern, Verdict::Disabled,
                                                   u"disabled; enabled, its pattern would match this request"_s}
                                       : Candidate{route.id, route.pattern, Verdict::NotServed, m_refusals[i]});
    }
}

RouteExplainer::Explanation
RouteExplainer::explainTarget(QByteArrayView method, QByteArrayView host, QByteArrayView target) const
{
    const auto url = httpcore::Url::parseRequestTarget(target, method);
    if (!url) {
        Explanation out;
        out.error = u"not a request target: %1"_s.arg(QString::fromUtf8(url.error().reason));
        return out;
    }
    if (url->form() == httpcore::Url::TargetForm::Asterisk) {
        Explanation out;
        out.status = 400;
        out.summary = u"400: \"OPTIONS *\" is answered by the mux itself; no route can match it"_s;
        return out;
    }
    const QByteArrayView routedHost = url->authority().isEmpty() ? host : QByteArrayView(url->authority());
    return explain(method, routedHost, url->rawPath(), url->rawQuery());
}

QString RouteExplainer::verdictName(Verdict verdict)
{
    using httpcore::MatchExplanation;
    switch (verdict) {
    case Verdict::Chosen:
        return MatchExplanation::verdictName(CoreVerdict::Chosen);
    case Verdict::RedirectTarget:
        return MatchExplanation::verdictName(CoreVerdict::RedirectTarget);
    case Verdict::Outranked:
        return MatchExplanation::verdictName(CoreVerdict::Outranked);
    case Verdict::Superseded:
        return MatchExplanation::verdictName(CoreVerdict::Superseded);
    case Verdict::WrongMethod:
        return MatchExplanation::verdictName(CoreVerdict::WrongMethod);
    case Verdict::WrongHost:
        return MatchExplanation::verdictName(CoreVerdict::WrongHost);
    case Verdict::Disabled:
        return u"disabled"_s;
    case Verdict::NotServed:
        return u"not served"_s;
    }
    return {};
}

} // namespace mock
