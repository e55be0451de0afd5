#include "ui/routes/RouteExplanationView.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/WhyRoutePanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace
{

mock::Route route(const QString &id, const QString &pattern, QList<int> statuses, bool enabled = true)
{
    mock::Route r;
    r.id = id;
    r.pattern = pattern;
    r.enabled = enabled;
    for (const int status : statuses) {
        mock::MockResponse response;
        response.status = status;
        r.responses.append(response);
    }
    return r;
}

} // namespace

class tst_WhyRoutePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void typingAUrlShowsWinnerAndLosers();
    void methodChosenWithTheKeyboard();
    void typedMethodGivesA405();
    void fullUrlSetsTheHostAndRedirectsAreShown();
    void documentEditsUpdateTheExplanation();
    void unmatchedRequestsAreProxiedWhenTheProxyIsOn();
    void loggedRequestIsExplainedWithItsHost();
    void screenshot();

private:
    QComboBox *methodCombo() const { return m_panel->findChild<QComboBox *>(u"whyRouteMethodCombo"_s); }
    QLineEdit *urlEdit() const { return m_panel->findChild<QLineEdit *>(u"whyRouteUrlEdit"_s); }
    QString summary() const;
    // rows renders the tree as "verdict | route | reason" lines, top to bottom.
    QStringList rows() const;
    void typeUrl(const QString &url);
    void typeMethod(const QString &method);

    ui::RouteSetDocument *m_doc = nullptr;
    ui::WhyRoutePanel *m_panel = nullptr;
};

void tst_WhyRoutePanel::init()
{
    mock::RouteSet set;
    set.routes = {route(u"home"_s, u"GET /{$}"_s, {200}),
                  route(u"users-list"_s, u"GET /users"_s, {200}),
                  route(u"users-create"_s, u"POST /users"_s, {201, 400}),
                  route(u"user-get"_s, u"GET /users/{id}"_s, {200, 404}),
                  route(u"user-me"_s, u"GET /users/me"_s, {200}),
                  route(u"user-old"_s, u"GET /users/{id}"_s, {410}, false),
                  route(u"user-by-name"_s, u"GET /users/{name}"_s, {200}),
                  route(u"docs"_s, u"/docs/"_s, {200}),
                  route(u"api-docs"_s, u"api.example.com/docs/"_s, {200})};
    m_doc = new ui::RouteSetDocument;
    m_doc->reset(set);
    m_panel = new ui::WhyRoutePanel(m_doc);
    m_panel->resize(900, 360);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
}

void tst_WhyRoutePanel::cleanup()
{
    delete m_panel;
    delete m_doc;
}

QString tst_WhyRoutePanel::summary() const
{
    return m_panel->findChild<QLabel *>(u"routeExplanationSummary"_s)->text();
}

QStringList tst_WhyRoutePanel::rows() const
{
    const auto *tree = m_panel->findChild<QTreeWidget *>(u"routeExplanationTree"_s);
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        out.append(item->text(0) + u" | "_s + item->text(1) + u" | "_s + item->text(3));
    }
    return out;
}

void tst_WhyRoutePanel::typeUrl(const QString &url)
{
    urlEdit()->setFocus();
    QTest::keyClick(urlEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(urlEdit(), Qt::Key_Delete);
    QTest::keyClicks(urlEdit(), url);
}

void tst_WhyRoutePanel::typeMethod(const QString &method)
{
    QLineEdit *edit = methodCombo()->lineEdit();
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, method);
}

void tst_WhyRoutePanel::typingAUrlShowsWinnerAndLosers()
{
    QCOMPARE(methodCombo()->currentText(), u"GET"_s);
    QVERIFY(rows().isEmpty());
    typeUrl(u"/users/me"_s);
    QCOMPARE(summary(), u"route \"user-me\" (GET /users/me) answers 200"_s);
    const QStringList expected = {
        u"chosen | user-me | the most specific pattern that matches"_s,
        u"outranked | user-get | more specific literal segment wins: \"me\" over \"{id}\""_s,
        u"disabled | user-old | disabled; enabled, its pattern would match this request"_s,
        u"not served | user-by-name | pattern \"GET /users/{name}\" conflicts with pattern \"GET /users/{id}\": "
        u"GET /users/{name} matches the same requests as GET /users/{id}"_s,
    };
    QCOMPARE(rows(), expected);
    // The winner stands out.
    const auto *tree = m_panel->findChild<QTreeWidget *>(u"routeExplanationTree"_s);
    QVERIFY(tree->topLevelItem(0)->font(1).bold());
    QVERIFY(!tree->topLevelItem(1)->font(1).bold());

    // Each keystroke explains again: "/users/m" is a user id.
    QTest::keyClick(urlEdit(), Qt::Key_Backspace);
    QCOMPARE(summary(), u"route \"user-get\" (GET /users/{id}) answers 200 or 404 (depending on its mode and rules)"_s);
    QCOMPARE(rows().front(), u"chosen | user-get | the most specific pattern that matches; path values id=m"_s);
}

void tst_WhyRoutePanel::methodChosenWithTheKeyboard()
{
    typeUrl(u"/users/me"_s);
    methodCombo()->setFocus();
    // GET -> HEAD, the next item.
    QTest::keyClick(methodCombo(), Qt::Key_Down);
    QCOMPARE(methodCombo()->currentText(), u"HEAD"_s);
    QCOMPARE(summary(), u"route \"user-me\" (GET /users/me) answers 200"_s);
    QVERIFY2(rows().front().endsWith(u"method GET also serves HEAD"_s), qPrintable(rows().front()));
}

