#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/RegexPathConverter.h"
#include "httpcore/mock/convert/RouteSummary.h"
#include "httpcore/mock/convert/WireMockImporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

QString dataPath(const QString &name)
{
    return QStringLiteral(SWITCHBOARD_SOURCE_DIR) + u"/tests/data/convert/wiremock/"_s + name;
}

QStringList summaryOf(const QList<Route> &routes)
{
    QStringList lines;
    for (const Route &route : routes)
        lines += RouteSummary::lines(route);
    return lines;
}

// rulesLine is the RouteSummary line of all-of rules.
QString rulesLine(const QStringList &rules)
{
    return u"rules allOf: "_s + rules.join(u"; "_s);
}

ImportResult importText(const QString &json)
{
    const httpcore::Expected<QJsonValue, QString> document = DocumentReader::readJson(json.toUtf8());
    if (!document)
        qFatal("bad test JSON: %s", qPrintable(document.error()));
    httpcore::Expected<ImportResult, QString> result = WireMockImporter::import(*document);
    if (!result)
        qFatal("import failed: %s", qPrintable(result.error()));
    return *result;
}

} // namespace

class tst_ImportWireMock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsUrlRegexes_data();
    void convertsUrlRegexes();
    void refusesRegexesWithoutAPathShape_data();
    void refusesRegexesWithoutAPathShape();
    void convertsMatchers_data();
    void convertsMatchers();
    void convertsResponses_data();
    void convertsResponses();
    void importsSingleMapping();
    void importsMappingsArray();
    void reportsMappingsTranslation();
    void mergesStubsOfOneRequestInPriorityOrder();
    void refusesWhatIsNotAMapping_data();
    void refusesWhatIsNotAMapping();
};

void tst_ImportWireMock::convertsUrlRegexes_data()
{
    QTest::addColumn<QString>("regex");
    QTest::addColumn<bool>("withQuery");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QStringList>("approximations");

    QTest::addRow("literal") << u"/api/users"_s << false << u"/api/users"_s << QStringList() << QStringList();
    QTest::addRow("anchors") << u"^/api/users$"_s << false << u"/api/users"_s << QStringList() << QStringList();
    QTest::addRow("escapes") << u"/api/v1\\.0/a\\-b"_s << false << u"/api/v1.0/a-b"_s << QStringList() << QStringList();
    QTest::addRow("segment wildcard") << u"/users/[^/]+"_s << false << u"/users/{p1}"_s
                                      << QStringList{u"[^/]+ became {p1}"_s} << QStringList();
    QTest::addRow("named group") << u"/users/(?<id>[^/]+)/orders"_s << false << u"/users/{id}/orders"_s
                                 << QStringList{u"(?<id>[^/]+) became {id}"_s} << QStringList();
    QTest::addRow("constrained wildcards")
        << u"/users/\\d+/files/([a-f0-9]{8})"_s << false << u"/users/{p1}/files/{p2}"_s << QStringList()
        << QStringList{u"the constraint \\d+ is not carried: {p1} matches any segment"_s,
                       u"the constraint ([a-f0-9]{8}) is not carried: {p2} matches any segment"_s};
    QTest::addRow("rest") << u"/static/.*"_s << false << u"/static/{rest...}"_s << QStringList{u".* became {rest...}"_s}
                          << QStringList();
    QTest::addRow("non-empty rest")
        << u"/static/(.+)"_s << false << u"/static/{rest...}"_s << QStringList()
        << QStringList{u"(.+) needs at least one character; {rest...} also matches an empty rest"_s};
    QTest::addRow("dot-star in the middle") << u"/a/.*/b"_s << false << u"/a/{p1}/b"_s << QStringList()
                                            << QStringList{u".* matches across '/'; {p1} matches one segment"_s};
    QTest::addRow("text and wildcard")
        << u"/files/[a-z]+\\.pdf"_s << false << u"/files/{p1}"_s << QStringList()
        << QStringList{u"the segment \"[a-z]+\\.pdf\" mixes text and wildcards: approximated by {p1}, which matches "
                       u"more"_s};
    QTest::addRow("unescaped dot")
        << u"/report.csv"_s << false << u"/report.csv"_s << QStringList()
        << QStringList{u"'.' in \"report.csv\" matches any character; it is read as a literal '.'"_s};
    QTest::addRow("trailing slash") << u"/dir/"_s << false << u"/dir/{$}"_s << QStringList() << QStringList();
    QTest::addRow("optional trailing slash")
        << u"/dir/?"_s << false << u"/dir"_s << QStringList()
        << QStringList{u"the optional trailing '/' is dropped: only the path without it matches"_s};
    QTest::addRow("query part") << u"/search\\?q=.*"_s << true << u"/search"_s << QStringList()
                                << QStringList{u"the query part \\?q=.* is not carried: any query matches"_s};
    QTest::addRow("optional query group")
        << u"/search(\\?.*)?"_s << true << u"/search"_s << QStringList()
        << QStringList{u"the query part (\\?.*)? is not carried: any query matches"_s};
    QTest::addRow("root") << u"/"_s << false << u"/{$}"_s << QStringList() << QStringList();
}

