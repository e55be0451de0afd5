// The request inspector and the HAR export end to end: a real server on loopback (ServerController), real HTTP
// requests with a JSON body and credentials, the RequestsPanel driven with clicks and typing: the inspector's
// tabs, credential masking, the journey timeline, and "Export HAR…" through the Dialogs seam; and the Body tab of
// hand-made captures (cut, unread, chunked, failed and binary request bodies).

#include "ui/live/BodyView.h"
#include "ui/live/JourneyTimeline.h"
#include "ui/live/RequestInspector.h"
#include "ui/live/RequestLogModel.h"
#include "ui/live/RequestsPanel.h"
#include "ui/live/ServerController.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

const QByteArray OrderJson = R"({"item":"book","qty":2})";
const QByteArray Secret = "Bearer top-secret-token";

// testSet: GET /hello answers text; POST /orders echoes the JSON body inside its own and sets a cookie.
mock::RouteSet testSet()
{
    mock::RouteSet set;
    set.name = u"inspector test"_s;
    mock::Route hello;
    hello.id = u"hello"_s;
    hello.pattern = u"GET /hello"_s;
    mock::MockResponse hi;
    hi.contentType = u"text/plain"_s;
    hi.body = u"hi\n"_s;
    hello.responses.append(hi);
    mock::Route orders;
    orders.id = u"orders"_s;
    orders.pattern = u"POST /orders"_s;
    mock::MockResponse created;
    created.status = 201;
    created.contentType = u"application/json"_s;
    created.headers = {{u"Set-Cookie"_s, u"sid=s3cret; Path=/; HttpOnly"_s}};
    created.body = u"{\"received\":{{request.body}},\"ok\":true}"_s;
    orders.responses.append(created);
    set.routes = {hello, orders};
    return set;
}

// send waits for raw to finish and returns its status (0 on a timeout).
int send(QNetworkReply *raw)
{
    std::unique_ptr<QNetworkReply> reply(raw);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

template <typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

void selectTab(QTabWidget *tabs, const QString &text)
{
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == text) {
            QTabBar *bar = tabs->tabBar();
            QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
            QCOMPARE(tabs->currentIndex(), i);
            return;
        }
    }
    QFAIL(qPrintable(u"no tab "_s + text));
}

QString tableValue(QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text().compare(name, Qt::CaseInsensitive) == 0)
            return table->item(row, 1)->text();
    }
    return {};
}

QJsonValue harHeader(const QJsonValue &headers, const QString &name)
{
    for (const QJsonValue &h : headers.toArray()) {
        if (h[u"name"_s].toString().compare(name, Qt::CaseInsensitive) == 0)
            return h[u"value"_s];
    }
    return QJsonValue::Undefined;
}

QJsonObject readHar(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

} // namespace

class tst_RequestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ui::LiveBatch>(); }
    void init();
    void cleanup();
    void realJsonPostIsInspectedMaskedAndExported();
    void filteredExportAsksAndCanIncludeCredentials();
    void bodyTabShowsWhatTheCaptureHolds_data();
    void bodyTabShowsWhatTheCaptureHolds();

private:
    void sendTraffic();
    void selectRow(int row);
    void checkMasking();
    void checkBodies();
    void checkJourney();
    void checkExportedPost(const QJsonObject &post);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::ServerController> m_controller;
    std::unique_ptr<ui::RequestsPanel> m_panel;
    QStringList m_saveAnswers;
    QList<int> m_chooseAnswers;
    QList<QStringList> m_choices;
    QStringList m_messages;
};

