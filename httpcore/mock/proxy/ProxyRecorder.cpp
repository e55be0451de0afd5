#include "httpcore/mock/proxy/ProxyRecorder.h"

#include "httpcore/mock/proxy/RecordedRoute.h"
#include "httpcore/mux/Pattern.h"

#include <QDir>
#include <QLoggingCategory>
#include <QMimeDatabase>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

Q_LOGGING_CATEGORY(lcRecorder, "switchboard.mock.proxy.recorder", QtInfoMsg)

// bodyFileSuffix names a body file after what it holds: the media type's usual suffix (".png"), ".bin" when
// there is none, and ".gz" after it for a gzip-encoded body.
QString bodyFileSuffix(const httpcore::Header &header)
{
    QString suffix = u".bin"_s;
    const QByteArrayView type = header.value("Content-Type");
    if (!type.isEmpty()) {
        const QString name = QString::fromUtf8(type).section(u';', 0, 0).trimmed();
        const QMimeType mime = QMimeDatabase().mimeTypeForName(name);
        if (mime.isValid() && !mime.preferredSuffix().isEmpty())
            suffix = u'.' + mime.preferredSuffix();
    }
    if (httpcore::hasToken(header.value("Content-Encoding"), "gzip"))
        suffix += u".gz"_s;
    return suffix;
}

} // namespace

ProxyRecorder::ProxyRecorder(Sink sink, QString recordingsDirectory, qint64 maxBodyBytes)
    : m_sink(std::move(sink)), m_directory(std::move(recordingsDirectory)), m_maxBodyBytes(maxBodyBytes)
{}

bool ProxyRecorder::record(const RecordedExchange &exchange)
{
    const QString pattern = literalPattern(exchange.method, exchange.rawPath);
    if (!httpcore::Pattern::parse(pattern.toUtf8())) {
        qCWarning(lcRecorder) << "not recording" << pattern << "(not a valid pattern)";
        std::lock_guard lock(m_mutex);
        ++m_skipped;
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        if (m_patterns.contains(pattern)) {
            ++m_duplicates;
            return false;
        }
        m_patterns.insert(pattern);
        ++m_recorded;
    }
    Route route = buildRoute(exchange, pattern);
    qCInfo(lcRecorder) << "recorded route" << route.id << "for" << pattern;
    if (m_sink)
        m_sink(std::move(route));
    return true;
}

void ProxyRecorder::forget(const QString &pattern)
{
    std::lock_guard lock(m_mutex);
    m_patterns.remove(pattern);
}

int ProxyRecorder::recordedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_recorded;
}

int ProxyRecorder::duplicateCount() const
{
    std::lock_guard lock(m_mutex);
    return m_duplicates;
}

int ProxyRecorder::skippedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_skipped;
}

Route ProxyRecorder::buildRoute(const RecordedExchange &exchange, const QString &pattern) const
{
    Route route;
    route.id = recordedRouteId(pattern);
    route.pattern = pattern;
    route.enabled = true;
    route.mode = RouteMode::Rules;
    route.note = u"Recorded by the proxy from %1 %2."_s.arg(QString::fromLatin1(exchange.method),
                                                            exchange.upstreamUrl.toString(QUrl::FullyEncoded));
    MockResponse response = recordedResponse(exchange.status, exchange.responseHeader, true);
    const QString omitted = storeBody(exchange, route.id, response);
    if (!omitted.isEmpty()) {
        response = recordedResponse(exchange.status, exchange.responseHeader, false);
        route.note += u" Body not recorded: "_s + omitted + u'.';
    }
    route.responses.append(response);
    return route;
}

QString ProxyRecorder::storeBody(const RecordedExchange &exchange, const QString &id, MockResponse &response) const
{
    if (exchange.bodyBytes == 0)
        return {};
    if (!exchange.isBodyComplete() || exchange.bodyBytes > m_maxBodyBytes)
        return u"%1 bytes, over the recording limit of %2 bytes"_s.arg(exchange.bodyBytes).arg(m_maxBodyBytes);
    if (isInlineText(exchange.body, exchange.responseHeader)) {
        response.body = QString::fromUtf8(exchange.body);
        return {};
    }
    if (m_directory.isEmpty())
        return u"%1 bytes of binary or encoded content, and no recordings directory"_s.arg(exchange.bodyBytes);
    const QDir directory(m_directory);
    if (!directory.mkpath(u"."_s))
        return u"cannot create the recordings directory %1"_s.arg(m_directory);
    const QString path = directory.absoluteFilePath(id + bodyFileSuffix(exchange.responseHeader));
    // QSaveFile: a reader never sees a half-written body file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exchange.body) != exchange.body.size() || !file.commit()) {
        qCWarning(lcRecorder) << "cannot write body file" << path << file.errorString();
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    }
    response.bodyFile = path;
    return {};
}

} // namespace mock