void tst_ImportWireMock::convertsUrlRegexes()
{
    QFETCH(QString, regex);
    QFETCH(bool, withQuery);
    QFETCH(QString, path);
    QFETCH(QStringList, changes);
    QFETCH(QStringList, approximations);

    const PathConversion conversion = RegexPathConverter::convert(regex, withQuery);
    QCOMPARE(conversion.error, QString());
    QCOMPARE(conversion.path, path);
    QCOMPARE(conversion.changes, changes);
    QCOMPARE(conversion.approximations, approximations);
}

void tst_ImportWireMock::refusesRegexesWithoutAPathShape_data()
{
    QTest::addColumn<QString>("regex");
    QTest::addColumn<QString>("error");

    QTest::addRow("alternation") << u"/(users|people)"_s
                                 << u"the segment \"(users|people)\" is not a literal or a wildcard: a group that is "
                                    u"not a single wildcard"_s;
    QTest::addRow("optional literal") << u"/colou?r"_s
                                      << u"the segment \"colou?r\" is not a literal or a wildcard: a quantified "
                                         u"literal"_s;
    QTest::addRow("lookahead") << u"/(?!admin)[^/]+"_s
                               << u"the segment \"(?!admin)[^/]+\" is not a literal or a wildcard: a lookaround or "
                                  u"inline-flag group"_s;
    QTest::addRow("quantified group") << u"/(\\d+)?"_s
                                      << u"the segment \"(\\d+)?\" is not a literal or a wildcard: a quantified "
                                         u"group"_s;
    QTest::addRow("word boundary") << u"/\\bx"_s
                                   << u"the segment \"\\bx\" is not a literal or a wildcard: the escape \\b"_s;
    QTest::addRow("not a path") << u".*/users"_s << u"the regex does not start with '/'"_s;
    QTest::addRow("invalid") << u"/users/(["_s
                             << u"invalid regular expression: missing terminating ] for character class at offset "
                                u"9"_s;
}

void tst_ImportWireMock::refusesRegexesWithoutAPathShape()
{
    QFETCH(QString, regex);
    QFETCH(QString, error);

    const PathConversion conversion = RegexPathConverter::convert(regex, false);
    QCOMPARE(conversion.error, error);
    QCOMPARE(conversion.path, QString());
}

