#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "httpcore/ServerEventQueue.h"
#include "httpcore/middleware/LatencyInjector.h"
#include "httpcore/middleware/MiddlewareStack.h"
#include "httpcore/middleware/Recovery.h"
#include "httpcore/middleware/RequestCapture.h"
#include "httpcore/middleware/RequestId.h"
#include "httpcore/middleware/RequestLogger.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"
#include "httpcore/middleware/TimeoutHandler.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>

using namespace httpcore;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

// Probe is shared between a test and its handlers (written on worker threads, read on the test thread).
struct Probe
{
    std::atomic<int> requests{0};
    std::atomic<int> started{0};
    // lateWrite is what a handler's write after its deadline returned (1 until it happened).
    std::atomic<qint64> lateWrite{1};
};

// Lines collects what a sink receives; thread-safe.
template <typename T>
class Collected
{
public:
    void add(const T &value)
    {
        std::lock_guard lock(m_mutex);
        m_values.append(value);
    }
    QList<T> values() const
    {
        std::lock_guard lock(m_mutex);
        return m_values;
    }
    qsizetype size() const { return values().size(); }

private:
    mutable std::mutex m_mutex;
    QList<T> m_values;
};

void answer(const ResponsePtr &w, int status, QByteArrayView body)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(body);
}

int msParameter(const Request &r)
{
    return r.url.query().value("ms").toInt();
}

// testHandler serves the routes the tests use.
HandlerPtr testHandler(Probe *probe)
{
    return HandlerFunc::make([probe](const ResponsePtr &w, const Request &r) {
        probe->requests.fetch_add(1);
        const QByteArray &path = r.url.path();
        if (path == "/hello") {
            answer(w, 200, "Hello, World!\n");
        } else if (path == "/slow") {
            // Asynchronous: the timer's ResponsePtr copy keeps the response open.
            probe->started.fetch_add(1);
            QTimer::singleShot(msParameter(r), [w] { answer(w, 200, "slow\n"); });
        } else if (path == "/late") {
            probe->started.fetch_add(1);
            QTimer::singleShot(msParameter(r), [w, probe] {
                w->writeHeader(200);
                probe->lateWrite.store(w->write("too late\n"));
            });
        } else if (path == "/busy") {
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < msParameter(r)) {
            }
            answer(w, 200, "busy\n");
        } else if (path == "/trace") {
            QByteArrayList names;
            for (QByteArrayView v : r.header.values("X-Trace"))
                names.append(v.toByteArray());
            answer(w, 200, names.join(','));
        } else if (path == "/echo") {
            r.body->readAll(1 << 20, [w](QByteArray body, bool) { answer(w, 200, body); });
        } else if (path == "/first-chunk") {
            // Answers with the first piece of the body as it arrives and leaves the rest unread.
            r.body->read(
                [w](QByteArrayView chunk) {
                    if (w->isFinished())
                        return;
                    answer(w, 200, chunk);
                    w->finish();
                },
                {});
        } else if (path == "/throw") {
            w->header().set("Content-Length", "1000");
            throw std::runtime_error("boom: secret detail");
        } else if (path == "/throw-after-flush") {
            answer(w, 200, "partial");
            w->flush();
            throw std::runtime_error("too late to recover");
        } else if (path == "/throw-async") {
            QTimer::singleShot(50, [w, probe] { probe->lateWrite.store(w->write("from the timer")); });
            throw std::runtime_error("thrown after scheduling a write");
        } else {
            answer(w, 404, "not found\n");
        }
    });
}

// CompletionLog records, at completion, the names of the wrappers it is given to.
using CompletionLog = Collected<QByteArray>;

class LoggingWrapper final : public ResponseWriterWrapper
{
public:
    LoggingWrapper(Token token, ResponsePtr inner, QByteArray name, std::shared_ptr<CompletionLog> log)
        : ResponseWriterWrapper(token, std::move(inner)), m_name(std::move(name)), m_log(std::move(log))
    {}

protected:
    void completeResponse() override
    {
        m_log->add(m_name);
        ResponseWriterWrapper::completeResponse();
    }

private:
    QByteArray m_name;
    std::shared_ptr<CompletionLog> m_log;
};

