#pragma once

#include <QtGlobal>

#ifdef Q_OS_LINUX

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <array>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

class QSocketNotifier;
struct epoll_event;

namespace httpcore
{

// EpollEventDispatcher is an event dispatcher for the worker threads built on Linux epoll (Go's netpoller, in
// the place of Qt's poll()- or glib-based dispatchers, which rebuild and scan the whole descriptor set on every
// loop iteration). Every operation is O(1) or O(log n) in the number of sockets and timers: socket notifiers
// live in an epoll set (level-triggered, so readiness means what it means for poll()), timers in an ordered map
// keyed by deadline plus a hash by timer id, and cross-thread wake-ups go through an eventfd.
//
// One pass of processEvents() sends the posted events, waits in epoll_wait() (at most until the earliest timer is due;
// not at all without WaitForMoreEvents or while a wake-up, an own post or an interrupt is pending), activates the
// ready socket notifiers of that batch and then fires the timers that are due once the wait has returned, each at
// most once. Sockets and timers therefore both make progress on every pass: a zero-interval timer cannot starve
// sockets, and a busy socket cannot starve timers (epoll hands back ready descriptors round-robin).
//
// Socket notifiers: one descriptor may have a Read, a Write and an Exception notifier; they share one epoll
// registration. Read is activated on EPOLLIN, Write on EPOLLOUT, Exception on EPOLLPRI, and each of them on
// EPOLLHUP or EPOLLERR (which epoll always reports): the poll() mapping of Qt's Unix dispatcher, so that a hung-up
// descriptor reaches whichever notifier is enabled instead of making every wait return at once. Activation sends
// QEvent::SockAct. The notifier is looked up again, by descriptor and registration generation, right before each
// activation, so notifiers disabled or deleted by an earlier activation of the same batch are skipped, and a
// descriptor closed and reused within a batch never receives the old descriptor's readiness. A nested loop that
// waits again ends the outer pass's batch, so readiness is never replayed from an older wait. Descriptors epoll
// cannot watch (regular files) are reported with a warning and never activated. As with poll(), a notifier must
// be disabled before its descriptor is closed (QSocketNotifier users do so).
//
// Timers: PreciseTimer and CoarseTimer are both kept to the millisecond (CoarseTimer's 5% allowance is not
// used: epoll_wait() has millisecond resolution anyway). VeryCoarseTimer intervals are rounded to the nearest
// whole second (at least one second for a non-zero interval). A repeating timer keeps its phase (next deadline =
// previous deadline + interval) unless it fell behind, then it restarts from now. Timers due at the same time fire
// in the order they were (re)armed. A timer never fires re-entrantly: while its own timerEvent() runs a nested
// event loop it is parked (neither due nor shortening any wait) and re-armed one interval after that timerEvent()
// returns. Zero-interval timers do not count as processed events in processEvents()' result, as in Qt's own
// dispatchers.
//
// Flags: WaitForMoreEvents allows blocking; ExcludeSocketNotifiers waits on the wake-up eventfd alone;
// X11ExcludeTimers skips the timers and ignores their deadlines. EventLoopExec and the other flags change
// nothing (every pass is fair already). aboutToBlock() is emitted right before a wait that may block, awake()
// right after it returns.
//
// Thread exit: QThread sends the deferred deletes of its thread after finished() and then deletes its dispatcher;
// notifiers and timers of objects deleted then unregister from a dispatcher that is still alive.
//
// Thread affinity: constructed on any thread, then installed with QThread::setEventDispatcher() before the
// thread starts; from then on every member function is for that thread, except wakeUp() and interrupt(), which
// are thread-safe. Creating it aborts the process (qFatal) when the kernel refuses an epoll instance or an
// eventfd, as Qt's dispatchers do when they cannot create their wake-up pipe.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    // EpollEventDispatcher creates the epoll instance and the wake-up eventfd.
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    // ~EpollEventDispatcher closes both descriptors; registered notifiers and timers are forgotten.
    ~EpollEventDispatcher() override;
    Q_DISABLE_COPY_MOVE(EpollEventDispatcher)

