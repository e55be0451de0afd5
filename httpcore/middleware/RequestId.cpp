#include "httpcore/middleware/RequestId.h"

#include <QRandomGenerator>

#include <array>

namespace httpcore
{

RequestId::RequestId(Settings settings, HandlerPtr next) : m_settings(std::move(settings)), m_next(std::move(next)) {}

Middleware RequestId::middleware(Settings settings)
{
    return [settings = std::move(settings)](HandlerPtr next) -> HandlerPtr {
        return std::make_shared<const RequestId>(settings, std::move(next));
    };
}

bool RequestId::isWellFormed(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray RequestId::generate()
{
    std::array<quint32, 4> words;
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words)).toHex();
}

void RequestId::serveHttp(const ResponsePtr &w, const Request &r) const
{
    const QByteArrayView incoming = r.header.value(m_settings.headerName);
    const bool keep = m_settings.trustIncoming && r.header.count(m_settings.headerName) == 1 && isWellFormed(incoming);
    if (keep) {
        w->header().set(m_settings.headerName, incoming);
        m_next->serveHttp(w, r);
        return;
    }
    const QByteArray id = generate();
    w->header().set(m_settings.headerName, id);
    // Request is a value type: the copy carries the new identifier; body and journey stay shared.
    Request copy = r;
    copy.header.set(m_settings.headerName, id);
    m_next->serveHttp(w, copy);
}

} // namespace httpcore
