#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mock
{

// ImportReport is the translation report of an import or an export: one entry per thing the converter wants the
// user to know, in the order the source was read. An importer never drops or changes anything silently: a path it
// respelled, a matcher it approximated, a route it could not carry, each has an entry.
//
// A regular value type with no thread affinity.
class ImportReport
{
public:
    // Severity says how far the result is from the source.
    enum class Severity
    {
        Info,    // carried with the same behaviour, spelled differently (":id" became "{id}")
        Warning, // carried, but it behaves differently in some cases (an approximated regex, a different pick)
        Error    // not carried: a route, response, rule, matcher or fault was dropped
    };

    // Entry is one line of the report. where names the thing in the source ("route 3 GET /users/:id").
    struct Entry
    {
        Severity severity = Severity::Info;
        QString where;
        QString message;

        // toString returns "warning: route 3 GET /users/:id: message" (or "severity: message" when where is empty).
        QString toString() const;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // info, warning and error append an entry of their severity; add appends one of severity.
    void info(const QString &where, const QString &message) { add(Severity::Info, where, message); }
    void warning(const QString &where, const QString &message) { add(Severity::Warning, where, message); }
    void error(const QString &where, const QString &message) { add(Severity::Error, where, message); }
    void add(Severity severity, const QString &where, const QString &message);

    // entries returns the entries in the order they were added.
    const QList<Entry> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    // count returns the number of entries of severity.
    qsizetype count(Severity severity) const;
    // lines returns every entry's toString(), in order.
    QStringList lines() const;

    // severityName returns "info", "warning" or "error".
    static QString severityName(Severity severity);

    friend bool operator==(const ImportReport &, const ImportReport &) = default;

private:
    QList<Entry> m_entries;
};

} // namespace mock
