// RequestLogModel and RequestFilterModel: bounded newest-first log fed in batches by the ServerController,
// pairing of captures, filtering, and the "Copy as curl" text (with the request body when the capture has it all).

#include "ui/live/RequestDumpText.h"
#include "ui/live/RequestFilterModel.h"
#include "ui/live/RequestLogModel.h"
#include "ui/live/ServerController.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;

namespace
{

httpcore::JourneyPtr makeJourney(quint64 connection,
                                 quint64 sequence,
                                 const QByteArray &method,
                                 const QByteArray &target,
                                 int status,
                                 const QByteArray &route = {})
{
    auto journey = std::make_shared<httpcore::Journey>();
    journey->connectionId = connection;
    journey->sequence = sequence;
    journey->method = method;
    journey->target = target;
    journey->status = status;
    journey->mark(httpcore::JourneyStage::FirstByte);
    journey->mark(httpcore::JourneyStage::HeadParsed);
    journey->mark(httpcore::JourneyStage::RouteChosen, route);
    journey->mark(httpcore::JourneyStage::ResponseComplete);
    journey->mark(httpcore::JourneyStage::KeepAliveDecided, "keep-alive");
    return journey;
}

ui::LiveBatch batchOf(std::initializer_list<httpcore::JourneyPtr> journeys)
{
    ui::LiveBatch batch;
    for (const httpcore::JourneyPtr &journey : journeys) {
        httpcore::ServerEvent event;
        event.kind = httpcore::ServerEvent::Kind::Journey;
        event.connectionId = journey->connectionId;
        event.journey = journey;
        batch.events.push_back(event);
    }
    return batch;
}

} // namespace

class tst_RequestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenThousandJourneysArriveInFewBatchesAndTheLogKeepsItsBound();
    void newestFirstAndBoundedWithinABatch();
    void aBusyBatchLogsItsNewestUpToTheBatchLimit();
    void capturesArePairedEvenWhenTheyArriveLate();
    void filtersByTextMethodAndStatusClass();
    void curlRepeatsTheCapturedRequest_data();
    void curlRepeatsTheCapturedRequest();
    void curlSendsTheBodyOnlyWhenTheCaptureHasItAll_data();
    void curlSendsTheBodyOnlyWhenTheCaptureHasItAll();
    void curlOfACaptureMasksCredentialsOnlyWhenAsked();
};

