#include "httpcore/mux/MatchExplanation.h"

#include "httpcore/mux/MuxPath.h"

#include <QStringList>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

using Kind = Pattern::Segment::Kind;
using Relation = Pattern::Relation;
using Verdict = MatchExplanation::Verdict;
using Fit = MatchExplanation::Fit;

// Tokens mirrors RoutingTree's path tokens: the percent-decoded segments between slashes, then, when the path
// ends in '/', the trailing slash as a token of its own. A path not starting with '/' has no tokens.
struct Tokens
{
    std::vector<QByteArray> keys;
    bool trailingSlash = false;

    qsizetype count() const { return qsizetype(keys.size()) + (trailingSlash ? 1 : 0); }
    bool isTrailingSlash(qsizetype i) const { return i == qsizetype(keys.size()); }
};

Tokens tokenize(QByteArrayView path)
{
    Tokens tokens;
    if (!path.startsWith('/'))
        return tokens;
    // Invariant: path[pos] == '/'.
    qsizetype pos = 0;
    while (pos < path.size()) {
        const qsizetype start = pos + 1;
        if (start == path.size()) {
            tokens.trailingSlash = true;
            break;
        }
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        tokens.keys.push_back(muxpath::unescapeSegment(path.sliced(start, end - start)));
        pos = end;
    }
    return tokens;
}

// pathMatches decides what RoutingTree's matchPath decides for a single pattern. No backtracking is needed:
// each position of one pattern holds one segment kind. A multi takes the rest (at least the trailing slash),
// "{$}" only the trailing slash, a single wildcard any segment but the trailing slash.
bool pathMatches(const std::vector<Pattern::Segment> &segments, const Tokens &tokens)
{
    const qsizetype n = qsizetype(segments.size());
    for (qsizetype i = 0;; ++i) {
        if (i == tokens.count())
            return i == n;
        if (i == n)
            return false;
        const Pattern::Segment &seg = segments[size_t(i)];
        if (seg.kind == Kind::Multi)
            return true;
        if (tokens.isTrailingSlash(i))
            return seg.kind == Kind::End && i + 1 == n;
        if (seg.kind == Kind::End)
            return false;
        if (seg.kind == Kind::Literal && seg.text != tokens.keys[size_t(i)])
            return false;
    }
}

// methodFits: no method matches every method; GET matches HEAD too.
bool methodFits(const Pattern &pattern, QByteArrayView method)
{
    const QByteArray &m = pattern.method();
    return m.isEmpty() || m == method || (m == "GET" && method == "HEAD");
}

Fit fitTokens(const Pattern &pattern, QByteArrayView host, QByteArrayView method, const Tokens &tokens)
{
    if (!pathMatches(pattern.segments(), tokens))
        return Fit::NoPath;
    if (!pattern.host().isEmpty() && pattern.host() != host)
        return Fit::WrongHost;
    return methodFits(pattern, method) ? Fit::Matches : Fit::WrongMethod;
}

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

QString segmentText(const Pattern::Segment &seg)
{
    switch (seg.kind) {
    case Kind::Literal:
        return text(seg.text);
    case Kind::Wildcard:
        return u"{%1}"_s.arg(text(seg.text));
    case Kind::Multi:
        return u"{%1...}"_s.arg(text(seg.text));
    case Kind::End:
        return u"{$}"_s;
    }
    return {};
}

// pathReason says why winner's path is more specific than loser's, naming the first segment that decides it.
// Precondition: winner.comparePaths(loser) is MoreSpecific.
QString pathReason(const Pattern &winner, const Pattern &loser)
{
    const auto &ws = winner.segments();
    const auto &ls = loser.segments();
    for (size_t k = 0; k < std::min(ws.size(), ls.size()); ++k) {
        if (ws[k].kind == ls[k].kind)
            continue;
        const QString pair = u"\"%1\" over \"%2\""_s.arg(segmentText(ws[k]), segmentText(ls[k]));
        switch (ws[k].kind) {
        case Kind::Literal:
            return u"more specific literal segment wins: %1"_s.arg(pair);
        case Kind::Wildcard:
            return u"a one-segment wildcard is more specific than a multi wildcard: %1"_s.arg(pair);
        case Kind::End:
            return u"{$} matches only the path itself, not the paths below it: %1"_s.arg(pair);
        case Kind::Multi:
            break;
        }
        break;
    }
    return u"more specific path wins: it matches a strict subset of this pattern's paths"_s;
}

