#include "ui/routes/RouteEditor.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/RoutesPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace
{

QString copyExample(const QTemporaryDir &dir)
{
    const QString source = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples");
    QDir(dir.path()).mkdir(u"files"_s);
    for (const QString &file : {u"shop.switchboard.json"_s, u"files/orders-2024.csv"_s}) {
        if (!QFile::copy(source + u'/' + file, dir.filePath(file)))
            return {};
    }
    return dir.filePath(u"shop.switchboard.json"_s);
}

// Columns of the routes table, as RoutesTableModel lays them out.
enum Column
{
    On,
    Method,
    Pattern,
    Status,
    Delay,
    Hits,
    Id
};

} // namespace

class tst_RoutesPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tableShowsTheRoutes();
    void addRouteThroughTheEditor();
    void editorRefusesInvalidAndConflictingPatternsWhileTyping();
    void doubleClickEditsAndCtrlZUndoes();
    void duplicateAddsADisabledCopyThatCannotBeEnabledWhileConflicting();
    void checkBoxDisablesARoute();
    void deleteButtonAndUndo();
    void hitsShowPerRoute();
    void buttonsNeedASelection();
    void screenshot();

private:
    QTableView *table() const { return m_panel->findChild<QTableView *>(u"routesTable"_s); }
    QString cell(int row, int column) const { return table()->model()->index(row, column).data().toString(); }
    int rowOf(const QString &id) const;
    void selectRow(int row);
    void click(const QString &buttonName);
    ui::RouteEditor *editor() const;
    // messages returns the texts of the editor's message labels, for failure reports.
    static QString messages(QWidget *dialog);
    void typeInto(QLineEdit *edit, const QString &text);

    QTemporaryDir *m_dir = nullptr;
    ui::RouteSetDocument *m_doc = nullptr;
    ui::RoutesPanel *m_panel = nullptr;
};

void tst_RoutesPanel::init()
{
    m_dir = new QTemporaryDir;
    const QString path = copyExample(*m_dir);
    QVERIFY(!path.isEmpty());
    m_doc = new ui::RouteSetDocument;
    QCOMPARE(m_doc->load(path), std::nullopt);
    m_panel = new ui::RoutesPanel(m_doc);
    m_panel->resize(900, 420);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    new QAbstractItemModelTester(table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_panel);
}

void tst_RoutesPanel::cleanup()
{
    delete m_panel;
    delete m_doc;
    delete m_dir;
}

int tst_RoutesPanel::rowOf(const QString &id) const
{
    for (int row = 0; row < table()->model()->rowCount(); ++row) {
        if (cell(row, Id) == id)
            return row;
    }
    return -1;
}

void tst_RoutesPanel::selectRow(int row)
{
    const QRect rect = table()->visualRect(table()->model()->index(row, Pattern));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, rect.center());
}

