#include "httpcore/mux/RoutingTree.h"

#include "httpcore/mux/MuxPath.h"

#include <QHashFunctions>

#include <unordered_map>

namespace httpcore
{

namespace
{

using Kind = Pattern::Segment::Kind;
using Capture = RoutingTree::Capture;
using Captures = RoutingTree::Captures;

// BytesHash and BytesEqual make the child maps searchable by QByteArrayView (C++20 heterogeneous lookup), so
// a lookup never copies the request's bytes.
struct BytesHash
{
    using is_transparent = void;
    size_t operator()(QByteArrayView bytes) const noexcept { return qHash(bytes); }
};

struct BytesEqual
{
    using is_transparent = void;
    bool operator()(QByteArrayView a, QByteArrayView b) const noexcept { return a == b; }
};

template <typename T>
using ChildMap = std::unordered_map<QByteArray, std::unique_ptr<T>, BytesHash, BytesEqual>;

template <typename T>
T *ensure(std::unique_ptr<T> &slot)
{
    if (!slot)
        slot = std::make_unique<T>();
    return slot.get();
}

// Node is a path node. It is a leaf (id >= 0) when a pattern ends at it; multi and end children are always
// leaves. Literal keys are unescaped segments.
struct Node
{
    int id = -1;
    // multiNamed is set on a multi leaf whose wildcard has a name, so its value is recorded.
    bool multiNamed = false;
    ChildMap<Node> literals;
    std::unique_ptr<Node> wildcard;
    std::unique_ptr<Node> multi;
    std::unique_ptr<Node> end;
};

// MethodTable is the method level under one host: explicit methods, and the node of method-less patterns.
struct MethodTable
{
    ChildMap<Node> byMethod;
    std::unique_ptr<Node> anyMethod;
};

// PathTokens splits an escaped path into its tokens: the segments between slashes, then, when the path ends
// in '/', the trailing slash as a token of its own ("/a/" is "a" + trailing slash; "/" is the trailing slash
// alone; "//" is "" + trailing slash). A path that does not start with '/' has no tokens and matches nothing.
class PathTokens
{
public:
    explicit PathTokens(QByteArrayView path);

