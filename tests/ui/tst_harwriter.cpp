// HarWriter: the HAR 1.2 fields of an entry built from a journey and a capture (timings from the stages, cookies,
// query string, request bodies as captured, base64 content, masking), entry order, records without a capture, and write
// errors. The end-to-end export of real traffic is in tst_requestinspector.

#include "ui/live/HarWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

ui::RequestRecord uploadRecord()
{
    using httpcore::JourneyStage;
    auto journey = std::make_shared<httpcore::Journey>();
    const auto t0 = std::chrono::steady_clock::now();
    journey->markAt(JourneyStage::FirstByte, t0);
    journey->markAt(JourneyStage::HeadParsed, t0 + 1ms);
    journey->markAt(JourneyStage::BodyComplete, t0 + 3ms);
    journey->markAt(JourneyStage::RouteChosen, t0 + 4ms, "POST /upload");
    journey->markAt(JourneyStage::HandlerReturned, t0 + 10ms);
    journey->markAt(JourneyStage::FirstResponseByte, t0 + 11ms);
    journey->markAt(JourneyStage::ResponseComplete, t0 + 15ms);
    journey->markAt(JourneyStage::KeepAliveDecided, t0 + 16ms, "keep-alive");
    auto capture = std::make_shared<httpcore::CapturedExchange>();
    capture->request = "POST /upload?x=1&y=a%20b HTTP/1.1\r\nHost: h\r\nAuthorization: Basic dTpw\r\n"
                       "Cookie: sid=1; t=2\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\n"
                       "\x00\xff"
                       "AB"_ba;
    capture->requestBody = "\x00\xff"
                           "AB"_ba;
    capture->requestBodyRead = 4;
    capture->requestBodyBytes = 4;
    capture->response = "HTTP/1.1 302 Found\r\nLocation: /next\r\nSet-Cookie: sid=9; Path=/; Secure; HttpOnly\r\n"
                        "Content-Type: image/png\r\n\r\n\x89PNG\r\n[... 6 more bytes not shown]\r\n";
    capture->responseBodyBytes = 10;
    capture->responseTruncated = true;
    capture->status = 302;
    ui::RequestRecord record;
    record.connectionId = 5;
    record.sequence = 2;
    record.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    record.method = u"POST"_s;
    record.target = u"/upload?x=1&y=a%20b"_s;
    record.status = 302;
    record.route = u"POST /upload"_s;
    record.middleware = {u"capture"_s};
    record.journey = journey;
    record.capture = capture;
    return record;
}

QJsonValue header(const QJsonArray &headers, const QString &name)
{
    for (const QJsonValue &h : headers) {
        if (h[u"name"_s].toString() == name)
            return h[u"value"_s];
    }
    return QJsonValue::Undefined;
}

} // namespace

class tst_HarWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entryHasTheHar12FieldsOfTheExchange();
    void includingCredentialsKeepsThem();
    void postDataSaysWhatTheCaptureHolds_data();
    void postDataSaysWhatTheCaptureHolds();
    void entriesAreOldestFirstAndRecordsWithoutCaptureStillExport();
    void writeReportsAnUnwritablePath();
};

