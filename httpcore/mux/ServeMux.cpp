#include "httpcore/mux/ServeMux.h"

#include "httpcore/mux/MuxPath.h"
#include "httpcore/mux/PatternConflict.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

// writeError answers status with a one-line plain-text body, as Go's http.Error.
void writeError(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->header().set("X-Content-Type-Options", "nosniff");
    w->writeHeader(status);
    w->write(body);
}

// DefaultNotFound answers 404 "404 page not found\n" (Go's http.NotFound).
class DefaultNotFound final : public Handler
{
public:
    void serveHttp(const ResponsePtr &w, const Request &) const override { writeError(w, 404, "404 page not found\n"); }
};

// escapeLocation percent-encodes the bytes that cannot appear in a Location field as they are (controls,
// space, DEL and non-ASCII), so a target built from a path given to match() cannot split the header.
QByteArray escapeLocation(QByteArrayView location)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(location.size());
    for (char c : location) {
        const auto b = static_cast<uchar>(c);
        if (b <= 0x20 || b >= 0x7f)
            out.append('%').append(Hex[b >> 4]).append(Hex[b & 0xf]);
        else
            out.append(c);
    }
    return out;
}

QByteArray htmlEscape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out.append("&amp;");
            break;
        case '<':
            out.append("&lt;");
            break;
        case '>':
            out.append("&gt;");
            break;
        case '"':
            out.append("&#34;");
            break;
        case '\'':
            out.append("&#39;");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

// writeRedirect answers 301 to location as Go's http.Redirect does: an HTML body for GET only, and a
// Content-Type for GET and HEAD.
void writeRedirect(const ResponsePtr &w, const Request &r, QByteArrayView location)
{
    const QByteArray target = escapeLocation(location);
    w->header().set("Location", target);
    const bool get = r.method == "GET";
    if (get || r.isHead())
        w->header().set("Content-Type", "text/html; charset=utf-8");
    w->writeHeader(301);
    if (get)
        w->write("<a href=\"" + htmlEscape(target) + "\">Moved Permanently</a>.\n");
}