    qsizetype count() const { return m_segments.size() + (m_trailingSlash ? 1 : 0); }
    bool isTrailingSlash(qsizetype i) const { return i == m_segments.size(); }
    // key returns segment i unescaped, for the literal lookup. Precondition: !isTrailingSlash(i).
    QByteArrayView key(qsizetype i) const { return m_keys[i]; }
    // segment returns where segment i lies. Precondition: !isTrailingSlash(i).
    Capture segment(qsizetype i) const { return m_segments[i]; }
    // rest returns where the rest of the path from token i lies (after the slash before it).
    Capture rest(qsizetype i) const { return {isTrailingSlash(i) ? m_size : m_segments[i].begin, m_size}; }

private:
    qsizetype m_size = 0;
    bool m_trailingSlash = false;
    QVarLengthArray<Capture, 16> m_segments;
    QVarLengthArray<QByteArrayView, 16> m_keys;
    QVarLengthArray<QByteArray, 4> m_decoded;
};

PathTokens::PathTokens(QByteArrayView path) : m_size(path.size())
{
    if (!path.startsWith('/'))
        return;
    bool anyEscape = false;
    // Invariant: path[pos] == '/'.
    qsizetype pos = 0;
    while (pos < path.size()) {
        const qsizetype start = pos + 1;
        if (start == path.size()) {
            m_trailingSlash = true;
            break;
        }
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        m_segments.append({start, end});
        anyEscape = anyEscape || path.sliced(start, end - start).contains('%');
        pos = end;
    }
    // Decode first, then take views: m_decoded does not move once complete.
    if (anyEscape) {
        for (const Capture &s : m_segments) {
            const QByteArrayView raw = path.sliced(s.begin, s.end - s.begin);
            if (raw.contains('%'))
                m_decoded.append(muxpath::unescapeSegment(raw));
        }
    }
    qsizetype decoded = 0;
    for (const Capture &s : m_segments) {
        const QByteArrayView raw = path.sliced(s.begin, s.end - s.begin);
        m_keys.append(anyEscape && raw.contains('%') ? QByteArrayView(m_decoded[decoded++]) : raw);
    }
}

// matchPath matches tokens from i on below n; see RoutingTree::match for captures. On failure captures is
// left as it was: every branch removes what it appended before it fails.
int matchPath(const Node *n, const PathTokens &tokens, qsizetype i, Captures *captures)
{
    if (!n)
        return -1;
    if (i == tokens.count())
        return n->id;
    if (tokens.isTrailingSlash(i)) {
        // Only {$} and a multi match the trailing slash; a single wildcard never does.
        if (n->end)
            return n->end->id;
    } else {
        // Literal children first: by construction they are more specific than a wildcard here.
        if (!n->literals.empty()) {
            if (const auto it = n->literals.find(tokens.key(i)); it != n->literals.end()) {
                if (const int id = matchPath(it->second.get(), tokens, i + 1, captures); id >= 0)
                    return id;
            }
        }
        if (n->wildcard) {
            captures->append(tokens.segment(i));
            if (const int id = matchPath(n->wildcard.get(), tokens, i + 1, captures); id >= 0)
                return id;
            captures->removeLast();
        }
    }
    if (n->multi) {
        if (n->multi->multiNamed)
            captures->append(tokens.rest(i));
        return n->multi->id;
    }
    return -1;
}

const Node *findChild(const ChildMap<Node> &map, QByteArrayView key)
{
    const auto it = map.find(key);
    return it == map.end() ? nullptr : it->second.get();
}

int matchMethods(const MethodTable *table, QByteArrayView method, const PathTokens &tokens, Captures *captures)
{
    if (!table)
        return -1;
    if (const int id = matchPath(findChild(table->byMethod, method), tokens, 0, captures); id >= 0)
        return id;
    // A GET pattern matches HEAD too, after any HEAD pattern.
    if (method == "HEAD") {
        if (const int id = matchPath(findChild(table->byMethod, "GET"), tokens, 0, captures); id >= 0)
            return id;
    }
    return matchPath(table->anyMethod.get(), tokens, 0, captures);
}

void collectMethods(const MethodTable *table, const PathTokens &tokens, QByteArrayList &methods)
{
    if (!table)
        return;
    for (const auto &[method, node] : table->byMethod) {
        Captures scratch;
        if (matchPath(node.get(), tokens, 0, &scratch) >= 0 && !methods.contains(method))
            methods.append(method);
    }
}

} // namespace

struct RoutingTree::Root
{
    ChildMap<MethodTable> hosts;
    std::unique_ptr<MethodTable> anyHost;
    qsizetype patterns = 0;
};

RoutingTree::RoutingTree() : m_root(std::make_unique<Root>()) {}
RoutingTree::~RoutingTree() = default;

bool RoutingTree::add(const Pattern &pattern, int id)
{
    Q_ASSERT(id >= 0);
    MethodTable *table = pattern.host().isEmpty() ? ensure(m_root->anyHost) : ensure(m_root->hosts[pattern.host()]);
    Node *node = pattern.method().isEmpty() ? ensure(table->anyMethod) : ensure(table->byMethod[pattern.method()]);
    for (const Pattern::Segment &seg : pattern.segments()) {
        switch (seg.kind) {
        case Kind::Literal:
            node = ensure(node->literals[seg.text]);
            break;
        case Kind::Wildcard:
            node = ensure(node->wildcard);
            break;
        case Kind::Multi:
            node = ensure(node->multi);
            break;
        case Kind::End:
            node = ensure(node->end);
            break;
        }
    }
    // The nodes created on the way are interior and match nothing by themselves.
    if (node->id >= 0)
        return false;
    node->id = id;
    node->multiNamed = pattern.lastSegment().kind == Kind::Multi && !pattern.lastSegment().text.isEmpty();
    ++m_root->patterns;
    return true;
}

int RoutingTree::match(QByteArrayView host, QByteArrayView method, QByteArrayView path, Captures *captures) const
{
    Q_ASSERT(captures);
    const PathTokens tokens(path);
    // A pattern for the request's host wins; when none of them matches, the host-less patterns are tried.
    if (!host.isEmpty()) {
        if (const auto it = m_root->hosts.find(host); it != m_root->hosts.end()) {
            if (const int id = matchMethods(it->second.get(), method, tokens, captures); id >= 0)
                return id;
        }
    }
    return matchMethods(m_root->anyHost.get(), method, tokens, captures);
}

void RoutingTree::addMatchingMethods(QByteArrayView host, QByteArrayView path, QByteArrayList &methods) const
{
    const PathTokens tokens(path);
    if (!host.isEmpty()) {
        if (const auto it = m_root->hosts.find(host); it != m_root->hosts.end())
            collectMethods(it->second.get(), tokens, methods);
    }
    collectMethods(m_root->anyHost.get(), tokens, methods);
}

bool RoutingTree::isEmpty() const
{
    return m_root->patterns == 0;
}

} // namespace httpcore
