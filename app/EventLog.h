#pragma once

#include "httpcore/ServerEventQueue.h"

#include <QObject>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace app
{

// EventLog prints what the server reports (ServerEventQueue) to a stdio stream, for the headless runner: one
// line per finished request (method, target, status, bytes, duration, keep-alive decision) and, in verbose
// mode, one per connection-state change. It drains the queue in batches at most 20 times a second, woken by
// the queue, so workers never wait on the terminal; events dropped because the queue overflowed are counted
// and reported.
//
// Thread affinity: the thread that created it (the main thread); the queue it drains is thread-safe.
class EventLog final : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        // Count requests and drops only; print the totals from printTotals().
        Count,
        // One line per request.
        Requests,
        // One line per request and per connection-state change.
        All
    };

    // Format is the shape of each line: human-readable text, or one JSON object per line (for CI log tools).
    enum class Format
    {
        Text,
        Json
    };

    EventLog(Mode mode, Format format, FILE *out, QObject *parent = nullptr);
    ~EventLog() override;

    // observer is what to install with Server::setObserver().
    std::shared_ptr<httpcore::ServerEventQueue> observer() const { return m_events; }
    // drain prints (or counts) everything queued now.
    void drain();
    // printTotals prints how many requests were seen and how many events were dropped.
    void printTotals();

private:
    void print(const httpcore::ServerEvent &event);
    void printText(const httpcore::ServerEvent &event);
    void printJson(const httpcore::ServerEvent &event);
    // wallClock formats a steady-clock time point on the wall clock: local "HH:mm:ss.zzz", or ISO 8601 in UTC
    // with milliseconds when iso is set.
    QByteArray wallClock(std::chrono::steady_clock::time_point at, bool iso = false) const;

    const Mode m_mode;
    const Format m_format;
    FILE *const m_out;
    std::shared_ptr<httpcore::ServerEventQueue> m_events;
    QTimer m_timer;
    quint64 m_requests = 0;
    quint64 m_dropped = 0;
    // The same instant on both clocks, to place steady-clock event times on the wall clock.
    const qint64 m_wallAtStart;
    const std::chrono::steady_clock::time_point m_steadyAtStart;
};

} // namespace app
