#pragma once

#include "httpcore/ConnState.h"
#include "ui/live/ConnectionsModel.h"

#include <QStyledItemDelegate>

#include <vector>

namespace ui
{

// ConnectionTimelineDelegate paints a connection's state history (ConnectionsModel::HistoryRole) as a horizontal
// bar: one segment per state, coloured by stateColor(), as wide as the state lasted but never narrower than
// MinSegmentWidth so that a short Active between two Idles still shows. A closed row is painted with its
// ConnectionsModel::OpacityRole so that it fades with the rest of the row. Other columns are painted as usual.
//
// Thread affinity: GUI thread.
class ConnectionTimelineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // MinSegmentWidth is the narrowest a state's segment is drawn (pixels), when the width allows.
    static constexpr int MinSegmentWidth = 4;

    // ConnectionTimelineDelegate paints the timeline in column (the model's TimelineColumn by default).
    explicit ConnectionTimelineDelegate(QObject *parent = nullptr, int column = ConnectionsModel::TimelineColumn);
    Q_DISABLE_COPY_MOVE(ConnectionTimelineDelegate)

    // stateColor is the timeline colour of state; distinct for every state (the legend uses it too). Pure.
    static QColor stateColor(httpcore::ConnState state);
    // stateLabel is the legend's word for state ("New", "Active", ...). Pure.
    static QString stateLabel(httpcore::ConnState state);

    // Segment is the horizontal extent of one step's bar, in pixels from the bar's left edge.
    struct Segment
    {
        httpcore::ConnState state = httpcore::ConnState::New;
        int left = 0;
        int width = 0;
    };
    // segments lays history out over width pixels: one Segment per step, left to right without gaps, covering the
    // width exactly (empty for no steps or no width). Terminal states (Closed, Hijacked) get MinSegmentWidth. Pure.
    static std::vector<Segment> segments(const ConnectionHistory &history, int width);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const int m_column;
};

} // namespace ui
