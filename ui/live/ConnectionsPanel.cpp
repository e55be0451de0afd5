#include "ui/live/ConnectionsPanel.h"

#include "ui/live/ConnectionTimelineDelegate.h"
#include "ui/live/ConnectionsModel.h"
#include "ui/live/ServerController.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

ConnectionsPanel::ConnectionsPanel(QWidget *parent)
    : QWidget(parent), m_model(new ConnectionsModel(this)), m_view(new QTableView(this)), m_summary(new QLabel(this)),
      m_retention(new QSpinBox(this))
{
    m_view->setObjectName(u"connectionsView"_s);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ConnectionTimelineDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setWordWrap(false);
    const std::pair<int, int> widths[] = {
        {ConnectionsModel::IdColumn, 50},       {ConnectionsModel::PeerColumn, 140},
        {ConnectionsModel::StateColumn, 70},    {ConnectionsModel::TimelineColumn, 180},
        {ConnectionsModel::RequestsColumn, 70}, {ConnectionsModel::BytesInColumn, 80},
        {ConnectionsModel::BytesOutColumn, 80}, {ConnectionsModel::AgeColumn, 70},
        {ConnectionsModel::ClosedByColumn, 70}};
    for (const auto &[column, width] : widths)
        m_view->setColumnWidth(column, width);

    m_summary->setObjectName(u"connectionsSummary"_s);
    m_retention->setObjectName(u"closedRetentionSpin"_s);
    m_retention->setRange(1, 3600);
    m_retention->setSuffix(tr(" s"));
    m_retention->setValue(int(std::chrono::duration_cast<std::chrono::seconds>(m_model->closedRetention()).count()));
    m_retention->setToolTip(tr("How long a closed connection stays in the list, fading out"));
    connect(m_retention, &QSpinBox::valueChanged, this, &ConnectionsPanel::handleRetentionChanged);

    // The summary on a line of its own, the legend and the retention below it: in one row they made the
    // window's minimum width grow past 1,100 pixels.
    auto *controls = new QHBoxLayout;
    controls->addWidget(makeLegend());
    controls->addStretch(1);
    controls->addWidget(new QLabel(tr("Keep closed for"), this));
    controls->addWidget(m_retention);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    // Rows are removed by the model's own timer: keep the count right without a batch.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConnectionsPanel::updateSummary);
    updateSummary();
}

QWidget *ConnectionsPanel::makeLegend()
{
    auto *legend = new QWidget(this);
    legend->setObjectName(u"connectionsLegend"_s);
    auto *layout = new QHBoxLayout(legend);
    layout->setContentsMargins(0, 0, 0, 0);
    const httpcore::ConnState states[] = {httpcore::ConnState::New, httpcore::ConnState::Active,
                                          httpcore::ConnState::Idle, httpcore::ConnState::Hijacked,
                                          httpcore::ConnState::Closed};
    const int side = fontMetrics().height() - 4;
    for (const httpcore::ConnState state : states) {
        QPixmap swatch(side, side);
        swatch.fill(ConnectionTimelineDelegate::stateColor(state));
        auto *colour = new QLabel(legend);
        colour->setPixmap(swatch);
        auto *name = new QLabel(ConnectionTimelineDelegate::stateLabel(state), legend);
        name->setObjectName(u"legend-"_s + QString::fromLatin1(httpcore::connStateName(state)));
        layout->addWidget(colour);
        layout->addWidget(name);
        layout->addSpacing(4);
    }
    return legend;
}

void ConnectionsPanel::setController(ServerController *controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    m_draining = false;
    if (controller) {
        connect(controller, &ServerController::batchReady, this, &ConnectionsPanel::applyBatch);
        connect(controller, &ServerController::stopping, this, [this] {
            m_draining = true;
            updateSummary();
        });
        connect(controller, &ServerController::stopped, this, [this] {
            m_draining = false;
            updateSummary();
        });
    }
    updateSummary();
}

void ConnectionsPanel::applyBatch(const LiveBatch &batch)
{
    m_model->applyBatch(batch);
    updateSummary();
}

void ConnectionsPanel::handleRetentionChanged(int seconds)
{
    m_model->setClosedRetention(std::chrono::seconds(seconds));
    m_model->removeExpired();
}

void ConnectionsPanel::updateSummary()
{
    const int open = m_model->openCount();
    if (m_draining)
        m_summary->setText(tr("Stopping gracefully: %n connection(s) draining", nullptr, open));
    else
        m_summary->setText(tr("%n open connection(s)", nullptr, open));
}

} // namespace ui
