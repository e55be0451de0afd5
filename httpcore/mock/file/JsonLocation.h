#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <utility>

namespace mock
{

// Locations in a JSON document, for FileProblem: JSONPath-style paths ("$.routes[3].status") and line:column
// positions of byte offsets. Pure functions; thread-safe.
namespace jsonlocation
{

// Root is the path of the document's root value.
inline constexpr QStringView Root = u"$";

// member returns the path of the member key of the object at parent: parent + ".key" when key is an
// identifier ([A-Za-z_][A-Za-z0-9_]*), else parent + "[\"key\"]" with '"' and '\' escaped.
QString member(const QString &parent, QStringView key);
// element returns the path of element index of the array at parent: parent + "[index]".
QString element(const QString &parent, qsizetype index);
// isSameOrNested reports whether one of the paths a and b is the other or lies inside it ("$.a" and
// "$.a[0].b" are; "$.a" and "$.ab" are not).
bool isSameOrNested(QStringView a, QStringView b);
// lineColumn returns the 1-based line and column of byte offset in UTF-8 text; the column counts characters
// (code points), not bytes. An offset past the end is clamped to the end.
std::pair<int, int> lineColumn(QByteArrayView text, qsizetype offset);

} // namespace jsonlocation

} // namespace mock
