#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/proxy/RecordedExchange.h"

#include <QSet>
#include <QString>

#include <functional>
#include <mutex>

namespace mock
{

// ProxyRecorder turns proxied exchanges into routes (the proxy's record switch) and hands each new route to a
// sink: the GUI or the headless runner adds it to the route set.
//
// A route is recorded once per literal pattern ("METHOD /path", see literalPattern()): a later exchange for the
// same method and path, whatever its query, is counted as a duplicate and dropped, so the set never receives two
// routes whose patterns conflict. The route: a fresh id (recordedRouteId()), enabled, a note naming the upstream
// URL the exchange went to, RouteMode::Rules and one default response (recordedResponse()). Its body:
//   - inline text when the whole body was captured and isInlineText() holds (the bytes as received);
//   - otherwise (binary or content-encoded bytes), with a recordings directory, a file there named after the
//     route id holding the bytes exactly as received, referred to by an absolute bodyFile path, with the
//     Content-Encoding field kept (the file holds the encoded bytes);
//   - otherwise, or when the body was longer than maxBodyBytes() or the file cannot be written: no body, no
//     Content-Encoding, and a note saying why. The route is still recorded (status and headers are useful).
// Exchanges whose path gives no valid pattern are counted as skipped.
//
// Thread affinity: none; record() and the counters are thread-safe. The sink is called on the thread calling
// record() (a worker thread), outside the recorder's lock, and must be thread-safe.
class ProxyRecorder final
{
public:
    using Sink = std::function<void(Route route)>;

    // DefaultMaxBodyBytes is the default cap of a recorded body: 1 MiB.
    static constexpr qint64 DefaultMaxBodyBytes = 1024 * 1024;

    // ProxyRecorder delivers routes to sink. recordingsDirectory, when not empty, receives the body files of
    // binary bodies (created when needed); maxBodyBytes caps the body captured per exchange.
    explicit ProxyRecorder(Sink sink, QString recordingsDirectory = {}, qint64 maxBodyBytes = DefaultMaxBodyBytes);
    Q_DISABLE_COPY_MOVE(ProxyRecorder)

    // record records exchange unless its pattern was recorded before; returns whether the sink got a route.
    // It may write a body file (at most maxBodyBytes bytes) on the calling thread.
    bool record(const RecordedExchange &exchange);
    // forget lets pattern be recorded again (for when the user deleted the route recorded for it).
    void forget(const QString &pattern);

    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    const QString &recordingsDirectory() const { return m_directory; }
    // recordedCount counts routes handed to the sink; duplicateCount exchanges dropped because their pattern
    // was recorded before; skippedCount exchanges whose path gives no valid pattern.
    int recordedCount() const;
    int duplicateCount() const;
    int skippedCount() const;

private:
    Route buildRoute(const RecordedExchange &exchange, const QString &pattern) const;
    // storeBody sets response's body from exchange and returns why it was left out, or an empty string.
    QString storeBody(const RecordedExchange &exchange, const QString &id, MockResponse &response) const;

    const Sink m_sink;
    const QString m_directory;
    const qint64 m_maxBodyBytes;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex: the patterns recorded so far, and the counters.
    QSet<QString> m_patterns;
    int m_recorded = 0;
    int m_duplicates = 0;
    int m_skipped = 0;
};

} // namespace mock
