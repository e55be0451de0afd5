// faultserver: an httpcore::Server with the handlers the reliability checks need and the mock engine lacks
// (bench/reliability/run-all.sh builds it against the Release libhttpcore.a of build/bench-peers).
//
//   GET  /hello       200 "Hello, World!\n"
//   POST /discard     reads the whole request body and throws it away as it arrives (RequestBody::discard), then
//                     answers 200 "received N\n": the 1 GiB upload check
//   GET  /big         a 64 MiB body streamed in 64 KiB pieces paced by whenDrained(): the reset-mid-response check
//   GET  /throw       throws std::runtime_error inside the Recovery middleware: answered 500
//   GET  /bare-throw  throws outside any middleware: the server logs it and closes the connection
//
// Unlike the default ServerConfig, the request body size is not limited (ParserLimits::maxBodyBytes = -1).
// Usage: faultserver [--port N] [--workers N]. Prints "listening on http://127.0.0.1:PORT" once listening, like
// switchboard --headless; stops on SIGTERM/SIGINT (default action: the checks need no graceful shutdown).
#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "httpcore/middleware/Recovery.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace
{

constexpr qint64 BigBodyBytes = 64LL << 20;
constexpr qint64 BigPieceBytes = 64 << 10;

void answerText(const httpcore::ResponsePtr &w, int status, QByteArrayView text)
{
    w->header().set("Content-Type", "text/plain; charset=utf-8");
    w->writeHeader(status);
    w->write(text);
}

// BigBody streams BigBodyBytes of 'x' through w, one piece whenever the writer's buffer has drained, so the
// body never sits in memory whole. It lives as long as the writer keeps the whenDrained callback (dropped when
// the response finishes or the connection dies).
struct BigBody
{
    httpcore::ResponsePtr w;
    qint64 remaining = BigBodyBytes;
    QByteArray piece = QByteArray(BigPieceBytes, 'x');

    static void pump(const std::shared_ptr<BigBody> &self)
    {
        const qint64 n = std::min(self->remaining, BigPieceBytes);
        if (n <= 0 || self->w->write(QByteArrayView(self->piece).first(n)) < 0) {
            self->w->finish();
            return;
        }
        self->remaining -= n;
        self->w->whenDrained(BigPieceBytes * 4, [self] { pump(self); });
    }
};

void serveDiscard(const httpcore::ResponsePtr &w, const httpcore::Request &r)
{
    if (!r.body) {
        answerText(w, 200, "received 0\n");
        return;
    }
    // The raw pointer is safe: the body calls onEnd itself, so it is alive during the call.
    httpcore::RequestBody *body = r.body.get();
    body->discard([w, body](const std::optional<httpcore::HttpError> &error) {
        if (error) {
            answerText(w, error->status == 0 ? 400 : error->status, "body error\n");
            return;
        }
        answerText(w, 200, QByteArray("received " + QByteArray::number(body->bytesReceived()) + '\n'));
    });
}

httpcore::HandlerPtr makeHandler()
{
    const httpcore::HandlerPtr recovered = httpcore::Recovery::middleware({})(
        httpcore::HandlerFunc::make([](const httpcore::ResponsePtr &w, const httpcore::Request &r) {
            const QByteArray &path = r.url.path();
            if (path == "/hello") {
                answerText(w, 200, "Hello, World!\n");
            } else if (path == "/discard") {
                serveDiscard(w, r);
            } else if (path == "/big") {
                w->header().set("Content-Type", "application/octet-stream");
                w->header().set("Content-Length", QByteArray::number(BigBodyBytes));
                w->writeHeader(200);
                auto big = std::make_shared<BigBody>();
                big->w = w;
                BigBody::pump(big);
            } else if (path == "/throw") {
                throw std::runtime_error("faultserver: deliberate exception");
            } else {
                answerText(w, 404, "not found\n");
            }
        }));
    return httpcore::HandlerFunc::make([recovered](const httpcore::ResponsePtr &w, const httpcore::Request &r) {
        if (r.url.path() == "/bare-throw")
            throw std::runtime_error("faultserver: deliberate exception without recovery");
        recovered->serveHttp(w, r);
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    httpcore::ServerConfig config;
    config.port = 0;
    // No body limit (the default is 64 MiB, answered 413): /discard must take a 1 GiB upload.
    config.limits.maxBodyBytes = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--port") == 0) {
            config.port = quint16(std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--workers") == 0) {
            config.workerThreads = std::atoi(argv[i + 1]);
        } else {
            std::fprintf(stderr, "usage: faultserver [--port N] [--workers N]\n");
            return 2;
        }
    }
    httpcore::Server server(config);
    server.setHandler(makeHandler());
    const auto listening = server.listen();
    if (!listening) {
        std::fprintf(stderr, "faultserver: cannot listen: %s\n", qPrintable(listening.error()));
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(*listening));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
