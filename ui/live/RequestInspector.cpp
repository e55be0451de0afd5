#include "ui/live/RequestInspector.h"

#include "ui/live/BodyFormat.h"
#include "ui/live/BodyView.h"
#include "ui/live/CredentialMask.h"
#include "ui/live/JourneyTimeline.h"
#include "ui/live/RequestDumpText.h"
#include "ui/routes/RouteExplanationView.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

using Fields = QList<std::pair<QString, QString>>;

QPlainTextEdit *makeDumpView(const QString &objectName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QTableWidget *makeHeaderTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, 2, parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({RequestInspector::tr("Name"), RequestInspector::tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setWordWrap(false);
    return table;
}

void fillHeaderTable(QTableWidget *table, const Fields &fields)
{
    table->setRowCount(int(fields.size()));
    for (int i = 0; i < int(fields.size()); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(fields[i].first));
        table->setItem(i, 1, new QTableWidgetItem(fields[i].second));
    }
    table->resizeColumnToContents(0);
}

QString fieldValue(const Fields &fields, QLatin1StringView name)
{
    for (const auto &[n, v] : fields) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

double millisecondsBetween(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

QString milliseconds(double ms)
{
    return u"%1 ms"_s.arg(ms, 0, 'f', 3);
}

} // namespace

RequestInspector::RequestInspector(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_mask(new QCheckBox(tr("Mask credentials"), this)),
      m_tabs(new QTabWidget(this)), m_raw(makeDumpView(u"rawRequestView"_s, this)),
      m_headers(makeHeaderTable(u"headersTable"_s, this)), m_requestBody(new BodyView(this)),
      m_responseStatus(new QLabel(this)), m_responseHeaders(makeHeaderTable(u"responseHeadersTable"_s, this)),
      m_responseBody(new BodyView(this)), m_journeySummary(new QLabel(this)), m_timeline(new JourneyTimeline(this)),
      m_journey(new QTreeWidget(this)), m_curlButton(new QPushButton(tr("Copy as curl"), this))
{
    m_title->setObjectName(u"inspectorTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long target must not widen the window: the title is clipped instead (the raw tab has it whole).
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_mask->setObjectName(u"maskCredentialsCheck"_s);
    m_mask->setToolTip(tr("Hide Authorization, Cookie, Set-Cookie and API key or token headers in the views and "
                          "in \"Copy as curl\""));
    m_mask->setChecked(true);
    m_tabs->setObjectName(u"inspectorTabs"_s);
    m_requestBody->setObjectName(u"requestBodyView"_s);
    m_curlButton->setObjectName(u"copyCurlButton"_s);
    m_curlButton->setEnabled(false);

    m_tabs->addTab(m_raw, tr("Raw request"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_requestBody, tr("Body"));
    m_tabs->addTab(makeResponsePage(), tr("Response"));
    m_tabs->addTab(makeJourneyPage(), tr("Journey"));
    m_whyRoute = new RouteExplanationView(nullptr, this);
    m_whyRoute->setObjectName(u"whyRouteView"_s);
    m_tabs->addTab(m_whyRoute, tr("Why this route?"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_mask);
    top->addWidget(m_curlButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_curlButton, &QPushButton::clicked, this, &RequestInspector::copyCurl);
    connect(m_mask, &QCheckBox::toggled, this, &RequestInspector::showRecord);
    setRecord(nullptr);
}

QWidget *RequestInspector::makeResponsePage()
{
    m_responseStatus->setObjectName(u"responseStatus"_s);
    m_responseStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_responseBody->setObjectName(u"responseBodyView"_s);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"responseSplitter"_s);
    splitter->addWidget(m_responseHeaders);
    splitter->addWidget(m_responseBody);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_responseStatus);
    layout->addWidget(splitter, 1);
    return page;
}

QWidget *RequestInspector::makeJourneyPage()
{
    m_journeySummary->setObjectName(u"journeySummary"_s);
    m_journeySummary->setWordWrap(true);
    m_journeySummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timeline->setObjectName(u"journeyTimeline"_s);
    m_journey->setObjectName(u"journeyTree"_s);
    m_journey->setHeaderLabels({tr("Stage"), tr("Detail"), tr("At"), tr("Step")});
    m_journey->setRootIsDecorated(false);
    m_journey->header()->setStretchLastSection(false);
    m_journey->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_journey->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"journeyTimelineScroll"_s);
    scroll->setWidget(m_timeline);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_journeySplitter = new QSplitter(Qt::Vertical, this);
    m_journeySplitter->setObjectName(u"journeySplitter"_s);
    m_journeySplitter->setChildrenCollapsible(false);
    m_journeySplitter->addWidget(scroll);
    m_journeySplitter->addWidget(m_journey);
    m_journeySplitter->setStretchFactor(0, 3);
    m_journeySplitter->setStretchFactor(1, 2);
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_journeySummary);
    layout->addWidget(m_journeySplitter, 1);
    // The splitter has its real size only once its tab is shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, page] {
        if (m_tabs->currentWidget() == page)
            fitTimeline();
    });
    return page;
}

