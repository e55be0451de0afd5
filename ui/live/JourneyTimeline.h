#pragma once

#include "httpcore/Journey.h"

#include <QColor>
#include <QList>
#include <QWidget>

namespace ui
{

// JourneyTimeline paints a request's journey as a timeline: on top, one horizontal bar across the whole exchange
// made of proportional, colour-coded segments; below, one row per stage with its name (and route, middleware or
// keep-alive label), a bar from the previous stage to this one at the same time scale, and the duration. The
// colour says the phase: connection (grey), receiving the request (blue), routing (purple), middleware (orange),
// the handler (green), sending the response (teal), the keep-alive decision (slate). Hovering a stage shows a
// tooltip with its times. Stages are drawn in the order reached; the first one is the time origin.
//
// Thread affinity: GUI thread.
class JourneyTimeline final : public QWidget
{
    Q_OBJECT

public:
    // Stage is one painted stage: the span from the previous mark (startMs) to this one (endMs), in milliseconds
    // from the first mark.
    struct Stage
    {
        httpcore::JourneyStage stage = httpcore::JourneyStage::Accepted;
        QString name;
        QString label;
        double startMs = 0.0;
        double endMs = 0.0;
    };

    explicit JourneyTimeline(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(JourneyTimeline)

    // setJourney shows journey's marks (copied); null or a journey without marks shows nothing.
    void setJourney(const httpcore::Journey *journey);
    // stages returns the stages shown, in order.
    const QList<Stage> &stages() const { return m_stages; }
    // stageRowRect returns the rectangle of stage index's row (label, bar and duration), or an empty rectangle.
    QRect stageRowRect(int index) const;
    // stageAt returns the index of the stage whose row or top-bar segment contains pos, or -1.
    int stageAt(QPoint pos) const;
    // toolTipFor returns the tooltip text of stage index (empty when out of range).
    QString toolTipFor(int index) const;
    // phaseColor returns the colour of stage's phase.
    static QColor phaseColor(httpcore::JourneyStage stage);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Geometry
    {
        int labelWidth = 0;
        int trackLeft = 0;
        int trackWidth = 0;
        int rowHeight = 0;
        int rowsTop = 0;
    };
    Geometry geometry() const;
    double xFor(const Geometry &g, double ms) const;
    QRectF barRect(const Geometry &g, const Stage &stage, int top, int height) const;
    void paintOverview(QPainter &painter, const Geometry &g) const;
    void paintRow(QPainter &painter, const Geometry &g, int index) const;

    QList<Stage> m_stages;
    // m_totalMs is the end of the last stage (milliseconds).
    double m_totalMs = 0.0;
};

} // namespace ui