// precedenceReason says why winner beats loser when both match a request (Go 1.22 precedence), or nothing when
// it does not (which would make the explanation inconsistent).
std::optional<QString> precedenceReason(const Pattern &winner, const Pattern &loser)
{
    if (!winner.host().isEmpty() && loser.host().isEmpty())
        return u"a pattern with a host wins over one without (%1)"_s.arg(text(winner.host()));
    if (winner.host() != loser.host() || winner.compare(loser) != Relation::MoreSpecific)
        return std::nullopt;
    QStringList parts;
    if (winner.comparePaths(loser) == Relation::MoreSpecific)
        parts.append(pathReason(winner, loser));
    if (winner.compareMethods(loser) == Relation::MoreSpecific) {
        if (winner.method() == "HEAD" && loser.method() == "GET")
            parts.append(u"an exact HEAD pattern wins over GET serving HEAD"_s);
        else
            parts.append(u"a pattern with method %1 wins over one without a method"_s.arg(text(winner.method())));
    }
    return parts.join(u"; "_s);
}

} // namespace

MatchExplanation MatchExplanation::explain(
    const ServeMux &mux, QByteArrayView method, QByteArrayView host, QByteArrayView path, QByteArrayView rawQuery)
{
    MatchExplanation e;
    e.m_outcome = mux.match(method, host, path, rawQuery);
    e.m_method = method.toByteArray();
    // As ServeMux::match: CONNECT's host and path are used as sent.
    const bool connect = method == "CONNECT";
    e.m_host = (connect ? host : muxpath::stripHostPort(host)).toByteArray().toLower();
    e.m_path = connect || muxpath::isCleanPath(path) ? path.toByteArray() : muxpath::cleanPath(path);
    if (e.m_outcome.kind == ServeMux::Match::Kind::Redirect && !e.m_path.isEmpty() && !e.m_path.endsWith('/')) {
        const QByteArray slashed = e.m_path + '/';
        const QByteArrayView location = e.m_outcome.location;
        e.m_slashRedirect =
            location.startsWith(slashed) && (location.size() == slashed.size() || location[slashed.size()] == '?');
    }
    e.addCandidates(mux);
    e.checkAllowList();
    return e;
}

void MatchExplanation::addCandidates(const ServeMux &mux)
{
    const QByteArrayList patterns = mux.routes();
    const Tokens tokens = tokenize(m_path);
    const bool trySlash = !m_path.isEmpty() && !m_path.endsWith('/');
    const Tokens slashTokens = trySlash ? tokenize(m_path + '/') : Tokens{};
    std::optional<Pattern> winner;
    if (!m_outcome.pattern.isEmpty()) {
        if (auto parsed = Pattern::parse(m_outcome.pattern))
            winner = std::move(parsed).value();
    }
    int winners = 0;
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        const auto parsed = Pattern::parse(patterns[i]);
        if (!parsed) {
            m_consistent = false;
            continue;
        }
        const Pattern &p = *parsed;
        Fit fit = fitTokens(p, m_host, m_method, tokens);
        // The 405 and the trailing-slash redirect look at "path/" too.
        const bool viaSlash = fit == Fit::NoPath && trySlash;
        if (viaSlash)
            fit = fitTokens(p, m_host, m_method, slashTokens);
        if (fit == Fit::NoPath || (fit == Fit::Matches && viaSlash && !m_slashRedirect))
            continue;
        if (fit == Fit::WrongHost && !methodFits(p, m_method))
            continue;
        Candidate c{int(i), p.text(), Verdict::Outranked, {}};
        describe(c, p, fit, viaSlash, winner ? &*winner : nullptr);
        if (c.verdict == Verdict::Chosen || c.verdict == Verdict::RedirectTarget)
            ++winners;
        m_candidates.push_back(std::move(c));
    }
    // The mux's choice first; the others stay in registration order.
    std::stable_partition(m_candidates.begin(), m_candidates.end(), [](const Candidate &c) {
        return c.verdict == Verdict::Chosen || c.verdict == Verdict::RedirectTarget;
    });
    if (winners != (winner ? 1 : 0))
        m_consistent = false;
}

