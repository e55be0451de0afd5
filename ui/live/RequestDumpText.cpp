#include "ui/live/RequestDumpText.h"

#include <QStringList>

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

QString curlCommand(const QByteArray &dump, const QString &baseUrl)
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
    else if (method != "GET"_L1)
        command << u"-X"_s << method;
    for (const auto &[name, value] : parts.fields) {
        if (name.compare("Host"_L1, Qt::CaseInsensitive) == 0 ||
            name.compare("Content-Length"_L1, Qt::CaseInsensitive) == 0 ||
            name.compare("Connection"_L1, Qt::CaseInsensitive) == 0)
            continue;
        command << u"-H"_s << shellQuote(name + u": "_s + value);
    }
    command.append(shellQuote(url));
    return command.join(u' ');
}

} // namespace ui
