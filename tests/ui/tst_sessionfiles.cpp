// The window's memory across runs, driven as a user: File > Open Recent, an import that stays unsaved, autosave
// and recovery after a run that ended without saving, and the layout and last file restored at the next start.

#include "httpcore/mock/file/RouteSetFile.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/window/Autosave.h"
#include "ui/window/MainWindow.h"
#include "ui/window/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

mock::RouteSet namedSet(const QString &name)
{
    mock::RouteSet set;
    set.name = name;
    mock::Route route;
    route.id = u"hello"_s;
    route.pattern = u"GET /hello"_s;
    mock::MockResponse response;
    response.body = u"hi"_s;
    route.responses.append(response);
    set.routes.append(route);
    return set;
}

// deadProcessId returns the id of a process that has ended (a run of `true`).
qint64 deadProcessId()
{
    QProcess process;
    process.start(u"true"_s, {});
    if (!process.waitForStarted(5000))
        return 0;
    const qint64 pid = process.processId();
    process.waitForFinished(5000);
    return pid;
}

} // namespace

class tst_SessionFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void recentFilesMenuOpensAndForgetsMissingFiles();
    void importIsUnsavedUntilSaved();
    void autosaveIsRecoveredAfterACrash();
    void declinedRecoveryDeletesTheCopy();
    void savingRemovesTheCopy();
    void layoutAndLastFileAreRestored();

private:
    std::unique_ptr<ui::MainWindow> makeWindow();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_autosaveDir;
    QStringList m_openAnswers;
    QStringList m_saveAnswers;
    QMessageBox::StandardButton m_questionAnswer = QMessageBox::No;
    QStringList m_questions;
    QStringList m_messages;
};

void tst_SessionFiles::initTestCase()
{
    // Settings and data in ~/.qttest, never the user's own.
    QStandardPaths::setTestModeEnabled(true);
}

void tst_SessionFiles::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_autosaveDir = m_dir->filePath(u"autosave"_s);
    m_openAnswers.clear();
    m_saveAnswers.clear();
    m_questions.clear();
    m_messages.clear();
    m_questionAnswer = QMessageBox::No;
}

void tst_SessionFiles::cleanup()
{
    QSettings().clear();
    m_dir.reset();
}

std::unique_ptr<ui::MainWindow> tst_SessionFiles::makeWindow()
{
    auto window = std::make_unique<ui::MainWindow>();
    ui::Dialogs dialogs;
    dialogs.openFileName = [this](QWidget *, const QString &, const QString &) {
        return m_openAnswers.isEmpty() ? QString() : m_openAnswers.takeFirst();
    };
    dialogs.saveFileName = [this](QWidget *, const QString &, const QString &) {
        return m_saveAnswers.isEmpty() ? QString() : m_saveAnswers.takeFirst();
    };
    dialogs.question = [this](QWidget *, const QString &, const QString &text, QMessageBox::StandardButtons) {
        m_questions.append(text);
        return m_questionAnswer;
    };
    dialogs.inform = [this](QWidget *, const QString &, const QString &text) { m_messages.append(text); };
    window->setDialogs(dialogs);
    // The copies of this test's windows go to its own directory.
    window->autosave()->setDirectory(m_autosaveDir);
    return window;
}