void tst_ImportWireMock::convertsMatchers_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QStringList>("report");

    const QString where = u"mapping 1 GET /x: "_s;
    QTest::addRow("query, header and cookie operators")
        << uR"({"queryParameters": {"a": {"equalTo": "1"}, "b": {"matches": "[0-9]+"}, "c": {"doesNotMatch": "x.*"},
                "d": {"contains": "a+b"}, "e": {"doesNotContain": "?"}, "f": {"absent": true}, "g": {"absent": false}},
               "headers": {"Accept": {"equalTo": "Text/Plain", "caseInsensitive": true}},
               "cookies": {"sid": {"and": [{"contains": "s"}, {"matches": "s.*"}]}}})"_s
        << rulesLine({uR"r(query "a" equals "1")r"_s, uR"r(query "b" regex "\\A(?:[0-9]+)\\z")r"_s,
                      uR"r(query "c" regex "\\A(?!(?:x.*)\\z)")r"_s, uR"r(query "d" regex "a\\+b")r"_s,
                      uR"r(query "e" regex "\\A(?![\\s\\S]*(?:\\?))")r"_s, uR"r(query "f" absent)r"_s,
                      uR"r(query "g" present)r"_s, uR"r(header "Accept" regex "(?i)\\AText\\/Plain\\z")r"_s,
                      uR"r(cookie "sid" regex "s")r"_s, uR"r(cookie "sid" regex "\\A(?:s.*)\\z")r"_s})
        << QStringList();
    QTest::addRow("matchers that cannot be carried")
        << uR"({"queryParameters": {"tag": {"hasExactly": [{"equalTo": "a"}]}, "q": {"or": [{"equalTo": "a"}]}},
               "headers": {"Date": {"before": "now"}}, "formParameters": {"a": {"equalTo": "b"}},
               "host": {"equalTo": "example.com"}})"_s
        << QString()
        << QStringList{u"error: "_s + where + u"the query matcher on \"tag\" (hasExactly) is not carried"_s,
                       u"error: "_s + where + u"the query matcher on \"q\" (or) is not carried"_s,
                       u"error: "_s + where + u"the header matcher on \"Date\" (before) is not carried"_s,
                       u"error: "_s + where + u"the formParameters matcher is not carried"_s,
                       u"error: "_s + where + u"the host matcher is not carried"_s};
    QTest::addRow("body patterns")
        << uR"({"bodyPatterns": [{"contains": "ping"}, {"matches": ".*pong"}, {"equalTo": "ping pong"}]})"_s
        << rulesLine(
               {uR"(body regex "ping")"_s, uR"(body regex "\\A(?:.*pong)\\z")"_s, uR"(body equals "ping pong")"_s})
        << QStringList();
    QTest::addRow("equalToJson, strict")
        << uR"({"bodyPatterns": [{"equalToJson": "{\"a\": {\"b\": [1, true]}, \"c\": null, \"d\": \"${json-unit.ignore}\"}"}]})"_s
        << rulesLine({uR"r(jsonBody "a.b.0" equals "1")r"_s, uR"r(jsonBody "a.b.1" equals "true")r"_s,
                      uR"r(jsonBody "c" equals "null")r"_s})
        << QStringList{u"warning: "_s + where +
                       u"the equalToJson body matcher became 3 JSON body field rule(s): a body with extra fields also "
                       u"matches"_s};
    QTest::addRow("equalToJson with an empty object")
        << uR"({"bodyPatterns": [{"equalToJson": {"a": {}}}]})"_s << QString()
        << QStringList{u"error: "_s + where +
                       u"the equalToJson body matcher is not carried: it has the empty object at \"a\""_s};
    QTest::addRow("matchesJsonPath")
        << uR"({"bodyPatterns": [{"matchesJsonPath": "$.items[0]"},
                                 {"matchesJsonPath": {"expression": "$.user.name", "equalTo": "Ada"}},
                                 {"matchesJsonPath": "$..price"},
                                 {"equalToXml": "<a/>"}]})"_s
        << rulesLine({uR"r(jsonBody "items.0" present)r"_s, uR"r(jsonBody "user.name" equals "Ada")r"_s})
        << QStringList{u"error: "_s + where +
                           u"the matchesJsonPath body matcher \"$..price\" is not carried: only plain paths are"_s,
                       u"error: "_s + where + u"the equalToXml body matcher is not carried"_s};
    QTest::addRow("basic authentication")
        << uR"({"basicAuthCredentials": {"username": "jeff@example.com", "password": "jeffteenjefftyjeff"}})"_s
        << rulesLine({uR"r(header "Authorization" equals "Basic amVmZkBleGFtcGxlLmNvbTpqZWZmdGVlbmplZmZ0eWplZmY=")r"_s})
        << QStringList{u"info: "_s + where +
                       u"basicAuthCredentials became the rule: header Authorization equals \"Basic "
                       u"amVmZkBleGFtcGxlLmNvbTpqZWZmdGVlbmplZmZ0eWplZmY=\""_s};
}

void tst_ImportWireMock::convertsMatchers()
{
    QFETCH(QString, request);
    QFETCH(QString, rules);
    QFETCH(QStringList, report);

    QString requestJson = request;
    requestJson.insert(1, uR"("method": "GET", "urlPath": "/x", )"_s);
    const ImportResult result = importText(uR"({"request": %1, "response": {"status": 200}})"_s.arg(requestJson));
    QCOMPARE(result.set.routes.size(), 1);
    const QStringList lines = RouteSummary::lines(result.set.routes.first());
    QCOMPARE(lines.value(2).trimmed(), rules);
    QStringList expected = report;
    // Stubs with matchers get a 404 default, as in WireMock; one without keeps its only response as the default.
    if (!rules.isEmpty())
        expected.append(u"info: mapping 1 GET /x: every stub of this route has matchers: a default 404 response is "
                        u"added, as WireMock answers 404 when none matches (or tries a less specific stub)"_s);
    QCOMPARE(result.report.lines(), expected);
}

