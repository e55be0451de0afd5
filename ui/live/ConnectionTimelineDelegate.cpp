#include "ui/live/ConnectionTimelineDelegate.h"

#include <QApplication>
#include <QPainter>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

bool isTerminal(httpcore::ConnState state)
{
    return state == httpcore::ConnState::Closed || state == httpcore::ConnState::Hijacked;
}

// idealWidths returns each step's width before rounding: MinSegmentWidth plus a share of the rest proportional to
// how long the step lasted (terminal steps last no time). Precondition: the width allows the minimum for all.
std::vector<double> idealWidths(const ConnectionHistory &history, int width)
{
    const size_t n = history.steps.size();
    std::vector<double> durations(n, 0.0);
    double total = 0.0;
    size_t lasting = 0;
    for (size_t i = 0; i < n; ++i) {
        if (isTerminal(history.steps[i].state))
            continue;
        const auto until = i + 1 < n ? history.steps[i + 1].at : history.end;
        durations[i] = std::max(0.0, std::chrono::duration<double>(until - history.steps[i].at).count());
        total += durations[i];
        ++lasting;
    }
    const double extra = double(width) - double(n) * ConnectionTimelineDelegate::MinSegmentWidth;
    std::vector<double> widths(n, double(ConnectionTimelineDelegate::MinSegmentWidth));
    for (size_t i = 0; i < n; ++i) {
        if (total > 0.0)
            widths[i] += extra * durations[i] / total;
        else if (lasting > 0)
            widths[i] += isTerminal(history.steps[i].state) ? 0.0 : extra / double(lasting);
        else
            widths[i] += extra / double(n);
    }
    return widths;
}

} // namespace

ConnectionTimelineDelegate::ConnectionTimelineDelegate(QObject *parent, int column)
    : QStyledItemDelegate(parent), m_column(column)
{}

QColor ConnectionTimelineDelegate::stateColor(httpcore::ConnState state)
{
    switch (state) {
    case httpcore::ConnState::New:
        return QColor(0x42, 0xa5, 0xf5); // blue
    case httpcore::ConnState::Active:
        return QColor(0x43, 0xa0, 0x47); // green
    case httpcore::ConnState::Idle:
        return QColor(0xff, 0xb3, 0x00); // amber
    case httpcore::ConnState::Hijacked:
        return QColor(0x8e, 0x24, 0xaa); // purple
    case httpcore::ConnState::Closed:
        return QColor(0x75, 0x75, 0x75); // grey
    }
    return {};
}

QString ConnectionTimelineDelegate::stateLabel(httpcore::ConnState state)
{
    switch (state) {
    case httpcore::ConnState::New:
        return tr("New");
    case httpcore::ConnState::Active:
        return tr("Active");
    case httpcore::ConnState::Idle:
        return tr("Idle");
    case httpcore::ConnState::Hijacked:
        return tr("Hijacked");
    case httpcore::ConnState::Closed:
        return tr("Closed");
    }
    return {};
}

std::vector<ConnectionTimelineDelegate::Segment> ConnectionTimelineDelegate::segments(const ConnectionHistory &history,
                                                                                      int width)
{
    std::vector<Segment> out;
    const size_t n = history.steps.size();
    if (n == 0 || width <= 0)
        return out;
    std::vector<double> widths;
    if (double(n) * MinSegmentWidth >= double(width))
        widths.assign(n, double(width) / double(n)); // too narrow for durations: one equal slot per state
    else
        widths = idealWidths(history, width);
    // Round the running edges, not the widths, so the segments cover the width exactly without gaps.
    double edge = 0.0;
    int left = 0;
    for (size_t i = 0; i < n; ++i) {
        edge += widths[i];
        const int right = i + 1 == n ? width : std::min(width, int(std::lround(edge)));
        out.push_back(Segment{history.steps[i].state, left, std::max(0, right - left)});
        left = std::max(left, right);
    }
    return out;
}

void ConnectionTimelineDelegate::paint(QPainter *painter,
                                       const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    if (index.column() != m_column) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell's background and selection as usual, then the bar inside a small margin.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &cell, painter, widget);

    const auto history = index.data(ConnectionsModel::HistoryRole).value<ConnectionHistory>();
    const QRect bar = option.rect.adjusted(3, 4, -3, -4);
    const std::vector<Segment> parts = segments(history, bar.width());
    if (parts.empty())
        return;
    painter->save();
    bool ok = false;
    const qreal opacity = index.data(ConnectionsModel::OpacityRole).toReal(&ok);
    painter->setOpacity(ok ? opacity : 1.0);
    painter->setPen(Qt::NoPen);
    for (const Segment &part : parts)
        painter->fillRect(QRect(bar.left() + part.left, bar.top(), part.width, bar.height()), stateColor(part.state));
    if (history.droppedSteps > 0) {
        // Older states were dropped: a hatched lead-in says the bar does not start at the accept.
        painter->fillRect(QRect(bar.left(), bar.top(), 3, bar.height()), QBrush(Qt::black, Qt::Dense4Pattern));
    }
    painter->restore();
}

QSize ConnectionTimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != m_column)
        return QStyledItemDelegate::sizeHint(option, index);
    return QSize(160, option.fontMetrics.height() + 6);
}

} // namespace ui
