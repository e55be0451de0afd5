#pragma once

#include "httpcore/Expected.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QFile;

namespace mock
{

// BodySource is the body of an answer, read piece by piece: inline bytes, or a file on disk that is opened when
// answering and never loaded whole.
//
// Thread affinity: the worker thread answering; not thread-safe.
class BodySource
{
public:
    // BodySource serves bytes.
    explicit BodySource(QByteArray bytes);
    ~BodySource();
    Q_DISABLE_COPY_MOVE(BodySource)

    // openFile opens the file at path for reading; the error says why it cannot ("No such file or directory").
    [[nodiscard]] static httpcore::Expected<std::shared_ptr<BodySource>, QString> openFile(const QString &path);

    // size is the body's length in bytes (a file's size when it was opened).
    qint64 size() const { return m_size; }
    qint64 remaining() const { return m_size - m_position; }
    bool atEnd() const { return m_position >= m_size; }
    // read returns the next at most max bytes. An empty result before atEnd() is a read error (errorString()).
    QByteArray read(qint64 max);
    QString errorString() const { return m_error; }

private:
    BodySource() = default;

    QByteArray m_bytes;
    std::unique_ptr<QFile> m_file;
    qint64 m_size = 0;
    qint64 m_position = 0;
    QString m_error;
};

} // namespace mock
