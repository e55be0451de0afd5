#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace mock
{

// PathConversion is the outcome of turning another tool's path syntax into the path of a Go 1.22 ServeMux pattern:
// the path, what was respelled, what was approximated, or why it could not be carried. A regular value type.
struct PathConversion
{
    // path is the Go pattern path ("/users/{id}"); empty when error is set.
    QString path;
    // changes are respellings with the same meaning (":id" became "{id}"): report them as info.
    QStringList changes;
    // approximations are changes of meaning (a constraint dropped, a segment widened): report them as warnings.
    QStringList approximations;
    // names maps each source variable name to its wildcard name in path, in path order.
    QList<std::pair<QString, QString>> names;
    // error says why the path cannot be carried.
    QString error;

    bool isValid() const { return error.isEmpty(); }
    friend bool operator==(const PathConversion &, const PathConversion &) = default;
};

// GoPathBuilder assembles a pattern path segment by segment: literals are escaped so the pattern parser reads
// them back unchanged ('{', '}', '%' without two hex digits, spaces and controls are percent-encoded), and wildcard
// names are made Go identifiers and unique within the path. A plain value type; not thread-safe.
class GoPathBuilder
{
public:
    // appendLiteral appends a literal segment (text unescaped, as it is matched).
    void appendLiteral(QStringView text);
    // appendWildcard appends "{name}" or, with multi, "{name...}", and returns the name used: name with every
    // character that is not a letter, digit or '_' replaced by '_', '_' prefixed to a leading digit, "_" for an
    // empty name, and a number appended (2, 3...) when already used in this path.
    QString appendWildcard(const QString &name, bool multi);
    // appendEnd appends "{$}": the path ends with a slash and matches nothing below it.
    void appendEnd();
    // path returns the path built: "/" + segments joined by '/' ("/" alone when no segment was appended).
    QString path() const;

    // identifier returns name made a Go identifier, as appendWildcard() does before making it unique.
    static QString identifier(const QString &name);
    // escapeLiteral returns text escaped for a pattern's literal segment.
    static QString escapeLiteral(QStringView text);

private:
    QStringList m_segments;
    QStringList m_names;
};

} // namespace mock