void tst_HarWriter::entryHasTheHar12FieldsOfTheExchange()
{
    ui::HarWriter::Options options;
    options.baseUrl = u"http://h:1"_s;
    const QJsonObject e = ui::HarWriter::entry(uploadRecord(), options);
    QCOMPARE(e[u"startedDateTime"_s].toString(), u"2026-01-02T03:04:05.678Z"_s);
    QCOMPARE(e[u"time"_s].toDouble(), 15.0);
    const QJsonObject t = e[u"timings"_s].toObject();
    QCOMPARE(t[u"send"_s].toDouble(), 3.0);
    QCOMPARE(t[u"wait"_s].toDouble(), 8.0);
    QCOMPARE(t[u"receive"_s].toDouble(), 4.0);
    for (const QString &unseen : {u"blocked"_s, u"dns"_s, u"connect"_s, u"ssl"_s})
        QCOMPARE(t[unseen].toInt(), -1);
    QVERIFY(e[u"cache"_s].isObject());
    QCOMPARE(e[u"connection"_s].toString(), u"5"_s);
    QCOMPARE(e[u"_route"_s].toString(), u"POST /upload"_s);
    QCOMPARE(e[u"_journey"_s].toArray().size(), 8);

    const QJsonObject rq = e[u"request"_s].toObject();
    QCOMPARE(rq[u"method"_s].toString(), u"POST"_s);
    QCOMPARE(rq[u"url"_s].toString(), u"http://h:1/upload?x=1&y=a%20b"_s);
    QCOMPARE(rq[u"httpVersion"_s].toString(), u"HTTP/1.1"_s);
    QCOMPARE(header(rq[u"headers"_s].toArray(), u"Authorization"_s).toString(), u"Basic ****"_s);
    QCOMPARE(header(rq[u"headers"_s].toArray(), u"Cookie"_s).toString(), u"sid=****; t=****"_s);
    QCOMPARE(header(rq[u"queryString"_s].toArray(), u"y"_s).toString(), u"a b"_s);
    QCOMPARE(rq[u"cookies"_s].toArray().size(), 2);
    QCOMPARE(rq[u"cookies"_s][0][u"value"_s].toString(), u"****"_s);
    QCOMPARE(rq[u"bodySize"_s].toInt(), 4);
    QVERIFY(rq[u"headersSize"_s].toInt() > 100);
    QCOMPARE(rq[u"postData"_s][u"mimeType"_s].toString(), u"application/octet-stream"_s);
    // A binary body is base64, as response content is.
    QCOMPARE(rq[u"postData"_s][u"encoding"_s].toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(rq[u"postData"_s][u"text"_s].toString().toLatin1()), "\x00\xff"
                                                                                         "AB"_ba);
    QVERIFY(!rq[u"postData"_s].toObject().contains(u"comment"_s));

    const QJsonObject rs = e[u"response"_s].toObject();
    QCOMPARE(rs[u"status"_s].toInt(), 302);
    QCOMPARE(rs[u"statusText"_s].toString(), u"Found"_s);
    QCOMPARE(rs[u"redirectURL"_s].toString(), u"/next"_s);
    QCOMPARE(rs[u"headersSize"_s].toInt(), -1);
    QCOMPARE(rs[u"bodySize"_s].toInt(), 10);
    QCOMPARE(header(rs[u"headers"_s].toArray(), u"Set-Cookie"_s).toString(), u"sid=****; Path=/; Secure; HttpOnly"_s);
    const QJsonObject cookie = rs[u"cookies"_s][0].toObject();
    QCOMPARE(cookie[u"name"_s].toString(), u"sid"_s);
    QCOMPARE(cookie[u"value"_s].toString(), u"****"_s);
    QCOMPARE(cookie[u"path"_s].toString(), u"/"_s);
    QVERIFY(cookie[u"secure"_s].toBool());
    QVERIFY(cookie[u"httpOnly"_s].toBool());
    const QJsonObject content = rs[u"content"_s].toObject();
    QCOMPARE(content[u"size"_s].toInt(), 10);
    QCOMPARE(content[u"mimeType"_s].toString(), u"image/png"_s);
    QCOMPARE(content[u"encoding"_s].toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(content[u"text"_s].toString().toLatin1()), "\x89PNG"_ba);
    QCOMPARE(content[u"comment"_s].toString(), u"first 4 of 10 bytes captured"_s);
}

void tst_HarWriter::includingCredentialsKeepsThem()
{
    ui::HarWriter::Options options;
    options.maskCredentials = false;
    const QJsonObject e = ui::HarWriter::entry(uploadRecord(), options);
    QCOMPARE(header(e[u"request"_s][u"headers"_s].toArray(), u"Authorization"_s).toString(), u"Basic dTpw"_s);
    QCOMPARE(e[u"request"_s][u"cookies"_s][1][u"value"_s].toString(), u"2"_s);
    QCOMPARE(e[u"response"_s][u"cookies"_s][0][u"value"_s].toString(), u"9"_s);
}

void tst_HarWriter::postDataSaysWhatTheCaptureHolds_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("notices");
    QTest::addColumn<qint64>("read");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<qint64>("bodySize");
    QTest::addColumn<QString>("comment");
    const QByteArray length = "Content-Type: application/json\r\nContent-Length: 100\r\n";
    const QByteArray chunked = "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n";
    QTest::addRow("whole json") << "Content-Type: application/json\r\nContent-Length: 9\r\n"_ba
                                << "{\"a\":[1]}"_ba << QByteArray() << qint64(9) << false << true << qint64(9)
                                << qint64(9) << QString();
    QTest::addRow("cut at the cap") << length << "{\"a\":"_ba
                                    << "\r\n[... 95 more bytes not shown]\r\n"_ba << qint64(100) << true << true
                                    << qint64(100) << qint64(100) << u"first 5 of 100 bytes captured"_s;
    QTest::addRow("not read") << length << QByteArray() << "\r\n[... 100 more bytes not read by the handler]\r\n"_ba
                              << qint64(0) << false << false << qint64(100) << qint64(100)
                              << u"the handler read 0 bytes (of 100 bytes); the rest was not captured"_s;
    QTest::addRow("partly read") << length << "{\"a\":"_ba
                                 << "\r\n[... 95 more bytes not read by the handler]\r\n"_ba << qint64(5) << false
                                 << false << qint64(100) << qint64(100)
                                 << u"the handler read 5 bytes (of 100 bytes); the rest was not captured"_s;
    QTest::addRow("chunked not read") << chunked << QByteArray()
                                      << "\r\n[... rest of the chunked body not read by the handler]\r\n"_ba
                                      << qint64(0) << false << false << qint64(-1) << qint64(-1)
                                      << u"the handler read 0 bytes (of unknown length); the rest was not captured"_s;
    QTest::addRow("chunked partly read")
        << chunked << "abc"_ba
        << "\r\n[... rest of the chunked body not read by the handler]\r\n"_ba << qint64(3) << false << false
        << qint64(3) << qint64(-1) << u"the handler read 3 bytes (of unknown length); the rest was not captured"_s;
    QTest::addRow("chunked whole") << chunked << "abc"_ba << QByteArray() << qint64(3) << false << true << qint64(3)
                                   << qint64(3) << QString();
    QTest::addRow("cut and failed")
        << length << "{\"a\":"_ba
        << "\r\n[... 5 more bytes not shown]\r\n[... 90 more bytes not received: the body ended with an error]\r\n"_ba
        << qint64(10) << true << false << qint64(100) << qint64(100)
        << u"first 5 of 10 bytes captured; the body ended with an error after 10 bytes (of 100 bytes)"_s;
}

