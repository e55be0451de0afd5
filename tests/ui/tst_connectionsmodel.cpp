// ConnectionsModel: one row per connection with its state history, totals, closing side and reason in words, closed
// rows faded then removed after the retention, bounded; and, over real loopback sockets, what a server reports for
// keep-alive, "Connection: close", idle timeout and a malformed request.

#include "httpcore/Server.h"
#include "httpcore/ServerEventQueue.h"
#include "ui/live/ConnectionTimelineDelegate.h"
#include "ui/live/ConnectionsModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using httpcore::CloseCause;
using httpcore::ConnState;

namespace
{

httpcore::ServerEvent stateEvent(quint64 id,
                                 ConnState state,
                                 CloseCause cause = CloseCause::None,
                                 const QByteArray &reason = {},
                                 httpcore::ConnStats stats = {})
{
    httpcore::ServerEvent event;
    event.kind = httpcore::ServerEvent::Kind::ConnState;
    event.at = std::chrono::steady_clock::now();
    event.connectionId = id;
    event.peer = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = quint16(40000 + id);
    event.state = state;
    event.cause = cause;
    event.reason = reason;
    event.stats = stats;
    return event;
}

QString cell(const ui::ConnectionsModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

QList<ConnState> historyStates(const ui::ConnectionsModel &model, int row)
{
    const auto history = model.index(row, ui::ConnectionsModel::TimelineColumn)
                             .data(ui::ConnectionsModel::HistoryRole)
                             .value<ui::ConnectionHistory>();
    QList<ConnState> states;
    for (const ui::ConnectionStep &step : history.steps)
        states.append(step.state);
    return states;
}

qint64 value(const ui::ConnectionsModel &model, int row, int column)
{
    return model.index(row, column).data(ui::ConnectionsModel::ValueRole).toLongLong();
}

const QByteArray HelloBody = "Hello, connections!\n"_ba;

} // namespace

class tst_ConnectionsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void oneRowPerConnectionWithHistoryTotalsAndReason();
    void closeCausesReadAsWords_data();
    void closeCausesReadAsWords();
    void historyIsBounded();
    void closedRowsFadeAndAreRemovedAfterTheRetention();
    void staysWithinCapacityDroppingClosedRowsFirst();
    void timelineSegmentsCoverTheWidthWithEveryStateVisible();

    void keepAliveClientThatClosesShowsExactBytesAndClientClosed();
    void connectionCloseRequestIsNamed();
    void idleTimeoutIsNamed();
    void malformedRequestIsAParseErrorWithItsStatus();

private:
    void startServer(std::chrono::milliseconds idleTimeout = 60s);
    // pump drains the observer into the model until the row of connection id is closed (or 5 s pass).
    bool pumpUntilClosed(quint64 id);
    int onlyRow() const;

    std::unique_ptr<ui::ConnectionsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::shared_ptr<httpcore::ServerEventQueue> m_events;
    std::unique_ptr<httpcore::Server> m_server;
    quint16 m_port = 0;
};

void tst_ConnectionsModel::init()
{
    m_model = std::make_unique<ui::ConnectionsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ConnectionsModel::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    m_events.reset();
    m_tester.reset();
    m_model.reset();
}

void tst_ConnectionsModel::startServer(std::chrono::milliseconds idleTimeout)
{
    httpcore::ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = 1;
    config.idleTimeout = idleTimeout;
    m_server = std::make_unique<httpcore::Server>(config);
    m_server->setHandler(httpcore::HandlerFunc::make([](const httpcore::ResponsePtr &w, const httpcore::Request &) {
        w->header().set("Content-Type", "text/plain");
        w->writeHeader(200);
        w->write(HelloBody);
    }));
    m_events = std::make_shared<httpcore::ServerEventQueue>(1024);
    m_server->setObserver(m_events);
    const auto port = m_server->listen();
    QVERIFY(port.hasValue());
    m_port = *port;
}

bool tst_ConnectionsModel::pumpUntilClosed(quint64 id)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 5000) {
        ui::LiveBatch batch;
        batch.events = m_events->queue().drain().events;
        m_model->applyBatch(batch);
        const int row = m_model->rowOf(id);
        if (row >= 0 && m_model->index(row, 0).data(ui::ConnectionsModel::StateRole).toInt() == int(ConnState::Closed))
            return true;
        QTest::qWait(10);
    }
    return false;
}