void tst_RoutesPanel::click(const QString &buttonName)
{
    auto *button = m_panel->findChild<QPushButton *>(buttonName);
    QVERIFY2(button, qPrintable(buttonName));
    QVERIFY2(button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

ui::RouteEditor *tst_RoutesPanel::editor() const
{
    auto *editor = m_panel->findChild<ui::RouteEditor *>(u"routeEditor"_s);
    return editor && editor->isVisible() ? editor : nullptr;
}

QString tst_RoutesPanel::messages(QWidget *dialog)
{
    QStringList texts;
    for (const QString &name : {u"idMessage"_s, u"patternMessage"_s, u"problemsLabel"_s})
        texts << name + u": "_s + dialog->findChild<QLabel *>(name)->text();
    return texts.join(u'\n');
}

void tst_RoutesPanel::typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void tst_RoutesPanel::tableShowsTheRoutes()
{
    const QList<mock::Route> &routes = m_doc->set().routes;
    QCOMPARE(table()->model()->rowCount(), routes.size());
    QCOMPARE(cell(0, Method), u"GET"_s);
    QCOMPARE(cell(0, Pattern), u"/healthz"_s);
    QCOMPARE(cell(0, Status), u"200"_s);
    QCOMPARE(cell(0, Id), u"health"_s);
    const int search = rowOf(u"search-users"_s);
    QCOMPARE(cell(search, Status), u"400, 200"_s);
    const int create = rowOf(u"create-user"_s);
    QCOMPARE(cell(create, Method), u"POST"_s);
    QCOMPARE(cell(create, Status), u"201, 422"_s);
    const int legacy = rowOf(u"legacy-users"_s);
    QCOMPARE(table()->model()->index(legacy, On).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(table()->model()->index(0, On).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QCOMPARE(table()->model()->headerData(Hits, Qt::Horizontal).toString(), u"Hits"_s);
}

void tst_RoutesPanel::addRouteThroughTheEditor()
{
    const qsizetype before = m_doc->set().routes.size();
    click(u"addRouteButton"_s);
    QPointer<ui::RouteEditor> dialog = editor();
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QPushButton *>(u"saveRouteButton"_s);
    auto *id = dialog->findChild<QLineEdit *>(u"idEdit"_s);
    QVERIFY(!ok->isEnabled()); // no pattern yet
    typeInto(id, u"list-carts"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"patternEdit"_s), u"GET /api/carts"_s);
    QVERIFY2(ok->isEnabled(), qPrintable(messages(dialog)));
    auto *status = dialog->findChild<QSpinBox *>(u"statusSpin"_s);
    QTest::keyClick(status, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(status, u"202"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    QCOMPARE(m_doc->set().routes.size(), before + 1);
    const mock::Route &added = m_doc->set().routes.last();
    QCOMPARE(added.id, u"list-carts"_s);
    QCOMPARE(added.pattern, u"GET /api/carts"_s);
    QCOMPARE(added.responses.size(), 1);
    QCOMPARE(added.responses[0].status, 202);
    const int row = rowOf(u"list-carts"_s);
    QCOMPARE(row, int(before));
    QCOMPARE(cell(row, Pattern), u"/api/carts"_s);
    QCOMPARE(cell(row, Status), u"202"_s);
    QCOMPARE(m_doc->undoStack()->undoText(), u"Add route \u201Clist-carts\u201D"_s);
    QVERIFY(m_doc->isModified());
}

void tst_RoutesPanel::editorRefusesInvalidAndConflictingPatternsWhileTyping()
{
    click(u"addRouteButton"_s);
    QPointer<ui::RouteEditor> dialog = editor();
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QPushButton *>(u"saveRouteButton"_s);
    auto *pattern = dialog->findChild<QLineEdit *>(u"patternEdit"_s);
    auto *message = dialog->findChild<QLabel *>(u"patternMessage"_s);

    QTest::keyClicks(pattern, u"GET /api/users/{na"_s);
    QVERIFY2(message->text().startsWith(u"Invalid pattern: at offset"_s), qPrintable(message->text()));
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(pattern, u"me}"_s);
    // "GET /api/users/{name}" matches the same requests as get-user's "GET /api/users/{id}".
    QVERIFY2(message->text().startsWith(
                 u"Conflicts with route \u201Cget-user\u201D (pattern \u201CGET /api/users/{id}\u201D)"_s),
             qPrintable(message->text()));
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(pattern, u"/orders"_s);
    QCOMPARE(message->text(), u"GET (and HEAD) \u00B7 any host \u00B7 path values: name"_s);
    QVERIFY(ok->isEnabled());

    // A disabled route never conflicts.
    typeInto(pattern, u"GET /healthz"_s);
    QVERIFY(message->text().contains(u"\u201Chealth\u201D"_s));
    QVERIFY(!ok->isEnabled());
    QTest::mouseClick(dialog->findChild<QCheckBox *>(u"enabledCheck"_s), Qt::LeftButton);
    QVERIFY(ok->isEnabled());

    // The id must be unique.
    auto *id = dialog->findChild<QLineEdit *>(u"idEdit"_s);
    typeInto(id, u"health"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(u"idMessage"_s)->text().contains(u"already"_s));

    const qsizetype before = m_doc->set().routes.size();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelRouteButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_doc->set().routes.size(), before);
    QVERIFY(!m_doc->isModified());
}

void tst_RoutesPanel::doubleClickEditsAndCtrlZUndoes()
{
    // The window puts the stack's actions in its Edit menu; here they sit on the panel.
    QAction *undo = m_doc->undoStack()->createUndoAction(m_panel);
    undo->setShortcut(QKeySequence::Undo);
    m_panel->addAction(undo);
    QAction *redo = m_doc->undoStack()->createRedoAction(m_panel);
    redo->setShortcut(QKeySequence::Redo);
    m_panel->addAction(redo);
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel));

    const int row = rowOf(u"list-users"_s);
    const QRect rect = table()->visualRect(table()->model()->index(row, Pattern));
    // A real double click: press and release, then the double-click event (which QTest sends alone).
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, rect.center());
    QPointer<ui::RouteEditor> dialog = editor();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"patternEdit"_s)->text(), u"GET /api/users"_s);
    auto *status = dialog->findChild<QSpinBox *>(u"statusSpin"_s);
    QCOMPARE(status->value(), 200);
    QTest::keyClick(status, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(status, u"503"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"saveRouteButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(cell(row, Status), u"503"_s);
    QCOMPARE(m_doc->set().routes[row].responses[0].status, 503);
    // The rest of the route is as it was.
    QCOMPARE(m_doc->set().routes[row].responses[0].headers.size(), 1);

    QTRY_VERIFY(m_panel->isActiveWindow());
    QTest::keyClick(table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(cell(row, Status), u"200"_s);
    QVERIFY(!m_doc->isModified());
    // Redo is the platform's key (Ctrl+Shift+Z or Ctrl+Y).
    QTest::keySequence(table(), redo->shortcut());
    QCOMPARE(cell(row, Status), u"503"_s);
}

void tst_RoutesPanel::duplicateAddsADisabledCopyThatCannotBeEnabledWhileConflicting()
{
    const int row = rowOf(u"get-user"_s);
    selectRow(row);
    click(u"duplicateRouteButton"_s);
    QCOMPARE(cell(row + 1, Id), u"get-user-copy"_s);
    QCOMPARE(cell(row + 1, Pattern), u"/api/users/{id}"_s);
    QCOMPARE(table()->model()->index(row + 1, On).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(table()->selectionModel()->selectedRows().value(0).row(), row + 1);

    // Clicking its check box is refused: it would conflict with the original.
    const qsizetype commands = m_doc->undoStack()->count();
    QVERIFY(table()->model()->setData(table()->model()->index(row + 1, On), Qt::Checked, Qt::CheckStateRole) == false);
    auto *message = m_panel->findChild<QLabel *>(u"routesMessage"_s);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"\u201Cget-user\u201D (pattern \u201CGET /api/users/{id}\u201D)"_s),
             qPrintable(message->text()));
    QCOMPARE(m_doc->undoStack()->count(), commands);
    QVERIFY(!m_doc->set().routes[row + 1].enabled);
}

void tst_RoutesPanel::checkBoxDisablesARoute()
{
    const int row = rowOf(u"health"_s);
    const QModelIndex index = table()->model()->index(row, On);
    const QRect rect = table()->visualRect(index);
    // The check box sits at the left of the cell, vertically centred.
    const QPoint box(rect.left() + table()->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 4, rect.center().y());
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, box);
    QCOMPARE(index.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(!m_doc->set().routes[row].enabled);
    QCOMPARE(m_doc->undoStack()->undoText(), u"Disable route \u201Chealth\u201D"_s);
    m_doc->undoStack()->undo();
    QCOMPARE(table()->model()->index(row, On).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
}

void tst_RoutesPanel::deleteButtonAndUndo()
{
    const qsizetype before = m_doc->set().routes.size();
    const int row = rowOf(u"update-user"_s);
    selectRow(row);
    click(u"deleteRouteButton"_s);
    QCOMPARE(table()->model()->rowCount(), before - 1);
    QCOMPARE(rowOf(u"update-user"_s), -1);
    // The next route is selected, so Delete can go on.
    QCOMPARE(table()->selectionModel()->selectedRows().value(0).row(), row);
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(table()->model()->rowCount(), before - 2);
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(table()->model()->rowCount(), before);
    QCOMPARE(rowOf(u"update-user"_s), row);
}

void tst_RoutesPanel::hitsShowPerRoute()
{
    m_panel->setHits({{u"health"_s, 42}, {u"get-user"_s, 7}});
    QCOMPARE(cell(rowOf(u"health"_s), Hits), u"42"_s);
    QCOMPARE(cell(rowOf(u"get-user"_s), Hits), u"7"_s);
    QCOMPARE(cell(rowOf(u"list-users"_s), Hits), u"0"_s);
}

void tst_RoutesPanel::buttonsNeedASelection()
{
    auto *edit = m_panel->findChild<QPushButton *>(u"editRouteButton"_s);
    auto *remove = m_panel->findChild<QPushButton *>(u"deleteRouteButton"_s);
    QVERIFY(!edit->isEnabled());
    QVERIFY(!remove->isEnabled());
    selectRow(1);
    QVERIFY(edit->isEnabled());
    QVERIFY(remove->isEnabled());
    // An edit of the set keeps the selected route selected.
    QVERIFY(m_doc->setRouteEnabled(0, false));
    QCOMPARE(table()->selectionModel()->selectedRows().value(0).row(), 1);
    QVERIFY(edit->isEnabled());
}

void tst_RoutesPanel::screenshot()
{
    // Only on request: SWITCHBOARD_SCREENSHOT_DIR=/tmp writes gui-routes-panel.png and gui-routes-editor.png.
    const QString dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to take screenshots");
    m_panel->setHits({{u"health"_s, 12}, {u"list-users"_s, 3}, {u"get-user"_s, 5}});
    selectRow(rowOf(u"get-user"_s));
    QVERIFY(m_panel->grab().save(dir + u"/gui-routes-panel.png"_s));
    click(u"editRouteButton"_s);
    QPointer<ui::RouteEditor> dialog = editor();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->grab().save(dir + u"/gui-routes-editor.png"_s));
    auto *tabs = dialog->findChild<QTabWidget *>(u"responseTabs"_s);
    tabs->setCurrentIndex(2);
    QVERIFY(dialog->grab().save(dir + u"/gui-routes-editor-rules.png"_s));
    dialog->reject();
    QTRY_VERIFY(!dialog);
    selectRow(rowOf(u"unstable-checkout"_s));
    click(u"editRouteButton"_s);
    dialog = editor();
    QVERIFY(dialog);
    dialog->findChild<QTabWidget *>(u"responseTabs"_s)->setCurrentIndex(3);
    QVERIFY(dialog->grab().save(dir + u"/gui-routes-editor-fault.png"_s));
    // An invalid pattern as the user sees it.
    auto *pattern = dialog->findChild<QLineEdit *>(u"patternEdit"_s);
    typeInto(pattern, u"GET /api/users/{id}"_s);
    QVERIFY(dialog->grab().save(dir + u"/gui-routes-editor-conflict.png"_s));
    dialog->reject();
}

QTEST_MAIN(tst_RoutesPanel)
#include "tst_routespanel.moc"
