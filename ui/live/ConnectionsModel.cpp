#include "ui/live/ConnectionsModel.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace ui
{

namespace
{

// stateBackground is a light tint per state, readable with the default dark text.
QColor stateBackground(httpcore::ConnState state)
{
    switch (state) {
    case httpcore::ConnState::New:
        return QColor(0xe3, 0xf2, 0xfd);
    case httpcore::ConnState::Active:
        return QColor(0xc8, 0xe6, 0xc9);
    case httpcore::ConnState::Idle:
        return QColor(0xff, 0xf3, 0xc4);
    case httpcore::ConnState::Hijacked:
        return QColor(0xe1, 0xbe, 0xe7);
    case httpcore::ConnState::Closed:
        return QColor(0xee, 0xee, 0xee);
    }
    return {};
}

QString ageText(std::chrono::steady_clock::duration age)
{
    const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    if (seconds < 60)
        return u"%1 s"_s.arg(seconds);
    return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60);
}

} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setInterval(1s);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionsModel::removeExpired);
    m_timer.start();
}

ConnectionsModel::Row *ConnectionsModel::find(quint64 id)
{
    // Recent connections are near the top, where the search starts.
    for (Row &r : m_rows) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

int ConnectionsModel::rowOf(quint64 id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

void ConnectionsModel::removeRow(int row)
{
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void ConnectionsModel::makeRoom()
{
    while (qsizetype(m_rows.size()) >= m_capacity) {
        // The oldest closed row goes first, else the oldest row.
        int victim = int(m_rows.size()) - 1;
        for (int i = victim; i >= 0; --i) {
            if (m_rows[size_t(i)].state == httpcore::ConnState::Closed) {
                victim = i;
                break;
            }
        }
        removeRow(victim);
    }
}

void ConnectionsModel::applyBatch(const LiveBatch &batch)
{
    // Fold the batch into one update per connection first, so a tick costs one row lookup per connection touched,
    // not one per event.
    struct Update
    {
        const httpcore::ServerEvent *first = nullptr; // its first state event (peer, opening time)
        const httpcore::ServerEvent *last = nullptr;  // its last state event
        quint64 requests = 0;
    };
    QHash<quint64, Update> updates;
    std::vector<quint64> order;
    for (const httpcore::ServerEvent &event : batch.events) {
        auto it = updates.find(event.connectionId);
        if (it == updates.end()) {
            it = updates.insert(event.connectionId, Update());
            order.push_back(event.connectionId);
        }
        if (event.kind == httpcore::ServerEvent::Kind::Journey) {
            ++it->requests;
            continue;
        }
        if (!it->first)
            it->first = &event;
        it->last = &event;
    }
    if (order.empty())
        return;

    for (const quint64 id : order) {
        const Update &update = updates[id];
        Row *r = find(id);
        if (!r) {
            // A journey of a connection whose row is gone (expired or never seen) has nowhere to go.
            if (!update.first)
                continue;
            makeRoom();
            beginInsertRows(QModelIndex(), 0, 0);
            Row added;
            added.id = id;
            const httpcore::ServerEvent &opening = *update.first;
            const QString host = opening.peer.protocol() == QAbstractSocket::IPv6Protocol
                                     ? u'[' + opening.peer.toString() + u']'
                                     : opening.peer.toString();
            added.peer = u"%1:%2"_s.arg(host).arg(opening.peerPort);
            added.opened = opening.at;
            m_rows.push_front(added);
            endInsertRows();
            r = &m_rows.front();
        }
        r->requests += update.requests;
        if (update.last) {
            r->state = update.last->state;
            if (r->state == httpcore::ConnState::Closed || r->state == httpcore::ConnState::Hijacked) {
                r->closed = update.last->at;
                r->reason = QString::fromUtf8(update.last->reason);
            }
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void ConnectionsModel::removeExpired()
{
    const auto now = std::chrono::steady_clock::now();
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const Row &r = m_rows[size_t(row)];
        const bool over = r.state == httpcore::ConnState::Closed || r.state == httpcore::ConnState::Hijacked;
        if (over && now - r.closed >= m_retention)
            removeRow(row);
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, AgeColumn), index(int(m_rows.size()) - 1, AgeColumn));
}

void ConnectionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const bool over = r.state == httpcore::ConnState::Closed || r.state == httpcore::ConnState::Hijacked;
    switch (role) {
    case StateRole:
        return int(r.state);
    case Qt::BackgroundRole:
        return QBrush(stateBackground(r.state));
    case Qt::ForegroundRole:
        return QBrush(over ? QColor(0x61, 0x61, 0x61) : QColor(0x21, 0x21, 0x21));
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case IdColumn:
        return QString::number(r.id);
    case PeerColumn:
        return r.peer;
    case StateColumn:
        return QString::fromLatin1(httpcore::connStateName(r.state));
    case RequestsColumn:
        return QString::number(r.requests);
    case AgeColumn:
        return ageText((over ? r.closed : std::chrono::steady_clock::now()) - r.opened);
    case ReasonColumn:
        return r.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return u"Id"_s;
    case PeerColumn:
        return u"Remote address"_s;
    case StateColumn:
        return u"State"_s;
    case RequestsColumn:
        return u"Requests"_s;
    case AgeColumn:
        return u"Age"_s;
    case ReasonColumn:
        return u"Close reason"_s;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ui
