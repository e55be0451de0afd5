#include "httpcore/Handler.h"
#include "httpcore/Server.h"
#include "httpcore/mux/ServeMux.h"
#include "httpcore/mux/SwappableHandler.h"
#include "support/RawClient.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

void answer(const ResponsePtr &w, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->write(body);
}

// tableMux builds a route table whose answers start with name, so a response tells which table served it.
std::shared_ptr<const ServeMux> tableMux(const QByteArray &name)
{
    auto mux = std::make_shared<ServeMux>();
    const auto check = [](const std::optional<MuxError> &error) {
        if (error)
            qFatal("test route refused: %s", qPrintable(error->message));
    };
    check(mux->handleFunc("GET /users/{id}/files/{path...}", [name](const ResponsePtr &w, const Request &r) {
        answer(w, name + " id=" + r.pathValue("id") + " path=" + r.pathValue("path"));
    }));
    check(mux->handleFunc("PUT /users/{id}", [name](const ResponsePtr &w, const Request &) { answer(w, name); }));
    check(mux->handleFunc("/tree/",
                          [name](const ResponsePtr &w, const Request &r) { answer(w, name + ' ' + r.target); }));
    check(mux->handleFunc("GET api.test/v1/{res}", [name](const ResponsePtr &w, const Request &r) {
        answer(w, name + " api " + r.pathValue("res"));
    }));
    check(mux->handleFunc("GET /ping", [name](const ResponsePtr &w, const Request &) { answer(w, name); }));
    return mux;
}

} // namespace

// tst_ServeMuxServer runs a real Server on 127.0.0.1:0 whose handler is a SwappableHandler over a ServeMux, and
// talks to it over raw sockets.
class tst_ServeMuxServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pathValuesReachTheHandler();
    void hostPatternMatchesAbsoluteFormAndHostField();
    void wrongMethodIsAnswered405WithAllow();
    void subtreeAndUncleanPathsAreRedirected();
    void headIsServedByGetRoute();
    void routeTableSwapsUnderKeepAliveTraffic();

private:
    // connect returns a client connected to the server (null on failure).
    std::unique_ptr<RawClient> connectClient();
    // roundTrip sends one request and waits for its response.
    RawClient::Response roundTrip(RawClient &client, const QByteArray &request);

    std::unique_ptr<Server> m_server;
    std::shared_ptr<SwappableHandler> m_routes;
    quint16 m_port = 0;
};

void tst_ServeMuxServer::init()
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_routes = std::make_shared<SwappableHandler>(tableMux("old"));
    m_server->setHandler(m_routes);
    const auto port = m_server->listen();
    QVERIFY2(port.hasValue(), port.hasValue() ? "" : qPrintable(port.error()));
    m_port = *port;
}

void tst_ServeMuxServer::cleanup()
{
    m_server.reset(); // closes and joins every thread
    m_routes.reset();
}

std::unique_ptr<RawClient> tst_ServeMuxServer::connectClient()
{
    auto client = std::make_unique<RawClient>();
    client->connectToServer(m_port);
    if (!QTest::qWaitFor([&] { return client->isConnected(); }, 5000))
        return nullptr;
    return client;
}

RawClient::Response tst_ServeMuxServer::roundTrip(RawClient &client, const QByteArray &request)
{
    const qsizetype before = client.responseCount();
    client.send(request);
    if (!QTest::qWaitFor([&] { return client.responseCount() > before || client.isClosed(); }, 5000))
        return {};
    return client.responseCount() > before ? client.responses().last() : RawClient::Response();
}

