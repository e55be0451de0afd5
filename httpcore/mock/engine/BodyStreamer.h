#pragma once

#include "httpcore/Handler.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <random>

namespace mock
{

class BodySource;

// BodyStreamer writes a BodySource to a response and finishes it, without ever holding more than a chunk or two
// in memory: the paced streaming of ResponseWriter (write a chunk, wait in whenDrained() until the connection has
// taken all but LowWaterBytes, write the next). With a Drip it writes the body slowly instead: a piece of about a
// tenth of bytesPerSecond, flushed at once, then the next one after the time that piece is worth at that rate,
// varied by +/- jitterPercent (a std::mt19937_64 from the drip's seed, so a seeded fault replays), on a timer of
// the worker thread.
//
// The caller sets status and headers (Content-Length, so the client knows the length) before start(). Streaming
// stops, and the source is closed at once, when the response is finished under it or a write fails (the client
// went away or reset: the server's ResponseWriter refuses writes as soon as the connection breaks, so no more of
// the source is read); a read error of the source calls onError and finishes the response short of its declared
// length, which closes the connection.
//
// Thread affinity: the worker thread of the response; the streamer keeps itself alive through its callbacks.
class BodyStreamer : public std::enable_shared_from_this<BodyStreamer>
{
public:
    // ChunkBytes is the size of a read from the source; LowWaterBytes the drain mark waited for between chunks.
    static constexpr qint64 ChunkBytes = 64 * 1024;
    static constexpr qint64 LowWaterBytes = 64 * 1024;

    // Drip is the pace of a slow drip: bytes per second, +/- percentage of random variation of each interval, and
    // the seed of that variation.
    struct Drip
    {
        int bytesPerSecond = 1024;
        int jitterPercent = 0;
        quint64 seed = 0;
    };

    using ErrorCallback = std::function<void(const QString &error)>;

    // start streams body to w (see the class comment).
    static void
    start(httpcore::ResponsePtr w, std::shared_ptr<BodySource> body, std::optional<Drip> drip, ErrorCallback onError);

    // dripPiece and dripInterval are the drip's pacing: piece size in bytes and nominal interval in milliseconds.
    static qint64 dripPiece(int bytesPerSecond);
    static int dripInterval(qint64 piece, int bytesPerSecond);

    BodyStreamer(httpcore::ResponsePtr w,
                 std::shared_ptr<BodySource> body,
                 std::optional<Drip> drip,
                 ErrorCallback onError);

private:
    void pump();
    void dripNext();
    bool writePiece(qint64 max);
    bool stop();

    httpcore::ResponsePtr m_writer;
    std::shared_ptr<BodySource> m_body;
    std::optional<Drip> m_drip;
    ErrorCallback m_onError;
    std::mt19937_64 m_random;
};

} // namespace mock
