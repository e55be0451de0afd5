#pragma once

#include "ui/live/LiveStats.h"

#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace ui
{

// StatsPanel plots the server's last minutes with Qt Charts: requests per second, and the 50th, 95th and 99th
// percentiles of the request durations per second (milliseconds), over a range the user picks (1, 5 minutes).
// The x axis is seconds before now. The charts are redrawn once a second, whatever the request rate; batches
// only feed the LiveStats.
//
// Thread affinity: GUI thread.
class StatsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit StatsPanel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StatsPanel)

    // appendBatch counts a drained batch's requests.
    void appendBatch(const ui::LiveBatch &batch);
    // refresh finishes the seconds before now and redraws the charts (the panel's timer calls it every second).
    void refresh(LiveStats::Clock::time_point now = LiveStats::Clock::now());
    // clear forgets everything plotted.
    void clear();
    const LiveStats &stats() const { return m_stats; }
    // rangeSeconds is the width of the plotted range.
    int rangeSeconds() const;

private:
    QChartView *makeView(QChart *chart, const QString &objectName);

    LiveStats m_stats;
    QTimer m_timer;
    QComboBox *m_range;
    QLabel *m_summary;
    QLineSeries *m_rate;
    QLineSeries *m_p50;
    QLineSeries *m_p95;
    QLineSeries *m_p99;
    QValueAxis *m_rateX;
    QValueAxis *m_rateY;
    QValueAxis *m_latencyX;
    QValueAxis *m_latencyY;
};

} // namespace ui
