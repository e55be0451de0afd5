#pragma once

#include <QtGlobal>

#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace httpcore
{

// EventQueue is a bounded multi-producer queue of events (ARCHITECTURE.md, "Events"): worker threads push,
// one consumer (the GUI thread on a timer, the headless logger) drains in batches. When full, push() drops
// the oldest event and counts it, so a burst never blocks a worker or grows memory without bound.
//
// Wake-up: the wake function given at construction is called (on the pushing thread, outside the lock) when
// an event arrives in a queue that has no wake-up pending; the pending flag is cleared by drain(). So the
// consumer is woken at most once per drain, never once per event. A typical wake function posts a queued
// call to the consumer thread, or starts its drain timer.
//
// Thread affinity: push(), drain(), size() and dropped() are thread-safe.
template <typename T>
class EventQueue
{
public:
    using Wake = std::function<void()>;

    // Batch is what drain() returns: the events in push order and how many were dropped since the previous
    // drain.
    struct Batch
    {
        std::vector<T> events;
        quint64 dropped = 0;
    };

    explicit EventQueue(qsizetype capacity, Wake wake = {})
        : m_capacity(std::max<qsizetype>(capacity, 1)), m_wake(std::move(wake))
    {}
    Q_DISABLE_COPY_MOVE(EventQueue)

    // push appends event, dropping the oldest one when the queue is full.
    void push(T event)
    {
        bool wake = false;
        {
            std::lock_guard lock(m_mutex);
            if (qsizetype(m_events.size()) >= m_capacity) {
                m_events.pop_front();
                ++m_dropped;
                ++m_droppedTotal;
            }
            m_events.push_back(std::move(event));
            wake = !std::exchange(m_wakePending, true);
        }
        if (wake && m_wake)
            m_wake();
    }

    // drain removes and returns up to max events (all when max < 0), oldest first.
    Batch drain(qsizetype max = -1)
    {
        Batch batch;
        std::lock_guard lock(m_mutex);
        const qsizetype n = max < 0 ? qsizetype(m_events.size()) : std::min(max, qsizetype(m_events.size()));
        batch.events.reserve(size_t(n));
        for (qsizetype i = 0; i < n; ++i) {
            batch.events.push_back(std::move(m_events.front()));
            m_events.pop_front();
        }
        batch.dropped = std::exchange(m_dropped, 0);
        // Events left behind (max reached) keep the wake-up pending: the consumer knows to come back.
        m_wakePending = !m_events.empty();
        return batch;
    }

    qsizetype size() const
    {
        std::lock_guard lock(m_mutex);
        return qsizetype(m_events.size());
    }
    qsizetype capacity() const { return m_capacity; }
    // droppedTotal counts every event dropped since construction.
    quint64 droppedTotal() const
    {
        std::lock_guard lock(m_mutex);
        return m_droppedTotal;
    }

private:
    const qsizetype m_capacity;
    const Wake m_wake;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex.
    std::deque<T> m_events;
    // Guarded by m_mutex.
    quint64 m_dropped = 0;
    // Guarded by m_mutex.
    quint64 m_droppedTotal = 0;
    // Guarded by m_mutex: a wake-up was sent and no drain() has run since.
    bool m_wakePending = false;
};

} // namespace httpcore
