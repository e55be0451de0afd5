// MainWindow driven as a user: open a route set, start the server, send real requests, inspect them, toggle a
// middleware, save, re-open, and the questions asked on the way (through the Dialogs seam).

#include "httpcore/mock/file/RouteSetFile.h"
#include "ui/live/ConnectionsModel.h"
#include "ui/live/RequestInspector.h"
#include "ui/live/ServerController.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

mock::Route textRoute(const QString &id, const QString &pattern, const QString &contentType, const QString &body)
{
    mock::Route route;
    route.id = id;
    route.pattern = pattern;
    mock::MockResponse response;
    response.contentType = contentType;
    response.body = body;
    route.responses.append(response);
    return route;
}

// testSet has two routes, and recovery on and requestId off in its chain.
mock::RouteSet testSet()
{
    mock::RouteSet set;
    set.name = u"window test"_s;
    mock::MiddlewareSetting recovery;
    recovery.name = u"recovery"_s;
    mock::MiddlewareSetting requestId;
    requestId.name = u"requestId"_s;
    requestId.enabled = false;
    set.server.middleware = {recovery, requestId};
    set.routes.append(textRoute(u"hello"_s, u"GET /hello"_s, u"text/plain"_s, u"hi\n"_s));
    set.routes.append(textRoute(u"user"_s, u"GET /users/{id}"_s, u"application/json"_s, u"{\"id\": 1}"_s));
    return set;
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray requestId;
};

Reply get(QNetworkAccessManager &nam, const QString &url)
{
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->rawHeader("X-Request-Id")};
}

template <typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

void clickAction(QMainWindow &window, const QString &name)
{
    auto *action = window.findChild<QAction *>(name);
    QVERIFY2(action, qPrintable(name));
    // Toolbar actions are clicked on their button; menu actions are triggered as a menu would.
    for (QToolBar *bar : window.findChildren<QToolBar *>()) {
        if (QWidget *button = bar->widgetForAction(action)) {
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    action->trigger();
}

void selectTab(QTabWidget *tabs, const QString &text)
{
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == text) {
            QTabBar *bar = tabs->tabBar();
            QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
            return;
        }
    }
    QFAIL(qPrintable(u"no tab "_s + text));
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void startRequestInspectToggleMiddlewareSaveAndReopen();
    void takenPortOffersAFreeOne();
    void nonLoopbackHostAsksFirst();
    void unsavedChangesPromptCanCancel();
    void screenshotWithTraffic();

private:
    void openTestSet();
    void startOnFreePort();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_path;
    // What the dialog seam answers and what it was asked.
    QStringList m_openAnswers;
    QStringList m_saveAnswers;
    QMessageBox::StandardButton m_questionAnswer = QMessageBox::No;
    QStringList m_questions;
    QStringList m_messages;
};

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"test.switchboard.json"_s);
    QVERIFY(!mock::RouteSetFile::save(testSet(), m_path));
    m_openAnswers.clear();
    m_saveAnswers.clear();
    m_questions.clear();
    m_messages.clear();
    m_questionAnswer = QMessageBox::No;

    m_window = std::make_unique<ui::MainWindow>();
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
    m_window->setDialogs(dialogs);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void tst_MainWindow::openTestSet()
{
    m_openAnswers = {m_path};
    clickAction(*m_window, u"openAction"_s);
    QCOMPARE(m_window->document()->filePath(), m_path);
    QCOMPARE(m_window->document()->set().routes.size(), 2);
    QVERIFY2(m_window->windowTitle().startsWith(u"test.switchboard.json"_s), qPrintable(m_window->windowTitle()));
    QVERIFY(!m_window->isWindowModified());
    // The server bar took the set's address.
    QCOMPARE(child<QLineEdit>(m_window.get(), u"hostEdit"_s)->text(), u"127.0.0.1"_s);
    QCOMPARE(child<QSpinBox>(m_window.get(), u"portSpin"_s)->value(), 8080);
}