void tst_ImportWireMock::convertsResponses_data()
{
    QTest::addColumn<QString>("response");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QStringList>("report");

    const QString where = u"mapping 1 GET /x: "_s;
    QTest::addRow("defaults") << u"{}"_s << u"200 default"_s << QStringList();
    QTest::addRow("headers with several values")
        << uR"({"status": 201, "headers": {"Set-Cookie": ["a=1", "b=2"], "content-type": "text/csv"}, "body": "a,b"})"_s
        << u"201 default type=text/csv header Set-Cookie=\"a=1\" header Set-Cookie=\"b=2\" body=\"a,b\""_s
        << QStringList();
    QTest::addRow("JSON body keeps its key order")
        << uR"({"jsonBody": {"z": 1, "a": [true, null, 1.5]}})"_s
        << u"200 default body=\"{\\n  \\\"z\\\": 1,\\n  \\\"a\\\": [\\n    true,\\n    null,\\n    1.5\\n  ]\\n}\""_s
        << QStringList();
    QTest::addRow("base64 text") << uR"({"base64Body": "aGVsbG8="})"_s << u"200 default body=\"hello\""_s
                                 << QStringList();
    QTest::addRow("base64 binary")
        << uR"({"base64Body": "/wA="})"_s << u"200 default"_s
        << QStringList{u"error: "_s + where +
                       u"the binary base64Body (2 bytes) is not carried: save it to a file and use it as the body "
                       u"file"_s};
    QTest::addRow("uniform delay on top of a fixed one")
        << uR"({"fixedDelayMilliseconds": 50, "delayDistribution": {"type": "uniform", "lower": 10, "upper": 20}})"_s
        << u"200 default delay=60..70"_s << QStringList();
    QTest::addRow("lognormal delay")
        << uR"({"delayDistribution": {"type": "lognormal", "median": 90, "sigma": 0.1}})"_s
        << u"200 default delay=90..90"_s
        << QStringList{u"warning: "_s + where +
                       u"the lognormal delay (median 90 ms) is approximated by a fixed delay of its median"_s};
    QTest::addRow("reset") << uR"({"fault": "CONNECTION_RESET_BY_PEER"})"_s << u"200 default fault=resetBeforeHeaders"_s
                           << QStringList();
    QTest::addRow("unknown fault") << uR"({"fault": "SLOW_LORIS"})"_s << u"200 default"_s
                                   << QStringList{u"error: "_s + where + u"the fault SLOW_LORIS is not carried"_s};
    QTest::addRow("dribble without a body")
        << uR"({"chunkedDribbleDelay": {"numberOfChunks": 3, "totalDuration": 300}})"_s << u"200 default"_s
        << QStringList{u"error: "_s + where +
                       u"the chunked dribble delay is not carried: it needs an inline body and a positive "
                       u"totalDuration"_s};
    QTest::addRow("template with Handlebars tags")
        << uR"({"body": "{{request.path.[0]}}", "transformers": ["response-template"]})"_s
        << u"200 default body=\"{{request.path.[0]}}\""_s
        << QStringList{u"warning: "_s + where +
                       u"WireMock (Handlebars) response templates are not carried: the body and headers are served as "
                       u"written"_s};
    QTest::addRow("status message") << uR"({"status": 200, "statusMessage": "Fine"})"_s << u"200 default"_s
                                    << QStringList{u"error: "_s + where +
                                                   u"the status message \"Fine\" is not carried: the standard reason "
                                                   u"phrase is sent"_s};
}

void tst_ImportWireMock::convertsResponses()
{
    QFETCH(QString, response);
    QFETCH(QString, summary);
    QFETCH(QStringList, report);

    const ImportResult result =
        importText(uR"({"request": {"method": "GET", "urlPath": "/x"}, "response": %1})"_s.arg(response));
    QCOMPARE(result.set.routes.size(), 1);
    QCOMPARE(result.set.routes.first().responses.size(), 1);
    QCOMPARE(RouteSummary::response(result.set.routes.first().responses.first()), summary);
    QCOMPARE(result.report.lines(), report);
}

