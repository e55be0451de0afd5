// The live plots: LiveStats' per-second counts and percentiles, and the StatsPanel's series and range.

#include "ui/live/LiveStats.h"
#include "ui/live/StatsPanel.h"

#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QTest>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace
{

// journeyEvent is a request whose first byte came at start and whose response completed duration later.
httpcore::ServerEvent journeyEvent(Clock::time_point start, std::chrono::microseconds duration)
{
    auto journey = std::make_shared<httpcore::Journey>();
    journey->markAt(httpcore::JourneyStage::FirstByte, start);
    journey->markAt(httpcore::JourneyStage::ResponseComplete, start + duration);
    httpcore::ServerEvent event;
    event.kind = httpcore::ServerEvent::Kind::Journey;
    event.journey = journey;
    return event;
}

// series finds a plotted series by name in the panel's charts (they belong to the charts, not the widgets).
QLineSeries *series(QWidget *panel, const QString &name)
{
    for (QChartView *view : panel->findChildren<QChartView *>()) {
        for (QAbstractSeries *s : view->chart()->series()) {
            if (s->objectName() == name)
                return qobject_cast<QLineSeries *>(s);
        }
    }
    qWarning("no series %s", qPrintable(name));
    return nullptr;
}

} // namespace

class tst_StatsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsAreWithinFourPercent();
    void percentilesPerSecond();
    void quietSecondsAreZeroAndBounded();
    void panelPlotsTheRangeChosen();
};

void tst_StatsPanel::bucketsAreWithinFourPercent()
{
    // One duration alone: every percentile is its bucket's middle, within ~2 % of it.
    for (const double ms : {0.05, 0.9, 1.0, 12.5, 250.0, 4000.0}) {
        ui::LiveStats::Histogram histogram{};
        ++histogram[size_t(ui::LiveStats::bucketOf(ms))];
        const double p = ui::LiveStats::percentileOf(histogram, 1, 0.99);
        QVERIFY2(std::abs(p - ms) / ms < 0.04, qPrintable(u"%1 -> %2"_s.arg(ms).arg(p)));
    }
    QCOMPARE(ui::LiveStats::percentileOf(ui::LiveStats::Histogram{}, 0, 0.5), -1.0);
    QCOMPARE(ui::LiveStats::bucketOf(-1), 0);
    QCOMPARE(ui::LiveStats::bucketOf(1e12), ui::LiveStats::BucketCount - 1);
}

void tst_StatsPanel::percentilesPerSecond()
{
    const Clock::time_point origin = Clock::now();
    ui::LiveStats stats(origin);
    ui::LiveBatch batch;
    // Second 0: 100 requests of 1..100 ms. Second 2: one of 7 ms. Second 1 has none.
    for (int i = 1; i <= 100; ++i)
        batch.events.push_back(journeyEvent(origin + 100ms, std::chrono::microseconds(i * 1000)));
    batch.events.push_back(journeyEvent(origin + 2100ms, 7ms));
    stats.add(batch);
    stats.advanceTo(origin + 3500ms);
    QCOMPARE(stats.points().size(), size_t(3));
    const ui::LiveStats::Point &first = stats.points()[0];
    QCOMPARE(first.second, qint64(0));
    QCOMPARE(first.requests, quint64(100));
    QVERIFY2(std::abs(first.p50 - 50) <= 2, qPrintable(QString::number(first.p50)));
    QVERIFY2(std::abs(first.p95 - 95) <= 4, qPrintable(QString::number(first.p95)));
    QVERIFY2(std::abs(first.p99 - 99) <= 4, qPrintable(QString::number(first.p99)));
    QCOMPARE(stats.points()[1].requests, quint64(0));
    QCOMPARE(stats.points()[1].p99, -1.0);
    QCOMPARE(stats.points()[2].requests, quint64(1));
    QVERIFY(std::abs(stats.points()[2].p50 - 7) < 0.3);
}

void tst_StatsPanel::quietSecondsAreZeroAndBounded()
{
    const Clock::time_point origin = Clock::now();
    ui::LiveStats stats(origin);
    stats.setCapacity(60);
    stats.advanceTo(origin + 10h);
    QCOMPARE(stats.points().size(), size_t(60));
    QCOMPARE(stats.points().back().second, qint64(10 * 3600 - 1));
    for (const ui::LiveStats::Point &point : stats.points())
        QCOMPARE(point.requests, quint64(0));
}

void tst_StatsPanel::panelPlotsTheRangeChosen()
{
    ui::StatsPanel panel;
    panel.resize(700, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // The panel counts seconds from its creation: 10 s later a burst of 30 requests of 20 ms, 95 s later 10 of
    // 2 ms, and the charts drawn at 100 s.
    const Clock::time_point start = Clock::now() - 1s;
    ui::LiveBatch batch;
    for (int i = 0; i < 30; ++i)
        batch.events.push_back(journeyEvent(start + 10s, 20ms));
    for (int i = 0; i < 10; ++i)
        batch.events.push_back(journeyEvent(start + 95s, 2ms));
    panel.appendBatch(batch);
    panel.refresh(start + 100s);

    // Five minutes shows both seconds; the rate series has a point per second with both counts.
    QCOMPARE(panel.rangeSeconds(), 300);
    const QList<QPointF> rate = series(&panel, u"rateSeries"_s)->points();
    double total = 0;
    for (const QPointF &p : rate)
        total += p.y();
    QCOMPARE(total, 40.0);
    QCOMPARE(series(&panel, u"p99Series"_s)->count(), 2);
    QVERIFY2(panel.findChild<QLabel *>(u"statsSummary"_s)->text().contains(u"1.0 requests/s"_s),
             qPrintable(panel.findChild<QLabel *>(u"statsSummary"_s)->text()));

    // The user picks the last minute: only the recent second is left.
    auto *range = panel.findChild<QComboBox *>(u"statsRange"_s);
    range->setFocus();
    QTest::keyClick(range, Qt::Key_Up);
    QCOMPARE(panel.rangeSeconds(), 60);
    QCOMPARE(series(&panel, u"p99Series"_s)->count(), 1);
    QVERIFY(std::abs(series(&panel, u"p50Series"_s)->at(0).y() - 2.0) < 0.1);
    if (qEnvironmentVariableIsSet("SWITCHBOARD_SCREENSHOT"))
        panel.grab().save(qEnvironmentVariable("SWITCHBOARD_SCREENSHOT"));
}

QTEST_MAIN(tst_StatsPanel)
#include "tst_statspanel.moc"
