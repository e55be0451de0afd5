#include "ui/live/JourneyTimeline.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

constexpr int Margin = 4;
constexpr int OverviewHeight = 16;
constexpr int MaxLabelWidth = 260;
// MinBarWidth keeps instantaneous stages visible (pixels).
constexpr double MinBarWidth = 2.0;

QString milliseconds(double ms)
{
    return u"%1 ms"_s.arg(ms, 0, 'f', 3);
}

QString rowText(const JourneyTimeline::Stage &stage)
{
    return stage.label.isEmpty() ? stage.name : stage.name + u": "_s + stage.label;
}

int durationWidth(const QFontMetrics &fm)
{
    return fm.horizontalAdvance(u"9999.999 ms"_s) + 2 * Margin;
}

} // namespace

JourneyTimeline::JourneyTimeline(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void JourneyTimeline::setJourney(const httpcore::Journey *journey)
{
    m_stages.clear();
    m_totalMs = 0.0;
    if (journey && !journey->marks().empty()) {
        const auto origin = journey->marks().front().at;
        double previous = 0.0;
        for (const httpcore::JourneyMark &mark : journey->marks()) {
            Stage stage;
            stage.stage = mark.stage;
            stage.name = QString::fromLatin1(httpcore::journeyStageName(mark.stage));
            stage.label = QString::fromUtf8(mark.label);
            if (mark.stage == httpcore::JourneyStage::RouteChosen && stage.label.isEmpty())
                stage.label = tr("(none)");
            stage.startMs = previous;
            stage.endMs = std::max(previous, std::chrono::duration<double, std::milli>(mark.at - origin).count());
            previous = stage.endMs;
            m_stages.append(stage);
        }
        m_totalMs = previous;
    }
    updateGeometry();
    update();
}

QColor JourneyTimeline::phaseColor(httpcore::JourneyStage stage)
{
    using httpcore::JourneyStage;
    switch (stage) {
    case JourneyStage::Accepted:
    case JourneyStage::FirstByte:
        return QColor(0x9e, 0x9e, 0x9e);
    case JourneyStage::HeadParsed:
    case JourneyStage::BodyComplete:
        return QColor(0x42, 0x85, 0xf4);
    case JourneyStage::RouteChosen:
        return QColor(0x8e, 0x44, 0xad);
    case JourneyStage::MiddlewareEntered:
    case JourneyStage::MiddlewareLeft:
        return QColor(0xf3, 0x9c, 0x12);
    case JourneyStage::HandlerReturned:
        return QColor(0x27, 0xae, 0x60);
    case JourneyStage::FirstResponseByte:
    case JourneyStage::ResponseComplete:
        return QColor(0x16, 0xa0, 0x85);
    case JourneyStage::KeepAliveDecided:
        return QColor(0x5d, 0x6d, 0x7e);
    }
    return Qt::gray;
}

JourneyTimeline::Geometry JourneyTimeline::geometry() const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    g.labelWidth = fm.horizontalAdvance(tr("whole exchange"));
    for (const Stage &stage : m_stages)
        g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(rowText(stage)));
    g.labelWidth = std::min(g.labelWidth, MaxLabelWidth) + 2 * Margin;
    g.trackLeft = Margin + g.labelWidth;
    g.trackWidth = std::max(40, width() - g.trackLeft - durationWidth(fm) - Margin);
    g.rowHeight = fm.height() + 6;
    g.rowsTop = Margin + OverviewHeight + fm.height() + 6;
    return g;
}

double JourneyTimeline::xFor(const Geometry &g, double ms) const
{
    return g.trackLeft + (m_totalMs > 0.0 ? ms / m_totalMs * g.trackWidth : 0.0);
}

QRectF JourneyTimeline::barRect(const Geometry &g, const Stage &stage, int top, int height) const
{
    const double left = xFor(g, stage.startMs);
    const double right = std::max(xFor(g, stage.endMs), left + MinBarWidth);
    return QRectF(left, top, right - left, height);
}

QRect JourneyTimeline::stageRowRect(int index) const
{
    if (index < 0 || index >= m_stages.size())
        return {};
    const Geometry g = geometry();
    return QRect(0, g.rowsTop + index * g.rowHeight, width(), g.rowHeight);
}

