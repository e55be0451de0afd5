#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/PatternConflict.h"

#include <QTest>

using namespace Qt::StringLiterals;
using httpcore::Pattern;
using httpcore::PatternConflict;

using Relation = Pattern::Relation;
using Kind = Pattern::Segment::Kind;

// tst_Pattern checks the parsing of Go 1.22 mux patterns and the relations between patterns (precedence and
// conflicts). Cases derive from the documented syntax and rules.
class tst_Pattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAcceptsValidPatterns_data();
    void parseAcceptsValidPatterns();
    void parseRejectsInvalidPatterns_data();
    void parseRejectsInvalidPatterns();
    void wildcardNamesAreInPathOrder();
    void compareMethodsFollowsGetHeadRule_data();
    void compareMethodsFollowsGetHeadRule();
    void comparePathsRanksSpecificity_data();
    void comparePathsRanksSpecificity();
    void conflictsWithIsSymmetric_data();
    void conflictsWithIsSymmetric();
    void describeExplainsTheConflict_data();
    void describeExplainsTheConflict();
    void commonPathIsMatchedByBoth_data();
    void commonPathIsMatchedByBoth();
    void differencePathIsMatchedByFirstOnly_data();
    void differencePathIsMatchedByFirstOnly();
};

namespace
{

Pattern parsed(const QByteArray &text)
{
    const auto p = Pattern::parse(text);
    if (!p)
        qFatal("test pattern %s does not parse: %s", text.constData(), qPrintable(p.error()));
    return *p;
}

// shape writes segments compactly: 'literal' {name} {name...} {...} (trailing slash) {$}.
QByteArray shape(const Pattern &p)
{
    QByteArrayList parts;
    for (const Pattern::Segment &s : p.segments()) {
        switch (s.kind) {
        case Kind::Literal:
            parts.append('\'' + s.text + '\'');
            break;
        case Kind::Wildcard:
            parts.append('{' + s.text + '}');
            break;
        case Kind::Multi:
            parts.append('{' + s.text + "...}");
            break;
        case Kind::End:
            parts.append("{$}"_ba);
            break;
        }
    }
    return parts.join(' ');
}

void addRelation(const char *p1, const char *p2, Relation relation)
{
    QTest::addRow("%s vs %s", p1, p2) << QByteArray(p1) << QByteArray(p2) << relation;
}

} // namespace

void tst_Pattern::parseAcceptsValidPatterns_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("segments");

    const auto add = [](const char *name, const QByteArray &text, const QByteArray &method, const QByteArray &host,
                        const QByteArray &segments) {
        QTest::addRow("%s", name) << text << method << host << segments;
    };
    add("root matches everything", "/", "", "", "{...}");
    add("one literal", "/health", "", "", "'health'");
    add("trailing slash is an anonymous multi", "/assets/", "", "", "'assets' {...}");
    add("method and wildcard", "GET /users/{id}", "GET", "", "'users' {id}");
    add("method host and trailing slash", "POST api.example.com/v1/{kind}/{id}/", "POST", "api.example.com",
        "'v1' {kind} {id} {...}");
    add("host only", "example.org/", "", "example.org", "{...}");
    add("dollar alone", "/{$}", "", "", "{$}");
    add("dollar after segments", "DELETE shop.test/cart/{item}/{$}", "DELETE", "shop.test", "'cart' {item} {$}");
    add("named multi", "/static/{path...}", "", "", "'static' {path...}");
    add("host is lower-cased", "PUT Api.Example.COM/x", "PUT", "api.example.com", "'x'");
    add("method is kept as written", "purge /cache", "purge", "", "'cache'");
    add("extension method", "PROPFIND /dav/{res...}", "PROPFIND", "", "'dav' {res...}");
    add("tabs and spaces after method", "GET\t \t/x", "GET", "", "'x'");
    add("surrounding blanks ignored", "GET /x \t", "GET", "", "'x'");
    add("leading blank means no method", "  /x", "", "", "'x'");
    add("methodless path may be unclean", "//", "", "", "'' {...}");
    add("methodless dots stay literal", "/a/./../b", "", "", "'a' '.' '..' 'b'");
    add("CONNECT may be unclean", "CONNECT /a//b", "CONNECT", "", "'a' '' 'b'");
    add("literals are unescaped", "/caf%C3%A9/%7bid%7d", "", "", "'caf\xC3\xA9' '{id}'");
    add("escaped slash stays in segment", "/a%2Fb/", "", "", "'a/b' {...}");
    add("malformed escape kept", "/100%/%zz", "", "", "'100%' '%zz'");
    add("unicode wildcard name", "/{na\xC3\xAFve}", "", "", "{na\xC3\xAFve}");
    add("underscore and digits in name", "/{_id2}/{x_9...}", "", "", "{_id2} {x_9...}");
    add("brace only in later literal", "/a}b", "", "", "'a}b'");
}

