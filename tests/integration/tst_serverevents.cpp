#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "httpcore/ServerEventQueue.h"
#include "support/RawClient.h"

#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace httpcore;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

void answer(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(body);
}

// eventsHandler serves the routes of these tests.
HandlerPtr eventsHandler()
{
    return HandlerFunc::make([](const ResponsePtr &w, const Request &r) {
        const QByteArray &path = r.url.path();
        if (path == "/hello") {
            markJourney(r, JourneyStage::RouteChosen, "GET /hello"_ba);
            answer(w, 200, "Hello\n");
        } else if (path == "/echo") {
            r.body->readAll(1 << 20, [w](QByteArray body, bool) { answer(w, 200, body); });
        } else if (path == "/slow") {
            QTimer::singleShot(300, [w] { answer(w, 200, "slow\n"); });
        } else if (path == "/hijack") {
            auto hijacked = w->hijack();
            if (!hijacked)
                return answer(w, 500, hijacked.error().toUtf8());
            // Speak raw bytes on the taken-over socket: a response carrying what was buffered after the head,
            // then close.
            QTcpSocket *socket = hijacked->socket;
            const QByteArray buffered = hijacked->buffered + socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: "_ba + QByteArray::number(buffered.size() + 9) +
                          "\r\nConnection: close\r\n\r\nhijacked:"_ba + buffered);
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
                if (socket->bytesToWrite() == 0) {
                    socket->disconnectFromHost();
                    socket->deleteLater();
                }
            });
        } else if (path == "/hijack-late") {
            answer(w, 200, "started\n");
            w->flush();
            auto hijacked = w->hijack();
            w->write(hijacked ? "hijack succeeded\n"_ba : "refused: "_ba + hijacked.error().toUtf8() + '\n');
        } else {
            answer(w, 404, "not found\n");
        }
    });
}

QList<JourneyStage> stagesOf(const Journey &journey)
{
    QList<JourneyStage> stages;
    for (const JourneyMark &mark : journey.marks())
        stages.append(mark.stage);
    return stages;
}

} // namespace

// tst_ServerEvents checks what the server reports through its observer: the journey of each request, the
// connection states around it, the ServerEventQueue that carries both, and the hijack API.
class tst_ServerEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void journeyOfASimpleRequestHasEveryStageInOrder();
    void secondRequestOnAConnectionIsNumberedAndNotAccepted();
    void journeyOfAnUploadIncludesTheBody();
    void journeyOfAnAsyncHandlerShowsTheWait();
    void journeyRecordsTheCloseDecision_data();
    void journeyRecordsTheCloseDecision();
    void journeysCanBeSwitchedOff();
    void eventsOfAConnectionArriveInOrder();
    void hijackHandsTheSocketOver();
    void hijackAfterTheResponseStartedIsRefused();

private:
    quint16 startServer();
    // drainJourneys returns the journeys drained so far, appending to m_journeys.
    QList<JourneyPtr> journeys();

    std::unique_ptr<Server> m_server;
    std::shared_ptr<ServerEventQueue> m_events;
    QList<ServerEvent> m_drained;
};

void tst_ServerEvents::init()
{
    m_events = std::make_shared<ServerEventQueue>(10'000);
    m_drained.clear();
}

void tst_ServerEvents::cleanup()
{
    m_server.reset();
    m_events.reset();
}

quint16 tst_ServerEvents::startServer()
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(eventsHandler());
    m_server->setObserver(m_events);
    const auto port = m_server->listen();
    return port ? *port : quint16(0);
}

QList<JourneyPtr> tst_ServerEvents::journeys()
{
    for (ServerEvent &event : m_events->queue().drain().events)
        m_drained.append(std::move(event));
    QList<JourneyPtr> out;
    for (const ServerEvent &event : std::as_const(m_drained)) {
        if (event.kind == ServerEvent::Kind::Journey)
            out.append(event.journey);
    }
    return out;
}

void tst_ServerEvents::journeyOfASimpleRequestHasEveryStageInOrder()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/hello?x=1"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
    const Journey &journey = *journeys().first();
    const QList<JourneyStage> expected = {JourneyStage::Accepted,          JourneyStage::FirstByte,
                                          JourneyStage::HeadParsed,        JourneyStage::RouteChosen,
                                          JourneyStage::HandlerReturned, // a synchronous answer leaves at return
                                          JourneyStage::FirstResponseByte, JourneyStage::ResponseComplete,
                                          JourneyStage::KeepAliveDecided};
    QCOMPARE(stagesOf(journey), expected);
    for (size_t i = 1; i < journey.marks().size(); ++i)
        QVERIFY(journey.marks()[i - 1].at <= journey.marks()[i].at);
    QCOMPARE(journey.find(JourneyStage::RouteChosen)->label, "GET /hello"_ba);
    QCOMPARE(journey.find(JourneyStage::KeepAliveDecided)->label, "keep-alive"_ba);
    QCOMPARE(journey.method, "GET"_ba);
    QCOMPARE(journey.target, "/hello?x=1"_ba);
    QCOMPARE(journey.status, 200);
    QCOMPARE(journey.responseBodyBytes, 6);
    QCOMPARE(journey.sequence, 1u);
    QVERIFY(journey.connectionId > 0);
    QVERIFY(journey.keepAlive);
}

