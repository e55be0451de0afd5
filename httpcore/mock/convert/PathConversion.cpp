#include "httpcore/mock/convert/PathConversion.h"

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

QString percentEncoded(QChar c)
{
    QString out;
    for (const char byte : QString(c).toUtf8())
        out += u'%' + QString::number(static_cast<unsigned char>(byte), 16).toUpper().rightJustified(2, u'0');
    return out;
}

} // namespace

QString GoPathBuilder::escapeLiteral(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool loneEscape =
            c == u'%' && !(i + 2 < text.size() && isHexDigit(text[i + 1]) && isHexDigit(text[i + 2]));
        if (c == u'{' || c == u'}' || c.unicode() <= 0x20 || c.unicode() == 0x7f || loneEscape)
            out += percentEncoded(c);
        else
            out += c;
    }
    return out;
}

QString GoPathBuilder::identifier(const QString &name)
{
    QString out;
    for (const QChar c : name)
        out += c.isLetterOrNumber() || c == u'_' ? c : u'_';
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(u'_');
    return out;
}

void GoPathBuilder::appendLiteral(QStringView text)
{
    m_segments.append(escapeLiteral(text));
}

QString GoPathBuilder::appendWildcard(const QString &name, bool multi)
{
    const QString base = identifier(name);
    QString unique = base;
    for (int n = 2; m_names.contains(unique); ++n)
        unique = base + QString::number(n);
    m_names.append(unique);
    m_segments.append(u'{' + unique + (multi ? u"...}"_s : u"}"_s));
    return unique;
}

void GoPathBuilder::appendEnd()
{
    m_segments.append(u"{$}"_s);
}

QString GoPathBuilder::path() const
{
    return u'/' + m_segments.join(u'/');
}

} // namespace mock