void tst_RequestInspector::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_saveAnswers.clear();
    m_chooseAnswers.clear();
    m_choices.clear();
    m_messages.clear();
    m_controller = std::make_unique<ui::ServerController>();
    m_panel = std::make_unique<ui::RequestsPanel>();
    connect(m_controller.get(), &ui::ServerController::batchReady, m_panel.get(), &ui::RequestsPanel::appendBatch);
    ui::Dialogs dialogs;
    dialogs.saveFileName = [this](QWidget *, const QString &, const QString &) {
        return m_saveAnswers.isEmpty() ? QString() : m_saveAnswers.takeFirst();
    };
    dialogs.choose = [this](QWidget *, const QString &, const QString &, const QStringList &choices) {
        m_choices.append(choices);
        return m_chooseAnswers.isEmpty() ? -1 : m_chooseAnswers.takeFirst();
    };
    dialogs.inform = [this](QWidget *, const QString &, const QString &text) { m_messages.append(text); };
    m_panel->setDialogs(dialogs);
    QSignalSpy applied(m_controller.get(), &ui::ServerController::applyFinished);
    m_controller->applyRouteSet(testSet());
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 5000);
    QVERIFY2(applied.first().first().toStringList().isEmpty(), qPrintable(applied.first().first().toString()));
    QVERIFY(m_controller->start(u"127.0.0.1"_s, 0));
    m_panel->setBaseUrl(m_controller->url());
    m_panel->resize(1100, 900);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void tst_RequestInspector::cleanup()
{
    if (m_controller && m_controller->isRunning()) {
        QSignalSpy stopped(m_controller.get(), &ui::ServerController::stopped);
        m_controller->stop(ui::ServerController::StopMode::Immediate);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10'000);
    }
    m_panel.reset();
    m_controller.reset();
    m_dir.reset();
}

// sendTraffic sends GET /hello, then POST /orders?src=test with a JSON body, an Authorization header, an API key
// and a cookie, and waits until both are in the log (the POST on row 0).
void tst_RequestInspector::sendTraffic()
{
    QNetworkAccessManager nam;
    const QString base = m_controller->url();
    QCOMPARE(send(nam.get(QNetworkRequest(QUrl(base + u"/hello"_s)))), 200);
    QNetworkRequest post(QUrl(base + u"/orders?src=test"_s));
    post.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    post.setRawHeader("Authorization", Secret);
    post.setRawHeader("X-Api-Key", "key-123");
    post.setRawHeader("Cookie", "theme=dark");
    QCOMPARE(send(nam.post(post, OrderJson)), 201);
    auto *log = child<QTableView>(m_panel.get(), u"requestLogView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 2, 5000);
    // The capture may come a tick after its journey.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->log()->record(0)->capture && m_panel->log()->record(1)->capture, 5000);
    QCOMPARE(log->model()->index(0, ui::RequestLogModel::PathColumn).data().toString(), u"/orders?src=test"_s);
}

void tst_RequestInspector::selectRow(int row)
{
    auto *log = child<QTableView>(m_panel.get(), u"requestLogView"_s);
    const QModelIndex index = log->model()->index(row, ui::RequestLogModel::PathColumn);
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(index).center());
    QCOMPARE(log->currentIndex().row(), row);
}

void tst_RequestInspector::realJsonPostIsInspectedMaskedAndExported()
{
    sendTraffic();
    selectRow(0);
    checkMasking();
    if (QTest::currentTestFailed())
        return;
    checkBodies();
    if (QTest::currentTestFailed())
        return;
    checkJourney();
    if (QTest::currentTestFailed())
        return;

    // "Export HAR…" without a filter: no question about which rows; without a suffix ".har" is added; the
    // credentials are masked by default.
    QSignalSpy exported(m_panel.get(), &ui::RequestsPanel::harExported);
    m_saveAnswers = {m_dir->filePath(u"all"_s)};
    QTest::mouseClick(child<QToolButton>(m_panel.get(), u"exportHarButton"_s), Qt::LeftButton);
    QCOMPARE(m_choices.size(), 0);
    QCOMPARE(exported.count(), 1);
    const QString path = m_dir->filePath(u"all.har"_s);
    QCOMPARE(exported.first().at(0).toString(), path);
    QCOMPARE(exported.first().at(1).toInt(), 2);
    const QJsonObject log = readHar(path)[u"log"_s].toObject();
    QCOMPARE(log[u"version"_s].toString(), u"1.2"_s);
    QCOMPARE(log[u"creator"_s][u"name"_s].toString(), u"Switchboard"_s);
    const QJsonArray entries = log[u"entries"_s].toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0][u"request"_s][u"url"_s].toString(), m_controller->url() + u"/hello"_s);
    checkExportedPost(entries[1].toObject());
}

