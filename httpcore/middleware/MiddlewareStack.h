#pragma once

#include "httpcore/Handler.h"
#include "httpcore/middleware/MiddlewareEntry.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

namespace httpcore
{

// MiddlewareStack is a Handler made of an ordered list of named middleware entries (first = outermost) around an
// inner handler (the mux), which can be edited while the server runs: entries are added, removed, enabled,
// disabled, moved and reconfigured from any thread.
//
// Every edit composes the enabled entries into a new immutable chain and publishes it atomically; serveHttp()
// loads the current chain once per request, so a request is served entirely by the chain that was current when it
// arrived: a request in flight (an asynchronous handler, a delayed or streaming response) finishes with the layers
// and response wrappers it started with, and disabling gzip does not un-compress a response that started
// compressed. The replaced chain is released when the last synchronous call through it returns; work a layer does
// later must hold what it needs by value or shared_ptr, never a pointer to the layer (the built-ins do so: a
// latency timer holds its next handler, response wrappers share their layer's settings).
//
// Journey: around each middleware's handler the chain records JourneyStage::MiddlewareEntered and MiddlewareLeft,
// labelled with the entry's name, on the request's journey (when it has one); Left is recorded even when the call
// throws. A middleware that hands the request on later (a latency delay) is left before its inner layers are
// entered.
//
// Middleware functions are called while the stack's lock is held, when a chain is built: they must not call back
// into the stack.
//
// Thread affinity: none; every member function is thread-safe.
class MiddlewareStack final : public Handler
{
public:
    // MiddlewareStack starts with no entries around inner (null: every request is answered 404).
    explicit MiddlewareStack(HandlerPtr inner = nullptr);
    Q_DISABLE_COPY_MOVE(MiddlewareStack)

    // append adds entry as the innermost layer. It fails (false) when the name is empty or already used.
    bool append(MiddlewareEntry entry);
    // remove deletes the entry called name; false when there is none.
    bool remove(QByteArrayView name);
    // setEnabled switches the entry called name on or off; false when there is none.
    bool setEnabled(QByteArrayView name, bool enabled);
    // move puts the entry called name at position index (clamped to the list; 0 = outermost); false when there
    // is none.
    bool move(QByteArrayView name, qsizetype index);
    // reconfigure replaces the middleware and settings of the entry called name, keeping its place and enabled
    // flag; false when there is none.
    bool reconfigure(QByteArrayView name, Middleware middleware, std::any settings = {});
    // reconfigure<M> rebuilds the entry called name as the built-in middleware M with settings.
    template <typename M>
    bool reconfigure(QByteArrayView name, typename M::Settings settings)
    {
        Middleware middleware = M::middleware(settings);
        return reconfigure(name, std::move(middleware), std::any(std::move(settings)));
    }
    // setEntries replaces every entry at once; fails (false, nothing changed) when a name is empty or repeated.
    bool setEntries(std::vector<MiddlewareEntry> entries);
    // entries returns a copy of the entries in order.
    std::vector<MiddlewareEntry> entries() const;
    // entry returns a copy of the entry called name, if any.
    std::optional<MiddlewareEntry> entry(QByteArrayView name) const;

    // setInner replaces the handler the middleware wraps (null: answer 404).
    void setInner(HandlerPtr inner);
    HandlerPtr inner() const;

    // snapshot returns the composed chain currently published (never null).
    HandlerPtr snapshot() const;
    // serveHttp serves r through the current chain (loaded once).
    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // rebuildLocked composes and publishes the chain. Requires m_mutex held.
    void rebuildLocked();
    // indexOfLocked returns the position of the entry called name, or -1. Requires m_mutex held.
    qsizetype indexOfLocked(QByteArrayView name) const;

    mutable std::mutex m_mutex;
    // Guarded by m_mutex.
    std::vector<MiddlewareEntry> m_entries;
    // Guarded by m_mutex.
    HandlerPtr m_inner;
    // m_chain is the published composition; written under m_mutex, read lock-free.
    std::atomic<HandlerPtr> m_chain;
};

} // namespace httpcore
