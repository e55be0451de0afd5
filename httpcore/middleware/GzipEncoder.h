#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct z_stream_s;

namespace httpcore
{

// GzipEncoder produces one gzip member (RFC 1952) with zlib's deflate, incrementally: compress() as data comes,
// flush() to make everything given so far decodable by the peer (a zlib sync flush, for streaming), finish() to
// end the member with its CRC and size. After finish() (or a zlib failure, see isValid()) the calls return
// nothing.
//
// Thread affinity: none, but not thread-safe; a resource owner (the zlib stream, ~256 KiB at the default
// memory level), released by the destructor.
class GzipEncoder
{
public:
    // GzipEncoder starts a member at level (0-9, or -1 for zlib's default).
    explicit GzipEncoder(int level = -1);
    ~GzipEncoder();
    Q_DISABLE_COPY_MOVE(GzipEncoder)

    // isValid is false when zlib could not start or failed (out of memory); the output is then incomplete.
    bool isValid() const { return m_valid; }
    bool isFinished() const { return m_finished; }
    // compress feeds data and returns the compressed bytes ready so far (often none: deflate buffers).
    QByteArray compress(QByteArrayView data);
    // flush returns every pending compressed byte, ending on a byte boundary (Z_SYNC_FLUSH).
    QByteArray flush();
    // finish returns the rest of the member, trailer included.
    QByteArray finish();

private:
    QByteArray run(QByteArrayView data, int mode);

    std::unique_ptr<z_stream_s> m_stream;
    bool m_initialized = false;
    bool m_valid = false;
    bool m_finished = false;
};

} // namespace httpcore
