#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mock
{

// FileProblem is one problem found in a route-set file (or in a RouteSet being checked before it is saved):
// which file, where in the document, and what is wrong. A regular value type with no thread affinity.
//
// toString() renders it for people and tools, one line each:
//     shop.json: $.routes[3].responses[0].fault.kind: unknown fault "resetMaybe" (expected one of: ...)
//     shop.json:12:7: malformed JSON: missing name separator
//     shop.json:40:9: $.routes[2]: duplicate key "status"
struct FileProblem
{
    // file names the route-set file as the caller gave it; empty when a RouteSet is checked without a file.
    QString file;
    // jsonPath locates the value in the document: "$" is the root, then ".key" (or ["key"] for a key that is
    // not an identifier) and "[index]" ("$.routes[3].responses[0].status"). Empty for problems of the file as
    // a whole (cannot be read, malformed JSON).
    QString jsonPath;
    // message says what is wrong, in words for the person who edits the file; it does not end with a period.
    QString message;
    // line and column (1-based; the column counts characters) when the problem has a position in the text:
    // malformed JSON and duplicate keys. 0 when unknown.
    int line = 0;
    int column = 0;

    // toString renders the problem as one line: "FILE[:LINE:COLUMN]: [JSONPATH: ]MESSAGE" (without the file
    // part when file is empty).
    QString toString() const;

    friend bool operator==(const FileProblem &, const FileProblem &) = default;
};

// problemStrings renders each problem with FileProblem::toString(), in order.
QStringList problemStrings(const QList<FileProblem> &problems);

} // namespace mock
