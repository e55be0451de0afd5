#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace ui
{

class RouteSetDocument;
class RoutesTableModel;

// RoutesPanel shows the routes of a RouteSetDocument in a table ("routesTable": enabled check box, method,
// pattern, statuses, delay, hits, id) with buttons to add ("addRouteButton"), edit ("editRouteButton", or a
// double click, or Enter), duplicate ("duplicateRouteButton") and delete ("deleteRouteButton", or the Delete
// key) routes. Add and Edit open a RouteEditor ("routeEditor", window-modal, not blocking); when it is accepted
// the route goes into the document as one undo command. Refused edits (enabling a conflicting route) are
// explained in "routesMessage".
//
// Lives on the GUI thread. The document must outlive the panel.
class RoutesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutesPanel)

public:
    explicit RoutesPanel(RouteSetDocument *document, QWidget *parent = nullptr);
    ~RoutesPanel() override;

    // setHits sets the requests each route answered, by route id (the window's counts from the server).
    void setHits(const QHash<QString, qint64> &hits);
    // currentRow is the selected route's index in the set, or -1.
    int currentRow() const;

private:
    void openEditor(int row);
    void duplicateCurrent();
    void deleteCurrent();
    void updateButtons();
    void selectRow(int row);
    void showMessage(const QString &message);

    RouteSetDocument *m_document; // not owned
    RoutesTableModel *m_model;
    QTableView *m_table;
    QPushButton *m_edit;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QLabel *m_message;
    QString m_selectedId; // the selected route's id, to select it again after a model reset
};

} // namespace ui
