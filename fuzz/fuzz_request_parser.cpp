// fuzz_request_parser drives RequestParser over arbitrary bytes the way a connection does, and checks its
// contract with a hard trap on any violation (so libFuzzer and the plain replay driver both stop on it).
//
// Input layout: byte 0 is the configuration, byte 1 seeds the split points, the rest is the byte stream.
//   byte 0, bits 0-1: limits     0 defaults, 1 small (64/256/128), 2 tiny (16/40/0), 3 defaults, no body cap
//   byte 0, bits 2-3: splitting  0 one byte at a time, 1 random chunks of 1-8, 2 random chunks of 1-64,
//                                3 two pieces cut at a seeded point
// A corpus file is therefore two configuration bytes followed by plain HTTP (e.g. "0!GET / HTTP/1.1...").
//
// The same stream is parsed twice, whole and split, and the two runs must agree on every request head,
// body, trailer section and error: the parser promises that the split of its input changes nothing.

#include "httpcore/RequestParser.h"
#include "httpcore/Url.h"

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

using namespace httpcore;

namespace
{

// check traps on a broken invariant: a crash is what both libFuzzer and the replay driver report.
inline void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// Message is what one request looked like to the connection.
struct Message
{
    Request request;
    QByteArray body;
    Header trailer;
    qint64 bodyBytesRead = 0;
    bool complete = false;

    friend bool operator==(const Message &, const Message &) = default;
};

// Trace is everything a run over the stream observed, independent of how the stream was split.
struct Trace
{
    QList<Message> messages;
    std::optional<HttpError> error;
    // State when the input ran out (unset after an error).
    bool startedAtEnd = false;
    RequestParser::Phase phaseAtEnd = RequestParser::Phase::Head;

    friend bool operator==(const Trace &, const Trace &) = default;
};

ParserLimits limitsFor(quint8 config)
{
    ParserLimits limits;
    switch (config & 3) {
    case 0:
        break;
    case 1:
        limits.maxRequestLineBytes = 64;
        limits.maxHeaderBytes = 256;
        limits.maxBodyBytes = 128;
        break;
    case 2:
        limits.maxRequestLineBytes = 16;
        limits.maxHeaderBytes = 40;
        limits.maxBodyBytes = 0;
        break;
    case 3:
        limits.maxBodyBytes = -1;
        break;
    }
    return limits;
}

// SplitMode is how the stream is cut into the pieces that arrive one after another.
enum class SplitMode
{
    ByteAtATime,
    UpTo8,
    UpTo64,
    TwoPieces,
    Whole
};

// Splitter hands out the sizes of the pieces in which the stream arrives.
class Splitter
{
public:
    Splitter(SplitMode mode, quint8 seed, size_t total)
        : m_mode(mode), m_state(0x9E3779B9u ^ (quint32(seed) << 8) ^ quint32(total)),
          m_cut(total == 0 ? 0 : 1 + seed % total)
    {}

    // next returns the size of the next piece, at least 1 and at most left (left > 0).
    size_t next(size_t left)
    {
        size_t n = left;
        switch (m_mode) {
        case SplitMode::ByteAtATime:
            n = 1;
            break;
        case SplitMode::UpTo8:
            n = 1 + random() % 8;
            break;
        case SplitMode::UpTo64:
            n = 1 + random() % 64;
            break;
        case SplitMode::TwoPieces:
            n = m_firstDone ? left : m_cut;
            m_firstDone = true;
            break;
        case SplitMode::Whole:
            break;
        }
        return n < left ? n : left;
    }

private:
    quint32 random()
    {
        // xorshift32: deterministic, so a crash input replays identically.
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }

    SplitMode m_mode;
    quint32 m_state;
    // m_cut: size of the first piece in TwoPieces mode, 1..total.
    size_t m_cut;
    bool m_firstDone = false;
};

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

void checkFields(const Header &header)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field f = header.field(i);
        check(Header::isValidName(f.name));
        check(Header::isValidValue(f.value));
        // The parser trims OWS around values (RFC 9112 §5).
        check(f.value.isEmpty() || (!isOws(f.value.front()) && !isOws(f.value.back())));
    }
}

