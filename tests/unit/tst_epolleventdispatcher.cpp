#include "httpcore/EpollEventDispatcher.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QPointer>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

// Slack is the lateness tolerated for a timer on a shared, loaded machine (milliseconds).
constexpr int Slack = 400;

// DispatcherThread is a QThread running an EpollEventDispatcher (installed before start(), as WorkerPool does)
// with a context object for queued calls. Declare the state a test shares with the thread before it, so that
// the thread stops first.
class DispatcherThread
{
public:
    DispatcherThread() : m_dispatcher(new EpollEventDispatcher), m_context(new QObject)
    {
        m_thread.setEventDispatcher(m_dispatcher);
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
    }
    ~DispatcherThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(DispatcherThread)

    // run calls function on the thread (queued) and waits for it to return, at most timeoutMs.
    template <typename F>
    [[nodiscard]] bool run(F function, int timeoutMs = 5000)
    {
        auto done = std::make_shared<std::atomic<bool>>(false);
        QMetaObject::invokeMethod(
            m_context,
            [done, function = std::move(function)]() mutable {
                function();
                done->store(true);
            },
            Qt::QueuedConnection);
        return QTest::qWaitFor([&] { return done->load(); }, timeoutMs);
    }

    QThread *thread() { return &m_thread; }
    QObject *context() const { return m_context; }
    EpollEventDispatcher *dispatcher() const { return m_dispatcher; }

private:
    QThread m_thread;
    EpollEventDispatcher *m_dispatcher; // owned by m_thread
    QObject *m_context;                 // deleted on the thread when it finishes
};

// Recorder collects labels from the dispatcher thread for the test thread.
class Recorder
{
public:
    void add(const QString &label)
    {
        const QMutexLocker locker(&m_mutex);
        m_labels.append(label);
    }
    QStringList labels() const
    {
        const QMutexLocker locker(&m_mutex);
        return m_labels;
    }

private:
    mutable QMutex m_mutex;
    QStringList m_labels;
};

// SocketPair is a connected AF_UNIX stream pair, non-blocking, closed on destruction.
struct SocketPair
{
    SocketPair()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd) != 0)
            fd[0] = fd[1] = -1;
    }
    ~SocketPair()
    {
        for (int f : fd) {
            if (f >= 0)
                ::close(f);
        }
    }
    Q_DISABLE_COPY_MOVE(SocketPair)
    bool send(QByteArrayView bytes) const { return ::write(fd[1], bytes.data(), size_t(bytes.size())) == bytes.size(); }
    void hangUp() { ::close(std::exchange(fd[1], -1)); }
    int fd[2] = {-1, -1};
};

void drain(int fd)
{
    char buffer[4096];
    while (::read(fd, buffer, sizeof buffer) > 0) {
    }
}

// Probe hands each of its timer events to onTimer and counts its destruction (on its own thread).
class Probe : public QObject
{
public:
    explicit Probe(std::atomic<int> *destroyed = nullptr) : m_destroyed(destroyed) {}
    ~Probe() override
    {
        if (m_destroyed)
            ++*m_destroyed;
    }
    Q_DISABLE_COPY_MOVE(Probe)
    std::function<void(Probe *self, int timerId)> onTimer = [](Probe *, int) {};

protected:
    void timerEvent(QTimerEvent *event) override { onTimer(this, event->timerId()); }

private:
    std::atomic<int> *m_destroyed;
};

enum class KillCase
{
    Itself,
    OtherDueInSamePass,
    ItselfThenReuseId
};

enum class PeerAction
{
    Nothing,
    Send,
    FillThenRead,
    HangUp
};

} // namespace

Q_DECLARE_METATYPE(KillCase)
Q_DECLARE_METATYPE(PeerAction)