// tracing adds name to the request's X-Trace and to the response's X-Order on the way in, and logs name when
// the response completes.
Middleware tracing(const QByteArray &name, std::shared_ptr<CompletionLog> log = std::make_shared<CompletionLog>())
{
    return [name, log](HandlerPtr next) -> HandlerPtr {
        return HandlerFunc::make([name, log, next](const ResponsePtr &w, const Request &r) {
            Request copy = r;
            copy.header.add("X-Trace", name);
            w->header().add("X-Order", name);
            next->serveHttp(ResponseWriterWrapper::make<LoggingWrapper>(w, name, log), copy);
        });
    };
}

QByteArrayList orderOf(const RawClient::Response &response)
{
    QByteArrayList names;
    for (QByteArrayView v : response.header.values("X-Order"))
        names.append(v.toByteArray());
    return names;
}

} // namespace

// tst_Middleware runs the middleware stack and the built-in middleware on real servers on 127.0.0.1:0.
class tst_Middleware : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void chainOrderIsFirstOutermostAndCompletesInReverse();
    void disablingKeepsTheChainOfARequestInFlight();
    void reorderingKeepsTheChainOfARequestInFlight();
    void journeysShowMiddlewareMarks();
    void loggerWritesTextLineForSyncHandler();
    void loggerTimesAsyncHandlerToCompletion();
    void loggerReportsRequestIdOfOuterLayer();
    void loggerAndCaptureDisabledMidRequestStillReportThatRequest();
    void recoveryAnswers500WithoutDetails();
    void recoveryExposesDetailsWhenEnabled();
    void recoveryClosesWhenResponseStarted();
    void recoveryOutsideAWrapperStillAnswers500();
    void recoveryOfAsyncHandlerDiscardsLaterWrites();
    void recoveryDisabledLetsTheServerClose();
    void timeoutPassesResponsesCompletedInTime();
    void timeoutAnswers503AndDiscardsLateWrites();
    void timeoutAnswers503ForSlowSyncHandler();
    void timeoutReconfiguredMidRequestKeepsTheOldLimit();
    void latencyDelaysWithoutBlockingTheWorker();
    void latencyDisabledMidDelayLetsTheDelayedRequestFinish();
    void captureDeliversRequestAndResponseDumps();
    void captureWaitsForAsyncCompletion();
    void captureRecordsTheBodyTheHandlerReads_data();
    void captureRecordsTheBodyTheHandlerReads();
    void captureTruncatesARequestBodyLongerThanTheCap();
    void captureSaysWhenTheHandlerNeverReadTheBody_data();
    void captureSaysWhenTheHandlerNeverReadTheBody();
    void captureShowsTheBodyReadBeforeTheResponseCompleted();

private:
    // startServer listens on 127.0.0.1:0 with handler; returns the port (0 on failure).
    quint16 startServer(HandlerPtr handler, int workers = 2);
    // connect returns a client connected to the server.
    std::unique_ptr<RawClient> connectClient();

    std::unique_ptr<Server> m_server;
    std::unique_ptr<Probe> m_probe;
    std::shared_ptr<MiddlewareStack> m_stack;
    std::shared_ptr<ServerEventQueue> m_events;
    quint16 m_port = 0;
};

void tst_Middleware::init()
{
    m_probe = std::make_unique<Probe>();
    m_stack = std::make_shared<MiddlewareStack>(testHandler(m_probe.get()));
}

void tst_Middleware::cleanup()
{
    m_server.reset(); // closes and joins every thread
    m_stack.reset();
    m_events.reset();
    m_probe.reset();
}

quint16 tst_Middleware::startServer(HandlerPtr handler, int workers)
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = workers;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(std::move(handler));
    if (m_events)
        m_server->setObserver(m_events);
    const auto port = m_server->listen();
    m_port = port ? *port : 0;
    return m_port;
}

