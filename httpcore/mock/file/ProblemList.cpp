#include "httpcore/mock/file/ProblemList.h"

#include "httpcore/mock/file/JsonLocation.h"

#include <algorithm>

namespace mock
{

ProblemList::ProblemList(QString file) : m_file(std::move(file)) {}

void ProblemList::add(const QString &jsonPath, const QString &message)
{
    addAt(0, 0, jsonPath, message);
}

void ProblemList::addAt(int line, int column, const QString &jsonPath, const QString &message)
{
    m_problems.append(FileProblem{m_file, jsonPath, message, line, column});
}

void ProblemList::addIfReadable(const QString &jsonPath, const QString &message)
{
    if (!isUnreadable(jsonPath))
        add(jsonPath, message);
}

void ProblemList::markUnreadable(const QString &jsonPath)
{
    m_unreadable.append(jsonPath);
}

bool ProblemList::isUnreadable(const QString &jsonPath) const
{
    return std::any_of(m_unreadable.cbegin(), m_unreadable.cend(),
                       [&](const QString &marked) { return jsonlocation::isSameOrNested(marked, jsonPath); });
}

} // namespace mock
