#include "httpcore/mock/convert/RegexText.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mock
{

QString RegexText::literal(const QString &text)
{
    return QRegularExpression::escape(text);
}

QString RegexText::equals(const QString &text, bool caseInsensitive)
{
    const QString pattern = u"\\A"_s + QRegularExpression::escape(text) + u"\\z"_s;
    return caseInsensitive ? RegexText::caseInsensitive(pattern) : pattern;
}

QString RegexText::whole(const QString &regex)
{
    return u"\\A(?:"_s + regex + u")\\z"_s;
}

QString RegexText::notWhole(const QString &regex)
{
    return u"\\A(?!(?:"_s + regex + u")\\z)"_s;
}

QString RegexText::notAnywhere(const QString &regex)
{
    // Every start position is tried by backtracking over [\s\S]*; "^" inside regex still means the start.
    return u"\\A(?![\\s\\S]*(?:"_s + regex + u"))"_s;
}

QString RegexText::caseInsensitive(const QString &regex)
{
    return u"(?i)"_s + regex;
}

QString RegexText::error(const QString &regex)
{
    const QRegularExpression re(regex);
    if (re.isValid())
        return {};
    return u"%1 at offset %2"_s.arg(re.errorString()).arg(re.patternErrorOffset());
}

} // namespace mock