std::unique_ptr<RawClient> tst_Middleware::connectClient()
{
    auto client = std::make_unique<RawClient>();
    client->connectToServer(m_port);
    return client;
}

void tst_Middleware::chainOrderIsFirstOutermostAndCompletesInReverse()
{
    const auto log = std::make_shared<CompletionLog>();
    for (const char *name : {"a", "b", "c"})
        QVERIFY(m_stack->append({name, true, tracing(name, log), {}}));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/trace"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].body, "a,b,c");
    QCOMPARE(orderOf(client->responses()[0]), QByteArrayList({"a", "b", "c"}));
    QCOMPARE(log->values(), QByteArrayList({"c", "b", "a"}));
    // The same order for an asynchronous handler: completion follows the timer, innermost first.
    client->send(RawClient::request("GET", "/slow?ms=100"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, 5000);
    QCOMPARE(log->values(), QByteArrayList({"c", "b", "a", "c", "b", "a"}));
}

void tst_Middleware::disablingKeepsTheChainOfARequestInFlight()
{
    QVERIFY(m_stack->append({"tag", true, tracing("tag"), {}}));
    QVERIFY(startServer(m_stack) != 0);
    const auto slow = connectClient();
    slow->send(RawClient::request("GET", "/slow?ms=500"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    QVERIFY(m_stack->setEnabled("tag", false));
    const auto fast = connectClient();
    fast->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 1, 5000);
    QVERIFY(!fast->responses()[0].header.contains("X-Order"));
    QCOMPARE(slow->responseCount(), 0); // still in flight
    QTRY_COMPARE_WITH_TIMEOUT(slow->responseCount(), 1, 5000);
    QCOMPARE(orderOf(slow->responses()[0]), QByteArrayList({"tag"}));
    QCOMPARE(slow->responses()[0].body, "slow\n");
    QVERIFY(m_stack->setEnabled("tag", true));
    fast->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 2, 5000);
    QCOMPARE(orderOf(fast->responses()[1]), QByteArrayList({"tag"}));
}

void tst_Middleware::reorderingKeepsTheChainOfARequestInFlight()
{
    QVERIFY(m_stack->append({"a", true, tracing("a"), {}}));
    QVERIFY(m_stack->append({"b", true, tracing("b"), {}}));
    QVERIFY(startServer(m_stack) != 0);
    const auto slow = connectClient();
    slow->send(RawClient::request("GET", "/slow?ms=500"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    QVERIFY(m_stack->move("b", 0));
    const auto fast = connectClient();
    fast->send(RawClient::request("GET", "/trace"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 1, 5000);
    QCOMPARE(fast->responses()[0].body, "b,a");
    QCOMPARE(slow->responseCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(slow->responseCount(), 1, 5000);
    QCOMPARE(orderOf(slow->responses()[0]), QByteArrayList({"a", "b"}));
}

void tst_Middleware::journeysShowMiddlewareMarks()
{
    m_events = std::make_shared<ServerEventQueue>(1000);
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestId>("request-id", {})));
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>("log", {}, false)));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QList<JourneyPtr> journeys;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const ServerEvent &e : m_events->queue().drain().events) {
                if (e.kind == ServerEvent::Kind::Journey)
                    journeys.append(e.journey);
            }
            return !journeys.isEmpty();
        }(),
        5000);
    QList<QPair<JourneyStage, QByteArray>> marks;
    bool handlerReturnedAfterMarks = false;
    for (const JourneyMark &m : journeys.first()->marks()) {
        if (m.stage == JourneyStage::MiddlewareEntered || m.stage == JourneyStage::MiddlewareLeft)
            marks.append({m.stage, m.label});
        if (m.stage == JourneyStage::HandlerReturned)
            handlerReturnedAfterMarks = marks.size() == 4;
    }
    const QList<QPair<JourneyStage, QByteArray>> expected{{JourneyStage::MiddlewareEntered, "request-id"},
                                                          {JourneyStage::MiddlewareEntered, "recovery"},
                                                          {JourneyStage::MiddlewareLeft, "recovery"},
                                                          {JourneyStage::MiddlewareLeft, "request-id"}};
    QCOMPARE(marks, expected);
    QVERIFY(handlerReturnedAfterMarks);
}

