#include "ui/routes/RouteExplanationView.h"

#include "ui/routes/RouteSetDocument.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

enum Column
{
    VerdictColumn,
    RouteColumn,
    PatternColumn,
    ReasonColumn,
    ColumnCount
};

bool isWinner(mock::RouteExplainer::Verdict verdict)
{
    return verdict == mock::RouteExplainer::Verdict::Chosen || verdict == mock::RouteExplainer::Verdict::RedirectTarget;
}

} // namespace

RouteExplanationView::RouteExplanationView(RouteSetDocument *document, QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_note(new QLabel(this)), m_tree(new QTreeWidget(this))
{
    m_summary->setObjectName(u"routeExplanationSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_note->setObjectName(u"routeExplanationNote"_s);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(u"routeExplanationTree"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Verdict"), tr("Route"), tr("Pattern"), tr("Why")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->header()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_note);
    layout->addWidget(m_tree, 1);

    setDocument(document);
}

RouteExplanationView::~RouteExplanationView() = default;

void RouteExplanationView::setDocument(RouteSetDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &RouteSetDocument::changed, this, [this] {
            rebuild();
            refresh();
        });
    }
    rebuild();
    refresh();
}

void RouteExplanationView::explainRequest(const QString &method, const QString &host, const QString &target)
{
    m_method = method;
    m_host = host;
    m_target = target;
    m_answeredBy.clear();
    m_isRecord = false;
    m_active = true;
    refresh();
}

void RouteExplanationView::setRecord(const RequestRecord *record)
{
    if (!record) {
        clear();
        return;
    }
    m_method = record->method;
    m_host = hostOfRecord(*record);
    m_target = record->target;
    m_answeredBy = record->route;
    m_isRecord = true;
    m_active = true;
    refresh();
}

void RouteExplanationView::clear()
{
    m_active = false;
    m_isRecord = false;
    m_method.clear();
    m_host.clear();
    m_target.clear();
    m_answeredBy.clear();
    refresh();
}

QString RouteExplanationView::summaryText() const
{
    return m_summary->text();
}

QString RouteExplanationView::hostOfRecord(const RequestRecord &record)
{
    if (!record.capture)
        return {};
    // The dump is the request line, then one "Name: value" line per field, CRLF-terminated, up to a blank line.
    const QList<QByteArray> lines = record.capture->request.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().toLower() == "host")
            return QString::fromUtf8(line.sliced(colon + 1).trimmed());
    }
    return {};
}

void RouteExplanationView::rebuild()
{
    m_explainer = m_document ? std::make_unique<mock::RouteExplainer>(m_document->set()) : nullptr;
}

void RouteExplanationView::refresh()
{
    if (!m_active) {
        m_note->clear();
        display({});
        return;
    }
    QString note = m_host.isEmpty() ? tr("%1 %2, without a Host field").arg(m_method, m_target)
                                    : tr("%1 %2 with Host %3").arg(m_method, m_target, m_host);
    if (m_isRecord) {
        note = tr("Logged request %1, explained against the current routes; ").arg(note) +
               (m_answeredBy.isEmpty() ? tr("when logged, no route answered it.")
                                       : tr("when logged, %1 answered it.").arg(m_answeredBy));
    }
    m_note->setText(note);
    if (!m_explainer) {
        mock::RouteExplainer::Explanation none;
        none.error = tr("No route set to explain against.");
        display(none);
        return;
    }
    display(m_explainer->explainTarget(m_method.toUtf8(), m_host.toUtf8(), m_target.toUtf8()));
}

void RouteExplanationView::display(const mock::RouteExplainer::Explanation &explanation)
{
    m_explanation = explanation;
    QString summary = explanation.error.isEmpty() ? explanation.summary : explanation.error;
    if (!explanation.consistent)
        summary += tr(" (the explanation disagrees with the router: please report this)");
    m_summary->setText(summary);
    m_tree->clear();
    for (const mock::RouteExplainer::Candidate &c : explanation.candidates) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(VerdictColumn, mock::RouteExplainer::verdictName(c.verdict));
        item->setText(RouteColumn, c.routeId);
        item->setText(PatternColumn, c.pattern);
        item->setText(ReasonColumn, c.reason);
        item->setToolTip(ReasonColumn, c.reason);
        if (!isWinner(c.verdict))
            continue;
        QFont font = item->font(0);
        font.setBold(true);
        for (int column = 0; column < ColumnCount; ++column) {
            item->setFont(column, font);
            item->setBackground(column, QBrush(QColor(0xd8, 0xf0, 0xd8)));
            item->setForeground(column, QBrush(QColor(0x10, 0x30, 0x10)));
        }
    }
    for (int column = 0; column < ReasonColumn; ++column)
        m_tree->resizeColumnToContents(column);
    Q_EMIT explained();
}

} // namespace ui
