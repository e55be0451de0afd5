#include "httpcore/ContentSniffer.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <array>
#include <string_view>

using namespace std::string_view_literals;

namespace httpcore
{

namespace
{

// WHATWG MIME Sniffing §5.2 step 2 (and Go's sniffLen): only the first 512 bytes decide.
constexpr qsizetype SniffLength = 512;

enum class SignatureKind
{
    // Html: the pattern after leading whitespace, ASCII letters compared case-insensitively, followed by a
    // tag-terminating byte (SP or '>'), WHATWG §7.1.
    Html,
    // Masked: data & mask == pattern byte by byte, WHATWG §4 "pattern matching algorithm".
    Masked,
    // Exact: data starts with pattern.
    Exact,
    // Mp4: the ISO base media file "ftyp" box with an "mp4" brand, WHATWG §6.2.1.
    Mp4,
};

struct Signature
{
    SignatureKind kind;
    std::string_view pattern;
    std::string_view mask;
    bool skipWhitespace;
    std::string_view type;
};

constexpr std::string_view Html = "text/html; charset=utf-8"sv;

// The table and its order are WHATWG's (§7.1 "identifying a resource with an unknown MIME type", then image,
// audio/video, font and archive patterns), as Go's sniffSignatures. Patterns with a NUL need the sv suffix to
// keep their length; adjacent literals stop "\x00" from swallowing a following hex-digit letter.
constexpr std::array Signatures = {
    Signature{SignatureKind::Html, "<!DOCTYPE HTML"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<HTML"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<HEAD"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<SCRIPT"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<IFRAME"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<H1"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<DIV"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<FONT"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<TABLE"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<A"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<STYLE"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<TITLE"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<B"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<BODY"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<BR"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<P"sv, {}, true, Html},
    Signature{SignatureKind::Html, "<!--"sv, {}, true, Html},
    Signature{SignatureKind::Masked, "<?xml"sv, "\xFF\xFF\xFF\xFF\xFF"sv, true, "text/xml; charset=utf-8"sv},
    Signature{SignatureKind::Exact, "%PDF-"sv, {}, false, "application/pdf"sv},
    Signature{SignatureKind::Exact, "%!PS-Adobe-"sv, {}, false, "application/postscript"sv},
    // Byte order marks (WHATWG §7.1 step 4).
    Signature{SignatureKind::Masked, "\xFE\xFF\x00\x00"sv, "\xFF\xFF\x00\x00"sv, false,
              "text/plain; charset=utf-16be"sv},
    Signature{SignatureKind::Masked, "\xFF\xFE\x00\x00"sv, "\xFF\xFF\x00\x00"sv, false,
              "text/plain; charset=utf-16le"sv},
    Signature{SignatureKind::Masked, "\xEF\xBB\xBF\x00"sv, "\xFF\xFF\xFF\x00"sv, false, "text/plain; charset=utf-8"sv},
    // Images (WHATWG §6.1).
    Signature{SignatureKind::Exact, "\x00\x00\x01\x00"sv, {}, false, "image/x-icon"sv},
    Signature{SignatureKind::Exact, "\x00\x00\x02\x00"sv, {}, false, "image/x-icon"sv},
    Signature{SignatureKind::Exact, "BM"sv, {}, false, "image/bmp"sv},
    Signature{SignatureKind::Exact, "GIF87a"sv, {}, false, "image/gif"sv},
    Signature{SignatureKind::Exact, "GIF89a"sv, {}, false, "image/gif"sv},
    Signature{SignatureKind::Masked, "RIFF\x00\x00\x00\x00WEBPVP"sv,
              "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF"sv, false, "image/webp"sv},
    Signature{SignatureKind::Exact, "\x89PNG\x0D\x0A\x1A\x0A"sv, {}, false, "image/png"sv},
    Signature{SignatureKind::Exact, "\xFF\xD8\xFF"sv, {}, false, "image/jpeg"sv},
    // Audio and video (WHATWG §6.2), in the order the spec prescribes.
    Signature{SignatureKind::Masked, ".snd"sv, "\xFF\xFF\xFF\xFF"sv, false, "audio/basic"sv},
    Signature{SignatureKind::Masked,
              "FORM\x00\x00\x00\x00"
              "AIFF"sv,
              "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv, false, "audio/aiff"sv},
    Signature{SignatureKind::Masked, "ID3"sv, "\xFF\xFF\xFF"sv, false, "audio/mpeg"sv},
    Signature{SignatureKind::Masked, "OggS\x00"sv, "\xFF\xFF\xFF\xFF\xFF"sv, false, "application/ogg"sv},
    Signature{SignatureKind::Masked, "MThd\x00\x00\x00\x06"sv, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"sv, false,
              "audio/midi"sv},
    Signature{SignatureKind::Masked,
              "RIFF\x00\x00\x00\x00"
              "AVI "sv,
              "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv, false, "video/avi"sv},
    Signature{SignatureKind::Masked, "RIFF\x00\x00\x00\x00WAVE"sv, "\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF"sv,
              false, "audio/wave"sv},
    Signature{SignatureKind::Mp4, {}, {}, false, "video/mp4"sv},
    Signature{SignatureKind::Exact, "\x1A\x45\xDF\xA3"sv, {}, false, "video/webm"sv},
    // Fonts (WHATWG §6.3): Embedded OpenType is 34 bytes of anything, then "LP".
    Signature{SignatureKind::Masked,
              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00LP"sv,
              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF"sv,
              false, "application/vnd.ms-fontobject"sv},
    Signature{SignatureKind::Exact, "\x00\x01\x00\x00"sv, {}, false, "font/ttf"sv},
    Signature{SignatureKind::Exact, "OTTO"sv, {}, false, "font/otf"sv},
    Signature{SignatureKind::Exact, "ttcf"sv, {}, false, "font/collection"sv},
    Signature{SignatureKind::Exact, "wOFF"sv, {}, false, "font/woff"sv},
    Signature{SignatureKind::Exact, "wOF2"sv, {}, false, "font/woff2"sv},
    // Archives (WHATWG §6.4). RAR uses RARLAB's signatures, as Go does (whatwg/mimesniff#63).
    Signature{SignatureKind::Exact, "\x1F\x8B\x08"sv, {}, false, "application/x-gzip"sv},
    Signature{SignatureKind::Exact, "PK\x03\x04"sv, {}, false, "application/zip"sv},
    Signature{SignatureKind::Exact, "Rar!\x1A\x07\x00"sv, {}, false, "application/x-rar-compressed"sv},
    Signature{SignatureKind::Exact, "Rar!\x1A\x07\x01\x00"sv, {}, false, "application/x-rar-compressed"sv},
    Signature{SignatureKind::Exact, "\x00\x61\x73\x6D"sv, {}, false, "application/wasm"sv},
};

constexpr bool masksFitPatterns()
{
    for (const Signature &signature : Signatures) {
        if (signature.kind == SignatureKind::Masked && signature.pattern.size() != signature.mask.size())
            return false;
    }
    return true;
}
static_assert(masksFitPatterns(), "every masked signature needs a mask of its pattern's length");

// WHATWG §3 "whitespace byte": HT, LF, FF, CR, SP.
bool isWhitespace(char c)
{
    return c == '\t' || c == '\n' || c == '\x0C' || c == '\r' || c == ' ';
}

// WHATWG §3 "binary data byte".
bool isBinaryDataByte(unsigned char c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

bool matchesHtml(QByteArrayView data, std::string_view pattern)
{
    // The pattern must be followed by a tag-terminating byte, so one more byte is needed.
    if (data.size() < qsizetype(pattern.size()) + 1)
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = data[qsizetype(i)];
        if (pattern[i] >= 'A' && pattern[i] <= 'Z')
            c = static_cast<char>(c & 0xDF);
        if (c != pattern[i])
            return false;
    }
    const char terminator = data[qsizetype(pattern.size())];
    return terminator == ' ' || terminator == '>';
}

bool matchesMasked(QByteArrayView data, std::string_view pattern, std::string_view mask)
{
    if (data.size() < qsizetype(pattern.size()))
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto masked = static_cast<unsigned char>(data[qsizetype(i)] & mask[i]);
        if (masked != static_cast<unsigned char>(pattern[i]))
            return false;
    }
    return true;
}

quint32 readBigEndian32(QByteArrayView data)
{
    return (quint32(quint8(data[0])) << 24) | (quint32(quint8(data[1])) << 16) | (quint32(quint8(data[2])) << 8) |
           quint32(quint8(data[3]));
}

bool matchesMp4(QByteArrayView data)
{
    if (data.size() < 12)
        return false;
    const quint32 boxSize = readBigEndian32(data);
    if (quint64(data.size()) < boxSize || boxSize % 4 != 0)
        return false;
    if (data.sliced(4, 4) != QByteArrayView("ftyp"))
        return false;
    // Brands are four bytes each from offset 8; offset 12 is the major brand's version, not a brand.
    for (qsizetype offset = 8; offset < qsizetype(boxSize); offset += 4) {
        if (offset != 12 && data.sliced(offset, 3) == QByteArrayView("mp4"))
            return true;
    }
    return false;
}

bool matches(const Signature &signature, QByteArrayView data, qsizetype firstNonWhitespace)
{
    if (signature.skipWhitespace)
        data = data.sliced(firstNonWhitespace);
    switch (signature.kind) {
    case SignatureKind::Html:
        return matchesHtml(data, signature.pattern);
    case SignatureKind::Masked:
        return matchesMasked(data, signature.pattern, signature.mask);
    case SignatureKind::Exact:
        return data.startsWith(QByteArrayView(signature.pattern.data(), qsizetype(signature.pattern.size())));
    case SignatureKind::Mp4:
        return matchesMp4(data);
    }
    Q_UNREACHABLE();
}

// isJsonContainer reports whether data is one JSON object or array (RFC 8259). The bracket check keeps the
// full parse off bodies that cannot be JSON.
bool isJsonContainer(QByteArrayView data)
{
    const QByteArrayView trimmed = data.trimmed();
    if (trimmed.isEmpty())
        return false;
    const char first = trimmed.front();
    const char last = trimmed.back();
    if (!((first == '{' && last == '}') || (first == '[' && last == ']')))
        return false;
    QJsonParseError error{};
    // fromRawData: the parser only reads the bytes, so there is no need to copy the body.
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(data.data(), data.size()), &error);
    return error.error == QJsonParseError::NoError && (document.isObject() || document.isArray());
}

QByteArray fromStatic(std::string_view type)
{
    // The types are string literals with static storage, so the bytes need no copy.
    return QByteArray::fromRawData(type.data(), qsizetype(type.size()));
}

} // namespace

QByteArray detectContentType(QByteArrayView data, bool isComplete)
{
    // isComplete means data is the whole body: only then can it be judged as JSON, which needs every byte.
    const QByteArrayView head = data.first(qMin(data.size(), SniffLength));
    qsizetype firstNonWhitespace = 0;
    while (firstNonWhitespace < head.size() && isWhitespace(head[firstNonWhitespace]))
        ++firstNonWhitespace;
    for (const Signature &signature : Signatures) {
        if (matches(signature, head, firstNonWhitespace))
            return fromStatic(signature.type);
    }
    // WHATWG §7.1 step 8: text unless a binary data byte follows the leading whitespace.
    for (qsizetype i = firstNonWhitespace; i < head.size(); ++i) {
        if (isBinaryDataByte(static_cast<unsigned char>(head[i])))
            return fromStatic("application/octet-stream"sv);
    }
    if (isComplete && isJsonContainer(data))
        return fromStatic("application/json"sv);
    return fromStatic("text/plain; charset=utf-8"sv);
}

} // namespace httpcore
