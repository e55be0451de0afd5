#pragma once

class QNetworkAccessManager;

namespace mock
{

// proxyNetworkManager returns the calling thread's QNetworkAccessManager for proxying, created on first use.
// One per thread, because a QNetworkAccessManager must be used on the thread it lives on; it pools the
// connections to the upstream for every request that thread forwards. It is configured for a proxy: no
// redirect following, no network proxy (the upstream is contacted directly, whatever the environment says).
//
// Lifetime: on a worker thread (a QThread running an event loop) the manager is deleted on that thread when it
// finishes (deleteLater() on QThread::finished, which QThread processes before the thread exits), taking the
// replies and exchanges parented to it along; on the application thread it is a child of the QCoreApplication.
// Do not call it from threads that are not QThreads (their finished signal never comes).
//
// Thread affinity: returns the calling thread's own manager; never hand it to another thread.
QNetworkAccessManager *proxyNetworkManager();

} // namespace mock
