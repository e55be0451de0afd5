#include "httpcore/mock/file/FileProblem.h"

using namespace Qt::StringLiterals;

namespace mock
{

QString FileProblem::toString() const
{
    QString text = file;
    if (line > 0)
        text += u':' + QString::number(line) + u':' + QString::number(column);
    if (!text.isEmpty())
        text += u": "_s;
    if (!jsonPath.isEmpty())
        text += jsonPath + u": "_s;
    return text + message;
}

QStringList problemStrings(const QList<FileProblem> &problems)
{
    QStringList lines;
    lines.reserve(problems.size());
    for (const FileProblem &problem : problems)
        lines.append(problem.toString());
    return lines;
}

} // namespace mock
