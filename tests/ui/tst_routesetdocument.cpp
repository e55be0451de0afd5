#include "httpcore/mock/file/RouteSetFile.h"
#include "ui/routes/RouteSetDocument.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace
{

// copyExample copies the bundled example route set, with its files/ folder, into dir and returns its path.
QString copyExample(const QTemporaryDir &dir)
{
    const QString source = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples");
    QDir(dir.path()).mkdir(u"files"_s);
    const QStringList files{u"shop.switchboard.json"_s, u"files/orders-2024.csv"_s};
    for (const QString &file : files) {
        if (!QFile::copy(source + u'/' + file, dir.filePath(file)))
            return {};
    }
    return dir.filePath(u"shop.switchboard.json"_s);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

mock::Route simpleRoute(const QString &id, const QString &pattern)
{
    mock::Route route;
    route.id = id;
    route.pattern = pattern;
    route.responses << mock::MockResponse{};
    return route;
}

} // namespace

class tst_RouteSetDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmptyAndUnmodified();
    void loadReadsTheExampleAndClearsUndo();
    void loadReportsEveryProblemAndChangesNothing();
    void everyEditIsUndoableAndRedoable();
    void undoBackToTheSavedStateIsUnmodified();
    void editsThatChangeNothingPushNoCommand();
    void duplicateAddsADisabledCopyWithAFreshId();
    void saveWritesWhatLoadReads();
    void saveWithoutAFileFails();
    void saveAsIntoAnotherDirectoryKeepsBodyFiles();
    void failingSaveLeavesTheOldFileIntact();
    void saveRefusesASetWithProblems();
    void resetReplacesTheSetAndClearsUndo();
};

void tst_RouteSetDocument::startsEmptyAndUnmodified()
{
    ui::RouteSetDocument doc;
    QCOMPARE(doc.set(), mock::RouteSet{});
    QCOMPARE(doc.filePath(), QString());
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 0);
}

void tst_RouteSetDocument::loadReadsTheExampleAndClearsUndo()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    QVERIFY(!path.isEmpty());
    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"x"_s, u"GET /x"_s)));
    QSignalSpy changed(&doc, &ui::RouteSetDocument::changed);
    QSignalSpy pathChanged(&doc, &ui::RouteSetDocument::filePathChanged);
    QSignalSpy modified(&doc, &ui::RouteSetDocument::modifiedChanged);

    QCOMPARE(doc.load(path), std::nullopt);
    QCOMPARE(doc.set(), mock::RouteSetFile::load(path).value());
    QCOMPARE(doc.set().name, u"Shop API (example)"_s);
    QCOMPARE(doc.filePath(), path);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(pathChanged.count(), 1);
    QCOMPARE(pathChanged.first().first().toString(), path);
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.first().first().toBool(), false);
}

void tst_RouteSetDocument::loadReportsEveryProblemAndChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"broken.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": 1, "routes": [
        {"id": "a", "pattern": "GET /users/{id", "responses": [{}]},
        {"id": "b", "pattern": "GET /b", "responses": [{"status": 99}]}]})");
    file.close();

    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"x"_s, u"GET /x"_s)));
    const mock::RouteSet before = doc.set();
    QSignalSpy changed(&doc, &ui::RouteSetDocument::changed);
    const std::optional<QString> error = doc.load(path);
    QVERIFY(error);
    const QStringList lines = error->split(u'\n');
    QCOMPARE(lines.size(), 2);
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(path + u": "_s), qPrintable(line));
    QVERIFY2(lines[0].contains(u"$.routes[0].pattern"_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].contains(u"$.routes[1].responses[0].status"_s), qPrintable(lines[1]));
    QCOMPARE(doc.set(), before);
    QCOMPARE(doc.filePath(), QString());
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(changed.count(), 0);

    const std::optional<QString> missing = doc.load(dir.filePath(u"missing.json"_s));
    QVERIFY(missing);
    QVERIFY2(missing->contains(u"missing.json"_s), qPrintable(*missing));
}

