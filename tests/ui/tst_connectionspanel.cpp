// ConnectionsPanel over a real ServerController: the legend, the painted timeline, the closed-row retention typed
// into its spin box, and a graceful stop showing the connections draining.

#include "ui/live/ConnectionTimelineDelegate.h"
#include "ui/live/ConnectionsModel.h"
#include "ui/live/ConnectionsPanel.h"
#include "ui/live/ServerController.h"

#include <QLabel>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using httpcore::ConnState;

namespace
{

mock::RouteSet helloSet()
{
    mock::Route route;
    route.id = u"hello"_s;
    route.pattern = u"GET /hello"_s;
    mock::MockResponse response;
    response.status = 200;
    response.contentType = u"text/plain"_s;
    response.body = u"hi\n"_s;
    route.responses.append(response);
    mock::RouteSet set;
    set.name = u"test"_s;
    set.routes.append(route);
    return set;
}

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

// idOfPeer returns the id of the connection from 127.0.0.1:port, or 0.
quint64 idOfPeer(const ui::ConnectionsModel &model, quint16 port)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, ui::ConnectionsModel::PeerColumn).data().toString() == u"127.0.0.1:%1"_s.arg(port))
            return model.index(row, ui::ConnectionsModel::IdColumn).data().toULongLong();
    }
    return 0;
}

QString reasonOf(const ui::ConnectionsModel &model, quint64 id)
{
    return model.index(model.rowOf(id), ui::ConnectionsModel::ReasonColumn).data().toString();
}

int stateOf(const ui::ConnectionsModel &model, quint64 id)
{
    const int row = model.rowOf(id);
    return row < 0 ? -1 : model.index(row, 0).data(ui::ConnectionsModel::StateRole).toInt();
}

} // namespace

class tst_ConnectionsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ui::LiveBatch>(); }
    void legendNamesEveryStateAndRetentionIsTyped();
    void gracefulStopShowsTheConnectionsDraining();
};

void tst_ConnectionsPanel::legendNamesEveryStateAndRetentionIsTyped()
{
    ui::ConnectionsPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *legend = child<QWidget>(&panel, u"connectionsLegend"_s);
    for (const char *state : {"new", "active", "idle", "hijacked", "closed"})
        QVERIFY2(legend->findChild<QLabel *>(u"legend-"_s + QString::fromLatin1(state)), state);

    auto *spin = child<QSpinBox>(&panel, u"closedRetentionSpin"_s);
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, u"3"_s);
    QTest::keyClick(spin, Qt::Key_Enter);
    QCOMPARE(panel.model()->closedRetention(), std::chrono::milliseconds(3s));
}

void tst_ConnectionsPanel::gracefulStopShowsTheConnectionsDraining()
{
    ui::ServerController controller;
    controller.applyRouteSet(helloSet());
    ui::ConnectionsPanel panel;
    panel.resize(1200, 300);
    panel.setController(&controller);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    const ui::ConnectionsModel &model = *panel.model();
    auto *summary = child<QLabel>(&panel, u"connectionsSummary"_s);

    // One idle keep-alive connection, one with half a request head (Active).
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, controller.port());
    QVERIFY(idle.waitForConnected(5000));
    idle.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"_ba);
    QTcpSocket busy;
    busy.connectToHost(QHostAddress::LocalHost, controller.port());
    QVERIFY(busy.waitForConnected(5000));
    busy.write("GET /hello HTTP/1.1\r\n"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 5000);
    const quint64 idleId = idOfPeer(model, idle.localPort());
    const quint64 busyId = idOfPeer(model, busy.localPort());
    QVERIFY(idleId > 0 && busyId > 0 && idleId != busyId);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, idleId), int(ConnState::Idle), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, busyId), int(ConnState::Active), 5000);
    QVERIFY2(summary->text().contains(u"2 open"_s), qPrintable(summary->text()));

    // The timeline ends in the current state's colour.
    QTableView *view = panel.view();
    const QRect cell = view->visualRect(model.index(model.rowOf(busyId), ui::ConnectionsModel::TimelineColumn));
    const QImage shot = view->viewport()->grab().toImage();
    const QColor end = shot.pixelColor(cell.right() - 5, cell.center().y());
    QCOMPARE(end.rgb(), ui::ConnectionTimelineDelegate::stateColor(ConnState::Active).rgb());

    controller.stop(ui::ServerController::StopMode::Graceful);
    QVERIFY(controller.isStopping());
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u"draining"_s), 2000);
    // The idle one is closed by the shutdown at once; the busy one drains.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, idleId), int(ConnState::Closed), 5000);
    QCOMPARE(reasonOf(model, idleId), u"server shutdown"_s);
    QCOMPARE(stateOf(model, busyId), int(ConnState::Active));
    QVERIFY2(summary->text().contains(u"1 connection"_s), qPrintable(summary->text()));

    busy.write("Host: x\r\n\r\n"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, busyId), int(ConnState::Closed), 5000);
    QCOMPARE(model.index(model.rowOf(busyId), ui::ConnectionsModel::RequestsColumn).data().toString(), u"1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 5000);
    QVERIFY2(!summary->text().contains(u"draining"_s), qPrintable(summary->text()));
    QVERIFY(busy.waitForReadyRead(2000) || busy.bytesAvailable() > 0);
    QVERIFY(busy.readAll().startsWith("HTTP/1.1 200"));
}

QTEST_MAIN(tst_ConnectionsPanel)
#include "tst_connectionspanel.moc"