void RequestInspector::setRecord(const RequestRecord *record)
{
    if (record)
        m_record = *record;
    else
        m_record.reset();
    showRecord();
    m_whyRoute->setRecord(record);
}

void RequestInspector::setRouteSetDocument(RouteSetDocument *document)
{
    m_whyRoute->setDocument(document);
}

bool RequestInspector::masksCredentials() const
{
    return m_mask->isChecked();
}

void RequestInspector::setMaskCredentials(bool mask)
{
    m_mask->setChecked(mask);
}

void RequestInspector::showRecord()
{
    m_headers->setRowCount(0);
    m_responseHeaders->setRowCount(0);
    m_journey->clear();
    if (!m_record) {
        m_title->setText(tr("Select a request in the log to inspect it."));
        m_raw->clear();
        m_requestBody->setMessage(QString());
        m_responseStatus->clear();
        m_responseBody->setMessage(QString());
        m_journeySummary->clear();
        m_timeline->setJourney(nullptr);
        m_curlButton->setEnabled(false);
        return;
    }
    const RequestRecord &record = *m_record;
    m_title->setText(u"<b>%1 %2</b> &rarr; %3 &nbsp; connection %4, request #%5"_s
                         .arg(record.method.toHtmlEscaped(), record.target.toHtmlEscaped(),
                              record.status == 0 ? u"no response"_s : QString::number(record.status))
                         .arg(record.connectionId)
                         .arg(record.sequence));
    m_curlButton->setEnabled(true);
    showRequest(record);
    showResponse(record);
    showJourney(record);
}

void RequestInspector::showRequest(const RequestRecord &record)
{
    if (!record.capture) {
        const QString missing = tr("(not captured: the capture middleware did not see this request, e.g. a parse "
                                   "error answered by the server, or the capture was dropped under load)");
        m_raw->setPlainText(u"%1 %2\n\n%3"_s.arg(record.method, record.target, missing));
        m_requestBody->setMessage(missing);
        return;
    }
    const QByteArray &dump = record.capture->request;
    const bool mask = masksCredentials();
    m_raw->setPlainText(QString::fromUtf8(mask ? CredentialMask::maskDump(dump) : dump));
    const DumpParts parts = splitDump(dump);
    fillHeaderTable(m_headers, mask ? CredentialMask::maskFields(parts.fields) : parts.fields);
    showRequestBody(*record.capture, fieldValue(parts.fields, "content-type"_L1));
}

void RequestInspector::showRequestBody(const httpcore::CapturedExchange &capture, const QString &contentType)
{
    const qint64 read = capture.requestBodyRead;
    const qint64 size = requestBodySize(capture);
    const QString total = size < 0 ? tr("of unknown length") : tr("of %1 bytes").arg(size);
    const bool failed = requestBodyFailed(capture);
    QStringList notes;
    if (capture.requestBodyTruncated)
        notes.append(tr("first %1 of %2 bytes").arg(capture.requestBody.size()).arg(read));
    if (!capture.requestBodyComplete) {
        notes.append(failed     ? tr("the body ended with an error after %1 bytes (%2)").arg(read).arg(total)
                     : size < 0 ? tr("the handler read %1 bytes %2").arg(read).arg(total)
                                : tr("the handler read %1 of %2 bytes").arg(read).arg(size));
    }
    if (!capture.requestBody.isEmpty()) {
        m_requestBody->setBody(capture.requestBody, contentType, notes.join(u" \u00b7 "_s));
    } else if (read > 0) {
        // The capture could not keep the bytes (e.g. an outer layer had started reading the body).
        m_requestBody->setMessage(tr("The body was not captured (%1).").arg(notes.join(u"; "_s)));
    } else if (!capture.requestBodyComplete) {
        m_requestBody->setMessage(failed ? tr("The body ended with an error before any byte arrived (%1).").arg(total)
                                         : tr("The handler did not read the body (%1).").arg(total));
    } else {
        m_requestBody->setMessage(tr("No body"));
    }
}

