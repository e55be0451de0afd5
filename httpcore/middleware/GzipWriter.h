#pragma once

#include "httpcore/middleware/GzipCompressor.h"
#include "httpcore/middleware/GzipEncoder.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"

#include <memory>

namespace httpcore
{

// GzipWriter is the ResponseWriter a GzipCompressor gives its next handler: it holds the status and the first
// body bytes back until it can decide whether to compress (see GzipCompressor for the rules), then forwards the
// head and either the plain bytes or the gzip stream to the real response. Buffered writes are accepted (their
// size is returned) before the real response has seen them; once the real response refuses bytes because its
// connection broke (it isFinished()), every write returns -1, even one the compressor would only have buffered.
//
// Thread affinity: the connection's worker thread; not thread-safe.
class GzipWriter final : public ResponseWriterWrapper
{
public:
    GzipWriter(Token token, ResponsePtr inner, std::shared_ptr<const GzipCompressor::Settings> settings);

    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    void flush() override;
    int status() const override { return m_status != 0 ? m_status : inner()->status(); }
    // bodyBytesWritten counts the uncompressed bytes the handler wrote.
    qint64 bodyBytesWritten() const override { return m_written; }
    // hijack forwards to the real response while nothing was written; it fails afterwards.
    Expected<HijackedConnection, QString> hijack() override;

    // isCompressing is true once the response was decided compressed.
    bool isCompressing() const { return m_mode == Mode::Gzip; }

protected:
    // completeResponse decides (if still undecided), ends the gzip stream and finishes the real response.
    void completeResponse() override;

private:
    enum class Mode
    {
        Undecided,
        Plain,
        Gzip
    };

    // decide chooses plain or gzip, fixes the header, and sends the status and the buffered bytes. final: the
    // body is complete; stream: the handler flushed (the size threshold does not apply).
    void decide(bool final, bool stream);
    bool shouldCompress(bool final, bool stream);
    // forward writes bytes to the real response; false when it refused them.
    bool forward(QByteArrayView bytes);

    const std::shared_ptr<const GzipCompressor::Settings> m_settings;
    std::unique_ptr<GzipEncoder> m_encoder;
    QByteArray m_buffer;
    qint64 m_written = 0;
    int m_status = 0;
    Mode m_mode = Mode::Undecided;
};

} // namespace httpcore