int tst_ConnectionsModel::onlyRow() const
{
    return m_model->rowCount() == 1 ? 0 : -1;
}

void tst_ConnectionsModel::oneRowPerConnectionWithHistoryTotalsAndReason()
{
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, ConnState::New), stateEvent(1, ConnState::Active),
                    stateEvent(1, ConnState::Idle, CloseCause::None, {}, {1, 80, 120}), stateEvent(2, ConnState::New),
                    stateEvent(2, ConnState::Active)};
    m_model->applyBatch(batch);
    QCOMPARE(m_model->rowCount(), 2);
    // Newest first.
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::IdColumn), u"2"_s);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::StateColumn), u"active"_s);
    QCOMPARE(cell(*m_model, 1, ui::ConnectionsModel::PeerColumn), u"127.0.0.1:40001"_s);
    QCOMPARE(cell(*m_model, 1, ui::ConnectionsModel::StateColumn), u"idle"_s);
    QCOMPARE(cell(*m_model, 1, ui::ConnectionsModel::RequestsColumn), u"1"_s);
    QCOMPARE(value(*m_model, 1, ui::ConnectionsModel::BytesInColumn), 80);
    QCOMPARE(value(*m_model, 1, ui::ConnectionsModel::BytesOutColumn), 120);
    QCOMPARE(historyStates(*m_model, 1), (QList<ConnState>{ConnState::New, ConnState::Active, ConnState::Idle}));
    QCOMPARE(m_model->openCount(), 2);
    // Different states, different colours.
    const QColor active = m_model->index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    const QColor idle = m_model->index(1, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(active.isValid() && idle.isValid());
    QVERIFY(active != idle);

    ui::LiveBatch next;
    next.events = {stateEvent(2, ConnState::Idle, CloseCause::None, {}, {1, 40, 60}),
                   stateEvent(2, ConnState::Closed, CloseCause::ConnectionClose, "client asked to close", {1, 40, 60}),
                   stateEvent(1, ConnState::Closed, CloseCause::IdleTimeout, "idle timeout", {1, 80, 120})};
    m_model->applyBatch(next);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->openCount(), 0);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::StateColumn), u"closed"_s);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ReasonColumn), u"Connection: close"_s);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ClosedByColumn), u"client"_s);
    QCOMPARE(m_model->index(0, ui::ConnectionsModel::ReasonColumn).data(Qt::ToolTipRole).toString(),
             u"client asked to close"_s);
    QCOMPARE(cell(*m_model, 1, ui::ConnectionsModel::ReasonColumn), u"idle timeout"_s);
    QCOMPARE(cell(*m_model, 1, ui::ConnectionsModel::ClosedByColumn), u"server"_s);
    QCOMPARE(historyStates(*m_model, 0),
             (QList<ConnState>{ConnState::New, ConnState::Active, ConnState::Idle, ConnState::Closed}));
    QCOMPARE(m_model->index(1, 0).data(ui::ConnectionsModel::CauseRole).toInt(), int(CloseCause::IdleTimeout));
}

void tst_ConnectionsModel::closeCausesReadAsWords_data()
{
    QTest::addColumn<CloseCause>("cause");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("side");
    QTest::addRow("client") << CloseCause::Client << "peer closed"_ba << u"client closed"_s << u"client"_s;
    QTest::addRow("Connection: close") << CloseCause::ConnectionClose << "client asked to close"_ba
                                       << u"Connection: close"_s << u"client"_s;
    QTest::addRow("idle") << CloseCause::IdleTimeout << "idle timeout"_ba << u"idle timeout"_s << u"server"_s;
    QTest::addRow("header") << CloseCause::HeaderTimeout << "read header timeout"_ba << u"read-header timeout"_s
                            << u"server"_s;
    QTest::addRow("parse 400") << CloseCause::ParseError << "400 malformed request line"_ba << u"parse error (400)"_s
                               << u"server"_s;
    QTest::addRow("parse 431") << CloseCause::ParseError << "431 header too large"_ba << u"parse error (431)"_s
                               << u"server"_s;
    QTest::addRow("parse no status") << CloseCause::ParseError << "request error"_ba << u"parse error"_s << u"server"_s;
    QTest::addRow("shutdown") << CloseCause::Shutdown << "server shutting down"_ba << u"server shutdown"_s
                              << u"server"_s;
    QTest::addRow("reset") << CloseCause::Reset << "connection failed: Connection reset by peer"_ba
                           << u"reset by peer"_s << u"client"_s;
    QTest::addRow("other keeps the text")
        << CloseCause::Other << "hijack failed: x"_ba << u"hijack failed: x"_s << QString();
}

