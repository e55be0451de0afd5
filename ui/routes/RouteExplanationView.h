#pragma once

#include "httpcore/mock/runtime/RouteExplainer.h"
#include "ui/live/RequestRecord.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>

class QLabel;
class QTreeWidget;

namespace ui
{

class RouteSetDocument;

// RouteExplanationView shows why a request is routed as it is (mock::RouteExplainer) against the routes of a
// RouteSetDocument, without sending traffic: a summary line ("routeExplanationSummary": the route that answers
// and its status, or the 301, 404 or 405, or the proxy), and a tree ("routeExplanationTree", columns Verdict,
// Route, Pattern, Why) with the winner first, highlighted, then every other route that matched the request or
// nearly did, each with its reason. A note ("routeExplanationNote") says which request is explained and, for a
// logged one, which route answered it at the time. The explanation is worked out again whenever the document
// changes.
//
// It is the "Why this route?" view of WhyRoutePanel and of the request inspector (setRecord()).
//
// Lives on the GUI thread. The document is not owned; the view stops following it when it is destroyed.
class RouteExplanationView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteExplanationView)

public:
    // RouteExplanationView explains against document (may be null until setDocument()).
    explicit RouteExplanationView(RouteSetDocument *document = nullptr, QWidget *parent = nullptr);
    ~RouteExplanationView() override;

    // setDocument follows document (null: nothing to explain against) and explains the current request again.
    void setDocument(RouteSetDocument *document);
    // explainRequest explains method and target ("/p?q", or an absolute "http://host:port/p?q" URL whose
    // authority is the host) with host as the Host field value, now and after every change of the document.
    void explainRequest(const QString &method, const QString &host, const QString &target);
    // setRecord explains a logged request: its method and target, and the Host field of its captured request
    // (when the capture middleware kept one; otherwise the absolute target's authority, or no host). Null clears
    // the view.
    void setRecord(const RequestRecord *record);
    // clear shows nothing and forgets the request.
    void clear();

    // explanation is what is shown (empty when nothing is).
    const mock::RouteExplainer::Explanation &explanation() const { return m_explanation; }
    // summaryText is the summary line as shown.
    QString summaryText() const;

    // hostOfRecord returns the Host field value of record's captured request, or empty. Pure; any thread.
    static QString hostOfRecord(const RequestRecord &record);

Q_SIGNALS:
    // explained is emitted after the view showed a new explanation.
    void explained();

private:
    void rebuild();
    void refresh();
    void display(const mock::RouteExplainer::Explanation &explanation);

    QPointer<RouteSetDocument> m_document;
    // m_explainer is built from the document's set and rebuilt when it changes (null without a document).
    std::unique_ptr<mock::RouteExplainer> m_explainer;
    QString m_method;
    QString m_host;
    QString m_target;
    // m_answeredBy is, for a logged request, the route that answered it then (empty: none, or not a record).
    QString m_answeredBy;
    bool m_isRecord = false;
    bool m_active = false;
    mock::RouteExplainer::Explanation m_explanation;
    QLabel *m_summary;
    QLabel *m_note;
    QTreeWidget *m_tree;
};

} // namespace ui
