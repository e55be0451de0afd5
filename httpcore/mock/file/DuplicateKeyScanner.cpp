#include "httpcore/mock/file/DuplicateKeyScanner.h"

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

// decodeKey returns the text of a string literal; one with escapes goes through QJsonDocument, which knows
// them all (rare in keys, so the cost does not matter).
QString decodeKey(QByteArrayView literal)
{
    if (!literal.contains('\\'))
        return QString::fromUtf8(literal.sliced(1, literal.size() - 2));
    const QByteArray array = "[" + literal.toByteArray() + "]";
    return QJsonDocument::fromJson(array).array().first().toString();
}

} // namespace

void DuplicateKeyScanner::scan(QByteArrayView json, ProblemList &problems)
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
                top.key = decodeKey(json.sliced(i, end - i));
                top.expectKey = false;
                if (top.keys.contains(top.key)) {
                    const auto [line, column] = jsonlocation::lineColumn(json, i);
                    problems.addAt(line, column, top.path, u"duplicate key \"%1\""_s.arg(top.key));
                }
                top.keys.insert(top.key);
            }
            i = end;
        } else {
            // Whitespace, ':', numbers, true, false, null: nothing to track.
            ++i;
        }
    }
}

} // namespace mock
