#include "httpcore/Server.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"
#include "httpcore/mock/engine/MockHandler.h"
#include "support/RawClient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>

using namespace httpcore;
using namespace mock;
using namespace Qt::StringLiterals;

namespace
{

const QString DataDir = QStringLiteral(SWITCHBOARD_ENGINE_TEST_DATA);

RawClient::Response fetch(quint16 port, const QByteArray &request, bool head = false, int timeoutMs = 5000)
{
    RawClient client;
    client.connectToServer(port);
    if (!QTest::qWaitFor([&] { return client.isConnected(); }, timeoutMs))
        return {};
    if (head)
        client.expectHeadResponse();
    client.send(request);
    (void)QTest::qWaitFor([&] { return client.finalResponseCount() >= 1 || client.isClosed(); }, timeoutMs);
    return client.finalResponseCount() >= 1 ? client.responses().constLast() : RawClient::Response{};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Route fileRoute(const QString &id, const QString &pattern, const QString &bodyFile, const QString &type = {})
{
    MockResponse response;
    response.bodyFile = bodyFile;
    response.contentType = type;
    Route route;
    route.id = id;
    route.pattern = pattern;
    route.responses = {response};
    return route;
}

// Pacing records, on the worker thread, what a response looked like from the handler's side while it streamed.
struct Pacing
{
    std::atomic<qint64> peakBuffered{0};
    std::atomic<qint64> written{0};
};

// MeasuringWriter forwards everything and records the peak of bufferedBytes() after each write.
class MeasuringWriter final : public ResponseWriterWrapper
{
public:
    MeasuringWriter(Token token, ResponsePtr inner, Pacing *pacing)
        : ResponseWriterWrapper(token, std::move(inner)), m_pacing(pacing)
    {}

    qint64 write(QByteArrayView data) override
    {
        const qint64 accepted = ResponseWriterWrapper::write(data);
        m_pacing->written.fetch_add(std::max<qint64>(accepted, 0));
        const qint64 buffered = bufferedBytes();
        qint64 peak = m_pacing->peakBuffered.load();
        while (buffered > peak && !m_pacing->peakBuffered.compare_exchange_weak(peak, buffered)) {
        }
        return accepted;
    }

private:
    Pacing *m_pacing;
};

} // namespace

// tst_MockEngineBodies checks body files: streamed from disk with their length, HEAD, a missing file, and the
// pacing of a multi-MiB file against a client that stops reading.
class tst_MockEngineBodies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void bodyFileIsServedWithItsLength_data();
    void bodyFileIsServedWithItsLength();
    void headOfBodyFileHasLengthAndNoBody();
    void missingBodyFileAnswers500AndIsReported();
    void largeBodyFileIsPacedByTheClient();

private:
    quint16 serve(const RouteSet &set, const QString &baseDirectory, Pacing *pacing = nullptr);

    std::unique_ptr<Server> m_server;
    std::mutex m_errorsMutex;
    QList<EngineProblem> m_errors;
};

void tst_MockEngineBodies::cleanup()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    std::lock_guard lock(m_errorsMutex);
    m_errors.clear();
}

quint16 tst_MockEngineBodies::serve(const RouteSet &set, const QString &baseDirectory, Pacing *pacing)
{
    MockHandlerOptions options;
    options.baseDirectory = baseDirectory;
    options.errorSink = [this](const EngineProblem &problem) {
        std::lock_guard lock(m_errorsMutex);
        m_errors.append(problem);
    };
    const MockHandlerBuild build = buildMockHandler(set, options);
    HandlerPtr handler = build.mux;
    if (pacing) {
        handler = HandlerFunc::make([mux = build.mux, pacing](const ResponsePtr &w, const Request &r) {
            mux->serveHttp(ResponseWriterWrapper::make<MeasuringWriter>(w, pacing), r);
        });
    }
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(handler);
    const auto port = m_server->listen();
    return port ? *port : 0;
}

void tst_MockEngineBodies::bodyFileIsServedWithItsLength_data()
{
    QTest::addColumn<QString>("bodyFile");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addRow("relative to the route set")
        << u"users.json"_s << DataDir + u"/users.json"_s << "application/json"_ba;
    QTest::addRow("absolute") << DataDir + u"/notes.txt"_s << DataDir + u"/notes.txt"_s << "text/plain"_ba;
    QTest::addRow("not a template") << u"./literal.txt"_s << DataDir + u"/literal.txt"_s << "text/plain"_ba;
}

