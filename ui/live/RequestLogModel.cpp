#include "ui/live/RequestLogModel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

// LateCaptureSearchRows bounds how far from the top a capture that arrived after its journey is looked for.
constexpr int LateCaptureSearchRows = 512;

double millisecondsBetween(const httpcore::JourneyMark *a, const httpcore::JourneyMark *b)
{
    if (!a || !b)
        return 0.0;
    return std::chrono::duration<double, std::milli>(b->at - a->at).count();
}

QColor statusColor(int status)
{
    if (status >= 500)
        return QColor(0xb7, 0x1c, 0x1c);
    if (status >= 400)
        return QColor(0xb2, 0x5e, 0x00);
    if (status >= 300)
        return QColor(0x15, 0x65, 0xc0);
    if (status >= 200)
        return QColor(0x2e, 0x7d, 0x32);
    return QColor(0x75, 0x75, 0x75);
}

} // namespace

RequestLogModel::RequestLogModel(QObject *parent)
    : QAbstractTableModel(parent), m_wallAtStart(QDateTime::currentMSecsSinceEpoch()),
      m_steadyAtStart(std::chrono::steady_clock::now())
{}

void RequestLogModel::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(capacity, 1);
    trimTo(m_capacity);
}

void RequestLogModel::trimTo(qsizetype capacity)
{
    const qsizetype size = qsizetype(m_records.size());
    if (size <= capacity)
        return;
    beginRemoveRows(QModelIndex(), int(capacity), int(size - 1));
    m_records.resize(size_t(capacity));
    m_droppedRows += quint64(size - capacity);
    endRemoveRows();
}

QDateTime RequestLogModel::wallTime(std::chrono::steady_clock::time_point at) const
{
    const auto offset = std::chrono::duration_cast<std::chrono::milliseconds>(at - m_steadyAtStart).count();
    // In UTC: a local-time QDateTime costs a time-zone look-up per record (glibc stats /etc/localtime each time
    // when TZ is unset), 21 % of the GUI thread under load (docs/benchmarks.md). Rows convert when painted.
    return QDateTime::fromMSecsSinceEpoch(m_wallAtStart + offset, Qt::UTC);
}

RequestRecord RequestLogModel::makeRecord(const httpcore::Journey &journey, const httpcore::JourneyPtr &ptr) const
{
    using httpcore::JourneyStage;
    RequestRecord r;
    r.connectionId = journey.connectionId;
    r.sequence = journey.sequence;
    r.method = QString::fromLatin1(journey.method);
    r.target = QString::fromUtf8(journey.target);
    r.status = journey.status;
    r.journey = ptr;
    const httpcore::JourneyMark *first = journey.find(JourneyStage::FirstByte);
    if (!first && !journey.marks().empty())
        first = &journey.marks().front();
    const httpcore::JourneyMark *done = journey.find(JourneyStage::ResponseComplete);
    if (!done && !journey.marks().empty())
        done = &journey.marks().back();
    r.durationMs = millisecondsBetween(first, done);
    r.time = first ? wallTime(first->at) : QDateTime::currentDateTimeUtc();
    if (const httpcore::JourneyMark *routed = journey.find(JourneyStage::RouteChosen))
        r.route = QString::fromUtf8(routed->label);
    for (const httpcore::JourneyMark &mark : journey.marks()) {
        if (mark.stage == JourneyStage::MiddlewareEntered)
            r.middleware.append(QString::fromUtf8(mark.label));
    }
    return r;
}

void RequestLogModel::appendBatch(const LiveBatch &batch)
{
    for (const httpcore::CapturedExchange &capture : batch.captures) {
        if (m_pending.size() >= PendingCaptureCapacity)
            m_pending.clear(); // their journeys were dropped; never grow without bound
        m_pending.insert({capture.connectionId, capture.sequence},
                         std::make_shared<const httpcore::CapturedExchange>(capture));
    }

    // Only the newest journeys of a burst are logged, at most capacity() and batchLimit(): the older ones are
    // counted and their captures dropped, without building records (under load a tick carries thousands).
    const auto isJourney = [](const httpcore::ServerEvent &event) {
        return event.kind == httpcore::ServerEvent::Kind::Journey && event.journey;
    };
    const qsizetype journeys = std::count_if(batch.events.begin(), batch.events.end(), isJourney);
    const qsizetype skip = std::max<qsizetype>(0, journeys - std::min(m_capacity, m_batchLimit));
    m_droppedRows += quint64(skip);
    qsizetype seen = 0;
    std::vector<RequestRecord> added;
    added.reserve(size_t(journeys - skip));
    for (const httpcore::ServerEvent &event : batch.events) {
        if (!isJourney(event))
            continue;
        if (seen++ < skip) {
            m_pending.remove({event.journey->connectionId, event.journey->sequence});
            continue;
        }
        RequestRecord record = makeRecord(*event.journey, event.journey);
        record.capture = m_pending.take({record.connectionId, record.sequence});
        added.push_back(std::move(record));
    }
    const qsizetype count = qsizetype(added.size());
    if (count > 0) {
        trimTo(m_capacity - count);
        beginInsertRows(QModelIndex(), 0, int(count - 1));
        for (RequestRecord &record : added)
            m_records.push_front(std::move(record));
        endInsertRows();
    }

    // Captures that arrived after their journey (a response completed after its connection ended).
    if (m_pending.isEmpty())
        return;
    const int rows = std::min(int(m_records.size()), LateCaptureSearchRows);
    for (int row = 0; row < rows && !m_pending.isEmpty(); ++row) {
        RequestRecord &record = m_records[size_t(row)];
        if (record.capture)
            continue;
        if (auto capture = m_pending.take({record.connectionId, record.sequence})) {
            record.capture = std::move(capture);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_records.clear();
    m_pending.clear();
    endResetModel();
}

const RequestRecord *RequestLogModel::record(int row) const
{
    if (row < 0 || row >= int(m_records.size()))
        return nullptr;
    return &m_records[size_t(row)];
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    const RequestRecord *r = record(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case StatusRole:
        return r->status;
    case MethodRole:
        return r->method;
    case SearchTextRole:
        return QString(r->method + u' ' + r->target + u' ' + r->route);
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return QBrush(statusColor(r->status));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ConnectionColumn || index.column() == StatusColumn || index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PathColumn || index.column() == RouteColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case TimeColumn:
        return r->time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
    case ConnectionColumn:
        return u"%1 #%2"_s.arg(r->connectionId).arg(r->sequence);
    case MethodColumn:
        return r->method.isEmpty() ? u"-"_s : r->method;
    case PathColumn:
        return r->target.isEmpty() ? u"-"_s : r->target;
    case StatusColumn:
        return r->status == 0 ? u"-"_s : QString::number(r->status);
    case DurationColumn:
        return u"%1 ms"_s.arg(r->durationMs, 0, 'f', r->durationMs < 10 ? 2 : 1);
    case RouteColumn:
        return r->route.isEmpty() ? u"(none)"_s : r->route;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return u"Time"_s;
    case ConnectionColumn:
        return u"Conn"_s;
    case MethodColumn:
        return u"Method"_s;
    case PathColumn:
        return u"Path"_s;
    case StatusColumn:
        return u"Status"_s;
    case DurationColumn:
        return u"Duration"_s;
    case RouteColumn:
        return u"Matched route"_s;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ui