void tst_Pattern::parseAcceptsValidPatterns()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, segments);

    const auto p = Pattern::parse(text);
    QVERIFY2(p.hasValue(), p.hasValue() ? "" : qPrintable(p.error()));
    QCOMPARE(p->text(), text);
    QCOMPARE(p->method(), method);
    QCOMPARE(p->host(), host);
    QCOMPARE(shape(*p), segments);
}

void tst_Pattern::parseRejectsInvalidPatterns_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    const auto add = [](const char *name, const QByteArray &text, const QString &message) {
        QTest::addRow("%s", name) << text << message;
    };
    add("empty", "", u"empty pattern"_s);
    add("method not a token", "GE(T /", u"at offset 0: invalid method \"GE(T\""_s);
    add("method only", "GET", u"at offset 0: no '/' found"_s);
    add("blank only", " ", u"at offset 1: no '/' found"_s);
    add("method and blanks", "GET  ", u"at offset 5: no '/' found"_s);
    add("host without slash", "GET example.com", u"at offset 4: no '/' found"_s);
    add("wildcard before slash", "{id}/x", u"at offset 0: host \"{id}\" contains '{'"_s);
    add("brace in host", "GET example.com{x}/", u"at offset 15: host \"example.com{x}\" contains '{'"_s);
    add("literal before wildcard", "/users/x{id}", u"at offset 7: segment \"x{id}\" mixes a literal and a wildcard"_s);
    add("literal after wildcard", "/users/{id}x", u"at offset 7: segment \"{id}x\" is not a whole wildcard"_s);
    add("unclosed wildcard", "/users/{id", u"at offset 7: segment \"{id\" is not a whole wildcard"_s);
    add("slash inside braces", "/a/{/}/c", u"at offset 3: segment \"{\" is not a whole wildcard"_s);
    add("empty name", "/users/{}", u"at offset 7: empty wildcard name in \"{}\""_s);
    add("empty multi name", "POST h.test/x/{...}", u"at offset 14: empty wildcard name in \"{...}\""_s);
    add("name starts with digit", "/users/{1d}", u"at offset 7: bad wildcard name \"1d\""_s);
    add("name with dash", "/{a-b}", u"at offset 1: bad wildcard name \"a-b\""_s);
    add("names are not unescaped", "/a/{%61}", u"at offset 3: bad wildcard name \"%61\""_s);
    add("dollar multi", "/{$...}", u"at offset 1: bad wildcard name \"$\""_s);
    add("dollar before slash", "/{$}/", u"at offset 1: {$} must be the last segment"_s);
    add("dollar before segment", "/list/{$}/x", u"at offset 6: {$} must be the last segment"_s);
    add("multi before segment", "/files/{p...}/x", u"at offset 7: the wildcard \"{p...}\" must be the last segment"_s);
    add("multi before slash", "/files/{p...}/", u"at offset 7: the wildcard \"{p...}\" must be the last segment"_s);
    add("duplicate name", "/{id}/x/{id}", u"at offset 8: duplicate wildcard name \"id\""_s);
    add("duplicate multi name", "GET /{id}/x/{id...}", u"at offset 12: duplicate wildcard name \"id\""_s);
    add("unclean double slash", "GET /a//b", u"at offset 4: unclean path \"/a//b\" can never match a GET request"_s);
    add("unclean dot", "POST /a/./b", u"at offset 5: unclean path \"/a/./b\""_s);
    add("unclean dot dot", "DELETE h.test/a/..", u"at offset 13: unclean path \"/a/..\""_s);
}

