// Server::setConnectionConfig: changed limits apply to the next connection without a restart, while connections
// already open keep the limits they started with. Real sockets on 127.0.0.1:0.

#include "httpcore/Server.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace httpcore;

namespace
{

HandlerPtr helloHandler()
{
    return HandlerFunc::make([](const ResponsePtr &w, const Request &) {
        w->header().set("Content-Type", "text/plain");
        w->writeHeader(200);
        w->write("hello\n");
    });
}

} // namespace

class tst_ServerLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void changedReadHeaderTimeoutAppliesToTheNextConnectionOnly();
    void changedHeaderLimitAndKeepAliveApplyWithoutRestart();
    void changedConfigSurvivesARestart();

private:
    std::unique_ptr<Server> m_server;
    quint16 m_port = 0;
};

void tst_ServerLimits::init()
{
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    config.readHeaderTimeout = 60s;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(helloHandler());
    const auto port = m_server->listen();
    QVERIFY(port.hasValue());
    m_port = *port;
}

void tst_ServerLimits::cleanup()
{
    m_server.reset();
}

void tst_ServerLimits::changedReadHeaderTimeoutAppliesToTheNextConnectionOnly()
{
    // Opened under the old 60 s timeout: it sends nothing, and must stay open.
    RawClient old;
    old.connectToServer(m_port);
    QTRY_VERIFY(old.isConnected());
    QTRY_COMPARE(m_server->connectionCount(), 1);

    ServerConfig changed = m_server->config();
    changed.readHeaderTimeout = 200ms;
    m_server->setConnectionConfig(changed);
    QCOMPARE(m_server->config().readHeaderTimeout, 200ms);
    QVERIFY(m_server->isListening());

    QElapsedTimer clock;
    clock.start();
    RawClient next;
    next.connectToServer(m_port);
    QTRY_VERIFY(next.isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(next.isClosed(), 5000);
    QVERIFY2(clock.elapsed() >= 150, "closed before its read-header timeout");
    QVERIFY(next.received().isEmpty()); // a timeout closes without a response
    // The old connection still has its 60 s: open, and served.
    QTest::qWait(300);
    QVERIFY(!old.isClosed());
    old.send(RawClient::request("GET", "/"));
    QTRY_COMPARE(old.finalResponseCount(), 1);
    QCOMPARE(old.responses().first().status, 200);
}

void tst_ServerLimits::changedHeaderLimitAndKeepAliveApplyWithoutRestart()
{
    ServerConfig changed = m_server->config();
    changed.limits.maxHeaderBytes = 1024;
    changed.keepAlivesEnabled = false;
    m_server->setConnectionConfig(changed);

    RawClient big;
    big.connectToServer(m_port);
    QTRY_VERIFY(big.isConnected());
    big.send(RawClient::request("GET", "/", "X-Big: " + QByteArray(2000, 'a') + "\r\n"));
    QTRY_COMPARE(big.finalResponseCount(), 1);
    QCOMPARE(big.responses().first().status, 431);

    RawClient small;
    small.connectToServer(m_port);
    QTRY_VERIFY(small.isConnected());
    small.send(RawClient::request("GET", "/"));
    QTRY_COMPARE(small.finalResponseCount(), 1);
    QCOMPARE(small.responses().first().status, 200);
    QCOMPARE(small.responses().first().header.value("Connection").toByteArray(), "close"_ba);
    QTRY_VERIFY(small.isClosed());
}

void tst_ServerLimits::changedConfigSurvivesARestart()
{
    ServerConfig changed = m_server->config();
    changed.readHeaderTimeout = 200ms;
    m_server->setConnectionConfig(changed);
    m_server->close();
    const auto port = m_server->listen();
    QVERIFY(port.hasValue());
    RawClient client;
    client.connectToServer(*port);
    QTRY_VERIFY(client.isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
}

QTEST_GUILESS_MAIN(tst_ServerLimits)
#include "tst_serverlimits.moc"
