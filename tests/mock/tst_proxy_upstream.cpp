#include "tst_proxy_upstream.h"

#include "httpcore/RequestBody.h"

#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <mutex>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace proxytest
{

struct Upstream::State
{
    mutable std::mutex mutex;
    // Guarded by mutex.
    QList<SeenRequest> seen;
    std::atomic<qint64> streamed{0};

    void log(const Request &r, const QByteArray &body)
    {
        std::lock_guard lock(mutex);
        seen.append({r.method, r.target, r.header, body});
    }
};

namespace
{

constexpr qint64 StreamChunk = 64 * 1024;

// later runs function after ms on the calling worker thread; the timer dies with the thread if it ends first.
void later(int ms, std::function<void()> function)
{
    auto *timer = new QTimer;
    timer->setSingleShot(true);
    QObject::connect(QThread::currentThread(), &QThread::finished, timer, &QObject::deleteLater);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, function] {
        function();
        timer->deleteLater();
    });
    timer->start(ms);
}

void answer(const ResponsePtr &w, int status, QByteArrayView contentType, QByteArrayView body)
{
    w->header().set("Content-Type", contentType);
    w->writeHeader(status);
    w->write(body);
}

// streamPattern writes the pattern from offset to total (-1: forever) in paced chunks.
void streamPattern(const ResponsePtr &w, qint64 offset, qint64 total, const std::shared_ptr<Upstream::State> &state)
{
    while (total < 0 || offset < total) {
        if (w->bufferedBytes() > 4 * StreamChunk) {
            w->whenDrained(StreamChunk, [w, offset, total, state] { streamPattern(w, offset, total, state); });
            return;
        }
        const qint64 size = total < 0 ? StreamChunk : std::min(StreamChunk, total - offset);
        if (w->write(Upstream::patternChunk(offset, size)) < 0)
            return;
        offset += size;
        state->streamed.store(offset);
    }
    w->finish();
}

void serveEcho(const ResponsePtr &w, const Request &r, const std::shared_ptr<Upstream::State> &state)
{
    auto reply = [w, method = r.method, target = r.target](const QByteArray &body) {
        w->header().set("X-Upstream", "echo");
        w->header().set("Keep-Alive", "timeout=5");
        w->header().set("Connection", "X-Hop");
        w->header().set("X-Hop", "secret");
        answer(w, 200, "text/plain; charset=utf-8", method + ' ' + target + '\n' + body);
        w->finish();
    };
    if (!r.body) {
        state->log(r, {});
        reply({});
        return;
    }
    r.body->readAll(1 << 20, [state, r, reply](QByteArray body, bool) {
        state->log(r, body);
        reply(body);
    });
}

void serve(const ResponsePtr &w, const Request &r, const std::shared_ptr<Upstream::State> &state)
{
    const QByteArray &path = r.url.path();
    if (path.startsWith("/base/echo"))
        return serveEcho(w, r, state);
    state->log(r, {});
    if (path == "/base/status") {
        w->header().add("Set-Cookie", "a=1; Path=/");
        w->header().add("Set-Cookie", "b=2; HttpOnly");
        answer(w, 404, "text/plain", "missing\n");
    } else if (path == "/base/redirect") {
        w->header().set("Location", "/base/elsewhere");
        answer(w, 302, "text/plain", "moved\n");
    } else if (path == "/base/gzip") {
        w->header().set("Content-Encoding", "gzip");
        w->header().set("Vary", "Accept-Encoding");
        answer(w, 200, "text/plain; charset=utf-8", Upstream::gzipBody());
    } else if (path == "/base/binary") {
        answer(w, 200, "image/png", Upstream::binaryBody());
    } else if (path == "/base/json") {
        w->header().set("Server", "upstream/1.0");
        w->header().set("Date", "Tue, 01 Jul 2025 10:00:00 GMT");
        w->header().set("X-Trace", "t-1");
        answer(w, 200, "application/json", Upstream::jsonBody());
    } else if (path == "/base/large") {
        const qint64 total = r.url.query().value("bytes").toLongLong();
        w->header().set("Content-Type", "application/octet-stream");
        w->header().set("Content-Length", QByteArray::number(total));
        streamPattern(w, 0, total, state);
    } else if (path == "/base/endless") {
        w->header().set("Content-Type", "application/octet-stream");
        w->flush();
        streamPattern(w, 0, -1, state);
    } else if (path == "/base/chunked") {
        w->header().set("Content-Type", "text/plain");
        w->write("part 1\n");
        w->flush();
        later(50, [w] { w->write("part 2\n"); });
    } else if (path == "/base/slow") {
        const QByteArray ms = r.url.query().value("ms");
        later(ms.isEmpty() ? 3000 : ms.toInt(), [w] { answer(w, 200, "text/plain", "slow\n"); });
    } else {
        answer(w, 200, "text/plain", "ok " + path + '\n');
    }
}

} // namespace

ServerConfig loopbackConfig(int workers)
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.workerThreads = workers;
    return config;
}

RawClient::Response fetch(quint16 port, const QByteArray &request, bool isHead)
{
    RawClient client;
    if (isHead)
        client.expectHeadResponse();
    client.connectToServer(port);
    client.send(request);
    if (!QTest::qWaitFor([&client] { return client.finalResponseCount() > 0; }, 10'000))
        return {};
    return client.responses().constLast();
}

Upstream::Upstream() : m_state(std::make_shared<State>()) {}

Upstream::~Upstream() = default;

quint16 Upstream::start()
{
    m_server = std::make_unique<Server>(loopbackConfig());
    m_server->setHandler(
        HandlerFunc::make([state = m_state](const ResponsePtr &w, const Request &r) { serve(w, r, state); }));
    const auto port = m_server->listen();
    return port ? *port : 0;
}

quint16 Upstream::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QList<SeenRequest> Upstream::seen() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->seen;
}

qsizetype Upstream::seenCount() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->seen.size();
}

qint64 Upstream::streamed() const
{
    return m_state->streamed.load();
}

int Upstream::connectionCount() const
{
    return m_server ? m_server->connectionCount() : 0;
}

QByteArray Upstream::gzipBody()
{
    // gzip.compress(b"hello, gzip world! " * 8, mtime=0)
    return QByteArray::fromHex("1f8b0800000000000203cb48cdc9c9d75148afca2c5028cf2fca495154c8180c42001d3d978d98000000");
}

QByteArray Upstream::gzipText()
{
    return "hello, gzip world! "_ba.repeated(8);
}

QByteArray Upstream::binaryBody()
{
    QByteArray body;
    for (int i = 0; i < 256; ++i)
        body.append(char(i));
    return body;
}

QByteArray Upstream::jsonBody()
{
    return R"({"id": 42, "name": "Ada", "motto": "{{not a template}}", "city": "Zürich"})"_ba;
}

QByteArray Upstream::patternChunk(qint64 offset, qint64 size)
{
    static const QByteArray table = [] {
        QByteArray bytes(StreamChunk + 251, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i % 251);
        return bytes;
    }();
    QByteArray chunk;
    chunk.reserve(size);
    while (chunk.size() < size) {
        const qint64 phase = (offset + chunk.size()) % 251;
        const qint64 take = std::min<qint64>(size - chunk.size(), StreamChunk);
        chunk.append(table.constData() + phase, take);
    }
    return chunk;
}

} // namespace proxytest
