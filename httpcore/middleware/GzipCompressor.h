#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArrayList>

#include <memory>

namespace httpcore
{

// GzipCompressor compresses responses with gzip (zlib) for clients that accept it (see acceptsGzip(): q-values
// honoured, "q=0" refuses, "*" counts). Every response passing through gets "Vary: Accept-Encoding".
//
// A response is compressed only when all of these hold: the request is not HEAD; the status allows a body and is
// not 206; the handler set no Content-Encoding (other than "identity") and no Content-Range; its Content-Type
// (or, when it set none, the type sniffed from the first bytes, which is then set explicitly) is in
// Settings::contentTypes; and its body reaches Settings::minSize bytes. To judge the size the body is buffered
// until minSize bytes arrived (default 1 KiB), the response completes (smaller: sent as is, uncompressed), or
// the handler calls flush() (a stream: compressed whatever its size so far). A compressed response loses
// Content-Length, gains "Content-Encoding: gzip", and a strong ETag becomes weak (the bytes differ).
//
// Streaming: after the decision, flush() emits a zlib sync flush and flushes the response, so a client can
// decode everything written so far (server-sent events work). Informational (1xx) statuses pass at once;
// hijack() works only before anything was written.
//
// Thread affinity: none (a Handler); the per-response compressor lives on the request's worker thread.
class GzipCompressor final : public Handler
{
public:
    // Settings configures a GzipCompressor.
    struct Settings
    {
        // level is the zlib level, 1 (fast) to 9 (small), or -1 for zlib's default (6).
        int level = -1;
        // minSize is the smallest body worth compressing (bytes), and the most buffered before deciding.
        qsizetype minSize = 1024;
        // contentTypes lists compressible media types: exact ("application/json"), "type/*", or "type/*+suffix"
        // patterns, compared case-insensitively without parameters.
        QByteArrayList contentTypes{QByteArrayLiteral("text/*"),
                                    QByteArrayLiteral("application/json"),
                                    QByteArrayLiteral("application/*+json"),
                                    QByteArrayLiteral("application/javascript"),
                                    QByteArrayLiteral("application/ecmascript"),
                                    QByteArrayLiteral("application/xml"),
                                    QByteArrayLiteral("application/*+xml"),
                                    QByteArrayLiteral("application/x-www-form-urlencoded"),
                                    QByteArrayLiteral("application/x-ndjson"),
                                    QByteArrayLiteral("image/svg+xml")};
    };

    GzipCompressor(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a GzipCompressor with settings.
    static Middleware middleware(Settings settings);

    // isCompressible reports whether contentType (a Content-Type value, parameters allowed) matches one of
    // patterns. Pure; thread-safe.
    static bool isCompressible(QByteArrayView contentType, const QByteArrayList &patterns);

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    // Shared with the response wrappers, which may outlive this handler.
    const std::shared_ptr<const Settings> m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
