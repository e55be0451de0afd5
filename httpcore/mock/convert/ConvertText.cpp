#include "httpcore/mock/convert/ConvertText.h"

#include "httpcore/CharClass.h"

#include <QByteArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock::convert
{

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

bool isToken(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return !bytes.isEmpty() && std::all_of(bytes.cbegin(), bytes.cend(),
                                           [](char c) { return httpcore::isTokenChar(static_cast<unsigned char>(c)); });
}

QString jsonBodyPath(const QString &path)
{
    static const QRegularExpression jsonPath(u"^\\$((\\.[A-Za-z_$][\\w$-]*|\\[\\d+\\])+)$"_s);
    static const QRegularExpression objectPath(u"^[^.$\\[\\]*@?'\"]+(\\.[^.$\\[\\]*@?'\"]+)*$"_s);
    if (const QRegularExpressionMatch m = jsonPath.match(path); m.hasMatch()) {
        QString result = m.captured(1);
        result.replace(u'[', u'.');
        result.remove(u']');
        return result.sliced(1);
    }
    return objectPath.match(path).hasMatch() ? path : QString();
}

} // namespace mock::convert