void tst_RouteSetDocument::everyEditIsUndoableAndRedoable()
{
    ui::RouteSetDocument doc;
    QSignalSpy changed(&doc, &ui::RouteSetDocument::changed);
    QList<mock::RouteSet> states{doc.set()};
    const auto edit = [&](bool pushed) {
        QVERIFY(pushed);
        states << doc.set();
    };
    edit(doc.addRoute(simpleRoute(u"a"_s, u"GET /a"_s)));
    edit(doc.addRoute(simpleRoute(u"b"_s, u"GET /b"_s)));
    mock::Route replaced = simpleRoute(u"a2"_s, u"POST /a"_s);
    replaced.responses[0].status = 201;
    edit(doc.replaceRoute(0, replaced));
    edit(doc.setRouteEnabled(1, false));
    edit(doc.duplicateRoute(0));
    edit(doc.moveRoute(2, 0));
    edit(doc.removeRoute(1));
    edit(doc.setMiddleware({mock::MiddlewareSetting{u"recovery"_s, true, {}}}));
    edit(doc.setProxy(mock::ProxySettings{true, u"http://127.0.0.1:9000"_s, false}));
    mock::ServerSettings server = doc.set().server;
    server.port = 9090;
    edit(doc.setServer(server));
    edit(doc.setName(u"renamed"_s));
    QCOMPARE(doc.undoStack()->count(), states.size() - 1);
    QCOMPARE(changed.count(), states.size() - 1);
    QCOMPARE(doc.set().routes.size(), 2);
    // [a2, b] -> duplicate: [a2, a2-copy, b] -> move 2 to 0: [b, a2, a2-copy] -> remove 1: [b, a2-copy].
    QCOMPARE(doc.set().routes[0].id, u"b"_s);
    QCOMPARE(doc.set().routes[1].id, u"a2-copy"_s);

    // Undo through the stack's own action, as the Edit menu does, back to the start; then redo it all.
    std::unique_ptr<QAction> undo(doc.undoStack()->createUndoAction(nullptr));
    std::unique_ptr<QAction> redo(doc.undoStack()->createRedoAction(nullptr));
    QCOMPARE(undo->text(), u"Undo Rename route set"_s);
    for (qsizetype i = states.size() - 2; i >= 0; --i) {
        undo->trigger();
        QCOMPARE(doc.set(), states[i]);
    }
    QVERIFY(!undo->isEnabled());
    QVERIFY(!doc.isModified());
    for (qsizetype i = 1; i < states.size(); ++i) {
        redo->trigger();
        QCOMPARE(doc.set(), states[i]);
    }
    QCOMPARE(changed.count(), 3 * (states.size() - 1));
}

void tst_RouteSetDocument::undoBackToTheSavedStateIsUnmodified()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    ui::RouteSetDocument doc;
    QCOMPARE(doc.load(path), std::nullopt);
    QSignalSpy modified(&doc, &ui::RouteSetDocument::modifiedChanged);
    QVERIFY(doc.setRouteEnabled(0, false));
    QVERIFY(doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.last().first().toBool(), true);
    doc.undoStack()->undo();
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.count(), 2);
    QCOMPARE(modified.last().first().toBool(), false);
}

void tst_RouteSetDocument::editsThatChangeNothingPushNoCommand()
{
    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"a"_s, u"GET /a"_s)));
    QVERIFY(!doc.replaceRoute(0, doc.set().routes[0]));
    QVERIFY(!doc.setRouteEnabled(0, true));
    QVERIFY(!doc.replaceRoute(1, simpleRoute(u"b"_s, u"GET /b"_s)));
    QVERIFY(!doc.removeRoute(-1));
    QVERIFY(!doc.duplicateRoute(5));
    QVERIFY(!doc.moveRoute(0, 1));
    QVERIFY(!doc.setName(QString()));
    QCOMPARE(doc.undoStack()->count(), 1);
}

void tst_RouteSetDocument::duplicateAddsADisabledCopyWithAFreshId()
{
    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"a"_s, u"GET /a"_s)));
    QVERIFY(doc.addRoute(simpleRoute(u"z"_s, u"GET /z"_s)));
    QVERIFY(doc.duplicateRoute(0));
    QVERIFY(doc.duplicateRoute(0));
    QCOMPARE(doc.set().routes.size(), 4);
    QCOMPARE(doc.set().routes[1].id, u"a-copy-2"_s);
    QCOMPARE(doc.set().routes[2].id, u"a-copy"_s);
    QCOMPARE(doc.set().routes[3].id, u"z"_s);
    QVERIFY(!doc.set().routes[1].enabled);
    QCOMPARE(doc.set().routes[1].pattern, u"GET /a"_s);
    QCOMPARE(doc.set().routes[1].responses, doc.set().routes[0].responses);
}

