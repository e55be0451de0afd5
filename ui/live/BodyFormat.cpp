#include "ui/live/BodyFormat.h"

#include "httpcore/ContentSniffer.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

// The capture's notice: CRLF "[... " digits " more bytes not shown]" CRLF, at the very end of a dump.
const QRegularExpression &noticePattern()
{
    static const QRegularExpression pattern(uR"((?:\r\n)?\[\.\.\. (\d+) more bytes not shown\]\r\n$)"_s);
    return pattern;
}

QString mediaType(const QString &contentType)
{
    return contentType.section(u';', 0, 0).trimmed().toLower();
}

} // namespace

bool BodyFormat::isTextual(const QByteArray &body)
{
    // Stateless: a sequence cut at the end is an error, not state kept for a next chunk.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    if (decoder.hasError())
        return false;
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t' && c != u'\f')
            return false;
    }
    return true;
}

BodyFormat::Kind BodyFormat::detect(const QByteArray &body, const QString &contentType)
{
    if (!isTextual(body))
        return Kind::Hex;
    const QString type = mediaType(contentType);
    if (type == "application/json"_L1 || type.endsWith("+json"_L1))
        return Kind::Json;
    const bool undeclared = type.isEmpty() || type == "text/plain"_L1 || type == "application/octet-stream"_L1;
    if (undeclared && !prettyJson(body).isEmpty())
        return Kind::Json;
    if (type.startsWith("text/"_L1) || type.endsWith("xml"_L1) || type.contains("javascript"_L1) ||
        type == "application/x-www-form-urlencoded"_L1)
        return Kind::Text;
    if (undeclared && httpcore::detectContentType(body, true).startsWith("text/"))
        return Kind::Text;
    return Kind::Hex;
}

QString BodyFormat::render(const QByteArray &body, Kind kind)
{
    switch (kind) {
    case Kind::Json: {
        const QString pretty = prettyJson(body);
        return pretty.isEmpty() ? QString::fromUtf8(body) : pretty;
    }
    case Kind::Text:
        return QString::fromUtf8(body);
    case Kind::Hex:
        return hexDump(body);
    }
    return {};
}

QString BodyFormat::prettyJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return {};
    QString text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

QString BodyFormat::hexDump(const QByteArray &body)
{
    QString out;
    out.reserve(body.size() * 4 + body.size() / 16 * 12);
    for (qsizetype row = 0; row < body.size(); row += 16) {
        out += u"%1  "_s.arg(qlonglong(row), 8, 16, QChar(u'0'));
        QString ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < body.size()) {
                const auto byte = static_cast<unsigned char>(body[i]);
                out += u"%1 "_s.arg(uint(byte), 2, 16, QChar(u'0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                out += u"   "_s;
            }
            if (i == row + 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    if (out.endsWith(u'\n'))
        out.chop(1);
    return out;
}

QByteArray BodyFormat::stripNotShownNotice(const QByteArray &body)
{
    const QString text = QString::fromLatin1(body.right(64));
    const QRegularExpressionMatch match = noticePattern().match(text);
    if (!match.hasMatch())
        return body;
    return body.first(body.size() - (text.size() - match.capturedStart()));
}

qint64 BodyFormat::notShownBytes(const QByteArray &body)
{
    const QRegularExpressionMatch match = noticePattern().match(QString::fromLatin1(body.right(64)));
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

} // namespace ui
