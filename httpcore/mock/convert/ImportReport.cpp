#include "httpcore/mock/convert/ImportReport.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock
{

QString ImportReport::Entry::toString() const
{
    if (where.isEmpty())
        return severityName(severity) + u": "_s + message;
    return severityName(severity) + u": "_s + where + u": "_s + message;
}

void ImportReport::add(Severity severity, const QString &where, const QString &message)
{
    m_entries.append(Entry{severity, where, message});
}

qsizetype ImportReport::count(Severity severity) const
{
    return std::count_if(m_entries.cbegin(), m_entries.cend(),
                         [severity](const Entry &entry) { return entry.severity == severity; });
}

QStringList ImportReport::lines() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        result.append(entry.toString());
    return result;
}

QString ImportReport::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Error:
        return u"error"_s;
    }
    Q_UNREACHABLE();
}

} // namespace mock
