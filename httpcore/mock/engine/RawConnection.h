#pragma once

#include "httpcore/ResponseWriter.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class QTcpSocket;

namespace mock
{

// RawConnection is a connection the engine took over from the server (ResponseWriter::hijack()) to misbehave on
// it in ways a well-behaved writer cannot: resets, lies about framing, garbage, silence, slow reading. It owns the
// socket, parents itself to the worker thread's threadContext(), and deletes itself (deleteLater()) once the
// connection is closed: by closeGracefully(), reset(), the peer, or MaxLifetime, whichever comes first, so no
// socket or timer outlives a misbehaving client for long.
//
// Input is read and thrown away unless setReadLimit() was called (slow reading), so a close never turns into a
// reset because of unread request bytes.
//
// Thread affinity: the worker thread that hijacked the connection; not thread-safe. Callbacks are called from the
// event loop, never from inside the call that registered them, and dropped uncalled when the connection closes.
class RawConnection final : public QObject
{
    Q_OBJECT

public:
    // MaxLifetime bounds how long the engine keeps any taken-over connection (a hang, a slow read that never ends).
    static constexpr std::chrono::minutes MaxLifetime{10};
    // LingerTime bounds the wait for the peer to close after closeGracefully() shut down our side.
    static constexpr std::chrono::seconds LingerTime{2};

    // adopt takes over hijacked (its socket must live on the calling thread).
    static RawConnection *adopt(httpcore::HijackedConnection hijacked);
    ~RawConnection() override;
    Q_DISABLE_COPY_MOVE(RawConnection)

    // isOpen is false once the connection is closed or closing.
    bool isOpen() const;

    // send queues bytes and pushes what the kernel takes now.
    void send(QByteArrayView bytes);
    // pendingBytes counts bytes sent but not yet handed to the kernel.
    qint64 pendingBytes() const;
    // whenWritten calls callback once pendingBytes() is at most lowWater; a new call replaces the callback.
    void whenWritten(qint64 lowWater, std::function<void()> callback);

    // closeGracefully sends what is pending, shuts down our side (FIN), and closes when the peer does (or after
    // LingerTime).
    void closeGracefully();
    // reset closes at once with SO_LINGER {1, 0}: the peer gets a TCP RST; pending bytes are dropped.
    void reset();
    // hang keeps the connection open and silent until the peer closes it or cap passes (then closes gracefully).
    void hang(std::chrono::milliseconds cap);

    // setReadLimit stops discarding input and lets at most bufferBytes wait in the socket's buffer, so the peer is
    // held back by TCP flow control until read() takes them (slow reading).
    void setReadLimit(qint64 bufferBytes);
    // read returns up to max input bytes: first those the server had read ahead, then the socket's.
    QByteArray read(qint64 max);
    // whenClosed calls callback once when the connection closes for any reason.
    void whenClosed(std::function<void()> callback);

private:
    explicit RawConnection(QTcpSocket *socket, QByteArray buffered);

    void handleReadyRead();
    void handleBytesWritten();
    void shutdownOurSide();
    void finish();

    QTcpSocket *m_socket;
    // Bytes the server had read past the request head; read() hands them out first.
    QByteArray m_buffered;
    std::function<void()> m_written;
    qint64 m_lowWater = 0;
    std::function<void()> m_closed;
    QTimer m_lifetime;
    QTimer m_linger;
    bool m_discardInput = true;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace mock