void tst_ServeMuxServer::pathValuesReachTheHandler()
{
    const auto client = connectClient();
    QVERIFY(client);
    const auto response = roundTrip(*client, RawClient::request("GET", "/users/j%C3%B6rg/files/a%2Fb/c.txt?x=1"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, "old id=j\xC3\xB6rg path=a/b/c.txt"_ba);
}

void tst_ServeMuxServer::hostPatternMatchesAbsoluteFormAndHostField()
{
    const auto client = connectClient();
    QVERIFY(client);
    const auto byField = roundTrip(*client, "GET /v1/users HTTP/1.1\r\nHost: API.test:8080\r\n\r\n"_ba);
    QCOMPARE(byField.status, 200);
    QCOMPARE(byField.body, "old api users"_ba);
    const auto absolute = roundTrip(*client, "GET http://api.test/v1/orders HTTP/1.1\r\nHost: other\r\n\r\n"_ba);
    QCOMPARE(absolute.status, 200);
    QCOMPARE(absolute.body, "old api orders"_ba);
    QCOMPARE(roundTrip(*client, RawClient::request("GET", "/v1/users")).status, 404);
}

void tst_ServeMuxServer::wrongMethodIsAnswered405WithAllow()
{
    const auto client = connectClient();
    QVERIFY(client);
    const auto response = roundTrip(*client, RawClient::request("DELETE", "/users/7"));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header.value("Allow"), "PUT");
    QCOMPARE(response.body, "Method Not Allowed\n"_ba);
    const auto files = roundTrip(*client, RawClient::request("POST", "/users/7/files/x"));
    QCOMPARE(files.status, 405);
    QCOMPARE(files.header.value("Allow"), "GET, HEAD");
    QVERIFY(!client->isClosed());
}

void tst_ServeMuxServer::subtreeAndUncleanPathsAreRedirected()
{
    const auto client = connectClient();
    QVERIFY(client);
    const auto subtree = roundTrip(*client, RawClient::request("GET", "/tree?a=1&b=2"));
    QCOMPARE(subtree.status, 301);
    QCOMPARE(subtree.header.value("Location"), "/tree/?a=1&b=2");
    QCOMPARE(subtree.body, "<a href=\"/tree/?a=1&amp;b=2\">Moved Permanently</a>.\n"_ba);
    const auto unclean = roundTrip(*client, RawClient::request("GET", "//users/../tree/./x?q"));
    QCOMPARE(unclean.status, 301);
    QCOMPARE(unclean.header.value("Location"), "/tree/x?q");
    const auto followed = roundTrip(*client, RawClient::request("GET", "/tree/x?q"));
    QCOMPARE(followed.status, 200);
    QCOMPARE(followed.body, "old /tree/x?q"_ba);
}

void tst_ServeMuxServer::headIsServedByGetRoute()
{
    const auto client = connectClient();
    QVERIFY(client);
    client->expectHeadResponse();
    const auto head = roundTrip(*client, RawClient::request("HEAD", "/ping"));
    QCOMPARE(head.status, 200);
    QCOMPARE(head.body, QByteArray());
    QCOMPARE(roundTrip(*client, RawClient::request("GET", "/ping")).body, "old"_ba);
}

void tst_ServeMuxServer::routeTableSwapsUnderKeepAliveTraffic()
{
    const auto client = connectClient();
    QVERIFY(client);
    QCOMPARE(roundTrip(*client, RawClient::request("GET", "/ping")).body, "old"_ba);
    const std::shared_ptr<const ServeMux> oldTable = tableMux("old");
    const std::shared_ptr<const ServeMux> newTable = tableMux("new");
    m_routes->setCurrent(newTable);
    QCOMPARE(roundTrip(*client, RawClient::request("GET", "/ping")).body, "new"_ba);

    // A thread flips the table as fast as it can while the client keeps the connection busy, in bursts of
    // pipelined requests: nothing may be dropped, and every answer comes whole from one table.
    std::atomic<bool> stop{false};
    std::thread swapper([&] {
        for (int i = 0; !stop.load(); ++i)
            m_routes->setCurrent(i % 2 ? oldTable : newTable);
    });
    const qsizetype before = client->responseCount();
    constexpr int Bursts = 20;
    constexpr int PerBurst = 10;
    for (int b = 0; b < Bursts; ++b) {
        QByteArray burst;
        for (int i = 0; i < PerBurst; ++i)
            burst += RawClient::request("GET", "/users/" + QByteArray::number(b * PerBurst + i) + "/files/f");
        client->send(burst);
        QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), before + (b + 1) * PerBurst, 10000);
    }
    stop.store(true);
    swapper.join();
    QVERIFY(!client->isClosed());
    for (int i = 0; i < Bursts * PerBurst; ++i) {
        const RawClient::Response &response = client->responses()[before + i];
        QCOMPARE(response.status, 200);
        const QByteArray tail = " id=" + QByteArray::number(i) + " path=f";
        QVERIFY2(response.body == "old" + tail || response.body == "new" + tail, response.body.constData());
    }
}

QTEST_MAIN(tst_ServeMuxServer)

#include "tst_servemux_server.moc"