// tst_EpollEventDispatcher checks the epoll dispatcher of the worker threads on a thread of its own: timers,
// socket notifiers (including deletion and descriptor reuse within one epoll batch, and thousands of sockets),
// wake-ups from other threads, processEvents() flags, loop exit, nesting and thread exit.
class tst_EpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timerFiresOnTime_data();
    void timerFiresOnTime();
    void killTimerInsideTimerEvent_data();
    void killTimerInsideTimerEvent();
    void remainingTimeAndRegisteredTimers();
    void notifierActivatesOnReadiness_data();
    void notifierActivatesOnReadiness();
    void deletingNotifiersInsideActivation_data();
    void deletingNotifiersInsideActivation();
    void descriptorReusedWithinBatchGetsNoStaleEvent();
    void thousandsOfSocketsEachActivateOnlyForThemselves();
    void zeroTimerDoesNotStarveSocketsOrTimers();
    void exitFromAnotherThreadIsNeverLost();
    void threadExitDeletesDeferredObjectsWithTimersAndNotifiers();
    void timerRunningNestedLoopIsParked();
    void nestedLoopDoesNotReplayOuterBatch();
    void processEventsHonoursFlags_data();
    void processEventsHonoursFlags();
};

void tst_EpollEventDispatcher::timerFiresOnTime_data()
{
    QTest::addColumn<Qt::TimerType>("type");
    QTest::addColumn<int>("interval"); // milliseconds
    QTest::addColumn<int>("ticks");
    QTest::addColumn<int>("period"); // expected: tick i comes no earlier than i * period
    QTest::addColumn<int>("latest"); // for the last tick

    QTest::addRow("precise 0 ms") << Qt::PreciseTimer << 0 << 1 << 0 << Slack;
    QTest::addRow("precise 15 ms") << Qt::PreciseTimer << 15 << 1 << 15 << 15 + Slack;
    QTest::addRow("coarse 40 ms is kept precise") << Qt::CoarseTimer << 40 << 1 << 40 << 40 + Slack;
    QTest::addRow("very coarse 1450 ms rounds to 1 s") << Qt::VeryCoarseTimer << 1450 << 1 << 1000 << 1449;
    QTest::addRow("very coarse 1600 ms rounds to 2 s") << Qt::VeryCoarseTimer << 1600 << 1 << 2000 << 2000 + Slack;
    // Phase is kept: the last tick is not late by the sum of every tick's lateness.
    QTest::addRow("precise 20 ms repeating") << Qt::PreciseTimer << 20 << 10 << 20 << 200 + Slack;
}

// A QTimer that stops itself after its ticks, timed on the thread.
void tst_EpollEventDispatcher::timerFiresOnTime()
{
    QFETCH(Qt::TimerType, type);
    QFETCH(int, interval);
    QFETCH(int, ticks);
    QFETCH(int, period);
    QFETCH(int, latest);

    Recorder at;
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *timer = new QTimer(t.context());
        timer->setTimerType(type);
        auto clock = std::make_shared<QElapsedTimer>();
        QObject::connect(timer, &QTimer::timeout, timer, [&at, ticks, timer, clock] {
            at.add(QString::number(clock->elapsed()));
            if (at.labels().size() == ticks)
                timer->stop();
        });
        clock->start();
        timer->start(interval);
    }));
    QTRY_COMPARE_WITH_TIMEOUT(at.labels().size(), ticks, ticks * interval + 5000);
    const QStringList times = at.labels();
    for (int i = 0; i < ticks; ++i)
        QVERIFY2(times[i].toInt() >= (i + 1) * period, qPrintable(times.join(u' ')));
    QVERIFY2(times.last().toInt() <= latest, qPrintable(times.join(u' ')));
    QTest::qWait(50);
    QCOMPARE(at.labels().size(), ticks);
}

void tst_EpollEventDispatcher::killTimerInsideTimerEvent_data()
{
    QTest::addColumn<KillCase>("killCase");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("kills itself") << KillCase::Itself << QStringList{u"first"_s};
    QTest::addRow("kills another due in the same pass") << KillCase::OtherDueInSamePass << QStringList{u"first"_s};
    QTest::addRow("kills itself and restarts on the freed id")
        << KillCase::ItselfThenReuseId << QStringList{u"first"_s, u"restarted"_s};
}

