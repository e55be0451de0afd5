#include "httpcore/middleware/Vary.h"

namespace httpcore
{

void addVary(Header &header, QByteArrayView token)
{
    const QList<QByteArrayView> values = header.values("Vary");
    QByteArray merged;
    for (QByteArrayView value : values) {
        if (hasToken(value, token) || hasToken(value, "*"))
            return;
        if (value.trimmed().isEmpty())
            continue;
        if (!merged.isEmpty())
            merged += ", ";
        merged += value.toByteArray();
    }
    if (!merged.isEmpty())
        merged += ", ";
    merged += token.toByteArray();
    header.set("Vary", merged);
}

} // namespace httpcore