void tst_Middleware::loggerWritesTextLineForSyncHandler()
{
    const auto lines = std::make_shared<Collected<QByteArray>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>(
        "log", {RequestLogger::Format::Text, [lines](QByteArray line) { lines->add(line); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/hello?x=1"));
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 1, 5000);
    const QString line = QString::fromUtf8(lines->values().first());
    QVERIFY2(QRegularExpression(u"^GET /hello\\?x=1 HTTP/1\\.1 200 14 \\d+\\.\\d{3}ms\\n$"_s).match(line).hasMatch(),
             qPrintable(line));
    client->send(RawClient::request("GET", "/nowhere"));
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 2, 5000);
    QVERIFY(lines->values()[1].startsWith("GET /nowhere HTTP/1.1 404 10 "));
}

void tst_Middleware::loggerTimesAsyncHandlerToCompletion()
{
    const auto lines = std::make_shared<Collected<QByteArray>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>(
        "log", {RequestLogger::Format::Json, [lines](QByteArray line) { lines->add(line); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/slow?ms=300"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    // The handler returned long ago; the line waits for the response to complete.
    QCOMPARE(lines->size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 1, 5000);
    QVERIFY(lines->values().first().endsWith('\n'));
    const QJsonObject o = QJsonDocument::fromJson(lines->values().first()).object();
    QCOMPARE(o.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(o.value(u"uri"_s).toString(), u"/slow?ms=300"_s);
    QCOMPARE(o.value(u"proto"_s).toString(), u"HTTP/1.1"_s);
    QCOMPARE(o.value(u"status"_s).toInt(), 200);
    QCOMPARE(o.value(u"bytes"_s).toInt(), 5);
    QVERIFY2(o.value(u"durationMs"_s).toDouble() >= 290, qPrintable(QString::number(o[u"durationMs"_s].toDouble())));
    QVERIFY(!o.contains(u"aborted"_s));
}

void tst_Middleware::loggerReportsRequestIdOfOuterLayer()
{
    const auto lines = std::make_shared<Collected<QByteArray>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestId>("request-id", {})));
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>(
        "log", {RequestLogger::Format::Text, [lines](QByteArray line) { lines->add(line); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    const QByteArray id = client->responses()[0].header.value("X-Request-Id").toByteArray();
    QCOMPARE(id.size(), 32);
    QVERIFY(lines->values().first().endsWith(" id=" + id + '\n'));
}

void tst_Middleware::loggerAndCaptureDisabledMidRequestStillReportThatRequest()
{
    const auto lines = std::make_shared<Collected<QByteArray>>();
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>(
        "log", {RequestLogger::Format::Text, [lines](QByteArray line) { lines->add(line); }})));
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {1024, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto slow = connectClient();
    slow->send(RawClient::request("GET", "/slow?ms=400"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    QVERIFY(m_stack->setEnabled("log", false));
    QVERIFY(m_stack->setEnabled("capture", false));
    const auto fast = connectClient();
    fast->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(slow->responseCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 1, 5000);
    QVERIFY(lines->values().first().startsWith("GET /slow?ms=400 HTTP/1.1 200 5 "));
    QCOMPARE(captured->size(), 1);
    QCOMPARE(captured->values().first().target, "/slow?ms=400");
}

void tst_Middleware::recoveryAnswers500WithoutDetails()
{
    QVERIFY(m_stack->append({"cors-like", true, tracing("outer"), {}}));
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    const RawClient::Response &r = client->responses()[0];
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, "500 Internal Server Error\n");
    QCOMPARE(r.header.value("Content-Type"), "text/plain; charset=utf-8");
    // The handler's Content-Length is gone; the outer layer's field stays.
    QCOMPARE(r.header.value("Content-Length"), "26");
    QCOMPARE(orderOf(r), QByteArrayList({"outer"}));
    // The connection stays usable.
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, 5000);
    QCOMPARE(client->responses()[1].status, 200);
    QVERIFY(!client->isClosed());
}

void tst_Middleware::recoveryExposesDetailsWhenEnabled()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {true})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].status, 500);
    QCOMPARE(client->responses()[0].body, "500 Internal Server Error\nexception: boom: secret detail\n");
}

void tst_Middleware::recoveryClosesWhenResponseStarted()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw-after-flush"));
    QTRY_VERIFY_WITH_TIMEOUT(client->isClosed(), 5000);
    // The head and the flushed chunk went out; no complete response (no last chunk) and no 500 follow.
    QVERIFY(client->received().startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(client->received().contains("partial"));
    QVERIFY(!client->received().contains("500"));
    QCOMPARE(client->responseCount(), 0);
}

void tst_Middleware::recoveryOutsideAWrapperStillAnswers500()
{
    // The logger's wrapper is released while the exception unwinds: it must not finish the response (a 200).
    const auto lines = std::make_shared<Collected<QByteArray>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestLogger>(
        "log", {RequestLogger::Format::Text, [lines](QByteArray line) { lines->add(line); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].status, 500);
    QTRY_COMPARE_WITH_TIMEOUT(lines->size(), 1, 5000);
    QVERIFY2(lines->values().first().startsWith("GET /throw HTTP/1.1 0 0 "), lines->values().first().constData());
    QVERIFY(lines->values().first().endsWith(" aborted\n"));
}

void tst_Middleware::recoveryOfAsyncHandlerDiscardsLaterWrites()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw-async"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].status, 500);
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->lateWrite.load(), qint64(-1), 5000);
    QVERIFY(!client->received().contains("from the timer"));
}

