#include "httpcore/mock/file/JsonTextScanner.h"

#include "httpcore/mock/file/JsonLocation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

// Container is an object or array being scanned, with the JSON path of the value scanned in it last.
struct Container
{
    bool isObject = false;
    QString path;
    QSet<QString> keys;
    // Objects: the key of the current member. Arrays: the index of the current element.
    QString key;
    qsizetype index = 0;
    bool expectKey = false;

    QString childPath() const
    {
        return isObject ? jsonlocation::member(path, key) : jsonlocation::element(path, index);
    }
};

// stringEnd returns the index just past the string literal that starts at json[begin] ('"').
qsizetype stringEnd(QByteArrayView json, qsizetype begin)
{
    qsizetype i = begin + 1;
    while (i < json.size() && json[i] != '"')
        i += json[i] == '\\' ? 2 : 1;
    return i + 1;
}

// decodeString returns the text of a string literal; one with escapes goes through QJsonDocument, which knows
// them all (rare in route sets, so the cost does not matter).
QString decodeString(QByteArrayView literal)
{
    if (!literal.contains('\\'))
        return QString::fromUtf8(literal.sliced(1, literal.size() - 2));
    const QByteArray array = "[" + literal.toByteArray() + "]";
    return QJsonDocument::fromJson(array).array().first().toString();
}

// loneSurrogate returns the first half of a surrogate pair in text that lacks its other half, or 0.
char16_t loneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return c.unicode();
    }
    return 0;
}

// checkUnicode reports the string literal at json[begin, end) when its escapes leave half a surrogate pair; only
// an escape can, since QJsonDocument accepted the text as UTF-8.
void checkUnicode(QByteArrayView json, qsizetype begin, qsizetype end, const QString &path, ProblemList &problems)
{
    const QByteArrayView literal = json.sliced(begin, end - begin);
    if (!literal.contains("\\u"))
        return;
    const char16_t half = loneSurrogate(decodeString(literal));
    if (half == 0)
        return;
    const auto [line, column] = jsonlocation::lineColumn(json, begin);
    problems.addAt(line, column, path,
                   u"the string holds half of a UTF-16 surrogate pair (\\u%1), which is not Unicode text"_s.arg(
                       uint(half), 4, 16, QLatin1Char('0')));
}

} // namespace

void JsonTextScanner::scan(QByteArrayView json, ProblemList &problems)
{
    std::vector<Container> stack;
    for (qsizetype i = 0; i < json.size();) {
        const char c = json[i];
        if (c == '{' || c == '[') {
            const QString path = stack.empty() ? jsonlocation::Root.toString() : stack.back().childPath();
            stack.push_back(Container{c == '{', path, {}, {}, 0, c == '{'});
            ++i;
        } else if (c == '}' || c == ']') {
            stack.pop_back();
            ++i;
        } else if (c == ',') {
            Container &top = stack.back();
            top.expectKey = top.isObject;
            ++top.index;
            ++i;
        } else if (c == '"') {
            const qsizetype end = stringEnd(json, i);
            if (!stack.empty() && stack.back().expectKey) {
                Container &top = stack.back();
                top.key = decodeString(json.sliced(i, end - i));
                // The key's path shows it as written: its half pair cannot be printed otherwise.
                checkUnicode(json, i, end, top.path + u'[' + QString::fromUtf8(json.sliced(i, end - i)) + u']',
                             problems);
                top.expectKey = false;
                if (top.keys.contains(top.key)) {
                    const auto [line, column] = jsonlocation::lineColumn(json, i);
                    problems.addAt(line, column, top.path, u"duplicate key \"%1\""_s.arg(top.key));
                }
                top.keys.insert(top.key);
            } else {
                checkUnicode(json, i, end, stack.empty() ? jsonlocation::Root.toString() : stack.back().childPath(),
                             problems);
            }
            i = end;
        } else {
            // Whitespace, ':', numbers, true, false, null: nothing to track.
            ++i;
        }
    }
}

} // namespace mock