void tst_ImportWireMock::importsSingleMapping()
{
    const ConvertResult result = importWireMockFile(dataPath(u"mappings/get-user.json"_s));
    QVERIFY2(result.hasValue(), qPrintable(result.hasValue() ? QString() : result.error()));
    QCOMPARE(
        summaryOf(result->set.routes),
        (QStringList{u"route get-users-userid: GET /users/{userId} note=\"Get one user\""_s,
                     u"  response 1: 200 \"Get one user\" type=application/json header Cache-Control=\"no-cache\" "
                     u"body=\"{\\n  \\\"id\\\": 42,\\n  \\\"name\\\": \\\"Ada Lovelace\\\",\\n  \\\"roles\\\": [\\n    "
                     u"\\\"admin\\\",\\n    \\\"author\\\"\\n  ]\\n}\" delay=150..150 templated"_s,
                     u"    rules allOf: header \"Accept\" regex \"json\"; pathValue \"userId\" regex "
                     u"\"\\\\A(?:[0-9]+)\\\\z\""_s,
                     u"  response 2: 404 \"no stub matched\" default"_s}));
    QCOMPARE(result->report.lines(),
             (QStringList{u"info: mapping 1 GET /users/{userId}: every stub of this route has matchers: a default 404 "
                          u"response is added, as WireMock answers 404 when none matches (or tries a less specific "
                          u"stub)"_s}));
}

void tst_ImportWireMock::importsMappingsArray()
{
    const ConvertResult result = importWireMockFile(dataPath(u"mappings/shop.json"_s));
    QVERIFY2(result.hasValue(), qPrintable(result.hasValue() ? QString() : result.error()));
    const QStringList expected{
        u"route get-api-status: GET /api/status note=\"Status\""_s,
        u"  response 1: 200 \"Status\" default type=text/plain body=\"OK\""_s,
        u"route get-api-users: GET /api/users note=\"First page of users\""_s,
        u"  response 1: 200 \"First page of users\" type=application/json body=\"{\\n  \\\"page\\\": 1,\\n  "
        u"\\\"users\\\": [\\n    {\\n      \\\"id\\\": 1\\n    }\\n  ]\\n}\""_s,
        u"    rules allOf: query \"page\" equals \"1\""_s,
        u"  response 2: 200 \"All users\" default type=application/json body=\"{\\n  \\\"users\\\": []\\n}\""_s,
        u"route get-api-users-p1: GET /api/users/{p1} note=\"Users by number\""_s,
        u"  response 1: 200 \"Users by number\" default type=application/json body=\"{\\\"id\\\": 1}\""_s,
        u"route get-api-users-id-orders: GET /api/users/{id}/orders note=\"Orders of a user\""_s,
        u"  response 1: 200 \"Orders of a user\" default type=application/json body=\"[]\""_s,
        u"route api-users-rest: /api/users/{rest...} note=\"Anything about users\""_s,
        u"  response 1: 418 \"Anything about users\" default"_s,
        u"route get-api-search: GET /api/search note=\"Search\""_s,
        u"  response 1: 200 \"Search\" default body=\"results\""_s,
        u"route post-api-orders: POST /api/orders note=\"Order by XML\""_s,
        u"  response 1: 400 \"Order by XML\" body=\"XML orders are not accepted\""_s,
        u"    rules allOf: cookie \"session\" regex \"\\\\A(?:[a-f0-9]{32})\\\\z\"; header \"Authorization\" equals "
        u"\"Basic c2hvcDpzZWNyZXQ=\""_s,
        u"  response 2: 201 \"Order a book\" header Location=\"/api/orders/1\""_s,
        u"    rules allOf: header \"Content-Type\" regex \"(?i)\\\\Aapplication\\\\/json\\\\z\"; jsonBody \"item\" "
        u"equals \"book\"; jsonBody \"qty\" equals \"1\"; jsonBody \"customer.id\" present"_s,
        u"  response 3: 404 \"no stub matched\" default"_s,
        u"route get-api-flaky: GET /api/flaky note=\"Reset\""_s,
        u"  response 1: 200 \"Reset\" default fault=resetBeforeHeaders"_s,
        u"route get-api-empty: GET /api/empty note=\"Empty\""_s,
        u"  response 1: 200 \"Empty\" default fault=emptyResponse"_s,
        u"route get-api-garbage: GET /api/garbage note=\"Garbage\""_s,
        u"  response 1: 200 \"Garbage\" default fault=randomBytesThenClose"_s,
        u"route get-api-chunk: GET /api/chunk note=\"Bad chunk\""_s,
        u"  response 1: 200 \"Bad chunk\" default fault=malformedChunk"_s,
        u"route get-api-slow: GET /api/slow note=\"Slow\""_s,
        u"  response 1: 200 \"Slow\" default body=\"0123456789\" delay=100..500 fault=slowDrip bytesPerSecond=5"_s,
        u"route get-api-cart: GET /api/cart note=\"Cart step 1\""_s,
        u"  response 1: 200 \"Cart step 1\" default body=\"{\\n  \\\"items\\\": []\\n}\""_s,
        u"route get-api-invoices-invoice-id: GET /api/invoices/{invoice_id} note=\"Invoice\""_s,
        u"  response 1: 200 \"Invoice\" default type=application/pdf file=\"../__files/invoice.pdf\""_s,
        u"route api-rest: /api/{rest...} note=\"Catch-all\""_s,
        u"  response 1: 404 \"Catch-all\" default body=\"{\\n  \\\"error\\\": \\\"no such endpoint\\\"\\n}\""_s,
    };
    QCOMPARE(summaryOf(result->set.routes), expected);
    // The body file resolves from the mappings directory to WireMock's __files.
    QVERIFY(QFile::exists(dataPath(u"mappings/../__files/invoice.pdf"_s)));
}

