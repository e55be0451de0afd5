#include "httpcore/EpollEventDispatcher.h"

#ifdef Q_OS_LINUX

#include <QCoreApplication>
#include <QEvent>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <limits>
#include <utility>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace httpcore
{

Q_LOGGING_CATEGORY(lcDispatcher, "switchboard.httpcore.dispatcher", QtInfoMsg)

namespace
{

// MaxEvents bounds one epoll batch; level triggering reports whatever did not fit on the next pass.
constexpr int MaxEvents = 256;
// WakeToken is the epoll data of the eventfd; socket tokens never equal it because generations start at 1.
constexpr std::uint64_t WakeToken = 0;
constexpr qint64 NsPerMs = 1'000'000;
// MaxIntervalMs caps intervals so that deadlines in nanoseconds cannot overflow (about 31 years).
constexpr qint64 MaxIntervalMs = qint64(1) << 40;
// Parked is the queue deadline of a timer that came due while its timerEvent() runs: never due.
constexpr qint64 Parked = std::numeric_limits<qint64>::max();

// ActivationMasks[type] are the epoll events that activate a notifier of that QSocketNotifier::Type; the
// mapping of poll() revents in Qt's Unix dispatcher (hang-up and error activate every type).
constexpr std::uint32_t HangUpOrError = EPOLLHUP | EPOLLERR;
constexpr std::array<std::uint32_t, 3> ActivationMasks = {EPOLLIN | HangUpOrError, EPOLLOUT | HangUpOrError,
                                                          EPOLLPRI | HangUpOrError};
constexpr std::array<std::uint32_t, 3> WatchMasks = {EPOLLIN, EPOLLOUT, EPOLLPRI};

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::uint64_t socketToken(int fd, quint32 generation)
{
    return (std::uint64_t(generation) << 32) | std::uint32_t(fd);
}

// periodNs is the firing period of a timer: milliseconds to nanoseconds, whole seconds for VeryCoarseTimer.
qint64 periodNs(qint64 intervalMs, Qt::TimerType type)
{
    qint64 ms = std::clamp<qint64>(intervalMs, 0, MaxIntervalMs);
    if (type == Qt::VeryCoarseTimer && ms > 0)
        ms = std::max<qint64>(1000, (ms + 500) / 1000 * 1000);
    return ms * NsPerMs;
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epollFd < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create an epoll instance or an eventfd: %s", std::strerror(errno));
    epoll_event event = {};
    event.events = EPOLLIN;
    event.data.u64 = WakeToken;
    if (::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("EpollEventDispatcher: cannot watch the wake-up eventfd: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    m_ownerThread.storeRelaxed(QThread::currentThreadId());
    // Cleared before the posted events are sent: an own post from now on sets it again and keeps the wait short.
    // Own posts since the last pass are sent now, which counts as processing. (Wake-ups from other threads stay
    // pending until the eventfd is read after the wait: clearing them here could lose an interrupt() that
    // QEventLoop::exit() sent after the loop last checked its exit flag.)
    int processed = std::exchange(m_postedSelf, false) ? 1 : 0;
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.loadRelaxed())
        return processed > 0;

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeSockets = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const int timeout = waitTimeout(flags.testFlag(QEventLoop::WaitForMoreEvents), includeTimers);
    // On the stack: a nested loop started by an activation below gets a batch of its own.
    epoll_event events[MaxEvents];
    if (timeout != 0)
        Q_EMIT aboutToBlock();
    const int ready = waitForEvents(events, MaxEvents, includeSockets, timeout);
    const quint64 wait = ++m_waits;
    if (timeout != 0)
        Q_EMIT awake();

    // A nested loop that waited again (from an activation below) saw newer readiness: the rest of this batch
    // is stale and dropped; what is still ready is reported again (level-triggered).
    for (int i = 0; i < ready && !m_interrupted.loadRelaxed() && m_waits == wait; ++i) {
        if (events[i].data.u64 == WakeToken) {
            consumeWakeUp();
            ++processed;
        } else {
            processed += activateSocket(events[i].data.u64, events[i].events);
        }
    }
    if (includeTimers && !m_interrupted.loadRelaxed())
        processed += activateTimers();
    return processed > 0;
}

// waitTimeout is the epoll_wait() timeout in milliseconds: 0 when the pass must not block, until the earliest
// timer (rounded up, so that the wait never ends just before it) or -1 (no limit) otherwise.
int EpollEventDispatcher::waitTimeout(bool mayWait, bool includeTimers) const
{
    if (!mayWait || m_interrupted.loadRelaxed() || m_postedSelf || m_wakeUpPending.loadAcquire())
        return 0;
    if (!includeTimers || m_queue.empty() || m_queue.begin()->first.first == Parked)
        return -1;
    const qint64 remaining = m_queue.begin()->first.first - nowNs();
    if (remaining <= 0)
        return 0;
    return int(std::min<qint64>((remaining + NsPerMs - 1) / NsPerMs, INT_MAX));
}

// waitForEvents waits for ready descriptors (or only the wake-up eventfd without includeSockets) and returns
// how many records it stored in out.
int EpollEventDispatcher::waitForEvents(epoll_event *out, int capacity, bool includeSockets, int timeout)
{
    if (!includeSockets) {
        pollfd wake = {m_wakeFd, POLLIN, 0};
        const int result = ::poll(&wake, 1, timeout);
        if (result <= 0)
            return 0;
        out[0] = {};
        out[0].data.u64 = WakeToken;
        return 1;
    }
    const int result = ::epoll_wait(m_epollFd, out, capacity, timeout);
    if (result < 0) {
        if (errno != EINTR)
            qCCritical(lcDispatcher) << "epoll_wait failed:" << std::strerror(errno);
        return 0;
    }
    return result;
}

// consumeWakeUp reads the eventfd, then ends the pending wake-up (in this order, as Qt's QThreadPipe: a wakeUp()
// in between writes nothing, and its posted event or interrupt is seen by this pass or the next pass's
// sendPostedEvents(), which runs before any wait).
void EpollEventDispatcher::consumeWakeUp()
{
    std::uint64_t value = 0;
    [[maybe_unused]] const ssize_t got = ::read(m_wakeFd, &value, sizeof value);
    m_wakeUpPending.storeRelease(0);
}

void EpollEventDispatcher::wakeUp()
{
    // A post from the thread itself (the common case: queued calls to its own objects) needs no syscall: the
    // thread is running, and its next pass sends posted events before it may wait.
    if (m_ownerThread.loadRelaxed() == QThread::currentThreadId()) {
        m_postedSelf = true;
        return;
    }
    if (!m_wakeUpPending.testAndSetAcquire(0, 1))
        return; // the eventfd was written and not read yet
    const std::uint64_t one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

// Socket notifiers ---------------------------------------------------------------------------------------

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr fd = notifier->socket();
    const auto type = std::size_t(notifier->type());
    if (fd < 0 || fd > INT_MAX || type >= WatchMasks.size()) {
        qCWarning(lcDispatcher) << "cannot register a socket notifier for descriptor" << fd;
        return;
    }
    if (std::size_t(fd) >= m_sockets.size())
        m_sockets.resize(std::max(std::size_t(fd) + 1, m_sockets.size() * 2));
    SocketEntry &entry = m_sockets[std::size_t(fd)];
    if (entry.notifiers[type] && entry.notifiers[type] != notifier) {
        qCWarning(lcDispatcher) << "multiple socket notifiers of type" << type << "for descriptor" << fd
                                << "; the last one wins";
        // The first may belong to a closed descriptor whose number was reused: the kernel dropped that
        // registration, so register anew rather than trust entry.events.
        entry.events = 0;
    }
    if (entry.generation == 0) {
        // A new registration: stale events of an earlier one (same descriptor number) in a batch being
        // dispatched carry another generation and are dropped.
        if (++m_nextGeneration == 0)
            m_nextGeneration = 1;
        entry.generation = m_nextGeneration;
    }
    entry.notifiers[type] = notifier;
    updateRegistration(int(fd), entry);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr fd = notifier->socket();
    const auto type = std::size_t(notifier->type());
    if (fd < 0 || std::size_t(fd) >= m_sockets.size() || type >= WatchMasks.size())
        return;
    SocketEntry &entry = m_sockets[std::size_t(fd)];
    if (entry.notifiers[type] != notifier)
        return;
    entry.notifiers[type] = nullptr;
    updateRegistration(int(fd), entry);
}

// updateRegistration makes the epoll set watch fd for what entry's notifiers want; an entry left without
// notifiers leaves the set and loses its generation.
void EpollEventDispatcher::updateRegistration(int fd, SocketEntry &entry)
{
    std::uint32_t wanted = 0;
    for (std::size_t type = 0; type < WatchMasks.size(); ++type) {
        if (entry.notifiers[type])
            wanted |= WatchMasks[type];
    }
    if (wanted == 0) {
        // ENOENT/EBADF: the descriptor was closed first, which removed it from the set already.
        if (entry.events != 0)
            ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
        entry = SocketEntry();
        return;
    }
    if (wanted == entry.events)
        return;
    epoll_event event = {};
    event.events = wanted;
    event.data.u64 = socketToken(fd, entry.generation);
    int op = entry.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    int result = ::epoll_ctl(m_epollFd, op, fd, &event);
    if (result != 0 && ((op == EPOLL_CTL_MOD && errno == ENOENT) || (op == EPOLL_CTL_ADD && errno == EEXIST))) {
        // MOD/ENOENT: the descriptor was closed and reused without unregistering, and the kernel dropped it.
        // ADD/EEXIST: an earlier failed DEL left it in the set.
        op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        result = ::epoll_ctl(m_epollFd, op, fd, &event);
    }
    if (result != 0) {
        qCWarning(lcDispatcher) << "cannot watch descriptor" << fd << "with epoll:" << std::strerror(errno);
        entry.events = 0;
        return;
    }
    entry.events = wanted;
}

// activateSocket sends QEvent::SockAct to the notifiers of the descriptor in token that revents makes ready,
// looking each up again first: an earlier activation may have disabled or deleted it, or reused the descriptor.
int EpollEventDispatcher::activateSocket(std::uint64_t token, std::uint32_t revents)
{
    const auto fd = std::size_t(token & 0xffffffffu);
    const auto generation = quint32(token >> 32);
    int activated = 0;
    for (std::size_t type = 0; type < ActivationMasks.size(); ++type) {
        if ((revents & ActivationMasks[type]) == 0)
            continue;
        if (m_interrupted.loadRelaxed() || fd >= m_sockets.size() || m_sockets[fd].generation != generation)
            break;
        QSocketNotifier *notifier = m_sockets[fd].notifiers[type];
        if (!notifier)
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

// Timers ---------------------------------------------------------------------------------------------------

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    Q_ASSERT(timerId > 0 && interval >= 0 && object);
    if (const auto it = m_timers.find(timerId); it != m_timers.end()) {
        qCWarning(lcDispatcher) << "timer" << timerId << "registered twice; the last registration wins";
        removeTimer(&it->second);
    }
    Timer &timer = m_timers[timerId];
    timer.id = timerId;
    timer.type = timerType;
    timer.interval = interval;
    timer.period = periodNs(interval, timerType);
    timer.object = object;
    timer.serial = ++m_nextSerial;
    timer.queued = m_queue.emplace(QueueKey{nowNs() + timer.period, ++m_nextOrder}, &timer).first;
    Timer *&head = m_byObject[object];
    timer.nextOfObject = head;
    if (head)
        head->prevOfObject = &timer;
    head = &timer;
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    removeTimer(&it->second);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    const auto it = m_byObject.find(object);
    if (it == m_byObject.end())
        return false;
    // removeTimer() erases the m_byObject entry with the last timer: walk with local pointers only.
    for (Timer *timer = it->second; timer;) {
        Timer *next = timer->nextOfObject;
        removeTimer(timer);
        timer = next;
    }
    return true;
}

// removeTimer unlinks timer from the queue and its object's list and destroys it.
void EpollEventDispatcher::removeTimer(Timer *timer)
{
    m_queue.erase(timer->queued);
    if (timer->nextOfObject)
        timer->nextOfObject->prevOfObject = timer->prevOfObject;
    if (timer->prevOfObject) {
        timer->prevOfObject->nextOfObject = timer->nextOfObject;
    } else if (timer->nextOfObject) {
        m_byObject[timer->object] = timer->nextOfObject;
    } else {
        m_byObject.erase(timer->object);
    }
    m_timers.erase(timer->id);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    const auto it = m_byObject.find(object);
    for (const Timer *timer = it == m_byObject.end() ? nullptr : it->second; timer; timer = timer->nextOfObject)
        timers.append(TimerInfo(timer->id, int(std::min<qint64>(timer->interval, INT_MAX)), timer->type));
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    if (it->second.parked)
        return int(std::min<qint64>(it->second.interval, INT_MAX));
    const qint64 remaining = it->second.queued->first.first - nowNs();
    if (remaining <= 0)
        return 0;
    return int(std::min<qint64>((remaining + NsPerMs - 1) / NsPerMs, INT_MAX));
}

// activateTimers fires every timer due now, each at most once: a timer re-armed in this pass (zero interval, or
// one that fell behind) waits for the next pass, after the next epoll batch.
int EpollEventDispatcher::activateTimers()
{
    const qint64 now = nowNs();
    const quint64 pass = ++m_pass;
    int fired = 0;
    while (!m_queue.empty() && !m_interrupted.loadRelaxed()) {
        const auto first = m_queue.begin();
        Timer *timer = first->second;
        const qint64 deadline = first->first.first;
        if (deadline > now || timer->lastPass == pass)
            break; // queue order: every timer still due was re-armed in this pass
        timer->lastPass = pass;
        if (timer->inTimerEvent) {
            // Its timerEvent() runs a nested loop: no re-entrant firing, and no busy loop on a zero interval
            // either. fireTimer() re-arms it when the timerEvent() returns.
            timer->parked = true;
            requeue(timer, Parked);
            continue;
        }
        // Re-arm before delivery, keeping the phase unless the timer fell behind.
        const qint64 next = deadline + timer->period;
        requeue(timer, next < now ? now + timer->period : next);
        if (timer->period > 0)
            ++fired;
        fireTimer(timer);
    }
    return fired;
}

// fireTimer sends the QTimerEvent. The handler may kill the timer, kill others, delete the object or start a
// timer that reuses the id: nothing of timer is touched afterwards unless id and serial still match.
void EpollEventDispatcher::fireTimer(Timer *timer)
{
    const int id = timer->id;
    const quint64 serial = timer->serial;
    QObject *object = timer->object;
    timer->inTimerEvent = true;
    QTimerEvent event(id);
    QCoreApplication::sendEvent(object, &event);
    const auto it = m_timers.find(id);
    if (it == m_timers.end() || it->second.serial != serial)
        return;
    Timer &same = it->second;
    same.inTimerEvent = false;
    if (same.parked) {
        same.parked = false;
        requeue(&same, nowNs() + same.period);
    }
}

// requeue moves timer to deadline in the queue, behind the timers already due then; the map node is reused.
void EpollEventDispatcher::requeue(Timer *timer, qint64 deadline)
{
    auto node = m_queue.extract(timer->queued);
    node.key() = QueueKey{deadline, ++m_nextOrder};
    timer->queued = m_queue.insert(std::move(node)).position;
}

} // namespace httpcore

#endif // Q_OS_LINUX