// checkHead checks what HeadComplete promises: a well-formed head whose framing is unambiguous.
void checkHead(const RequestParser &parser)
{
    const Request &r = parser.request();
    const ParserLimits &limits = parser.limits();
    check(parser.hasStarted());
    check(parser.phase() == RequestParser::Phase::Body);
    check(!r.method.isEmpty() && Header::isValidName(r.method));
    check(r.headBytes > 0 && r.headBytes <= limits.maxHeaderBytes);
    checkFields(r.header);
    // The URL is the target parsed, nothing else.
    const Expected<Url, HttpError> url = Url::parseRequestTarget(r.target, r.method);
    check(url.hasValue() && *url == r.url);
    // RFC 9112 §3.2: at most one Host, and HTTP/1.1 needs one.
    check(r.header.count("Host") <= 1);
    check(r.version == HttpVersion::Http10 || r.header.count("Host") == 1);
    // RFC 9112 §6.3: never both framings (request smuggling).
    check(!(r.header.contains("Content-Length") && r.header.contains("Transfer-Encoding")));
    switch (r.framing) {
    case BodyFraming::None:
        check(r.contentLength == 0 && !r.header.contains("Transfer-Encoding"));
        break;
    case BodyFraming::ContentLength:
        check(r.contentLength > 0 && r.header.contains("Content-Length"));
        check(limits.maxBodyBytes < 0 || r.contentLength <= limits.maxBodyBytes);
        break;
    case BodyFraming::Chunked:
        check(r.contentLength == -1 && r.header.contains("Transfer-Encoding"));
        check(r.version == HttpVersion::Http11);
        break;
    }
}

// checkComplete checks MessageComplete: the body adds up to what the framing declared.
void checkComplete(const RequestParser &parser, const Message &message)
{
    const Request &r = parser.request();
    check(parser.phase() == RequestParser::Phase::Done);
    check(parser.bodyBytesRead() == message.body.size());
    switch (r.framing) {
    case BodyFraming::None:
        check(parser.bodyBytesRead() == 0);
        break;
    case BodyFraming::ContentLength:
        check(parser.bodyBytesRead() == r.contentLength);
        break;
    case BodyFraming::Chunked:
        break;
    }
    // Only a chunked body has trailers; a stale trailer from an earlier request must not show.
    check(r.framing == BodyFraming::Chunked || parser.trailer().isEmpty());
    checkFields(parser.trailer());
}

// Recorder checks each step a parser reports, against the parse() contract, and records what it saw.
class Recorder
{
public:
    explicit Recorder(RequestParser &parser) : m_parser(parser) {}

    // handle checks step, which parse(input) returned; it returns false when the step ends the run (Error).
    bool handle(const RequestParser::Step &step, QByteArrayView input)
    {
        check(step.consumed >= 0 && step.consumed <= input.size());
        if (step.event != RequestParser::Event::NeedMore) {
            // A parser that reports events without consuming anything must get somewhere within a few.
            m_idleEvents = step.consumed == 0 ? m_idleEvents + 1 : 0;
            check(m_idleEvents <= 3);
        }
        switch (step.event) {
        case RequestParser::Event::NeedMore:
            return true;
        case RequestParser::Event::HeadComplete:
            check(!m_current.has_value());
            checkHead(m_parser);
            m_current = Message{m_parser.request(), {}, {}, 0, false};
            return true;
        case RequestParser::Event::Body:
            handleBody(step, input);
            return true;
        case RequestParser::Event::MessageComplete:
            check(m_current.has_value());
            checkComplete(m_parser, *m_current);
            m_current->trailer = m_parser.trailer();
            m_current->bodyBytesRead = m_parser.bodyBytesRead();
            m_current->complete = true;
            m_parser.reset();
            check(m_parser.phase() == RequestParser::Phase::Head && !m_parser.hasStarted() &&
                  m_parser.bodyBytesRead() == 0);
            m_trace.messages.append(*m_current);
            m_current.reset();
            return true;
        case RequestParser::Event::Error: {
            check(m_parser.phase() == RequestParser::Phase::Failed);
            check(m_parser.error().status >= 400 && m_parser.error().status <= 599);
            check(!m_parser.error().reason.isEmpty());
            // The parser stays failed until reset().
            const RequestParser::Step again = m_parser.parse(input);
            check(again.event == RequestParser::Event::Error && again.consumed == 0);
            return false;
        }
        }
        Q_UNREACHABLE();
    }

