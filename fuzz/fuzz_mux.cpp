// fuzz_mux drives the ServeMux's pattern parser, conflict check, routing tree and match() with patterns and
// requests from the input, and checks them against a small reference model of the documented semantics (see
// Pattern and ServeMux), with a hard trap on any violation (so libFuzzer and the plain replay driver both stop).
//
// Input: lines separated by '\n'. The lines before the first empty line are patterns, each registered in one
// ServeMux in order; the lines after it are requests "METHOD HOST PATH[?QUERY]" (split at the first two spaces;
// missing parts are empty), each routed with ServeMux::match(). A corpus file is therefore plain text:
//
//     GET /items/{id}
//     /static/
//
//     GET example.com /items/42?x=1
//
// Checked:
//   - Pattern::parse: a failure says where ("at offset N: ..."), a success is well-formed (method a token or
//     empty, host lower-case, wildcard names distinct, "{$}" and multis last); a pattern that parses registers
//     in an empty ServeMux and one that does not is refused as invalid;
//   - Pattern::compare and conflictsWith: compare(p, p) is equivalent, compare is inverse() in the other
//     direction, conflictsWith is symmetric, and the relation agrees with the requests the patterns match (a
//     request matched by p1 is matched by p2 when p1 is equivalent or more specific, never when disjoint);
//   - handle(): a pattern is refused as conflicting exactly when it conflicts with a registered one, which the
//     error names;
//   - match(): for every request line, and for requests built from every registered pattern, the result is
//     what the reference model computes from the registered patterns: the most specific match (a host's
//     patterns before host-less ones), its path values, the trailing-slash and clean-path redirects, the 405
//     Allow list, or not found; a matched handler is the one registered for the matched pattern;
//   - a pattern without named wildcards, requested with its own method, host and literal path, is matched by
//     itself or by a more specific pattern of the same host.

#include "httpcore/Handler.h"
#include "httpcore/mux/MuxPath.h"
#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/ServeMux.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

using namespace httpcore;

