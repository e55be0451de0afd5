#include "httpcore/Url.h"

#include <QTest>

using namespace Qt::StringLiterals;
using httpcore::HttpError;
using httpcore::Query;
using httpcore::Url;

using Form = Url::TargetForm;

class tst_Url : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAcceptsValidTargets_data();
    void parseAcceptsValidTargets();
    void parseRejectsInvalidTargets_data();
    void parseRejectsInvalidTargets();
    void pathSharesRawPathWhenNothingIsEscaped();
    void requestUriRebuildsPathAndQuery_data();
    void requestUriRebuildsPathAndQuery();
    void percentDecodeDecodesEscapes_data();
    void percentDecodeDecodesEscapes();
    void queryParseFollowsGoParseQuery_data();
    void queryParseFollowsGoParseQuery();
    void queryValueTellsEmptyFromAbsent();
    void queryValuesKeepsRepeatedKeysInOrder();
    void urlQueryDecodesRawQuery();
};

namespace
{

// addAccepted adds one row to parseAcceptsValidTargets_data(). Names go through "%s": targets hold '%'.
void addAccepted(const char *name,
                 const QByteArray &target,
                 const QByteArray &method,
                 Form form,
                 const QByteArray &scheme,
                 const QByteArray &authority,
                 const QByteArray &rawPath,
                 const QByteArray &path,
                 const QByteArray &rawQuery,
                 bool hasQuery)
{
    QTest::addRow("%s", name) << target << method << form << scheme << authority << rawPath << path << rawQuery
                              << hasQuery;
}

// addRejected adds one row to parseRejectsInvalidTargets_data(); reason is a substring of the error's.
void addRejected(const char *name, const QByteArray &target, const QByteArray &method, const QByteArray &reason)
{
    QTest::addRow("%s", name) << target << method << reason;
}

} // namespace

