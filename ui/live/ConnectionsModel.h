#pragma once

#include "httpcore/ConnState.h"
#include "ui/live/LiveBatch.h"

#include <QAbstractTableModel>
#include <QMetaType>
#include <QTimer>

#include <chrono>
#include <deque>
#include <vector>

namespace ui
{

// ConnectionStep is one state a connection entered, and when (steady clock). A plain value.
struct ConnectionStep
{
    httpcore::ConnState state = httpcore::ConnState::New;
    std::chrono::steady_clock::time_point at;

    friend bool operator==(const ConnectionStep &, const ConnectionStep &) = default;
};

// ConnectionHistory is what the timeline column draws: the states a connection went through (the newest
// ConnectionsModel::MaxHistory of them, oldest first), how many older ones were dropped, and until when the last
// one lasted (the close time, or now for an open connection). A plain value.
struct ConnectionHistory
{
    std::vector<ConnectionStep> steps;
    quint64 droppedSteps = 0;
    std::chrono::steady_clock::time_point end;
};

// ConnectionsModel has one row per connection of the server (newest first): id, remote address, state, a timeline
// of its states, requests served, bytes in and out, age, who closed it and why. Totals are those reported with the
// connection's last state change. Closed rows are greyed and fade out over closedRetention(), then are removed; at
// most capacity() rows are kept (closed ones go first, then the oldest). A timer refreshes the ages and timelines
// and removes expired rows every refreshInterval().
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
        TimelineColumn,
        RequestsColumn,
        BytesInColumn,
        BytesOutColumn,
        AgeColumn,
        ClosedByColumn,
        ReasonColumn,
        ColumnCount
    };
    // StateRole is the row's httpcore::ConnState as an int.
    static constexpr int StateRole = Qt::UserRole + 1;
    // HistoryRole is the row's ConnectionHistory (any column).
    static constexpr int HistoryRole = Qt::UserRole + 2;
    // OpacityRole is how visible the row is, a qreal: 1 while open, fading towards 0.25 over the retention once
    // closed.
    static constexpr int OpacityRole = Qt::UserRole + 3;
    // CauseRole is the row's httpcore::CloseCause as an int (None while open).
    static constexpr int CauseRole = Qt::UserRole + 4;
    // ValueRole is the raw number behind the requests, bytes (bytes) and age (milliseconds) columns, as qint64.
    static constexpr int ValueRole = Qt::UserRole + 5;
    static constexpr qsizetype DefaultCapacity = 2000;
    // MaxHistory bounds the states kept per connection (a keep-alive connection alternates Active and Idle).
    static constexpr qsizetype MaxHistory = 64;

    explicit ConnectionsModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionsModel)

    // applyBatch applies the batch's connection-state events (journeys are ignored: totals come with the states).
    void applyBatch(const ui::LiveBatch &batch);
    // removeExpired removes closed rows older than closedRetention(), and refreshes ages, timelines and fading.
    void removeExpired();
    // setClosedRetention sets how long a closed row stays (and fades) before it is removed (milliseconds).
    void setClosedRetention(std::chrono::milliseconds retention);
    std::chrono::milliseconds closedRetention() const { return m_retention; }
    // refreshInterval is the period of the refresh timer: a second, shorter for a short retention (milliseconds).
    std::chrono::milliseconds refreshInterval() const { return std::chrono::milliseconds(m_timer.interval()); }
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity) { m_capacity = std::max<qsizetype>(capacity, 1); }
    // clear removes every row.
    void clear();
    // rowOf returns the row of connection id, or -1.
    int rowOf(quint64 id) const;
    // openCount returns the rows whose connection is not closed (nor hijacked).
    int openCount() const;

    // closeCauseText returns the words shown for cause, with the HTTP status taken from reason for a parse
    // error ("parse error (400)"); reason itself when cause is None. Pure.
    static QString closeCauseText(httpcore::CloseCause cause, const QByteArray &reason);
    // closedByText returns which side ended the connection for cause: "client", "server" or empty. Pure.
    static QString closedByText(httpcore::CloseCause cause);

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
        httpcore::ConnStats stats;
        std::chrono::steady_clock::time_point opened;
        std::chrono::steady_clock::time_point closed;
        httpcore::CloseCause cause = httpcore::CloseCause::None;
        QByteArray reason;
        // history: oldest first, at most MaxHistory steps; droppedSteps counts older ones.
        std::vector<ConnectionStep> history;
        quint64 droppedSteps = 0;

        bool isOver() const { return state == httpcore::ConnState::Closed || state == httpcore::ConnState::Hijacked; }
    };
    Row *find(quint64 id);
    Row &insertRow(const httpcore::ServerEvent &opening);
    void applyState(Row &row, const httpcore::ServerEvent &event);
    void removeRow(int row);
    void makeRoom();
    QVariant display(const Row &row, int column) const;
    QVariant value(const Row &row, int column) const;
    qreal opacity(const Row &row, std::chrono::steady_clock::time_point now) const;

    // Newest first.
    std::deque<Row> m_rows;
    qsizetype m_capacity = DefaultCapacity;
    std::chrono::milliseconds m_retention{10'000};
    QTimer m_timer;
};

} // namespace ui

Q_DECLARE_METATYPE(ui::ConnectionHistory)
