#pragma once

#include <QList>
#include <QRandomGenerator>

namespace testsupport
{

// splitsOf returns ways to cut size bytes into pieces: whole, one byte at a time, and a few random cuts from a
// fixed seed (so that a failure reproduces). Used by every test that must show an incremental decoder gives
// the same result however its input is split.
inline QList<QList<qsizetype>> splitsOf(qsizetype size)
{
    QList<QList<qsizetype>> splits{{size}, QList<qsizetype>(size, 1)};
    QRandomGenerator rng(static_cast<quint32>(size) + 1);
    for (int round = 0; round < 4; ++round) {
        QList<qsizetype> pieces;
        for (qsizetype left = size; left > 0;) {
            const qsizetype piece = qMin<qsizetype>(left, 1 + rng.bounded(qMax<qint64>(1, size / 3)));
            pieces.append(piece);
            left -= piece;
        }
        splits.append(pieces);
    }
    return splits;
}

} // namespace testsupport
