#include "ui/live/ConnectionsModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace ui
{

namespace
{

using Clock = std::chrono::steady_clock;

// MinOpacity is how faint a closed row gets just before it is removed.
constexpr qreal MinOpacity = 0.25;

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

QString ageText(Clock::duration age)
{
    const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    if (seconds < 60)
        return u"%1 s"_s.arg(seconds);
    return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60);
}

QString peerText(const QHostAddress &peer, quint16 port)
{
    const QString host =
        peer.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + peer.toString() + u']' : peer.toString();
    return u"%1:%2"_s.arg(host).arg(port);
}

// leadingStatus returns the HTTP status a parse-error reason starts with ("400 bad request line"), or 0.
int leadingStatus(const QByteArray &reason)
{
    if (reason.size() < 3)
        return 0;
    bool ok = false;
    const int status = reason.left(3).toInt(&ok);
    return ok && status >= 100 && status <= 599 && (reason.size() == 3 || reason.at(3) == ' ') ? status : 0;
}

} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setInterval(1s);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionsModel::removeExpired);
    m_timer.start();
}

void ConnectionsModel::setClosedRetention(std::chrono::milliseconds retention)
{
    m_retention = std::max(retention, 0ms);
    // Fading needs a few steps over the retention; a second is enough otherwise.
    m_timer.setInterval(std::clamp(m_retention / 4, 20ms, std::chrono::milliseconds(1s)));
}

QString ConnectionsModel::closeCauseText(httpcore::CloseCause cause, const QByteArray &reason)
{
    switch (cause) {
    case httpcore::CloseCause::None:
    case httpcore::CloseCause::Other:
        return QString::fromUtf8(reason);
    case httpcore::CloseCause::Client:
        return u"client closed"_s;
    case httpcore::CloseCause::ConnectionClose:
        return u"Connection: close"_s;
    case httpcore::CloseCause::KeepAlivesOff:
        return u"keep-alives off"_s;
    case httpcore::CloseCause::IdleTimeout:
        return u"idle timeout"_s;
    case httpcore::CloseCause::HeaderTimeout:
        return u"read-header timeout"_s;
    case httpcore::CloseCause::ReadTimeout:
        return u"read timeout"_s;
    case httpcore::CloseCause::WriteTimeout:
        return u"write timeout"_s;
    case httpcore::CloseCause::ParseError: {
        const int status = leadingStatus(reason);
        return status > 0 ? u"parse error (%1)"_s.arg(status) : u"parse error"_s;
    }
    case httpcore::CloseCause::UnreadBody:
        return u"unread request body"_s;
    case httpcore::CloseCause::ResponseClose:
        return u"response asked to close"_s;
    case httpcore::CloseCause::HandlerError:
        return u"handler error"_s;
    case httpcore::CloseCause::Shutdown:
        return u"server shutdown"_s;
    case httpcore::CloseCause::Reset:
        return u"reset by peer"_s;
    }
    return QString::fromUtf8(reason);
}

QString ConnectionsModel::closedByText(httpcore::CloseCause cause)
{
    switch (cause) {
    case httpcore::CloseCause::None:
    case httpcore::CloseCause::Other:
        return {};
    case httpcore::CloseCause::Client:
    case httpcore::CloseCause::ConnectionClose:
    case httpcore::CloseCause::Reset:
        return u"client"_s;
    case httpcore::CloseCause::KeepAlivesOff:
    case httpcore::CloseCause::IdleTimeout:
    case httpcore::CloseCause::HeaderTimeout:
    case httpcore::CloseCause::ReadTimeout:
    case httpcore::CloseCause::WriteTimeout:
    case httpcore::CloseCause::ParseError:
    case httpcore::CloseCause::UnreadBody:
    case httpcore::CloseCause::ResponseClose:
    case httpcore::CloseCause::HandlerError:
    case httpcore::CloseCause::Shutdown:
        return u"server"_s;
    }
    return {};
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

int ConnectionsModel::openCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return !r.isOver(); }));
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
            if (m_rows[size_t(i)].isOver()) {
                victim = i;
                break;
            }
        }
        removeRow(victim);
    }
}

ConnectionsModel::Row &ConnectionsModel::insertRow(const httpcore::ServerEvent &opening)
{
    makeRoom();
    beginInsertRows(QModelIndex(), 0, 0);
    Row added;
    added.id = opening.connectionId;
    added.peer = peerText(opening.peer, opening.peerPort);
    added.opened = opening.at;
    m_rows.push_front(std::move(added));
    endInsertRows();
    return m_rows.front();
}

void ConnectionsModel::applyState(Row &row, const httpcore::ServerEvent &event)
{
    if (row.isOver())
        return; // terminal; nothing follows Closed or Hijacked
    row.state = event.state;
    row.stats = event.stats;
    row.history.push_back(ConnectionStep{event.state, event.at});
    if (qsizetype(row.history.size()) > MaxHistory) {
        row.history.erase(row.history.begin());
        ++row.droppedSteps;
    }
    if (row.isOver()) {
        row.closed = event.at;
        row.cause = event.cause;
        row.reason = event.reason;
    }
}