void tst_Middleware::recoveryDisabledLetsTheServerClose()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<Recovery>("recovery", {})));
    QVERIFY(startServer(m_stack) != 0);
    QVERIFY(m_stack->setEnabled("recovery", false));
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/throw"));
    // Without the layer the server's own rule applies: no response, the connection closes.
    QTRY_VERIFY_WITH_TIMEOUT(client->isClosed(), 5000);
    QCOMPARE(client->responseCount(), 0);
    QVERIFY(m_stack->setEnabled("recovery", true));
    const auto again = connectClient();
    again->send(RawClient::request("GET", "/throw"));
    QTRY_COMPARE_WITH_TIMEOUT(again->responseCount(), 1, 5000);
    QCOMPARE(again->responses()[0].status, 500);
}

void tst_Middleware::timeoutPassesResponsesCompletedInTime()
{
    QVERIFY(m_stack->append({"outer", true, tracing("outer"), {}}));
    QVERIFY(m_stack->append(MiddlewareEntry::of<TimeoutHandler>("timeout", {2000ms, "timed out\n"})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/hello"));
    client->send(RawClient::request("GET", "/slow?ms=100"));
    client->send(RawClient::request("GET", "/nowhere"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 3, 5000);
    const auto &rs = client->responses();
    QCOMPARE(rs[0].status, 200);
    QCOMPARE(rs[0].body, "Hello, World!\n");
    QCOMPARE(rs[0].header.value("Content-Type"), "text/plain; charset=utf-8");
    QCOMPARE(orderOf(rs[0]), QByteArrayList({"outer"})); // fields of outer layers survive the copy-out
    QCOMPARE(rs[1].status, 200);
    QCOMPARE(rs[1].body, "slow\n");
    QCOMPARE(rs[2].status, 404);
}

void tst_Middleware::timeoutAnswers503AndDiscardsLateWrites()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<TimeoutHandler>("timeout", {150ms, "timed out\n"})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    QElapsedTimer clock;
    clock.start();
    client->send(RawClient::request("GET", "/late?ms=700"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QVERIFY2(clock.elapsed() < 700, QByteArray::number(clock.elapsed()).constData());
    QCOMPARE(client->responses()[0].status, 503);
    QCOMPARE(client->responses()[0].body, "timed out\n");
    QCOMPARE(m_probe->lateWrite.load(), qint64(1));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->lateWrite.load(), qint64(-1), 5000);
    // Same connection, next request: served normally.
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, 5000);
    QCOMPARE(client->responses()[1].status, 200);
    QVERIFY(!client->received().contains("too late"));
}

void tst_Middleware::timeoutAnswers503ForSlowSyncHandler()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<TimeoutHandler>("timeout", {50ms, "timed out\n"})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/busy?ms=150"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].status, 503);
    QVERIFY(!client->received().contains("busy"));
}

void tst_Middleware::timeoutReconfiguredMidRequestKeepsTheOldLimit()
{
    QVERIFY(m_stack->append(MiddlewareEntry::of<TimeoutHandler>("timeout", {300ms, "timed out\n"})));
    QVERIFY(startServer(m_stack) != 0);
    const auto first = connectClient();
    first->send(RawClient::request("GET", "/late?ms=600"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    QVERIFY(m_stack->reconfigure<TimeoutHandler>("timeout", {5000ms, "timed out\n"}));
    const auto second = connectClient();
    second->send(RawClient::request("GET", "/late?ms=400"));
    QTRY_COMPARE_WITH_TIMEOUT(first->responseCount(), 1, 5000);
    QCOMPARE(first->responses()[0].status, 503);
    QTRY_COMPARE_WITH_TIMEOUT(second->responseCount(), 1, 5000);
    QCOMPARE(second->responses()[0].status, 200);
    QCOMPARE(second->responses()[0].body, "too late\n");
}

void tst_Middleware::latencyDelaysWithoutBlockingTheWorker()
{
    // One worker thread: if the delay blocked it, the undelayed request could not be served meanwhile.
    const HandlerPtr plain = testHandler(m_probe.get());
    const HandlerPtr delayed = LatencyInjector::middleware({800, 800})(plain);
    const HandlerPtr router = HandlerFunc::make([plain, delayed](const ResponsePtr &w, const Request &r) {
        (r.url.path() == "/delayed/hello" ? delayed : plain)->serveHttp(w, r);
    });
    QVERIFY(startServer(router, 1) != 0);
    const auto slow = connectClient();
    const auto fast = connectClient();
    QElapsedTimer clock;
    clock.start();
    slow->send(RawClient::request("GET", "/delayed/hello"));
    QTRY_VERIFY_WITH_TIMEOUT(fast->isConnected(), 5000);
    fast->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 1, 5000);
    QCOMPARE(slow->responseCount(), 0);
    QCOMPARE(m_probe->requests.load(), 1); // the delayed request has not reached the handler yet
    QTRY_COMPARE_WITH_TIMEOUT(slow->responseCount(), 1, 5000);
    QVERIFY2(clock.elapsed() >= 790, QByteArray::number(clock.elapsed()).constData());
    QCOMPARE(slow->responses()[0].status, 404); // the inner handler saw the path as sent
}

void tst_Middleware::latencyDisabledMidDelayLetsTheDelayedRequestFinish()
{
    const auto entered = std::make_shared<std::atomic<int>>(0);
    const Middleware counting = [entered](HandlerPtr next) -> HandlerPtr {
        return HandlerFunc::make([entered, next](const ResponsePtr &w, const Request &r) {
            entered->fetch_add(1);
            next->serveHttp(w, r);
        });
    };
    QVERIFY(m_stack->append({"count", true, counting, {}}));
    QVERIFY(m_stack->append(MiddlewareEntry::of<LatencyInjector>("latency", {600, 600})));
    QVERIFY(startServer(m_stack) != 0);
    const auto slow = connectClient();
    slow->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(entered->load(), 1, 5000);
    QVERIFY(m_stack->setEnabled("latency", false));
    const auto fast = connectClient();
    fast->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(fast->responseCount(), 1, 5000);
    QCOMPARE(slow->responseCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(slow->responseCount(), 1, 5000);
    QCOMPARE(slow->responses()[0].body, "Hello, World!\n");
    QCOMPARE(m_probe->requests.load(), 2);
}

void tst_Middleware::captureDeliversRequestAndResponseDumps()
{
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {8, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("POST", "/echo?x=1", "Content-Length: 11\r\nX-Test: yes\r\n", "hello world"));
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.method, "POST");
    QCOMPARE(x.target, "/echo?x=1");
    // The handler read the body: its first 8 bytes (the cap) follow the head.
    QCOMPARE(x.request, "POST /echo?x=1 HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\nX-Test: yes\r\n\r\n"
                        "hello wo\r\n[... 3 more bytes not shown]\r\n");
    QCOMPARE(x.requestBodyBytes, 11);
    QCOMPARE(x.requestBody, "hello wo");
    QCOMPARE(x.requestBodyRead, 11);
    QVERIFY(x.requestBodyTruncated);
    QVERIFY(x.requestBodyComplete);
    QCOMPARE(x.status, 200);
    QCOMPARE(x.responseBodyBytes, 11);
    QVERIFY(x.responseTruncated);
    QCOMPARE(x.response, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello wo"
                         "\r\n[... 3 more bytes not shown]\r\n");
    QVERIFY(!x.aborted);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].body, "hello world"); // the cap applies to the capture only
}

