#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArray>

namespace httpcore
{

// RequestId gives every exchange an identifier in the X-Request-Id field (configurable): the client's own value
// when it sent a well-formed one (see isWellFormed()) and trustIncoming is set, else a fresh one of 16 random
// bytes in lower-case hex (QRandomGenerator::system(), thread-safe). The identifier is set on the response before
// the next handler runs and, on a copy of the request, on the request header the next handler sees (replacing
// any malformed or untrusted value), so logging and capture layers further in can report it.
//
// Thread affinity: none (a Handler).
class RequestId final : public Handler
{
public:
    // Settings configures a RequestId.
    struct Settings
    {
        // headerName is the request and response field that carries the identifier.
        QByteArray headerName = QByteArrayLiteral("X-Request-Id");
        // trustIncoming keeps a well-formed identifier sent by the client.
        bool trustIncoming = true;
    };

    RequestId(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a RequestId with settings.
    static Middleware middleware(Settings settings);

    // isWellFormed reports whether id is acceptable from a client: 1 to 128 bytes of ASCII letters, digits and
    // "-", "_", ".", ":" (UUIDs, hex, ULIDs; nothing that could confuse a log line).
    static bool isWellFormed(QByteArrayView id);
    // generate returns a fresh identifier: 32 lower-case hex digits. Thread-safe.
    static QByteArray generate();

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    const Settings m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