void tst_EpollEventDispatcher::killTimerInsideTimerEvent()
{
    QFETCH(KillCase, killCase);
    QFETCH(QStringList, expected);

    Recorder fired;
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *object = new Probe;
        object->setParent(t.context());
        const int first = object->startTimer(killCase == KillCase::Itself ? 5 : 0, Qt::PreciseTimer);
        const int second = killCase == KillCase::OtherDueInSamePass ? object->startTimer(0) : 0;
        auto restarted = std::make_shared<int>(0);
        object->onTimer = [&fired, killCase, first, second, restarted](Probe *self, int id) {
            if (*restarted != 0 && id == *restarted) {
                fired.add(u"restarted"_s);
                self->killTimer(id);
            } else if (id == first) {
                fired.add(u"first"_s);
                self->killTimer(first);
                if (killCase == KillCase::OtherDueInSamePass)
                    self->killTimer(second);
                if (killCase == KillCase::ItselfThenReuseId)
                    *restarted = self->startTimer(0);
            } else {
                fired.add(u"unexpected %1"_s.arg(id));
            }
        };
    }));
    QTRY_COMPARE_WITH_TIMEOUT(fired.labels().size(), expected.size(), 5000);
    QTest::qWait(50);
    QCOMPARE(fired.labels(), expected);
}

// remainingTime() and registeredTimers() of a running, an overdue (the loop is busy) and a stopped timer.
void tst_EpollEventDispatcher::remainingTimeAndRegisteredTimers()
{
    int unknown = 0, initial = 0, overdue = 0, stopped = 0;
    QList<QAbstractEventDispatcher::TimerInfo> registered;
    DispatcherThread t;
    QVERIFY(t.run([&] {
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.start(300);
        registered = t.dispatcher()->registeredTimers(&timer);
        unknown = t.dispatcher()->remainingTime(999'999);
        initial = timer.remainingTime();
        timer.start(5);
        QTest::qSleep(20);
        overdue = timer.remainingTime();
        const int id = timer.timerId();
        timer.stop();
        stopped = t.dispatcher()->remainingTime(id);
        registered += t.dispatcher()->registeredTimers(&timer);
    }));
    QCOMPARE(registered.size(), 1); // while it ran, not after stop()
    QCOMPARE(registered.front().interval, 300);
    QCOMPARE(registered.front().timerType, Qt::PreciseTimer);
    QCOMPARE(unknown, -1);
    QVERIFY2(initial > 250 && initial <= 300, qPrintable(QString::number(initial)));
    QCOMPARE(overdue, 0);
    QCOMPARE(stopped, -1);
}

void tst_EpollEventDispatcher::notifierActivatesOnReadiness_data()
{
    QTest::addColumn<QSocketNotifier::Type>("type");
    QTest::addColumn<PeerAction>("peer");
    QTest::addColumn<int>("expected"); // activations

    QTest::addRow("read, data arrives") << QSocketNotifier::Read << PeerAction::Send << 1;
    QTest::addRow("read, nothing arrives") << QSocketNotifier::Read << PeerAction::Nothing << 0;
    QTest::addRow("read, peer hangs up") << QSocketNotifier::Read << PeerAction::HangUp << 1;
    QTest::addRow("write, buffer has room") << QSocketNotifier::Write << PeerAction::Nothing << 1;
    QTest::addRow("write, full until the peer reads") << QSocketNotifier::Write << PeerAction::FillThenRead << 1;
    QTest::addRow("exception, no urgent data") << QSocketNotifier::Exception << PeerAction::Send << 0;
    // Regression: epoll reports hang-ups unasked; poll()'s mapping activates every type on them (instead of
    // leaving the descriptor ready for ever, which made every wait return at once).
    QTest::addRow("exception, peer hangs up") << QSocketNotifier::Exception << PeerAction::HangUp << 1;
}

// The notifier disables itself when activated (a read notifier drains instead: level-triggered readiness of
// consumed data must not activate it again).
void tst_EpollEventDispatcher::notifierActivatesOnReadiness()
{
    QFETCH(QSocketNotifier::Type, type);
    QFETCH(PeerAction, peer);
    QFETCH(int, expected);

    std::atomic<int> activations{0};
    SocketPair pair;
    QVERIFY(pair.fd[0] >= 0);
    const QByteArray chunk(64 * 1024, 'x');
    if (peer == PeerAction::FillThenRead) {
        while (::write(pair.fd[0], chunk.data(), size_t(chunk.size())) > 0) {
        }
    }
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *notifier = new QSocketNotifier(pair.fd[0], type, t.context());
        QObject::connect(notifier, &QSocketNotifier::activated, notifier, [&, notifier] {
            ++activations;
            if (notifier->type() == QSocketNotifier::Read && peer != PeerAction::HangUp)
                drain(pair.fd[0]);
            else
                notifier->setEnabled(false);
        });
    }));
    if (peer == PeerAction::Send)
        QVERIFY(pair.send("ping"));
    if (peer == PeerAction::HangUp)
        pair.hangUp();
    if (peer == PeerAction::FillThenRead) {
        QTest::qWait(60);
        QCOMPARE(activations.load(), 0);
        drain(pair.fd[1]);
    }
    if (expected > 0)
        QTRY_COMPARE_WITH_TIMEOUT(activations.load(), expected, 2000);
    QTest::qWait(60);
    QCOMPARE(activations.load(), expected);
}

