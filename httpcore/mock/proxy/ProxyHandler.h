#pragma once

#include "httpcore/Expected.h"
#include "httpcore/Handler.h"
#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/proxy/ProxyOptions.h"

#include <QString>

#include <memory>

namespace mock
{

// ProxyHandler forwards every request it serves to an upstream base URL and relays the answer (Go's
// httputil.ReverseProxy); installed as the mux's not-found handler, it is the proxy fallback of a route set.
//
// For each request: the body, if any, is read whole (up to ProxyOptions::maxRequestBodyBytes, else 413); the
// request goes upstream as forwardedRequest() describes (method, upstreamUrl() joining path and query, end-to-end
// header, X-Forwarded-Host and -Proto, Accept-Encoding untouched or "identity") over HTTP/1.1 through the worker
// thread's pooled QNetworkAccessManager, redirects not followed, no cookies kept; the answer is relayed as
// ProxyExchange describes (streamed and paced, 502 and 504 on failure, the upstream request aborted when the
// client goes away). Request targets in authority or asterisk form (CONNECT, "OPTIONS *") are answered 501.
// With ProxyOptions::recorder set, each completed exchange is recorded.
//
// Thread affinity: none; immutable once made, serveHttp() is called concurrently from worker threads and never
// blocks. The handler may be released while exchanges it started are in flight: they keep what they need.
class ProxyHandler final : public httpcore::Handler
{
public:
    // make returns a handler for options, or an error when options.upstream is not an absolute http or https
    // URL with a host (`upstream "ftp://x" is not an absolute http or https URL`).
    [[nodiscard]] static httpcore::Expected<httpcore::HandlerPtr, QString> make(ProxyOptions options);
    // fromSettings makes the handler a route set's ProxySettings describe: its upstream (parsed strictly),
    // the default timeout and body cap, and recorder when settings.record is on (recorder may be null when it is
    // off). It does not look at settings.enabled: whether to install the handler is the caller's choice.
    [[nodiscard]] static httpcore::Expected<httpcore::HandlerPtr, QString>
    fromSettings(const ProxySettings &settings, std::shared_ptr<ProxyRecorder> recorder);

    void serveHttp(const httpcore::ResponsePtr &w, const httpcore::Request &r) const override;

    const ProxyOptions &options() const { return *m_options; }

private:
    explicit ProxyHandler(std::shared_ptr<const ProxyOptions> options);

    // Shared with the exchanges in flight, which may outlive the handler.
    const std::shared_ptr<const ProxyOptions> m_options;
};

} // namespace mock
