#pragma once

#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

class QSocketNotifier;

namespace httpcore
{

class WorkerPool;

// Acceptor is the listening socket (Go's net.Listener plus Server.Serve's accept loop). It lives on its own
// acceptor thread so that accepting never waits on the caller's (GUI) thread, and hands every accepted
// descriptor to the WorkerPool without creating a QTcpSocket.
//
// QTcpServer binds and listens (address reuse, dual stack); the accept loop is our own, on a socket notifier
// of the listening descriptor, because Qt 6.4 reports EMFILE from accept() as a temporary error and retries
// at once, spinning a core and logging nothing. Here accept errors that mean "out of resources" (EMFILE,
// ENFILE, ENOBUFS, ENOMEM) stop accepting and retry after an exponential back-off, 5 ms doubling to 1 s, as Go's
// Serve does; each is logged. Connections aborted before accept() are skipped.
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

    // start listens on address:port and starts the accept loop; false (see errorString()) when listening fails.
    bool start(const QHostAddress &address, quint16 port);
    // stop ends the accept loop and closes the listening socket. Idempotent.
    void stop();

    // acceptErrorCount counts accept errors since construction.
    int acceptErrorCount() const { return m_acceptErrors; }

private:
    void acceptPending();
    void handleAcceptError(int error);

    WorkerPool *m_pool;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_backoffTimer;
    // m_backoffMs: the current back-off delay in milliseconds; 0 while accepting succeeds.
    int m_backoffMs = 0;
    int m_acceptErrors = 0;
};

} // namespace httpcore