void RequestInspector::showResponse(const RequestRecord &record)
{
    if (!record.capture) {
        m_responseStatus->setText(record.status == 0 ? tr("No response was sent.")
                                                     : tr("Status %1 (response not captured)").arg(record.status));
        m_responseBody->setMessage(QString());
        return;
    }
    const httpcore::CapturedExchange &capture = *record.capture;
    const DumpParts parts = splitDump(capture.response);
    QString status = u"<b>%1</b>"_s.arg(parts.startLine.toHtmlEscaped());
    if (capture.aborted)
        status += tr(" &nbsp; (the handler aborted)");
    m_responseStatus->setText(status);
    fillHeaderTable(m_responseHeaders, masksCredentials() ? CredentialMask::maskFields(parts.fields) : parts.fields);
    // The response has no body field of its own: it is the dump's, without the capture's notice.
    const QByteArray body = BodyFormat::stripNotices(parts.body);
    if (body.isEmpty() && capture.responseBodyBytes == 0) {
        m_responseBody->setMessage(tr("The response had no body."));
        return;
    }
    const QString note = capture.responseTruncated
                             ? tr("first %1 of %2 bytes captured").arg(body.size()).arg(capture.responseBodyBytes)
                             : QString();
    m_responseBody->setBody(body, fieldValue(parts.fields, "content-type"_L1), note);
}

void RequestInspector::showJourney(const RequestRecord &record)
{
    using httpcore::JourneyStage;
    const QString route = record.route.isEmpty() ? tr("no route matched") : record.route;
    const QString chain = record.middleware.isEmpty() ? tr("none") : record.middleware.join(u" \u2192 "_s);
    m_journeySummary->setText(
        tr("Matched route: %1\nMiddleware: %2\nTotal: %3").arg(route, chain, milliseconds(record.durationMs)));
    m_timeline->setJourney(record.journey.get());
    fitTimeline();
    if (!record.journey || record.journey->marks().empty())
        return;
    const auto &marks = record.journey->marks();
    const auto origin = marks.front().at;
    auto previous = origin;
    for (const httpcore::JourneyMark &mark : marks) {
        QString detail = QString::fromUtf8(mark.label);
        if (mark.stage == JourneyStage::RouteChosen && detail.isEmpty())
            detail = tr("(none)");
        auto *item = new QTreeWidgetItem(m_journey, {QString::fromLatin1(httpcore::journeyStageName(mark.stage)),
                                                     detail, milliseconds(millisecondsBetween(origin, mark.at)),
                                                     u"+"_s + milliseconds(millisecondsBetween(previous, mark.at))});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(0, JourneyTimeline::phaseColor(mark.stage).darker(130));
        previous = mark.at;
    }
}

void RequestInspector::fitTimeline()
{
    // The timeline is what the tab is for: grow its pane to show it whole (up to two thirds of the page; beyond, it
    // scrolls), never shrink it. A minimum height would do it too, but would raise the window's minimum size.
    const QList<int> sizes = m_journeySplitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int wanted = std::min(m_timeline->sizeHint().height() + 2, total * 2 / 3);
    if (total > 0 && sizes.value(0) < wanted)
        m_journeySplitter->setSizes({wanted, total - wanted});
}

QString RequestInspector::curlCommand() const
{
    if (!m_record)
        return {};
    if (m_record->capture)
        return ui::curlCommand(*m_record->capture, m_baseUrl, masksCredentials());
    return ui::curlCommand((m_record->method + u' ' + m_record->target + u" HTTP/1.1"_s).toUtf8(), m_baseUrl);
}

void RequestInspector::copyCurl()
{
    const QString command = curlCommand();
    if (command.isEmpty())
        return;
    QApplication::clipboard()->setText(command);
    Q_EMIT curlCopied(command);
}

} // namespace ui
