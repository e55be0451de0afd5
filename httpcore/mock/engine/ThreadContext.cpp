#include "httpcore/mock/engine/ThreadContext.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QThread>

namespace mock
{

QObject *threadContext()
{
    // thread_local: one per worker thread; QPointer notices the deferred delete at the thread's end.
    static thread_local QPointer<QObject> s_context;
    if (!s_context) {
        auto *context = new QObject;
        context->setObjectName(QStringLiteral("mock.engine.threadContext"));
        QThread *thread = QThread::currentThread();
        QCoreApplication *app = QCoreApplication::instance();
        // As WorkerPool does for its own context: QThread runs deferred deletes after finished().
        if (app && thread == app->thread())
            context->setParent(app);
        else
            QObject::connect(thread, &QThread::finished, context, &QObject::deleteLater);
        s_context = context;
    }
    return s_context.data();
}

} // namespace mock