void tst_Url::parseAcceptsValidTargets_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<Form>("form");
    QTest::addColumn<QByteArray>("scheme");
    QTest::addColumn<QByteArray>("authority");
    QTest::addColumn<QByteArray>("rawPath");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("rawQuery");
    QTest::addColumn<bool>("hasQuery");

    // Origin-form (RFC 9112 §3.2.1).
    addAccepted("root", "/", "GET", Form::Origin, "", "", "/", "/", "", false);
    addAccepted("path and query", "/api/users?id=7&x=y", "GET", Form::Origin, "", "", "/api/users", "/api/users",
                "id=7&x=y", true);
    addAccepted("empty query", "/p?", "GET", Form::Origin, "", "", "/p", "/p", "", true);
    addAccepted("second ? stays in query", "/p?a=1?b=2", "GET", Form::Origin, "", "", "/p", "/p", "a=1?b=2", true);
    addAccepted("%2F kept raw, decoded in path", "/files/a%2Fb", "GET", Form::Origin, "", "", "/files/a%2Fb",
                "/files/a/b", "", false);
    addAccepted("unicode escapes", "/caf%C3%A9/%E2%82%AC", "GET", Form::Origin, "", "", "/caf%C3%A9/%E2%82%AC",
                "/caf\xC3\xA9/\xE2\x82\xAC", "", false);
    addAccepted("lower-case hex escape", "/a%2fb%7e", "GET", Form::Origin, "", "", "/a%2fb%7e", "/a/b~", "", false);
    addAccepted("plus is not space in path", "/a+b", "GET", Form::Origin, "", "", "/a+b", "/a+b", "", false);
    addAccepted("sub-delims colon at", "/!$&'()*+,;=:@-._~", "GET", Form::Origin, "", "", "/!$&'()*+,;=:@-._~",
                "/!$&'()*+,;=:@-._~", "", false);
    addAccepted("double slash is a path", "//evil.example/x", "GET", Form::Origin, "", "", "//evil.example/x",
                "//evil.example/x", "", false);
    addAccepted("query escapes not validated", "/p?a=%zz", "GET", Form::Origin, "", "", "/p", "/p", "a=%zz", true);
    addAccepted("OPTIONS origin-form", "/p", "OPTIONS", Form::Origin, "", "", "/p", "/p", "", false);

    // Absolute-form (RFC 9112 §3.2.2).
    addAccepted("absolute with port and path", "http://example.com:8080/a/b?c=d", "GET", Form::Absolute, "http",
                "example.com:8080", "/a/b", "/a/b", "c=d", true);
    addAccepted("absolute without path", "http://example.com", "GET", Form::Absolute, "http", "example.com", "/", "/",
                "", false);
    addAccepted("absolute port without path", "http://example.com:80", "GET", Form::Absolute, "http", "example.com:80",
                "/", "/", "", false);
    addAccepted("absolute query without path", "http://example.com?q=1", "GET", Form::Absolute, "http", "example.com",
                "/", "/", "q=1", true);
    addAccepted("upper-case scheme", "HTTP://Example.COM/X", "GET", Form::Absolute, "http", "Example.COM", "/X", "/X",
                "", false);
    addAccepted("mixed-case https", "hTtPs://example.com/", "POST", Form::Absolute, "https", "example.com", "/", "/",
                "", false);
    addAccepted("absolute IPv6 literal", "http://[::1]:8080/p", "GET", Form::Absolute, "http", "[::1]:8080", "/p", "/p",
                "", false);
    addAccepted("absolute empty port", "http://example.com:/p", "GET", Form::Absolute, "http", "example.com:", "/p",
                "/p", "", false);
    addAccepted("absolute escaped path", "http://h/a%20b", "GET", Form::Absolute, "http", "h", "/a%20b", "/a b", "",
                false);
    addAccepted("escaped host", "http://ex%41mple.com/", "GET", Form::Absolute, "http", "ex%41mple.com", "/", "/", "",
                false);
    addAccepted("OPTIONS absolute-form", "http://h", "OPTIONS", Form::Absolute, "http", "h", "/", "/", "", false);

    // Authority-form (RFC 9112 §3.2.3).
    addAccepted("CONNECT host:port", "example.com:443", "CONNECT", Form::Authority, "", "example.com:443", "", "", "",
                false);
    addAccepted("CONNECT IPv4", "127.0.0.1:1", "CONNECT", Form::Authority, "", "127.0.0.1:1", "", "", "", false);
    addAccepted("CONNECT IPv6", "[2001:db8::1]:65535", "CONNECT", Form::Authority, "", "[2001:db8::1]:65535", "", "",
                "", false);

    // Asterisk-form (RFC 9112 §3.2.4).
    addAccepted("OPTIONS *", "*", "OPTIONS", Form::Asterisk, "", "", "*", "*", "", false);
}

void tst_Url::parseAcceptsValidTargets()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, method);
    QFETCH(Form, form);
    QFETCH(QByteArray, scheme);
    QFETCH(QByteArray, authority);
    QFETCH(QByteArray, rawPath);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, rawQuery);
    QFETCH(bool, hasQuery);

    const auto parsed = Url::parseRequestTarget(target, method);
    QVERIFY2(parsed.hasValue(), parsed.hasValue() ? "" : parsed.error().reason.constData());
    QCOMPARE(parsed->form(), form);
    QCOMPARE(parsed->scheme(), scheme);
    QCOMPARE(parsed->authority(), authority);
    QCOMPARE(parsed->rawPath(), rawPath);
    QCOMPARE(parsed->path(), path);
    QCOMPARE(parsed->rawQuery(), rawQuery);
    QCOMPARE(parsed->hasQuery(), hasQuery);
}

