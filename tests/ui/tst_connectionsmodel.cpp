// ConnectionsModel: one row per connection, updated by batches, coloured per state, closed rows removed after the
// retention, bounded.

#include "ui/live/ConnectionsModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

httpcore::ServerEvent stateEvent(quint64 id, httpcore::ConnState state, const QByteArray &reason = {})
{
    httpcore::ServerEvent event;
    event.kind = httpcore::ServerEvent::Kind::ConnState;
    event.at = std::chrono::steady_clock::now();
    event.connectionId = id;
    event.peer = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = quint16(40000 + id);
    event.state = state;
    event.reason = reason;
    return event;
}

httpcore::ServerEvent journeyEvent(quint64 id)
{
    httpcore::ServerEvent event;
    event.kind = httpcore::ServerEvent::Kind::Journey;
    event.connectionId = id;
    event.journey = std::make_shared<httpcore::Journey>();
    return event;
}

QString cell(const ui::ConnectionsModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class tst_ConnectionsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRowPerConnectionWithStateRequestsAndReason();
    void closedRowsAreRemovedAfterTheRetention();
    void staysWithinCapacityDroppingClosedRowsFirst();
};

void tst_ConnectionsModel::oneRowPerConnectionWithStateRequestsAndReason()
{
    ui::ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, httpcore::ConnState::New),
                    stateEvent(1, httpcore::ConnState::Active),
                    journeyEvent(1),
                    stateEvent(1, httpcore::ConnState::Idle),
                    stateEvent(2, httpcore::ConnState::New),
                    stateEvent(2, httpcore::ConnState::Active)};
    model.applyBatch(batch);
    QCOMPARE(model.rowCount(), 2);
    // Newest first.
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::IdColumn), u"2"_s);
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::StateColumn), u"active"_s);
    QCOMPARE(cell(model, 1, ui::ConnectionsModel::IdColumn), u"1"_s);
    QCOMPARE(cell(model, 1, ui::ConnectionsModel::PeerColumn), u"127.0.0.1:40001"_s);
    QCOMPARE(cell(model, 1, ui::ConnectionsModel::StateColumn), u"idle"_s);
    QCOMPARE(cell(model, 1, ui::ConnectionsModel::RequestsColumn), u"1"_s);
    // Different states, different colours.
    const QColor active = model.index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    const QColor idle = model.index(1, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(active.isValid() && idle.isValid());
    QVERIFY(active != idle);

    ui::LiveBatch next;
    next.events = {journeyEvent(2), stateEvent(2, httpcore::ConnState::Closed, "client sent Connection: close"),
                   stateEvent(1, httpcore::ConnState::Closed, "idle timeout")};
    model.applyBatch(next);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::StateColumn), u"closed"_s);
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::RequestsColumn), u"1"_s);
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::ReasonColumn), u"client sent Connection: close"_s);
    QCOMPARE(cell(model, 1, ui::ConnectionsModel::ReasonColumn), u"idle timeout"_s);
    QCOMPARE(model.index(1, 0).data(ui::ConnectionsModel::StateRole).toInt(), int(httpcore::ConnState::Closed));
}

void tst_ConnectionsModel::closedRowsAreRemovedAfterTheRetention()
{
    ui::ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClosedRetention(200ms);
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, httpcore::ConnState::New), stateEvent(2, httpcore::ConnState::New),
                    stateEvent(2, httpcore::ConnState::Closed, "peer closed")};
    model.applyBatch(batch);
    QCOMPARE(model.rowCount(), 2);
    model.removeExpired();
    QCOMPARE(model.rowCount(), 2); // not yet
    // The model's own timer removes it (about once a second).
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
    QCOMPARE(cell(model, 0, ui::ConnectionsModel::IdColumn), u"1"_s);
}

void tst_ConnectionsModel::staysWithinCapacityDroppingClosedRowsFirst()
{
    ui::ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(3);
    ui::LiveBatch batch;
    batch.events = {stateEvent(1, httpcore::ConnState::New), stateEvent(2, httpcore::ConnState::New),
                    stateEvent(2, httpcore::ConnState::Closed), stateEvent(3, httpcore::ConnState::New),
                    stateEvent(4, httpcore::ConnState::New)};
    model.applyBatch(batch);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(2), -1);
    QVERIFY(model.rowOf(1) >= 0);
    QCOMPARE(model.rowOf(4), 0);
}

QTEST_MAIN(tst_ConnectionsModel)
#include "tst_connectionsmodel.moc"