void tst_ConnectionsModel::closeCausesReadAsWords()
{
    QFETCH(CloseCause, cause);
    QFETCH(QByteArray, reason);
    QFETCH(QString, words);
    QFETCH(QString, side);
    QCOMPARE(ui::ConnectionsModel::closeCauseText(cause, reason), words);
    QCOMPARE(ui::ConnectionsModel::closedByText(cause), side);
    // The stable word exists for every cause but None.
    QVERIFY(QByteArray(httpcore::closeCauseName(cause)).size() > 0);
}

void tst_ConnectionsModel::historyIsBounded()
{
    ui::LiveBatch batch;
    batch.events.push_back(stateEvent(1, ConnState::New));
    for (int i = 0; i < 100; ++i) {
        batch.events.push_back(stateEvent(1, ConnState::Active));
        batch.events.push_back(stateEvent(1, ConnState::Idle));
    }
    m_model->applyBatch(batch);
    const auto history = m_model->index(0, 0).data(ui::ConnectionsModel::HistoryRole).value<ui::ConnectionHistory>();
    QCOMPARE(qsizetype(history.steps.size()), ui::ConnectionsModel::MaxHistory);
    QCOMPARE(history.droppedSteps, quint64(201 - ui::ConnectionsModel::MaxHistory));
    QCOMPARE(history.steps.back().state, ConnState::Idle);
}

void tst_ConnectionsModel::closedRowsFadeAndAreRemovedAfterTheRetention()
{
    m_model->setClosedRetention(400ms);
    QVERIFY(m_model->refreshInterval() < 400ms);
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, ConnState::New), stateEvent(2, ConnState::New),
                    stateEvent(2, ConnState::Closed, CloseCause::Client, "peer closed")};
    m_model->applyBatch(batch);
    QCOMPARE(m_model->rowCount(), 2);
    const int closed = m_model->rowOf(2);
    const int open = m_model->rowOf(1);
    QCOMPARE(m_model->index(open, 0).data(ui::ConnectionsModel::OpacityRole).toReal(), 1.0);
    const qreal first = m_model->index(closed, 0).data(ui::ConnectionsModel::OpacityRole).toReal();
    QVERIFY2(first < 1.0, "a closed row is greyed at once");
    m_model->removeExpired();
    QCOMPARE(m_model->rowCount(), 2); // not yet
    QTest::qWait(150);
    QVERIFY(m_model->index(closed, 0).data(ui::ConnectionsModel::OpacityRole).toReal() < first);
    // The model's own timer removes it.
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, 5000);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::IdColumn), u"1"_s);
}

void tst_ConnectionsModel::staysWithinCapacityDroppingClosedRowsFirst()
{
    m_model->setCapacity(3);
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, ConnState::New), stateEvent(2, ConnState::New),
                    stateEvent(2, ConnState::Closed, CloseCause::Client), stateEvent(3, ConnState::New),
                    stateEvent(4, ConnState::New)};
    m_model->applyBatch(batch);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->rowOf(2), -1);
    QVERIFY(m_model->rowOf(1) >= 0);
    QCOMPARE(m_model->rowOf(4), 0);
}