void tst_SessionFiles::recentFilesMenuOpensAndForgetsMissingFiles()
{
    const QString first = m_dir->filePath(u"first.switchboard.json"_s);
    const QString second = m_dir->filePath(u"second.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"first"_s), first));
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"second"_s), second));

    auto window = makeWindow();
    window->show();
    QVERIFY(window->openFile(first));
    QVERIFY(window->openFile(second));
    QMenu *menu = window->findChild<QMenu *>(u"recentFilesMenu"_s);
    QVERIFY(menu);
    // Newest first, numbered, the full path as the tip; and it is reachable from the File menu.
    QList<QAction *> files;
    for (QAction *action : menu->actions()) {
        if (action->objectName().startsWith(u"recentFileAction"_s))
            files.append(action);
    }
    QCOMPARE(files.size(), 2);
    QCOMPARE(files[0]->text(), u"&1 second.switchboard.json"_s);
    QCOMPARE(files[1]->text(), u"&2 first.switchboard.json"_s);
    QCOMPARE(files[1]->toolTip(), QDir::toNativeSeparators(first));
    QMenu *fileMenu = window->findChild<QMenu *>(u"fileMenu"_s);
    QVERIFY(fileMenu->actions().contains(menu->menuAction()));

    files[1]->trigger();
    QCOMPARE(window->document()->filePath(), first);
    QCOMPARE(window->document()->set().name, u"first"_s);
    QCOMPARE(window->recentFiles()->files().constFirst(), first);
    // Another window (the next run) sees the same list.
    QCOMPARE(ui::RecentFiles(nullptr).files(), (QStringList{first, second}));

    // A file that has gone is said so and dropped.
    QVERIFY(QFile::remove(second));
    menu->actions().at(1)->trigger();
    QCOMPARE(m_messages.size(), 1);
    QVERIFY2(m_messages.constFirst().contains(u"no longer exists"_s), qPrintable(m_messages.constFirst()));
    QCOMPARE(window->recentFiles()->files(), QStringList{first});
    QCOMPARE(window->document()->filePath(), first);

    window->findChild<QAction *>(u"clearRecentFilesAction"_s)->trigger();
    QVERIFY(window->recentFiles()->files().isEmpty());
}

void tst_SessionFiles::importIsUnsavedUntilSaved()
{
    auto window = makeWindow();
    window->show();
    m_openAnswers = {QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/data/convert/mockoon-shop.json")};
    window->findChild<QAction *>(u"importMockoonAction"_s)->trigger();
    QVERIFY(!window->document()->set().routes.isEmpty());
    QVERIFY(window->document()->isModified());
    QVERIFY(window->isWindowModified());
    QVERIFY(window->document()->filePath().isEmpty());

    // Closing asks; Cancel keeps the window and the import.
    m_questionAnswer = QMessageBox::Cancel;
    QVERIFY(!window->close());
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(window->isVisible());

    // Save writes it and the document is clean.
    const QString path = m_dir->filePath(u"imported.switchboard.json"_s);
    m_saveAnswers = {path};
    window->findChild<QAction *>(u"saveAction"_s)->trigger();
    QVERIFY2(!window->document()->isModified(), qPrintable(m_messages.constLast().left(400)));
    QVERIFY(!window->isWindowModified());
    QCOMPARE(window->document()->filePath(), path);
    // The import's body files (relative to the current directory while unsaved) still resolve from the file.
    const auto reloaded = mock::RouteSetFile::load(path);
    QVERIFY2(reloaded, qPrintable(reloaded ? QString() : mock::problemStrings(reloaded.error()).join(u'\n')));
}

void tst_SessionFiles::autosaveIsRecoveredAfterACrash()
{
    const QString path = m_dir->filePath(u"shop.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"shop"_s), path));
    const qint64 crashedPid = deadProcessId();
    QVERIFY(crashedPid > 0);
    {
        auto crashing = makeWindow();
        crashing->autosave()->setProcessId(crashedPid);
        crashing->autosave()->setInterval(50);
        QVERIFY(crashing->openFile(path));
        QSignalSpy saved(crashing->autosave(), &ui::Autosave::saved);
        QVERIFY(crashing->document()->setName(u"shop, edited"_s));
        QVERIFY(crashing->document()->setRouteEnabled(0, false));
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.size(), 1); // both edits in one copy
        // The file on disk still holds the saved version.
        QCOMPARE(mock::RouteSetFile::load(path)->name, u"shop"_s);
        // The run "crashes": the window goes without closing, so nothing discards the copy.
    }

    auto window = makeWindow();
    const QList<ui::Autosave::Orphan> orphans = window->autosave()->orphans();
    QCOMPARE(orphans.size(), 1);
    QCOMPARE(orphans.constFirst().filePath, path);
    m_questionAnswer = QMessageBox::Yes;
    QVERIFY(window->openAtStart(QString(), QString()));
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions.constFirst().contains(QDir::toNativeSeparators(path)), qPrintable(m_questions.constFirst()));
    QCOMPARE(window->document()->set().name, u"shop, edited"_s);
    QVERIFY(!window->document()->set().routes.constFirst().enabled);
    QCOMPARE(window->document()->filePath(), path);
    QVERIFY(window->document()->isModified());
    QVERIFY(window->autosave()->orphans().isEmpty());
    QVERIFY(QDir(m_autosaveDir).entryList(QDir::Files).isEmpty());
}

