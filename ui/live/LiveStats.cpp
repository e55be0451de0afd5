#include "ui/live/LiveStats.h"

#include <algorithm>
#include <cmath>

namespace ui
{

namespace
{

// The buckets: bucket i holds durations in [Low * Growth^i, Low * Growth^(i+1)) milliseconds; the first also
// holds everything shorter, the last everything longer.
constexpr double Low = 0.01;      // 10 µs
constexpr double Growth = 1.0404; // ~4 % per bucket: 400 buckets reach 0.01 ms * 1.0404^400, about 76 s

double bucketMiddle(int i)
{
    return Low * std::pow(Growth, i + 0.5);
}

} // namespace

LiveStats::LiveStats(Clock::time_point origin) : m_origin(origin) {}

int LiveStats::bucketOf(double milliseconds)
{
    if (!(milliseconds > Low))
        return 0;
    const int i = int(std::log(milliseconds / Low) / std::log(Growth));
    return std::clamp(i, 0, BucketCount - 1);
}

double LiveStats::percentileOf(const Histogram &histogram, quint64 total, double q)
{
    if (total == 0)
        return -1.0;
    // The nearest-rank method: the smallest bucket whose cumulative count reaches ceil(q * total).
    const quint64 rank = std::max<quint64>(1, quint64(std::ceil(q * double(total))));
    quint64 seen = 0;
    for (int i = 0; i < BucketCount; ++i) {
        seen += histogram[size_t(i)];
        if (seen >= rank)
            return bucketMiddle(i);
    }
    return bucketMiddle(BucketCount - 1);
}

void LiveStats::setCapacity(qsizetype seconds)
{
    m_capacity = std::max<qsizetype>(seconds, 1);
    while (qsizetype(m_points.size()) > m_capacity)
        m_points.pop_front();
}

void LiveStats::clear()
{
    m_points.clear();
    m_currentRequests = 0;
    m_histogram.fill(0);
}

void LiveStats::finishCurrent()
{
    Point point;
    point.second = m_current;
    point.requests = m_currentRequests;
    point.p50 = percentileOf(m_histogram, m_currentRequests, 0.50);
    point.p95 = percentileOf(m_histogram, m_currentRequests, 0.95);
    point.p99 = percentileOf(m_histogram, m_currentRequests, 0.99);
    m_points.push_back(point);
    if (qsizetype(m_points.size()) > m_capacity)
        m_points.pop_front();
    ++m_current;
    m_currentRequests = 0;
    m_histogram.fill(0);
}

void LiveStats::advanceTo(Clock::time_point now)
{
    const qint64 second = std::chrono::duration_cast<std::chrono::seconds>(now - m_origin).count();
    // A long quiet spell needs only the last capacity() zero points.
    if (second - m_current > m_capacity + 1) {
        finishCurrent();
        m_current = second - m_capacity - 1;
    }
    while (m_current < second)
        finishCurrent();
}

void LiveStats::addDuration(qint64 second, double milliseconds)
{
    if (second < m_current)
        second = m_current; // a late journey of a finished second counts in the current one
    advanceTo(m_origin + std::chrono::seconds(second));
    ++m_currentRequests;
    ++m_histogram[size_t(bucketOf(milliseconds))];
}

void LiveStats::add(const LiveBatch &batch)
{
    using httpcore::JourneyStage;
    for (const httpcore::ServerEvent &event : batch.events) {
        if (event.kind != httpcore::ServerEvent::Kind::Journey || !event.journey)
            continue;
        const httpcore::Journey &journey = *event.journey;
        const httpcore::JourneyMark *first = journey.find(JourneyStage::FirstByte);
        const httpcore::JourneyMark *done = journey.find(JourneyStage::ResponseComplete);
        if (!done && !journey.marks().empty())
            done = &journey.marks().back();
        if (!done)
            continue;
        if (!first)
            first = &journey.marks().front();
        const double milliseconds = std::chrono::duration<double, std::milli>(done->at - first->at).count();
        addDuration(std::chrono::duration_cast<std::chrono::seconds>(done->at - m_origin).count(), milliseconds);
    }
}

} // namespace ui