void tst_Middleware::captureWaitsForAsyncCompletion()
{
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    RequestCapture::Settings settings;
    settings.sink = [captured](const CapturedExchange &x) { captured->add(x); };
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>("capture", settings)));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("GET", "/slow?ms=300"));
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->started.load(), 1, 5000);
    QCOMPARE(captured->size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.request, "GET /slow?ms=300 HTTP/1.1\r\nHost: test\r\n\r\n");
    QCOMPARE(x.requestBodyBytes, 0);
    QCOMPARE(x.requestBody, QByteArray());
    QCOMPARE(x.requestBodyRead, 0);
    QVERIFY(!x.requestBodyTruncated);
    QVERIFY(x.requestBodyComplete);
    QVERIFY(x.response.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(x.response.endsWith("\r\n\r\nslow\n"));
    QVERIFY(!x.responseTruncated);
    QVERIFY(x.duration >= 290ms);
}

void tst_Middleware::captureRecordsTheBodyTheHandlerReads_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("declared");

    const QByteArray json = R"({"name":"switchboard","tags":["mock","api"],"n":1})";
    QTest::addRow("json with Content-Length")
        << "Content-Type: application/json\r\nContent-Length: "_ba + QByteArray::number(json.size()) + "\r\n"
        << json << json << qint64(json.size());
    // The capture holds the decoded body; the head still says how it was framed.
    QTest::addRow("chunked") << "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"_ba
                             << "7\r\n{\"a\": 1\r\n3\r\n, \"\r\n6\r\nb\": 2}\r\n0\r\n\r\n"_ba
                             << "{\"a\": 1, \"b\": 2}"_ba << qint64(16);
}

