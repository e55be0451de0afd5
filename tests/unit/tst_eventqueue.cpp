#include "httpcore/EventQueue.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <set>
#include <vector>

using namespace httpcore;

// tst_EventQueue checks the bounded multi-producer event queue: order, bounds, drop counting and wake-ups.
class tst_EventQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drainReturnsEventsInPushOrder();
    void drainHonoursMax();
    void fullQueueDropsOldestAndCounts();
    void wakesOncePerDrain();
    void wakesAgainWhenDrainLeavesEvents();
    void manyProducersLoseNothingWithinCapacity();
    void manyProducersOverflowIsCountedExactly();
};

void tst_EventQueue::drainReturnsEventsInPushOrder()
{
    EventQueue<int> queue(8);
    for (int i = 0; i < 5; ++i)
        queue.push(i);
    QCOMPARE(queue.size(), 5);
    const auto batch = queue.drain();
    QCOMPARE(batch.events, (std::vector<int>{0, 1, 2, 3, 4}));
    QCOMPARE(batch.dropped, 0u);
    QCOMPARE(queue.size(), 0);
    QVERIFY(queue.drain().events.empty());
}

void tst_EventQueue::drainHonoursMax()
{
    EventQueue<int> queue(8);
    for (int i = 0; i < 5; ++i)
        queue.push(i);
    QCOMPARE(queue.drain(2).events, (std::vector<int>{0, 1}));
    QCOMPARE(queue.drain(0).events, std::vector<int>{});
    QCOMPARE(queue.drain(10).events, (std::vector<int>{2, 3, 4}));
}

void tst_EventQueue::fullQueueDropsOldestAndCounts()
{
    EventQueue<int> queue(3);
    for (int i = 0; i < 7; ++i)
        queue.push(i);
    QCOMPARE(queue.size(), 3);
    auto batch = queue.drain();
    QCOMPARE(batch.events, (std::vector<int>{4, 5, 6}));
    QCOMPARE(batch.dropped, 4u);
    queue.push(9);
    batch = queue.drain();
    QCOMPARE(batch.events, std::vector<int>{9});
    QCOMPARE(batch.dropped, 0u); // counted per drain
    QCOMPARE(queue.droppedTotal(), 4u);
}

void tst_EventQueue::wakesOncePerDrain()
{
    int wakes = 0;
    EventQueue<int> queue(100, [&] { ++wakes; });
    QCOMPARE(wakes, 0);
    for (int i = 0; i < 50; ++i)
        queue.push(i);
    QCOMPARE(wakes, 1);
    queue.drain();
    QCOMPARE(wakes, 1);
    queue.push(1);
    queue.push(2);
    QCOMPARE(wakes, 2);
}

void tst_EventQueue::wakesAgainWhenDrainLeavesEvents()
{
    int wakes = 0;
    EventQueue<int> queue(100, [&] { ++wakes; });
    for (int i = 0; i < 10; ++i)
        queue.push(i);
    queue.drain(4); // six left: the wake-up stays pending, nothing new is needed
    queue.push(10);
    QCOMPARE(wakes, 1);
    queue.drain();
    queue.push(11);
    QCOMPARE(wakes, 2);
}

namespace
{

// produce pushes count events tagged with producer from threads threads at once and joins them.
void produceConcurrently(EventQueue<int> &queue, int threads, int count)
{
    std::vector<std::unique_ptr<QThread>> workers;
    std::atomic<bool> go{false};
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&queue, &go, t, count] {
            while (!go.load())
                QThread::yieldCurrentThread();
            for (int i = 0; i < count; ++i)
                queue.push(t * count + i);
        }));
        workers.back()->start();
    }
    go.store(true);
    for (auto &worker : workers)
        QVERIFY(worker->wait(30'000));
}

} // namespace

void tst_EventQueue::manyProducersLoseNothingWithinCapacity()
{
    std::atomic<int> wakes{0};
    EventQueue<int> queue(40'000, [&] { wakes.fetch_add(1); });
    produceConcurrently(queue, 4, 10'000);
    const auto batch = queue.drain();
    QCOMPARE(batch.events.size(), size_t(40'000));
    QCOMPARE(batch.dropped, 0u);
    QCOMPARE(wakes.load(), 1);
    // Every event arrived once, and each producer's events kept their order.
    std::set<int> seen(batch.events.begin(), batch.events.end());
    QCOMPARE(seen.size(), size_t(40'000));
    std::vector<int> last(4, -1);
    for (int e : batch.events) {
        const int producer = e / 10'000;
        QVERIFY(e > last[size_t(producer)]);
        last[size_t(producer)] = e;
    }
}

void tst_EventQueue::manyProducersOverflowIsCountedExactly()
{
    EventQueue<int> queue(1'000);
    produceConcurrently(queue, 4, 5'000);
    const auto batch = queue.drain();
    QCOMPARE(batch.events.size(), size_t(1'000));
    QCOMPARE(batch.dropped, 19'000u);
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_eventqueue.moc"
