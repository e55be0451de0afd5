// ServerController: a real server on 127.0.0.1:0 serving an applied route set, its batches of journeys and
// captures, the port-taken error, live re-apply, stop and restart.

#include "ui/live/RequestLogModel.h"
#include "ui/live/ServerController.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

mock::Route textRoute(const QString &id, const QString &pattern, int status, const QString &body)
{
    mock::Route route;
    route.id = id;
    route.pattern = pattern;
    mock::MockResponse response;
    response.status = status;
    response.contentType = u"text/plain"_s;
    response.body = body;
    route.responses.append(response);
    return route;
}

mock::RouteSet helloSet()
{
    mock::RouteSet set;
    set.name = u"test"_s;
    set.routes.append(textRoute(u"hello"_s, u"GET /hello"_s, 200, u"hi\n"_s));
    return set;
}

// Reply is a finished GET's status, body and header.
struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
};

Reply get(QNetworkAccessManager &nam, const QString &url)
{
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->rawHeaderPairs()};
}

// journeysIn counts the journeys of the batches spy recorded.
qsizetype journeysIn(const QSignalSpy &spy)
{
    qsizetype n = 0;
    for (const QList<QVariant> &arguments : spy) {
        const auto batch = arguments.at(0).value<ui::LiveBatch>();
        for (const httpcore::ServerEvent &event : batch.events)
            n += event.kind == httpcore::ServerEvent::Kind::Journey ? 1 : 0;
    }
    return n;
}

} // namespace

class tst_ServerController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ui::LiveBatch>(); }
    void servesTheAppliedSetAndPairsCapturesWithJourneys();
    void reapplyingChangesTheNextResponseWithoutRestart();
    void portTakenEmitsStartFailedWithTheReason();
    void stopImmediateThenRestartOnTheSamePort();
    void countsHitsPerRouteAndRequests();
};

void tst_ServerController::servesTheAppliedSetAndPairsCapturesWithJourneys()
{
    ui::ServerController controller;
    ui::RequestLogModel log;
    connect(&controller, &ui::ServerController::batchReady, &log, &ui::RequestLogModel::appendBatch);
    QSignalSpy batches(&controller, &ui::ServerController::batchReady);
    QSignalSpy started(&controller, &ui::ServerController::started);
    controller.applyRouteSet(helloSet());
    QVERIFY(controller.problems().isEmpty());
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    QCOMPARE(started.count(), 1);
    const quint16 port = controller.port();
    QVERIFY(port != 0);
    QCOMPARE(started.at(0).at(0).value<quint16>(), port);
    QCOMPARE(controller.url(), u"http://127.0.0.1:%1"_s.arg(port));

    QNetworkAccessManager nam;
    const Reply reply = get(nam, controller.url() + u"/hello?x=1"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, "hi\n"_ba);

    QTRY_COMPARE_WITH_TIMEOUT(log.rowCount(), 1, 5000);
    const ui::RequestRecord *record = log.record(0);
    QVERIFY(record);
    QCOMPARE(record->method, u"GET"_s);
    QCOMPARE(record->target, u"/hello?x=1"_s);
    QCOMPARE(record->status, 200);
    QCOMPARE(record->route, u"GET /hello"_s);
    QCOMPARE(record->sequence, quint64(1));
    // The capture entry the controller adds innermost was met and paired by connection and sequence.
    QCOMPARE(record->middleware, QStringList{u"capture"_s});
    QVERIFY(record->capture);
    QCOMPARE(record->capture->connectionId, record->connectionId);
    QCOMPARE(record->capture->sequence, record->sequence);
    QVERIFY2(record->capture->request.startsWith("GET /hello?x=1 HTTP/1.1\r\n"), record->capture->request.constData());
    QVERIFY(record->capture->response.contains("\r\n\r\nhi\n"));
    QCOMPARE(journeysIn(batches), 1);
    QVERIFY(!batches.isEmpty());
}