void tst_Middleware::captureRecordsTheBodyTheHandlerReads()
{
    QFETCH(QByteArray, fields);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, body);
    QFETCH(qint64, declared);
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {16 * 1024, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("POST", "/echo", fields, wire));
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.requestBody, body);
    QCOMPARE(x.requestBodyRead, qint64(body.size()));
    QCOMPARE(x.requestBodyBytes, declared);
    QVERIFY(!x.requestBodyTruncated);
    QVERIFY(x.requestBodyComplete);
    // The raw request as on the wire: the head as sent, then the body.
    QCOMPARE(x.request, "POST /echo HTTP/1.1\r\nHost: test\r\n"_ba + fields + "\r\n"_ba + body);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].body, body); // the handler got the body as without the capture
}

void tst_Middleware::captureTruncatesARequestBodyLongerThanTheCap()
{
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {1024, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    QByteArray body;
    for (int i = 0; body.size() < 100'000; ++i)
        body.append(QByteArray::number(i)).append(' ');
    body.truncate(100'000);
    const auto client = connectClient();
    client->send(RawClient::request("POST", "/echo", "Content-Length: 100000\r\n", body));
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.requestBody, body.first(1024));
    QCOMPARE(x.requestBodyRead, 100'000);
    QVERIFY(x.requestBodyTruncated);
    QVERIFY(x.requestBodyComplete);
    QCOMPARE(x.request, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n"_ba + body.first(1024) +
                            "\r\n[... 98976 more bytes not shown]\r\n"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].body, body);
}

void tst_Middleware::captureSaysWhenTheHandlerNeverReadTheBody_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("notice");
    QTest::addColumn<bool>("keepsConnection");

    QTest::addRow("Content-Length") << "Content-Length: 11\r\n"_ba
                                    << "hello world"_ba
                                    << "[... 11 more bytes not read by the handler]"_ba << true;
    QTest::addRow("chunked") << "Transfer-Encoding: chunked\r\n"_ba
                             << "b\r\nhello world\r\n0\r\n\r\n"_ba
                             << "[... rest of the chunked body not read by the handler]"_ba << true;
    // The client waits for 100 Continue, which never comes: the server answers and closes instead.
    QTest::addRow("Expect: 100-continue") << "Content-Length: 11\r\nExpect: 100-continue\r\n"_ba << QByteArray()
                                          << "[... 11 more bytes not read by the handler]"_ba << false;
}

void tst_Middleware::captureSaysWhenTheHandlerNeverReadTheBody()
{
    QFETCH(QByteArray, fields);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, notice);
    QFETCH(bool, keepsConnection);
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {1024, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    client->send(RawClient::request("POST", "/hello", fields, wire));
    QTRY_COMPARE_WITH_TIMEOUT(client->finalResponseCount(), 1, 5000);
    QCOMPARE(client->responses().last().status, 200);
    QCOMPARE(client->responses().last().body, "Hello, World!\n");
    QVERIFY(!client->received().contains("100 Continue"));
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.request, "POST /hello HTTP/1.1\r\nHost: test\r\n"_ba + fields + "\r\n\r\n"_ba + notice + "\r\n"_ba);
    QCOMPARE(x.requestBody, QByteArray());
    QCOMPARE(x.requestBodyRead, 0);
    QVERIFY(!x.requestBodyTruncated);
    QVERIFY(!x.requestBodyComplete);
    if (!keepsConnection) {
        QTRY_VERIFY_WITH_TIMEOUT(client->isClosed(), 5000);
        return;
    }
    // The server drained the unread body: the connection serves the next request.
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, 5000);
    QCOMPARE(client->responses()[1].status, 200);
}

