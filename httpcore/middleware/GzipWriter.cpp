#include "httpcore/middleware/GzipWriter.h"

#include "httpcore/ContentSniffer.h"
#include "httpcore/StatusText.h"
#include "httpcore/middleware/Vary.h"

namespace httpcore
{

namespace
{

// headRulesOutCompression: the status and the handler's fields alone say the body must pass as it is.
bool headRulesOutCompression(int status, const Header &h, qsizetype minSize)
{
    // RFC 9110 §15.3.7: a 206 body is a range of the selected representation; compressing it would change that.
    if (!bodyAllowedForStatus(status) || status == 206 || h.contains("Content-Range"))
        return true;
    const QByteArrayView encoding = h.value("Content-Encoding").trimmed();
    if (!encoding.isEmpty() && !equalsIgnoringCase(encoding, "identity"))
        return true;
    bool ok = false;
    const qint64 declared = h.value("Content-Length").trimmed().toLongLong(&ok);
    return ok && declared < minSize;
}

} // namespace

GzipWriter::GzipWriter(Token token, ResponsePtr inner, std::shared_ptr<const GzipCompressor::Settings> settings)
    : ResponseWriterWrapper(token, std::move(inner)), m_settings(std::move(settings))
{}

void GzipWriter::writeHeader(int status)
{
    if (isCompleted() || m_status != 0)
        return;
    if (status >= 100 && status < 200) {
        // Informational answers carry no body: they pass at once and the final status is still to come.
        ResponseWriterWrapper::writeHeader(status);
        return;
    }
    m_status = status;
    // Do not hold the head back when compression is already ruled out.
    if (headRulesOutCompression(status, header(), m_settings->minSize))
        decide(false, false);
}

qint64 GzipWriter::write(QByteArrayView data)
{
    // Also when the real response is finished under us (its connection broke or went away): bytes the compressor
    // would swallow, or the buffer would hold, must be refused too, or a streaming handler never learns to stop.
    if (isFinished())
        return -1;
    if (m_status == 0)
        writeHeader(200);
    switch (m_mode) {
    case Mode::Plain: {
        const qint64 n = ResponseWriterWrapper::write(data);
        if (n > 0)
            m_written += n;
        return n;
    }
    case Mode::Gzip:
        if (!forward(m_encoder->compress(data)))
            return -1;
        m_written += data.size();
        return data.size();
    case Mode::Undecided:
        m_buffer.append(data);
        m_written += data.size();
        if (m_buffer.size() >= m_settings->minSize)
            decide(false, false);
        return isFinished() ? -1 : data.size();
    }
    return -1;
}

void GzipWriter::flush()
{
    if (isCompleted())
        return;
    if (m_status == 0)
        writeHeader(200);
    if (m_mode == Mode::Undecided)
        decide(false, true);
    if (m_mode == Mode::Gzip)
        forward(m_encoder->flush());
    ResponseWriterWrapper::flush();
}

Expected<HijackedConnection, QString> GzipWriter::hijack()
{
    if (m_mode != Mode::Undecided || m_status != 0 || !m_buffer.isEmpty())
        return Unexpected<QString>{QStringLiteral("the response has started")};
    return ResponseWriterWrapper::hijack();
}

void GzipWriter::completeResponse()
{
    if (isAbandoned() || isHijacked())
        return;
    if (m_mode == Mode::Undecided)
        decide(true, false);
    if (m_mode == Mode::Gzip)
        forward(m_encoder->finish());
    inner()->finish();
}

void GzipWriter::decide(bool final, bool stream)
{
    if (m_mode != Mode::Undecided)
        return;
    if (m_status == 0)
        m_status = 200;
    Header &h = header();
    const bool gzip = shouldCompress(final, stream);
    if (gzip) {
        h.remove("Content-Length");
        h.set("Content-Encoding", "gzip");
        addVary(h, "Accept-Encoding");
        // RFC 9110 §8.8.1: a strong validator promises identical bytes; the gzip bytes are not.
        const QByteArrayView etag = h.value("ETag");
        if (etag.startsWith('"'))
            h.set("ETag", "W/" + etag.toByteArray());
        m_encoder = std::make_unique<GzipEncoder>(m_settings->level);
    }
    m_mode = gzip ? Mode::Gzip : Mode::Plain;
    inner()->writeHeader(m_status);
    const QByteArray pending = std::exchange(m_buffer, {});
    if (!pending.isEmpty())
        forward(gzip ? m_encoder->compress(pending) : pending);
}

bool GzipWriter::shouldCompress(bool final, bool stream)
{
    Header &h = header();
    if (headRulesOutCompression(m_status, h, m_settings->minSize))
        return false;
    // A complete body under the threshold is not worth it; a flushed stream is judged by its type alone.
    if (!stream && m_buffer.size() < m_settings->minSize)
        return false;
    const QByteArrayView declared = h.value("Content-Type");
    if (!declared.isEmpty())
        return GzipCompressor::isCompressible(declared, m_settings->contentTypes);
    if (m_buffer.isEmpty())
        return false;
    // The server would sniff the type from the body it sends, which will be gzip bytes: sniff the plain bytes now
    // and, when compressing, say what they are.
    const QByteArray sniffed = detectContentType(m_buffer, final);
    if (!GzipCompressor::isCompressible(sniffed, m_settings->contentTypes))
        return false;
    h.set("Content-Type", sniffed);
    return true;
}

bool GzipWriter::forward(QByteArrayView bytes)
{
    return bytes.isEmpty() || inner()->write(bytes) >= 0;
}

} // namespace httpcore