void tst_Url::parseRejectsInvalidTargets_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("reason");

    addRejected("empty", "", "GET", "empty");
    addRejected("relative path", "p/q", "GET", "invalid request-target");
    addRejected("fragment in path", "/p#frag", "GET", "fragment");
    addRejected("fragment in query", "/p?a=1#frag", "GET", "fragment");
    addRejected("fragment in authority", "http://h#f", "GET", "fragment");
    addRejected("space", "/a b", "GET", "invalid character");
    addRejected("tab", "/a\tb", "GET", "invalid character");
    addRejected("NUL", "/a\0b"_ba, "GET", "invalid character");
    addRejected("CR", "/a\rb", "GET", "invalid character");
    addRejected("DEL", "/a\x7f", "GET", "invalid character");
    addRejected("obs-text", "/caf\xC3\xA9", "GET", "invalid character");
    addRejected("double quote", "/\"x\"", "GET", "invalid character");
    addRejected("backslash", "/a\\b", "GET", "invalid character");
    addRejected("brackets in path", "/[x]", "GET", "invalid character");
    addRejected("brackets in query", "/p?a[]=1", "GET", "invalid character");
    addRejected("curly brace in query", "/p?{}", "GET", "invalid character");
    addRejected("lone %", "/a%", "GET", "percent-encoding");
    addRejected("% with one hex digit", "/a%4", "GET", "percent-encoding");
    addRejected("% with non-hex", "/a%zz/b", "GET", "percent-encoding");
    addRejected("% then hex then non-hex", "/a%4g", "GET", "percent-encoding");
    addRejected("absolute bad escape", "http://h/%G0", "GET", "percent-encoding");

    addRejected("ftp scheme", "ftp://h/p", "GET", "scheme");
    addRejected("empty scheme", "://h/p", "GET", "scheme");
    addRejected("scheme without slashes", "http:/p", "GET", "invalid request-target");
    addRejected("empty authority", "http:///p", "GET", "empty authority");
    addRejected("empty authority before query", "http://?q", "GET", "empty authority");
    // RFC 9110 §4.2.4: userinfo in an http(s) target is an error.
    addRejected("userinfo", "http://user:pass@example.com/", "GET", "userinfo");
    addRejected("empty userinfo", "http://@example.com/", "GET", "userinfo");
    addRejected("empty host with port", "http://:80/", "GET", "empty host");
    addRejected("empty IPv6 literal", "http://[]/", "GET", "empty host");
    addRejected("non-digit port", "http://h:http/", "GET", "port");
    addRejected("six-digit port", "http://h:123456/", "GET", "port");
    addRejected("two colons", "http://h:1:2/", "GET", "port");
    addRejected("unclosed IPv6", "http://[::1/", "GET", "host");
    addRejected("bracket mid-host", "http://a[b]/", "GET", "host");
    addRejected("junk after IPv6", "http://[::1]x/", "GET", "host");
    addRejected("space in authority", "http://a b/", "GET", "invalid character");
    addRejected("bad escape in host", "http://a%zz/", "GET", "percent-encoding in host");
    addRejected("truncated escape in host", "http://a%4/", "GET", "percent-encoding in host");
    addRejected("CONNECT bad escape in host", "a%g1:443", "CONNECT", "percent-encoding in host");

    // RFC 9112 §3.2.3: CONNECT uses authority-form, and only CONNECT.
    addRejected("CONNECT origin-form", "/p", "CONNECT", "authority-form");
    addRejected("CONNECT absolute-form", "http://h:80/", "CONNECT", "authority-form");
    addRejected("CONNECT asterisk", "*", "CONNECT", "authority-form");
    addRejected("CONNECT without port", "example.com", "CONNECT", "host:port");
    addRejected("CONNECT empty port", "example.com:", "CONNECT", "host:port");
    addRejected("CONNECT empty host", ":443", "CONNECT", "empty host");
    addRejected("CONNECT six-digit port", "h:100000", "CONNECT", "port");
    addRejected("CONNECT non-digit port", "h:44x", "CONNECT", "port");
    addRejected("CONNECT userinfo", "u@h:443", "CONNECT", "userinfo");
    addRejected("CONNECT with path", "h:443/x", "CONNECT", "invalid character");
    addRejected("CONNECT fragment", "h:443#x", "CONNECT", "fragment");
    addRejected("lower-case connect is not CONNECT", "h:443", "connect", "invalid request-target");
    addRejected("GET authority-form", "example.com:443", "GET", "invalid request-target");

    // RFC 9112 §3.2.4: asterisk-form is "*" alone, only for OPTIONS.
    addRejected("GET *", "*", "GET", "OPTIONS");
    addRejected("OPTIONS */", "*/", "OPTIONS", "invalid request-target");
    addRejected("OPTIONS **", "**", "OPTIONS", "invalid request-target");
}

void tst_Url::parseRejectsInvalidTargets()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, reason);

    const auto parsed = Url::parseRequestTarget(target, method);
    QVERIFY(!parsed.hasValue());
    QCOMPARE(parsed.error().status, 400);
    QVERIFY2(parsed.error().reason.contains(reason), parsed.error().reason.constData());
}