// hostKey returns host lower-cased, copying into storage only when it has an upper-case letter.
QByteArrayView hostKey(QByteArrayView host, QByteArray &storage)
{
    if (std::none_of(host.begin(), host.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return host;
    storage = host.toByteArray().toLower();
    return storage;
}

QString quoted(QByteArrayView bytes)
{
    return u'"' + QString::fromUtf8(bytes) + u'"';
}

} // namespace

ServeMux::ServeMux() : m_notFound(std::make_shared<const DefaultNotFound>()) {}

ServeMux::~ServeMux() = default;

std::optional<MuxError> ServeMux::handle(QByteArrayView patternText, HandlerPtr handler)
{
    MuxError error;
    error.pattern = patternText.toByteArray();
    if (!handler) {
        error.kind = MuxError::Kind::NullHandler;
        error.message = u"null handler for pattern %1"_s.arg(quoted(patternText));
        return error;
    }
    Expected<Pattern, QString> parsed = Pattern::parse(patternText);
    if (!parsed) {
        error.kind = MuxError::Kind::InvalidPattern;
        error.message = u"parsing pattern %1: %2"_s.arg(quoted(patternText), parsed.error());
        return error;
    }
    const Pattern &pattern = *parsed;
    // Candidates come in registration order, so the error names the earliest conflicting pattern.
    for (const int id : m_index.candidates(pattern)) {
        const Pattern &other = m_routes[size_t(id)].pattern;
        if (pattern.conflictsWith(other)) {
            error.kind = MuxError::Kind::Conflict;
            error.conflictingPattern = other.text();
            error.message = u"pattern %1 conflicts with pattern %2: %3"_s.arg(
                quoted(pattern.text()), quoted(other.text()), PatternConflict::describe(pattern, other));
            return error;
        }
    }
    const int id = int(m_routes.size());
    if (!m_tree.add(pattern, id)) {
        // Unreachable after the conflict check (same shape means equivalent); refuse rather than shadow.
        error.kind = MuxError::Kind::Conflict;
        error.message =
            u"pattern %1 has the same host, method and path as a registered pattern"_s.arg(quoted(pattern.text()));
        return error;
    }
    m_index.add(pattern, id);
    m_routes.push_back({std::move(parsed).value(), std::move(handler)});
    return std::nullopt;
}

std::optional<MuxError> ServeMux::handleFunc(QByteArrayView pattern, HandlerFunc::Function function)
{
    return handle(pattern, HandlerFunc::make(std::move(function)));
}

void ServeMux::setNotFoundHandler(HandlerPtr handler)
{
    m_notFound = handler ? std::move(handler) : std::make_shared<const DefaultNotFound>();
}

QByteArrayList ServeMux::routes() const
{
    QByteArrayList patterns;
    patterns.reserve(qsizetype(m_routes.size()));
    for (const Route &route : m_routes)
        patterns.append(route.pattern.text());
    return patterns;
}

ServeMux::Match
ServeMux::match(QByteArrayView method, QByteArrayView host, QByteArrayView path, QByteArrayView rawQuery) const
{
    // CONNECT's host and path are used as sent (Go): no port stripping, no cleaning.
    const bool connect = method == "CONNECT";
    QByteArray hostStorage;
    const QByteArrayView matchHost = hostKey(connect ? host : muxpath::stripHostPort(host), hostStorage);
    QByteArray cleaned;
    QByteArrayView matchPath = path;
    const bool unclean = !connect && !muxpath::isCleanPath(path);
    if (unclean) {
        cleaned = muxpath::cleanPath(path);
        matchPath = cleaned;
    }
    RoutingTree::Captures captures;
    const int id = m_tree.match(matchHost, method, matchPath, &captures);
    // "/tree" -> "/tree/" only when the slash-terminated path matches exactly (Go's matchOrRedirect); never
    // for a path that already ends in '/'.
    if (!isExactMatch(id, matchPath) && !matchPath.isEmpty() && !matchPath.endsWith('/')) {
        const QByteArray withSlash = matchPath.toByteArray() + '/';
        RoutingTree::Captures ignored;
        const int slashId = m_tree.match(matchHost, method, withSlash, &ignored);
        if (isExactMatch(slashId, withSlash))
            return redirect(muxpath::cleanPath(path) + '/', rawQuery, m_routes[size_t(slashId)].pattern.text());
    }
    if (unclean)
        return redirect(std::move(cleaned), rawQuery, id >= 0 ? m_routes[size_t(id)].pattern.text() : QByteArray());
    if (id >= 0)
        return routeMatch(id, matchPath, captures);
    Match m;
    m.allowedMethods = allowedMethods(matchHost, matchPath);
    m.kind = m.allowedMethods.isEmpty() ? Match::Kind::NotFound : Match::Kind::MethodNotAllowed;
    return m;
}

// isExactMatch reports whether route id matches path without its multi wildcard taking a non-empty rest (Go's
// exactMatch): "/a/" matches "/a/" exactly but "/a/b" not; a pattern without a multi always matches exactly.
bool ServeMux::isExactMatch(int id, QByteArrayView path) const
{
    if (id < 0)
        return false;
    const Pattern &pattern = m_routes[size_t(id)].pattern;
    if (pattern.lastSegment().kind != Pattern::Segment::Kind::Multi)
        return true;
    if (!path.endsWith('/'))
        return false;
    // An empty multi match leaves one pattern segment per slash of the path.
    return qsizetype(pattern.segments().size()) == std::count(path.begin(), path.end(), '/');
}

QByteArrayList ServeMux::allowedMethods(QByteArrayView host, QByteArrayView path) const
{
    QByteArrayList methods;
    m_tree.addMatchingMethods(host, path, methods);
    // The trailing-slash redirect would have tried "path/" too.
    if (!path.isEmpty() && !path.endsWith('/'))
        m_tree.addMatchingMethods(host, path.toByteArray() + '/', methods);
    if (methods.contains("GET") && !methods.contains("HEAD"))
        methods.append("HEAD"_ba);
    std::sort(methods.begin(), methods.end());
    return methods;
}

ServeMux::Match ServeMux::routeMatch(int id, QByteArrayView path, const RoutingTree::Captures &captures) const
{
    const Route &route = m_routes[size_t(id)];
    Match m;
    m.kind = Match::Kind::Route;
    m.pattern = route.pattern.text();
    m.handler = route.handler.get();
    if (captures.isEmpty())
        return m;
    m.pathValues.reserve(size_t(captures.size()));
    qsizetype next = 0;
    // Invariant: captures are the pattern's named wildcards, in order.
    for (const Pattern::Segment &seg : route.pattern.segments()) {
        if (!seg.isWildcard() || seg.text.isEmpty() || next >= captures.size())
            continue;
        const RoutingTree::Capture &c = captures[next++];
        m.pathValues.emplace_back(seg.text, muxpath::unescapeSegment(path.sliced(c.begin, c.end - c.begin)));
    }
    return m;
}

ServeMux::Match ServeMux::redirect(QByteArray location, QByteArrayView rawQuery, QByteArray pattern)
{
    Match m;
    m.kind = Match::Kind::Redirect;
    m.pattern = std::move(pattern);
    m.location = std::move(location);
    if (!rawQuery.isEmpty())
        m.location.append('?').append(rawQuery);
    return m;
}

void ServeMux::serveHttp(const ResponsePtr &w, const Request &r) const
{
    if (r.url.form() == Url::TargetForm::Asterisk) {
        // Go's ServeMux refuses "OPTIONS *": no pattern can match it.
        markJourney(r, JourneyStage::RouteChosen);
        if (r.version == HttpVersion::Http11)
            w->header().set("Connection", "close");
        w->writeHeader(400);
        return;
    }
    Match m = match(r.method, r.host, r.url.rawPath(), r.url.rawQuery());
    switch (m.kind) {
    case Match::Kind::Route:
        markJourney(r, JourneyStage::RouteChosen, m.pattern);
        if (m.pathValues.empty() && r.pathValues.empty()) {
            m.handler->serveHttp(w, r);
        } else {
            Request routed = r;
            routed.pathValues = std::move(m.pathValues);
            m.handler->serveHttp(w, routed);
        }
        return;
    case Match::Kind::Redirect:
        markJourney(r, JourneyStage::RouteChosen, m.pattern);
        writeRedirect(w, r, m.location);
        return;
    case Match::Kind::MethodNotAllowed:
        markJourney(r, JourneyStage::RouteChosen);
        w->header().set("Allow", m.allowedMethods.join(", "));
        writeError(w, 405, "Method Not Allowed\n");
        return;
    case Match::Kind::NotFound:
        markJourney(r, JourneyStage::RouteChosen);
        m_notFound->serveHttp(w, r);
        return;
    }
}

} // namespace httpcore