void tst_ServerEvents::secondRequestOnAConnectionIsNumberedAndNotAccepted()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/hello") + RawClient::request("GET", "/missing"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 2, 5000);
    const Journey &second = *journeys().at(1);
    QCOMPARE(second.sequence, 2u);
    QCOMPARE(second.connectionId, journeys().at(0)->connectionId);
    QCOMPARE(second.find(JourneyStage::Accepted), nullptr);
    QCOMPARE(stagesOf(second).first(), JourneyStage::FirstByte);
    QCOMPARE(second.status, 404);
    QCOMPARE(second.find(JourneyStage::RouteChosen), nullptr);
}

void tst_ServerEvents::journeyOfAnUploadIncludesTheBody()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    const QByteArray body(5000, 'b');
    client.send(RawClient::request("POST", "/echo", "Content-Length: 5000\r\n", body));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].body, body);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
    const Journey &journey = *journeys().first();
    QVERIFY(journey.find(JourneyStage::BodyComplete));
    QVERIFY(journey.find(JourneyStage::HeadParsed)->at <= journey.find(JourneyStage::BodyComplete)->at);
    QVERIFY(journey.find(JourneyStage::BodyComplete)->at <= journey.find(JourneyStage::ResponseComplete)->at);
    QCOMPARE(journey.requestBodyBytes, 5000);
    QCOMPARE(journey.responseBodyBytes, 5000);
}

void tst_ServerEvents::journeyOfAnAsyncHandlerShowsTheWait()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/slow"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
    const Journey &journey = *journeys().first();
    const auto returned = journey.find(JourneyStage::HandlerReturned)->at;
    const auto firstByte = journey.find(JourneyStage::FirstResponseByte)->at;
    const auto complete = journey.find(JourneyStage::ResponseComplete)->at;
    QVERIFY(returned < firstByte);
    QVERIFY2(complete - returned >= 250ms, "the handler's 300 ms wait is between its return and completion");
}

void tst_ServerEvents::journeyRecordsTheCloseDecision_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("decision");
    QTest::newRow("client close") << RawClient::request("GET", "/hello", "Connection: close\r\n") << 200
                                  << "client asked to close"_ba;
    QTest::newRow("http/1.0") << "GET /hello HTTP/1.0\r\n\r\n"_ba << 200 << "client asked to close"_ba;
    QTest::newRow("bad request") << "GET /hello HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n"_ba << 400 << "400 "_ba;
    QTest::newRow("unsupported expectation")
        << RawClient::request("PUT", "/echo", "Expect: tea\r\nContent-Length: 1\r\n", "x") << 417 << "417 "_ba;
}

void tst_ServerEvents::journeyRecordsTheCloseDecision()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, decision);
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].status, status);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
    const Journey &journey = *journeys().first();
    QCOMPARE(journey.status, status);
    QVERIFY(!journey.keepAlive);
    QVERIFY2(journey.find(JourneyStage::KeepAliveDecided)->label.startsWith(decision),
             journey.find(JourneyStage::KeepAliveDecided)->label.constData());
}

void tst_ServerEvents::journeysCanBeSwitchedOff()
{
    m_events->setRecordJourneys(false);
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    for (int i = 0; i < 3; ++i) {
        client.send(RawClient::request("GET", "/hello"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), i + 1, 5000);
    }
    // Connection states are still reported: New, then Active/Idle three times.
    QTRY_COMPARE_WITH_TIMEOUT((journeys(), m_drained.size()), 7, 5000);
    QVERIFY(journeys().isEmpty());
    m_events->setRecordJourneys(true);
    client.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
}

void tst_ServerEvents::eventsOfAConnectionArriveInOrder()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    const quint16 clientPort = client.socket().localPort();
    client.send(RawClient::request("GET", "/hello", "Connection: close\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT((journeys(), m_drained.size()), 7, 5000);
    QStringList seen;
    for (const ServerEvent &event : std::as_const(m_drained)) {
        seen.append(event.kind == ServerEvent::Kind::Journey ? u"journey"_s
                                                             : QString::fromLatin1(connStateName(event.state)));
        QCOMPARE(event.connectionId, m_drained.first().connectionId);
    }
    QCOMPARE(seen,
             QStringList({u"new"_s, u"active"_s, u"journey"_s, u"idle"_s, u"active"_s, u"journey"_s, u"closed"_s}));
    QCOMPARE(m_drained.last().reason, "client asked to close"_ba);
    QCOMPARE(m_drained.first().peer, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(m_drained.first().peerPort, clientPort);
}

void tst_ServerEvents::hijackHandsTheSocketOver()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    // The bytes after the head are not parsed as a next request: they belong to the hijacker.
    client.send(RawClient::request("GET", "/hijack") + "raw bytes"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.responseCount(), 1);
    QCOMPARE(client.responses()[0].body, "hijacked:raw bytes"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(journeys().size(), 1, 5000);
    QCOMPARE(journeys().first()->find(JourneyStage::KeepAliveDecided)->label, "hijacked"_ba);
    QList<ConnState> states;
    for (const ServerEvent &event : std::as_const(m_drained)) {
        if (event.kind == ServerEvent::Kind::ConnState)
            states.append(event.state);
    }
    // Go's rule: Hijacked is terminal; no Closed follows.
    QCOMPARE(states, QList<ConnState>({ConnState::New, ConnState::Active, ConnState::Hijacked}));
}

void tst_ServerEvents::hijackAfterTheResponseStartedIsRefused()
{
    const quint16 port = startServer();
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    client.send(RawClient::request("GET", "/hijack-late"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 1, 5000);
    QCOMPARE(client.responses()[0].body, "started\nrefused: the response was already started\n"_ba);
    client.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responseCount(), 2, 5000);
    QVERIFY(!client.isClosed());
}

QTEST_GUILESS_MAIN(tst_ServerEvents)
#include "tst_serverevents.moc"
