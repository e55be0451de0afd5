#pragma once

class QObject;

namespace mock
{

// threadContext returns a QObject living on the calling thread, created on first use and deleted (deleteLater())
// when that thread finishes, so objects parented to it (hijacked sockets, fault timers) cannot outlive a server's
// worker thread even when a client never closes. Call it on worker threads only (a QThread whose event loop runs);
// on the application thread it is a child of the QCoreApplication.
//
// Thread affinity: returns the calling thread's own object; each thread has one.
QObject *threadContext();

} // namespace mock
