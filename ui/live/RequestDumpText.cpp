#include "ui/live/RequestDumpText.h"

#include "ui/live/BodyFormat.h"
#include "ui/live/CredentialMask.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

DumpParts splitDump(const QByteArray &dump)
{
    DumpParts parts;
    qsizetype end = dump.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? dump : dump.first(end);
    if (end >= 0)
        parts.body = dump.mid(end + 4);
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == 0) {
            parts.startLine = QString::fromUtf8(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        parts.fields.append({QString::fromLatin1(line.first(colon)), QString::fromUtf8(line.mid(colon + 1).trimmed())});
    }
    return parts;
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

namespace
{

// buildCurl returns the command line of dump's request (see curlCommand()) with data, a shell word, as the body
// when it is not empty, followed by note, a shell comment, when that is not empty.
QString buildCurl(const QByteArray &dump, const QString &baseUrl, const QString &data, const QString &note)
{
    const DumpParts parts = splitDump(dump);
    const QStringList words = parts.startLine.split(u' ', Qt::SkipEmptyParts);
    const QString method = words.value(0, u"GET"_s);
    QString target = words.value(1, u"/"_s);
    // An absolute-form target already names its server.
    const QString url = target.startsWith(u'/') ? baseUrl + target : target;
    QStringList command{u"curl"_s};
    if (method == "HEAD"_L1)
        command.append(u"--head"_s);
    else if (data.isEmpty() ? method != "GET"_L1 : method != "POST"_L1) // curl sends data as a POST by default
        command << u"-X"_s << method;
    for (const auto &[name, value] : parts.fields) {
        if (name.compare("Host"_L1, Qt::CaseInsensitive) == 0 ||
            name.compare("Content-Length"_L1, Qt::CaseInsensitive) == 0 ||
            name.compare("Connection"_L1, Qt::CaseInsensitive) == 0)
            continue;
        command << u"-H"_s << shellQuote(name + u": "_s + value);
    }
    if (!data.isEmpty())
        command << u"--data-binary"_s << data;
    command.append(shellQuote(url));
    if (!note.isEmpty())
        command.append(u"# body not included: "_s + note);
    return command.join(u' ');
}

// omittedBodyNote says why capture's request body cannot be repeated, or is empty when it can (or there is none).
QString omittedBodyNote(const httpcore::CapturedExchange &capture)
{
    const qint64 read = capture.requestBodyRead;
    const qint64 size = requestBodySize(capture);
    if (!capture.requestBodyComplete) {
        if (requestBodyFailed(capture))
            return u"it ended with an error after %1 bytes"_s.arg(read);
        if (read == 0)
            return u"the handler did not read it (%1)"_s.arg(size < 0 ? u"unknown length"_s : u"%1 bytes"_s.arg(size));
        if (size < 0)
            return u"the handler read only %1 bytes of a body of unknown length"_s.arg(read);
        return u"the handler read only %1 of %2 bytes"_s.arg(read).arg(size);
    }
    if (capture.requestBodyTruncated) {
        if (capture.requestBody.isEmpty())
            return u"it was not captured (%1 bytes)"_s.arg(read);
        return u"only the first %1 of %2 bytes were captured"_s.arg(capture.requestBody.size()).arg(read);
    }
    if (capture.requestBody.isEmpty())
        return {};
    if (capture.method == "HEAD")
        return u"curl sends no body with --head"_s;
    if (!BodyFormat::isTextual(capture.requestBody))
        return u"%1 bytes of binary data"_s.arg(capture.requestBody.size());
    return {};
}

} // namespace

qint64 requestBodySize(const httpcore::CapturedExchange &capture)
{
    // Incomplete, a chunked body's requestBodyBytes counts what was received, not its size.
    const bool unknown = capture.requestBodyBytes < 0 ||
                         (!capture.requestBodyComplete && capture.requestBodyBytes <= capture.requestBodyRead);
    return unknown ? -1 : capture.requestBodyBytes;
}

bool requestBodyFailed(const httpcore::CapturedExchange &capture)
{
    if (capture.requestBodyComplete)
        return false;
    const QList<QByteArray> notices = BodyFormat::notices(capture.request);
    return std::any_of(notices.cbegin(), notices.cend(),
                       [](const QByteArray &notice) { return notice.contains(" not received: "); });
}

QString curlCommand(const QByteArray &dump, const QString &baseUrl)
{
    return buildCurl(dump, baseUrl, {}, {});
}

QString curlCommand(const httpcore::CapturedExchange &capture, const QString &baseUrl, bool maskCredentials)
{
    const QByteArray dump = maskCredentials ? CredentialMask::maskDump(capture.request) : capture.request;
    const QString note = omittedBodyNote(capture);
    const bool withBody = note.isEmpty() && !capture.requestBody.isEmpty();
    return buildCurl(dump, baseUrl, withBody ? shellQuote(QString::fromUtf8(capture.requestBody)) : QString(), note);
}

} // namespace ui