int JourneyTimeline::stageAt(QPoint pos) const
{
    const Geometry g = geometry();
    if (pos.y() >= Margin && pos.y() < Margin + OverviewHeight) {
        // The last segment drawn at a point is the one on top; zero-length stages are not hit in the overview.
        for (int i = int(m_stages.size()) - 1; i >= 0; --i) {
            if (m_stages[i].endMs > m_stages[i].startMs &&
                barRect(g, m_stages[i], Margin, OverviewHeight).contains(pos))
                return i;
        }
        return -1;
    }
    const int row = pos.y() < g.rowsTop ? -1 : (pos.y() - g.rowsTop) / g.rowHeight;
    return row >= 0 && row < m_stages.size() ? row : -1;
}

QString JourneyTimeline::toolTipFor(int index) const
{
    if (index < 0 || index >= m_stages.size())
        return {};
    const Stage &stage = m_stages[index];
    return tr("%1\nfrom %2 to %3\nduration %4 (%5% of %6)")
        .arg(rowText(stage), milliseconds(stage.startMs), milliseconds(stage.endMs),
             milliseconds(stage.endMs - stage.startMs),
             QString::number(m_totalMs > 0.0 ? (stage.endMs - stage.startMs) / m_totalMs * 100.0 : 0.0, 'f', 1),
             milliseconds(m_totalMs));
}

QSize JourneyTimeline::sizeHint() const
{
    const Geometry g = geometry();
    return QSize(g.trackLeft + 300 + durationWidth(fontMetrics()),
                 g.rowsTop + int(m_stages.size()) * g.rowHeight + Margin);
}

QSize JourneyTimeline::minimumSizeHint() const
{
    return QSize(200, sizeHint().height());
}

bool JourneyTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = stageAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), toolTipFor(index), this, stageRowRect(index));
        }
        return true;
    }
    return QWidget::event(event);
}

void JourneyTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (m_stages.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(Margin, Margin, -Margin, -Margin), Qt::AlignLeft | Qt::AlignTop,
                         tr("No journey recorded."));
        return;
    }
    const Geometry g = geometry();
    paintOverview(painter, g);
    for (int i = 0; i < m_stages.size(); ++i)
        paintRow(painter, g, i);
}

void JourneyTimeline::paintOverview(QPainter &painter, const Geometry &g) const
{
    const QFontMetrics fm = fontMetrics();
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(Margin, Margin, g.labelWidth - Margin, OverviewHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("whole exchange"));
    painter.fillRect(QRect(g.trackLeft, Margin, g.trackWidth, OverviewHeight), palette().color(QPalette::Base));
    for (const Stage &stage : m_stages) {
        if (stage.endMs > stage.startMs)
            painter.fillRect(barRect(g, stage, Margin, OverviewHeight), phaseColor(stage.stage));
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(QRect(g.trackLeft, Margin, g.trackWidth, OverviewHeight));
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect axis(g.trackLeft, Margin + OverviewHeight + 2, g.trackWidth, fm.height());
    painter.drawText(axis, Qt::AlignLeft | Qt::AlignTop, u"0"_s);
    painter.drawText(axis, Qt::AlignRight | Qt::AlignTop, milliseconds(m_totalMs));
}

void JourneyTimeline::paintRow(QPainter &painter, const Geometry &g, int index) const
{
    const Stage &stage = m_stages[index];
    const QFontMetrics fm = fontMetrics();
    const QRect row = stageRowRect(index);
    if (index % 2 == 1)
        painter.fillRect(row, palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect labelRect(Margin, row.top(), g.labelWidth - Margin, row.height());
    painter.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(rowText(stage), Qt::ElideRight, labelRect.width()));
    const QRectF bar = barRect(g, stage, row.top() + 3, row.height() - 6);
    painter.fillRect(bar, phaseColor(stage.stage));
    const QRect durationRect(g.trackLeft + g.trackWidth, row.top(), durationWidth(fm), row.height());
    painter.drawText(durationRect, Qt::AlignRight | Qt::AlignVCenter, milliseconds(stage.endMs - stage.startMs));
}

} // namespace ui
