#include "ui/routes/RoutesTableModel.h"

#include "httpcore/mux/Pattern.h"
#include "ui/routes/RouteChecks.h"
#include "ui/routes/RouteSetDocument.h"

#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

// MethodAndPath splits a pattern for display: its method ("" for any) and the rest (host and path). A pattern
// that does not parse is shown as written.
struct MethodAndPath
{
    QString method;
    QString rest;
};

MethodAndPath splitPattern(const QString &pattern)
{
    const httpcore::Expected<httpcore::Pattern, QString> parsed = httpcore::Pattern::parse(pattern.toUtf8());
    if (!parsed)
        return {QString(), pattern};
    const QString method = QString::fromLatin1(parsed->method());
    QString rest = pattern.trimmed();
    if (!method.isEmpty())
        rest = rest.mid(method.size()).trimmed();
    return {method, rest};
}

QString statusesText(const mock::Route &route)
{
    QStringList statuses;
    for (const mock::MockResponse &response : route.responses) {
        const QString status = QString::number(response.status);
        if (!statuses.contains(status))
            statuses << status;
    }
    return statuses.join(u", "_s);
}

QString delayText(const mock::Route &route)
{
    if (route.responses.isEmpty())
        return {};
    int lowest = route.responses.first().delay.minMs;
    int highest = route.responses.first().delay.maxMs;
    for (const mock::MockResponse &response : route.responses) {
        lowest = std::min(lowest, response.delay.minMs);
        highest = std::max(highest, response.delay.maxMs);
    }
    if (highest == 0)
        return {};
    if (lowest == highest)
        return u"%1 ms"_s.arg(lowest);
    return u"%1\u2013%2 ms"_s.arg(lowest).arg(highest);
}

} // namespace

RoutesTableModel::RoutesTableModel(RouteSetDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &RouteSetDocument::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

void RoutesTableModel::setHits(const QHash<QString, qint64> &hits)
{
    m_hits = hits;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, HitsColumn), index(rowCount() - 1, HitsColumn), {Qt::DisplayRole});
}

int RoutesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_document->set().routes.size());
}

int RoutesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoutesTableModel::displayData(int row, int column) const
{
    const mock::Route &route = m_document->set().routes[row];
    switch (Column(column)) {
    case EnabledColumn:
        return {};
    case MethodColumn: {
        const QString method = splitPattern(route.pattern).method;
        return method.isEmpty() ? u"ANY"_s : method;
    }
    case PatternColumn:
        return splitPattern(route.pattern).rest;
    case StatusColumn:
        return statusesText(route);
    case DelayColumn:
        return delayText(route);
    case HitsColumn:
        return m_hits.value(route.id, 0);
    case IdColumn:
        return route.id;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RoutesTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const mock::Route &route = m_document->set().routes[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(index.row(), index.column());
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return route.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        return route.note.isEmpty() ? route.pattern : route.pattern + u"\n"_s + route.note;
    case Qt::ForegroundRole:
        if (!route.enabled)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (index.column() == MethodColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == HitsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

bool RoutesTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != EnabledColumn || role != Qt::CheckStateRole)
        return false;
    const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
    const mock::RouteSet &set = m_document->set();
    const mock::Route &route = set.routes[index.row()];
    if (enabled) {
        if (std::optional<QString> problem = RouteChecks::patternProblem(set, index.row(), route.pattern, true)) {
            Q_EMIT editRefused(tr("Cannot enable %1: %2").arg(route.id, *problem));
            return false;
        }
    }
    return m_document->setRouteEnabled(index.row(), enabled);
}

Qt::ItemFlags RoutesTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == EnabledColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant RoutesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case EnabledColumn:
        return tr("On");
    case MethodColumn:
        return tr("Method");
    case PatternColumn:
        return tr("Pattern");
    case StatusColumn:
        return tr("Status");
    case DelayColumn:
        return tr("Delay");
    case HitsColumn:
        return tr("Hits");
    case IdColumn:
        return tr("Id");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ui
