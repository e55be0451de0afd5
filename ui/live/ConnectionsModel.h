#pragma once

#include "httpcore/ConnState.h"
#include "ui/live/LiveBatch.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <chrono>
#include <deque>

namespace ui
{

// ConnectionsModel has one row per connection of the server (newest first): id, remote address, state, requests
// served, age and, once closed, why. Rows are coloured by state. A closed row stays for closedRetention() and is
// then removed; at most capacity() rows are kept (closed ones go first, then the oldest). A timer refreshes the
// ages and removes expired rows once a second.
//
// Thread affinity: GUI thread.
class ConnectionsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        PeerColumn,
        StateColumn,
        RequestsColumn,
        AgeColumn,
        ReasonColumn,
        ColumnCount
    };
    // StateRole is the row's httpcore::ConnState as an int.
    static constexpr int StateRole = Qt::UserRole + 1;
    static constexpr qsizetype DefaultCapacity = 2000;

    explicit ConnectionsModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionsModel)

    // applyBatch applies the batch's connection states and counts its journeys as requests served.
    void applyBatch(const ui::LiveBatch &batch);
    // removeExpired removes closed rows older than closedRetention(), and refreshes the age column.
    void removeExpired();
    void setClosedRetention(std::chrono::milliseconds retention) { m_retention = retention; }
    std::chrono::milliseconds closedRetention() const { return m_retention; }
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity) { m_capacity = std::max<qsizetype>(capacity, 1); }
    // clear removes every row.
    void clear();
    // rowOf returns the row of connection id, or -1.
    int rowOf(quint64 id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        quint64 id = 0;
        QString peer;
        httpcore::ConnState state = httpcore::ConnState::New;
        quint64 requests = 0;
        std::chrono::steady_clock::time_point opened;
        std::chrono::steady_clock::time_point closed;
        QString reason;
    };
    Row *find(quint64 id);
    void removeRow(int row);
    void makeRoom();

    // Newest first.
    std::deque<Row> m_rows;
    qsizetype m_capacity = DefaultCapacity;
    std::chrono::milliseconds m_retention{5000};
    QTimer m_timer;
};

} // namespace ui
