#include "httpcore/middleware/GzipEncoder.h"

#define ZLIB_CONST
#include <algorithm>

#include <zlib.h>

namespace httpcore
{

namespace
{

// OutputChunk is the output space offered to deflate per call (bytes).
constexpr qsizetype OutputChunk = 16 * 1024;
// InputChunk bounds avail_in, a 32-bit count (bytes).
constexpr qsizetype InputChunk = 1 << 30;

} // namespace

GzipEncoder::GzipEncoder(int level) : m_stream(std::make_unique<z_stream>())
{
    // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
    m_initialized =
        deflateInit2(m_stream.get(), std::clamp(level, -1, 9), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    m_valid = m_initialized;
}

GzipEncoder::~GzipEncoder()
{
    if (m_initialized)
        deflateEnd(m_stream.get());
}

QByteArray GzipEncoder::compress(QByteArrayView data)
{
    return run(data, Z_NO_FLUSH);
}

QByteArray GzipEncoder::flush()
{
    return run({}, Z_SYNC_FLUSH);
}

QByteArray GzipEncoder::finish()
{
    QByteArray out = run({}, Z_FINISH);
    m_finished = true;
    return out;
}

QByteArray GzipEncoder::run(QByteArrayView data, int mode)
{
    QByteArray out;
    if (!m_valid || m_finished)
        return out;
    z_stream &z = *m_stream;
    do {
        const qsizetype take = std::min(data.size(), InputChunk);
        z.next_in = reinterpret_cast<const Bytef *>(data.data());
        z.avail_in = uInt(take);
        data = data.sliced(take);
        const int chunkMode = data.isEmpty() ? mode : Z_NO_FLUSH;
        // zlib: call again while it filled the whole output space (more output pending or input left).
        do {
            const qsizetype used = out.size();
            out.resize(used + OutputChunk);
            z.next_out = reinterpret_cast<Bytef *>(out.data() + used);
            z.avail_out = uInt(OutputChunk);
            const int result = deflate(&z, chunkMode);
            out.resize(used + OutputChunk - qsizetype(z.avail_out));
            if (result == Z_STREAM_ERROR) {
                m_valid = false;
                return out;
            }
        } while (z.avail_out == 0);
    } while (!data.isEmpty());
    return out;
}

} // namespace httpcore
