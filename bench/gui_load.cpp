// gui_load: the real MainWindow serving a route set under load, measuring how long the GUI thread's event loop
// stalls (issue: desktop GUI). bench/run-gui-load.sh drives it with wrk; see docs/benchmarks.md.
//
// It opens the window (shown, 1280x800, the Requests tab with the log visible) on the bundled example route set
// or --routes, starts its server on 127.0.0.1:0 with --workers threads (default 1), prints "pid N" and
// "listening on http://127.0.0.1:PORT" and flushes. A PreciseTimer of --interval-ms (default 1) records the gap
// between its firings while a measuring window is open: a gap well above the interval is the event loop being
// busy (or the GUI thread not being scheduled). Every top-level event dispatch of the GUI thread is timed too
// (wall and thread CPU time), so a long gap can be matched to what ran in it.
//
// Measuring windows: SIGUSR1 opens one, SIGUSR2 closes it and prints its report (the process keeps running, so one
// window can be measured per wrk run); SIGTERM or SIGINT closes an open window, prints it and exits. The signals
// reach the event loop through a self-pipe. Standalone: --start-delay S --duration S opens one window S seconds
// after listening and exits after it.
//
// Report of window N: "== window N" then one "key value" line per figure, then
// "RESULT window=N key=value ..." (the line scripts parse), all flushed at once.

