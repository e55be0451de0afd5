#include "ui/window/ServerToolBar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace ui
{

ServerToolBar::ServerToolBar(QWidget *parent)
    : QToolBar(tr("Server"), parent), m_start(new QAction(tr("Start"), this)), m_stop(new QAction(tr("Stop"), this)),
      m_stopNow(new QAction(tr("Stop immediately"), this)), m_host(new QLineEdit(this)), m_port(new QSpinBox(this)),
      m_url(new QToolButton(this)), m_counters(new QLabel(this))
{
    setObjectName(u"serverToolBar"_s);
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_start->setObjectName(u"startAction"_s);
    m_start->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_start->setToolTip(tr("Start serving the route set"));
    m_stop->setObjectName(u"stopAction"_s);
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_stop->setToolTip(tr("Stop gracefully: let requests in flight finish"));
    m_stopNow->setObjectName(u"stopNowAction"_s);
    auto *stopMenu = new QMenu(this);
    stopMenu->addAction(m_stopNow);
    m_stop->setMenu(stopMenu);

    m_host->setObjectName(u"hostEdit"_s);
    m_host->setToolTip(tr("Address to listen on; 127.0.0.1 keeps the mock local"));
    m_host->setMaximumWidth(130);
    m_port->setObjectName(u"portSpin"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any"));
    m_port->setToolTip(tr("Port to listen on (any: a free one)"));
    m_url->setObjectName(u"urlButton"_s);
    m_url->setAutoRaise(true);
    m_url->setToolTip(tr("Click to copy the URL"));
    m_counters->setObjectName(u"countersLabel"_s);
    m_counters->setTextFormat(Qt::PlainText);

    addAction(m_start);
    addAction(m_stop);
    addSeparator();
    addWidget(new QLabel(tr(" Host "), this));
    addWidget(m_host);
    addWidget(new QLabel(tr(" Port "), this));
    addWidget(m_port);
    addSeparator();
    addWidget(m_url);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(spacer);
    addWidget(m_counters);

    connect(m_start, &QAction::triggered, this, &ServerToolBar::startRequested);
    connect(m_stop, &QAction::triggered, this, [this] { Q_EMIT stopRequested(false); });
    connect(m_stopNow, &QAction::triggered, this, [this] { Q_EMIT stopRequested(true); });
    connect(m_url, &QToolButton::clicked, this, [this] {
        const QString url = m_url->text();
        if (!url.startsWith("http"_L1))
            return;
        QApplication::clipboard()->setText(url);
        Q_EMIT urlCopied(url);
    });
    setRunning(false, {});
    setCounters({});
}

QString ServerToolBar::host() const
{
    return m_host->text().trimmed();
}

quint16 ServerToolBar::port() const
{
    return quint16(m_port->value());
}

void ServerToolBar::setAddress(const QString &host, quint16 port)
{
    m_host->setText(host);
    m_port->setValue(port);
}

void ServerToolBar::setRunning(bool running, const QString &url, bool stopping)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running && !stopping);
    m_stopNow->setEnabled(running);
    m_host->setEnabled(!running);
    m_port->setEnabled(!running);
    if (stopping)
        m_url->setText(tr("stopping…"));
    else
        m_url->setText(running ? url : tr("not running"));
    m_url->setEnabled(running);
}

void ServerToolBar::setCounters(const LiveCounters &counters)
{
    QString text = tr("%1 requests · %2/s · connections: %3 open (%4 active, %5 idle)")
                       .arg(counters.requestsTotal)
                       .arg(counters.requestsPerSecond, 0, 'f', 0)
                       .arg(counters.openConnections())
                       .arg(counters.activeConnections)
                       .arg(counters.idleConnections);
    if (counters.dropped > 0)
        text += tr(" · %1 events dropped").arg(counters.dropped);
    m_counters->setText(text + u' ');
}

} // namespace ui
