#pragma once

#include "httpcore/mock/file/FileProblem.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mock
{

// ProblemList collects the problems found while reading and checking one route-set document, in the order
// they are found, all of them (never only the first).
//
// It also remembers which values could not be read (markUnreadable()): the reader marks a value it reported
// as missing, mistyped or unknown, and the checks of the model that follow stay quiet about it, its parts and
// what contains it (isUnreadable()), so one mistake in the file gives one message, not a cascade (a missing
// "pattern" is not also an invalid empty pattern).
//
// A plain object with no thread affinity; used by one thread at a time.
class ProblemList
{
public:
    // ProblemList starts empty; file is copied into every FileProblem added (may be empty).
    explicit ProblemList(QString file = {});

    // add records a problem of the value at jsonPath (empty: the file as a whole).
    void add(const QString &jsonPath, const QString &message);
    // addAt records a problem with a position in the text (1-based line and column).
    void addAt(int line, int column, const QString &jsonPath, const QString &message);
    // addIfReadable records a problem of the value at jsonPath unless isUnreadable(jsonPath): for checks of
    // values the reader may have reported already.
    void addIfReadable(const QString &jsonPath, const QString &message);
    // markUnreadable records that the value at jsonPath was reported and could not be read.
    void markUnreadable(const QString &jsonPath);
    // isUnreadable reports whether a value at jsonPath, inside it or containing it was marked unreadable.
    bool isUnreadable(const QString &jsonPath) const;

    // isEmpty reports whether no problem was added; file is the file name given; problems are the problems
    // added, in order.
    bool isEmpty() const { return m_problems.isEmpty(); }
    const QString &file() const { return m_file; }
    const QList<FileProblem> &problems() const { return m_problems; }

private:
    QString m_file;
    QList<FileProblem> m_problems;
    QStringList m_unreadable;
};

} // namespace mock