void tst_HarWriter::postDataSaysWhatTheCaptureHolds()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, notices);
    QFETCH(qint64, read);
    QFETCH(bool, truncated);
    QFETCH(bool, complete);
    QFETCH(qint64, declared);
    QFETCH(qint64, bodySize);
    QFETCH(QString, comment);
    ui::RequestRecord record = uploadRecord();
    auto capture = std::make_shared<httpcore::CapturedExchange>(*record.capture);
    capture->request = "POST /upload HTTP/1.1\r\nHost: h\r\n" + head + "\r\n" + body + notices;
    capture->requestBody = body;
    capture->requestBodyRead = read;
    capture->requestBodyTruncated = truncated;
    capture->requestBodyComplete = complete;
    capture->requestBodyBytes = declared;
    record.capture = capture;
    const QJsonObject rq = ui::HarWriter::entry(record, {})[u"request"_s].toObject();
    QCOMPARE(rq[u"bodySize"_s].toInteger(), bodySize);
    const QJsonObject postData = rq[u"postData"_s].toObject();
    // Text bodies are text, and the notices are not in it.
    QCOMPARE(postData[u"text"_s].toString().toUtf8(), body);
    QVERIFY(!postData.contains(u"encoding"_s));
    QCOMPARE(postData[u"comment"_s].toString(), comment);
}

void tst_HarWriter::entriesAreOldestFirstAndRecordsWithoutCaptureStillExport()
{
    ui::RequestRecord late = uploadRecord();
    ui::RequestRecord early;
    early.time = late.time.addSecs(-1);
    early.method = u"GET"_s;
    early.target = u"/missing"_s;
    early.status = 404;
    const QJsonObject har = ui::HarWriter::document({&late, &early}, {});
    const QJsonObject log = har[u"log"_s].toObject();
    QCOMPARE(log[u"version"_s].toString(), u"1.2"_s);
    QCOMPARE(log[u"creator"_s][u"name"_s].toString(), u"Switchboard"_s);
    QVERIFY(!log[u"creator"_s][u"version"_s].toString().isEmpty());
    const QJsonArray entries = log[u"entries"_s].toArray();
    QCOMPARE(entries.size(), 2);
    const QJsonObject first = entries[0].toObject();
    QCOMPARE(first[u"request"_s][u"url"_s].toString(), u"http://127.0.0.1:8080/missing"_s);
    QCOMPARE(first[u"request"_s][u"headers"_s].toArray().size(), 0);
    QCOMPARE(first[u"response"_s][u"status"_s].toInt(), 404);
    QCOMPARE(first[u"response"_s][u"statusText"_s].toString(), u"Not Found"_s);
    QCOMPARE(first[u"response"_s][u"content"_s][u"mimeType"_s].toString(), u"x-unknown"_s);
    QCOMPARE(first[u"time"_s].toDouble(), 0.0);
    QCOMPARE(entries[1][u"request"_s][u"method"_s].toString(), u"POST"_s);
}

void tst_HarWriter::writeReportsAnUnwritablePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ui::RequestRecord record = uploadRecord();
    const std::optional<QString> error = ui::HarWriter::write(dir.filePath(u"no/such/dir/x.har"_s), {&record}, {});
    QVERIFY(error);
    QVERIFY(!error->isEmpty());
    const QString path = dir.filePath(u"ok.har"_s);
    QVERIFY(!ui::HarWriter::write(path, {&record}, {}));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    QCOMPARE(parse.error, QJsonParseError::NoError);
    QCOMPARE(document[u"log"_s][u"entries"_s].toArray().size(), 1);
}

QTEST_MAIN(tst_HarWriter)
#include "tst_harwriter.moc"