void tst_EpollEventDispatcher::deletingNotifiersInsideActivation_data()
{
    QTest::addColumn<bool>("deleteReader");
    QTest::addColumn<bool>("deleteWriter");
    QTest::addColumn<int>("expectedWrites");

    // Both are ready in the same epoll event; the reader is activated first.
    QTest::addRow("reader deletes itself") << true << false << 1;
    QTest::addRow("reader deletes the writer") << false << true << 0;
}

void tst_EpollEventDispatcher::deletingNotifiersInsideActivation()
{
    QFETCH(bool, deleteReader);
    QFETCH(bool, deleteWriter);
    QFETCH(int, expectedWrites);

    std::atomic<int> reads{0}, writes{0};
    SocketPair pair;
    QVERIFY(pair.send("data"));
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *reader = new QSocketNotifier(pair.fd[0], QSocketNotifier::Read, t.context());
        auto *writer = new QSocketNotifier(pair.fd[0], QSocketNotifier::Write, t.context());
        QObject::connect(writer, &QSocketNotifier::activated, writer, [&, writer] {
            ++writes;
            writer->setEnabled(false);
        });
        QObject::connect(reader, &QSocketNotifier::activated, reader, [&, reader, writer] {
            ++reads;
            drain(pair.fd[0]);
            if (deleteWriter)
                delete writer;
            if (deleteReader)
                delete reader;
        });
    }));
    QTRY_COMPARE_WITH_TIMEOUT(reads.load(), 1, 2000);
    if (expectedWrites > 0)
        QTRY_COMPARE_WITH_TIMEOUT(writes.load(), expectedWrites, 2000);
    QTest::qWait(60);
    QCOMPARE(reads.load(), 1);
    QCOMPARE(writes.load(), expectedWrites);
}