    // processEvents runs one pass (see the class comment) and returns whether it delivered anything: posted
    // events announced by a wake-up, a socket activation or a timer with a non-zero interval.
    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    // registerSocketNotifier starts watching notifier's descriptor for its type. A second notifier of the same
    // type on the same descriptor replaces the first, with a warning. The notifier is not owned.
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    // unregisterSocketNotifier stops watching for notifier; unknown notifiers are ignored.
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    using QAbstractEventDispatcher::registerTimer;
    // registerTimer arms timer timerId (allocated by Qt) for object, first due interval milliseconds from now.
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    // unregisterTimer disarms timerId; returns false if it was not registered. The id is not released.
    bool unregisterTimer(int timerId) override;
    // unregisterTimers disarms every timer of object; returns whether there was any.
    bool unregisterTimers(QObject *object) override;
    // registeredTimers lists object's timers with the intervals they were registered with.
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    // remainingTime returns the milliseconds until timerId is due, rounded up (0 when overdue; its interval while
    // it is parked in its own timerEvent()), or -1 when no such timer is registered.
    int remainingTime(int timerId) override;

    // wakeUp makes a blocked or the next wait return at once. Thread-safe. Wake-ups from other threads coalesce
    // into one eventfd write until the thread reads it; one from the dispatcher's own thread (a post to its own
    // objects) writes nothing: the thread is running and will not block before its next pass sends posted events.
    void wakeUp() override;
    // interrupt makes the running pass return as soon as the current activation returns, skipping the rest of
    // its batch (level-triggered readiness is reported again). Thread-safe.
    void interrupt() override;

private:
    struct Timer;
    // QueueKey orders the timer queue: deadline (nanoseconds on the steady clock), then arming sequence, so that
    // timers due at the same time fire first-armed first.
    using QueueKey = std::pair<qint64, quint64>;
    using Queue = std::map<QueueKey, Timer *>;

    struct Timer
    {
        int id = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        qint64 interval = 0;       // milliseconds, as registered
        qint64 period = 0;         // nanoseconds between firings (rounded for VeryCoarseTimer)
        QObject *object = nullptr; // not owned
        Queue::iterator queued;    // its entry in m_queue, whose key holds the deadline
        quint64 serial = 0;        // unique per registration, tells a reused id apart
        quint64 lastPass = 0;      // the last activation pass that took it
        bool inTimerEvent = false; // its timerEvent() is on the stack
        bool parked = false;       // queued at Parked because it came due while inTimerEvent
        Timer *prevOfObject = nullptr;
        Timer *nextOfObject = nullptr;
    };

    // SocketEntry is the registration of one descriptor (index in m_sockets).
    struct SocketEntry
    {
        std::array<QSocketNotifier *, 3> notifiers = {}; // by QSocketNotifier::Type; not owned
        quint32 generation = 0;                          // 0 while no notifier is registered
        quint32 events = 0;                              // what epoll watches for it (0: not in the set)
    };

    int waitTimeout(bool mayWait, bool includeTimers) const;
    int waitForEvents(epoll_event *events, int capacity, bool includeSockets, int timeout);
    void consumeWakeUp();
    int activateSocket(std::uint64_t token, std::uint32_t revents);
    int activateTimers();
    void fireTimer(Timer *timer);
    void updateRegistration(int fd, SocketEntry &entry);
    void removeTimer(Timer *timer);

    void requeue(Timer *timer, qint64 deadline);

    int m_epollFd = -1;
    int m_wakeFd = -1;
    // m_wakeUpPending is 1 from the wakeUp() of another thread that writes the eventfd until the dispatcher's
    // thread has read it. Invariant: while it is 1, the eventfd is (or is about to be) readable, so no wait blocks.
    QAtomicInt m_wakeUpPending;
    // m_ownerThread is the thread that runs processEvents() (null until it first does).
    QAtomicPointer<void> m_ownerThread;
    QAtomicInt m_interrupted;
    // m_postedSelf is set by a wakeUp() on the dispatcher's own thread and cleared when a pass starts sending
    // posted events; a pass does not block while it is set. Only touched on the dispatcher's thread.
    bool m_postedSelf = false;

    std::vector<SocketEntry> m_sockets; // indexed by descriptor
    quint32 m_nextGeneration = 0;

    std::unordered_map<int, Timer> m_timers;           // by timer id; nodes are stable
    std::unordered_map<QObject *, Timer *> m_byObject; // head of each object's timer list
    Queue m_queue;                                     // by deadline: begin() is due first
    quint64 m_nextOrder = 0;
    quint64 m_nextSerial = 0;
    quint64 m_pass = 0;
    quint64 m_waits = 0; // epoll waits so far: a pass tells whether a nested one waited after it
};

} // namespace httpcore

#endif // Q_OS_LINUX
