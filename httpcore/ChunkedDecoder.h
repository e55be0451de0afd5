#pragma once

#include "httpcore/Header.h"
#include "httpcore/HttpError.h"

#include <QByteArrayView>

namespace httpcore
{

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
    enum class Event
    {
        NeedMore,
        Data,
        Done,
        Error
    };

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
    // RequestParser shares the field-line rule (splitFieldLine) so that the head and the trailer section
    // cannot drift apart.
    friend class RequestParser;

    enum class State
    {
        Size,
        Data,
        DataCrlf,
        Trailer,
        Done,
        Failed
    };

    // FieldLine is one field line split into its name and its value with OWS trimmed, as views into the
    // line; fault is null, or names why the line is malformed (a 400).
    struct FieldLine
    {
        QByteArrayView name;
        QByteArrayView value;
        const char *fault = nullptr;
    };

    // splitFieldLine parses line (its CRLF removed) as field-name ":" OWS field-value OWS (RFC 9112 §5).
    static FieldLine splitFieldLine(QByteArrayView line);

    Step fail(const char *reason, int status = 400);
    // setError moves to State::Failed with the error and returns false.
    bool setError(const char *reason, int status = 400);
    // findLineEnd returns the index of the '\n' ending the line that starts at pos, or -1 after noting in
    // m_scanned how much of the pending line was searched.
    qsizetype findLineEnd(QByteArrayView input, qsizetype pos);
    // handleSizeLine and handleTrailerLine process one complete line (CRLF included); they return false
    // after setError() when the line is malformed or over a limit.
    bool handleSizeLine(QByteArrayView line);
    bool handleTrailerLine(QByteArrayView line);

    State m_state = State::Size;
    qint64 m_chunkRemaining = 0;
    qsizetype m_scanned = 0;
    qsizetype m_maxTrailerBytes;
    qsizetype m_trailerBytes = 0;
    Header m_trailer;
    HttpError m_error;
};

} // namespace httpcore
