#pragma once

#include "ui/live/LiveBatch.h"

#include <QList>

#include <array>
#include <chrono>
#include <deque>

namespace ui
{

// LiveStats turns the journeys of drained batches into one point per second: how many requests completed in it
// and the 50th, 95th and 99th percentiles of their durations (first request byte to response complete), for the
// last capacity() seconds. Durations go into a fixed log-scale histogram (about 4 % wide buckets from 10 µs to
// 76 s), so a second costs the same memory at 10 or 100,000 requests, and a percentile is exact to a bucket.
//
// Seconds are counted on the steady clock from the LiveStats' creation. A second is final once a batch or
// advanceTo() shows a later one; seconds without requests are points with a rate of 0 and no latency.
//
// Thread affinity: GUI thread (a plain object fed by the controller's batches).
class LiveStats
{
public:
    using Clock = std::chrono::steady_clock;

    // Point is one finished second.
    struct Point
    {
        // second counts seconds since the LiveStats was made.
        qint64 second = 0;
        quint64 requests = 0;
        // p50, p95, p99: duration percentiles (milliseconds); negative when the second had no requests.
        double p50 = -1.0;
        double p95 = -1.0;
        double p99 = -1.0;
    };

    static constexpr qsizetype DefaultCapacity = 300; // five minutes

    explicit LiveStats(Clock::time_point origin = Clock::now());

    // add counts the batch's journeys in the seconds they completed in.
    void add(const LiveBatch &batch);
    // advanceTo finishes every second before now (a quiet server still gets its zero points).
    void advanceTo(Clock::time_point now);
    // points are the finished seconds, oldest first, at most capacity().
    const std::deque<Point> &points() const { return m_points; }
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype seconds);
    // clear forgets every point and the second in progress.
    void clear();

    static constexpr int BucketCount = 400;
    using Histogram = std::array<quint32, BucketCount>;
    // bucketOf returns the histogram bucket of a duration (milliseconds).
    static int bucketOf(double milliseconds);
    // percentileOf returns the q-quantile (0 < q <= 1) of histogram, holding total durations, as the middle of
    // its bucket (milliseconds), or -1 when it is empty.
    static double percentileOf(const Histogram &histogram, quint64 total, double q);

private:
    void finishCurrent();
    void addDuration(qint64 second, double milliseconds);

    Clock::time_point m_origin;
    qsizetype m_capacity = DefaultCapacity;
    std::deque<Point> m_points;
    // The second in progress: its index, request count and duration histogram.
    qint64 m_current = 0;
    quint64 m_currentRequests = 0;
    Histogram m_histogram{};
};

} // namespace ui
