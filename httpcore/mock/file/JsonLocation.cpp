#include "httpcore/mock/file/JsonLocation.h"

using namespace Qt::StringLiterals;

namespace mock::jsonlocation
{

namespace
{

bool isIdentifier(QStringView key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key[i].unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

// isDescendant reports whether inner lies strictly inside outer.
bool isDescendant(QStringView inner, QStringView outer)
{
    return inner.size() > outer.size() && inner.startsWith(outer) &&
           (inner[outer.size()] == u'.' || inner[outer.size()] == u'[');
}

} // namespace

QString member(const QString &parent, QStringView key)
{
    if (isIdentifier(key))
        return parent + u'.' + key.toString();
    QString escaped;
    escaped.reserve(key.size() + 2);
    for (const QChar c : key) {
        if (c == u'"' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return parent + u"[\""_s + escaped + u"\"]"_s;
}

QString element(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

bool isSameOrNested(QStringView a, QStringView b)
{
    return a == b || isDescendant(a, b) || isDescendant(b, a);
}

std::pair<int, int> lineColumn(QByteArrayView text, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, text.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            // Count lead bytes only: a UTF-8 continuation byte belongs to the character before it.
            ++column;
        }
    }
    return {line, column};
}

} // namespace mock::jsonlocation