void tst_ConnectionsModel::timelineSegmentsCoverTheWidthWithEveryStateVisible()
{
    const auto t0 = std::chrono::steady_clock::now();
    ui::ConnectionHistory history;
    // New 1 ms, Active 1 ms, Idle 10 s, Closed.
    history.steps = {{ConnState::New, t0},
                     {ConnState::Active, t0 + 1ms},
                     {ConnState::Idle, t0 + 2ms},
                     {ConnState::Closed, t0 + 10s}};
    history.end = t0 + 10s;
    const auto parts = ui::ConnectionTimelineDelegate::segments(history, 200);
    QCOMPARE(parts.size(), size_t(4));
    int left = 0;
    for (const auto &part : parts) {
        QCOMPARE(part.left, left);
        QVERIFY2(part.width >= ui::ConnectionTimelineDelegate::MinSegmentWidth, "every state stays visible");
        left += part.width;
    }
    QCOMPARE(left, 200);
    QCOMPARE(parts[1].state, ConnState::Active);
    QVERIFY2(parts[2].width > 150, "the long idle takes most of the bar");
    QVERIFY(ui::ConnectionTimelineDelegate::segments(history, 0).empty());
    // Too narrow for durations: equal slots, still covering the width.
    const auto narrow = ui::ConnectionTimelineDelegate::segments(history, 10);
    QCOMPARE(narrow.back().left + narrow.back().width, 10);
    // The colours of the legend are distinct.
    QSet<QRgb> colours;
    for (ConnState state : {ConnState::New, ConnState::Active, ConnState::Idle, ConnState::Hijacked, ConnState::Closed})
        colours.insert(ui::ConnectionTimelineDelegate::stateColor(state).rgb());
    QCOMPARE(colours.size(), 5);
}

void tst_ConnectionsModel::keepAliveClientThatClosesShowsExactBytesAndClientClosed()
{
    startServer();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    const QByteArray request = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    client.write(request);
    QByteArray response;
    while (!response.endsWith(HelloBody) && client.waitForReadyRead(5000))
        response += client.readAll();
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
    client.disconnectFromHost();
    QVERIFY(pumpUntilClosed(1));
    const int row = onlyRow();
    QCOMPARE(row, 0);
    QCOMPARE(cell(*m_model, row, ui::ConnectionsModel::RequestsColumn), u"1"_s);
    QCOMPARE(value(*m_model, row, ui::ConnectionsModel::BytesInColumn), qint64(request.size()));
    QCOMPARE(value(*m_model, row, ui::ConnectionsModel::BytesOutColumn), qint64(response.size()));
    QCOMPARE(historyStates(*m_model, row),
             (QList<ConnState>{ConnState::New, ConnState::Active, ConnState::Idle, ConnState::Closed}));
    QCOMPARE(cell(*m_model, row, ui::ConnectionsModel::ReasonColumn), u"client closed"_s);
    QCOMPARE(cell(*m_model, row, ui::ConnectionsModel::ClosedByColumn), u"client"_s);
}

void tst_ConnectionsModel::connectionCloseRequestIsNamed()
{
    startServer();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba);
    QVERIFY(pumpUntilClosed(1));
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ReasonColumn), u"Connection: close"_s);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::RequestsColumn), u"1"_s);
    QVERIFY(value(*m_model, 0, ui::ConnectionsModel::BytesOutColumn) > qint64(HelloBody.size()));
}

void tst_ConnectionsModel::idleTimeoutIsNamed()
{
    startServer(150ms);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"_ba);
    QVERIFY(pumpUntilClosed(1));
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ReasonColumn), u"idle timeout"_s);
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ClosedByColumn), u"server"_s);
    QCOMPARE(historyStates(*m_model, 0).constLast(), ConnState::Closed);
    QCOMPARE(historyStates(*m_model, 0).at(historyStates(*m_model, 0).size() - 2), ConnState::Idle);
}

void tst_ConnectionsModel::malformedRequestIsAParseErrorWithItsStatus()
{
    startServer();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    client.write("NOT A REQUEST\r\n\r\n"_ba);
    QVERIFY(pumpUntilClosed(1));
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::ReasonColumn), u"parse error (400)"_s);
    QCOMPARE(m_model->index(0, 0).data(ui::ConnectionsModel::CauseRole).toInt(), int(CloseCause::ParseError));
    QCOMPARE(cell(*m_model, 0, ui::ConnectionsModel::RequestsColumn), u"0"_s);
    QVERIFY(value(*m_model, 0, ui::ConnectionsModel::BytesOutColumn) > 0); // the 400 answer
}

QTEST_MAIN(tst_ConnectionsModel)
#include "tst_connectionsmodel.moc"
