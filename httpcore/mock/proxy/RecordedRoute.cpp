#include "httpcore/mock/proxy/RecordedRoute.h"

#include "httpcore/mock/proxy/ProxyHeaders.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace mock
{

QString literalPattern(QByteArrayView method, QByteArrayView rawPath)
{
    QByteArray path;
    path.reserve(rawPath.size() + 8);
    for (char c : rawPath) {
        // Braces delimit wildcards in a pattern; escaped they are literal bytes of the segment.
        if (c == '{')
            path.append("%7B");
        else if (c == '}')
            path.append("%7D");
        else
            path.append(c);
    }
    if (path.isEmpty())
        path = "/";
    // A pattern ending in '/' matches the whole subtree; "{$}" restricts it to the path itself.
    if (path.endsWith('/'))
        path.append("{$}");
    return QString::fromLatin1(method) + u' ' + QString::fromLatin1(path);
}

QString recordedRouteId(const QString &pattern)
{
    QString id = u"rec"_s;
    bool dash = true;
    for (const QChar c : pattern.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (dash)
                id += u'-';
            id += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    const quint32 random = QRandomGenerator::global()->generate();
    return id + u'-' + u"%1"_s.arg(uint(random), 8, 16, QChar(u'0'));
}

bool isInlineText(QByteArrayView body, const httpcore::Header &responseHeader)
{
    const QByteArrayView encoding = responseHeader.value("Content-Encoding");
    if (!encoding.isEmpty() && !httpcore::equalsIgnoringCase(encoding, "identity"))
        return false;
    if (body.contains('\0'))
        return false;
    // Valid UTF-8 survives the round trip; an invalid sequence comes back as U+FFFD, an incomplete one not at all.
    return QString::fromUtf8(body).toUtf8() == body;
}

MockResponse recordedResponse(int status, const httpcore::Header &header, bool keepContentEncoding)
{
    static constexpr QByteArrayView Dropped[] = {"Date", "Server", "Content-Length", "Content-Type"};
    MockResponse response;
    response.label = u"recorded"_s;
    response.status = status;
    response.templated = false;
    response.isDefault = true;
    response.contentType = QString::fromUtf8(header.value("Content-Type"));
    for (qsizetype i = 0; i < header.size(); ++i) {
        const httpcore::Header::Field field = header.field(i);
        bool drop = isHopByHop(field.name);
        for (QByteArrayView name : Dropped)
            drop = drop || httpcore::equalsIgnoringCase(field.name, name);
        if (!keepContentEncoding && httpcore::equalsIgnoringCase(field.name, "Content-Encoding"))
            drop = true;
        if (!drop)
            response.headers.append({QString::fromUtf8(field.name), QString::fromUtf8(field.value)});
    }
    return response;
}

} // namespace mock
