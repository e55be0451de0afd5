#include "httpcore/middleware/MiddlewareStack.h"

#include <algorithm>

namespace httpcore
{

namespace
{

// JourneyMarker records MiddlewareEntered/MiddlewareLeft around one middleware's handler. Immutable; called
// concurrently from worker threads.
class JourneyMarker final : public Handler
{
public:
    JourneyMarker(QByteArray name, HandlerPtr handler) : m_name(std::move(name)), m_handler(std::move(handler)) {}

    void serveHttp(const ResponsePtr &w, const Request &r) const override
    {
        // The guard marks Left on return and during unwinding alike: a recovery middleware further out sees a
        // consistent journey.
        struct LeftGuard
        {
            const Request &request;
            const QByteArray &name;
            ~LeftGuard() { markJourney(request, JourneyStage::MiddlewareLeft, name); }
        };
        markJourney(r, JourneyStage::MiddlewareEntered, m_name);
        const LeftGuard guard{r, m_name};
        m_handler->serveHttp(w, r);
    }

private:
    const QByteArray m_name;
    const HandlerPtr m_handler;
};

// NotFound answers what a stack without inner handler answers: Go's NotFound.
class NotFound final : public Handler
{
public:
    void serveHttp(const ResponsePtr &w, const Request &) const override
    {
        w->header().set("Content-Type", "text/plain; charset=utf-8");
        w->header().set("X-Content-Type-Options", "nosniff");
        w->writeHeader(404);
        w->write("404 page not found\n");
    }
};

bool namesAreValid(const std::vector<MiddlewareEntry> &entries)
{
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].name.isEmpty())
            return false;
        for (size_t j = 0; j < i; ++j) {
            if (entries[j].name == entries[i].name)
                return false;
        }
    }
    return true;
}

} // namespace

MiddlewareStack::MiddlewareStack(HandlerPtr inner) : m_inner(std::move(inner))
{
    std::lock_guard lock(m_mutex);
    rebuildLocked();
}

bool MiddlewareStack::append(MiddlewareEntry entry)
{
    std::lock_guard lock(m_mutex);
    if (entry.name.isEmpty() || indexOfLocked(entry.name) >= 0)
        return false;
    m_entries.push_back(std::move(entry));
    rebuildLocked();
    return true;
}

bool MiddlewareStack::remove(QByteArrayView name)
{
    std::lock_guard lock(m_mutex);
    const qsizetype i = indexOfLocked(name);
    if (i < 0)
        return false;
    m_entries.erase(m_entries.begin() + i);
    rebuildLocked();
    return true;
}

bool MiddlewareStack::setEnabled(QByteArrayView name, bool enabled)
{
    std::lock_guard lock(m_mutex);
    const qsizetype i = indexOfLocked(name);
    if (i < 0)
        return false;
    if (m_entries[size_t(i)].enabled != enabled) {
        m_entries[size_t(i)].enabled = enabled;
        rebuildLocked();
    }
    return true;
}

bool MiddlewareStack::move(QByteArrayView name, qsizetype index)
{
    std::lock_guard lock(m_mutex);
    const qsizetype from = indexOfLocked(name);
    if (from < 0)
        return false;
    const qsizetype to = std::clamp<qsizetype>(index, 0, qsizetype(m_entries.size()) - 1);
    MiddlewareEntry moved = std::move(m_entries[size_t(from)]);
    m_entries.erase(m_entries.begin() + from);
    m_entries.insert(m_entries.begin() + to, std::move(moved));
    rebuildLocked();
    return true;
}

bool MiddlewareStack::reconfigure(QByteArrayView name, Middleware middleware, std::any settings)
{
    std::lock_guard lock(m_mutex);
    const qsizetype i = indexOfLocked(name);
    if (i < 0)
        return false;
    m_entries[size_t(i)].middleware = std::move(middleware);
    m_entries[size_t(i)].settings = std::move(settings);
    rebuildLocked();
    return true;
}

bool MiddlewareStack::setEntries(std::vector<MiddlewareEntry> entries)
{
    if (!namesAreValid(entries))
        return false;
    std::lock_guard lock(m_mutex);
    m_entries = std::move(entries);
    rebuildLocked();
    return true;
}

std::vector<MiddlewareEntry> MiddlewareStack::entries() const
{
    std::lock_guard lock(m_mutex);
    return m_entries;
}

std::optional<MiddlewareEntry> MiddlewareStack::entry(QByteArrayView name) const
{
    std::lock_guard lock(m_mutex);
    const qsizetype i = indexOfLocked(name);
    if (i < 0)
        return std::nullopt;
    return m_entries[size_t(i)];
}

void MiddlewareStack::setInner(HandlerPtr inner)
{
    std::lock_guard lock(m_mutex);
    m_inner = std::move(inner);
    rebuildLocked();
}

HandlerPtr MiddlewareStack::inner() const
{
    std::lock_guard lock(m_mutex);
    return m_inner;
}

HandlerPtr MiddlewareStack::snapshot() const
{
    return m_chain.load(std::memory_order_acquire);
}

void MiddlewareStack::serveHttp(const ResponsePtr &w, const Request &r) const
{
    // One load per request: this copy keeps the whole chain alive while the call runs; asynchronous layers keep
    // their own references to the layers they call later.
    const HandlerPtr chain = snapshot();
    chain->serveHttp(w, r);
}

void MiddlewareStack::rebuildLocked()
{
    HandlerPtr next = m_inner ? m_inner : std::make_shared<const NotFound>();
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (!it->enabled || !it->middleware)
            continue;
        HandlerPtr wrapped = it->middleware(next);
        if (wrapped)
            next = std::make_shared<const JourneyMarker>(it->name, std::move(wrapped));
    }
    // The replaced chain is released here; requests still running hold their own references.
    m_chain.store(std::move(next), std::memory_order_release);
}

qsizetype MiddlewareStack::indexOfLocked(QByteArrayView name) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].name == name)
            return qsizetype(i);
    }
    return -1;
}

} // namespace httpcore