void tst_ImportWireMock::reportsMappingsTranslation()
{
    const ConvertResult result = importWireMockFile(dataPath(u"mappings/shop.json"_s));
    QVERIFY(result.hasValue());
    const QStringList expected{
        u"warning: mapping 4 GET /api/users/[0-9]+: the constraint [0-9]+ is not carried: {p1} matches any segment"_s,
        u"info: mapping 5 GET /api/users/(?<id>[^/]+)/orders: (?<id>[^/]+) became {id}"_s,
        u"info: mapping 6 ANY /api/users/.*: .* became {rest...}"_s,
        u"warning: mapping 7 GET /api/search\\?q=.*: the query part \\?q=.* is not carried: any query matches"_s,
        u"error: mapping 8 GET /api/(users|people)/export: dropped: the URL \"/api/(users|people)/export\" cannot be "
        u"carried: the segment \"(users|people)\" is not a literal or a wildcard: a group that is not a single "
        u"wildcard"_s,
        u"info: mapping 9 POST /api/orders: the equalToJson body matcher became 3 JSON body field rule(s)"_s,
        u"info: mapping 10 POST /api/orders: basicAuthCredentials became the rule: header Authorization equals "
        u"\"Basic c2hvcDpzZWNyZXQ=\""_s,
        u"error: mapping 10 POST /api/orders: the matchesXPath body matcher is not carried"_s,
        u"warning: mapping 15 GET /api/slow: the chunked dribble delay (5 chunks over 2000 ms) is approximated by a "
        u"slow drip at 5 bytes per second"_s,
        u"error: mapping 16 GET /upstream/.*: dropped: proxy responses (proxyBaseUrl \"https://api.example.com\") are "
        u"not carried: use the route set's proxy fallback"_s,
        u"warning: mapping 17 GET /api/cart: the scenario \"Cart\" (required state \"Started\") is not carried: the "
        u"stub answers in every state"_s,
        u"warning: mapping 18 GET /api/invoices/{invoice-id}.pdf: the segment \"{invoice-id}.pdf\" mixes text and "
        u"variables: approximated by {invoice_id}, which matches any segment"_s,
        u"info: mapping 18 GET /api/invoices/{invoice-id}.pdf: the body file \"invoice.pdf\" (under WireMock's "
        u"__files) is carried as \"../__files/invoice.pdf\""_s,
        u"info: mapping 19 ANY /api/.*: .* became {rest...}"_s,
        u"info: mapping 3 GET /api/users: merged into the route of mapping 2 GET /api/users (pattern \"GET "
        u"/api/users\") as response 2, its default (the stub has no other matcher)"_s,
        u"info: mapping 9 POST /api/orders: merged into the route of mapping 10 POST /api/orders (pattern \"POST "
        u"/api/orders\") as response 2, chosen by its matchers"_s,
        u"info: mapping 10 POST /api/orders: every stub of this route has matchers: a default 404 response is added, "
        u"as WireMock answers 404 when none matches (or tries a less specific stub)"_s,
        u"warning: mapping 6 ANY /api/users/.*: requests that also match mapping 5 GET /api/users/(?<id>[^/]+)/orders "
        u"(\"GET /api/users/{id}/orders\") go to this route in WireMock (highest priority, then the most recently "
        u"added) but to mapping 5 GET /api/users/(?<id>[^/]+)/orders in Switchboard (the most specific pattern)"_s,
        u"warning: mapping 6 ANY /api/users/.*: requests that also match mapping 4 GET /api/users/[0-9]+ (\"GET "
        u"/api/users/{p1}\") go to this route in WireMock (highest priority, then the most recently added) but to "
        u"mapping 4 GET /api/users/[0-9]+ in Switchboard (the most specific pattern)"_s,
    };
    QCOMPARE(result->report.lines(), expected);
}