void tst_RequestInspector::checkMasking()
{
    auto *tabs = child<QTabWidget>(m_panel.get(), u"inspectorTabs"_s);
    auto *mask = child<QCheckBox>(m_panel.get(), u"maskCredentialsCheck"_s);
    QVERIFY(mask->isChecked()); // masking is on by default in the views too

    // Raw request and Headers: the credentials are masked, the rest is as sent.
    selectTab(tabs, u"Raw request"_s);
    auto *raw = child<QPlainTextEdit>(m_panel.get(), u"rawRequestView"_s);
    QVERIFY2(raw->toPlainText().startsWith(u"POST /orders?src=test HTTP/1.1"_s), qPrintable(raw->toPlainText()));
    QVERIFY2(raw->toPlainText().contains(u"Authorization: Bearer ****"_s), qPrintable(raw->toPlainText()));
    QVERIFY(!raw->toPlainText().contains(u"top-secret"_s));
    selectTab(tabs, u"Headers"_s);
    auto *headers = child<QTableWidget>(m_panel.get(), u"headersTable"_s);
    QCOMPARE(tableValue(headers, u"Authorization"_s), u"Bearer ****"_s);
    QCOMPARE(tableValue(headers, u"X-Api-Key"_s), u"****"_s);
    QCOMPARE(tableValue(headers, u"Cookie"_s), u"theme=****"_s);
    QCOMPARE(tableValue(headers, u"Content-Type"_s), u"application/json"_s);

    // Unmasking with a click shows them; "Copy as curl" follows the check box.
    QTest::mouseClick(mask, Qt::LeftButton, {}, mask->rect().center());
    QVERIFY(!mask->isChecked());
    QCOMPARE(tableValue(headers, u"Authorization"_s), QString::fromLatin1(Secret));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), u"copyCurlButton"_s), Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"top-secret-token"_s));
    QTest::mouseClick(mask, Qt::LeftButton, {}, mask->rect().center());
    QVERIFY(mask->isChecked());
    QCOMPARE(tableValue(headers, u"Authorization"_s), u"Bearer ****"_s);
    QTest::mouseClick(child<QPushButton>(m_panel.get(), u"copyCurlButton"_s), Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.contains(u"'Authorization: Bearer ****'"_s) && !curl.contains(u"top-secret"_s), qPrintable(curl));
}

void tst_RequestInspector::checkBodies()
{
    auto *tabs = child<QTabWidget>(m_panel.get(), u"inspectorTabs"_s);

    // Body: the route's template read the body, so the capture has all of it, shown as pretty JSON.
    selectTab(tabs, u"Body"_s);
    auto *requestBody = child<ui::BodyView>(m_panel.get(), u"requestBodyView"_s);
    QVERIFY(requestBody->isVisible());
    const QString bodyInfo = requestBody->findChild<QLabel *>(u"bodyInfo"_s)->text();
    QVERIFY2(bodyInfo.contains(QString::number(OrderJson.size()) + u" bytes"_s), qPrintable(bodyInfo));
    QVERIFY2(!bodyInfo.contains(u"first"_s) && !bodyInfo.contains(u"read"_s), qPrintable(bodyInfo));
    QCOMPARE(requestBody->shownKind(), ui::BodyFormat::Kind::Json);
    QCOMPARE(requestBody->text(), u"{\n    \"item\": \"book\",\n    \"qty\": 2\n}"_s);

    // "Copy as curl" sends it again.
    QTest::mouseClick(child<QPushButton>(m_panel.get(), u"copyCurlButton"_s), Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.contains(u" --data-binary '"_s + QString::fromUtf8(OrderJson) + u"' "_s), qPrintable(curl));
    QVERIFY2(!curl.contains(u"-X POST"_s) && !curl.contains(u"#"_s), qPrintable(curl));

    // Response: status line, masked Set-Cookie, and the JSON body (which echoes the request's) pretty-printed.
    selectTab(tabs, u"Response"_s);
    QCOMPARE(child<QLabel>(m_panel.get(), u"responseStatus"_s)->text(), u"<b>HTTP/1.1 201 Created</b>"_s);
    auto *responseHeaders = child<QTableWidget>(m_panel.get(), u"responseHeadersTable"_s);
    QCOMPARE(tableValue(responseHeaders, u"Set-Cookie"_s), u"sid=****; Path=/; HttpOnly"_s);
    auto *responseBody = child<ui::BodyView>(m_panel.get(), u"responseBodyView"_s);
    QVERIFY(responseBody->isVisible());
    QCOMPARE(responseBody->shownKind(), ui::BodyFormat::Kind::Json);
    const QString pretty = u"{\n    \"ok\": true,\n    \"received\": {\n        \"item\": \"book\",\n"
                           "        \"qty\": 2\n    }\n}"_s;
    QCOMPARE(responseBody->findChild<QPlainTextEdit *>(u"bodyText"_s)->toPlainText(), pretty);
}

