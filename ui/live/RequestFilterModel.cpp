#include "ui/live/RequestFilterModel.h"

#include "ui/live/RequestLogModel.h"

namespace ui
{

RequestFilterModel::RequestFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void RequestFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void RequestFilterModel::setMethod(const QString &method)
{
    if (method == m_method)
        return;
    m_method = method;
    invalidateRowsFilter();
}

void RequestFilterModel::setStatusClass(int statusClass)
{
    if (statusClass == m_statusClass)
        return;
    m_statusClass = statusClass;
    invalidateRowsFilter();
}

bool RequestFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_method.isEmpty() &&
        index.data(RequestLogModel::MethodRole).toString().compare(m_method, Qt::CaseInsensitive) != 0)
        return false;
    if (m_statusClass != 0 && index.data(RequestLogModel::StatusRole).toInt() / 100 != m_statusClass)
        return false;
    if (!m_text.isEmpty() &&
        !index.data(RequestLogModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace ui
