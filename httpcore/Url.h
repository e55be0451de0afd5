#pragma once

#include "httpcore/Expected.h"
#include "httpcore/HttpError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace httpcore
{

// Query is the decoded query string of a URL: ordered key/value pairs, repeated keys kept (?a=1&a=2).
// A regular value type with no thread affinity.
class Query
{
public:
    struct Item
    {
        QByteArray key;
        QByteArray value;
        friend bool operator==(const Item &, const Item &) = default;
    };

    // parse decodes an application/x-www-form-urlencoded string as Go's url.ParseQuery does: pairs split on
    // '&', key and value split on the first '=', '+' decoded as space, %XX percent-decoded. A pair with a
    // malformed escape or a ';' is skipped (as Go does), and counted in skippedPairs().
    static Query parse(QByteArrayView rawQuery);

    // value returns the first value of key, or a null QByteArray when key is absent. An empty value
    // ("?a=" or "?a") is an empty, non-null QByteArray.
    QByteArray value(QByteArrayView key) const;
    QList<QByteArray> values(QByteArrayView key) const;
    bool contains(QByteArrayView key) const;
    const QList<Item> &items() const { return m_items; }
    qsizetype size() const { return m_items.size(); }
    bool isEmpty() const { return m_items.isEmpty(); }
    qsizetype skippedPairs() const { return m_skipped; }

    friend bool operator==(const Query &, const Query &) = default;

private:
    QList<Item> m_items;
    qsizetype m_skipped = 0;
};

// Url is a parsed request-target (RFC 9112 §3.2): its form, and for origin and absolute form the path and
// query split apart. rawPath is the path exactly as sent (still escaped): routing uses it so that %2F
// inside a segment does not split the segment. path is the percent-decoded path.
// A regular value type with no thread affinity.
class Url
{
public:
    // TargetForm is the request-target form of RFC 9112 §3.2.
    enum class TargetForm
    {
        Origin,
        Absolute,
        Authority,
        Asterisk
    };

    // parseRequestTarget parses target as sent on the request line of a request with method. Rules:
    // origin-form ("/p?q") for any method but CONNECT; absolute-form ("http://host[:port]/p?q", scheme
    // http or https, any case) for any method but CONNECT, with an empty path read as "/"; authority-form
    // ("host:port") only and always for CONNECT; asterisk-form ("*") only for OPTIONS. A fragment ('#'), a
    // byte outside the URI character set, or a malformed %XX escape in the path is a 400 HttpError.
    [[nodiscard]] static Expected<Url, HttpError> parseRequestTarget(QByteArrayView target, QByteArrayView method);

    // percentDecode decodes %XX escapes (and '+' as space when plusAsSpace); returns false and leaves out
    // untouched on a malformed escape ('%' not followed by two hex digits).
    [[nodiscard]] static bool percentDecode(QByteArrayView in, QByteArray &out, bool plusAsSpace);

    TargetForm form() const { return m_form; }
    // scheme is the lower-cased scheme of an absolute-form target; empty otherwise.
    const QByteArray &scheme() const { return m_scheme; }
    // authority is host[:port] of an absolute-form or authority-form target; empty otherwise.
    const QByteArray &authority() const { return m_authority; }
    // rawPath is the escaped path ("/a%2Fb"); "*" for asterisk form; empty for authority form.
    const QByteArray &rawPath() const { return m_rawPath; }
    // path is the decoded path ("/a/b"). Shares rawPath's bytes when nothing needed decoding.
    const QByteArray &path() const { return m_path; }
    // rawQuery is everything after the first '?', without it; empty when there was none.
    const QByteArray &rawQuery() const { return m_rawQuery; }
    // hasQuery tells "/p?" (true, empty rawQuery) from "/p" (false).
    bool hasQuery() const { return m_hasQuery; }
    // query decodes rawQuery (see Query::parse). It parses on every call: keep the result.
    Query query() const { return Query::parse(m_rawQuery); }
    // requestUri returns rawPath plus "?" and rawQuery when there was a query (Go's URL.RequestURI()).
    QByteArray requestUri() const;

    friend bool operator==(const Url &, const Url &) = default;

private:
    TargetForm m_form = TargetForm::Origin;
    QByteArray m_scheme;
    QByteArray m_authority;
    QByteArray m_rawPath;
    QByteArray m_path;
    QByteArray m_rawQuery;
    bool m_hasQuery = false;
};

} // namespace httpcore