void tst_RequestInspector::checkJourney()
{
    auto *tabs = child<QTabWidget>(m_panel.get(), u"inspectorTabs"_s);

    // Journey: the timeline has the stages from the first byte to the keep-alive decision, with the route.
    selectTab(tabs, u"Journey"_s);
    auto *timeline = child<ui::JourneyTimeline>(m_panel.get(), u"journeyTimeline"_s);
    QVERIFY(timeline->isVisible());
    QStringList names;
    int routed = -1;
    for (const ui::JourneyTimeline::Stage &stage : timeline->stages()) {
        if (stage.stage == httpcore::JourneyStage::RouteChosen)
            routed = int(names.size());
        names.append(stage.name);
    }
    for (const QString &expected : {u"first byte"_s, u"head parsed"_s, u"route chosen"_s, u"middleware entered"_s,
                                    u"handler returned"_s, u"response complete"_s, u"keep-alive decided"_s})
        QVERIFY2(names.contains(expected), qPrintable(expected + u" not in "_s + names.join(u", "_s)));
    QCOMPARE(timeline->stages().at(routed).label, u"POST /orders"_s);
    // Hovering the route's row shows its tooltip.
    const QPoint at = timeline->stageRowRect(routed).center();
    QHelpEvent help(QEvent::ToolTip, at, timeline->mapToGlobal(at));
    QCoreApplication::sendEvent(timeline, &help);
    QTRY_VERIFY2(QToolTip::text().startsWith(u"route chosen: POST /orders\nfrom "_s), qPrintable(QToolTip::text()));
}

// checkExportedPost checks the HAR entry of the POST that sendTraffic() sent, exported with masking.
void tst_RequestInspector::checkExportedPost(const QJsonObject &post)
{
    const QDateTime started = QDateTime::fromString(post[u"startedDateTime"_s].toString(), Qt::ISODateWithMs);
    QVERIFY2(started.isValid() && qAbs(started.secsTo(QDateTime::currentDateTimeUtc())) < 60,
             qPrintable(post[u"startedDateTime"_s].toString()));
    const QJsonObject rq = post[u"request"_s].toObject();
    QCOMPARE(rq[u"method"_s].toString(), u"POST"_s);
    QCOMPARE(rq[u"url"_s].toString(), m_controller->url() + u"/orders?src=test"_s);
    QCOMPARE(rq[u"httpVersion"_s].toString(), u"HTTP/1.1"_s);
    QCOMPARE(harHeader(rq[u"headers"_s], u"Authorization"_s).toString(), u"Bearer ****"_s);
    QCOMPARE(harHeader(rq[u"queryString"_s], u"src"_s).toString(), u"test"_s);
    QCOMPARE(rq[u"cookies"_s][0][u"name"_s].toString(), u"theme"_s);
    QCOMPARE(rq[u"bodySize"_s].toInt(), OrderJson.size());
    QCOMPARE(rq[u"postData"_s][u"mimeType"_s].toString(), u"application/json"_s);
    QCOMPARE(rq[u"postData"_s][u"text"_s].toString().toUtf8(), OrderJson);
    QVERIFY(!rq[u"postData"_s].toObject().contains(u"comment"_s));
    QVERIFY(!rq[u"postData"_s].toObject().contains(u"encoding"_s));
    QVERIFY(rq[u"headersSize"_s].toInt() > 0);
    const QJsonObject rs = post[u"response"_s].toObject();
    QCOMPARE(rs[u"status"_s].toInt(), 201);
    QCOMPARE(rs[u"statusText"_s].toString(), u"Created"_s);
    QCOMPARE(rs[u"httpVersion"_s].toString(), u"HTTP/1.1"_s);
    QCOMPARE(rs[u"redirectURL"_s].toString(), QString());
    QCOMPARE(rs[u"cookies"_s][0][u"value"_s].toString(), u"****"_s);
    const QByteArray body = R"({"received":{"item":"book","qty":2},"ok":true})";
    QCOMPARE(rs[u"content"_s][u"text"_s].toString().toUtf8(), body);
    QCOMPARE(rs[u"content"_s][u"size"_s].toInt(), body.size());
    QCOMPARE(rs[u"content"_s][u"mimeType"_s].toString(), u"application/json"_s);
    QVERIFY(post[u"cache"_s].isObject());
    const QJsonObject timings = post[u"timings"_s].toObject();
    double sum = 0;
    for (const QString &phase : {u"send"_s, u"wait"_s, u"receive"_s}) {
        QVERIFY2(timings[phase].toDouble(-1) >= 0, qPrintable(phase));
        sum += timings[phase].toDouble();
    }
    QCOMPARE(timings[u"blocked"_s].toInt(), -1);
    QVERIFY(qAbs(post[u"time"_s].toDouble() - sum) < 1e-6);
    QVERIFY(post[u"time"_s].toDouble() > 0);
    QCOMPARE(post[u"_route"_s].toString(), u"POST /orders"_s);
}