void tst_WhyRoutePanel::typedMethodGivesA405()
{
    typeUrl(u"users"_s); // the leading slash is implied
    typeMethod(u"DELETE"_s);
    QCOMPARE(methodCombo()->currentText(), u"DELETE"_s);
    QCOMPARE(summary(), u"405 method not allowed (Allow: GET, HEAD, POST)"_s);
    QCOMPARE(
        rows(),
        (QStringList{u"wrong method | users-list | method GET does not match DELETE (405 candidate: Allow lists GET)"_s,
                     u"wrong method | users-create | method POST does not match DELETE (405 candidate: Allow lists "
                     u"POST)"_s}));
}

void tst_WhyRoutePanel::fullUrlSetsTheHostAndRedirectsAreShown()
{
    typeUrl(u"http://API.example.com:9000/docs/intro?x=1"_s);
    QCOMPARE(summary(), u"route \"api-docs\" (api.example.com/docs/) answers 200"_s);
    QCOMPARE(rows(),
             (QStringList{u"chosen | api-docs | the most specific pattern that matches; its host "
                          u"api.example.com matches"_s,
                          u"outranked | docs | a pattern with a host wins over one without (api.example.com)"_s}));
    // Without a host in the URL, the server's own host:port is the Host.
    typeUrl(u"/docs?x=1"_s);
    QCOMPARE(summary(), u"301 to /docs/?x=1, which route \"docs\" answers"_s);
    QCOMPARE(rows(), (QStringList{u"redirect target | docs | /docs is redirected (301) to /docs/?x=1, which this "
                                  u"pattern answers"_s,
                                  u"wrong host | api-docs | /docs/: host api.example.com does not match 127.0.0.1"_s}));
    const QString note = m_panel->findChild<QLabel *>(u"routeExplanationNote"_s)->text();
    QVERIFY2(note.contains(u"with Host 127.0.0.1:8080"_s), qPrintable(note));
    typeUrl(u"/nothing"_s);
    QCOMPARE(summary(), u"404 not found: no pattern matches"_s);
    QVERIFY(rows().isEmpty());
}

void tst_WhyRoutePanel::documentEditsUpdateTheExplanation()
{
    typeUrl(u"/users/me"_s);
    QSignalSpy explained(m_panel->view(), &ui::RouteExplanationView::explained);
    QVERIFY(m_doc->setRouteEnabled(4, false)); // user-me
    QVERIFY(explained.count() >= 1);
    QCOMPARE(summary(), u"route \"user-get\" (GET /users/{id}) answers 200 or 404 (depending on its mode and rules)"_s);
    QVERIFY2(rows().contains(u"disabled | user-me | disabled; enabled, its pattern would match this request"_s),
             qPrintable(rows().join(u'\n')));
    m_doc->undoStack()->undo();
    QCOMPARE(summary(), u"route \"user-me\" (GET /users/me) answers 200"_s);
    // Removing the conflicting route removes its "not served" row.
    QVERIFY(m_doc->removeRoute(6)); // user-by-name
    QCOMPARE(rows().size(), 3);
    QVERIFY(!rows().join(u'\n').contains(u"not served"_s));
}

void tst_WhyRoutePanel::unmatchedRequestsAreProxiedWhenTheProxyIsOn()
{
    typeUrl(u"/nothing"_s);
    QCOMPARE(summary(), u"404 not found: no pattern matches"_s);
    QVERIFY(m_doc->setProxy(mock::ProxySettings{true, u"http://upstream.test:9000"_s, false}));
    QCOMPARE(summary(), u"no route matches: would be proxied to http://upstream.test:9000"_s);
    QVERIFY(m_panel->view()->explanation().proxied);
    // A 405 is the mux's own answer: the proxy only takes what no route matches at all.
    typeUrl(u"/users"_s);
    typeMethod(u"PUT"_s);
    QCOMPARE(m_panel->view()->explanation().status, 405);
}

void tst_WhyRoutePanel::loggedRequestIsExplainedWithItsHost()
{
    auto capture = std::make_shared<httpcore::CapturedExchange>();
    capture->method = "GET";
    capture->target = "/docs/a";
    capture->request = "GET /docs/a HTTP/1.1\r\nHost: api.example.com\r\nAccept: */*\r\n\r\n";
    ui::RequestRecord record;
    record.method = u"GET"_s;
    record.target = u"/docs/a"_s;
    record.route = u"/docs/"_s;
    record.capture = capture;
    QCOMPARE(ui::RouteExplanationView::hostOfRecord(record), u"api.example.com"_s);

    ui::RouteExplanationView view(m_doc);
    view.setRecord(&record);
    QCOMPARE(view.summaryText(), u"route \"api-docs\" (api.example.com/docs/) answers 200"_s);
    QCOMPARE(view.explanation().routeId, u"api-docs"_s);
    const QString note = view.findChild<QLabel *>(u"routeExplanationNote"_s)->text();
    QVERIFY2(note.contains(u"when logged, /docs/ answered it"_s), qPrintable(note));
    view.setRecord(nullptr);
    QCOMPARE(view.summaryText(), QString());
    QVERIFY(view.explanation().candidates.isEmpty());
}

void tst_WhyRoutePanel::screenshot()
{
    const QString dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to take screenshots");
    typeUrl(u"/users/me"_s);
    QVERIFY(m_panel->grab().save(dir + u"/gui-routes-why-route.png"_s));
}

QTEST_MAIN(tst_WhyRoutePanel)
#include "tst_whyroutepanel.moc"
