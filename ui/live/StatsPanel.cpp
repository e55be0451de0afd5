#include "ui/live/StatsPanel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

QLineSeries *makeSeries(const QString &name, const QColor &color)
{
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(1.6);
    series->setPen(pen);
    return series;
}

QChart *makeChart(const QString &title, const QList<QLineSeries *> &series, QValueAxis *x, QValueAxis *y)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setVisible(series.size() > 1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    x->setTitleText(QObject::tr("seconds ago"));
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setLabelFormat(u"%d"_s);
    y->setLabelFormat(u"%g"_s);
    y->setMin(0);
    return chart;
}

// niceCeiling rounds value up to 1, 2 or 5 times a power of ten, so the axis keeps round labels.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * power)
            return step * power;
    }
    return 10.0 * power;
}

} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent), m_range(new QComboBox(this)), m_summary(new QLabel(this)),
      m_rate(makeSeries(tr("requests/s"), QColor(0x15, 0x65, 0xc0))),
      m_p50(makeSeries(tr("p50"), QColor(0x2e, 0x7d, 0x32))), m_p95(makeSeries(tr("p95"), QColor(0xef, 0x6c, 0x00))),
      m_p99(makeSeries(tr("p99"), QColor(0xc6, 0x28, 0x28))), m_rateX(new QValueAxis), m_rateY(new QValueAxis),
      m_latencyX(new QValueAxis), m_latencyY(new QValueAxis)
{
    // Latency markers: a lone busy second between quiet ones (no latency) is a point, not a line.
    for (QLineSeries *series : {m_p50, m_p95, m_p99}) {
        series->setPointsVisible(true);
        series->setMarkerSize(5);
    }
    m_range->setObjectName(u"statsRange"_s);
    m_range->addItem(tr("Last minute"), 60);
    m_range->addItem(tr("Last 5 minutes"), 300);
    m_range->setCurrentIndex(1);
    m_summary->setObjectName(u"statsSummary"_s);
    m_rate->setObjectName(u"rateSeries"_s);
    m_p50->setObjectName(u"p50Series"_s);
    m_p95->setObjectName(u"p95Series"_s);
    m_p99->setObjectName(u"p99Series"_s);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_range);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(makeView(makeChart(tr("Requests per second"), {m_rate}, m_rateX, m_rateY), u"rateChart"_s), 1);
    layout->addWidget(makeView(makeChart(tr("Request duration (ms)"), {m_p50, m_p95, m_p99}, m_latencyX, m_latencyY),
                               u"latencyChart"_s),
                      1);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] { refresh(); });
    m_timer.start();
    refresh();
}

QChartView *StatsPanel::makeView(QChart *chart, const QString &objectName)
{
    auto *view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(160);
    return view;
}

int StatsPanel::rangeSeconds() const
{
    return m_range->currentData().toInt();
}

void StatsPanel::appendBatch(const LiveBatch &batch)
{
    m_stats.add(batch);
}

void StatsPanel::clear()
{
    m_stats.clear();
    refresh();
}

void StatsPanel::refresh(LiveStats::Clock::time_point now)
{
    m_stats.advanceTo(now);
    const int range = rangeSeconds();
    const std::deque<LiveStats::Point> &points = m_stats.points();
    const qint64 newest = points.empty() ? 0 : points.back().second;
    QList<QPointF> rate;
    QList<QPointF> p50;
    QList<QPointF> p95;
    QList<QPointF> p99;
    double maxRate = 0;
    double maxLatency = 0;
    quint64 recentRequests = 0;
    double recentP99 = -1;
    for (const LiveStats::Point &point : points) {
        const qint64 ago = newest - point.second;
        if (ago >= range)
            continue;
        rate.append(QPointF(double(-ago), double(point.requests)));
        maxRate = std::max(maxRate, double(point.requests));
        if (point.p50 >= 0) {
            p50.append(QPointF(double(-ago), point.p50));
            p95.append(QPointF(double(-ago), point.p95));
            p99.append(QPointF(double(-ago), point.p99));
            maxLatency = std::max(maxLatency, point.p99);
        }
        if (ago < 10) {
            recentRequests += point.requests;
            recentP99 = std::max(recentP99, point.p99);
        }
    }
    m_rate->replace(rate);
    m_p50->replace(p50);
    m_p95->replace(p95);
    m_p99->replace(p99);
    // Round ticks: every 10 s over a minute, every minute over five.
    for (QValueAxis *x : {m_rateX, m_latencyX}) {
        x->setTickInterval(range <= 60 ? 10 : 60);
        x->setRange(-range, 0);
    }
    // A margin above the highest point, so it is not drawn on the chart's edge; round labels.
    m_rateY->setRange(0, niceCeiling(maxRate * 1.1));
    m_rateY->applyNiceNumbers();
    m_latencyY->setRange(0, niceCeiling(maxLatency * 1.1));
    m_latencyY->applyNiceNumbers();
    const double seconds = double(std::min<qsizetype>(10, qsizetype(points.size())));
    m_summary->setText(seconds == 0    ? tr("No finished seconds yet")
                       : recentP99 < 0 ? tr("Last 10 s: no requests")
                                       : tr("Last 10 s: %1 requests/s, slowest p99 %2 ms")
                                             .arg(QLocale().toString(double(recentRequests) / seconds, 'f', 1),
                                                  QLocale().toString(recentP99, 'f', recentP99 < 10 ? 2 : 1)));
}

} // namespace ui
