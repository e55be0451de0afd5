// BodyFormat and BodyView: the automatic choice of JSON, text or hex by Content-Type and content, the renderings,
// the capture's notices (cut, unread, failed bodies), and switching the mode with the keyboard as a user does.

#include "ui/live/BodyView.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ui::BodyFormat::Kind)

class tst_BodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsKindByTypeAndContent_data();
    void detectsKindByTypeAndContent();
    void rendersPrettyJsonAndHex();
    void stripsEveryCaptureNotice_data();
    void stripsEveryCaptureNotice();
    void modeSwitchReRendersTheBody();
    void messageDisablesTheModeSwitch();
};

void tst_BodyView::detectsKindByTypeAndContent_data()
{
    using Kind = ui::BodyFormat::Kind;
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<Kind>("kind");
    QTest::addRow("declared json") << "{\"a\":1}"_ba << u"application/json; charset=utf-8"_s << Kind::Json;
    QTest::addRow("problem+json") << "{\"title\":\"x\"}"_ba << u"application/problem+json"_s << Kind::Json;
    QTest::addRow("undeclared json") << "[1,2]"_ba << QString() << Kind::Json;
    QTest::addRow("json sent as text/plain") << "{\"a\":true}"_ba << u"text/plain"_s << Kind::Json;
    QTest::addRow("html stays text") << "{\"a\":1}"_ba << u"text/html"_s << Kind::Text;
    QTest::addRow("plain text") << "hello\nworld\n"_ba << u"text/plain"_s << Kind::Text;
    QTest::addRow("xml") << "<a/>"_ba << u"application/xml"_s << Kind::Text;
    QTest::addRow("form") << "a=1&b=2"_ba << u"application/x-www-form-urlencoded"_s << Kind::Text;
    QTest::addRow("undeclared text") << "just words"_ba << QString() << Kind::Text;
    QTest::addRow("png bytes") << "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"_ba << u"image/png"_s << Kind::Hex;
    QTest::addRow("binary declared text") << "a\0b"_ba << u"text/plain"_s << Kind::Hex;
    QTest::addRow("invalid utf-8") << "caf\xe9"_ba << u"text/plain"_s << Kind::Hex;
    QTest::addRow("octet-stream text") << "abc"_ba << u"application/octet-stream"_s << Kind::Text;
}

void tst_BodyView::detectsKindByTypeAndContent()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    QFETCH(ui::BodyFormat::Kind, kind);
    QCOMPARE(ui::BodyFormat::detect(body, contentType), kind);
}

void tst_BodyView::rendersPrettyJsonAndHex()
{
    QCOMPARE(ui::BodyFormat::prettyJson("{\"a\":[1,2]}"), u"{\n    \"a\": [\n        1,\n        2\n    ]\n}"_s);
    QVERIFY(ui::BodyFormat::prettyJson("{nope").isEmpty());
    // Invalid JSON asked for as JSON shows as it is.
    QCOMPARE(ui::BodyFormat::render("{nope", ui::BodyFormat::Kind::Json), u"{nope"_s);
    // "01", its separator, 13 empty slots, the gap after the 8th byte, the separator before the ASCII column.
    QCOMPARE(ui::BodyFormat::hexDump("AB\x01"), u"00000000  41 42 01"_s + QString(1 + 13 * 3 + 1 + 1, u' ') + u"AB."_s);
    const QString twoRows = ui::BodyFormat::hexDump(QByteArray(17, 'z'));
    QCOMPARE(twoRows.count(u'\n'), 1);
    QVERIFY2(twoRows.section(u'\n', 1).startsWith(u"00000010  7a "_s), qPrintable(twoRows));
    QVERIFY(twoRows.section(u'\n', 0, 0).endsWith(u" zzzzzzzzzzzzzzzz"_s));
}

