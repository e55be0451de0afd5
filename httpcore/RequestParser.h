#pragma once

#include "httpcore/ChunkedDecoder.h"
#include "httpcore/HttpError.h"
#include "httpcore/Request.h"

#include <QByteArrayView>

namespace httpcore
{

// ParserLimits bounds what one request may make the parser hold or accept.
struct ParserLimits
{
    // maxRequestLineBytes bounds the request line (CRLF excluded); a longer one is answered 414.
    qsizetype maxRequestLineBytes = 16 * 1024;
    // maxHeaderBytes bounds the request line plus the header section, CRLFs included; more is answered
    // 431. It also bounds the trailer section of a chunked body. Go's default: 1 MiB.
    qsizetype maxHeaderBytes = 1 << 20;
    // maxBodyBytes bounds the decoded body; a larger declared Content-Length, or a chunked body growing
    // past it, is answered 413. Negative means no limit.
    qint64 maxBodyBytes = qint64(64) << 20;

    friend bool operator==(const ParserLimits &, const ParserLimits &) = default;
};

// RequestParser turns a byte stream into HTTP/1.x requests, one at a time, incrementally: bytes may arrive
// in any split (one at a time works) and each byte is scanned once, however the input is split.
//
// Contract of parse(): input must start with the bytes the previous call did not consume, followed by any
// new bytes. Each call consumes a prefix of input and reports one Event:
//   NeedMore        more bytes are needed; `consumed` bytes (complete lines) were taken and may be dropped.
//   HeadComplete    the request line and header section are parsed: request() is valid.
//   Body            `body` is a view of the next body bytes, inside input (so valid as long as input);
//                   with chunked coding, the chunk framing is removed.
//   MessageComplete the request (body and trailers included) is done; call reset() before the next one.
//   Error           the request is malformed: error() says the status and why. The connection must answer
//                   error() and close; the parser stays failed until reset().
// A caller loops while the event is not NeedMore (after MessageComplete, it calls reset() or stops).
// A request without a body yields HeadComplete, then MessageComplete with no bytes consumed.
//
// The rules are RFC 9112's, choosing the strict reading wherever the RFC allows one (request smuggling):
// see RequestParser.cpp for each, with its section. No body bytes are buffered: the body is only viewed.
//
// RequestParser is a value-like object with no thread affinity; one instance serves one connection.
class RequestParser
{
public:
    enum class Event
    {
        NeedMore,
        HeadComplete,
        Body,
        MessageComplete,
        Error
    };

    // Step is the outcome of one parse() call.
    struct Step
    {
        Event event = Event::NeedMore;
        // consumed is how many bytes of input this call took.
        qsizetype consumed = 0;
        // body is set with Event::Body: a view into input.
        QByteArrayView body;
    };

    // Phase is where in the message the parser is.
    enum class Phase
    {
        Head,
        Body,
        Done,
        Failed
    };

    explicit RequestParser(const ParserLimits &limits = ParserLimits());

    [[nodiscard]] Step parse(QByteArrayView input);
    // reset prepares for the next request on the same connection, keeping the limits.
    void reset();

    // request is the parsed head; valid from HeadComplete until reset().
    const Request &request() const { return m_request; }
    // takeRequest moves the head out (request() is then empty).
    Request takeRequest() { return std::move(m_request); }
    // trailer holds the trailer fields of a chunked body; valid after MessageComplete.
    const Header &trailer() const { return m_chunked.trailer(); }
    // error is valid after Event::Error.
    const HttpError &error() const { return m_error; }
    Phase phase() const { return m_phase; }
    // bodyBytesRead counts decoded body bytes delivered so far for the current request.
    qint64 bodyBytesRead() const { return m_bodyRead; }
    // hasStarted is true once any byte of the current request (leading empty lines excluded) was seen, even
    // in a request line not yet complete (so not yet consumed); the server uses it to tell an idle connection
    // from one in the middle of a request.
    bool hasStarted() const { return m_started; }
    const ParserLimits &limits() const { return m_limits; }
    void setLimits(const ParserLimits &limits) { m_limits = limits; }

private:
    Step parseHead(QByteArrayView input);
    Step parseBody(QByteArrayView input);
    // HeadFields records what parseFieldLine() saw of the fields that decide framing and connection
    // handling, so that finishHead() need not search the header again.
    struct HeadFields
    {
        // hostIndex and contentLengthIndex are the header indexes of the first such field, or -1.
        qsizetype hostIndex = -1;
        qsizetype contentLengthIndex = -1;
        int hostCount = 0;
        int transferEncodingCount = 0;
        qint64 contentLength = 0;
        bool connectionClose = false;
        bool connectionKeepAlive = false;
        bool expectContinue = false;
        bool unsupportedExpectation = false;
    };

    Step parseChunked(QByteArrayView input);
    Step fail(int status, const char *reason, qsizetype consumed = 0);
    // setError moves to Phase::Failed with error and returns false, for the bool helpers below.
    bool setError(HttpError error);
    bool setError(int status, const char *reason);
    // checkLimits fails with 414 or 431 when line, a head line pending or complete whose first contentBytes
    // bytes precede its line end, takes the head over a limit.
    bool checkLimits(QByteArrayView line, qsizetype contentBytes);
    // parseRequestLine parses the request line (CRLF removed); bytesAfter is how much input follows it.
    bool parseRequestLine(QByteArrayView line, qsizetype bytesAfter);
    bool parseFieldLine(QByteArrayView line);
    bool noteField(QByteArrayView name, QByteArrayView value);
    bool finishHead();
    bool checkHost();
    bool checkFraming();
    bool checkTransferCodings();

    ParserLimits m_limits;
    Request m_request;
    ChunkedDecoder m_chunked;
    HttpError m_error;
    Phase m_phase = Phase::Head;
    // m_scanned: bytes at the start of the pending (unconsumed) line already searched for LF.
    qsizetype m_scanned = 0;
    // m_headBytes: bytes of the head consumed so far, leading empty lines included.
    qsizetype m_headBytes = 0;
    bool m_sawRequestLine = false;
    bool m_started = false;
    qint64 m_bodyRead = 0;
    // m_bodyRemaining: Content-Length bytes still expected.
    qint64 m_bodyRemaining = 0;
    // m_leadingBytes: bytes of the empty lines skipped before the request line (part of m_headBytes).
    qsizetype m_leadingBytes = 0;
    // m_framing: the current request's framing, kept apart from m_request, which takeRequest() empties.
    BodyFraming m_framing = BodyFraming::None;
    // m_overBodyLimit: a chunked body went past maxBodyBytes; the bytes up to the limit were delivered and
    // the next parse() fails with 413.
    bool m_overBodyLimit = false;
    HeadFields m_fields;
};

} // namespace httpcore