namespace
{

using Kind = Pattern::Segment::Kind;
using Relation = Pattern::Relation;
using PathValues = std::vector<std::pair<QByteArray, QByteArray>>;

// check traps on a broken invariant: a crash is what both libFuzzer and the replay driver report.
inline void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// Limits keep one input fast: the pairwise checks are quadratic in the patterns.
constexpr qsizetype MaxPatterns = 32;
constexpr qsizetype MaxRequests = 32;

// Token is one piece of a request path as the routing tree sees it (Go's firstSegment): a segment, or the
// final '/' of a path ending in one (end).
struct Token
{
    bool end = false;
    // decoded is the segment percent-decoded; begin is where the segment starts in the escaped path (after
    // its '/'), so the rest of the path from there is what a multi wildcard takes.
    QByteArray decoded;
    qsizetype begin = 0;
};

// tokenize splits path, empty or starting with '/', into tokens: "/a/b/" is a, b, end; "/" is end.
std::vector<Token> tokenize(QByteArrayView path)
{
    std::vector<Token> tokens;
    qsizetype pos = 0;
    while (pos < path.size()) {
        // Invariant: path[pos] == '/'.
        if (pos == path.size() - 1) {
            tokens.push_back({true, {}, path.size()});
            break;
        }
        const qsizetype start = pos + 1;
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        tokens.push_back({false, muxpath::unescapeSegment(path.sliced(start, end - start)), start});
        pos = end;
    }
    return tokens;
}

// PathMatch is how a pattern's path matched a request path.
struct PathMatch
{
    PathValues values;
    // exact: no multi wildcard took more than the final '/' (ServeMux's exact match, which decides the
    // trailing-slash redirect).
    bool exact = true;
};

// matchPath matches the segments of p against path (the Pattern comment's rules): a literal matches a segment
// equal to it, a wildcard any segment but the final '/', a multi the rest of the path from a '/' on (so "/a/"
// does not match "/a"), "{$}" only the final '/'.
std::optional<PathMatch> matchPath(const Pattern &p, QByteArrayView path, const std::vector<Token> &tokens)
{
    PathMatch m;
    size_t t = 0;
    for (const Pattern::Segment &seg : p.segments()) {
        switch (seg.kind) {
        case Kind::Literal:
            if (t >= tokens.size() || tokens[t].end || tokens[t].decoded != seg.text)
                return std::nullopt;
            ++t;
            break;
        case Kind::Wildcard:
            if (t >= tokens.size() || tokens[t].end)
                return std::nullopt;
            m.values.emplace_back(seg.text, tokens[t].decoded);
            ++t;
            break;
        case Kind::Multi:
            if (t >= tokens.size())
                return std::nullopt;
            if (!seg.text.isEmpty())
                m.values.emplace_back(seg.text, muxpath::unescapeSegment(path.sliced(tokens[t].begin)));
            m.exact = tokens[t].end;
            t = tokens.size();
            break;
        case Kind::End:
            if (t >= tokens.size() || !tokens[t].end)
                return std::nullopt;
            ++t;
            break;
        }
    }
    if (t != tokens.size())
        return std::nullopt;
    return m;
}

bool methodMatches(const Pattern &p, QByteArrayView method)
{
    return p.method().isEmpty() || p.method() == method || (p.method() == "GET" && method == "HEAD");
}

bool hostMatches(const Pattern &p, QByteArrayView hostKey)
{
    return p.host().isEmpty() || p.host() == hostKey;
}

// Registered is one pattern the ServeMux accepted, with its handler.
struct Registered
{
    Pattern pattern;
    const Handler *handler = nullptr;
};

// Best is the reference model's choice of pattern for a request.
struct Best
{
    const Registered *route = nullptr;
    PathMatch match;
};

// bestMatch returns the most specific registered pattern that matches: among the matching patterns of the
// request's host if there are any, else among the host-less ones. Registered patterns never conflict, so the
// matching patterns of one host are ordered by specificity and the most specific is unique.
std::optional<Best>
bestMatch(const std::vector<Registered> &routes, QByteArrayView hostKey, QByteArrayView method, QByteArrayView path)
{
    const std::vector<Token> tokens = tokenize(path);
    for (const bool withHost : {true, false}) {
        std::vector<Best> matches;
        for (const Registered &r : routes) {
            const Pattern &p = r.pattern;
            if (p.host().isEmpty() == withHost || !hostMatches(p, hostKey) || !methodMatches(p, method))
                continue;
            if (std::optional<PathMatch> m = matchPath(p, path, tokens))
                matches.push_back({&r, std::move(*m)});
        }
        if (matches.empty())
            continue;
        size_t best = 0;
        for (size_t i = 1; i < matches.size(); ++i) {
            const Relation relation = matches[i].route->pattern.compare(matches[best].route->pattern);
            // Both match this request: they are not disjoint, and they would conflict if neither were more
            // specific.
            check(relation == Relation::MoreSpecific || relation == Relation::MoreGeneral);
            if (relation == Relation::MoreSpecific)
                best = i;
        }
        // The choice is more specific than every other match of its host.
        for (size_t i = 0; i < matches.size(); ++i)
            check(i == best ||
                  matches[best].route->pattern.compare(matches[i].route->pattern) == Relation::MoreSpecific);
        return std::move(matches[best]);
    }
    return std::nullopt;
}

// allowedMethods is the Allow list of a 405: the explicit methods of the patterns that match host and path
// (or path with a '/' added), HEAD when GET is there, sorted.
QByteArrayList allowedMethods(const std::vector<Registered> &routes, QByteArrayView hostKey, QByteArrayView path)
{
    const std::vector<Token> tokens = tokenize(path);
    const QByteArray withSlash = path.toByteArray() + '/';
    const bool trySlash = !path.isEmpty() && !path.endsWith('/');
    const std::vector<Token> slashTokens = tokenize(withSlash);
    QByteArrayList methods;
    for (const Registered &r : routes) {
        const Pattern &p = r.pattern;
        if (p.method().isEmpty() || !hostMatches(p, hostKey) || methods.contains(p.method()))
            continue;
        if (matchPath(p, path, tokens) || (trySlash && matchPath(p, withSlash, slashTokens)))
            methods.append(p.method());
    }
    if (methods.contains("GET") && !methods.contains("HEAD"))
        methods.append(QByteArrayLiteral("HEAD"));
    std::sort(methods.begin(), methods.end());
    return methods;
}

QByteArray withQuery(QByteArray location, QByteArrayView rawQuery)
{
    if (!rawQuery.isEmpty())
        location.append('?').append(rawQuery);
    return location;
}

// expectedMatch is the reference model of ServeMux::match() (see the ServeMux comment); std::nullopt where
// the model says nothing: a CONNECT path that neither is empty nor starts with '/'.
std::optional<ServeMux::Match> expectedMatch(const std::vector<Registered> &routes,
                                             QByteArrayView method,
                                             QByteArrayView host,
                                             QByteArrayView path,
                                             QByteArrayView rawQuery)
{
    const bool connect = method == "CONNECT";
    const QByteArray hostKey = (connect ? host : muxpath::stripHostPort(host)).toByteArray().toLower();
    const bool unclean = !connect && !muxpath::isCleanPath(path);
    const QByteArray matchPath = unclean ? muxpath::cleanPath(path) : path.toByteArray();
    if (!matchPath.isEmpty() && !matchPath.startsWith('/'))
        return std::nullopt;
    const std::optional<Best> best = bestMatch(routes, hostKey, method, matchPath);
    ServeMux::Match m;
    if (!(best && best->match.exact) && !matchPath.isEmpty() && !matchPath.endsWith('/')) {
        const std::optional<Best> slash = bestMatch(routes, hostKey, method, matchPath + '/');
        if (slash && slash->match.exact) {
            m.kind = ServeMux::Match::Kind::Redirect;
            m.location = withQuery(muxpath::cleanPath(path) + '/', rawQuery);
            m.pattern = slash->route->pattern.text();
            return m;
        }
    }
    if (unclean) {
        m.kind = ServeMux::Match::Kind::Redirect;
        m.location = withQuery(matchPath, rawQuery);
        if (best)
            m.pattern = best->route->pattern.text();
        return m;
    }
    if (best) {
        m.kind = ServeMux::Match::Kind::Route;
        m.pattern = best->route->pattern.text();
        m.handler = best->route->handler;
        m.pathValues = best->match.values;
        return m;
    }
    m.allowedMethods = allowedMethods(routes, hostKey, matchPath);
    m.kind = m.allowedMethods.isEmpty() ? ServeMux::Match::Kind::NotFound : ServeMux::Match::Kind::MethodNotAllowed;
    return m;
}

// checkRequest routes one request and checks the result: first what the ServeMux comment promises of any
// result, then that it is the reference model's.
ServeMux::Match checkRequest(const ServeMux &mux,
                             const std::vector<Registered> &routes,
                             QByteArrayView method,
                             QByteArrayView host,
                             QByteArrayView path,
                             QByteArrayView rawQuery)
{
    const ServeMux::Match m = mux.match(method, host, path, rawQuery);
    switch (m.kind) {
    case ServeMux::Match::Kind::Route: {
        const auto route =
            std::find_if(routes.begin(), routes.end(), [&m](const Registered &r) { return r.handler == m.handler; });
        check(m.handler && route != routes.end() && route->pattern.text() == m.pattern);
        QByteArrayList names;
        for (const auto &value : m.pathValues)
            names.append(value.first);
        check(names == route->pattern.wildcardNames());
        break;
    }
    case ServeMux::Match::Kind::Redirect:
        check(!m.handler && !m.location.isEmpty());
        check(rawQuery.isEmpty() || m.location.endsWith('?' + rawQuery.toByteArray()));
        check(m.pattern.isEmpty() || std::any_of(routes.begin(), routes.end(),
                                                 [&m](const Registered &r) { return r.pattern.text() == m.pattern; }));
        break;
    case ServeMux::Match::Kind::MethodNotAllowed:
        check(!m.allowedMethods.isEmpty() && std::is_sorted(m.allowedMethods.begin(), m.allowedMethods.end()));
        check(!m.allowedMethods.contains("GET") || m.allowedMethods.contains("HEAD"));
        break;
    case ServeMux::Match::Kind::NotFound:
        check(m.allowedMethods.isEmpty() && !m.handler);
        break;
    }
    if (const std::optional<ServeMux::Match> expected = expectedMatch(routes, method, host, path, rawQuery)) {
        check(m.kind == expected->kind);
        check(m.pattern == expected->pattern);
        check(m.handler == expected->handler);
        check(m.pathValues == expected->pathValues);
        check(m.location == expected->location);
        check(m.allowedMethods == expected->allowedMethods);
    }
    return m;
}

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '~';
}

