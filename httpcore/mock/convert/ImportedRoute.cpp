#include "httpcore/mock/convert/ImportedRoute.h"

using namespace Qt::StringLiterals;

namespace mock
{

QString routeIdFor(const QString &pattern)
{
    QString id;
    bool dash = false;
    for (const QChar c : pattern.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (dash && !id.isEmpty())
                id += u'-';
            id += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    if (id.isEmpty() || id == u"get"_s || id == u"post"_s || id == u"put"_s || id == u"delete"_s || id == u"patch"_s ||
        id == u"head"_s || id == u"options"_s)
        id += id.isEmpty() ? u"root"_s : u"-root"_s;
    return id;
}

QString uniqueRouteId(const QString &wanted, QSet<QString> &taken)
{
    QString id = wanted;
    for (int n = 2; taken.contains(id); ++n)
        id = wanted + u'-' + QString::number(n);
    taken.insert(id);
    return id;
}

} // namespace mock
