#include "httpcore/mock/engine/SlowUploadReader.h"

#include "httpcore/RequestBody.h"
#include "httpcore/mock/engine/BodyStreamer.h"
#include "httpcore/mock/engine/RawConnection.h"
#include "httpcore/mock/engine/RawResponseWriter.h"

using namespace Qt::StringLiterals;

namespace mock
{

void SlowUploadReader::start(const ExchangePtr &ex, int bytesPerSecond, ExchangeStep next)
{
    const httpcore::Request &request = ex->data.request();
    if (!ex->data.hasUnreadBody() || request.contentLength == 0) {
        next(ex);
        return;
    }
    auto hijacked = ex->writer->hijack();
    if (!hijacked) {
        ex->route->report(u"%1: the fault slowUploadRead cannot take the connection over (%2); reading the body "
                          "at full speed"_s.arg(ex->describe(), hijacked.error()));
        readBody(ex, std::move(next));
        return;
    }
    RawConnection *raw = RawConnection::adopt(std::move(hijacked.value()));
    // RFC 9110 §10.1.1: the client waits for this before sending the body; the server did not send it (nobody
    // asked for the body before the hijack).
    if (request.expectContinue && request.version == httpcore::HttpVersion::Http11)
        raw->send("HTTP/1.1 100 Continue\r\n\r\n"_ba);
    new SlowUploadReader(raw, ex, bytesPerSecond, std::move(next));
}

SlowUploadReader::SlowUploadReader(RawConnection *raw, ExchangePtr ex, int bytesPerSecond, ExchangeStep next)
    : QObject(raw), m_raw(raw), m_exchange(std::move(ex)), m_next(std::move(next)), m_timer(this),
      m_piece(BodyStreamer::dripPiece(bytesPerSecond)), m_remaining(m_exchange->data.request().contentLength)
{
    m_raw->setReadLimit(std::max<qint64>(m_piece, 1024));
    connect(&m_timer, &QTimer::timeout, this, &SlowUploadReader::readPiece);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.start(BodyStreamer::dripInterval(m_piece, bytesPerSecond));
    // The exchange (and so the ResponsePtr) is released with the reader when the connection closes first.
}

SlowUploadReader::~SlowUploadReader() = default;

void SlowUploadReader::readPiece()
{
    const QByteArray wire = m_raw->read(m_remaining >= 0 ? std::min(m_piece, m_remaining) : m_piece);
    if (wire.isEmpty())
        return; // nothing arrived this interval
    if (!consume(wire))
        return;
    if (m_remaining == 0)
        complete();
}

// consume takes wire bytes of the body; false when reading stopped (malformed chunked body, answered 400).
bool SlowUploadReader::consume(const QByteArray &wire)
{
    if (m_remaining > 0) {
        m_remaining -= wire.size();
        keep(wire);
        return true;
    }
    m_wire += wire;
    qsizetype offset = 0;
    while (offset < m_wire.size()) {
        const httpcore::ChunkedDecoder::Step step = m_decoder.decode(QByteArrayView(m_wire).sliced(offset));
        offset += step.consumed;
        switch (step.event) {
        case httpcore::ChunkedDecoder::Event::Data:
            keep(step.data);
            continue;
        case httpcore::ChunkedDecoder::Event::NeedMore:
            break;
        case httpcore::ChunkedDecoder::Event::Done:
            m_remaining = 0;
            break;
        case httpcore::ChunkedDecoder::Event::Error: {
            m_timer.stop();
            const httpcore::HttpVersion version = m_exchange->data.request().version;
            auto writer = std::make_shared<RawResponseWriter>(m_raw, version, false);
            writer->header().set("Content-Type", "text/plain; charset=utf-8");
            writer->writeHeader(400);
            writer->write("malformed chunked request body: "_ba + m_decoder.error().reason + '\n');
            writer->finish();
            return false;
        }
        }
        if (step.event != httpcore::ChunkedDecoder::Event::Data)
            break;
    }
    m_wire.remove(0, offset);
    return true;
}

void SlowUploadReader::keep(QByteArrayView data)
{
    const qint64 room = m_exchange->route->maxBodyBytes - m_body.size();
    if (data.size() > room) {
        m_truncated = true;
        data = data.first(std::max<qint64>(room, 0));
    }
    m_body.append(data);
}

void SlowUploadReader::complete()
{
    m_timer.stop();
    const httpcore::Request &request = m_exchange->data.request();
    m_exchange->data.setBody(std::exchange(m_body, {}), m_truncated);
    m_exchange->writer = std::make_shared<RawResponseWriter>(m_raw, request.version, request.isHead());
    const ExchangeStep next = std::move(m_next);
    ExchangePtr ex = std::move(m_exchange);
    deleteLater();
    next(ex);
}

} // namespace mock