void tst_ServerController::reapplyingChangesTheNextResponseWithoutRestart()
{
    ui::ServerController controller;
    controller.applyRouteSet(helloSet());
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    QNetworkAccessManager nam;
    QCOMPARE(get(nam, controller.url() + u"/hello"_s).status, 200);
    QCOMPARE(get(nam, controller.url() + u"/bye"_s).status, 404);

    mock::RouteSet set = helloSet();
    set.routes.append(textRoute(u"bye"_s, u"GET /bye"_s, 410, u"gone\n"_s));
    mock::MiddlewareSetting requestId;
    requestId.name = u"requestId"_s;
    set.server.middleware.append(requestId);
    QSignalSpy applied(&controller, &ui::ServerController::applyFinished);
    controller.applyRouteSet(set);
    QCOMPARE(applied.count(), 1);
    QVERIFY(controller.isRunning());
    const Reply bye = get(nam, controller.url() + u"/bye"_s);
    QCOMPARE(bye.status, 410);
    bool hasRequestId = false;
    for (const auto &[name, value] : bye.headers)
        hasRequestId = hasRequestId || (name.compare("X-Request-Id", Qt::CaseInsensitive) == 0 && !value.isEmpty());
    QVERIFY(hasRequestId);

    // A route that cannot be served is reported, and the rest still is.
    set.routes.append(textRoute(u"bad"_s, u"GET /{"_s, 200, {}));
    controller.applyRouteSet(set);
    QCOMPARE(applied.count(), 2);
    QVERIFY(!applied.last().at(0).toStringList().isEmpty());
    QCOMPARE(get(nam, controller.url() + u"/hello"_s).status, 200);
}

void tst_ServerController::portTakenEmitsStartFailedWithTheReason()
{
    ui::ServerController first;
    QVERIFY(first.start(u"127.0.0.1"_s, 0));
    ui::ServerController second;
    QSignalSpy failed(&second, &ui::ServerController::startFailed);
    QSignalSpy started(&second, &ui::ServerController::started);
    QVERIFY(!second.start(u"127.0.0.1"_s, first.port()));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(started.count(), 0);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QString::number(first.port())), qPrintable(message));
    QVERIFY2(message.contains(u"in use"_s, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(!second.isRunning());
    // A free port works.
    QVERIFY(second.start(u"127.0.0.1"_s, 0));
}

void tst_ServerController::stopImmediateThenRestartOnTheSamePort()
{
    ui::ServerController controller;
    controller.applyRouteSet(helloSet());
    QSignalSpy stopped(&controller, &ui::ServerController::stopped);
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    const quint16 port = controller.port();
    QNetworkAccessManager nam;
    QCOMPARE(get(nam, controller.url() + u"/hello"_s).status, 200);
    controller.stop(ui::ServerController::StopMode::Immediate);
    QCOMPARE(stopped.count(), 1);
    QVERIFY(!controller.isRunning());
    QCOMPARE(controller.port(), quint16(0));
    QVERIFY(controller.start(u"127.0.0.1"_s, port));
    QCOMPARE(controller.port(), port);

    controller.stop(ui::ServerController::StopMode::Graceful);
    QVERIFY(controller.isStopping());
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, 10'000);
    QVERIFY(!controller.isRunning());
}

void tst_ServerController::countsHitsPerRouteAndRequests()
{
    ui::ServerController controller;
    controller.applyRouteSet(helloSet());
    QSignalSpy hits(&controller, &ui::ServerController::hitsChanged);
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get(nam, controller.url() + u"/hello"_s).status, 200);
    QCOMPARE(get(nam, controller.url() + u"/nothing"_s).status, 404);
    QTRY_COMPARE_WITH_TIMEOUT(controller.counters().requestsTotal, quint64(4), 5000);
    QCOMPARE(controller.hits().value(u"hello"_s), qint64(3));
    QCOMPARE(controller.hits().size(), 1);
    QVERIFY(!hits.isEmpty());
    QVERIFY(controller.counters().requestsPerSecond >= 1.0);
    // QNetworkAccessManager keeps its connection open: one idle connection.
    QTRY_COMPARE_WITH_TIMEOUT(controller.counters().idleConnections, 1, 5000);
}

QTEST_MAIN(tst_ServerController)
#include "tst_servercontroller.moc"
