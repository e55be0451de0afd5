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

} // namespace httpcore