// describe sets c's verdict and reason. fit is p's fit to the request path, or to "path/" when viaSlash; winner is
// the pattern the mux chose (or redirects to), null when none.
void MatchExplanation::describe(Candidate &c, const Pattern &p, Fit fit, bool viaSlash, const Pattern *winner)
{
    const QString on = viaSlash ? u"%1/: "_s.arg(text(m_path)) : QString();
    if (fit == Fit::WrongHost) {
        c.verdict = Verdict::WrongHost;
        c.reason = on + (m_host.isEmpty() ? u"host %1 does not match: the request has no host"_s.arg(text(p.host()))
                                          : u"host %1 does not match %2"_s.arg(text(p.host()), text(m_host)));
    } else if (fit == Fit::WrongMethod) {
        c.verdict = Verdict::WrongMethod;
        c.reason = on + u"method %1 does not match %2"_s.arg(text(p.method()), text(m_method));
        if (m_outcome.kind == ServeMux::Match::Kind::MethodNotAllowed)
            c.reason += u" (405 candidate: Allow lists %1)"_s.arg(text(p.method()));
    } else if (m_slashRedirect && !viaSlash) {
        c.verdict = Verdict::Superseded;
        c.reason = u"matches, but %1/ is matched exactly by %2, so the request is redirected there (301)"_s.arg(
            text(m_path), text(m_outcome.pattern));
    } else if (winner && p.text() == winner->text()) {
        const bool routed = m_outcome.kind == ServeMux::Match::Kind::Route;
        c.verdict = routed ? Verdict::Chosen : Verdict::RedirectTarget;
        if (routed)
            c.reason = chosenReason(p);
        else if (m_slashRedirect)
            c.reason = u"%1 is redirected (301) to %2, which this pattern answers"_s.arg(text(m_path),
                                                                                         text(m_outcome.location));
        else
            c.reason = u"the path is not clean: it is redirected (301) to %1, which this pattern answers"_s.arg(
                text(m_outcome.location));
    } else if (const auto why = winner ? precedenceReason(*winner, p) : std::nullopt) {
        c.reason = on + *why;
    } else {
        m_consistent = false;
        c.reason = u"matches, but lost for no reason this explanation knows (please report)"_s;
    }
}

void MatchExplanation::checkAllowList()
{
    using MatchKind = ServeMux::Match::Kind;
    if (m_outcome.kind == MatchKind::Route || m_outcome.kind == MatchKind::Redirect)
        return;
    QByteArrayList methods;
    for (const Candidate &c : m_candidates) {
        if (c.verdict != Verdict::WrongMethod) {
            // A 404 or 405 leaves no pattern that matches, and so nothing outranked.
            if (c.verdict != Verdict::WrongHost)
                m_consistent = false;
            continue;
        }
        const QByteArray method = Pattern::parse(c.pattern)->method();
        if (!methods.contains(method))
            methods.append(method);
    }
    if (methods.contains("GET") && !methods.contains("HEAD"))
        methods.append("HEAD"_ba);
    std::sort(methods.begin(), methods.end());
    if (methods != m_outcome.allowedMethods)
        m_consistent = false;
}

QString MatchExplanation::chosenReason(const Pattern &winner) const
{
    QStringList parts{u"the most specific pattern that matches"_s};
    if (!winner.host().isEmpty())
        parts.append(u"its host %1 matches"_s.arg(text(winner.host())));
    if (m_method == "HEAD" && winner.method() == "GET")
        parts.append(u"method GET also serves HEAD"_s);
    QStringList values;
    for (const auto &[name, value] : m_outcome.pathValues)
        values.append(u"%1=%2"_s.arg(text(name), text(value)));
    if (!values.isEmpty())
        parts.append(u"path values %1"_s.arg(values.join(u", "_s)));
    return parts.join(u"; "_s);
}

int MatchExplanation::status() const
{
    switch (m_outcome.kind) {
    case ServeMux::Match::Kind::Route:
        return 0;
    case ServeMux::Match::Kind::Redirect:
        return 301;
    case ServeMux::Match::Kind::MethodNotAllowed:
        return 405;
    case ServeMux::Match::Kind::NotFound:
        return 404;
    }
    return 0;
}

QString MatchExplanation::summary() const
{
    switch (m_outcome.kind) {
    case ServeMux::Match::Kind::Route:
        return u"%1 answers"_s.arg(text(m_outcome.pattern));
    case ServeMux::Match::Kind::Redirect:
        return m_outcome.pattern.isEmpty()
                   ? u"301 to %1"_s.arg(text(m_outcome.location))
                   : u"301 to %1 (then %2 answers)"_s.arg(text(m_outcome.location), text(m_outcome.pattern));
    case ServeMux::Match::Kind::MethodNotAllowed:
        return u"405 method not allowed (Allow: %1)"_s.arg(text(m_outcome.allowedMethods.join(", ")));
    case ServeMux::Match::Kind::NotFound:
        return u"404 not found: no pattern matches"_s;
    }
    return {};
}

const MatchExplanation::Candidate *MatchExplanation::winner() const
{
    if (m_candidates.empty())
        return nullptr;
    const Candidate &first = m_candidates.front();
    return first.verdict == Verdict::Chosen || first.verdict == Verdict::RedirectTarget ? &first : nullptr;
}

MatchExplanation::Fit MatchExplanation::fit(const Pattern &pattern) const
{
    return fitTokens(pattern, m_host, m_method, tokenize(m_path));
}

QString MatchExplanation::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Chosen:
        return u"chosen"_s;
    case Verdict::RedirectTarget:
        return u"redirect target"_s;
    case Verdict::Outranked:
        return u"outranked"_s;
    case Verdict::Superseded:
        return u"superseded"_s;
    case Verdict::WrongMethod:
        return u"wrong method"_s;
    case Verdict::WrongHost:
        return u"wrong host"_s;
    }
    return {};
}

} // namespace httpcore