#include "httpcore/Journey.h"
#include "httpcore/middleware/CapturedExchange.h"
#include "ui/live/RequestLogModel.h"
#include "ui/live/RequestRecord.h"
#include "ui/live/RequestsPanel.h"
#include "ui/live/ServerController.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QMetaEnum>
#include <QSocketNotifier>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace
{

int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const int saved = errno;
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
    errno = saved;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 processCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// statusKib reads a "Vm...:" line of /proc/self/status (KiB), -1 when missing.
qint64 statusKib(const char *key)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray wanted = QByteArray(key) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(wanted))
            return line.mid(wanted.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// Dispatch is one top-level event dispatch on the GUI thread that took long enough to keep.
struct Dispatch
{
    qint64 endNs = 0; // since the window opened
    qint64 wallNs = 0;
    qint64 cpuNs = 0;
    QString what;
};

// Gap is one long interval between two firings of the probe timer.
struct Gap
{
    qint64 endNs = 0; // since the window opened
    qint64 ns = 0;
};

// Probe measures the GUI thread: the probe timer's gaps, and (from ProbeApplication::notify) every top-level event
// dispatch. Everything runs on the GUI thread.
class Probe final : public QObject
{
public:
    static constexpr qint64 KeptDispatchNs = 10'000'000; // dispatches of 10 ms or more are kept with a name
    static constexpr qint64 KeptGapNs = 20'000'000;      // gaps of 20 ms or more are kept with their time
    static constexpr qint64 StallNs = 50'000'000;        // the bound

    explicit Probe(int intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer.start();
        m_clock.start();
        m_gaps.reserve(1 << 16);
    }

    bool measuring() const { return m_measuring; }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed() - m_startNs; }

    void start()
    {
        m_gaps.clear();
        m_longGaps.clear();
        m_dispatches.clear();
        m_dispatchCount = 0;
        m_dispatchWallNs = 0;
        m_dispatchCpuNs = 0;
        m_startNs = m_clock.nsecsElapsed();
        m_last = -1;
        m_startCpuNs = threadCpuNs();
        m_startProcessCpuNs = processCpuNs();
        m_measuring = true;
    }

    void stop()
    {
        m_measuring = false;
        m_windowNs = m_clock.nsecsElapsed() - m_startNs;
        m_windowCpuNs = threadCpuNs() - m_startCpuNs;
        m_windowProcessCpuNs = processCpuNs() - m_startProcessCpuNs;
    }

    // dispatched is called by notify() after each top-level dispatch while measuring; the receiver is described
    // from what was read before the dispatch (it may be gone after it).
    void dispatched(const QMetaObject *receiverClass,
                    const QMetaObject *parentClass,
                    const QString &name,
                    QEvent::Type type,
                    qint64 wallNs,
                    qint64 cpuNs)
    {
        ++m_dispatchCount;
        m_dispatchWallNs += wallNs;
        m_dispatchCpuNs += cpuNs;
        if (wallNs < KeptDispatchNs)
            return;
        const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
        QString what = QString::fromLatin1(receiverClass ? receiverClass->className() : "?");
        if (!name.isEmpty())
            what += u'(' + name + u')';
        else if (parentClass)
            what += u" in "_s + QString::fromLatin1(parentClass->className());
        what += u'/' + (typeName ? QString::fromLatin1(typeName) : QString::number(int(type)));
        m_dispatches.push_back({elapsedNs(), wallNs, cpuNs, what});
    }

    struct Report
    {
        double windowS = 0;
        qint64 firings = 0;
        double maxMs = 0, p50Ms = 0, p99Ms = 0, p999Ms = 0;
        qint64 over16 = 0, over50 = 0, over100 = 0;
        double guiCpuPct = 0, processCpuPct = 0;
        double dispatchWallMs = 0, dispatchCpuMs = 0;
        qint64 dispatches = 0;
    };

    Report report() const
    {
        Report r;
        r.windowS = double(m_windowNs) / 1e9;
        std::vector<qint64> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        r.firings = qint64(sorted.size());
        auto quantile = [&sorted](double q) {
            if (sorted.empty())
                return 0.0;
            const auto at = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
            return ms(sorted[at]);
        };
        r.maxMs = sorted.empty() ? 0.0 : ms(sorted.back());
        r.p50Ms = quantile(0.50);
        r.p99Ms = quantile(0.99);
        r.p999Ms = quantile(0.999);
        for (const qint64 gap : sorted) {
            r.over16 += gap > 16'000'000;
            r.over50 += gap > StallNs;
            r.over100 += gap > 100'000'000;
        }
        r.guiCpuPct = m_windowNs > 0 ? 100.0 * double(m_windowCpuNs) / double(m_windowNs) : 0.0;
        r.processCpuPct = m_windowNs > 0 ? 100.0 * double(m_windowProcessCpuNs) / double(m_windowNs) : 0.0;
        r.dispatchWallMs = ms(m_dispatchWallNs);
        r.dispatchCpuMs = ms(m_dispatchCpuNs);
        r.dispatches = m_dispatchCount;
        return r;
    }

    // histogram returns "<=2ms:N 2-5:N 5-10:N 10-16:N 16-33:N 33-50:N 50-100:N >100:N".
    QString histogram() const
    {
        static const qint64 edges[] = {2, 5, 10, 16, 33, 50, 100};
        qint64 counts[std::size(edges) + 1] = {};
        for (const qint64 gap : m_gaps) {
            size_t bucket = 0;
            while (bucket < std::size(edges) && gap > edges[bucket] * 1'000'000)
                ++bucket;
            ++counts[bucket];
        }
        QString text = u"<=2ms:%1"_s.arg(counts[0]);
        for (size_t i = 1; i < std::size(edges); ++i)
            text += u" %1-%2:%3"_s.arg(edges[i - 1]).arg(edges[i]).arg(counts[i]);
        text += u" >100:%1"_s.arg(counts[std::size(edges)]);
        return text;
    }

    const std::vector<Gap> &longGaps() const { return m_longGaps; }
    const std::vector<Dispatch> &longDispatches() const { return m_dispatches; }

private:
    void tick()
    {
        if (!m_measuring)
            return;
        const qint64 now = m_clock.nsecsElapsed();
        if (m_last >= 0) {
            const qint64 gap = now - m_last;
            m_gaps.push_back(gap);
            if (gap >= KeptGapNs)
                m_longGaps.push_back({now - m_startNs, gap});
        }
        m_last = now;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_measuring = false;
    qint64 m_startNs = 0;
    qint64 m_last = -1;
    qint64 m_windowNs = 0;
    qint64 m_startCpuNs = 0;
    qint64 m_windowCpuNs = 0;
    qint64 m_startProcessCpuNs = 0;
    qint64 m_windowProcessCpuNs = 0;
    std::vector<qint64> m_gaps;
    std::vector<Gap> m_longGaps;
    std::vector<Dispatch> m_dispatches;
    qint64 m_dispatchCount = 0;
    qint64 m_dispatchWallNs = 0;
    qint64 m_dispatchCpuNs = 0;
};

// ProbeApplication times every top-level event dispatch of the GUI thread (nested dispatches count in their outer
// one) and hands it to the probe.
class ProbeApplication final : public QApplication
{
public:
    ProbeApplication(int &argc, char **argv) : QApplication(argc, argv) {}

    void setProbe(Probe *probe) { m_probe = probe; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_probe || !m_probe->measuring() || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const QMetaObject *receiverClass = receiver ? receiver->metaObject() : nullptr;
        const QObject *parent = receiver ? receiver->parent() : nullptr;
        const QMetaObject *parentClass = parent ? parent->metaObject() : nullptr;
        const QString name = receiver ? receiver->objectName() : QString();
        const QEvent::Type type = event->type();
        QElapsedTimer wall;
        wall.start();
        const qint64 cpu = threadCpuNs();
        const bool result = QApplication::notify(receiver, event);
        const qint64 cpuNs = threadCpuNs() - cpu;
        const qint64 wallNs = wall.nsecsElapsed();
        --m_depth;
        if (m_probe->measuring())
            m_probe->dispatched(receiverClass, parentClass, name, type, wallNs, cpuNs);
        return result;
    }

private:
    Probe *m_probe = nullptr;
    int m_depth = 0;
};

// LogFootprint estimates the bytes the request log holds: records, their strings, journeys and captured dumps.
struct LogFootprint
{
    qint64 rows = 0;
    qint64 bytes = 0;
    qint64 captureBytes = 0;
    qint64 withCapture = 0;
};

qint64 stringBytes(const QString &s)
{
    return s.isEmpty() ? 0 : 24 + qint64(s.capacity()) * 2;
}

qint64 bytesBytes(const QByteArray &b)
{
    return b.isEmpty() ? 0 : 24 + qint64(b.capacity());
}

LogFootprint footprint(const ui::RequestLogModel &log)
{
    LogFootprint f;
    f.rows = log.rowCount();
    for (int row = 0; row < log.rowCount(); ++row) {
        const ui::RequestRecord *r = log.record(row);
        qint64 b = sizeof(ui::RequestRecord) + stringBytes(r->method) + stringBytes(r->target) + stringBytes(r->route);
        for (const QString &m : r->middleware)
            b += qint64(sizeof(QString)) + stringBytes(m);
        if (r->journey) {
            b += qint64(sizeof(httpcore::Journey)) + 16 +
                 qint64(r->journey->marks().capacity() * sizeof(httpcore::JourneyMark)) +
                 bytesBytes(r->journey->method) + bytesBytes(r->journey->target);
            for (const httpcore::JourneyMark &mark : r->journey->marks())
                b += bytesBytes(mark.label);
        }
        if (r->capture) {
            const httpcore::CapturedExchange &c = *r->capture;
            const qint64 cb = qint64(sizeof(c)) + 16 + bytesBytes(c.method) + bytesBytes(c.target) +
                              bytesBytes(c.request) + bytesBytes(c.response);
            f.captureBytes += cb;
            b += cb;
            ++f.withCapture;
        }
        f.bytes += b;
    }
    return f;
}

QString fixed(double v, int decimals = 3)
{
    return QString::number(v, 'f', decimals);
}

void emitLines(const QStringList &lines)
{
    const QByteArray text = lines.join(u'\n').toUtf8() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    ProbeApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The Switchboard window under load: GUI event-loop stalls."_s);
    parser.addHelpOption();
    const QCommandLineOption routesOption(u"routes"_s, u"Route set to serve (default: the bundled example)."_s,
                                          u"path"_s, QStringLiteral(SWITCHBOARD_EXAMPLE_ROUTES));
    const QCommandLineOption workersOption(u"workers"_s, u"Server worker threads (default 1)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption intervalOption(u"interval-ms"_s, u"Probe timer interval, ms (default 1)."_s, u"ms"_s,
                                            u"1"_s);
    const QCommandLineOption delayOption(u"start-delay"_s, u"Standalone: open a window S s after listening."_s, u"s"_s);
    const QCommandLineOption durationOption(u"duration"_s, u"Standalone: window length S s, then exit."_s, u"s"_s);
    parser.addOptions({routesOption, workersOption, intervalOption, delayOption, durationOption});
    parser.process(app);

    bool ok = false;
    const int workers = parser.value(workersOption).toInt(&ok);
    if (!ok || workers < 0) {
        std::fprintf(stderr, "gui_load: bad --workers\n");
        return 2;
    }
    const int interval = parser.value(intervalOption).toInt(&ok);
    if (!ok || interval < 1) {
        std::fprintf(stderr, "gui_load: bad --interval-ms\n");
        return 2;
    }

    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        std::perror("gui_load: pipe2");
        return 1;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : {SIGUSR1, SIGUSR2, SIGTERM, SIGINT})
        sigaction(signal, &action, nullptr);

    ui::MainWindow window;
    // Nothing may ask a question during a benchmark.
    ui::Dialogs dialogs = ui::Dialogs::standard();
    dialogs.question = [](QWidget *, const QString &, const QString &text, QMessageBox::StandardButtons) {
        std::fprintf(stderr, "gui_load: the window asked: %s\n", qPrintable(text));
        return QMessageBox::No;
    };
    dialogs.inform = [](QWidget *, const QString &, const QString &text) {
        std::fprintf(stderr, "gui_load: the window said: %s\n", qPrintable(text));
    };
    window.setDialogs(dialogs);
    const QString routes = parser.value(routesOption);
    if (!window.openFile(routes)) {
        std::fprintf(stderr, "gui_load: cannot open %s\n", qPrintable(routes));
        return 1;
    }
    // After openFile: applying a route set takes its worker count.
    window.controller()->setWorkerThreads(workers);
    window.setServerAddress(u"127.0.0.1"_s, 0);
    window.resize(1280, 800);
    window.show();
    auto *panel = window.findChild<ui::RequestsPanel *>(u"requestsPanel"_s);
    auto *tabs = window.findChild<QTabWidget *>(u"liveTabs"_s);
    if (!panel || !tabs) {
        std::fprintf(stderr, "gui_load: the window has no requests panel\n");
        return 1;
    }
    tabs->setCurrentWidget(panel); // the log visible
    if (!window.startServer()) {
        std::fprintf(stderr, "gui_load: the server did not start\n");
        return 1;
    }
    ui::RequestLogModel *log = panel->log();
    ui::ServerController *controller = window.controller();

    Probe probe(interval);
    app.setProbe(&probe);

    int windows = 0;
    quint64 requestsAtStart = 0;
    quint64 droppedAtStart = 0;
    quint64 droppedRowsAtStart = 0;
    auto open = [&] {
        if (probe.measuring())
            return;
        requestsAtStart = controller->counters().requestsTotal;
        droppedAtStart = controller->counters().dropped;
        droppedRowsAtStart = log->droppedRows();
        probe.start();
    };
    auto close = [&] {
        if (!probe.measuring())
            return;
        probe.stop();
        ++windows;
        const Probe::Report r = probe.report();
        const LogFootprint f = footprint(*log);
        const quint64 requests = controller->counters().requestsTotal - requestsAtStart;
        const double rate = r.windowS > 0 ? double(requests) / r.windowS : 0.0;
        const qint64 rss = statusKib("VmRSS");
        const qint64 hwm = statusKib("VmHWM");
        QStringList lines;
        lines << u"== window %1"_s.arg(windows);
        lines << u"window_s %1"_s.arg(fixed(r.windowS));
        lines << u"probe_interval_ms %1"_s.arg(interval);
        lines << u"gaps %1"_s.arg(r.firings);
        lines << u"max_stall_ms %1"_s.arg(fixed(r.maxMs));
        lines << u"p50_stall_ms %1"_s.arg(fixed(r.p50Ms));
        lines << u"p99_stall_ms %1"_s.arg(fixed(r.p99Ms));
        lines << u"p999_stall_ms %1"_s.arg(fixed(r.p999Ms));
        lines << u"stalls_over_16ms %1"_s.arg(r.over16);
        lines << u"stalls_over_50ms %1"_s.arg(r.over50);
        lines << u"stalls_over_100ms %1"_s.arg(r.over100);
        lines << u"gap_histogram %1"_s.arg(probe.histogram());
        lines << u"gui_thread_cpu_pct %1"_s.arg(fixed(r.guiCpuPct, 1));
        lines << u"process_cpu_pct %1"_s.arg(fixed(r.processCpuPct, 1));
        lines << u"dispatches %1 wall_ms %2 cpu_ms %3"_s.arg(r.dispatches)
                     .arg(fixed(r.dispatchWallMs, 1))
                     .arg(fixed(r.dispatchCpuMs, 1));
        lines << u"requests %1"_s.arg(requests);
        lines << u"requests_per_s %1"_s.arg(fixed(rate, 0));
        lines << u"dropped_events %1"_s.arg(controller->counters().dropped - droppedAtStart);
        lines << u"log_rows %1"_s.arg(f.rows);
        lines << u"log_bound %1"_s.arg(log->capacity());
        lines << u"log_dropped_rows %1"_s.arg(log->droppedRows() - droppedRowsAtStart);
        lines << u"log_bytes_est %1 (captures %2 in %3 rows)"_s.arg(f.bytes).arg(f.captureBytes).arg(f.withCapture);
        lines << u"rss_kib %1"_s.arg(rss);
        lines << u"hwm_kib %1"_s.arg(hwm);
        // Long gaps (>= 20 ms) and long dispatches (>= 10 ms), by time since the window opened.
        std::vector<Gap> gaps = probe.longGaps();
        std::sort(gaps.begin(), gaps.end(), [](const Gap &a, const Gap &b) { return a.ns > b.ns; });
        if (gaps.size() > 15)
            gaps.resize(15);
        std::sort(gaps.begin(), gaps.end(), [](const Gap &a, const Gap &b) { return a.endNs < b.endNs; });
        for (const Gap &gap : gaps)
            lines << u"long_gap at_ms %1 gap_ms %2"_s.arg(fixed(ms(gap.endNs), 1), fixed(ms(gap.ns), 1));
        std::vector<Dispatch> dispatches = probe.longDispatches();
        std::sort(dispatches.begin(), dispatches.end(),
                  [](const Dispatch &a, const Dispatch &b) { return a.wallNs > b.wallNs; });
        if (dispatches.size() > 15)
            dispatches.resize(15);
        std::sort(dispatches.begin(), dispatches.end(),
                  [](const Dispatch &a, const Dispatch &b) { return a.endNs < b.endNs; });
        for (const Dispatch &d : dispatches)
            lines << u"long_dispatch end_ms %1 wall_ms %2 cpu_ms %3 %4"_s.arg(
                fixed(ms(d.endNs), 1), fixed(ms(d.wallNs), 1), fixed(ms(d.cpuNs), 1), d.what);
        lines << u"long_dispatches_total %1"_s.arg(probe.longDispatches().size());
        lines << u"RESULT window=%1 max_stall_ms=%2 p99_stall_ms=%3 stalls_over_50ms=%4 log_rows=%5 log_bound=%6 "
                 "rss_kib=%7 requests=%8 requests_per_s=%9"_s.arg(windows)
                     .arg(fixed(r.maxMs))
                     .arg(fixed(r.p99Ms))
                     .arg(r.over50)
                     .arg(f.rows)
                     .arg(log->capacity())
                     .arg(rss)
                     .arg(requests)
                     .arg(fixed(rate, 0));
        emitLines(lines);
    };

    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char bytes[64];
        ssize_t n = 0;
        while ((n = ::read(g_signalPipe[0], bytes, sizeof bytes)) > 0) {
            for (ssize_t i = 0; i < n; ++i) {
                switch (int(bytes[i])) {
                case SIGUSR1:
                    open();
                    break;
                case SIGUSR2:
                    close();
                    break;
                default:
                    close();
                    QApplication::quit();
                    break;
                }
            }
        }
    });

    emitLines({u"pid %1"_s.arg(::getpid()), u"platform %1"_s.arg(QGuiApplication::platformName()),
               u"workers %1"_s.arg(workers), u"routes %1"_s.arg(QFileInfo(routes).absoluteFilePath()),
               u"listening on %1"_s.arg(controller->url())});

    if (parser.isSet(durationOption)) {
        const double delay = parser.value(delayOption).toDouble();
        const double duration = parser.value(durationOption).toDouble();
        QTimer::singleShot(int(delay * 1000), &app, [&] { open(); });
        QTimer::singleShot(int((delay + duration) * 1000), &app, [&] {
            close();
            QApplication::quit();
        });
    }

    const int status = QApplication::exec();
    app.setProbe(nullptr);
    controller->stop(ui::ServerController::StopMode::Immediate);
    return status;
}
