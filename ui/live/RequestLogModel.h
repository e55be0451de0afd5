#pragma once

#include "ui/live/LiveBatch.h"
#include "ui/live/RequestRecord.h"

#include <QAbstractTableModel>
#include <QHash>

#include <algorithm>
#include <chrono>
#include <deque>

namespace ui
{

// RequestLogModel is the request log: the last capacity() finished requests, newest first (row 0), one column per
// Column. appendBatch() adds a drained batch with one row insertion and at most one removal, so the views do a
// constant amount of work per tick whatever the request rate; rows past the bound are dropped from the bottom.
//
// Captured exchanges are paired with journeys by (connection, sequence); a capture that arrives before its
// journey waits in a bounded pending table.
//
// Thread affinity: GUI thread.
class RequestLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ConnectionColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        DurationColumn,
        RouteColumn,
        ColumnCount
    };
    enum Role
    {
        // StatusRole is the status code (int), MethodRole the method (QString), for filtering.
        StatusRole = Qt::UserRole + 1,
        MethodRole,
        // SearchTextRole is the text a filter's free text is matched against (method, target, route).
        SearchTextRole
    };

    static constexpr qsizetype DefaultCapacity = 2000;
    // DefaultBatchLimit bounds the rows one batch adds: at 100 ms ticks, 5,000 requests a second are logged, more
    // than anyone reads; under a heavier load each tick logs its newest requests and counts the rest as dropped,
    // so the GUI thread's work per tick stays bounded whatever the request rate (docs/benchmarks.md).
    static constexpr qsizetype DefaultBatchLimit = 500;
    static constexpr qsizetype PendingCaptureCapacity = 4096;

    explicit RequestLogModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestLogModel)

    // capacity is the most rows kept; setCapacity drops the oldest rows beyond a lower bound at once.
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity);
    // batchLimit is the most rows one appendBatch() adds (its newest journeys; the older ones are dropped).
    qsizetype batchLimit() const { return m_batchLimit; }
    void setBatchLimit(qsizetype limit) { m_batchLimit = std::max<qsizetype>(limit, 1); }

    // appendBatch adds the batch's journeys as rows (newest first) and attaches its captures.
    void appendBatch(const ui::LiveBatch &batch);
    // clear removes every row.
    void clear();
    // record returns the record of row (null when out of range).
    const RequestRecord *record(int row) const;
    // droppedRows counts the requests dropped past the bound or the batch limit since the model was made.
    quint64 droppedRows() const { return m_droppedRows; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RequestRecord makeRecord(const httpcore::Journey &journey, const httpcore::JourneyPtr &ptr) const;
    QDateTime wallTime(std::chrono::steady_clock::time_point at) const;
    void trimTo(qsizetype capacity);

    qsizetype m_capacity = DefaultCapacity;
    qsizetype m_batchLimit = DefaultBatchLimit;
    // Newest first.
    std::deque<RequestRecord> m_records;
    // Captures whose journey has not arrived yet, by (connection, sequence).
    QHash<QPair<quint64, quint64>, std::shared_ptr<const httpcore::CapturedExchange>> m_pending;
    quint64 m_droppedRows = 0;
    const qint64 m_wallAtStart;
    const std::chrono::steady_clock::time_point m_steadyAtStart;
};

} // namespace ui