// Two readable descriptors in one batch; the first activation deletes the other's notifier, puts a fresh, idle
// socket on the other's descriptor number and watches it: the batch's stale event must not reach the new one.
void tst_EpollEventDispatcher::descriptorReusedWithinBatchGetsNoStaleEvent()
{
    std::atomic<int> first{0}, reused{0}, reusedFd{-1};
    SocketPair a, b, fresh;
    QVERIFY(a.send("a") && b.send("b"));
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *na = new QSocketNotifier(a.fd[0], QSocketNotifier::Read, t.context());
        auto *nb = new QSocketNotifier(b.fd[0], QSocketNotifier::Read, t.context());
        auto onFirst = [&, na, nb](QSocketNotifier *self) {
            if (++first > 1)
                return;
            QSocketNotifier *other = self == na ? nb : na;
            const int otherFd = int(other->socket());
            drain(int(self->socket()));
            delete other;
            // dup2() closes the old socket and reuses its number for the fresh, idle one.
            if (::dup2(fresh.fd[0], otherFd) != otherFd)
                return;
            reusedFd = otherFd;
            auto *watcher = new QSocketNotifier(otherFd, QSocketNotifier::Read, t.context());
            QObject::connect(watcher, &QSocketNotifier::activated, watcher, [&, otherFd] {
                ++reused;
                drain(otherFd);
            });
        };
        QObject::connect(na, &QSocketNotifier::activated, na, [onFirst, na] { onFirst(na); });
        QObject::connect(nb, &QSocketNotifier::activated, nb, [onFirst, nb] { onFirst(nb); });
    }));
    QTRY_VERIFY_WITH_TIMEOUT(reusedFd.load() >= 0, 2000);
    QTest::qWait(60);
    QCOMPARE(first.load(), 1);
    QCOMPARE(reused.load(), 0);
    QVERIFY(fresh.send("now")); // the new notifier does work
    QTRY_COMPARE_WITH_TIMEOUT(reused.load(), 1, 2000);
}

// 2,000 socket pairs (more descriptors than one epoll batch holds, numbers well past 1024): each readable
// socket activates its own notifier exactly once, sparse readiness reaches the right one, and unregistered
// notifiers stay silent.
void tst_EpollEventDispatcher::thousandsOfSocketsEachActivateOnlyForThemselves()
{
    constexpr int Pairs = 2000;
    rlimit limit{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_cur < 2 * Pairs + 256) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 2 * Pairs + 256);
        ::setrlimit(RLIMIT_NOFILE, &limit);
        if (limit.rlim_cur < 2 * Pairs + 256)
            QSKIP("the open-files limit is too low for 2,000 socket pairs");
    }
    std::vector<std::unique_ptr<SocketPair>> pairs;
    for (int i = 0; i < Pairs; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->fd[0] >= 0);
    }
    auto reads = std::make_unique<std::atomic<int>[]>(Pairs);
    std::atomic<int> total{0};
    std::vector<QSocketNotifier *> notifiers(Pairs);
    DispatcherThread t;
    QVERIFY(t.run([&] {
        for (int i = 0; i < Pairs; ++i) {
            notifiers[size_t(i)] = new QSocketNotifier(pairs[size_t(i)]->fd[0], QSocketNotifier::Read, t.context());
            QObject::connect(notifiers[size_t(i)], &QSocketNotifier::activated, t.context(), [&, i] {
                drain(pairs[size_t(i)]->fd[0]);
                ++reads[i];
                ++total;
            });
        }
    }));
    auto expectReads = [&](const std::function<int(int)> &expected) {
        for (int i = 0; i < Pairs; ++i) {
            if (reads[i].load() != expected(i))
                return u"socket %1 read %2 times, not %3"_s.arg(i).arg(reads[i].load()).arg(expected(i));
        }
        return QString();
    };
    for (const auto &pair : pairs)
        QVERIFY(pair->send("x"));
    QTRY_COMPARE_WITH_TIMEOUT(total.load(), Pairs, 10000);
    QTest::qWait(50);
    QCOMPARE(expectReads([](int) { return 1; }), QString());

    for (int i = 0; i < Pairs; i += 97) { // one at a time: each wait reports exactly that descriptor
        QVERIFY(pairs[size_t(i)]->send("y"));
        QTRY_COMPARE_WITH_TIMEOUT(reads[i].load(), 2, 2000);
    }
    QVERIFY(t.run([&] {
        for (int i = 0; i < Pairs; i += 2)
            delete notifiers[size_t(i)];
    }));
    const int before = total.load();
    for (const auto &pair : pairs)
        QVERIFY(pair->send("z"));
    QTRY_COMPARE_WITH_TIMEOUT(total.load(), before + Pairs / 2, 10000);
    QTest::qWait(50);
    QCOMPARE(expectReads([](int i) { return (i % 97 == 0 ? 2 : 1) + (i % 2); }), QString());
}

