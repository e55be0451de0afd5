#pragma once

#include "httpcore/Handler.h"

#include <mutex>

namespace httpcore
{

// SwappableHandler is a Handler that forwards every request to the current snapshot of another handler (a
// ServeMux, usually), which can be replaced at any time, from any thread, while requests are being served: the
// way to change the route table of a running server. Each request loads the snapshot exactly once, so it is
// served entirely by the old handler or entirely by the new one, never by a mix; a request in flight keeps its
// snapshot alive until it returns.
//
// Thread affinity: none; every member function is thread-safe. The snapshot pointer is guarded by a mutex held
// only to copy or swap it: libstdc++ 12's std::atomic<std::shared_ptr> releases its internal lock in load() with
// relaxed order, a data race by the C++ memory model that ThreadSanitizer reports (bench/run-tsan.sh).
class SwappableHandler final : public Handler
{
public:
    // SwappableHandler starts with initial as the current snapshot (null: answer 404).
    explicit SwappableHandler(HandlerPtr initial = nullptr);
    Q_DISABLE_COPY_MOVE(SwappableHandler)

    // current returns the current snapshot (may be null).
    HandlerPtr current() const;
    // setCurrent publishes next for the following requests; requests in flight finish with the snapshot
    // they loaded.
    void setCurrent(HandlerPtr next);
    // exchange publishes next and returns the snapshot it replaced.
    HandlerPtr exchange(HandlerPtr next);

    // serveHttp serves r with the snapshot current when it is called; with none, it answers 404
    // "404 page not found\n".
    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    mutable std::mutex m_mutex;
    // Guarded by m_mutex.
    HandlerPtr m_current;
};

} // namespace httpcore