void tst_RequestLogModel::tenThousandJourneysArriveInFewBatchesAndTheLogKeepsItsBound()
{
    ui::ServerController controller;
    ui::RequestLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setCapacity(500);
    connect(&controller, &ui::ServerController::batchReady, &log, &ui::RequestLogModel::appendBatch);
    QSignalSpy batches(&controller, &ui::ServerController::batchReady);
    QSignalSpy counters(&controller, &ui::ServerController::countersChanged);

    // As the workers do: the observer is called on other threads, 10,000 times in a burst.
    const auto observer = controller.observer();
    std::thread producer([observer] {
        for (quint64 i = 1; i <= 10'000; ++i)
            observer->requestJourney(makeJourney(1 + i % 7, i, "GET", "/items/" + QByteArray::number(i), 200));
    });
    producer.join();

    QTRY_COMPARE_WITH_TIMEOUT(controller.counters().requestsTotal, quint64(10'000), 5000);
    // One wake-up, then one batch per 100 ms tick: the burst is already queued, so it comes in one batch.
    QVERIFY2(batches.count() <= 2, qPrintable(QString::number(batches.count())));
    QVERIFY(counters.count() <= 3);
    QCOMPARE(log.rowCount(), 500);
    QCOMPARE(log.droppedRows(), quint64(9'500));
    // Newest first.
    QCOMPARE(log.record(0)->sequence, quint64(10'000));
    QCOMPARE(log.record(499)->sequence, quint64(9'501));
    QCOMPARE(log.index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/items/10000"_s);
}

void tst_RequestLogModel::aBusyBatchLogsItsNewestUpToTheBatchLimit()
{
    ui::RequestLogModel log;
    QCOMPARE(log.batchLimit(), ui::RequestLogModel::DefaultBatchLimit);
    log.setBatchLimit(300);
    ui::LiveBatch batch;
    for (quint64 i = 1; i <= 1000; ++i) {
        httpcore::ServerEvent event;
        event.kind = httpcore::ServerEvent::Kind::Journey;
        event.journey = makeJourney(1, i, "GET", "/n/" + QByteArray::number(i), 200);
        batch.events.push_back(event);
    }
    log.appendBatch(batch);
    QCOMPARE(log.rowCount(), 300);
    QCOMPARE(log.droppedRows(), quint64(700));
    QCOMPARE(log.record(0)->sequence, quint64(1000));
    QCOMPARE(log.record(299)->sequence, quint64(701));
    // The next batch adds below the limit in full, and the log keeps its capacity (2,000) across batches.
    batch.events.resize(200);
    log.appendBatch(batch);
    QCOMPARE(log.rowCount(), 500);
    QCOMPARE(log.record(0)->sequence, quint64(200));
    QCOMPARE(log.record(200)->sequence, quint64(1000));
}

void tst_RequestLogModel::newestFirstAndBoundedWithinABatch()
{
    ui::RequestLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setCapacity(3);
    log.appendBatch(batchOf({makeJourney(1, 1, "GET", "/a", 200), makeJourney(1, 2, "GET", "/b", 200)}));
    QCOMPARE(log.rowCount(), 2);
    QCOMPARE(log.index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/b"_s);
    log.appendBatch(batchOf({makeJourney(2, 1, "POST", "/c", 201), makeJourney(2, 2, "GET", "/d", 404)}));
    QCOMPARE(log.rowCount(), 3);
    QCOMPARE(log.index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/d"_s);
    QCOMPARE(log.index(1, ui::RequestLogModel::PathColumn).data().toString(), u"/c"_s);
    QCOMPARE(log.index(2, ui::RequestLogModel::PathColumn).data().toString(), u"/b"_s);
    QCOMPARE(log.index(0, ui::RequestLogModel::StatusColumn).data().toString(), u"404"_s);
    QCOMPARE(log.index(0, ui::RequestLogModel::ConnectionColumn).data().toString(), u"2 #2"_s);
    QCOMPARE(log.index(0, ui::RequestLogModel::RouteColumn).data().toString(), u"(none)"_s);
    QCOMPARE(log.droppedRows(), quint64(1));
    log.setCapacity(1);
    QCOMPARE(log.rowCount(), 1);
    QCOMPARE(log.index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/d"_s);
}

void tst_RequestLogModel::capturesArePairedEvenWhenTheyArriveLate()
{
    ui::RequestLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    httpcore::CapturedExchange early;
    early.connectionId = 3;
    early.sequence = 1;
    early.request = "GET /early HTTP/1.1\r\nHost: x\r\n\r\n";
    ui::LiveBatch first;
    first.captures.push_back(early);
    log.appendBatch(first);
    QCOMPARE(log.rowCount(), 0);

    log.appendBatch(batchOf({makeJourney(3, 1, "GET", "/early", 200), makeJourney(3, 2, "GET", "/late", 200)}));
    QCOMPARE(log.rowCount(), 2);
    QVERIFY(log.record(1)->capture);
    QCOMPARE(log.record(1)->capture->request, early.request);
    QVERIFY(!log.record(0)->capture);

    httpcore::CapturedExchange late;
    late.connectionId = 3;
    late.sequence = 2;
    late.request = "GET /late HTTP/1.1\r\n\r\n";
    ui::LiveBatch third;
    third.captures.push_back(late);
    QSignalSpy changed(&log, &QAbstractItemModel::dataChanged);
    log.appendBatch(third);
    QVERIFY(log.record(0)->capture);
    QCOMPARE(log.record(0)->capture->request, late.request);
    QCOMPARE(changed.count(), 1);
}

void tst_RequestLogModel::filtersByTextMethodAndStatusClass()
{
    ui::RequestLogModel log;
    ui::RequestFilterModel filter;
    filter.setSourceModel(&log);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.appendBatch(batchOf({makeJourney(1, 1, "GET", "/api/users", 200, "GET /api/users"),
                             makeJourney(1, 2, "POST", "/api/users", 201, "POST /api/users"),
                             makeJourney(1, 3, "GET", "/missing", 404),
                             makeJourney(1, 4, "DELETE", "/api/orders/1", 500, "DELETE /api/orders/{id}")}));
    QCOMPARE(filter.rowCount(), 4);
    filter.setMethod(u"get"_s);
    QCOMPARE(filter.rowCount(), 2);
    filter.setStatusClass(4);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/missing"_s);
    filter.setMethod({});
    filter.setStatusClass(0);
    filter.setText(u"{id}"_s); // matches the route, not the path
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, ui::RequestLogModel::MethodColumn).data().toString(), u"DELETE"_s);
    filter.setText(u"API/USERS"_s);
    QCOMPARE(filter.rowCount(), 2);
    // New rows go through the filter too.
    log.appendBatch(batchOf({makeJourney(2, 1, "PUT", "/api/users/1", 200)}));
    QCOMPARE(filter.rowCount(), 3);
    filter.setText({});
    QCOMPARE(filter.rowCount(), 5);
}

void tst_RequestLogModel::curlRepeatsTheCapturedRequest_data()
{
    QTest::addColumn<QByteArray>("dump");
    QTest::addColumn<QString>("curl");
    QTest::addRow("plain get drops host")
        << "GET /api/users?q=a HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n"_ba
        << u"curl -H 'Accept: */*' 'http://127.0.0.1:8080/api/users?q=a'"_s;
    QTest::addRow("post keeps method, drops length, quotes quotes")
        << "POST /x HTTP/1.1\r\nContent-Length: 3\r\nX-Note: it's\r\n\r\n[... 3 more bytes not shown]\r\n"_ba
        << u"curl -X POST -H 'X-Note: it'\\''s' 'http://127.0.0.1:8080/x'"_s;
    QTest::addRow("head") << "HEAD / HTTP/1.1\r\n\r\n"_ba << u"curl --head 'http://127.0.0.1:8080/'"_s;
}

void tst_RequestLogModel::curlRepeatsTheCapturedRequest()
{
    QFETCH(QByteArray, dump);
    QFETCH(QString, curl);
    QCOMPARE(ui::curlCommand(dump, u"http://127.0.0.1:8080"_s), curl);
}

void tst_RequestLogModel::curlSendsTheBodyOnlyWhenTheCaptureHasItAll_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("read");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<QString>("curl");
    const QByteArray json = "POST /o HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 9\r\n";
    const QString url = u"'http://127.0.0.1:8080/o'"_s;
    const QString jsonHeader = u"curl -H 'Content-Type: application/json'"_s;
    QTest::addRow("whole json: POST implied") << json << "{\"a\":[1]}"_ba << qint64(9) << false << true << qint64(9)
                                              << jsonHeader + u" --data-binary '{\"a\":[1]}' "_s + url;
    QTest::addRow("quotes and newlines are quoted")
        << "PUT /o HTTP/1.1\r\nContent-Length: 11\r\n"_ba
        << "it's\n'a'\r\n"_ba << qint64(11) << false << true << qint64(11)
        << u"curl -X PUT --data-binary 'it'\\''s\n'\\''a'\\''\r\n' "_s + url;
    QTest::addRow("get with a body keeps its method")
        << "GET /o HTTP/1.1\r\nContent-Length: 1\r\n"_ba
        << "x"_ba << qint64(1) << false << true << qint64(1) << u"curl -X GET --data-binary 'x' "_s + url;
    QTest::addRow("no body") << "POST /o HTTP/1.1\r\nContent-Length: 0\r\n"_ba << QByteArray() << qint64(0) << false
                             << true << qint64(0) << u"curl -X POST "_s + url;
    QTest::addRow("cut at the cap") << json << "{\"a\":"_ba << qint64(9) << true << true << qint64(9)
                                    << u"curl -X POST -H 'Content-Type: application/json' "_s + url +
                                           u" # body not included: only the first 5 of 9 bytes were captured"_s;
    QTest::addRow("not read") << json << QByteArray() << qint64(0) << false << false << qint64(9)
                              << u"curl -X POST -H 'Content-Type: application/json' "_s + url +
                                     u" # body not included: the handler did not read it (9 bytes)"_s;
    QTest::addRow("partly read") << json << "{\"a\""_ba << qint64(4) << false << false << qint64(9)
                                 << u"curl -X POST -H 'Content-Type: application/json' "_s + url +
                                        u" # body not included: the handler read only 4 of 9 bytes"_s;
    QTest::addRow("chunked not read") << "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"_ba << QByteArray()
                                      << qint64(0) << false << false << qint64(-1)
                                      << u"curl -X POST -H 'Transfer-Encoding: chunked' "_s + url +
                                             u" # body not included: the handler did not read it (unknown length)"_s;
    QTest::addRow("chunked partly read")
        << "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"_ba
        << "abc"_ba << qint64(3) << false << false << qint64(3)
        << u"curl -X POST -H 'Transfer-Encoding: chunked' "_s + url +
               u" # body not included: the handler read only 3 bytes of a body of unknown length"_s;
    QTest::addRow("binary") << "POST /o HTTP/1.1\r\nContent-Length: 3\r\n"_ba
                            << "a\0b"_ba << qint64(3) << false << true << qint64(3)
                            << u"curl -X POST "_s + url + u" # body not included: 3 bytes of binary data"_s;
}

void tst_RequestLogModel::curlSendsTheBodyOnlyWhenTheCaptureHasItAll()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(qint64, read);
    QFETCH(bool, truncated);
    QFETCH(bool, complete);
    QFETCH(qint64, declared);
    QFETCH(QString, curl);
    httpcore::CapturedExchange capture;
    capture.method = head.left(head.indexOf(' '));
    capture.request = head + "\r\n" + body;
    capture.requestBody = body;
    capture.requestBodyRead = read;
    capture.requestBodyTruncated = truncated;
    capture.requestBodyComplete = complete;
    capture.requestBodyBytes = declared;
    QCOMPARE(ui::curlCommand(capture, u"http://127.0.0.1:8080"_s, true), curl);
}

void tst_RequestLogModel::curlOfACaptureMasksCredentialsOnlyWhenAsked()
{
    httpcore::CapturedExchange capture;
    capture.method = "POST";
    capture.request = "POST /o HTTP/1.1\r\nAuthorization: Bearer s3cret\r\nContent-Length: 2\r\n\r\nhi";
    capture.requestBody = "hi";
    capture.requestBodyRead = 2;
    capture.requestBodyBytes = 2;
    const QString base = u"http://h:1"_s;
    QCOMPARE(ui::curlCommand(capture, base, true),
             u"curl -H 'Authorization: Bearer ****' --data-binary 'hi' 'http://h:1/o'"_s);
    QCOMPARE(ui::curlCommand(capture, base, false),
             u"curl -H 'Authorization: Bearer s3cret' --data-binary 'hi' 'http://h:1/o'"_s);
}

QTEST_MAIN(tst_RequestLogModel)
#include "tst_requestlogmodel.moc"
