#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

namespace ui
{

class RouteSetDocument;

// RoutesTableModel shows the routes of a RouteSetDocument, one row per route in set order: whether it is
// enabled (a check box the user can toggle), its method, host and path, the statuses of its responses, its
// delay, the requests it answered (setHits) and its id. Toggling the check box edits the document (one undo
// command); enabling a route whose pattern would conflict with another enabled route is refused and reported
// through editRefused. The model resets whenever the document changes.
//
// Lives on the GUI thread; not thread-safe. The document must outlive the model.
class RoutesTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutesTableModel)

public:
    enum Column
    {
        EnabledColumn,
        MethodColumn,
        PatternColumn,
        StatusColumn,
        DelayColumn,
        HitsColumn,
        IdColumn,
        ColumnCount
    };

    explicit RoutesTableModel(RouteSetDocument *document, QObject *parent = nullptr);

    // setHits sets the requests each route answered, by route id; routes not in hits show none.
    void setHits(const QHash<QString, qint64> &hits);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // editRefused is emitted with the reason when a check-box toggle is refused.
    void editRefused(const QString &message);

private:
    QVariant displayData(int row, int column) const;

    RouteSetDocument *m_document; // not owned
    QHash<QString, qint64> m_hits;
};

} // namespace ui
