#pragma once

#include <QSortFilterProxyModel>

namespace ui
{

// RequestFilterModel filters the request log (a RequestLogModel source) by free text (method, target or route,
// case-insensitive), by method and by status class. Empty criteria accept everything.
//
// Thread affinity: GUI thread.
class RequestFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RequestFilterModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestFilterModel)

    // setText keeps rows whose method, target or route contains text.
    void setText(const QString &text);
    // setMethod keeps rows of method (empty: any).
    void setMethod(const QString &method);
    // setStatusClass keeps rows whose status is in statusClass * 100 .. + 99 (1 to 5; 0: any status).
    void setStatusClass(int statusClass);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_method;
    int m_statusClass = 0;
};

} // namespace ui
