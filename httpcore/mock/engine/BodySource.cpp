#include "httpcore/mock/engine/BodySource.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace mock
{

BodySource::BodySource(QByteArray bytes) : m_bytes(std::move(bytes)), m_size(m_bytes.size()) {}

BodySource::~BodySource() = default;

httpcore::Expected<std::shared_ptr<BodySource>, QString> BodySource::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return httpcore::Unexpected<QString>{u"no such file"_s};
    if (!info.isFile())
        return httpcore::Unexpected<QString>{u"not a regular file"_s};
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return httpcore::Unexpected<QString>{file->errorString()};
    std::shared_ptr<BodySource> source(new BodySource);
    source->m_size = file->size();
    source->m_file = std::move(file);
    return source;
}

QByteArray BodySource::read(qint64 max)
{
    const qint64 count = std::min(max, remaining());
    if (count <= 0)
        return {};
    QByteArray piece;
    if (m_file) {
        piece = m_file->read(count);
        if (piece.isEmpty()) {
            // The file shrank or failed under us: the declared length can no longer be honoured.
            m_error = m_file->error() == QFileDevice::NoError ? u"unexpected end of file"_s : m_file->errorString();
            return {};
        }
    } else {
        piece = m_bytes.mid(m_position, count);
    }
    m_position += piece.size();
    return piece;
}

} // namespace mock
