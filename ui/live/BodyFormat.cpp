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

// The capture's notices, each a line of its own (see httpcore::CapturedExchange).
const QRegularExpression &noticePattern()
{
    static const QRegularExpression pattern(
        uR"(^\[\.\.\. (?:(\d+) more bytes|rest of the chunked body) not (shown|read by the handler|received: [^\]]*)\]$)"_s);
    return pattern;
}

// splitNotices returns body without its trailing notice lines, and puts those lines, in order, in found.
QByteArray splitNotices(const QByteArray &body, QList<QByteArray> *found)
{
    QByteArray rest = body;
    while (rest.endsWith("]\r\n")) {
        const qsizetype end = rest.size() - 2;
        const qsizetype crlf = rest.lastIndexOf("\r\n", end - 1);
        const qsizetype start = crlf < 0 ? 0 : crlf + 2;
        const QByteArray line = rest.sliced(start, end - start);
        if (!line.startsWith("[... ") || !noticePattern().match(QString::fromUtf8(line)).hasMatch())
            break;
        found->prepend(line);
        rest.truncate(start);
    }
    // The capture starts the first notice on a line of its own.
    if (!found->isEmpty() && rest.endsWith("\r\n"))
        rest.chop(2);
    return rest;
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

QByteArray BodyFormat::stripNotices(const QByteArray &body)
{
    QList<QByteArray> found;
    return splitNotices(body, &found);
}

QList<QByteArray> BodyFormat::notices(const QByteArray &body)
{
    QList<QByteArray> found;
    splitNotices(body, &found);
    return found;
}

} // namespace ui
