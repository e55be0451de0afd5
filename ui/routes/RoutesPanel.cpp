#include "ui/routes/RoutesPanel.h"

#include "ui/routes/RouteEditor.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/RoutesTableModel.h"
#include "ui/routes/WidgetTeardown.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

RoutesPanel::RoutesPanel(RouteSetDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_model(new RoutesTableModel(document, this)), m_table(new QTableView),
      m_edit(new QPushButton(tr("Edit\u2026"))), m_duplicate(new QPushButton(tr("Duplicate"))),
      m_delete(new QPushButton(tr("Delete"))), m_message(new QLabel)
{
    setObjectName(u"routesPanel"_s);
    auto *add = new QPushButton(tr("Add\u2026"));
    add->setObjectName(u"addRouteButton"_s);
    add->setToolTip(tr("Add a route"));
    m_edit->setObjectName(u"editRouteButton"_s);
    m_duplicate->setObjectName(u"duplicateRouteButton"_s);
    m_duplicate->setToolTip(tr("Add a disabled copy of the selected route"));
    m_delete->setObjectName(u"deleteRouteButton"_s);
    m_message->setObjectName(u"routesMessage"_s);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->hide();

    m_table->setObjectName(u"routesTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RoutesTableModel::PatternColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(32);
    header->resizeSection(RoutesTableModel::EnabledColumn, 34);
    header->resizeSection(RoutesTableModel::MethodColumn, 66);
    header->resizeSection(RoutesTableModel::StatusColumn, 76);
    header->resizeSection(RoutesTableModel::DelayColumn, 96);
    header->resizeSection(RoutesTableModel::HitsColumn, 44);
    // The pattern is what users read; the id stays in the model (and the editor) but not in the narrow pane.
    header->hideSection(RoutesTableModel::IdColumn);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {add, m_edit, m_duplicate, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(add, &QPushButton::clicked, this, [this] { openEditor(-1); });
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditor(currentRow()); });
    connect(m_duplicate, &QPushButton::clicked, this, &RoutesPanel::duplicateCurrent);
    connect(m_delete, &QPushButton::clicked, this, &RoutesPanel::deleteCurrent);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && index.column() != RoutesTableModel::EnabledColumn)
            openEditor(index.row());
    });
    auto *editShortcut = new QShortcut(QKeySequence(Qt::Key_Return), m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(editShortcut, &QShortcut::activated, this, [this] {
        if (currentRow() >= 0)
            openEditor(currentRow());
    });
    auto *deleteShortcut = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(deleteShortcut, &QShortcut::activated, this, &RoutesPanel::deleteCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_selectedId = currentRow() >= 0 ? m_document->set().routes.value(currentRow()).id : QString();
        updateButtons();
    });
    // The model resets on every change of the set, which clears the selection without a signal: select the
    // route that was selected again, by id.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const QList<mock::Route> &routes = m_document->set().routes;
        for (int i = 0; i < routes.size() && !m_selectedId.isEmpty(); ++i) {
            if (routes[i].id == m_selectedId)
                selectRow(i);
        }
        updateButtons();
    });
    connect(m_model, &RoutesTableModel::editRefused, this, &RoutesPanel::showMessage);
    connect(document, &RouteSetDocument::changed, this, [this] { showMessage(QString()); });
    updateButtons();
}

void RoutesPanel::setHits(const QHash<QString, qint64> &hits)
{
    m_model->setHits(hits);
}

int RoutesPanel::currentRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void RoutesPanel::openEditor(int row)
{
    auto *editor = new RouteEditor(m_document->set(), row, m_document->baseDirectory(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    // The set may change while the dialog is open (undo, a recording proxy): find the route again by its id.
    const QString originalId = row >= 0 ? m_document->set().routes.value(row).id : QString();
    connect(editor, &QDialog::accepted, this, [this, editor, originalId] {
        const mock::Route route = editor->route();
        const QList<mock::Route> &routes = m_document->set().routes;
        int at = -1;
        for (int i = 0; i < routes.size() && !originalId.isEmpty(); ++i) {
            if (routes[i].id == originalId)
                at = i;
        }
        if (at >= 0) {
            m_document->replaceRoute(at, route);
        } else {
            m_document->addRoute(route);
            at = int(m_document->set().routes.size()) - 1;
        }
        selectRow(at);
    });
    editor->open();
}

void RoutesPanel::duplicateCurrent()
{
    const int row = currentRow();
    if (row >= 0 && m_document->duplicateRoute(row))
        selectRow(row + 1);
}

void RoutesPanel::deleteCurrent()
{
    const int row = currentRow();
    if (row < 0 || !m_document->removeRoute(row))
        return;
    selectRow(std::min(row, int(m_document->set().routes.size()) - 1));
}

void RoutesPanel::updateButtons()
{
    const bool selected = currentRow() >= 0;
    m_edit->setEnabled(selected);
    m_duplicate->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void RoutesPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

void RoutesPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

RoutesPanel::~RoutesPanel()
{
    disconnectChildren(this);
}

} // namespace ui
