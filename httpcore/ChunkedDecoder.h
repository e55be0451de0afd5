#pragma once

#include "httpcore/Header.h"
#include "httpcore/HttpError.h"

#include <QByteArrayView>

namespace httpcore {

// ChunkedDecoder removes the chunked transfer coding (RFC 9112 §7.1) from a byte stream, incrementally,
// without buffering data: it returns views of the chunk data inside its input. Chunk extensions are
// validated and ignored; trailer fields are parsed into trailer().
//
// Contract of decode(), like RequestParser::parse(): input starts with the bytes the previous call did
// not consume. Each call returns one Step: NeedMore (consumed bytes may be dropped), Data (a view of chunk
// data inside input), Done (the last chunk and the trailer section are consumed) or Error (error() says
// the status: 400 for any framing fault, 431 for a trailer section over maxTrailerBytes).
//
// A value-like object with no thread affinity.
class ChunkedDecoder
{
public:
    enum class Event { NeedMore, Data, Done, Error };

    struct Step
    {
        Event event = Event::NeedMore;
        qsizetype consumed = 0;
        QByteArrayView data;
    };

    explicit ChunkedDecoder(qsizetype maxTrailerBytes = 1 << 20);

    [[nodiscard]] Step decode(QByteArrayView input);
    void reset();
    void setMaxTrailerBytes(qsizetype bytes) { m_maxTrailerBytes = bytes; }

    const Header &trailer() const { return m_trailer; }
    const HttpError &error() const { return m_error; }

private:
    enum class State { Size, Data, DataCrlf, Trailer, Done, Failed };

    Step fail(const char *reason, int status = 400);

    State m_state = State::Size;
    qint64 m_chunkRemaining = 0;
    qsizetype m_scanned = 0;
    qsizetype m_maxTrailerBytes;
    qsizetype m_trailerBytes = 0;
    Header m_trailer;
    HttpError m_error;
};

} // namespace httpcore
