#pragma once

#include "httpcore/ChunkedDecoder.h"
#include "httpcore/mock/engine/Exchange.h"

#include <QObject>
#include <QTimer>

namespace mock
{

class RawConnection;

// SlowUploadReader produces FaultKind::SlowUploadRead: it reads the request body at bytesPerSecond before the
// answer starts, so an uploading client sees its upload held back by TCP flow control and the response late.
//
// Why a taken-over connection: httpcore's RequestBody delivers the body as fast as it arrives and has no way to
// pause, so pacing needs the socket itself. The reader takes the connection over (hijack()), limits the socket's
// read buffer (and the kernel's receive buffer) to about one piece, and every interval reads one piece of about a
// tenth of bytesPerSecond, undoing Content-Length or chunked framing itself (httpcore::ChunkedDecoder). It answers
// "100 Continue" first when the client expects it. The body read (up to the route's cap) goes to templates and the
// answer then goes out through a RawResponseWriter with "Connection: close". A request without a body is answered
// normally, and so is one whose body was already read because a rule of the route looks at it; a malformed chunked
// body is answered 400 and closed; a client that goes away ends it all.
//
// Thread affinity: the worker thread of the exchange; the reader is a child of its RawConnection.
class SlowUploadReader final : public QObject
{
    Q_OBJECT

public:
    // start reads ex's body slowly, then calls next with ex answering over the raw connection. When the connection
    // cannot be taken over, the failure is reported and the body is read normally instead (next still runs).
    static void start(const ExchangePtr &ex, int bytesPerSecond, ExchangeStep next);

    ~SlowUploadReader() override;
    Q_DISABLE_COPY_MOVE(SlowUploadReader)

private:
    SlowUploadReader(RawConnection *raw, ExchangePtr ex, int bytesPerSecond, ExchangeStep next);

    void readPiece();
    bool consume(const QByteArray &wire);
    void keep(QByteArrayView data);
    void complete();

    RawConnection *m_raw;
    ExchangePtr m_exchange;
    ExchangeStep m_next;
    QTimer m_timer;
    qint64 m_piece;
    // m_remaining: Content-Length bytes still to read; -1 for a chunked body.
    qint64 m_remaining;
    httpcore::ChunkedDecoder m_decoder;
    // m_wire holds chunked bytes the decoder has not consumed yet.
    QByteArray m_wire;
    QByteArray m_body;
    bool m_truncated = false;
};

} // namespace mock
