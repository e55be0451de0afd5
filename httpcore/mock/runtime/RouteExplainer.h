#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mux/MatchExplanation.h"
#include "httpcore/mux/ServeMux.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace mock
{

// RouteExplainer answers "why this route?" for a route set without sending traffic: which route would answer a
// request, which other routes also matched and why they lost, or the 301, 404 or 405 that would come instead, or
// that the request would be proxied. It builds a ServeMux of the set's enabled routes as buildMockHandler() does
// (same patterns, same order, so the same routes are refused) and explains against it with
// httpcore::MatchExplanation, mapping patterns back to routes. Disabled routes, and routes the mux refused, are
// listed when their pattern would have matched.
//
// Thread affinity: none. Construction copies what it needs from the set; explain() is const and thread-safe.
class RouteExplainer final
{
public:
    // Verdict is what became of one route: MatchExplanation's verdicts, plus two for routes not in the mux.
    enum class Verdict : quint8
    {
        Chosen,
        RedirectTarget,
        Outranked,
        Superseded,
        WrongMethod,
        WrongHost,
        Disabled, // the route is disabled; its pattern would match
        NotServed // the mux refused the route's pattern (invalid, or conflicting with an earlier route)
    };

    // Candidate is one route with what became of it.
    struct Candidate
    {
        QString routeId;
        QString pattern;
        Verdict verdict = Verdict::Outranked;
        QString reason;

        friend bool operator==(const Candidate &, const Candidate &) = default;
    };

    // Explanation is the answer for one request. A plain value.
    struct Explanation
    {
        // error is set when the target could not be parsed (explainTarget()); then nothing else is.
        QString error;
        // status is what would answer: 301, 404 or 405 from the mux, 0 for a route (see statuses) or the proxy.
        int status = 0;
        // summary is one line: "route \"users\" (GET /users/{id}) answers 200", "301 to /dir/", "405 ...", "404
        // ...", "no route matches: proxied to http://up".
        QString summary;
        // routeId is the answering (or redirect target) route's id; empty when none.
        QString routeId;
        // statuses are the distinct statuses the answering route's responses can give, in response order.
        QList<int> statuses;
        // proxied: no route matches and the set's proxy is enabled with a valid upstream.
        bool proxied = false;
        // candidates: the winner first, then the others in route order.
        QList<Candidate> candidates;
        // consistent is MatchExplanation::isConsistent() (false would be a bug).
        bool consistent = true;
    };

    // RouteExplainer builds the mux of set's enabled routes. Never fails: refused routes are remembered.
    explicit RouteExplainer(const RouteSet &set);
    ~RouteExplainer();
    Q_DISABLE_COPY_MOVE(RouteExplainer)

    // explain explains method, host (a Host field value), path (escaped, as sent) and rawQuery. Thread-safe.
    Explanation
    explain(QByteArrayView method, QByteArrayView host, QByteArrayView path, QByteArrayView rawQuery = {}) const;
    // explainTarget parses target as a request line would carry it ("/p?q", or "http://host:port/p?q" whose
    // authority replaces host) and explains it; a target that does not parse gives an Explanation with only
    // error set. Thread-safe.
    Explanation explainTarget(QByteArrayView method, QByteArrayView host, QByteArrayView target) const;
    // verdictName returns "chosen", "redirect target", "outranked", "superseded", "wrong method", "wrong host",
    // "disabled" or "not served".
    static QString verdictName(Verdict verdict);

private:
    void addUnservedCandidates(const httpcore::MatchExplanation &e, Explanation &out) const;
    QString describeWinner(const httpcore::MatchExplanation &e, Explanation &out) const;

    QList<Route> m_routes;
    ProxySettings m_proxy;
    QString m_proxyError;
    std::unique_ptr<httpcore::ServeMux> m_mux;
    // m_routeOfIndex maps a mux registration index to its index in m_routes.
    std::vector<qsizetype> m_routeOfIndex;
    // m_refusals holds, per route index, why the mux refused it (empty: served or disabled).
    QStringList m_refusals;
};

} // namespace mock
