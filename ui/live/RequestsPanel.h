#pragma once

#include "ui/live/LiveBatch.h"
#include "ui/window/Dialogs.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTableView;

namespace ui
{

struct RequestRecord;
class RequestFilterModel;
class RequestInspector;
class RequestLogModel;

// RequestsPanel is the "Requests" tab: a filter bar (text, method, status class), the request log (newest first)
// and, below it, the RequestInspector of the selected request. appendBatch() feeds the log; the selection stays
// on its request while new rows arrive above it.
//
// "Export HAR…" writes the log as HAR 1.2 (HarWriter): when a filter hides rows it asks whether to export all
// rows or only the filtered ones (Dialogs::choose), then asks for the file (Dialogs::saveFileName) and reports a
// failure through Dialogs::inform. Credentials are masked in the export unless "Include credentials" (a checkable
// item in the button's menu, action "harIncludeCredentialsAction") is checked.
//
// Thread affinity: GUI thread.
class RequestsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit RequestsPanel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestsPanel)

    // appendBatch adds a drained batch to the log.
    void appendBatch(const ui::LiveBatch &batch);
    // setBaseUrl tells the inspector the server's URL (for "Copy as curl" and the URLs of HAR exports).
    void setBaseUrl(const QString &url);
    // setDialogs sets the questions "Export HAR…" asks (Dialogs::standard() by default). A member left empty is
    // skipped: no choose exports every row, no saveFileName exports nothing.
    void setDialogs(const Dialogs &dialogs) { m_dialogs = dialogs; }
    // log returns the panel's log model, inspector its inspector (both owned by the panel).
    RequestLogModel *log() const { return m_log; }
    RequestInspector *inspector() const { return m_inspector; }
    // exportHar exports the log as "Export HAR…" does; returns the number of entries written (0 when cancelled
    // or on failure, which is reported through Dialogs::inform).
    int exportHar();

Q_SIGNALS:
    // harExported is emitted after a HAR file with entries entries was written to path.
    void harExported(const QString &path, int entries);

private:
    void setUpLogView();
    void showSelected();
    void updateStatus();
    QList<const RequestRecord *> recordsToExport(bool filteredOnly) const;

    RequestLogModel *m_log;
    RequestFilterModel *m_filter;
    QLineEdit *m_text;
    QComboBox *m_method;
    QComboBox *m_statusClass;
    QLabel *m_status;
    QTableView *m_view;
    RequestInspector *m_inspector;
    QToolButton *m_exportButton;
    // m_includeCredentials is the checkable "Include credentials" item of the export button's menu.
    QAction *m_includeCredentials;
    Dialogs m_dialogs = Dialogs::standard();
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:8080");
};

} // namespace ui
