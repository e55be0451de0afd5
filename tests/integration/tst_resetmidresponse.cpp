// A client that resets in the middle of a large streamed body must not hold its worker thread: once a write on the
// connection fails, ServerResponse::write() returns -1 at once (Go's checkConnErrorWriter), mock::BodyStreamer stops
// and closes its source, and the next connection on the same (only) worker thread is answered promptly. Real
// loopback sockets; the body is a sparse file of 1 GiB, so a worker that read it all would take seconds.

#include "httpcore/Server.h"
#include "httpcore/middleware/GzipCompressor.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"
#include "httpcore/mock/engine/BodySource.h"
#include "httpcore/mock/engine/BodyStreamer.h"
#include "httpcore/mock/engine/ThreadContext.h"
#include "support/RawClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace httpcore;

namespace
{

// FileBytes is the size of the sparse body file; PrefixBytes what the client reads before it resets.
constexpr qint64 FileBytes = qint64(1) << 30;
constexpr qint64 PrefixBytes = 256 * 1024;
// AnswerBudgetMs bounds the answer to the request that follows the reset (a few ms are expected).
constexpr qint64 AnswerBudgetMs = 500;

// Probe records, on the worker thread, what the streaming handler saw; the test thread reads it.
struct Probe
{
    // waitForReset: the handler writes PrefixBytes, then streams the file only once clientReset is set, so its
    // next write certainly meets the reset connection.
    std::atomic<bool> waitForReset{false};
    // gzip: the request goes through a GzipCompressor, whose writer must pass the -1 on.
    std::atomic<bool> gzip{false};
    std::atomic<bool> clientReset{false};
    // accepted: file bytes the writer accepted; acceptedAtFailure: that count when a write first returned -1.
    std::atomic<qint64> accepted{0};
    std::atomic<qint64> acceptedAtFailure{-1};
    std::atomic<bool> sourceClosed{false};
};

// FailureProbeWriter forwards everything (through ResponseWriterWrapper, whose propagation of -1 is under test too)
// and records the writes' results.
class FailureProbeWriter final : public ResponseWriterWrapper
{
public:
    FailureProbeWriter(Token token, ResponsePtr inner, std::shared_ptr<Probe> probe)
        : ResponseWriterWrapper(token, std::move(inner)), m_probe(std::move(probe))
    {}

    qint64 write(QByteArrayView data) override
    {
        const qint64 n = ResponseWriterWrapper::write(data);
        if (n >= 0) {
            m_probe->accepted.fetch_add(n);
        } else {
            qint64 none = -1;
            m_probe->acceptedAtFailure.compare_exchange_strong(none, m_probe->accepted.load());
        }
        return n;
    }

private:
    const std::shared_ptr<Probe> m_probe;
};

// streamFile streams the file at path to w with mock::BodyStreamer; the probe learns when the source is closed.
void streamFile(const ResponsePtr &w, const QString &path, const std::shared_ptr<Probe> &probe)
{
    auto opened = mock::BodySource::openFile(path);
    if (!opened.hasValue()) {
        w->finish();
        return;
    }
    // The tracking pointer owns the source: its deleter runs when the streamer lets go of it.
    std::shared_ptr<mock::BodySource> source = *opened;
    mock::BodySource *raw = source.get();
    std::shared_ptr<mock::BodySource> tracked(raw, [source, probe](mock::BodySource *) mutable {
        source.reset();
        probe->sourceClosed.store(true);
    });
    mock::BodyStreamer::start(ResponseWriterWrapper::make<FailureProbeWriter>(w, probe), std::move(tracked),
                              std::nullopt, {});
}

// whenReset calls then on the worker thread once the test thread has reset the client (polling; given up after
// ten seconds, when the test has failed anyway).
void whenReset(std::shared_ptr<Probe> probe, std::function<void()> then, int pollsLeft = 2000)
{
    if (probe->clientReset.load()) {
        then();
        return;
    }
    if (pollsLeft == 0)
        return;
    QTimer::singleShot(5ms, mock::threadContext(), [probe, then = std::move(then), pollsLeft]() mutable {
        whenReset(std::move(probe), std::move(then), pollsLeft - 1);
    });
}

// resetConnection closes socket with SO_LINGER 0: the kernel sends RST instead of FIN.
bool resetConnection(QTcpSocket &socket)
{
    const linger hard{1, 0};
    const bool set = ::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard) == 0;
    socket.abort();
    return set;
}

} // namespace

// tst_ResetMidResponse checks that a client reset in the middle of a streamed body frees the worker thread.
class tst_ResetMidResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void resetMidBodyFailsTheNextWriteAndFreesTheWorker_data();
    void resetMidBodyFailsTheNextWriteAndFreesTheWorker();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Server> m_server;
    std::shared_ptr<Probe> m_probe;
    quint16 m_port = 0;
};

