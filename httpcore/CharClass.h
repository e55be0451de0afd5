#pragma once

#include <array>

namespace httpcore
{

// Byte classes of the HTTP grammar (RFC 9110 §5.6.2 tchar, §5.5 field-vchar, RFC 5234 DIGIT/HEXDIG), as inline
// table lookups: the parser's hot loops cannot afford an out-of-line call per byte. Pure; thread-safe.
namespace charclass
{

constexpr std::array<bool, 256> makeTokenTable()
{
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        table[static_cast<unsigned char>(c)] = true;
    return table;
}

// RFC 9110 §5.5: field-value = *field-content; field-vchar = VCHAR / obs-text; SP and HTAB are allowed
// between them. Everything else (NUL, CR, LF, other CTLs, DEL) is rejected.
constexpr std::array<bool, 256> makeFieldValueTable()
{
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = (c >= 0x21 && c <= 0x7e) || c >= 0x80 || c == ' ' || c == '\t';
    return table;
}

inline constexpr std::array<bool, 256> TokenTable = makeTokenTable();
inline constexpr std::array<bool, 256> FieldValueTable = makeFieldValueTable();

} // namespace charclass

// isTokenChar reports whether c is an RFC 9110 tchar.
inline bool isTokenChar(unsigned char c)
{
    return charclass::TokenTable[c];
}

// isFieldValueChar reports whether c may appear in a field value (VCHAR, obs-text, SP, HTAB).
inline bool isFieldValueChar(unsigned char c)
{
    return charclass::FieldValueTable[c];
}

// isOws reports whether c is optional whitespace (SP or HTAB, RFC 9110 §5.6.3).
inline bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// hexValue returns the value of the hex digit c, or -1 when c is not one.
inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

inline bool isHexDigit(char c)
{
    return hexValue(c) >= 0;
}

} // namespace httpcore
