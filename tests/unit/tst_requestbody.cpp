#include "httpcore/RequestBody.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using httpcore::HttpError;
using httpcore::RequestBody;

namespace
{

// CountingSource stands in for the connection: it counts the handler's requests to read.
class CountingSource final : public RequestBody::Source
{
public:
    void bodyReadRequested() override { ++requests; }
    int requests = 0;
};

// Log records, in order, what the taps and the handler saw ("tap:<bytes>", "data:<bytes>", ...).
using Log = std::shared_ptr<QByteArrayList>;

RequestBody::Tap logTap(const Log &log, const QByteArray &name = "tap")
{
    return [log, name](QByteArrayView chunk) { log->append(name + ':' + chunk.toByteArray()); };
}

} // namespace

// tst_RequestBody checks the body's taps without sockets: the test plays the connection (deliver, complete).
class tst_RequestBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tapAloneReadsNothing();
    void tapSeesStreamedBytesBeforeTheHandler();
    void tapSeesDiscardedBytes();
    void tapSeesTheWholeReadBeyondAReadAllCap();
    void tapsAreCalledInTheOrderAdded();
    void tapIsDroppedAtTheEndAndOnDetach_data();
    void tapIsDroppedAtTheEndAndOnDetach();
    void tapAddedAfterTheEndIsIgnored();
    void failureIsReported();
};

void tst_RequestBody::tapAloneReadsNothing()
{
    CountingSource source;
    RequestBody body(&source, 11);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    QCOMPARE(source.requests, 0);
    QVERIFY(!body.isStarted());
    QVERIFY(!body.wantsData());
    QCOMPARE(body.bytesReceived(), 0);
    QVERIFY(log->isEmpty());
}

void tst_RequestBody::tapSeesStreamedBytesBeforeTheHandler()
{
    CountingSource source;
    RequestBody body(&source, 11);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    body.read([log](QByteArrayView chunk) { log->append("data:" + chunk.toByteArray()); },
              [log](const std::optional<HttpError> &error) { log->append(error ? "error"_ba : "end"_ba); });
    QCOMPARE(source.requests, 1);
    body.deliver("hello ");
    body.deliver("world");
    body.complete();
    QCOMPARE(*log, QByteArrayList({"tap:hello ", "data:hello ", "tap:world", "data:world", "end"}));
    QCOMPARE(body.bytesReceived(), 11);
}

void tst_RequestBody::tapSeesDiscardedBytes()
{
    CountingSource source;
    RequestBody body(&source, -1);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    body.discard();
    body.deliver("abc");
    body.complete();
    QCOMPARE(*log, QByteArrayList({"tap:abc"}));
    QVERIFY(body.isComplete());
}

void tst_RequestBody::tapSeesTheWholeReadBeyondAReadAllCap()
{
    CountingSource source;
    RequestBody body(&source, 11);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    body.readAll(4,
                 [log](QByteArray all, bool truncated) { log->append("all:" + all + (truncated ? "+"_ba : ""_ba)); });
    body.deliver("hello world");
    // The handler gets exactly what it would without a tap; the tap sees what was read from the wire.
    QCOMPARE(*log, QByteArrayList({"tap:hello world", "all:hell+"}));
    QVERIFY(!body.wantsData());
}

void tst_RequestBody::tapsAreCalledInTheOrderAdded()
{
    CountingSource source;
    RequestBody body(&source, 2);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log, "outer"));
    body.addTap(logTap(log, "inner"));
    body.addTap({}); // a null tap is ignored
    body.discard();
    body.deliver("ok");
    QCOMPARE(*log, QByteArrayList({"outer:ok", "inner:ok"}));
}

void tst_RequestBody::tapIsDroppedAtTheEndAndOnDetach_data()
{
    QTest::addColumn<int>("ending");
    QTest::addRow("complete") << 0;
    QTest::addRow("fail") << 1;
    QTest::addRow("detach") << 2;
}

void tst_RequestBody::tapIsDroppedAtTheEndAndOnDetach()
{
    QFETCH(int, ending);
    CountingSource source;
    RequestBody body(&source, 3);
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    QCOMPARE(log.use_count(), 2);
    body.discard();
    body.deliver("abc");
    switch (ending) {
    case 0:
        body.complete();
        break;
    case 1:
        body.fail(HttpError{400, "bad chunk"_ba});
        break;
    default:
        body.detach();
        break;
    }
    // What the tap captured is released with it.
    QCOMPARE(log.use_count(), 1);
    body.deliver("late");
    QCOMPARE(*log, QByteArrayList({"tap:abc"}));
}

void tst_RequestBody::tapAddedAfterTheEndIsIgnored()
{
    CountingSource source;
    RequestBody body(&source, 0);
    body.discard();
    body.complete();
    const Log log = std::make_shared<QByteArrayList>();
    body.addTap(logTap(log));
    QCOMPARE(log.use_count(), 1);
}

void tst_RequestBody::failureIsReported()
{
    CountingSource source;
    RequestBody body(&source, 10);
    QVERIFY(!body.hasFailed());
    body.discard();
    body.deliver("12345");
    QVERIFY(!body.hasFailed());
    body.fail(HttpError{0, "peer closed"_ba});
    QVERIFY(body.hasFailed());
    QVERIFY(!body.isComplete());
    body.detach();
    QVERIFY(body.hasFailed());
}

QTEST_GUILESS_MAIN(tst_RequestBody)
#include "tst_requestbody.moc"
