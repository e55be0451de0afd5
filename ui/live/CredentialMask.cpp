#include "ui/live/CredentialMask.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

// maskPairs masks the value of every "name=value" item of a ';'-separated list: all items for Cookie, only the
// first (the cookie itself; the rest are attributes such as Path) for Set-Cookie.
QString maskPairs(const QString &value, bool allItems)
{
    QStringList items = value.split(u';');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0 && !allItems)
            break;
        const qsizetype eq = items[i].indexOf(u'=');
        items[i] = eq < 0 ? CredentialMask::masked() : items[i].first(eq + 1) + CredentialMask::masked();
    }
    return items.join(u';');
}

} // namespace

bool CredentialMask::isCredential(QStringView name)
{
    for (const QLatin1StringView exact : {"authorization"_L1, "proxy-authorization"_L1, "cookie"_L1, "set-cookie"_L1}) {
        if (name.compare(exact, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const QLatin1StringView part :
         {"api-key"_L1, "apikey"_L1, "api_key"_L1, "token"_L1, "secret"_L1, "password"_L1}) {
        if (name.contains(part, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString CredentialMask::maskValue(QStringView name, const QString &value)
{
    if (!isCredential(name))
        return value;
    if (name.compare("cookie"_L1, Qt::CaseInsensitive) == 0)
        return maskPairs(value, true);
    if (name.compare("set-cookie"_L1, Qt::CaseInsensitive) == 0)
        return maskPairs(value, false);
    if (name.endsWith("authorization"_L1, Qt::CaseInsensitive)) {
        // RFC 9110 §11.4: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]; the scheme is no secret.
        const qsizetype space = value.indexOf(u' ');
        if (space > 0)
            return value.first(space + 1) + masked();
    }
    return masked();
}

QList<std::pair<QString, QString>> CredentialMask::maskFields(const QList<std::pair<QString, QString>> &fields)
{
    QList<std::pair<QString, QString>> masked;
    masked.reserve(fields.size());
    for (const auto &[name, value] : fields)
        masked.append({name, maskValue(name, value)});
    return masked;
}

QByteArray CredentialMask::maskDump(const QByteArray &dump)
{
    const qsizetype headEnd = dump.indexOf("\r\n\r\n");
    const qsizetype end = headEnd < 0 ? dump.size() : headEnd;
    QByteArray out;
    out.reserve(dump.size());
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart < end) {
        qsizetype lineEnd = dump.indexOf('\n', lineStart);
        if (lineEnd < 0 || lineEnd > end)
            lineEnd = end;
        QByteArray line = dump.mid(lineStart, lineEnd - lineStart);
        const bool cr = line.endsWith('\r');
        if (cr)
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (!first && colon > 0) {
            const QString name = QString::fromLatin1(line.first(colon));
            const QString value = QString::fromUtf8(line.mid(colon + 1).trimmed());
            if (isCredential(name))
                line = line.first(colon) + ": " + maskValue(name, value).toUtf8();
        }
        out.append(line);
        if (cr)
            out.append('\r');
        if (lineEnd < end)
            out.append('\n');
        lineStart = lineEnd + 1;
        first = false;
    }
    out.append(dump.mid(end));
    return out;
}

} // namespace ui
