#pragma once

#include "ui/live/RequestRecord.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace ui
{

class BodyView;
class JourneyTimeline;
class RouteExplanationView;
class RouteSetDocument;

// RequestInspector shows one logged request in tabs: "Raw request" (the dump as on the wire), "Headers" (a
// table), "Body" (the captured request body as a BodyView: pretty JSON, text or hex, with a note when the capture
// holds only its start or the handler did not read all of it), "Response" (status line, header table
// and body as captured), "Journey" (a JourneyTimeline of the stages with their durations above a table of each
// stage's time from the first byte and step, with the matched route and the middleware passed through), and a
// "Copy as curl" button that puts a curl command line on the clipboard.
//
// A "Mask credentials" check box (on by default, so a screen share or a screenshot shows no secrets) masks the
// credential headers (see CredentialMask) in the raw dump, both header tables and the curl command.
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
    // setRouteSetDocument sets the routes the "Why this route?" tab explains logged requests against (not owned;
    // null: none).
    void setRouteSetDocument(RouteSetDocument *document);
    // setBaseUrl sets the server URL "Copy as curl" uses ("http://127.0.0.1:8080").
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    // curlCommand returns what "Copy as curl" copies (empty without a record), masked when masking is on, with the
    // request body when the capture holds all of it (see ui::curlCommand() for a capture).
    QString curlCommand() const;
    // masksCredentials is the state of "Mask credentials"; setMaskCredentials checks or unchecks it.
    bool masksCredentials() const;
    void setMaskCredentials(bool mask);

Q_SIGNALS:
    // curlCopied is emitted after "Copy as curl" put command on the clipboard.
    void curlCopied(const QString &command);

private:
    QWidget *makeResponsePage();
    QWidget *makeJourneyPage();
    void showRecord();
    void showRequest(const RequestRecord &record);
    void showRequestBody(const httpcore::CapturedExchange &capture, const QString &contentType);
    void showResponse(const RequestRecord &record);
    void showJourney(const RequestRecord &record);
    void fitTimeline();
    void copyCurl();

    std::optional<RequestRecord> m_record;
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:8080");
    QLabel *m_title;
    QCheckBox *m_mask;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_raw;
    QTableWidget *m_headers;
    BodyView *m_requestBody;
    QLabel *m_responseStatus;
    QTableWidget *m_responseHeaders;
    BodyView *m_responseBody;
    QLabel *m_journeySummary;
    JourneyTimeline *m_timeline;
    QSplitter *m_journeySplitter = nullptr;
    QTreeWidget *m_journey;
    QPushButton *m_curlButton;
    RouteExplanationView *m_whyRoute = nullptr;
};

} // namespace ui