void tst_EpollEventDispatcher::zeroTimerDoesNotStarveSocketsOrTimers()
{
    std::atomic<int> zeroTicks{0}, tenMsTicks{0}, reads{0};
    QTimer *zero = nullptr;
    SocketPair pair;
    DispatcherThread t;
    QVERIFY(t.run([&] {
        zero = new QTimer(t.context());
        QObject::connect(zero, &QTimer::timeout, zero, [&] { ++zeroTicks; });
        zero->start(0);
        auto *tenMs = new QTimer(t.context());
        QObject::connect(tenMs, &QTimer::timeout, tenMs, [&] { ++tenMsTicks; });
        tenMs->start(10);
        auto *notifier = new QSocketNotifier(pair.fd[0], QSocketNotifier::Read, t.context());
        QObject::connect(notifier, &QSocketNotifier::activated, notifier, [&] {
            drain(pair.fd[0]);
            ++reads;
        });
    }));
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(pair.send("x"));
        QTRY_COMPARE_WITH_TIMEOUT(reads.load(), i, 1000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(tenMsTicks.load() >= 5, 1000);
    QVERIFY(zeroTicks.load() > 100);
    QVERIFY(t.run([&] { zero->stop(); }));
}

// Regression for a lost wake-up: a wake-up from another thread was skipped while an own post was pending (own
// posts write no eventfd), and the next pass cleared both that and the interrupt, then blocked; so an exit()
// landing between the loop's exit check and that pass was lost. Many nested loops on the thread, each with an
// own post pending, exited from another thread at varying moments; a lost exit() leaves one blocked. The window
// is a few instructions wide: this stress test caught the old code in roughly one run of five to ten.
void tst_EpollEventDispatcher::exitFromAnotherThreadIsNeverLost()
{
    constexpr int Rounds = 20000;
    std::atomic<QEventLoop *> published{nullptr};
    std::atomic<int> exits{0}, rounds{0};
    std::atomic<bool> stop{false};
    std::thread exiter([&] {
        while (!stop.load()) {
            QEventLoop *loop = published.exchange(nullptr);
            if (!loop) {
                std::this_thread::yield(); // the machine may have fewer cores than spinning threads
                continue;
            }
            std::atomic<int> spin{exits.load() * 7919 % 300}; // a varying delay, without sleeping
            while (spin.fetch_sub(1, std::memory_order_relaxed) > 0) {
            }
            loop->exit();
            ++exits;
        }
    });
    DispatcherThread t;
    QObject *context = t.context();
    QMetaObject::invokeMethod(
        context,
        [&, context] {
            for (int round = 0; round < Rounds && !stop.load(); ++round) {
                QEventLoop loop;
                QMetaObject::invokeMethod(
                    context,
                    [&, context] {
                        QMetaObject::invokeMethod(
                            context, [] {}, Qt::QueuedConnection); // stays pending
                        published = &loop;
                    },
                    Qt::QueuedConnection);
                loop.exec();
                while (exits.load() == round) // exit() may still be running: keep the loop alive
                    std::this_thread::yield();
                ++rounds;
            }
        },
        Qt::QueuedConnection);
    const bool finished = QTest::qWaitFor([&] { return rounds.load() == Rounds; }, 30000);
    const int blockedIn = rounds.load();
    stop = true;
    if (!finished) // unblock it (a post from here writes the eventfd) so that the test can end
        QMetaObject::invokeMethod(
            context, [] {}, Qt::QueuedConnection);
    exiter.join();
    QVERIFY2(finished, qPrintable(u"round %1 never saw its exit()"_s.arg(blockedIn)));
}

// QThread sends the thread's deferred deletes after finished() and only then deletes the dispatcher: objects
// deleteLater'd before quit(), from finished() and with the context all go; their running timers and ready
// notifiers unregister from a dispatcher that is still alive (AddressSanitizer checks that), which goes last.
void tst_EpollEventDispatcher::threadExitDeletesDeferredObjectsWithTimersAndNotifiers()
{
    std::atomic<int> destroyed{0};
    std::atomic<bool> installed{false};
    SocketPair pairs[3];
    for (SocketPair &pair : pairs)
        QVERIFY(pair.send("unread")); // each notifier stays ready until its object goes
    QPointer<QAbstractEventDispatcher> dispatcher;
    DispatcherThread t;
    dispatcher = t.dispatcher();
    QVERIFY(t.run([&] {
        installed = QAbstractEventDispatcher::instance() == t.dispatcher();
        auto arm = [&](QObject *parent, SocketPair &pair) {
            auto *probe = new Probe(&destroyed);
            probe->setParent(parent);
            probe->startTimer(1, Qt::PreciseTimer);
            probe->startTimer(60'000, Qt::VeryCoarseTimer);
            new QSocketNotifier(pair.fd[0], QSocketNotifier::Read, probe);
            return probe;
        };
        Probe *early = arm(nullptr, pairs[0]);
        Probe *atFinish = arm(nullptr, pairs[1]);
        arm(t.context(), pairs[2]);
        QObject::connect(t.thread(), &QThread::finished, atFinish, &QObject::deleteLater);
        early->deleteLater();
        t.thread()->quit();
    }));
    QVERIFY(t.thread()->wait(5000));
    QVERIFY(installed.load());
    QCOMPARE(destroyed.load(), 3);
    QVERIFY(dispatcher.isNull());
}

// A timer whose timerEvent() runs a nested loop is not fired again inside it, and (regression) a zero-interval
// one does not keep the nested loop from blocking; other timers run there, and a deleteLater() from before the
// nested loop waits for the outer loop (Qt's rule, kept by sendPostedEvents()).
void tst_EpollEventDispatcher::timerRunningNestedLoopIsParked()
{
    std::atomic<int> outerFires{0}, depth{0}, maxDepth{0}, innerTicks{0}, blocked{0};
    std::atomic<bool> deletedInside{false}, deletedAfter{false};
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *doomed = new QObject(t.context());
        auto *outer = new Probe;
        outer->setParent(t.context());
        outer->onTimer = [&, doomed = QPointer<QObject>(doomed)](Probe *self, int id) {
            maxDepth = std::max(maxDepth.load(), ++depth);
            if (++outerFires == 1) {
                doomed->deleteLater();
                QEventLoop nested;
                QObject::connect(t.dispatcher(), &QAbstractEventDispatcher::aboutToBlock, &nested, [&] { ++blocked; });
                QTimer inner;
                QObject::connect(&inner, &QTimer::timeout, &inner, [&] { ++innerTicks; });
                inner.start(20);
                QTimer::singleShot(150, &nested, [&] {
                    deletedInside = doomed.isNull();
                    nested.quit();
                });
                nested.exec();
            } else if (outerFires == 3) {
                deletedAfter = doomed.isNull();
                self->killTimer(id);
            }
            --depth;
        };
        outer->startTimer(0);
    }));
    QTRY_COMPARE_WITH_TIMEOUT(outerFires.load(), 3, 5000);
    QCOMPARE(maxDepth.load(), 1);
    QVERIFY2(innerTicks.load() >= 3, qPrintable(QString::number(innerTicks.load())));
    QVERIFY2(blocked.load() >= 3, qPrintable(u"the nested loop blocked %1 times"_s.arg(blocked.load())));
    QVERIFY(!deletedInside.load());
    QVERIFY(deletedAfter.load());
}