void tst_Pattern::parseRejectsInvalidPatterns()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);

    const auto p = Pattern::parse(text);
    QVERIFY(!p.hasValue());
    QVERIFY2(p.error().startsWith(message), qPrintable(p.error()));
}

void tst_Pattern::wildcardNamesAreInPathOrder()
{
    QCOMPARE(parsed("GET /b/{bucket}/o/{object...}").wildcardNames(), QByteArrayList({"bucket", "object"}));
    QCOMPARE(parsed("/a/{x}/").wildcardNames(), QByteArrayList({"x"}));
    QCOMPARE(parsed("/a/{$}").wildcardNames(), QByteArrayList());
}

void tst_Pattern::compareMethodsFollowsGetHeadRule_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<Relation>("relation");

    addRelation("/x", "/y", Relation::Equivalent);
    addRelation("PUT /x", "PUT /y", Relation::Equivalent);
    addRelation("HEAD /x", "HEAD /x", Relation::Equivalent);
    addRelation("PUT /x", "PATCH /x", Relation::Disjoint);
    addRelation("get /x", "GET /x", Relation::Disjoint);
    addRelation("POST /x", "/x", Relation::MoreSpecific);
    addRelation("HEAD /x", "/x", Relation::MoreSpecific);
    addRelation("GET /x", "HEAD /x", Relation::MoreGeneral);
    addRelation("GET /x", "POST /x", Relation::Disjoint);
}

void tst_Pattern::compareMethodsFollowsGetHeadRule()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(Relation, relation);

    QCOMPARE(parsed(p1).compareMethods(parsed(p2)), relation);
    QCOMPARE(parsed(p2).compareMethods(parsed(p1)), Pattern::inverse(relation));
}

