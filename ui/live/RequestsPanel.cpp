#include "ui/live/RequestsPanel.h"

#include "ui/live/HarWriter.h"
#include "ui/live/RequestFilterModel.h"
#include "ui/live/RequestInspector.h"
#include "ui/live/RequestLogModel.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

RequestsPanel::RequestsPanel(QWidget *parent)
    : QWidget(parent), m_log(new RequestLogModel(this)), m_filter(new RequestFilterModel(this)),
      m_text(new QLineEdit(this)), m_method(new QComboBox(this)), m_statusClass(new QComboBox(this)),
      m_status(new QLabel(this)), m_view(new QTableView(this)), m_inspector(new RequestInspector(this)),
      m_exportButton(new QToolButton(this)), m_includeCredentials(new QAction(tr("Include credentials"), this))
{
    m_filter->setSourceModel(m_log);
    m_text->setObjectName(u"requestFilterEdit"_s);
    m_text->setPlaceholderText(tr("Filter by path, method or route"));
    m_text->setClearButtonEnabled(true);
    m_method->setObjectName(u"requestMethodFilter"_s);
    m_method->addItem(tr("Any method"), QString());
    for (const QString &method : {u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"OPTIONS"_s})
        m_method->addItem(method, method);
    m_statusClass->setObjectName(u"requestStatusFilter"_s);
    m_statusClass->addItem(tr("Any status"), 0);
    for (int c = 1; c <= 5; ++c)
        m_statusClass->addItem(u"%1xx"_s.arg(c), c);
    m_status->setObjectName(u"requestLogStatus"_s);
    m_exportButton->setObjectName(u"exportHarButton"_s);
    m_exportButton->setText(tr("Export HAR\u2026"));
    m_exportButton->setToolTip(tr("Save the log, or the rows the filter shows, as an HTTP Archive (HAR 1.2)"));
    // A menu rather than a check box beside the button keeps the filter bar, and so the window, narrow.
    m_exportButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_includeCredentials->setObjectName(u"harIncludeCredentialsAction"_s);
    m_includeCredentials->setCheckable(true);
    m_includeCredentials->setToolTip(tr("Export Authorization, Cookie, Set-Cookie and API key or token headers "
                                        "as they were; unchecked, they are masked"));
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->setToolTipsVisible(true);
    exportMenu->addAction(m_includeCredentials);
    m_exportButton->setMenu(exportMenu);

    setUpLogView();

    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(m_text, 1);
    filterBar->addWidget(m_method);
    filterBar->addWidget(m_statusClass);
    filterBar->addWidget(m_status);
    filterBar->addWidget(m_exportButton);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filterBar);
    topLayout->addWidget(m_view, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"requestsSplitter"_s);
    splitter->addWidget(top);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_text, &QLineEdit::textChanged, m_filter, &RequestFilterModel::setText);
    connect(m_method, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMethod(m_method->currentData().toString()); });
    connect(m_statusClass, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatusClass(m_statusClass->currentData().toInt()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RequestsPanel::showSelected);
    connect(m_exportButton, &QToolButton::clicked, this, &RequestsPanel::exportHar);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &RequestsPanel::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &RequestsPanel::updateStatus);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RequestsPanel::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &RequestsPanel::updateStatus);
    updateStatus();
}

void RequestsPanel::setUpLogView()
{
    m_view->setObjectName(u"requestLogView"_s);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RequestLogModel::RouteColumn, QHeaderView::Interactive);
    m_view->setColumnWidth(RequestLogModel::TimeColumn, 95);
    m_view->setColumnWidth(RequestLogModel::ConnectionColumn, 60);
    m_view->setColumnWidth(RequestLogModel::MethodColumn, 65);
    m_view->setColumnWidth(RequestLogModel::StatusColumn, 55);
    m_view->setColumnWidth(RequestLogModel::DurationColumn, 80);
    m_view->setColumnWidth(RequestLogModel::RouteColumn, 170);
}

void RequestsPanel::appendBatch(const LiveBatch &batch)
{
    m_log->appendBatch(batch);
}

void RequestsPanel::setBaseUrl(const QString &url)
{
    m_baseUrl = url;
    m_inspector->setBaseUrl(url);
}

QList<const RequestRecord *> RequestsPanel::recordsToExport(bool filteredOnly) const
{
    // Oldest first (the log's rows are newest first), so requests of the same millisecond keep their order.
    QList<const RequestRecord *> records;
    if (filteredOnly) {
        for (int row = m_filter->rowCount() - 1; row >= 0; --row)
            records.append(m_log->record(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    } else {
        for (int row = m_log->rowCount() - 1; row >= 0; --row)
            records.append(m_log->record(row));
    }
    return records;
}

int RequestsPanel::exportHar()
{
    const int all = m_log->rowCount();
    const int shown = m_filter->rowCount();
    bool filteredOnly = false;
    if (shown != all && m_dialogs.choose) {
        const int choice = m_dialogs.choose(this, tr("Export HAR"), tr("Which requests should be exported?"),
                                            {tr("All %n request(s) in the log", nullptr, all),
                                             tr("The %n request(s) the filter shows", nullptr, shown)});
        if (choice < 0)
            return 0;
        filteredOnly = choice == 1;
    }
    if (!m_dialogs.saveFileName)
        return 0;
    QString path = m_dialogs.saveFileName(this, tr("Export HAR"), tr("HTTP Archive (*.har);;All files (*)"));
    if (path.isEmpty())
        return 0;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".har"_s;
    const QList<const RequestRecord *> records = recordsToExport(filteredOnly);
    HarWriter::Options options;
    options.baseUrl = m_baseUrl;
    options.maskCredentials = !m_includeCredentials->isChecked();
    if (const std::optional<QString> error = HarWriter::write(path, records, options)) {
        if (m_dialogs.inform)
            m_dialogs.inform(this, tr("Export HAR"), tr("Could not write %1: %2").arg(path, *error));
        return 0;
    }
    Q_EMIT harExported(path, int(records.size()));
    return int(records.size());
}

void RequestsPanel::showSelected()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const QModelIndex source = m_filter->mapToSource(current);
    m_inspector->setRecord(source.isValid() ? m_log->record(source.row()) : nullptr);
}

void RequestsPanel::updateStatus()
{
    QString text = tr("%1 of %2 requests").arg(m_filter->rowCount()).arg(m_log->rowCount());
    if (m_log->droppedRows() > 0)
        text += tr(" (%1 older not kept)").arg(m_log->droppedRows());
    m_status->setText(text);
    m_exportButton->setEnabled(m_log->rowCount() > 0);
}

} // namespace ui