    // finish returns the trace, with the message in progress and how the run ended.
    Trace finish(bool failed)
    {
        if (m_current) {
            m_current->bodyBytesRead = m_parser.bodyBytesRead();
            m_trace.messages.append(*m_current);
        }
        if (failed) {
            m_trace.error = m_parser.error();
        } else {
            m_trace.startedAtEnd = m_parser.hasStarted();
            m_trace.phaseAtEnd = m_parser.phase();
        }
        return m_trace;
    }

private:
    void handleBody(const RequestParser::Step &step, QByteArrayView input)
    {
        check(m_current.has_value() && m_current->request.hasBody());
        // The body view lies inside this call's input, within the bytes it consumed.
        check(!step.body.isEmpty());
        check(step.body.data() >= input.data() && step.body.data() + step.body.size() <= input.data() + step.consumed);
        m_current->body.append(step.body.data(), step.body.size());
        m_current->bodyBytesRead = m_parser.bodyBytesRead();
        check(m_parser.bodyBytesRead() == m_current->body.size());
        const qint64 maxBody = m_parser.limits().maxBodyBytes;
        check(maxBody < 0 || m_parser.bodyBytesRead() <= maxBody);
        check(m_current->request.framing != BodyFraming::ContentLength ||
              m_parser.bodyBytesRead() <= m_current->request.contentLength);
    }

    // Not owned.
    RequestParser &m_parser;
    Trace m_trace;
    // m_current: the message whose head is complete and whose body is not.
    std::optional<Message> m_current;
    int m_idleEvents = 0;
};

// run feeds stream to a parser in the pieces splitter chooses, honouring the parse() contract: the
// unconsumed bytes are kept and the next piece appended. Each call gets an exactly-sized heap copy, so
// AddressSanitizer sees any read past the input and any pointer kept from an earlier call.
Trace run(const char *stream, size_t size, const ParserLimits &limits, Splitter splitter)
{
    RequestParser parser(limits);
    Recorder recorder(parser);
    QByteArray pending;
    size_t fed = 0;
    for (;;) {
        const auto input = std::make_unique<char[]>(size_t(pending.size()));
        std::memcpy(input.get(), pending.constData(), size_t(pending.size()));
        const QByteArrayView view(input.get(), pending.size());
        const RequestParser::Step step = parser.parse(view);
        if (!recorder.handle(step, view))
            return recorder.finish(true);
        pending.remove(0, step.consumed);
        if (step.event != RequestParser::Event::NeedMore)
            continue;
        if (fed == size)
            return recorder.finish(false);
        const size_t piece = splitter.next(size - fed);
        pending.append(stream + fed, qsizetype(piece));
        fed += piece;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const quint8 config = data[0];
    const quint8 seed = data[1];
    const char *stream = reinterpret_cast<const char *>(data + 2);
    const size_t streamSize = size - 2;
    const ParserLimits limits = limitsFor(config);

    const auto mode = static_cast<SplitMode>((config >> 2) & 3);
    const Trace whole = run(stream, streamSize, limits, Splitter(SplitMode::Whole, seed, streamSize));
    const Trace split = run(stream, streamSize, limits, Splitter(mode, seed, streamSize));
    check(whole == split);
    return 0;
}