void tst_BodyView::stripsEveryCaptureNotice_data()
{
    QTest::addColumn<QByteArray>("dumpBody");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("notices");
    const QByteArray cut = "[... 1234 more bytes not shown]";
    const QByteArray unread = "[... 50 more bytes not read by the handler]";
    const QByteArray chunked = "[... rest of the chunked body not read by the handler]";
    const QByteArray failed = "[... 7 more bytes not received: the body ended with an error]";
    const QByteArray chunkedFailed = "[... rest of the chunked body not received: the body ended with an error]";
    QTest::addRow("plain body") << "plain body"_ba
                                << "plain body"_ba << QByteArrayList();
    QTest::addRow("cut") << "{\"a\":1\r\n" + cut + "\r\n"
                         << "{\"a\":1"_ba << QByteArrayList{cut};
    QTest::addRow("only a notice") << "\r\n" + cut + "\r\n" << QByteArray() << QByteArrayList{cut};
    QTest::addRow("unread, nothing read") << "\r\n" + unread + "\r\n" << QByteArray() << QByteArrayList{unread};
    QTest::addRow("partly read") << "abc\r\n" + unread + "\r\n"
                                 << "abc"_ba << QByteArrayList{unread};
    QTest::addRow("chunked unread") << "ab\r\n" + chunked + "\r\n"
                                    << "ab"_ba << QByteArrayList{chunked};
    QTest::addRow("failed") << "x\r\n" + failed + "\r\n"
                            << "x"_ba << QByteArrayList{failed};
    QTest::addRow("chunked failed") << "\r\n" + chunkedFailed + "\r\n" << QByteArray() << QByteArrayList{chunkedFailed};
    // Past the cap and not read to the end: the second notice follows the first directly.
    QTest::addRow("cut and unread") << "{\"a\":1\r\n" + cut + "\r\n" + unread + "\r\n"
                                    << "{\"a\":1"_ba << QByteArrayList{cut, unread};
    QTest::addRow("cut and chunked failed") << "body\r\n\r\n" + cut + "\r\n" + chunkedFailed + "\r\n"
                                            << "body\r\n"_ba << QByteArrayList{cut, chunkedFailed};
    QTest::addRow("bracketed last line that is no notice") << "a\r\n[... see above]\r\n"_ba
                                                           << "a\r\n[... see above]\r\n"_ba << QByteArrayList();
}

void tst_BodyView::stripsEveryCaptureNotice()
{
    QFETCH(QByteArray, dumpBody);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, notices);
    QCOMPARE(ui::BodyFormat::stripNotices(dumpBody), body);
    QCOMPARE(ui::BodyFormat::notices(dumpBody), notices);
}

void tst_BodyView::modeSwitchReRendersTheBody()
{
    ui::BodyView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setBody("{\"id\":7}", u"application/json"_s);
    auto *text = view.findChild<QPlainTextEdit *>(u"bodyText"_s);
    auto *mode = view.findChild<QComboBox *>(u"bodyModeCombo"_s);
    auto *info = view.findChild<QLabel *>(u"bodyInfo"_s);
    QVERIFY(text && mode && info);
    QCOMPARE(view.shownKind(), ui::BodyFormat::Kind::Json);
    QCOMPARE(text->toPlainText(), u"{\n    \"id\": 7\n}"_s);
    QVERIFY2(info->text().contains(u"8 bytes"_s) && info->text().contains(u"JSON"_s), qPrintable(info->text()));

    // The user picks Hex with the keyboard (a combo box selects the item typed).
    mode->setFocus();
    QTest::keyClicks(mode, u"Hex"_s);
    QCOMPARE(view.mode(), ui::BodyView::Mode::Hex);
    QVERIFY2(text->toPlainText().startsWith(u"00000000  7b 22 69 64"_s), qPrintable(text->toPlainText()));
    // The mode stays for the next body.
    view.setBody("hi", u"text/plain"_s);
    QCOMPARE(view.shownKind(), ui::BodyFormat::Kind::Hex);
    // Home picks the first item, Auto.
    QTest::keyClick(mode, Qt::Key_Home);
    QCOMPARE(view.shownKind(), ui::BodyFormat::Kind::Text);
    QCOMPARE(text->toPlainText(), u"hi"_s);
}

void tst_BodyView::messageDisablesTheModeSwitch()
{
    ui::BodyView view;
    view.setMessage(u"nothing here"_s);
    QVERIFY(!view.findChild<QComboBox *>(u"bodyModeCombo"_s)->isEnabled());
    QCOMPARE(view.findChild<QLabel *>(u"bodyInfo"_s)->text(), u"nothing here"_s);
    QVERIFY(view.text().isEmpty());
    view.setBody("x", {}, u"cut"_s);
    QVERIFY(view.findChild<QComboBox *>(u"bodyModeCombo"_s)->isEnabled());
    QVERIFY(view.findChild<QLabel *>(u"bodyInfo"_s)->text().endsWith(u"cut"_s));
}

QTEST_MAIN(tst_BodyView)
#include "tst_bodyview.moc"
