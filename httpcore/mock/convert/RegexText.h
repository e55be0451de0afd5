#pragma once

#include <QString>

namespace mock
{

// RegexText builds the QRegularExpression patterns (PCRE2, unanchored, as Rule::value is matched) that carry
// other tools' matchers: equality ignoring case, whole-value matches, and negations, which Switchboard's rules have
// no operator for. Pure static functions; thread-safe.
class RegexText
{
public:
    // literal returns a pattern matching text anywhere in the value ("contains").
    static QString literal(const QString &text);
    // equals returns a pattern matching exactly text (caseInsensitive: ignoring case).
    static QString equals(const QString &text, bool caseInsensitive = false);
    // whole returns a pattern matching when regex matches the whole value (Java's matches()).
    static QString whole(const QString &regex);
    // notWhole returns a pattern matching when regex does not match the whole value.
    static QString notWhole(const QString &regex);
    // notAnywhere returns a pattern matching when regex matches nowhere in the value (an inverted search).
    static QString notAnywhere(const QString &regex);
    // caseInsensitive returns regex with the (?i) flag.
    static QString caseInsensitive(const QString &regex);
    // error returns why regex does not compile ("missing closing parenthesis at offset 4"), or an empty string.
    static QString error(const QString &regex);
};

} // namespace mock
