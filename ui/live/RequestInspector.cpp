#include "ui/live/RequestInspector.h"

#include "ui/live/RequestDumpText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

QPlainTextEdit *makeDumpView(const QString &objectName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
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
    : QWidget(parent), m_title(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_raw(makeDumpView(u"rawRequestView"_s, this)), m_headers(new QTableWidget(0, 2, this)),
      m_response(makeDumpView(u"responseView"_s, this)), m_journeySummary(new QLabel(this)),
      m_journey(new QTreeWidget(this)), m_curlButton(new QPushButton(tr("Copy as curl"), this))
{
    m_title->setObjectName(u"inspectorTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(u"inspectorTabs"_s);
    m_headers->setObjectName(u"headersTable"_s);
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_journeySummary->setObjectName(u"journeySummary"_s);
    m_journeySummary->setWordWrap(true);
    m_journeySummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_journey->setObjectName(u"journeyTree"_s);
    m_journey->setHeaderLabels({tr("Stage"), tr("Detail"), tr("At"), tr("Step")});
    m_journey->setRootIsDecorated(false);
    m_journey->header()->setStretchLastSection(false);
    m_journey->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_journey->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_curlButton->setObjectName(u"copyCurlButton"_s);
    m_curlButton->setEnabled(false);

    auto *journeyPage = new QWidget(this);
    auto *journeyLayout = new QVBoxLayout(journeyPage);
    journeyLayout->setContentsMargins(4, 4, 4, 4);
    journeyLayout->addWidget(m_journeySummary);
    journeyLayout->addWidget(m_journey, 1);

    m_tabs->addTab(m_raw, tr("Raw request"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_response, tr("Response"));
    m_tabs->addTab(journeyPage, tr("Journey"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_curlButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_curlButton, &QPushButton::clicked, this, &RequestInspector::copyCurl);
    setRecord(nullptr);
}

void RequestInspector::setRecord(const RequestRecord *record)
{
    m_headers->setRowCount(0);
    m_journey->clear();
    if (!record) {
        m_record.reset();
        m_title->setText(tr("Select a request in the log to inspect it."));
        m_raw->clear();
        m_response->clear();
        m_journeySummary->clear();
        m_curlButton->setEnabled(false);
        return;
    }
    m_record = *record;
    m_title->setText(u"<b>%1 %2</b> &rarr; %3 &nbsp; connection %4, request #%5"_s
                         .arg(record->method.toHtmlEscaped(), record->target.toHtmlEscaped(),
                              record->status == 0 ? u"no response"_s : QString::number(record->status))
                         .arg(record->connectionId)
                         .arg(record->sequence));
    m_curlButton->setEnabled(true);
    if (record->capture) {
        m_raw->setPlainText(QString::fromUtf8(record->capture->request));
        m_response->setPlainText(QString::fromUtf8(record->capture->response));
        const DumpParts parts = splitDump(record->capture->request);
        m_headers->setRowCount(int(parts.fields.size()));
        for (int i = 0; i < int(parts.fields.size()); ++i) {
            m_headers->setItem(i, 0, new QTableWidgetItem(parts.fields[i].first));
            m_headers->setItem(i, 1, new QTableWidgetItem(parts.fields[i].second));
        }
    } else {
        const QString missing = tr("(not captured: the capture middleware did not see this request, e.g. a parse "
                                   "error answered by the server, or the capture was dropped under load)");
        m_raw->setPlainText(u"%1 %2\n\n%3"_s.arg(record->method, record->target, missing));
        m_response->setPlainText(missing);
    }
    showJourney(*record);
}

void RequestInspector::showJourney(const RequestRecord &record)
{
    using httpcore::JourneyStage;
    const QString route = record.route.isEmpty() ? tr("no route matched") : record.route;
    const QString chain = record.middleware.isEmpty() ? tr("none") : record.middleware.join(u" \u2192 "_s);
    m_journeySummary->setText(
        tr("Matched route: %1\nMiddleware: %2\nTotal: %3").arg(route, chain, milliseconds(record.durationMs)));
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
        previous = mark.at;
    }
}

QString RequestInspector::curlCommand() const
{
    if (!m_record)
        return {};
    if (m_record->capture)
        return ui::curlCommand(m_record->capture->request, m_baseUrl);
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
