// JourneyTimeline: stage spans from a journey with known times, tooltips, hit testing, and the painted overview
// bar's proportions. The timeline of a real request is checked in tst_requestinspector.

#include "ui/live/JourneyTimeline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class tst_JourneyTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stagesAreProportionalAndHaveTooltips();
};

void tst_JourneyTimeline::stagesAreProportionalAndHaveTooltips()
{
    httpcore::Journey journey;
    const auto t0 = std::chrono::steady_clock::now();
    journey.markAt(httpcore::JourneyStage::FirstByte, t0);
    journey.markAt(httpcore::JourneyStage::HeadParsed, t0 + 10ms);
    journey.markAt(httpcore::JourneyStage::HandlerReturned, t0 + 40ms);
    ui::JourneyTimeline timeline;
    timeline.resize(600, 200);
    timeline.setJourney(&journey);
    QCOMPARE(timeline.stages().size(), 3);
    QCOMPARE(timeline.stages().at(1).startMs, 0.0);
    QCOMPARE(timeline.stages().at(1).endMs, 10.0);
    QCOMPARE(timeline.stages().at(2).startMs, 10.0);
    QCOMPARE(timeline.stages().at(2).endMs, 40.0);
    QVERIFY(timeline.toolTipFor(2).contains(u"duration 30.000 ms (75.0% of 40.000 ms)"_s));
    // Each stage has its row; the rows fit in the size hint; outside them is no stage.
    QVERIFY(timeline.sizeHint().height() >= timeline.stageRowRect(2).bottom());
    QCOMPARE(timeline.stageAt(timeline.stageRowRect(1).center()), 1);
    QCOMPARE(timeline.stageAt(QPoint(5, timeline.sizeHint().height() + 50)), -1);
    // The painted overview is proportional: the handler's segment (30 ms) is three times the head's (10 ms).
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    const QImage image = timeline.grab().toImage();
    const int y = 4 + 8; // the middle of the overview bar (logical pixels)
    const QRgb head = ui::JourneyTimeline::phaseColor(httpcore::JourneyStage::HeadParsed).rgb();
    const QRgb handler = ui::JourneyTimeline::phaseColor(httpcore::JourneyStage::HandlerReturned).rgb();
    int headPixels = 0;
    int handlerPixels = 0;
    int firstHandlerX = -1;
    const qreal ratio = image.devicePixelRatio();
    for (int x = 0; x < timeline.width(); ++x) {
        const QRgb pixel = image.pixel(int(x * ratio), int(y * ratio));
        headPixels += pixel == head ? 1 : 0;
        handlerPixels += pixel == handler ? 1 : 0;
        if (pixel == handler && firstHandlerX < 0)
            firstHandlerX = x;
    }
    // Hovering the overview finds the segment under the pointer.
    QCOMPARE(timeline.stageAt(QPoint(firstHandlerX + 2, y)), 2);
    QVERIFY2(headPixels > 10, qPrintable(QString::number(headPixels)));
    QVERIFY2(qAbs(handlerPixels - 3 * headPixels) <= 3, qPrintable(u"%1 vs %2"_s.arg(handlerPixels).arg(headPixels)));
    timeline.setJourney(nullptr);
    QVERIFY(timeline.stages().isEmpty());
}

QTEST_MAIN(tst_JourneyTimeline)
#include "tst_journeytimeline.moc"