void tst_Pattern::comparePathsRanksSpecificity_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<Relation>("relation");

    // A literal is more specific than every other segment kind that matches it.
    addRelation("/users", "/users", Relation::Equivalent);
    addRelation("/users", "/orders", Relation::Disjoint);
    addRelation("/users", "/", Relation::MoreSpecific);
    addRelation("/users", "/{$}", Relation::Disjoint);
    addRelation("/users", "/{id}", Relation::MoreSpecific);
    addRelation("/users", "/{rest...}", Relation::MoreSpecific);
    addRelation("/api/users", "/api/", Relation::MoreSpecific);
    addRelation("/api/users", "/api/{$}", Relation::Disjoint);
    addRelation("/{v}/users", "/{w}/{x...}", Relation::MoreSpecific);
    addRelation("/api/users", "/api/users/x", Relation::Disjoint);
    // A single wildcard matches one segment, never the trailing slash.
    addRelation("/{id}", "/7", Relation::MoreGeneral);
    addRelation("/{id}", "/a/b", Relation::Disjoint);
    addRelation("/{id}", "/{$}", Relation::Disjoint);
    addRelation("/{id}", "/{key}", Relation::Equivalent);
    addRelation("/{id}", "/", Relation::MoreSpecific);
    addRelation("/api/{id}", "/api/{id}/x", Relation::Disjoint);
    addRelation("/api/{id}", "/api/{x...}", Relation::MoreSpecific);
    // A trailing slash and a named multi are the same thing.
    addRelation("/", "/anything/deep", Relation::MoreGeneral);
    addRelation("/", "/{x...}", Relation::Equivalent);
    addRelation("/files/", "/files/{$}", Relation::MoreGeneral);
    addRelation("/files/", "/files/{path...}", Relation::Equivalent);
    addRelation("/{team}/", "/acme/", Relation::MoreGeneral);
    addRelation("/{team}/", "/acme/{x...}", Relation::MoreGeneral);
    addRelation("/static/{p...}", "/static/css/{f}", Relation::MoreGeneral);
    addRelation("/static/{p...}", "/assets/{p...}", Relation::Disjoint);
    addRelation("/v/{a}/{m...}", "/v/b/{n...}", Relation::MoreGeneral);
    // Each more specific in one place and more general in another: they overlap.
    addRelation("/x/{a}/", "/{a}/y/", Relation::Overlaps);
    addRelation("/docs/{v}/index/", "/{x}/latest/{y...}", Relation::Overlaps);
    addRelation("/x/{a}/{m...}", "/{b}/y/", Relation::Overlaps);
    addRelation("/x/{a}/z/{m...}", "/{a}/q", Relation::Disjoint);
    // {$} matches only the trailing slash.
    addRelation("/{$}", "/", Relation::MoreSpecific);
    addRelation("/{$}", "/{$}", Relation::Equivalent);
    addRelation("/{$}", "/{x}", Relation::Disjoint);
    addRelation("/dir/{$}", "/dir", Relation::Disjoint);
    addRelation("/dir/{$}", "/dir/{f...}", Relation::MoreSpecific);
    addRelation("/dir/{$}", "/dir/sub/{f...}", Relation::Disjoint);
    addRelation("/{a}/{$}", "/b/", Relation::Overlaps);
    addRelation("/{a}/{$}", "/{a}/{x}", Relation::Disjoint);
    addRelation("/{a}/{$}", "/{b}/", Relation::MoreSpecific);
    addRelation("/a/{$}", "/a/%2F", Relation::Disjoint);
}

void tst_Pattern::comparePathsRanksSpecificity()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(Relation, relation);

    const Pattern pat1 = parsed(p1);
    const Pattern pat2 = parsed(p2);
    QCOMPARE(pat1.comparePaths(pat1), Relation::Equivalent);
    QCOMPARE(pat2.comparePaths(pat2), Relation::Equivalent);
    QCOMPARE(pat1.comparePaths(pat2), relation);
    QCOMPARE(pat2.comparePaths(pat1), Pattern::inverse(relation));
}

void tst_Pattern::conflictsWithIsSymmetric_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<bool>("conflicts");

    const auto add = [](const char *p1, const char *p2, bool conflicts) {
        QTest::addRow("%s vs %s", p1, p2) << QByteArray(p1) << QByteArray(p2) << conflicts;
    };
    add("/p", "/p", true);
    add("/p", "/pq", false);
    add("/{a}", "/{b}", true);
    add("/a/{x}", "/{y}/b", true);
    add("/{x}/{y}", "/{x}/k", false);
    add("/{x}", "/k/{y...}", false);
    add("/{x}/{y}", "/{x}/k/{$}", false);
    add("GET /", "/items", true);
    add("GET /items", "HEAD /", true);
    add("/", "GET /", false);
    add("GET /", "GET /items", false);
    add("POST /", "GET /items", false);
    add("GET /x", "HEAD /x", false);
    add("a.test/x", "/x", false);
    add("a.test/x", "b.test/x", false);
    add("a.test/{x}", "A.TEST/{y}", true);
    add("CONNECT /a//b", "/a/{x}/b", false);
    add("/files/{p...}", "/files/", true);
}

void tst_Pattern::conflictsWithIsSymmetric()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(bool, conflicts);

    QCOMPARE(parsed(p1).conflictsWith(parsed(p2)), conflicts);
    QCOMPARE(parsed(p2).conflictsWith(parsed(p1)), conflicts);
}

