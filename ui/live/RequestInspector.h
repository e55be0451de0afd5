#pragma once

#include "ui/live/RequestRecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace ui
{

// RequestInspector shows one logged request in tabs: "Raw request" (the dump as on the wire), "Headers" (a
// table), "Response" (status line, headers and body as captured), "Journey" (each stage with its time from the
// first byte and its duration, the matched route and the middleware passed through), and a "Copy as curl" button
// that puts a curl command line on the clipboard.
//
// Thread affinity: GUI thread.
class RequestInspector final : public QWidget
{
    Q_OBJECT

public:
    explicit RequestInspector(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestInspector)

    // setRecord shows record (a copy is kept); null clears the inspector.
    void setRecord(const RequestRecord *record);
    // setBaseUrl sets the server URL "Copy as curl" uses ("http://127.0.0.1:8080").
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    // curlCommand returns what "Copy as curl" copies (empty without a record).
    QString curlCommand() const;

Q_SIGNALS:
    // curlCopied is emitted after "Copy as curl" put command on the clipboard.
    void curlCopied(const QString &command);

private:
    void showJourney(const RequestRecord &record);
    void copyCurl();

    std::optional<RequestRecord> m_record;
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:8080");
    QLabel *m_title;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_raw;
    QTableWidget *m_headers;
    QPlainTextEdit *m_response;
    QLabel *m_journeySummary;
    QTreeWidget *m_journey;
    QPushButton *m_curlButton;
};

} // namespace ui