// escape percent-encodes every byte of a literal segment but the unreserved ones (and '.', so no probe path has
// a dot segment), so the escaped segment decodes back to the literal and never splits.
QByteArray escape(QByteArrayView text)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (const char c : text) {
        const auto b = static_cast<uchar>(c);
        if (isUnreserved(c))
            out.append(c);
        else
            out.append('%').append(Hex[b >> 4]).append(Hex[b & 0xf]);
    }
    return out;
}

// Probe is a request that a pattern matches (method and escaped path, tokenized; the host is the pattern's).
struct Probe
{
    QByteArray method;
    QByteArray path;
    std::vector<Token> tokens;
};

// probes returns requests that p matches: each method it matches (one stands for "any"), and its path with the
// wildcards filled in ("w" for a wildcard, nothing or "m/n" for a multi).
std::vector<Probe> probes(const Pattern &p)
{
    QByteArrayList methods;
    if (p.method().isEmpty())
        methods = {"GET", "HEAD", "POST"};
    else if (p.method() == "GET")
        methods = {"GET", "HEAD"};
    else
        methods = {p.method()};
    QByteArrayList paths = {QByteArray()};
    for (const Pattern::Segment &seg : p.segments()) {
        QByteArrayList next;
        for (const QByteArray &path : paths) {
            switch (seg.kind) {
            case Kind::Literal:
                next.append(path + '/' + escape(seg.text));
                break;
            case Kind::Wildcard:
                next.append(path + "/w");
                break;
            case Kind::Multi:
                next.append(path + '/');
                next.append(path + "/m/n");
                break;
            case Kind::End:
                next.append(path + '/');
                break;
            }
        }
        paths = next;
    }
    std::vector<Probe> out;
    for (const QByteArray &path : paths) {
        const std::vector<Token> tokens = tokenize(path);
        for (const QByteArray &method : methods)
            out.push_back({method, path, tokens});
    }
    return out;
}