// Two sockets ready in one batch; the first activation processes events itself, which serves the second (and
// drains it). Back in the outer pass, the second must not be activated again from the outer batch's stale readiness.
void tst_EpollEventDispatcher::nestedLoopDoesNotReplayOuterBatch()
{
    std::atomic<int> nestedRuns{0}, servedInside{0}, spurious{0};
    SocketPair a, b;
    QVERIFY(a.send("a") && b.send("b"));
    DispatcherThread t;
    QVERIFY(t.run([&] {
        auto *na = new QSocketNotifier(a.fd[0], QSocketNotifier::Read, t.context());
        auto *nb = new QSocketNotifier(b.fd[0], QSocketNotifier::Read, t.context());
        auto onReadable = [&](QSocketNotifier *self) {
            char byte = 0;
            if (::read(int(self->socket()), &byte, 1) != 1) {
                ++spurious; // activated without data: readiness from an older wait
                return;
            }
            if (nestedRuns++ == 0) {
                // Not QEventLoop::exec(): its quit() interrupts the outer pass, which hides the stale batch.
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            } else {
                ++servedInside;
            }
        };
        QObject::connect(na, &QSocketNotifier::activated, na, [onReadable, na] { onReadable(na); });
        QObject::connect(nb, &QSocketNotifier::activated, nb, [onReadable, nb] { onReadable(nb); });
    }));
    QTRY_COMPARE_WITH_TIMEOUT(nestedRuns.load(), 2, 2000);
    QTest::qWait(100);
    QCOMPARE(servedInside.load(), 1);
    QCOMPARE(spurious.load(), 0);
}