void tst_Url::pathSharesRawPathWhenNothingIsEscaped()
{
    const auto plain = Url::parseRequestTarget("/a/b?x=1", "GET");
    QVERIFY(plain.hasValue());
    QCOMPARE(plain->path().constData(), plain->rawPath().constData());

    const auto escaped = Url::parseRequestTarget("/a%20b", "GET");
    QVERIFY(escaped.hasValue());
    QVERIFY(escaped->path().constData() != escaped->rawPath().constData());
}

void tst_Url::requestUriRebuildsPathAndQuery_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("requestUri");

    QTest::addRow("origin") << "/a%2Fb?x=%20"_ba
                            << "GET"_ba
                            << "/a%2Fb?x=%20"_ba;
    QTest::addRow("empty query kept") << "/p?"_ba
                                      << "GET"_ba
                                      << "/p?"_ba;
    QTest::addRow("no query") << "/p"_ba
                              << "GET"_ba
                              << "/p"_ba;
    QTest::addRow("absolute drops authority") << "http://h:1/p?q"_ba
                                              << "GET"_ba
                                              << "/p?q"_ba;
    QTest::addRow("absolute without path") << "https://h"_ba
                                           << "GET"_ba
                                           << "/"_ba;
    QTest::addRow("asterisk") << "*"_ba
                              << "OPTIONS"_ba
                              << "*"_ba;
    // As Go's URL.RequestURI() for a CONNECT request: the path is empty, which reads as "/".
    QTest::addRow("authority") << "h:443"_ba
                               << "CONNECT"_ba
                               << "/"_ba;
}

void tst_Url::requestUriRebuildsPathAndQuery()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, requestUri);

    const auto parsed = Url::parseRequestTarget(target, method);
    QVERIFY(parsed.hasValue());
    QCOMPARE(parsed->requestUri(), requestUri);
}

void tst_Url::percentDecodeDecodesEscapes_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<bool>("plusAsSpace");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("out");

    QTest::addRow("plain") << "abc"_ba << false << true << "abc"_ba;
    QTest::addRow("escapes") << "a%20b%2F%2f"_ba << false << true << "a b//"_ba;
    QTest::addRow("plus kept") << "a+b"_ba << false << true << "a+b"_ba;
    QTest::addRow("plus as space") << "a+b%2B"_ba << true << true << "a b+"_ba;
    QTest::addRow("NUL byte") << "%00"_ba << false << true << QByteArray(1, '\0');
    QTest::addRow("high byte") << "%ff%FE"_ba << false << true << "\xff\xfe"_ba;
    QTest::addRow("trailing percent") << "ab%"_ba << false << false << "untouched"_ba;
    QTest::addRow("one digit") << "%A"_ba << false << false << "untouched"_ba;
    QTest::addRow("non-hex") << "%GG"_ba << true << false << "untouched"_ba;
    QTest::addRow("sign is not hex") << "%+1"_ba << false << false << "untouched"_ba;
}

void tst_Url::percentDecodeDecodesEscapes()
{
    QFETCH(QByteArray, in);
    QFETCH(bool, plusAsSpace);
    QFETCH(bool, ok);
    QFETCH(QByteArray, out);

    QByteArray result = "untouched"_ba;
    QCOMPARE(Url::percentDecode(in, result, plusAsSpace), ok);
    QCOMPARE(result, out);
}

