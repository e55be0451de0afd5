#pragma once

#include <QUrl>
#include <QtGlobal>

#include <chrono>
#include <memory>

namespace mock
{

class ProxyRecorder;

// ProxyOptions configures a ProxyHandler. A regular value type with no thread affinity.
struct ProxyOptions
{
    // DefaultMaxRequestBodyBytes is the default of maxRequestBodyBytes: 32 MiB.
    static constexpr qint64 DefaultMaxRequestBodyBytes = 32 * 1024 * 1024;

    // upstream is the base URL requests are forwarded to: an absolute http or https URL. The request's escaped
    // path is appended to its path ("http://h:9000/base" + "/users/1" gives "http://h:9000/base/users/1") and
    // the request's query to its query.
    QUrl upstream;
    // timeout bounds the wait for the upstream's response head, from the moment the request is handed to the
    // network; on expiry the client is answered 504. The body that follows the head is not timed (a stream may
    // idle for long). Zero means no timeout.
    std::chrono::milliseconds timeout{30'000};
    // maxRequestBodyBytes caps the request body the proxy reads (it is sent to the upstream whole, not streamed);
    // a longer body is answered 413 without contacting the upstream.
    qint64 maxRequestBodyBytes = DefaultMaxRequestBodyBytes;
    // recorder, when set, turns every completed exchange into a route (the record switch). Shared and
    // thread-safe; null means no recording.
    std::shared_ptr<ProxyRecorder> recorder;

    friend bool operator==(const ProxyOptions &, const ProxyOptions &) = default;
};

} // namespace mock
