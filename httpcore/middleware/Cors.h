#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArrayList>

namespace httpcore
{

// Cors implements Cross-Origin Resource Sharing (the Fetch standard's CORS protocol) for mocks called from
// browsers.
//
// A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here with 204 and never reaches
// the next handler: when the origin, the requested method and every requested header are allowed it carries
// Access-Control-Allow-Origin, -Allow-Methods (the requested method), -Allow-Headers (the requested headers),
// -Allow-Credentials and -Max-Age as configured; otherwise it carries no CORS field and the browser refuses the
// request. An actual request from an allowed origin gets Access-Control-Allow-Origin (and -Allow-Credentials,
// -Expose-Headers) on its response, set before the next handler runs (which may still change them); a
// disallowed origin gets no CORS field. Responses always get "Vary: Origin" (preflights also vary on the
// request-method and request-headers fields), so caches keep per-origin answers apart.
//
// With allowCredentials the answer never is "*": the request's origin is echoed, as the Fetch standard requires.
// Origins compare case-insensitively; an allowed-origin entry may hold one "*" wildcard ("https://*.example.com").
// CORS-safelisted methods (GET, HEAD, POST) are always allowed, as browsers do not check them.
//
// Thread affinity: none (a Handler); the decision functions are pure and thread-safe.
class Cors final : public Handler
{
public:
    // Settings configures a Cors. The defaults suit a local mock server: any origin, the usual methods, any
    // request header, no credentials.
    struct Settings
    {
        // allowedOrigins lists exact origins ("https://app.example:8443"), patterns with one "*", or "*" (any).
        QByteArrayList allowedOrigins{QByteArrayLiteral("*")};
        // allowedMethods lists methods a preflight may ask for, case-sensitive; "*" allows any.
        QByteArrayList allowedMethods{QByteArrayLiteral("GET"),   QByteArrayLiteral("HEAD"),
                                      QByteArrayLiteral("POST"),  QByteArrayLiteral("PUT"),
                                      QByteArrayLiteral("PATCH"), QByteArrayLiteral("DELETE")};
        // allowedHeaders lists request header names a preflight may ask for, case-insensitive; "*" allows any.
        QByteArrayList allowedHeaders{QByteArrayLiteral("*")};
        // exposedHeaders lists response header names scripts may read (Access-Control-Expose-Headers).
        QByteArrayList exposedHeaders;
        bool allowCredentials = false;
        // maxAgeSeconds is how long a browser may cache a preflight answer; 0 sends no Access-Control-Max-Age.
        int maxAgeSeconds = 0;
    };

    Cors(Settings settings, HandlerPtr next);

    // middleware returns the Middleware that wraps its next handler in a Cors with settings.
    static Middleware middleware(Settings settings);

    // isPreflight reports whether r is a CORS preflight request.
    static bool isPreflight(const Request &r);
    // allowsOrigin reports whether origin (an Origin field value) is allowed.
    bool allowsOrigin(QByteArrayView origin) const;
    // allowsMethod reports whether a preflight may ask for method.
    bool allowsMethod(QByteArrayView method) const;
    // allowsHeaders reports whether every name of the comma-separated list requested (an
    // Access-Control-Request-Headers value) is allowed.
    bool allowsHeaders(QByteArrayView requested) const;
    // addPreflightHeaders adds the fields answering preflight r to out.
    void addPreflightHeaders(const Request &r, Header &out) const;
    // addResponseHeaders adds the fields of the response to actual request r to out.
    void addResponseHeaders(const Request &r, Header &out) const;

    void serveHttp(const ResponsePtr &w, const Request &r) const override;

private:
    void addAllowOrigin(QByteArrayView origin, Header &out) const;

    const Settings m_settings;
    const HandlerPtr m_next;
};

} // namespace httpcore
