#include "httpcore/mock/proxy/ProxyNetwork.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPointer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace mock
{

QNetworkAccessManager *proxyNetworkManager()
{
    // thread_local: one manager per thread; QPointer notices the deferred delete at the thread's end, so a
    // thread id reused by a later thread never sees a dangling pointer.
    static thread_local QPointer<QNetworkAccessManager> s_manager;
    if (s_manager)
        return s_manager.data();

    auto *manager = new QNetworkAccessManager;
    manager->setObjectName(u"mock.proxy.networkManager"_s);
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager->setProxy(QNetworkProxy::NoProxy);
    QThread *thread = QThread::currentThread();
    QCoreApplication *app = QCoreApplication::instance();
    if (app && thread == app->thread()) {
        manager->setParent(app);
    } else {
        // finished is emitted on the ending thread itself, so this is a direct call there; QThread then runs the
        // deferred deletes before the thread exits (as WorkerPool relies on for its own context object).
        QObject::connect(thread, &QThread::finished, manager, &QObject::deleteLater);
    }
    s_manager = manager;
    return manager;
}

} // namespace mock