void tst_Url::queryParseFollowsGoParseQuery_data()
{
    QTest::addColumn<QByteArray>("rawQuery");
    // items alternates key, value.
    QTest::addColumn<QByteArrayList>("items");
    QTest::addColumn<qsizetype>("skipped");

    QTest::addRow("empty") << ""_ba << QByteArrayList{} << qsizetype(0);
    QTest::addRow("one pair") << "a=1"_ba << QByteArrayList{"a", "1"} << qsizetype(0);
    QTest::addRow("repeated keys") << "a=1&b=2&a=3"_ba << QByteArrayList{"a", "1", "b", "2", "a", "3"} << qsizetype(0);
    QTest::addRow("plus as space") << "q=hello+world&k+1=v"_ba << QByteArrayList{"q", "hello world", "k 1", "v"}
                                   << qsizetype(0);
    QTest::addRow("escaped plus and ampersand") << "q=a%2Bb%26c"_ba << QByteArrayList{"q", "a+b&c"} << qsizetype(0);
    QTest::addRow("empty value") << "a=&b"_ba << QByteArrayList{"a", "", "b", ""} << qsizetype(0);
    QTest::addRow("empty key") << "=v"_ba << QByteArrayList{"", "v"} << qsizetype(0);
    QTest::addRow("split on first =") << "a=b=c"_ba << QByteArrayList{"a", "b=c"} << qsizetype(0);
    QTest::addRow("empty pairs skipped uncounted") << "&&a=1&&"_ba << QByteArrayList{"a", "1"} << qsizetype(0);
    QTest::addRow("invalid escape in value") << "a=%zz&b=2"_ba << QByteArrayList{"b", "2"} << qsizetype(1);
    QTest::addRow("invalid escape in key") << "%g=1&b=2"_ba << QByteArrayList{"b", "2"} << qsizetype(1);
    QTest::addRow("truncated escape") << "a=1&b=%2"_ba << QByteArrayList{"a", "1"} << qsizetype(1);
    QTest::addRow("semicolon pair skipped") << "a=1;b=2&c=3"_ba << QByteArrayList{"c", "3"} << qsizetype(1);
    QTest::addRow("lone semicolon") << ";&x"_ba << QByteArrayList{"x", ""} << qsizetype(1);
    QTest::addRow("escaped semicolon is fine") << "a=%3B"_ba << QByteArrayList{"a", ";"} << qsizetype(0);
    QTest::addRow("unicode") << "name=%E2%82%AC%C3%A9"_ba << QByteArrayList{"name", "\xE2\x82\xAC\xC3\xA9"}
                             << qsizetype(0);
    QTest::addRow("question mark in value") << "u=/p?x"_ba << QByteArrayList{"u", "/p?x"} << qsizetype(0);
}

void tst_Url::queryParseFollowsGoParseQuery()
{
    QFETCH(QByteArray, rawQuery);
    QFETCH(QByteArrayList, items);
    QFETCH(qsizetype, skipped);

    const Query query = Query::parse(rawQuery);
    QByteArrayList flat;
    for (const Query::Item &item : query.items())
        flat << item.key << item.value;
    QCOMPARE(flat, items);
    QCOMPARE(query.size(), items.size() / 2);
    QCOMPARE(query.isEmpty(), items.isEmpty());
    QCOMPARE(query.skippedPairs(), skipped);
}

void tst_Url::queryValueTellsEmptyFromAbsent()
{
    const Query query = Query::parse("a=&b&c=1");
    QVERIFY(!query.value("a").isNull());
    QVERIFY(query.value("a").isEmpty());
    QVERIFY(!query.value("b").isNull());
    QVERIFY(query.value("b").isEmpty());
    QCOMPARE(query.value("c"), "1"_ba);
    QVERIFY(query.value("d").isNull());
    QVERIFY(query.contains("a"));
    QVERIFY(!query.contains("d"));
    QVERIFY(!query.contains("A"));
}

void tst_Url::queryValuesKeepsRepeatedKeysInOrder()
{
    const Query query = Query::parse("tag=x&id=1&tag=y&tag=");
    QCOMPARE(query.value("tag"), "x"_ba);
    QCOMPARE(query.values("tag"), (QByteArrayList{"x", "y", ""}));
    QCOMPARE(query.values("id"), QByteArrayList{"1"});
    QVERIFY(query.values("none").isEmpty());
}

void tst_Url::urlQueryDecodesRawQuery()
{
    const auto parsed = Url::parseRequestTarget("/search?q=a+b%21&page=2", "GET");
    QVERIFY(parsed.hasValue());
    const Query query = parsed->query();
    QCOMPARE(query.value("q"), "a b!"_ba);
    QCOMPARE(query.value("page"), "2"_ba);
    QCOMPARE(query, Query::parse(parsed->rawQuery()));
}

QTEST_APPLESS_MAIN(tst_Url)
#include "tst_url.moc"