// matchesRequest reports whether p matches method and path, whatever the host.
bool matchesRequest(const Pattern &p, const Probe &probe)
{
    return methodMatches(p, probe.method) && matchPath(p, probe.path, probe.tokens).has_value();
}

// checkParsed checks what parse() promises of a pattern it accepted.
void checkParsed(const Pattern &p, QByteArrayView text, const std::vector<Probe> &probes)
{
    check(p.text() == text);
    check(!p.segments().empty());
    check(p.host() == p.host().toLower() && !p.host().contains('/') && !p.host().contains('{'));
    check(!p.method().contains(' ') && !p.method().contains('\t'));
    const QByteArrayList names = p.wildcardNames();
    for (qsizetype i = 0; i < names.size(); ++i)
        check(!names[i].isEmpty() && names.indexOf(names[i]) == i);
    for (size_t i = 0; i + 1 < p.segments().size(); ++i)
        check(p.segments()[i].kind == Kind::Literal || p.segments()[i].kind == Kind::Wildcard);
    check(p.compare(p) == Relation::Equivalent);
    // Every request built from the pattern matches it (this checks the probes as much as the pattern).
    for (const Probe &probe : probes)
        check(matchesRequest(p, probe));
}

// checkPair checks compare() and conflictsWith() of two patterns against each other and against requests.
void checkPair(const Pattern &p1, const Pattern &p2, const std::vector<Probe> &probes1)
{
    const Relation relation = p1.compare(p2);
    check(p2.compare(p1) == Pattern::inverse(relation));
    check(p2.comparePaths(p1) == Pattern::inverse(p1.comparePaths(p2)));
    check(p2.compareMethods(p1) == Pattern::inverse(p1.compareMethods(p2)));
    check(p1.conflictsWith(p2) == p2.conflictsWith(p1));
    check(p1.conflictsWith(p2) ==
          (p1.host() == p2.host() && (relation == Relation::Equivalent || relation == Relation::Overlaps)));
    // compare() relates the sets of requests (method and path) the patterns match.
    for (const Probe &probe : probes1) {
        const bool both = matchesRequest(p2, probe);
        if (relation == Relation::Disjoint)
            check(!both);
        else if (relation == Relation::Equivalent || relation == Relation::MoreSpecific)
            check(both);
    }
}

// Line splits text at the first two spaces: "METHOD HOST PATH?QUERY".
struct RequestLine
{
    QByteArray method;
    QByteArray host;
    QByteArray path;
    QByteArray query;
};

RequestLine splitRequest(const QByteArray &line)
{
    RequestLine r;
    const qsizetype first = line.indexOf(' ');
    if (first < 0) {
        r.method = line;
        return r;
    }
    r.method = line.first(first);
    const qsizetype second = line.indexOf(' ', first + 1);
    if (second < 0) {
        r.host = line.sliced(first + 1);
        return r;
    }
    r.host = line.sliced(first + 1, second - first - 1);
    const QByteArray target = line.sliced(second + 1);
    const qsizetype question = target.indexOf('?');
    r.path = question < 0 ? target : target.first(question);
    r.query = question < 0 ? QByteArray() : target.sliced(question + 1);
    return r;
}

