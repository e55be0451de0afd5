#include "httpcore/mock/runtime/MiddlewareCatalog.h"
#include "ui/routes/MiddlewarePanel.h"
#include "ui/routes/RouteSetDocument.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class tst_MiddlewarePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listShowsTheChainWithCheckBoxes();
    void spaceTogglesAMiddlewareAndUndoRestoresIt();
    void upAndDownReorder();
    void addOffersOnlyUnusedMiddlewareAndRemoveRemoves();
    void settingsAreCheckedWhileTypingAndApplied();
    void unappliedSettingsSurviveOtherEdits();
    void screenshot();

private:
    QListWidget *list() const { return m_panel->findChild<QListWidget *>(u"middlewareList"_s); }
    QStringList names() const;
    void select(const QString &name);
    void click(const QString &buttonName);
    void typeSettings(const QString &text);

    ui::RouteSetDocument *m_doc = nullptr;
    ui::MiddlewarePanel *m_panel = nullptr;
};

void tst_MiddlewarePanel::init()
{
    // A chain of its own (the bundled example's may change): enabled and disabled entries, with and without
    // settings.
    mock::RouteSet set;
    const QJsonObject cors{{u"origins"_s, QJsonArray{u"http://localhost:3000"_s}},
                           {u"exposedHeaders"_s, QJsonArray{u"X-Total-Count"_s}},
                           {u"maxAgeSeconds"_s, 600}};
    set.server.middleware = {mock::MiddlewareSetting{u"recovery"_s, true, {}},
                             mock::MiddlewareSetting{u"requestId"_s, true, {}},
                             mock::MiddlewareSetting{u"cors"_s, true, cors},
                             mock::MiddlewareSetting{u"latency"_s, false, {{u"minMs"_s, 50}, {u"maxMs"_s, 250}}},
                             mock::MiddlewareSetting{u"gzip"_s, false, {}}};
    m_doc = new ui::RouteSetDocument;
    m_doc->reset(set);
    m_panel = new ui::MiddlewarePanel(m_doc);
    m_panel->resize(760, 380);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
}

void tst_MiddlewarePanel::cleanup()
{
    delete m_panel;
    delete m_doc;
}

QStringList tst_MiddlewarePanel::names() const
{
    QStringList names;
    for (int row = 0; row < list()->count(); ++row)
        names << list()->item(row)->text();
    return names;
}

void tst_MiddlewarePanel::select(const QString &name)
{
    const int row = int(names().indexOf(name));
    QVERIFY2(row >= 0, qPrintable(name));
    const QRect rect = list()->visualItemRect(list()->item(row));
    // Click on the text, right of the check box.
    QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, QPoint(rect.left() + 60, rect.center().y()));
    QCOMPARE(list()->currentRow(), row);
}

