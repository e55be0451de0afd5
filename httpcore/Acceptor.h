#pragma once

#include <QTcpServer>
#include <QTimer>

namespace httpcore
{

class WorkerPool;

// Acceptor is the listening socket (Go's net.Listener plus Server.Serve's accept loop). It lives on its own
// acceptor thread so that accepting never waits on the caller's (GUI) thread, and hands every accepted
// descriptor to the WorkerPool without creating a QTcpSocket.
//
// Accept errors (EMFILE, ENFILE, ENOBUFS...) pause accepting and retry after an exponential back-off, 5 ms
// doubling to 1 s, as Go's Serve does; every such error is logged.
//
// Thread affinity: the acceptor thread (it is moved there before listen() is called through a queued call).
class Acceptor final : public QTcpServer
{
    Q_OBJECT

public:
    // Acceptor constructs a listener that dispatches into pool (non-owning; it must outlive the Acceptor's
    // listening).
    explicit Acceptor(WorkerPool *pool, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(Acceptor)

    // acceptErrorCount counts accept errors since construction.
    int acceptErrorCount() const { return m_acceptErrors; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void handleAcceptError(QAbstractSocket::SocketError error);

    WorkerPool *m_pool;
    QTimer m_backoffTimer;
    // m_backoffMs: the current back-off delay in milliseconds; 0 while accepting succeeds.
    int m_backoffMs = 0;
    int m_acceptErrors = 0;
};

} // namespace httpcore
