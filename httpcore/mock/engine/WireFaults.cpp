#include "httpcore/mock/engine/WireFaults.h"

#include "httpcore/HttpDate.h"
#include "httpcore/StatusText.h"
#include "httpcore/mock/engine/BodySource.h"
#include "httpcore/mock/engine/RawConnection.h"
#include "httpcore/mock/engine/ResponseAnswer.h"

#include <QPointer>

#include <random>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

constexpr qint64 PumpChunkBytes = 64 * 1024;
constexpr qint64 PumpLowWaterBytes = 64 * 1024;

enum class Framing
{
    Length,
    Chunked
};

QByteArray sanitisedValue(QByteArrayView value)
{
    QByteArray out = value.toByteArray();
    out.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    return out;
}

// rawHead serialises the head the faults send: prepared's status and fields (framing and Connection fields
// replaced by the fault's own; CR and LF in values made spaces, invalid names dropped, as the server's writer does).
QByteArray rawHead(const PreparedResponse &prepared, Framing framing, qint64 declaredLength)
{
    QByteArray out = "HTTP/1.1 "_ba + QByteArray::number(prepared.status) + ' ' + httpcore::statusText(prepared.status);
    out += "\r\n";
    const httpcore::Header &header = prepared.header;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const httpcore::Header::Field field = header.field(i);
        if (!httpcore::Header::isValidName(field.name) || httpcore::equalsIgnoringCase(field.name, "Content-Length") ||
            httpcore::equalsIgnoringCase(field.name, "Transfer-Encoding") ||
            httpcore::equalsIgnoringCase(field.name, "Connection"))
            continue;
        out += field.name.toByteArray() + ": " + sanitisedValue(field.value) + "\r\n";
    }
    if (!header.contains("Date"))
        out += "Date: " + httpcore::HttpDate::now() + "\r\n";
    if (framing == Framing::Length)
        out += "Content-Length: " + QByteArray::number(declaredLength) + "\r\n";
    else
        out += "Transfer-Encoding: chunked\r\n";
    out += "Connection: close\r\n\r\n";
    return out;
}

// RawBodyPump writes up to limit bytes of a body onto a RawConnection, chunk-framed or not, a piece at a time as
// the connection drains, then calls done. It ends early, without calling done, when the connection closes.
class RawBodyPump : public std::enable_shared_from_this<RawBodyPump>
{
public:
    RawBodyPump(
        RawConnection *raw, std::shared_ptr<BodySource> body, qint64 limit, Framing framing, std::function<void()> done)
        : m_raw(raw), m_body(std::move(body)), m_left(limit), m_framing(framing), m_done(std::move(done))
    {}

    void pump()
    {
        while (m_raw && m_raw->isOpen()) {
            if (m_left <= 0 || m_body->atEnd()) {
                m_done();
                return;
            }
            const QByteArray piece = m_body->read(std::min(m_left, PumpChunkBytes));
            if (piece.isEmpty()) {
                m_done(); // a read error: the connection closes short, which is what the fault does anyway
                return;
            }
            m_left -= piece.size();
            if (m_framing == Framing::Chunked)
                m_raw->send(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
            else
                m_raw->send(piece);
            if (m_raw->pendingBytes() > PumpLowWaterBytes) {
                m_raw->whenWritten(PumpLowWaterBytes, [self = shared_from_this()] { self->pump(); });
                return;
            }
        }
    }

private:
    QPointer<RawConnection> m_raw;
    std::shared_ptr<BodySource> m_body;
    qint64 m_left;
    Framing m_framing;
    std::function<void()> m_done;
};

void pumpThen(RawConnection *raw,
              const std::shared_ptr<BodySource> &body,
              qint64 limit,
              Framing framing,
              std::function<void()> done)
{
    std::make_shared<RawBodyPump>(raw, body, limit, framing, std::move(done))->pump();
}

// resetWhenWritten resets once everything sent is in the kernel (on loopback: at the peer), so the bytes arrive
// before the RST.
void resetWhenWritten(RawConnection *raw)
{
    raw->whenWritten(0, [raw] { raw->reset(); });
}

QByteArray randomBytes(quint64 seed)
{
    std::mt19937_64 random(seed);
    const auto count = std::uniform_int_distribution<int>(16, 512)(random);
    QByteArray bytes(count, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random() & 0xff);
    // Never the start of a status line by chance: the client must see garbage.
    if (bytes.startsWith('H'))
        bytes[0] = 'h';
    return bytes;
}

void runOn(RawConnection *raw, const Exchange &ex, const Fault &fault, PreparedResponse &prepared)
{
    const std::shared_ptr<BodySource> body = prepared.body;
    const qint64 size = body->size();
    const qint64 sendable = ex.data.request().isHead() ? 0 : size;
    const auto close = [raw] { raw->closeGracefully(); };
    switch (fault.kind) {
    case FaultKind::ResetBeforeHeaders:
        raw->reset();
        return;
    case FaultKind::ResetAfterHeaders:
        raw->send(rawHead(prepared, Framing::Length, size));
        resetWhenWritten(raw);
        return;
    case FaultKind::ResetAtBodyByte:
        raw->send(rawHead(prepared, Framing::Length, size));
        pumpThen(raw, body, std::clamp<qint64>(fault.atByte, 0, sendable), Framing::Length,
                 [raw] { resetWhenWritten(raw); });
        return;
    case FaultKind::EmptyResponse:
        raw->closeGracefully();
        return;
    case FaultKind::ContentLengthOver:
        raw->send(rawHead(prepared, Framing::Length, size + std::max<qint64>(size, 1)));
        pumpThen(raw, body, sendable, Framing::Length, close);
        return;
    case FaultKind::ContentLengthUnder:
        raw->send(rawHead(prepared, Framing::Length, size / 2));
        pumpThen(raw, body, sendable, Framing::Length, close);
        return;
    case FaultKind::MalformedChunk:
        raw->send(rawHead(prepared, Framing::Chunked, 0));
        pumpThen(raw, body, sendable / 2, Framing::Chunked, [raw] {
            raw->send("XYZ\r\nnot a chunk\r\n"_ba); // RFC 9112 §7.1: chunk-size is 1*HEXDIG
            raw->closeGracefully();
        });
        return;
    case FaultKind::MissingFinalChunk:
        raw->send(rawHead(prepared, Framing::Chunked, 0));
        pumpThen(raw, body, sendable, Framing::Chunked, close);
        return;
    case FaultKind::RandomBytesThenClose:
        raw->send(randomBytes(ex.fault.seed));
        raw->closeGracefully();
        return;
    case FaultKind::HeadersThenHang:
        raw->send(rawHead(prepared, Framing::Length, size));
        raw->hang(RawConnection::MaxLifetime);
        return;
    case FaultKind::SlowDrip:
    case FaultKind::SlowUploadRead:
    case FaultKind::CloseAfterRequests:
        Q_UNREACHABLE();
    }
}

} // namespace

bool runWireFault(const ExchangePtr &ex, const Fault &fault, PreparedResponse &prepared)
{
    auto hijacked = ex->writer->hijack();
    if (!hijacked) {
        ex->route->report(u"%1: the fault %2 cannot take the connection over (%3); answering normally"_s.arg(
            ex->describe(), faultKindName(fault.kind), hijacked.error()));
        return false;
    }
    runOn(RawConnection::adopt(std::move(hijacked.value())), *ex, fault, prepared);
    return true;
}

} // namespace mock