void tst_MockEngineBodies::bodyFileIsServedWithItsLength()
{
    QFETCH(QString, bodyFile);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    RouteSet set;
    set.routes = {fileRoute(u"file"_s, u"GET /file"_s, bodyFile, QString::fromUtf8(contentType))};
    const quint16 port = serve(set, DataDir);
    QVERIFY(port != 0);
    const QByteArray expected = readFile(path);
    QVERIFY(!expected.isEmpty());
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/file"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header.value("Content-Length"), QByteArray::number(expected.size()));
    QCOMPARE(response.header.value("Content-Type"), contentType);
    QCOMPARE(response.body, expected);
}

void tst_MockEngineBodies::headOfBodyFileHasLengthAndNoBody()
{
    RouteSet set;
    set.routes = {fileRoute(u"file"_s, u"GET /file"_s, u"users.json"_s)};
    const quint16 port = serve(set, DataDir);
    QVERIFY(port != 0);
    RawClient client;
    client.connectToServer(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 5000);
    client.expectHeadResponse();
    client.send(RawClient::request("HEAD", "/file") + RawClient::request("GET", "/file"));
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 2, 5000);
    const QByteArray expected = readFile(DataDir + u"/users.json"_s);
    QCOMPARE(client.responses().at(0).header.value("Content-Length"), QByteArray::number(expected.size()));
    QCOMPARE(client.responses().at(0).body, QByteArray());
    // The connection stayed in step: the GET after the HEAD gets the whole file.
    QCOMPARE(client.responses().at(1).body, expected);
}

void tst_MockEngineBodies::missingBodyFileAnswers500AndIsReported()
{
    RouteSet set;
    set.routes = {fileRoute(u"gone"_s, u"GET /gone"_s, u"absent.json"_s)};
    const quint16 port = serve(set, DataDir);
    QVERIFY(port != 0);
    const RawClient::Response response = fetch(port, RawClient::request("GET", "/gone"));
    QCOMPARE(response.status, 500);
    const QByteArray expected = "route \"gone\", response 1: the body file " + DataDir.toUtf8() +
                                "/absent.json cannot be opened: no such file\n";
    QCOMPARE(response.body, expected);
    std::lock_guard lock(m_errorsMutex);
    QCOMPARE(m_errors.size(), 1);
    QCOMPARE(m_errors.at(0).routeId, u"gone"_s);
}

void tst_MockEngineBodies::largeBodyFileIsPacedByTheClient()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr qint64 Size = 24 * 1024 * 1024;
    QByteArray content(Size, Qt::Uninitialized);
    for (qint64 i = 0; i < Size; ++i)
        content[i] = char('a' + (i * 7 + i / 4096) % 26);
    QFile file(dir.filePath(u"big.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), Size);
    file.close();
    RouteSet set;
    set.routes = {fileRoute(u"big"_s, u"GET /big"_s, u"big.bin"_s, u"application/octet-stream"_s)};
    Pacing pacing;
    const quint16 port = serve(set, dir.path(), &pacing);
    QVERIFY(port != 0);

    // The client reads nothing for a while: Qt stops at 64 KiB, then the kernel buffers fill up.
    QTcpSocket socket;
    socket.setReadBufferSize(64 * 1024);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
    socket.write(RawClient::request("GET", "/big"));
    QTRY_VERIFY_WITH_TIMEOUT(pacing.written.load() > 0, 5000);
    QTest::qWait(500);
    const qint64 writtenWhileStalled = pacing.written.load();
    // Only what the kernel buffers hold was produced: far from the whole file.
    QVERIFY2(writtenWhileStalled < Size / 2, qPrintable(QString::number(writtenWhileStalled)));

    socket.setReadBufferSize(0);
    QByteArray received;
    // pull reads what arrived and returns the body bytes received so far.
    const auto pull = [&] {
        received += socket.readAll();
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        return headEnd < 0 ? qsizetype(0) : received.size() - headEnd - 4;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pull() >= Size, 20000);
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    QVERIFY(received.left(headEnd).contains("Content-Length: " + QByteArray::number(Size)));
    QCOMPARE(received.size() - headEnd - 4, Size);
    QCOMPARE(QCryptographicHash::hash(received.mid(headEnd + 4), QCryptographicHash::Sha256),
             QCryptographicHash::hash(content, QCryptographicHash::Sha256));
    // Never more than a chunk and the low-water mark waited in the server's own buffer.
    QVERIFY2(pacing.peakBuffered.load() <= 256 * 1024, qPrintable(QString::number(pacing.peakBuffered.load())));
}

QTEST_GUILESS_MAIN(tst_MockEngineBodies)
#include "tst_mockengine_bodies.moc"