void tst_RequestInspector::filteredExportAsksAndCanIncludeCredentials()
{
    sendTraffic();
    QSignalSpy exported(m_panel.get(), &ui::RequestsPanel::harExported);
    auto *exportButton = child<QToolButton>(m_panel.get(), u"exportHarButton"_s);
    // A filter hides /hello: the user is asked which rows, and cancels.
    QTest::keyClicks(child<QLineEdit>(m_panel.get(), u"requestFilterEdit"_s), u"orders"_s);
    QCOMPARE(child<QTableView>(m_panel.get(), u"requestLogView"_s)->model()->rowCount(), 1);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(m_choices.size(), 1);
    QCOMPARE(m_choices.first().size(), 2);
    QCOMPARE(exported.count(), 0);
    // Then picks the filtered rows, with credentials.
    auto *include = child<QAction>(m_panel.get(), u"harIncludeCredentialsAction"_s);
    QVERIFY(!include->isChecked());
    // The item is in the export button's menu.
    QVERIFY(exportButton->menu()->actions().contains(include));
    include->trigger();
    QVERIFY(include->isChecked());
    m_chooseAnswers = {1};
    m_saveAnswers = {m_dir->filePath(u"filtered.har"_s)};
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(exported.count(), 1);
    const QJsonArray filtered = readHar(m_dir->filePath(u"filtered.har"_s))[u"log"_s][u"entries"_s].toArray();
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(harHeader(filtered[0][u"request"_s][u"headers"_s], u"Authorization"_s).toString(),
             QString::fromLatin1(Secret));

    // A file that cannot be written is reported.
    m_chooseAnswers = {0};
    m_saveAnswers = {m_dir->filePath(u"missing/dir/x.har"_s)};
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(exported.count(), 1);
    QCOMPARE(m_messages.size(), 1);
    QVERIFY2(m_messages.first().contains(u"x.har"_s), qPrintable(m_messages.first()));
}

