#include "httpcore/Request.h"

namespace httpcore
{

QByteArray Request::versionString() const
{
    switch (version) {
    case HttpVersion::Http10:
        return QByteArrayLiteral("HTTP/1.0");
    case HttpVersion::Http11:
        return QByteArrayLiteral("HTTP/1.1");
    }
    Q_UNREACHABLE();
}

QByteArray Request::pathValue(QByteArrayView name) const
{
    for (const auto &[key, value] : pathValues) {
        if (key == name)
            return value;
    }
    return {};
}

} // namespace httpcore