void tst_Pattern::describeExplainsTheConflict_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<QString>("description");

    const auto add = [](const char *p1, const char *p2, const QString &description) {
        QTest::addRow("%s vs %s", p1, p2) << QByteArray(p1) << QByteArray(p2) << description;
    };
    add("/a/{x}", "/a/{y}", u"/a/{x} matches the same requests as /a/{y}"_s);
    add("/", "/{all...}", u"/ matches the same requests as /{all...}"_s);
    add("/a/{x}", "/{y}/b",
        u"/a/{x} and /{y}/b both match some paths, like \"/a/b\", but neither is more specific than the other: "
        u"/a/{x} matches \"/a/x\", but /{y}/b does not; /{y}/b matches \"/y/b\", but /a/{x} does not"_s);
    add("/items", "GET /{x}", u"/items matches more methods than GET /{x}, but has a more specific path pattern"_s);
    add("GET /a", "HEAD /", u"GET /a matches more methods than HEAD /, but has a more specific path pattern"_s);
    add("PUT /", "/items", u"PUT / matches fewer methods than /items, but has a more general path pattern"_s);
}

void tst_Pattern::describeExplainsTheConflict()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(QString, description);

    QVERIFY(parsed(p1).conflictsWith(parsed(p2)));
    QCOMPARE(PatternConflict::describe(parsed(p1), parsed(p2)), description);
}

void tst_Pattern::commonPathIsMatchedByBoth_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<QByteArray>("path");

    const auto add = [](const char *p1, const char *p2, const char *path) {
        QTest::addRow("%s vs %s", p1, p2) << QByteArray(p1) << QByteArray(p2) << QByteArray(path);
    };
    add("/k/{x}", "/{x}/k", "/k/k");
    add("/k/{z}/", "/{z}/k/", "/k/k/");
    add("/{z}/{$}", "/k/", "/k/");
    add("/{z}/{$}", "/k/{x...}", "/k/");
    add("/k/{x}/m/{y...}", "/{x}/n/{y...}", "/k/n/m/");
    add("/k/{x}/m/{$}", "/{x}/n/{y...}", "/k/n/m/");
}

void tst_Pattern::commonPathIsMatchedByBoth()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(QByteArray, path);

    QCOMPARE(parsed(p1).comparePaths(parsed(p2)), Relation::Overlaps);
    QCOMPARE(PatternConflict::commonPath(parsed(p1), parsed(p2)), path);
}

void tst_Pattern::differencePathIsMatchedByFirstOnly_data()
{
    QTest::addColumn<QByteArray>("p1");
    QTest::addColumn<QByteArray>("p2");
    QTest::addColumn<QByteArray>("path");

    const auto add = [](const char *p1, const char *p2, const char *path) {
        QTest::addRow("%s vs %s", p1, p2) << QByteArray(p1) << QByteArray(p2) << QByteArray(path);
    };
    add("/k/{x}", "/{x}/k", "/k/x");
    add("/{x}/k", "/k/{x}", "/x/k");
    add("/{k}/k/", "/k/{z}/", "/kx/k/");
    add("/m/n/", "/m/n/o", "/m/n/");
    add("/m/n/{x...}", "/m/n/o/p", "/m/n/");
    add("/{z}/{$}", "/k/", "/z/");
    add("/k/", "/{z}/{$}", "/k/x");
    add("/k/{rest...}", "/{z}/{$}", "/k/rest");
    add("/{z}/k/", "/k/{z}/{$}", "/z/k/x");
    add("/k/{x}/m/{y...}", "/{x}/n/{y...}", "/k/x/m/");
}

void tst_Pattern::differencePathIsMatchedByFirstOnly()
{
    QFETCH(QByteArray, p1);
    QFETCH(QByteArray, p2);
    QFETCH(QByteArray, path);

    const Relation relation = parsed(p1).comparePaths(parsed(p2));
    QVERIFY(relation == Relation::Overlaps || relation == Relation::MoreGeneral);
    QCOMPARE(PatternConflict::differencePath(parsed(p1), parsed(p2)), path);
}

QTEST_APPLESS_MAIN(tst_Pattern)

#include "tst_pattern.moc"
