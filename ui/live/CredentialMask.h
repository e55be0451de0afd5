#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <utility>

namespace ui
{

// CredentialMask hides credentials in what the inspector shows and exports. A header field is a credential when
// its name is Authorization, Proxy-Authorization, Cookie or Set-Cookie, or when it contains (case-insensitively)
// "api-key", "apikey", "api_key", "token", "secret" or "password" (X-Api-Key, Api-Key, X-Auth-Token,
// X-Client-Secret, ...). Masking keeps what helps to read an exchange and hides what would let someone replay it:
//
//   Authorization: Bearer abc.def          -> Authorization: Bearer ****
//   Cookie: sid=123; theme=dark            -> Cookie: sid=****; theme=****
//   Set-Cookie: sid=123; Path=/; HttpOnly  -> Set-Cookie: sid=****; Path=/; HttpOnly
//   X-Api-Key: k-42                        -> X-Api-Key: ****
//
// Query parameters and bodies are not masked. Pure functions; thread-safe.
class CredentialMask
{
public:
    // masked returns what replaces a secret value ("****").
    static QString masked() { return QStringLiteral("****"); }

    // isCredential is true when a field named name carries a credential (see the class comment).
    static bool isCredential(QStringView name);
    // maskValue returns value with its secret parts replaced by masked() when name is a credential field, and value
    // unchanged otherwise.
    static QString maskValue(QStringView name, const QString &value);
    // maskFields returns fields with every credential value masked, order and names kept.
    static QList<std::pair<QString, QString>> maskFields(const QList<std::pair<QString, QString>> &fields);
    // maskDump returns a captured dump ("start line CRLF fields CRLF CRLF body", see RequestDumpText.h) with the
    // values of its credential fields masked; the start line and the body are kept byte for byte.
    static QByteArray maskDump(const QByteArray &dump);
};

} // namespace ui