void tst_RouteSetDocument::saveWritesWhatLoadReads()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    ui::RouteSetDocument doc;
    QCOMPARE(doc.load(path), std::nullopt);
    QVERIFY(doc.setRouteEnabled(0, false));
    QVERIFY(doc.isModified());
    QSignalSpy modified(&doc, &ui::RouteSetDocument::modifiedChanged);
    QCOMPARE(doc.save(), std::nullopt);
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(mock::RouteSetFile::load(path).value(), doc.set());
    QVERIFY(!mock::RouteSetFile::load(path)->routes[0].enabled);
    // Undo after saving makes the document differ from the file again.
    doc.undoStack()->undo();
    QVERIFY(doc.isModified());
}

void tst_RouteSetDocument::saveWithoutAFileFails()
{
    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"a"_s, u"GET /a"_s)));
    QVERIFY(doc.save().has_value());
    QVERIFY(doc.isModified());
}

void tst_RouteSetDocument::saveAsIntoAnotherDirectoryKeepsBodyFiles()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    ui::RouteSetDocument doc;
    QCOMPARE(doc.load(path), std::nullopt);
    QVERIFY(QDir(dir.path()).mkdir(u"elsewhere"_s));
    const QString target = dir.filePath(u"elsewhere/copy.switchboard.json"_s);
    QSignalSpy pathChanged(&doc, &ui::RouteSetDocument::filePathChanged);

    QCOMPARE(doc.saveAs(target), std::nullopt);
    QCOMPARE(doc.filePath(), target);
    QCOMPARE(pathChanged.count(), 1);
    QVERIFY(!doc.isModified());
    // The copy loads (its body file is found from its own directory) and names the same file.
    const auto reloaded = mock::RouteSetFile::load(target);
    QVERIFY(reloaded.hasValue());
    QCOMPARE(reloaded.value(), doc.set());
    bool found = false;
    for (const mock::Route &route : doc.set().routes) {
        for (const mock::MockResponse &response : route.responses) {
            if (!response.bodyFile.isEmpty()) {
                QCOMPARE(QFileInfo(QDir(dir.filePath(u"elsewhere"_s)), response.bodyFile).canonicalFilePath(),
                         QFileInfo(dir.filePath(u"files/orders-2024.csv"_s)).canonicalFilePath());
                found = true;
            }
        }
    }
    QVERIFY(found);
}

void tst_RouteSetDocument::failingSaveLeavesTheOldFileIntact()
{
    // The temporary file QSaveFile writes beside the target gets a longer name than the file system allows
    // (NAME_MAX 255), so the save fails after the old file exists, whatever the user's permissions.
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    const QString target = dir.filePath(QString(250, u'a') + u".json"_s);
    QVERIFY(QFile::copy(path, target));
    const QByteArray old = readAll(target);
    QVERIFY(!old.isEmpty());

    ui::RouteSetDocument doc;
    QCOMPARE(doc.load(path), std::nullopt);
    QVERIFY(doc.setName(u"changed"_s));
    const std::optional<QString> error = doc.saveAs(target);
    QVERIFY(error);
    QVERIFY2(error->contains(target), qPrintable(*error));
    QCOMPARE(readAll(target), old);
    QCOMPARE(doc.filePath(), path);
    QVERIFY(doc.isModified());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
}

void tst_RouteSetDocument::saveRefusesASetWithProblems()
{
    QTemporaryDir dir;
    const QString path = copyExample(dir);
    const QByteArray old = readAll(path);
    ui::RouteSetDocument doc;
    QCOMPARE(doc.load(path), std::nullopt);
    // Two enabled routes with the same pattern conflict: the loader would refuse the file.
    QVERIFY(doc.addRoute(simpleRoute(u"health-2"_s, u"GET /healthz"_s)));
    const std::optional<QString> error = doc.save();
    QVERIFY(error);
    QVERIFY2(error->contains(path), qPrintable(*error));
    QVERIFY2(error->contains(u"conflicts with route \"health\""_s), qPrintable(*error));
    QCOMPARE(readAll(path), old);
    QVERIFY(doc.isModified());
}

void tst_RouteSetDocument::resetReplacesTheSetAndClearsUndo()
{
    ui::RouteSetDocument doc;
    QVERIFY(doc.addRoute(simpleRoute(u"a"_s, u"GET /a"_s)));
    QSignalSpy changed(&doc, &ui::RouteSetDocument::changed);
    mock::RouteSet imported;
    imported.name = u"imported"_s;
    imported.routes << simpleRoute(u"b"_s, u"GET /b"_s);
    doc.reset(imported);
    QCOMPARE(doc.set(), imported);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
    QCOMPARE(changed.count(), 1);
}

QTEST_MAIN(tst_RouteSetDocument)
#include "tst_routesetdocument.moc"