void ConnectionsModel::applyBatch(const LiveBatch &batch)
{
    // Rows are looked up once per run of events of the same connection, which a tick mostly has.
    Row *current = nullptr;
    bool touched = false;
    for (const httpcore::ServerEvent &event : batch.events) {
        if (event.kind != httpcore::ServerEvent::Kind::ConnState)
            continue;
        if (!current || current->id != event.connectionId) {
            current = find(event.connectionId);
            // A connection whose row is gone (expired or evicted) and that does not start here is not shown again.
            if (!current && event.state != httpcore::ConnState::New)
                continue;
            if (!current)
                current = &insertRow(event);
        }
        applyState(*current, event);
        touched = true;
    }
    if (touched)
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void ConnectionsModel::removeExpired()
{
    const auto now = Clock::now();
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const Row &r = m_rows[size_t(row)];
        if (r.isOver() && now - r.closed >= m_retention)
            removeRow(row);
    }
    // Ages and open timelines grow, closed rows fade: repaint everything.
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
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

qreal ConnectionsModel::opacity(const Row &row, Clock::time_point now) const
{
    if (!row.isOver())
        return 1.0;
    if (m_retention.count() <= 0)
        return MinOpacity;
    const double gone =
        std::chrono::duration<double, std::milli>(now - row.closed).count() / double(m_retention.count());
    // Greyed at once (0.7), then fading linearly to MinOpacity.
    return std::clamp(0.7 - (0.7 - MinOpacity) * gone, MinOpacity, 0.7);
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case StateRole:
        return int(r.state);
    case CauseRole:
        return int(r.cause);
    case OpacityRole:
        return opacity(r, Clock::now());
    case HistoryRole: {
        ConnectionHistory history;
        history.steps = r.history;
        history.droppedSteps = r.droppedSteps;
        history.end = r.isOver() ? r.closed : Clock::now();
        return QVariant::fromValue(history);
    }
    case Qt::BackgroundRole:
        return QBrush(stateBackground(r.state));
    case Qt::ForegroundRole: {
        // Closed rows are greyed, and fade towards the background as they age.
        QColor text = r.isOver() ? QColor(0x61, 0x61, 0x61) : QColor(0x21, 0x21, 0x21);
        text.setAlphaF(float(r.isOver() ? opacity(r, Clock::now()) : 1.0));
        return QBrush(text);
    }
    case Qt::ToolTipRole:
        return index.column() == ReasonColumn && !r.reason.isEmpty() ? QString::fromUtf8(r.reason) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= RequestsColumn && index.column() <= AgeColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case ValueRole:
        return value(r, index.column());
    case Qt::DisplayRole:
        return display(r, index.column());
    default:
        return {};
    }
}

QVariant ConnectionsModel::value(const Row &r, int column) const
{
    if (column == RequestsColumn)
        return qint64(r.stats.requests);
    if (column == BytesInColumn)
        return r.stats.bytesIn;
    if (column == BytesOutColumn)
        return r.stats.bytesOut;
    if (column == AgeColumn) {
        const auto age = (r.isOver() ? r.closed : Clock::now()) - r.opened;
        return qint64(std::chrono::duration_cast<std::chrono::milliseconds>(age).count());
    }
    return {};
}

QVariant ConnectionsModel::display(const Row &r, int column) const
{
    switch (Column(column)) {
    case IdColumn:
        return QString::number(r.id);
    case PeerColumn:
        return r.peer;
    case StateColumn:
        return QString::fromLatin1(httpcore::connStateName(r.state));
    case TimelineColumn:
        return {}; // painted by ConnectionTimelineDelegate
    case RequestsColumn:
        return QString::number(r.stats.requests);
    case BytesInColumn:
        return QLocale().toString(r.stats.bytesIn);
    case BytesOutColumn:
        return QLocale().toString(r.stats.bytesOut);
    case AgeColumn:
        return ageText((r.isOver() ? r.closed : Clock::now()) - r.opened);
    case ClosedByColumn:
        return r.state == httpcore::ConnState::Hijacked ? u"handler"_s : closedByText(r.cause);
    case ReasonColumn:
        return r.state == httpcore::ConnState::Hijacked ? u"hijacked"_s : closeCauseText(r.cause, r.reason);
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
    case TimelineColumn:
        return u"Timeline"_s;
    case RequestsColumn:
        return u"Requests"_s;
    case BytesInColumn:
        return u"Bytes in"_s;
    case BytesOutColumn:
        return u"Bytes out"_s;
    case AgeColumn:
        return u"Age"_s;
    case ClosedByColumn:
        return u"Closed by"_s;
    case ReasonColumn:
        return u"Close reason"_s;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ui
