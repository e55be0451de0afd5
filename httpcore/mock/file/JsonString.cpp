#include "httpcore/mock/file/JsonString.h"

#include <QString>

namespace mock
{

namespace
{

constexpr char Hex[] = "0123456789abcdef";

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    out.append("\\u")
        .append(Hex[(unit >> 12) & 0xf])
        .append(Hex[(unit >> 8) & 0xf])
        .append(Hex[(unit >> 4) & 0xf])
        .append(Hex[unit & 0xf]);
}

// isLoneSurrogate reports whether text[i] is half of a surrogate pair without its other half.
bool isLoneSurrogate(QStringView text, qsizetype i)
{
    const QChar c = text[i];
    if (c.isHighSurrogate())
        return i + 1 >= text.size() || !text[i + 1].isLowSurrogate();
    if (c.isLowSurrogate())
        return i == 0 || !text[i - 1].isHighSurrogate();
    return false;
}

} // namespace

void JsonString::appendEscapedUtf8(QByteArray &out, QByteArrayView utf8)
{
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                appendUnicodeEscape(out, char16_t(static_cast<unsigned char>(c)));
            else
                out.append(c);
        }
    }
}

void JsonString::appendQuoted(QByteArray &out, QStringView text)
{
    out.append('"');
    // Runs of well-formed UTF-16 go through toUtf8() at once; only a lone surrogate breaks a run.
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!text[i].isSurrogate() || !isLoneSurrogate(text, i))
            continue;
        appendEscapedUtf8(out, text.sliced(runStart, i - runStart).toUtf8());
        appendUnicodeEscape(out, text[i].unicode());
        runStart = i + 1;
    }
    appendEscapedUtf8(out, text.sliced(runStart).toUtf8());
    out.append('"');
}

} // namespace mock