void tst_MainWindow::startOnFreePort()
{
    auto *port = child<QSpinBox>(m_window.get(), u"portSpin"_s);
    port->selectAll();
    QTest::keyClicks(port, u"0"_s);
    QCOMPARE(port->value(), 0);
    clickAction(*m_window, u"startAction"_s);
    QVERIFY(m_window->controller()->isRunning());
    QVERIFY(m_window->controller()->port() != 0);
    auto *url = child<QToolButton>(m_window.get(), u"urlButton"_s);
    QCOMPARE(url->text(), m_window->controller()->url());
    QVERIFY(!m_window->findChild<QAction *>(u"startAction"_s)->isEnabled());
}

void tst_MainWindow::startRequestInspectToggleMiddlewareSaveAndReopen()
{
    openTestSet();
    startOnFreePort();
    const QString base = m_window->controller()->url();

    // The URL button copies the URL.
    QTest::mouseClick(child<QToolButton>(m_window.get(), u"urlButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), base);

    QNetworkAccessManager nam;
    const Reply hello = get(nam, base + u"/hello"_s);
    QCOMPARE(hello.status, 200);
    QCOMPARE(hello.body, "hi\n"_ba);
    QVERIFY(hello.requestId.isEmpty()); // requestId is off in the file

    auto *log = child<QTableView>(m_window.get(), u"requestLogView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 1, 5000);
    QCOMPARE(log->model()->index(0, 3).data().toString(), u"/hello"_s);
    QCOMPARE(log->model()->index(0, 4).data().toString(), u"200"_s);
    QCOMPARE(log->model()->index(0, 6).data().toString(), u"GET /hello"_s);
    auto *counters = child<QLabel>(m_window.get(), u"countersLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(counters->text().startsWith(u"1 requests"_s), 5000);

    // Select it: the inspector shows the raw request and its journey.
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(log->model()->index(0, 3)).center());
    auto *tabs = child<QTabWidget>(m_window.get(), u"inspectorTabs"_s);
    selectTab(tabs, u"Raw request"_s);
    auto *raw = child<QPlainTextEdit>(m_window.get(), u"rawRequestView"_s);
    QVERIFY2(raw->toPlainText().startsWith(u"GET /hello HTTP/1.1"_s), qPrintable(raw->toPlainText()));
    QVERIFY(raw->isVisible());
    selectTab(tabs, u"Journey"_s);
    auto *summary = child<QLabel>(m_window.get(), u"journeySummary"_s);
    QVERIFY(summary->isVisible());
    QVERIFY2(summary->text().contains(u"Matched route: GET /hello"_s), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(u"recovery"_s), qPrintable(summary->text()));
    auto *journey = child<QTreeWidget>(m_window.get(), u"journeyTree"_s);
    const QList<QTreeWidgetItem *> routed = journey->findItems(u"route chosen"_s, Qt::MatchExactly, 0);
    QCOMPARE(routed.size(), 1);
    QCOMPARE(routed.first()->text(1), u"GET /hello"_s);
    QVERIFY(!journey->findItems(u"response complete"_s, Qt::MatchExactly, 0).isEmpty());
    QTest::mouseClick(child<QPushButton>(m_window.get(), u"copyCurlButton"_s), Qt::LeftButton);
    QVERIFY2(QGuiApplication::clipboard()->text().endsWith(u"'"_s + base + u"/hello'"_s),
             qPrintable(QGuiApplication::clipboard()->text()));

    // The Connections tab has the client's connection.
    auto *connections = child<QTableView>(m_window.get(), u"connectionsView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(connections->model()->rowCount() >= 1, 5000);

    // Switch requestId on in the middleware list (space on the current item): the next response carries the id,
    // without a restart.
    auto *middleware = child<QListWidget>(m_window.get(), u"middlewareList"_s);
    const QList<QListWidgetItem *> items = middleware->findItems(u"requestId"_s, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first()->checkState(), Qt::Unchecked);
    middleware->setFocus();
    middleware->setCurrentItem(items.first());
    QTest::keyClick(middleware, Qt::Key_Space);
    // The panel rebuilds its list from the document: look the item up again.
    QTRY_COMPARE(middleware->findItems(u"requestId"_s, Qt::MatchExactly).value(0)->checkState(), Qt::Checked);
    QTRY_VERIFY(m_window->document()->set().server.middleware.at(1).enabled);
    QVERIFY(m_window->isWindowModified());
    QVERIFY(m_window->controller()->isRunning());
    const Reply withId = get(nam, base + u"/users/7"_s);
    QCOMPARE(withId.status, 200);
    QVERIFY(!withId.requestId.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 2, 5000);
    QCOMPARE(log->model()->index(0, 6).data().toString(), u"GET /users/{id}"_s);

    // Undo switches it off again, live.
    auto *undo = m_window->findChild<QAction *>(u"undoAction"_s);
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(!m_window->document()->set().server.middleware.at(1).enabled);
    QVERIFY(get(nam, base + u"/hello"_s).requestId.isEmpty());
    m_window->findChild<QAction *>(u"redoAction"_s)->trigger();
    QVERIFY(m_window->document()->set().server.middleware.at(1).enabled);

    // Save As: the file has the user's chain (requestId on) and not the capture entry the window serves.
    const QString copy = m_dir->filePath(u"copy.switchboard.json"_s);
    m_saveAnswers = {copy};
    clickAction(*m_window, u"saveAsAction"_s);
    QVERIFY2(m_messages.isEmpty(), qPrintable(m_messages.join(u'\n')));
    QCOMPARE(m_window->document()->filePath(), copy);
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().startsWith(u"copy.switchboard.json"_s));
    const auto saved = mock::RouteSetFile::load(copy);
    QVERIFY(saved);
    QCOMPARE(saved->server.middleware.size(), 2);
    QVERIFY(saved->server.middleware.at(1).enabled);
    QFile savedFile(copy);
    QVERIFY(savedFile.open(QIODevice::ReadOnly));
    QVERIFY(!savedFile.readAll().contains("capture"));

    // New, then re-open the saved file: the same set.
    const mock::RouteSet before = m_window->document()->set();
    clickAction(*m_window, u"newAction"_s);
    QVERIFY(m_questions.isEmpty()); // nothing unsaved
    QCOMPARE(m_window->document()->set().routes.size(), 0);
    QVERIFY(m_window->windowTitle().startsWith(u"Untitled"_s));
    m_openAnswers = {copy};
    clickAction(*m_window, u"openAction"_s);
    QCOMPARE(m_window->document()->set(), before);
    // The running server serves what was re-opened.
    QVERIFY(!get(nam, base + u"/hello"_s).requestId.isEmpty());

    // Stop.
    QSignalSpy stopped(m_window->controller(), &ui::ServerController::stopped);
    clickAction(*m_window, u"stopAction"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10'000);
    QCOMPARE(child<QToolButton>(m_window.get(), u"urlButton"_s)->text(), u"not running"_s);
    QVERIFY(m_window->findChild<QAction *>(u"startAction"_s)->isEnabled());
}

void tst_MainWindow::takenPortOffersAFreeOne()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    openTestSet();
    m_window->setServerAddress(u"127.0.0.1"_s, occupant.serverPort());
    m_questionAnswer = QMessageBox::Yes;
    clickAction(*m_window, u"startAction"_s);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions.first().contains(QString::number(occupant.serverPort())), qPrintable(m_questions.first()));
    QVERIFY2(m_questions.first().contains(u"in use"_s), qPrintable(m_questions.first()));
    QVERIFY(m_window->controller()->isRunning());
    QVERIFY(m_window->controller()->port() != occupant.serverPort());
    QCOMPARE(child<QSpinBox>(m_window.get(), u"portSpin"_s)->value(), int(m_window->controller()->port()));
}

void tst_MainWindow::nonLoopbackHostAsksFirst()
{
    openTestSet();
    auto *host = child<QLineEdit>(m_window.get(), u"hostEdit"_s);
    host->selectAll();
    QTest::keyClicks(host, u"0.0.0.0"_s);
    m_window->setServerAddress(host->text(), 0);
    m_questionAnswer = QMessageBox::No;
    clickAction(*m_window, u"startAction"_s);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(m_questions.first().contains(u"0.0.0.0"_s));
    QVERIFY(!m_window->controller()->isRunning());
    // Loopback asks nothing.
    m_window->setServerAddress(u"localhost"_s, 0);
    clickAction(*m_window, u"startAction"_s);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(m_window->controller()->isRunning());
}

void tst_MainWindow::unsavedChangesPromptCanCancel()
{
    openTestSet();
    QVERIFY(m_window->document()->setName(u"changed"_s));
    QVERIFY(m_window->isWindowModified());
    m_questionAnswer = QMessageBox::Cancel;
    clickAction(*m_window, u"newAction"_s);
    QCOMPARE(m_questions.size(), 1);
    QCOMPARE(m_window->document()->set().name, u"changed"_s);
    QCOMPARE(m_window->document()->filePath(), m_path);
    // Closing asks too, and Cancel keeps the window open.
    QVERIFY(!m_window->close());
    QCOMPARE(m_questions.size(), 2);
    QVERIFY(m_window->isVisible());
    m_questionAnswer = QMessageBox::Discard;
    clickAction(*m_window, u"newAction"_s);
    QCOMPARE(m_questions.size(), 3);
    QCOMPARE(m_window->document()->set().routes.size(), 0);
    QVERIFY(m_window->document()->filePath().isEmpty());
}

void tst_MainWindow::screenshotWithTraffic()
{
    // SWITCHBOARD_SCREENSHOT=path writes the window with real traffic to path (docs/screenshots/main-window.png).
    const QString target = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT");
    if (target.isEmpty())
        QSKIP("set SWITCHBOARD_SCREENSHOT to a PNG path to take the screenshot");
    QVERIFY(m_window->openFile(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/shop.switchboard.json")));
    m_window->setServerAddress(u"127.0.0.1"_s, 0);
    QVERIFY(m_window->startServer());
    const QString base = m_window->controller()->url();
    QNetworkAccessManager nam;
    const QStringList paths = {
        u"/healthz"_s,          u"/api/users"_s,   u"/api/users/2"_s,  u"/api/users/search?q=ada"_s,
        u"/api/users/search"_s, u"/api/orders"_s,  u"/api/users/99"_s, u"/nothing/here"_s,
        u"/api/users/1"_s,      u"/api/products"_s};
    for (const QString &path : paths)
        QVERIFY(get(nam, base + path).status != 0);
    auto *log = child<QTableView>(m_window.get(), u"requestLogView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), int(paths.size()), 5000);
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(log->model()->index(6, 3)).center());
    selectTab(child<QTabWidget>(m_window.get(), u"inspectorTabs"_s), u"Journey"_s);
    // "Why this route?" with a question typed in.
    auto *why = child<QLineEdit>(m_window.get(), u"whyRouteUrlEdit"_s);
    QTest::mouseClick(why, Qt::LeftButton);
    QTest::keyClicks(why, u"/api/users/search"_s);
    QTest::qWait(300);
    const QPixmap shot = m_window->grab();
    QCOMPARE(shot.size(), QSize(1280, 800));
    QVERIFY(shot.save(target));

    // The Connections tab, beside it.
    selectTab(child<QTabWidget>(m_window.get(), u"liveTabs"_s), u"Connections"_s);
    QVERIFY(child<QTableView>(m_window.get(), u"connectionsView"_s)->model()->rowCount() >= 1);
    QTest::qWait(100);
    QString connections = target;
    connections.replace(u".png"_s, u"-connections.png"_s);
    QVERIFY(m_window->grab().save(connections));

    // The Stats tab, once the second of the traffic has been plotted.
    selectTab(child<QTabWidget>(m_window.get(), u"liveTabs"_s), u"Stats"_s);
    QTest::qWait(2200);
    QString stats = target;
    stats.replace(u".png"_s, u"-stats.png"_s);
    QVERIFY(m_window->grab().save(stats));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
