#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArrayList>
#include <QString>

#include <utility>
#include <vector>

namespace httpcore
{

// AuthGate lets only authenticated requests reach the next handler, for mocks of protected APIs: HTTP Basic
// (RFC 7617) against a list of user/password pairs, or Bearer (RFC 6750) against a list of tokens. A request with
// missing, malformed or wrong credentials is answered "401 Unauthorized" with a WWW-Authenticate challenge
// (`Basic realm="...", charset="UTF-8"` or `Bearer realm="..."`, plus `error="invalid_token"` when a wrong token
// was presented) and never reaches the next handler. The scheme name compares case-insensitively.
//
// Credentials are compared through SHA-256 digests with constantTimeEquals(), and every configured entry is
// checked, so the time taken does not reveal which part of a guess was right, nor the secrets' lengths.
//
// A CORS preflight carries no credentials: put a Cors layer outside this one.
//
// Thread affinity: none (a Handler).
class AuthGate final : public Handler
{
public:
    enum class Scheme
    {
        Basic,
        Bearer
    };

    // Settings configures an AuthGate.
    struct Settings
    {
        Scheme scheme = Scheme::Basic;
        // realm names the protection space in the challenge.
        QByteArray realm = QByteArrayLiteral("switchboard");
        // users are the accepted Basic user-id/password pairs (UTF-8).
        std::vector<std::pair<QByteArray, QByteArray>> users;
        // tokens are the accepted Bearer tokens.
        QByteArrayList tokens;
    };

    AuthGate(const Settings &settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in an AuthGate with settings.
    static Middleware middleware(Settings settings);

    // isAuthorized reports whether authorization (an Authorization field value; empty when absent) carries
    // accepted credentials. Thread-safe.
    bool isAuthorized(QByteArrayView authorization) const;
    // challenge returns the WWW-Authenticate value of a 401 answer; invalidToken adds RFC 6750's
    // error="invalid_token" to a Bearer challenge.
    QByteArray challenge(bool invalidToken) const;

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    bool checkBasic(QByteArrayView credentials) const;
    bool checkBearer(QByteArrayView token) const;

    const Scheme m_scheme;
    const QByteArray m_realm;
    const HandlerPtr m_next;
    // Digests of "user:password" (Basic) or of the tokens (Bearer), computed once.
    std::vector<QByteArray> m_digests;
};

} // namespace httpcore