void tst_Middleware::captureShowsTheBodyReadBeforeTheResponseCompleted()
{
    const auto captured = std::make_shared<Collected<CapturedExchange>>();
    QVERIFY(m_stack->append(MiddlewareEntry::of<RequestCapture>(
        "capture", {1024, [captured](const CapturedExchange &x) { captured->add(x); }})));
    QVERIFY(startServer(m_stack) != 0);
    const auto client = connectClient();
    // Only the first 5 of 11 bytes are sent before the handler answers.
    client->send(RawClient::request("POST", "/first-chunk", "Content-Length: 11\r\n", "hello"));
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 1, 5000);
    const CapturedExchange x = captured->values().first();
    QCOMPARE(x.request, "POST /first-chunk HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\n\r\nhello"
                        "\r\n[... 6 more bytes not read by the handler]\r\n");
    QCOMPARE(x.requestBody, "hello");
    QCOMPARE(x.requestBodyRead, 5);
    QVERIFY(!x.requestBodyComplete);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, 5000);
    QCOMPARE(client->responses()[0].body, "hello");
    // The rest arrives after the response: the server drains it (not captured) and keeps the connection.
    client->send(" world");
    client->send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, 5000);
    QCOMPARE(client->responses()[1].body, "Hello, World!\n");
    QTRY_COMPARE_WITH_TIMEOUT(captured->size(), 2, 5000);
    QCOMPARE(captured->values()[1].request, "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
}

QTEST_GUILESS_MAIN(tst_Middleware)
#include "tst_middleware.moc"
