#include "ui/routes/JsonBodyText.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

bool JsonBodyText::isJsonContentType(const QString &contentType)
{
    const QString mediaType = contentType.section(u';', 0, 0).trimmed().toLower();
    return mediaType == u"application/json" || mediaType == u"text/json" || mediaType.endsWith(u"+json");
}

// tagEnd returns the index just past the mustache tag that starts at start ("{{...}}" or "{{{...}}}"), or -1
// when it is not closed.
qsizetype JsonBodyText::tagEnd(const QString &text, qsizetype start)
{
    const bool triple = QStringView(text).mid(start).startsWith(u"{{{");
    const QString close = triple ? u"}}}"_s : u"}}"_s;
    const qsizetype end = text.indexOf(close, start + (triple ? 3 : 2));
    return end < 0 ? -1 : end + close.size();
}

std::optional<QString> JsonBodyText::problem(const QString &text, bool templated)
{
    QString substituted;
    substituted.reserve(text.size());
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            substituted += c;
            if (c == u'\\' && i + 1 < text.size())
                substituted += text[++i];
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (templated && QStringView(text).mid(i).startsWith(u"{{")) {
            const qsizetype end = tagEnd(text, i);
            if (end > 0) {
                const QChar kind = text.at(i + 2);
                const bool section = kind == u'#' || kind == u'/' || kind == u'^' || kind == u'!';
                if (!section)
                    substituted += u'0';
                i = end - 1;
                continue;
            }
        }
        if (c == u'"')
            inString = true;
        substituted += c;
    }

    // QJsonDocument reads only arrays and objects at the top level; JSON (RFC 8259) allows any value there.
    const QByteArray utf8 = substituted.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson('[' + utf8 + ']', &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;
    // The offset is in UTF-8 bytes (one more for the '['); count lines and characters up to it.
    const QString before = QString::fromUtf8(utf8.left(std::max(0, error.offset - 1)));
    const qsizetype lineStart = before.lastIndexOf(u'\n') + 1;
    return u"line %1, column %2: %3"_s.arg(before.count(u'\n') + 1)
        .arg(before.size() - lineStart + 1)
        .arg(error.errorString());
}

std::optional<QString> JsonBodyText::prettyPrinted(const QString &text, bool templated)
{
    if (problem(text, templated))
        return std::nullopt;
    QString out;
    int depth = 0;
    const auto newline = [&out, &depth] { out += u'\n' + QString(2 * depth, u' '); };
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            out += c;
            if (c == u'\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (templated && QStringView(text).mid(i).startsWith(u"{{")) {
            const qsizetype end = tagEnd(text, i);
            if (end > 0) {
                out += text.mid(i, end - i);
                i = end - 1;
                continue;
            }
        }
        if (c == u'{' || c == u'[') {
            qsizetype next = i + 1;
            while (next < text.size() && text[next].isSpace())
                ++next;
            const QChar close = c == u'{' ? u'}' : u']';
            out += c;
            if (next < text.size() && text[next] == close) {
                out += close;
                i = next;
                continue;
            }
            ++depth;
            newline();
        } else if (c == u'}' || c == u']') {
            --depth;
            newline();
            out += c;
        } else if (c == u',') {
            out += c;
            newline();
        } else if (c == u':') {
            out += u": "_s;
        } else if (c == u'"') {
            inString = true;
            out += c;
        } else if (!c.isSpace()) {
            out += c;
        }
    }
    if (text.endsWith(u'\n'))
        out += u'\n';
    return out;
}

} // namespace ui