void tst_EpollEventDispatcher::processEventsHonoursFlags_data()
{
    QTest::addColumn<QEventLoop::ProcessEventsFlags>("flags");
    QTest::addColumn<int>("interval"); // of the timer, milliseconds
    QTest::addColumn<int>("reads");    // activations of the readable socket during the call
    QTest::addColumn<int>("ticks");
    QTest::addColumn<bool>("processed"); // the result: zero-interval timers do not count

    using Flags = QEventLoop::ProcessEventsFlags;
    QTest::addRow("no flags: everything ready, no wait") << Flags() << 0 << 1 << 1 << true;
    QTest::addRow("ExcludeSocketNotifiers") << Flags(QEventLoop::ExcludeSocketNotifiers) << 0 << 0 << 1 << false;
    QTest::addRow("X11ExcludeTimers") << Flags(QEventLoop::X11ExcludeTimers) << 0 << 1 << 0 << true;
    QTest::addRow("waiting without sockets blocks until the timer")
        << (QEventLoop::WaitForMoreEvents | QEventLoop::ExcludeSocketNotifiers) << 30 << 0 << 1 << true;
}

// One processEvents() call on the dispatcher's thread, with a readable socket and a due (or 30 ms) timer.
void tst_EpollEventDispatcher::processEventsHonoursFlags()
{
    QFETCH(QEventLoop::ProcessEventsFlags, flags);
    QFETCH(int, interval);
    QFETCH(int, reads);
    QFETCH(int, ticks);
    QFETCH(bool, processed);

    int readsSeen = -1, ticksSeen = -1;
    bool result = !processed;
    qint64 waited = -1;
    SocketPair pair;
    QVERIFY(pair.send("x"));
    DispatcherThread t;
    QVERIFY(t.run([&] {
        // First the wake-up that brought this very call (bounded: a broken result must not spin for ever).
        for (int i = 0; i < 10 && t.dispatcher()->processEvents(QEventLoop::AllEvents); ++i) {
        }
        int r = 0, k = 0;
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
        QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] { ++r; });
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, &timer, [&] { ++k; });
        QElapsedTimer clock;
        clock.start();
        timer.start(interval);
        result = t.dispatcher()->processEvents(flags);
        waited = clock.elapsed();
        readsSeen = r;
        ticksSeen = k;
    }));
    QCOMPARE(readsSeen, reads);
    QCOMPARE(ticksSeen, ticks);
    QCOMPARE(result, processed);
    if (interval > 0)
        QVERIFY2(waited >= interval && waited < interval + Slack, qPrintable(QString::number(waited)));
}

QTEST_GUILESS_MAIN(tst_EpollEventDispatcher)
#include "tst_epolleventdispatcher.moc"

#else
#include <QTest>
QTEST_NOOP_MAIN
#endif // Q_OS_LINUX