void tst_ResetMidResponse::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(u"big.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(FileBytes)); // sparse: no disk space, reads return zeros
    file.close();

    m_probe = std::make_shared<Probe>();
    const std::shared_ptr<Probe> probe = m_probe;
    const HandlerPtr plain = HandlerFunc::make([path, probe](const ResponsePtr &w, const Request &r) {
        if (r.target != "/big") {
            w->header().set("Content-Type", "text/plain");
            w->write("hello\n");
            return;
        }
        w->header().set("Content-Type", "application/octet-stream");
        w->header().set("Content-Length", QByteArray::number(PrefixBytes + FileBytes));
        w->writeHeader(200);
        w->write(QByteArray(PrefixBytes, 'p'));
        w->flush();
        if (probe->waitForReset.load())
            whenReset(probe, [w, path, probe] { streamFile(w, path, probe); });
        else
            streamFile(w, path, probe);
    });
    GzipCompressor::Settings gzipSettings;
    gzipSettings.contentTypes = {"application/octet-stream"_ba};
    const HandlerPtr gzipped = GzipCompressor::middleware(gzipSettings)(plain);
    auto handler = HandlerFunc::make([plain, gzipped, probe](const ResponsePtr &w, const Request &r) {
        (probe->gzip.load() ? gzipped : plain)->serveHttp(w, r);
    });

    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    m_server = std::make_unique<Server>(config);
    m_server->setHandler(handler);
    const auto port = m_server->listen();
    QVERIFY(port.hasValue());
    m_port = *port;
}

void tst_ResetMidResponse::cleanup()
{
    m_server.reset();
    m_probe.reset();
    m_dir.reset();
}

void tst_ResetMidResponse::resetMidBodyFailsTheNextWriteAndFreesTheWorker_data()
{
    QTest::addColumn<bool>("waitForReset");
    QTest::addColumn<bool>("gzip");
    // Deterministic: the handler's next write is the first one after the reset, so it must return -1.
    QTest::addRow("next write after the reset") << true << false;
    // The reliability check's scenario: the reset lands while the streamer writes as fast as the kernel takes.
    QTest::addRow("reset while streaming") << false << false;
    // Through the gzip writer: zeros compress so well that most writes only feed the compressor, but the first
    // compressed bytes that meet the reset connection must fail the handler's write.
    QTest::addRow("next write after the reset, gzip") << true << true;
}

void tst_ResetMidResponse::resetMidBodyFailsTheNextWriteAndFreesTheWorker()
{
    QFETCH(bool, waitForReset);
    QFETCH(bool, gzip);
    m_probe->waitForReset.store(waitForReset);
    m_probe->gzip.store(gzip);

    QTcpSocket downloader;
    downloader.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    QVERIFY(downloader.waitForConnected(5000));
    downloader.write(RawClient::request("GET", "/big", gzip ? "Accept-Encoding: gzip\r\n" : ""));
    // The compressed prefix is a few hundred bytes: with gzip, the head and its first chunk are enough.
    const auto readEnough = [gzip](const QByteArray &bytes) {
        return gzip ? bytes.contains("\r\n\r\n") && !bytes.endsWith("\r\n\r\n") : bytes.size() >= PrefixBytes;
    };
    QByteArray received;
    QElapsedTimer reading;
    reading.start();
    while (!readEnough(received) && reading.elapsed() < 5000) {
        if (downloader.bytesAvailable() > 0 || downloader.waitForReadyRead(100))
            received += downloader.readAll();
    }
    QVERIFY2(received.startsWith("HTTP/1.1 200 "), received.left(200).constData());
    QVERIFY(readEnough(received));
    QCOMPARE(received.contains("Content-Encoding: gzip"), gzip);

    QVERIFY(resetConnection(downloader));
    m_probe->clientReset.store(true);
    QElapsedTimer sinceReset;
    sinceReset.start();

    // A second request on a new connection, served by the same (only) worker thread.
    RawClient next;
    qint64 answeredAfterMs = -1;
    connect(&next, &RawClient::responseReceived, this, [&] {
        if (answeredAfterMs < 0)
            answeredAfterMs = sinceReset.elapsed();
    });
    next.connectToServer(m_port);
    next.send(RawClient::request("GET", "/hello"));
    QTRY_COMPARE_WITH_TIMEOUT(next.finalResponseCount(), 1, 30000);
    QCOMPARE(next.responses().constFirst().status, 200);
    QVERIFY2(answeredAfterMs < AnswerBudgetMs,
             qPrintable(u"the request after the reset was answered after %1 ms"_s.arg(answeredAfterMs)));

    // The streamer let go of its file at once, not after reading it all.
    QTRY_VERIFY_WITH_TIMEOUT(m_probe->sourceClosed.load(), int(AnswerBudgetMs));
    const qint64 accepted = m_probe->accepted.load();
    QVERIFY2(accepted < 64 * 1024 * 1024, qPrintable(u"%1 file bytes accepted"_s.arg(accepted)));
    if (waitForReset && !gzip) {
        // The first file write met the reset connection: it, not a later one, returned -1.
        QCOMPARE(m_probe->acceptedAtFailure.load(), 0);
    } else if (waitForReset) {
        // The compressor swallows input until its first block is out; the write that sends it fails.
        QVERIFY(m_probe->acceptedAtFailure.load() >= 0);
    } else if (m_probe->acceptedAtFailure.load() < 0) {
        // Either a write returned -1, or the failure was noticed while the streamer waited for the drain.
        qInfo() << "the reset was noticed between writes, after" << accepted << "file bytes";
    }
}

QTEST_GUILESS_MAIN(tst_ResetMidResponse)
#include "tst_resetmidresponse.moc"