void tst_MiddlewarePanel::click(const QString &buttonName)
{
    auto *button = m_panel->findChild<QPushButton *>(buttonName);
    QVERIFY2(button && button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

void tst_MiddlewarePanel::typeSettings(const QString &text)
{
    auto *edit = m_panel->findChild<QPlainTextEdit *>(u"middlewareSettingsEdit"_s);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void tst_MiddlewarePanel::listShowsTheChainWithCheckBoxes()
{
    QCOMPARE(names(), (QStringList{u"recovery"_s, u"requestId"_s, u"cors"_s, u"latency"_s, u"gzip"_s}));
    QCOMPARE(list()->item(0)->checkState(), Qt::Checked);
    QCOMPARE(list()->item(3)->checkState(), Qt::Unchecked);
    QCOMPARE(list()->dragDropMode(), QAbstractItemView::InternalMove);
    select(u"cors"_s);
    const QString settings = m_panel->findChild<QPlainTextEdit *>(u"middlewareSettingsEdit"_s)->toPlainText();
    QVERIFY2(settings.contains(u"\"maxAgeSeconds\": 600"_s), qPrintable(settings));
}

void tst_MiddlewarePanel::spaceTogglesAMiddlewareAndUndoRestoresIt()
{
    select(u"latency"_s);
    QTest::keyClick(list(), Qt::Key_Space);
    QVERIFY(m_doc->set().server.middleware[3].enabled);
    QCOMPARE(list()->item(3)->checkState(), Qt::Checked);
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(list()->currentRow(), 3);
    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->set().server.middleware[3].enabled);
    QCOMPARE(list()->item(3)->checkState(), Qt::Unchecked);
}

void tst_MiddlewarePanel::upAndDownReorder()
{
    select(u"cors"_s);
    click(u"moveMiddlewareUpButton"_s);
    QCOMPARE(names(), (QStringList{u"recovery"_s, u"cors"_s, u"requestId"_s, u"latency"_s, u"gzip"_s}));
    QCOMPARE(m_doc->set().server.middleware[1].name, u"cors"_s);
    QCOMPARE(list()->currentRow(), 1);
    // Settings travel with their middleware.
    QCOMPARE(m_doc->set().server.middleware[1].settings.value(u"maxAgeSeconds"_s).toInt(), 600);
    click(u"moveMiddlewareUpButton"_s);
    QVERIFY(!m_panel->findChild<QPushButton *>(u"moveMiddlewareUpButton"_s)->isEnabled());
    select(u"latency"_s);
    click(u"moveMiddlewareDownButton"_s);
    QCOMPARE(names(), (QStringList{u"cors"_s, u"recovery"_s, u"requestId"_s, u"gzip"_s, u"latency"_s}));
    QVERIFY(!m_panel->findChild<QPushButton *>(u"moveMiddlewareDownButton"_s)->isEnabled());
    QCOMPARE(m_doc->undoStack()->count(), 3);
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(names(), (QStringList{u"recovery"_s, u"requestId"_s, u"cors"_s, u"latency"_s, u"gzip"_s}));
}

void tst_MiddlewarePanel::addOffersOnlyUnusedMiddlewareAndRemoveRemoves()
{
    auto *combo = m_panel->findChild<QComboBox *>(u"addMiddlewareCombo"_s);
    QStringList offered;
    for (int i = 0; i < combo->count(); ++i)
        offered << combo->itemText(i);
    QStringList expected = mock::middlewareNames();
    for (const QString &used : names())
        expected.removeAll(used);
    QCOMPARE(offered, expected);
    QVERIFY(offered.contains(u"timeout"_s));

    QTest::keyClicks(combo, u"timeout"_s);
    QCOMPARE(combo->currentText(), u"timeout"_s);
    click(u"addMiddlewareButton"_s);
    QCOMPARE(names().last(), u"timeout"_s);
    QCOMPARE(m_doc->set().server.middleware.last().name, u"timeout"_s);
    QCOMPARE(list()->currentRow(), list()->count() - 1);
    QCOMPARE(combo->findText(u"timeout"_s), -1);

    select(u"requestId"_s);
    click(u"removeMiddlewareButton"_s);
    QVERIFY(!names().contains(u"requestId"_s));
    QVERIFY(combo->findText(u"requestId"_s) >= 0);
    QCOMPARE(m_doc->set().server.middleware.size(), 5);
}

void tst_MiddlewarePanel::settingsAreCheckedWhileTypingAndApplied()
{
    select(u"cors"_s);
    auto *message = m_panel->findChild<QLabel *>(u"middlewareSettingsMessage"_s);
    auto *apply = m_panel->findChild<QPushButton *>(u"applyMiddlewareSettingsButton"_s);
    QVERIFY(!apply->isEnabled());

    typeSettings(u"{\"maxAgeSeconds\": "_s);
    QVERIFY2(message->text().startsWith(u"Not valid JSON"_s), qPrintable(message->text()));
    QVERIFY(!apply->isEnabled());
    QTest::keyClicks(m_panel->findChild<QPlainTextEdit *>(u"middlewareSettingsEdit"_s), u"-1}"_s);
    QVERIFY2(message->text().startsWith(u"maxAgeSeconds: "_s), qPrintable(message->text()));
    QVERIFY(!apply->isEnabled());
    typeSettings(u"[]"_s);
    QVERIFY2(message->text().contains(u"JSON object"_s), qPrintable(message->text()));
    typeSettings(u"{\"origins\": [\"*\"], \"maxAgeSeconds\": 60}"_s);
    QVERIFY2(message->text().startsWith(u"Valid"_s), qPrintable(message->text()));
    QVERIFY(apply->isEnabled());
    // Typing alone changes nothing.
    QCOMPARE(m_doc->undoStack()->count(), 0);

    QTest::mouseClick(apply, Qt::LeftButton);
    const QJsonObject settings = m_doc->set().server.middleware[2].settings;
    QCOMPARE(settings.value(u"maxAgeSeconds"_s).toInt(), 60);
    QCOMPARE(settings.value(u"origins"_s).toArray(), QJsonArray{u"*"_s});
    QVERIFY(!settings.contains(u"exposedHeaders"_s));
    QVERIFY(!apply->isEnabled());
    QVERIFY(mock::checkMiddlewareSetting(m_doc->set().server.middleware[2]).isEmpty());
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->set().server.middleware[2].settings.value(u"maxAgeSeconds"_s).toInt(), 600);
    QVERIFY(m_panel->findChild<QPlainTextEdit *>(u"middlewareSettingsEdit"_s)
                ->toPlainText()
                .contains(u"\"maxAgeSeconds\": 600"_s));
}

void tst_MiddlewarePanel::unappliedSettingsSurviveOtherEdits()
{
    select(u"latency"_s);
    typeSettings(u"{\"minMs\": 5, \"maxMs\": 10}"_s);
    // Turning the middleware on (another edit of the document) keeps what the user typed.
    QTest::keyClick(list(), Qt::Key_Space);
    QVERIFY(m_doc->set().server.middleware[3].enabled);
    QCOMPARE(m_panel->findChild<QPlainTextEdit *>(u"middlewareSettingsEdit"_s)->toPlainText(),
             u"{\"minMs\": 5, \"maxMs\": 10}"_s);
    QVERIFY(m_panel->findChild<QPushButton *>(u"applyMiddlewareSettingsButton"_s)->isEnabled());
}

void tst_MiddlewarePanel::screenshot()
{
    const QString dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to take screenshots");
    select(u"cors"_s);
    QVERIFY(m_panel->grab().save(dir + u"/gui-routes-middleware.png"_s));
}

QTEST_MAIN(tst_MiddlewarePanel)
#include "tst_middlewarepanel.moc"
