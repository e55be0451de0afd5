#pragma once

#include <QObject>

namespace ui
{

// disconnectChildren disconnects every signal of owner's descendants from owner. A composite widget calls it
// in its destructor: its children outlive its own destructor body (QWidget deletes them afterwards) and may
// still signal while they go (an open item editor commits its text when it loses focus), which must not reach
// the half-destroyed owner. GUI thread.
inline void disconnectChildren(QObject *owner)
{
    const QList<QObject *> children = owner->findChildren<QObject *>();
    for (QObject *child : children)
        QObject::disconnect(child, nullptr, owner, nullptr);
}

} // namespace ui
