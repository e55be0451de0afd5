#include "httpcore/mock/engine/BodyStreamer.h"

#include "httpcore/mock/engine/BodySource.h"
#include "httpcore/mock/engine/ThreadContext.h"

#include <QTimer>

#include <algorithm>

namespace mock
{

void BodyStreamer::start(httpcore::ResponsePtr w,
                         std::shared_ptr<BodySource> body,
                         std::optional<Drip> drip,
                         ErrorCallback onError)
{
    auto streamer = std::make_shared<BodyStreamer>(std::move(w), std::move(body), drip, std::move(onError));
    if (streamer->m_drip)
        streamer->dripNext();
    else
        streamer->pump();
}

qint64 BodyStreamer::dripPiece(int bytesPerSecond)
{
    // About ten pieces a second: smooth enough to see, few enough timers.
    return std::max<qint64>(1, bytesPerSecond / 10);
}

int BodyStreamer::dripInterval(qint64 piece, int bytesPerSecond)
{
    return int(std::clamp<qint64>(piece * 1000 / std::max(1, bytesPerSecond), 1, 3'600'000));
}

BodyStreamer::BodyStreamer(httpcore::ResponsePtr w,
                           std::shared_ptr<BodySource> body,
                           std::optional<Drip> drip,
                           ErrorCallback onError)
    : m_writer(std::move(w)), m_body(std::move(body)), m_drip(drip), m_onError(std::move(onError)),
      m_random(drip ? drip->seed : 0)
{}

// writePiece writes the next at most max bytes; false when streaming must stop (the response was finished here
// or under us, or its connection broke), after the source was closed.
bool BodyStreamer::writePiece(qint64 max)
{
    if (!m_body)
        return false;
    if (m_writer->isFinished())
        return stop();
    if (m_body->atEnd()) {
        m_writer->finish();
        return stop();
    }
    const QByteArray piece = m_body->read(max);
    if (piece.isEmpty()) {
        if (m_onError)
            m_onError(m_body->errorString());
        m_writer->finish();
        return stop();
    }
    // -1: the response takes no body (HEAD is accepted and discarded; 204 and 304 refuse), or the connection broke
    // (the client reset or went away; the write that failed returns -1 too): end it as it stands.
    if (m_writer->write(piece) < 0) {
        m_writer->finish();
        return stop();
    }
    return true;
}

// stop closes the source now (a file descriptor is not held until the last callback lets go of the streamer) and
// returns false, for writePiece().
bool BodyStreamer::stop()
{
    m_body.reset();
    return false;
}

void BodyStreamer::pump()
{
    while (writePiece(ChunkBytes)) {
        if (m_writer->bufferedBytes() > LowWaterBytes) {
            // The callback holds the streamer; the writer drops it when the response ends or the client goes away.
            m_writer->whenDrained(LowWaterBytes, [self = shared_from_this()] { self->pump(); });
            return;
        }
    }
}

void BodyStreamer::dripNext()
{
    const qint64 piece = dripPiece(m_drip->bytesPerSecond);
    if (!writePiece(piece))
        return;
    m_writer->flush();
    if (m_body->atEnd()) {
        m_writer->finish();
        return;
    }
    double interval = dripInterval(piece, m_drip->bytesPerSecond);
    if (m_drip->jitterPercent > 0) {
        const double jitter = std::clamp(m_drip->jitterPercent, 0, 100) / 100.0;
        interval *= 1.0 + std::uniform_real_distribution<double>(-jitter, jitter)(m_random);
    }
    QTimer::singleShot(std::max(1, int(interval)), Qt::PreciseTimer, threadContext(),
                       [self = shared_from_this()] { self->dripNext(); });
}

} // namespace mock