void tst_SessionFiles::declinedRecoveryDeletesTheCopy()
{
    const QString fallback = m_dir->filePath(u"example.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"example"_s), fallback));
    {
        auto crashing = makeWindow();
        crashing->autosave()->setProcessId(deadProcessId());
        QVERIFY(crashing->document()->setName(u"never saved"_s));
        QVERIFY(crashing->autosave()->saveNow());
    }
    auto window = makeWindow();
    m_questionAnswer = QMessageBox::No;
    QVERIFY(window->openAtStart(QString(), fallback));
    QCOMPARE(m_questions.size(), 1);
    QCOMPARE(window->document()->set().name, u"example"_s);
    QVERIFY(QDir(m_autosaveDir).entryList(QDir::Files).isEmpty());
}

void tst_SessionFiles::savingRemovesTheCopy()
{
    const QString path = m_dir->filePath(u"shop.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"shop"_s), path));
    auto window = makeWindow();
    QVERIFY(window->openFile(path));
    QVERIFY(window->document()->setName(u"changed"_s));
    QVERIFY(window->autosave()->saveNow());
    QCOMPARE(QDir(m_autosaveDir).entryList(QDir::Files).size(), 2);
    window->findChild<QAction *>(u"saveAction"_s)->trigger();
    QVERIFY(!window->document()->isModified());
    QVERIFY(QDir(m_autosaveDir).entryList(QDir::Files).isEmpty());
    // An unmodified document writes no copy.
    QVERIFY(!window->autosave()->saveNow());
    QVERIFY(QDir(m_autosaveDir).entryList(QDir::Files).isEmpty());
}

void tst_SessionFiles::layoutAndLastFileAreRestored()
{
    const QString path = m_dir->filePath(u"last.switchboard.json"_s);
    const QString fallback = m_dir->filePath(u"example.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"last"_s), path));
    QVERIFY(!mock::RouteSetFile::save(namedSet(u"example"_s), fallback));

    // First start: no last file, so the example.
    QList<int> sizes;
    {
        auto window = makeWindow();
        QVERIFY(window->openAtStart(QString(), fallback));
        QCOMPARE(window->document()->filePath(), fallback);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(1150, 720);
        auto *splitter = window->findChild<QSplitter *>(u"mainSplitter"_s);
        splitter->setSizes({300, 700});
        sizes = splitter->sizes();
        QVERIFY(window->openFile(path));
        QVERIFY(window->close());
    }
    auto window = makeWindow();
    QVERIFY(window->openAtStart(QString(), fallback));
    QCOMPARE(window->document()->filePath(), path);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QCOMPARE(window->size(), QSize(1150, 720));
    QCOMPARE(window->findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), sizes);

    // A file given on the command line wins; a last file that has gone falls back to the example.
    QVERIFY(window->openAtStart(fallback, QString()));
    QCOMPARE(window->document()->filePath(), fallback);
    QVERIFY(QFile::remove(path));
    auto next = makeWindow();
    QVERIFY(next->openAtStart(QString(), fallback));
    QCOMPARE(next->document()->filePath(), fallback);
}

QTEST_MAIN(tst_SessionFiles)
#include "tst_sessionfiles.moc"