void tst_RequestInspector::bodyTabShowsWhatTheCaptureHolds_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("notices");
    QTest::addColumn<qint64>("read");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<QString>("info");
    QTest::addColumn<QString>("text");
    const QByteArray json = "Content-Type: application/json\r\nContent-Length: 100\r\n";
    const QByteArray chunked = "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n";
    QTest::addRow("no body") << QByteArray() << QByteArray() << QByteArray() << qint64(0) << false << true << qint64(0)
                             << u"No body"_s << QString();
    QTest::addRow("cut at the cap")
        << json << "{\"a\":"_ba
        << "\r\n[... 95 more bytes not shown]\r\n"_ba << qint64(100) << true << true << qint64(100)
        << u"5 bytes \u00b7 application/json \u00b7 shown as JSON \u00b7 first 5 of 100 bytes"_s << u"{\"a\":"_s;
    QTest::addRow("not read") << json << QByteArray() << "\r\n[... 100 more bytes not read by the handler]\r\n"_ba
                              << qint64(0) << false << false << qint64(100)
                              << u"The handler did not read the body (of 100 bytes)."_s << QString();
    QTest::addRow("partly read")
        << json << "{\"a\":"_ba
        << "\r\n[... 95 more bytes not read by the handler]\r\n"_ba << qint64(5) << false << false << qint64(100)
        << u"5 bytes \u00b7 application/json \u00b7 shown as JSON \u00b7 the handler read 5 of "
           "100 bytes"_s
        << u"{\"a\":"_s;
    QTest::addRow("chunked not read") << chunked << QByteArray()
                                      << "\r\n[... rest of the chunked body not read by the handler]\r\n"_ba
                                      << qint64(0) << false << false << qint64(-1)
                                      << u"The handler did not read the body (of unknown length)."_s << QString();
    QTest::addRow("chunked partly read")
        << chunked << "abc\n"_ba
        << "\r\n[... rest of the chunked body not read by the handler]\r\n"_ba << qint64(4) << false << false
        << qint64(4)
        << u"4 bytes \u00b7 text/plain \u00b7 shown as text \u00b7 the handler read 4 bytes of unknown length"_s
        << u"abc\n"_s;
    QTest::addRow("failed")
        << json << "{"_ba
        << "\r\n[... 99 more bytes not received: the body ended with an error]\r\n"_ba << qint64(1) << false << false
        << qint64(100)
        << u"1 bytes \u00b7 application/json \u00b7 shown as JSON \u00b7 the body ended with an error "
           "after 1 bytes (of 100 bytes)"_s
        << u"{"_s;
    QTest::addRow("binary") << "Content-Type: application/octet-stream\r\nContent-Length: 3\r\n"_ba
                            << "\x89P\0"_ba << QByteArray() << qint64(3) << false << true << qint64(3)
                            << u"3 bytes \u00b7 application/octet-stream \u00b7 shown as hex"_s
                            << u"00000000  89 50 00"_s + QString(1 + 13 * 3 + 1 + 1, u' ') + u".P."_s;
}

// bodyTabShowsWhatTheCaptureHolds shows a hand-made capture: the Body tab shows requestBody, never the dump's
// notices, and its info line says how much of the body that is.
void tst_RequestInspector::bodyTabShowsWhatTheCaptureHolds()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, notices);
    QFETCH(qint64, read);
    QFETCH(bool, truncated);
    QFETCH(bool, complete);
    QFETCH(qint64, declared);
    QFETCH(QString, info);
    QFETCH(QString, text);
    auto capture = std::make_shared<httpcore::CapturedExchange>();
    capture->method = "POST";
    capture->target = "/up";
    capture->request = "POST /up HTTP/1.1\r\nHost: h\r\n" + head + "\r\n" + body + notices;
    capture->requestBody = body;
    capture->requestBodyRead = read;
    capture->requestBodyTruncated = truncated;
    capture->requestBodyComplete = complete;
    capture->requestBodyBytes = declared;
    capture->response = "HTTP/1.1 204 No Content\r\n\r\n";
    capture->status = 204;
    ui::RequestRecord record;
    record.method = u"POST"_s;
    record.target = u"/up"_s;
    record.status = 204;
    record.journey = std::make_shared<httpcore::Journey>();
    record.capture = capture;
    ui::RequestInspector inspector;
    inspector.setRecord(&record);
    auto *view = child<ui::BodyView>(&inspector, u"requestBodyView"_s);
    QCOMPARE(view->findChild<QLabel *>(u"bodyInfo"_s)->text(), info);
    QCOMPARE(view->text(), text);
    // The raw request keeps the notices; curl leaves an incomplete body out.
    const QString raw = child<QPlainTextEdit>(&inspector, u"rawRequestView"_s)->toPlainText();
    QVERIFY2(raw.contains(QString::fromUtf8(notices.trimmed())), qPrintable(raw));
    QCOMPARE(inspector.curlCommand().contains(u"--data-binary"_s),
             complete && !truncated && !body.isEmpty() && ui::BodyFormat::isTextual(body));
}

QTEST_MAIN(tst_RequestInspector)
#include "tst_requestinspector.moc"