// checkOwnPath requests a registered pattern without named wildcards at its own literal path, with its method
// and host: it, or a more specific pattern of the same host, must answer.
void checkOwnPath(const ServeMux &mux, const std::vector<Registered> &routes, const Pattern &p)
{
    const bool connect = p.method() == "CONNECT";
    QByteArray path;
    for (const Pattern::Segment &seg : p.segments()) {
        if (seg.kind == Kind::Wildcard || (seg.kind == Kind::Multi && !seg.text.isEmpty()))
            return;
        path.append('/');
        if (seg.kind == Kind::Literal)
            path.append(escape(seg.text));
    }
    // Unreachable by design: an unclean path is cleaned first, a host's port is stripped first (not for CONNECT).
    if (!connect && (!muxpath::isCleanPath(path) || muxpath::stripHostPort(p.host()) != p.host()))
        return;
    const QByteArray method = p.method().isEmpty() ? QByteArrayLiteral("GET") : p.method();
    const ServeMux::Match m = checkRequest(mux, routes, method, p.host(), path, {});
    check(m.kind == ServeMux::Match::Kind::Route);
    if (m.pattern == p.text())
        return;
    const auto found =
        std::find_if(routes.begin(), routes.end(), [&m](const Registered &r) { return r.pattern.text() == m.pattern; });
    check(found != routes.end());
    check(found->pattern.host() == p.host() && found->pattern.compare(p) == Relation::MoreSpecific);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayList lines =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)).split('\n');
    qsizetype blank = lines.indexOf(QByteArray());
    if (blank < 0)
        blank = lines.size();
    const QByteArrayList patternLines = lines.first(std::min(blank, MaxPatterns));
    const QByteArrayList requestLines = lines.mid(blank + 1, MaxRequests);

    const HandlerFunc::Function nothing = [](const ResponsePtr &, const Request &) {};
    ServeMux mux;
    std::vector<Registered> routes;
    // parsed: every pattern that parsed, with its probes.
    std::vector<std::pair<Pattern, std::vector<Probe>>> parsed;
    for (const QByteArray &line : patternLines) {
        const HandlerPtr handler = HandlerFunc::make(nothing);
        const Expected<Pattern, QString> pattern = Pattern::parse(line);
        ServeMux empty;
        const std::optional<MuxError> alone = empty.handle(line, handler);
        const std::optional<MuxError> error = mux.handle(line, handler);
        if (!pattern) {
            // "at offset N: ..." with N inside the text, or the one error without a place.
            const QString &message = pattern.error();
            if (line.isEmpty()) {
                check(!message.isEmpty());
            } else {
                check(message.startsWith(QStringLiteral("at offset ")));
                bool ok = false;
                const qsizetype colon = message.indexOf(u':');
                const qsizetype offset = message.mid(10, colon - 10).toLongLong(&ok);
                check(colon > 10 && ok && offset >= 0 && offset <= line.size());
            }
            check(alone && alone->kind == MuxError::Kind::InvalidPattern && alone->pattern == line);
            check(error && error->kind == MuxError::Kind::InvalidPattern && error->pattern == line);
            continue;
        }
        std::vector<Probe> patternProbes = probes(*pattern);
        checkParsed(*pattern, line, patternProbes);
        check(!alone);
        // Refused exactly when it conflicts with a registered pattern, which the error names.
        const bool conflicts = std::any_of(routes.begin(), routes.end(), [&pattern](const Registered &r) {
            return pattern->conflictsWith(r.pattern);
        });
        if (error) {
            check(error->kind == MuxError::Kind::Conflict && error->pattern == line && !error->message.isEmpty());
            const auto named = std::find_if(routes.begin(), routes.end(), [&error](const Registered &r) {
                return r.pattern.text() == error->conflictingPattern;
            });
            check(conflicts && named != routes.end());
            check(pattern->conflictsWith(named->pattern) && named->pattern.conflictsWith(*pattern));
        } else {
            check(!conflicts);
            routes.push_back({*pattern, handler.get()});
            // The handler is kept alive by the mux.
        }
        parsed.emplace_back(*pattern, std::move(patternProbes));
    }
    check(mux.routeCount() == qsizetype(routes.size()));

    for (const auto &[p1, probes1] : parsed) {
        for (const auto &entry : parsed)
            checkPair(p1, entry.first, probes1);
    }

    for (const Registered &r : routes) {
        checkOwnPath(mux, routes, r.pattern);
        const auto entry = std::find_if(parsed.begin(), parsed.end(),
                                        [&r](const auto &e) { return e.first.text() == r.pattern.text(); });
        for (const Probe &probe : entry->second)
            checkRequest(mux, routes, probe.method, r.pattern.host(), probe.path, "q=1");
    }

    for (const QByteArray &line : requestLines) {
        const RequestLine r = splitRequest(line);
        checkRequest(mux, routes, r.method, r.host, r.path, r.query);
    }
    return 0;
}
