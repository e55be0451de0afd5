#pragma once

#include <QByteArray>
#include <QHostAddress>

#include <deque>

class QSocketNotifier;

namespace httpcore
{

// NetConn is one accepted TCP connection at the level Go's net.Conn works at: a non-blocking descriptor, read
// into the caller's buffer, written from a queue, with half-close in both directions. ConnectionWorker uses it
// instead of QTcpSocket for three reasons:
//   - the end of the peer's input is not the end of the connection: a client that sends its request and shuts
//     down its write side still gets the answer (QTcpSocket closes the whole socket on end of input);
//   - no second buffer: bytes go from the kernel straight into the parser's input, and response bytes are
//     sent at once when the kernel takes them (QTcpSocket copies both ways and defers every write by a loop
//     pass);
//   - a few hundred bytes per idle connection instead of QTcpSocket's private object and ring buffers.
//
// Events reach the Listener from the thread's event loop (socket notifiers): readable() when input or the end
// of input is waiting (level-triggered: call setReadEnabled(false) to stop hearing about input not wanted yet),
// written() after queued output made progress. Errors are reported by read() and write() results and by
// error().
//
// Thread affinity: the thread that created it; not thread-safe.
class NetConn
{
public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void netReadable() = 0;
        virtual void netWritten() = 0;
    };

    // ReadResult is what read() found.
    enum class ReadResult
    {
        Data,       // bytes were appended
        WouldBlock, // nothing to read now
        End,        // the peer shut down its write side (or closed): no more input, output may still work
        Error       // the connection failed (reset); see error()
    };

    // NetConn adopts descriptor (connected, any blocking mode; made non-blocking) and reports to listener.
    NetConn(int descriptor, Listener *listener);
    // The destructor closes the descriptor unless it was released.
    ~NetConn();
    Q_DISABLE_COPY_MOVE(NetConn)

    QHostAddress peerAddress() const { return m_peer; }
    quint16 peerPort() const { return m_peerPort; }
    int descriptor() const { return m_fd; }

    // read appends up to max available bytes to buffer.
    ReadResult read(QByteArray &buffer, qsizetype max);
    // setReadEnabled starts or stops readable() notifications.
    void setReadEnabled(bool enabled);
    bool isReadEnabled() const { return m_readEnabled; }

    // write sends bytes, now as far as the kernel takes them and the rest as the connection drains. Returns
    // false once the connection has failed (the bytes are dropped).
    bool write(QByteArray bytes);
    // pendingOutput counts bytes queued and not yet taken by the kernel.
    qint64 pendingOutput() const { return m_pending; }

    // shutdownWrite sends FIN after the queued output (at once when none is queued); returns false on failure.
    bool shutdownWrite();
    bool isWriteShut() const { return m_writeShut; }

    // error returns the errno of the failure that ended the connection, 0 if none.
    int error() const { return m_error; }
    bool hasFailed() const { return m_error != 0; }

    // close closes the descriptor now; queued output is dropped. Idempotent.
    void close();
    // release stops all notifications and gives up the descriptor (for a hijack); queued output must have been
    // sent (pendingOutput() == 0) or it is lost. Returns the descriptor, or -1 when already closed.
    int release();

private:
    void dropNotifiers();
    void handleWritable();
    void flushQueue();
    void fail(int error);

    int m_fd;
    Listener *m_listener;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
    // Output not yet taken by the kernel; m_headOffset bytes of the front were already sent.
    std::deque<QByteArray> m_queue;
    qsizetype m_headOffset = 0;
    qint64 m_pending = 0;
    int m_error = 0;
    bool m_readEnabled = true;
    bool m_writeShut = false;
    bool m_shutAfterFlush = false;
};

} // namespace httpcore
