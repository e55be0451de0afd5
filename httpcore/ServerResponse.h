#pragma once

#include "httpcore/Http1ResponseWriter.h"

namespace httpcore
{

class ConnectionWorker;

// ServerResponse is the ResponseWriter a handler receives (through a ResponsePtr): an Http1ResponseWriter
// whose bytes go to the connection's socket, plus the server's completion and detach rules.
//
// Completion: finish() ends the response; so does the destructor, which runs when the last ResponsePtr copy is
// released, if the response was not finished before. Either way the connection is told (responseFinished()),
// once. Detach: when the connection goes away first (peer closed, timeout, shutdown), it calls detach(); the
// writer then refuses writes (-1), and finish() and the destructor no longer reach the connection. Broken: once a
// write on the connection failed (ConnectionWorker::isBroken()), before the connection has closed and detached
// the response, the writer already behaves as detached (Go's checkConnErrorWriter): the failing write and every
// later one return -1, isFinished() is true, bufferedBytes() returns BrokenBacklog, and finish() no longer reaches
// the connection (which closes on its own).
//
// Thread affinity: the connection's worker thread; not thread-safe. Internal to the server.
class ServerResponse final : public ResponseWriter, private ByteSink
{
public:
    // ServerResponse constructs the response for one request on connection (non-owning; see detach()).
    ServerResponse(ConnectionWorker *connection, const ResponseContext &context);
    ~ServerResponse() override;
    Q_DISABLE_COPY_MOVE(ServerResponse)

    Header &header() override { return m_writer.header(); }
    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    void flush() override;
    void finish() override;

    // isFinished is true once the response is finished, detached or broken (nothing more can be sent).
    bool isFinished() const override;
    int status() const override { return m_writer.status(); }
    qint64 bodyBytesWritten() const override { return m_writer.bodyBytesWritten(); }
    Expected<HijackedConnection, QString> hijack() override;
    // bufferedBytes returns the bytes queued on the socket, or BrokenBacklog while the response is unfinished and
    // cannot send more (detached or broken): a writer pacing itself by it stops and waits in whenDrained(), which
    // drops the callback.
    qint64 bufferedBytes() const override;
    void whenDrained(qint64 lowWater, std::function<void()> callback) override;

    // detach cuts the response off its connection; see the class comment.
    void detach() { m_connection = nullptr; }
    bool isDetached() const { return !m_connection; }
    // isHeaderSent is true once the final head (or an informational one) reached the socket.
    bool hasSentBytes() const { return m_writer.bytesSent() > 0; }
    bool isHeaderSent() const { return m_writer.isHeaderSent(); }

private:
    // canSend is true while the response is unfinished and its connection can still take bytes.
    bool canSend() const;
    void sendBytes(QByteArray bytes) override;
    // prepareHead lets the connection mark the head "Connection: close" while it can still be changed.
    void prepareHead();

    ConnectionWorker *m_connection;
    Http1ResponseWriter m_writer;
};

} // namespace httpcore
