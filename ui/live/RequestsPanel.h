#pragma once

#include "ui/live/LiveBatch.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace ui
{

class RequestFilterModel;
class RequestInspector;
class RequestLogModel;

// RequestsPanel is the "Requests" tab: a filter bar (text, method, status class), the request log (newest first)
// and, below it, the RequestInspector of the selected request. appendBatch() feeds the log; the selection stays
// on its request while new rows arrive above it.
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
    // setBaseUrl tells the inspector the server's URL (for "Copy as curl").
    void setBaseUrl(const QString &url);
    RequestLogModel *log() const { return m_log; }
    RequestInspector *inspector() const { return m_inspector; }

private:
    void showSelected();
    void updateStatus();

    RequestLogModel *m_log;
    RequestFilterModel *m_filter;
    QLineEdit *m_text;
    QComboBox *m_method;
    QComboBox *m_statusClass;
    QLabel *m_status;
    QTableView *m_view;
    RequestInspector *m_inspector;
};

} // namespace ui