void tst_ImportWireMock::mergesStubsOfOneRequestInPriorityOrder()
{
    // Same priority: the stub added last is tried first. A stub without matchers answers everything after it.
    const ImportResult result = importText(uR"({"mappings": [
        {"request": {"method": "GET", "urlPath": "/a"}, "response": {"status": 200, "body": "fallback"}},
        {"request": {"method": "GET", "urlPath": "/a", "headers": {"X-V": {"equalTo": "2"}}}, "response": {"status": 202}},
        {"priority": 9, "request": {"method": "GET", "urlPath": "/a", "headers": {"X-V": {"equalTo": "3"}}},
         "response": {"status": 203}},
        {"request": {"method": "GET", "urlPathTemplate": "/{x}"}, "response": {"status": 204}},
        {"request": {"method": "GET", "urlPathPattern": "/[^/]+"}, "response": {"status": 205}}]})"_s);
    QCOMPARE(summaryOf(result.set.routes), (QStringList{u"route get-a: GET /a"_s, u"  response 1: 202"_s,
                                                        u"    rules allOf: header \"X-V\" equals \"2\""_s,
                                                        u"  response 2: 200 default body=\"fallback\""_s,
                                                        u"route get-p1: GET /{p1}"_s, u"  response 1: 205 default"_s}));
    // Stub 5 is tried before the stubs of /a (same priority, added later), and matches /a too.
    QCOMPARE(result.report.lines(),
             (QStringList{
                 u"info: mapping 5 GET /[^/]+: [^/]+ became {p1}"_s,
                 u"error: mapping 4 GET /{x}: dropped: WireMock never answers it: mapping 5 GET /[^/]+ (same request "
                 u"pattern, no other matcher) is tried before it"_s,
                 u"info: mapping 1 GET /a: merged into the route of mapping 2 GET /a (pattern \"GET /a\") as response "
                 u"2, its default (the stub has no other matcher)"_s,
                 u"error: mapping 3 GET /a: dropped: WireMock never answers it: mapping 1 GET /a (same request "
                 u"pattern, no other matcher) is tried before it"_s,
                 u"warning: mapping 5 GET /[^/]+: requests that also match mapping 2 GET /a (\"GET /a\") go to this "
                 u"route in WireMock (highest priority, then the most recently added) but to mapping 2 GET /a in "
                 u"Switchboard (the most specific pattern)"_s}));
}

void tst_ImportWireMock::refusesWhatIsNotAMapping_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QTest::addRow("not JSON") << QByteArray("{\"request\": ")
                              << u"not valid JSON: at line 1, column 13: unexpected end "
                                 u"of text: a value was expected"_s;
    QTest::addRow("a Mockoon environment")
        << QByteArray("{\"routes\": []}")
        << u"not WireMock stub mappings: expected a mapping (an object with \"request\" and \"response\") or "
           u"{\"mappings\": [...]}"_s;
    QTest::addRow("mappings not an array") << QByteArray("{\"mappings\": {}}")
                                           << u"not WireMock stub mappings: expected a mapping (an object with "
                                              u"\"request\" and \"response\") or {\"mappings\": [...]}"_s;
}

void tst_ImportWireMock::refusesWhatIsNotAMapping()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"stubs.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const ConvertResult result = importWireMockFile(path);
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error(), path + u": "_s + message);
}

QTEST_GUILESS_MAIN(tst_ImportWireMock)
#include "tst_importwiremock.moc"
