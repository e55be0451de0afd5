#include "httpcore/mock/file/RouteSetFile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

const QString DataDir = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/data/routesets");

// doc wraps routes, the text of the elements of "routes", into a format-1 document.
QByteArray doc(const QByteArray &routes)
{
    return "{\"format\": 1, \"routes\": [" + routes + "]}";
}

// withResponses wraps responses, the text of the elements of "responses", into a document with route "r".
QByteArray withResponses(const QByteArray &responses)
{
    return doc("{\"id\": \"r\", \"pattern\": \"/r\", \"responses\": [" + responses + "]}");
}

// addRow adds a row: the text of broken.json and the exact problems loading it gives, each written without
// the leading "broken.json" (and its ": " unless a ":line:column" follows); "{DATA}" stands for the test data
// directory, the directory of broken.json. Problems of structure come first, in the order the reader walks
// the document, then problems of meaning (RouteSetValidator): hence the order within some rows.
void addRow(const char *name, const QByteArray &json, const QStringList &problems)
{
    QStringList expected;
    for (QString problem : problems) {
        problem.replace(u"{DATA}"_s, DataDir);
        expected.append(problem.startsWith(u':') ? u"broken.json"_s + problem : u"broken.json: "_s + problem);
    }
    QTest::addRow("%s", name) << json << expected;
}

const QString FaultKinds = u"resetBeforeHeaders, resetAfterHeaders, resetAtBodyByte, emptyResponse, "
                           u"contentLengthOver, contentLengthUnder, malformedChunk, missingFinalChunk, "
                           u"randomBytesThenClose, slowDrip, headersThenHang, slowUploadRead, closeAfterRequests"_s;
const QString RouteKeys = u"id, pattern, enabled, note, mode, responses"_s;
const QString ResponseKeys =
    u"label, default, logic, rules, status, headers, contentType, body, bodyFile, templated, delay, fault"_s;

} // namespace

// tst_RouteSetFileErrors checks every load error: a table of broken files and the exact problems each gives.
class tst_RouteSetFileErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadReportsEveryProblem_data();
    void loadReportsEveryProblem();
    void newerFormatIsRefusedNotMisread();

private:
    void addSyntaxRows();
    void addFormatRows();
    void addStructureRows();
    void addRouteRows();
    void addResponseRows();
    void addRuleAndFaultRows();
    void addSettingsRows();
};

void tst_RouteSetFileErrors::addSyntaxRows()
{
    addRow("malformed: missing colon", "{\n  \"format\": 1,\n  \"routes\" []\n}",
           {u":3:13: malformed JSON: missing name separator"_s});
    addRow("malformed: empty file", "", {u":1:1: malformed JSON: illegal value"_s});
    // QJsonParseError's offset is just past the offending token (here the ',' at column 36); with bytes counted
    // instead of characters the column would be 39.
    addRow("malformed: column counts characters", "{\"name\": \"héllo wörld\", \"routes\": [,]}",
           {u":1:37: malformed JSON: illegal value"_s});
    addRow("malformed: trailing comma", "{\"format\": 1,\n\"routes\": [],\n}",
           {u":3:2: malformed JSON: object is missing after a comma"_s});
    addRow("malformed: garbage after the document", "{\"format\": 1}\nx",
           {u":2:1: malformed JSON: garbage at the end of the document"_s});
    addRow("root is an array", "[{\"format\": 1}]", {u"$: expected an object, got an array"_s});
    addRow("duplicate keys",
           "{\"format\": 1,\n \"routes\": [{\"id\": \"a\", \"pattern\": \"/a\",\n"
           "  \"responses\": [{\"status\": 200,\n    \"status\": 404}]}],\n \"format\": 1}",
           {u":4:5: $.routes[0].responses[0]: duplicate key \"status\""_s, u":5:2: $: duplicate key \"format\""_s});
}

void tst_RouteSetFileErrors::addFormatRows()
{
    addRow("format missing", "{\"routes\": []}", {u"$: missing required key \"format\""_s});
    addRow("format 0", "{\"format\": 0, \"routes\": []}",
           {u"$.format: unsupported file format 0 (this Switchboard reads format 1 to 1)"_s});
    addRow("format as a string", "{\"format\": \"1\", \"routes\": []}",
           {u"$.format: expected an integer, got a string"_s});
    addRow("format 1.5", "{\"format\": 1.5, \"routes\": []}", {u"$.format: expected an integer, got 1.5"_s});
    addRow("format newer: nothing else is read", "{\"format\": 2, \"routes\": 7, \"newKey\": {}}",
           {u"$.format: file format 2 is newer than this Switchboard reads (format 1 and older): the file needs a "
            u"newer Switchboard"_s});
}

void tst_RouteSetFileErrors::addStructureRows()
{
    addRow("routes not an array", "{\"format\": 1, \"routes\": {}}", {u"$.routes: expected an array, got an object"_s});
    addRow("route not an object: nothing more about it", doc("\"GET /a\", null"),
           {u"$.routes[0]: expected an object, got a string"_s, u"$.routes[1]: expected an object, got null"_s});
    addRow("unknown root key", "{\"format\": 1, \"version\": 2, \"routes\": []}",
           {u"$: unknown key \"version\" (expected one of: format, name, server, proxy, routes)"_s});
    addRow("typo in a route key", doc("{\"id\": \"a\", \"pattern\": \"/a\", \"respones\": [{}]}"),
           {u"$.routes[0]: unknown key \"respones\" (expected one of: %1)"_s.arg(RouteKeys),
            u"$.routes[0]: missing required key \"responses\""_s});
    addRow("odd key is quoted in the path", doc("{\"id\": \"a\", \"pattern\": \"/a\", \"responses\": [{\"a b\": 1}]}"),
           {u"$.routes[0].responses[0]: unknown key \"a b\" (expected one of: %1)"_s.arg(ResponseKeys)});
    addRow("missing id and pattern: not also invalid", doc("{\"responses\": [{}]}, {\"responses\": [{}]}"),
           {u"$.routes[0]: missing required key \"id\""_s, u"$.routes[0]: missing required key \"pattern\""_s,
            u"$.routes[1]: missing required key \"id\""_s, u"$.routes[1]: missing required key \"pattern\""_s});
    addRow("wrong types in a route",
           doc("{\"id\": 7, \"pattern\": [\"/a\"], \"enabled\": \"yes\", \"note\": false, \"responses\": {}}"),
           {u"$.routes[0].id: expected a string, got a number"_s,
            u"$.routes[0].pattern: expected a string, got an array"_s,
            u"$.routes[0].enabled: expected a boolean, got a string"_s,
            u"$.routes[0].note: expected a string, got a boolean"_s,
            u"$.routes[0].responses: expected an array, got an object"_s});
}

void tst_RouteSetFileErrors::addRouteRows()
{
    addRow("invalid pattern", doc("{\"id\": \"a\", \"pattern\": \"GET /users/{id\", \"responses\": [{}]}"),
           {u"$.routes[0].pattern: invalid pattern \"GET /users/{id\": at offset 11: segment \"{id\" is not a whole "
            u"wildcard: it must end "
            u"with '}'"_s});
    addRow("empty pattern", doc("{\"id\": \"a\", \"pattern\": \"\", \"responses\": [{}]}"),
           {u"$.routes[0].pattern: invalid pattern \"\": empty pattern"_s});
    addRow("duplicate and empty ids",
           doc("{\"id\": \"a\", \"pattern\": \"/a\", \"responses\": [{}]}, {\"id\": \"\", \"pattern\": \"/b\", "
               "\"responses\": [{}]}, {\"id\": \"a\", \"pattern\": \"/c\", \"responses\": [{}]}"),
           {u"$.routes[1].id: route id must not be empty"_s,
            u"$.routes[2].id: duplicate route id \"a\" (also used by $.routes[0])"_s});
    addRow("conflicting routes",
           doc("{\"id\": \"by-id\", \"pattern\": \"GET /users/{id}/orders\", \"responses\": [{}]}, {\"id\": "
               "\"mine\", \"pattern\": \"GET /users/me/{kind}\", \"responses\": [{}]}"),
           {u"$.routes[1].pattern: route \"mine\" (pattern \"GET /users/me/{kind}\") conflicts with route \"by-id\" "
            u"(pattern \"GET /users/{id}/orders\", $.routes[0]): GET /users/me/{kind} and GET /users/{id}/orders both "
            u"match some paths, like \"/users/me/orders\", but neither is more specific than the other: GET "
            u"/users/me/{kind} matches \"/users/me/kind\", but GET /users/{id}/orders does not; GET "
            u"/users/{id}/orders matches \"/users/id/orders\", but GET /users/me/{kind} does not"_s});
    addRow("every conflicting pair is named",
           doc("{\"id\": \"a\", \"pattern\": \"/x\", \"responses\": [{}]}, {\"id\": \"b\", \"pattern\": \"/x\", "
               "\"responses\": [{}]}, {\"id\": \"c\", \"pattern\": \"/x\", \"responses\": [{}]}"),
           {u"$.routes[1].pattern: route \"b\" (pattern \"/x\") conflicts with route \"a\" (pattern \"/x\", "
            u"$.routes[0]): /x matches the same requests as /x"_s,
            u"$.routes[2].pattern: route \"c\" (pattern \"/x\") conflicts with route \"a\" (pattern \"/x\", "
            u"$.routes[0]): /x matches the same requests as /x"_s,
            u"$.routes[2].pattern: route \"c\" (pattern \"/x\") conflicts with route \"b\" (pattern \"/x\", "
            u"$.routes[1]): /x matches the same requests as /x"_s});
    addRow("disabled routes are checked but do not conflict",
           doc("{\"id\": \"a\", \"pattern\": \"/x\", \"responses\": [{}]}, {\"id\": \"b\", \"pattern\": \"/x\", "
               "\"enabled\": false, \"responses\": [{}]}, {\"id\": \"c\", \"pattern\": \"/{\", \"enabled\": false, "
               "\"responses\": []}"),
           {u"$.routes[2].pattern: invalid pattern \"/{\": at offset 1: segment \"{\" is not a whole wildcard: it must "
            u"end with "
            u"'}'"_s,
            u"$.routes[2].responses: a route needs at least one response"_s});
    addRow("unknown route mode",
           doc("{\"id\": \"a\", \"pattern\": \"/a\", \"mode\": \"roundRobin\", \"responses\": [{}]}"),
           {u"$.routes[0].mode: unknown route mode \"roundRobin\" (expected one of: rules, sequence, random)"_s});
    addRow("no responses", doc("{\"id\": \"a\", \"pattern\": \"/a\", \"responses\": []}"),
           {u"$.routes[0].responses: a route needs at least one response"_s});
    addRow("more than one default",
           withResponses("{\"default\": true}, {\"default\": false}, {\"default\": true}, {\"default\": true}"),
           {u"$.routes[0].responses[2].default: more than one default response (the first is "
            u"$.routes[0].responses[0])"_s,
            u"$.routes[0].responses[3].default: more than one default response (the first is "
            u"$.routes[0].responses[0])"_s});
}

void tst_RouteSetFileErrors::addResponseRows()
{
    const QString r0 = u"$.routes[0].responses[0]"_s;
    addRow("status out of range", withResponses("{\"status\": 99}, {\"status\": 600}, {\"status\": 599}"),
           {r0 + u".status: status must be from 100 to 599 (got 99)"_s,
            u"$.routes[0].responses[1].status: status must be from 100 to 599 (got 600)"_s});
    addRow("status of the wrong type", withResponses("{\"status\": \"200\"}, {\"status\": 200.5}, {\"status\": 1e300}"),
           {r0 + u".status: expected an integer, got a string"_s,
            u"$.routes[0].responses[1].status: expected an integer, got 200.5"_s,
            u"$.routes[0].responses[2].status: expected an integer, got 1e+300"_s});
    addRow("header names and values",
           withResponses("{\"headers\": [{\"name\": \"X Bad\", \"value\": \"1\"}, {\"name\": \"\", \"value\": \"2\"}, "
                         "{\"name\": \"X-Split\", \"value\": \"a\\r\\nInjected: 1\"}, {\"name\": \"X-Ok\", \"value\": "
                         "\"é\\t{{query.q}}\"}], \"contentType\": \"text/plain\\u0000\"}"),
           {r0 + u".headers[0].name: header name \"X Bad\" is not an HTTP token (RFC 9110 §5.6.2: letters, digits "
                 u"and !#$%&'*+-.^_`|~ only)"_s,
            r0 + u".headers[1].name: header name must not be empty"_s,
            r0 + u".headers[2].value: header value contains a control character (U+000D) at offset 1"_s,
            r0 + u".contentType: content type contains a control character (U+0000) at offset 10"_s});
    addRow("headers of the wrong shape",
           withResponses("{\"headers\": {\"X-A\": \"1\"}}, {\"headers\": [[\"X-A\", \"1\"], {\"name\": \"X-B\"}]}"),
           {r0 + u".headers: expected an array, got an object"_s,
            u"$.routes[0].responses[1].headers[0]: expected an object, got an array"_s,
            u"$.routes[0].responses[1].headers[1]: missing required key \"value\""_s});
    addRow("body file missing or a directory",
           withResponses("{\"bodyFile\": \"files/nope.txt\"}, {\"bodyFile\": \"files\"}, {\"bodyFile\": "
                         "\"files/hello.txt\"}"),
           {r0 + u".bodyFile: body file \"files/nope.txt\" not found (looked for \"{DATA}/files/nope.txt\")"_s,
            u"$.routes[0].responses[1].bodyFile: body file \"files\" is a directory"_s});
    addRow("body and bodyFile", withResponses("{\"body\": \"x\", \"bodyFile\": \"files/hello.txt\"}"),
           {r0 + u": keys \"body\" and \"bodyFile\" exclude each other (give the body inline or in a file)"_s});
    addRow("delays",
           withResponses("{\"delay\": {\"minMs\": 500, \"maxMs\": 100}}, {\"delay\": {\"minMs\": -5, \"maxMs\": -1}}, "
                         "{\"delay\": {\"minMs\": 5}}, {\"delay\": 100}, {\"delay\": {\"minMs\": 1, \"maxMs\": 2, "
                         "\"ms\": 3}}"),
           {u"$.routes[0].responses[2].delay: missing required key \"maxMs\""_s,
            u"$.routes[0].responses[3].delay: expected an object, got a number"_s,
            u"$.routes[0].responses[4].delay: unknown key \"ms\" (expected one of: minMs, maxMs)"_s,
            r0 + u".delay: minMs (500) is greater than maxMs (100)"_s,
            u"$.routes[0].responses[1].delay.minMs: minMs must not be negative (got -5)"_s,
            u"$.routes[0].responses[1].delay.maxMs: maxMs must not be negative (got -1)"_s});
    addRow("templated and label types", withResponses("{\"templated\": 1, \"label\": null}"),
           {r0 + u".label: expected a string, got null"_s, r0 + u".templated: expected a boolean, got a number"_s});
}

void tst_RouteSetFileErrors::addRuleAndFaultRows()
{
    const QString r0 = u"$.routes[0].responses[0]"_s;
    addRow(
        "rules",
        withResponses("{\"logic\": \"oneOf\", \"rules\": [{\"target\": \"query\", \"operator\": \"regex\", \"value\": "
                      "\"([a-z\"}, {\"target\": \"form\", \"name\": \"x\"}, {\"target\": \"header\", \"name\": "
                      "\"X\", \"operator\": \"matches\"}, {\"name\": \"q\"}, {\"target\": \"body\", \"name\": \"b\", "
                      "\"operator\": \"present\", \"value\": \"v\"}, {\"target\": \"jsonBody\", \"name\": "
                      "\"user..name\"}, \"q=1\"]}"),
        {r0 + u".logic: unknown rule logic \"oneOf\" (expected one of: allOf, anyOf)"_s,
         r0 + u".rules[1].target: unknown rule target \"form\" (expected one of: query, header, pathValue, "
              u"cookie, jsonBody, body)"_s,
         r0 + u".rules[2].operator: unknown rule operator \"matches\" (expected one of: equals, regex, present, "
              u"absent)"_s,
         r0 + u".rules[3]: missing required key \"target\""_s,
         r0 + u".rules[4]: key \"name\" does not apply to target \"body\""_s,
         r0 + u".rules[4]: key \"value\" does not apply to operator \"present\""_s,
         r0 + u".rules[6]: expected an object, got a string"_s,
         r0 + u".rules[0]: a \"query\" rule needs a non-empty \"name\""_s,
         r0 + u".rules[0].value: invalid regular expression \"([a-z\": missing terminating ] for character class "
              u"at offset 5"_s,
         r0 + u".rules[5].name: invalid JSON body path \"user..name\": empty segment"_s});
    addRow("unknown fault", withResponses("{\"fault\": {\"kind\": \"resetMaybe\", \"atByte\": 3}}"),
           {r0 + u".fault.kind: unknown fault \"resetMaybe\" (expected one of: %1)"_s.arg(FaultKinds)});
    addRow("fault parameters of another kind",
           withResponses("{\"fault\": {\"kind\": \"slowDrip\", \"atByte\": 3, \"afterRequests\": 2, \"jitterPercent\": "
                         "5}}, {\"fault\": {\"seed\": 1, \"speed\": 2}}"),
           {r0 + u".fault: key \"atByte\" does not apply to fault \"slowDrip\""_s,
            r0 + u".fault: key \"afterRequests\" does not apply to fault \"slowDrip\""_s,
            u"$.routes[0].responses[1].fault: unknown key \"speed\" (expected one of: kind, probability, seed, "
            u"atByte, bytesPerSecond, jitterPercent, afterRequests)"_s,
            u"$.routes[0].responses[1].fault: missing required key \"kind\""_s});
    addRow("fault ranges",
           withResponses("{\"fault\": {\"kind\": \"slowDrip\", \"probability\": 1.5, \"bytesPerSecond\": 0, "
                         "\"jitterPercent\": 150}}, {\"fault\": {\"kind\": \"resetAtBodyByte\", \"probability\": -0.1, "
                         "\"atByte\": -1}}, {\"fault\": {\"kind\": \"closeAfterRequests\", \"afterRequests\": 0, "
                         "\"probability\": \"often\"}}"),
           {u"$.routes[0].responses[2].fault.probability: expected a number, got a string"_s,
            r0 + u".fault.probability: probability must be from 0 to 1 (got 1.5)"_s,
            r0 + u".fault.bytesPerSecond: bytesPerSecond must be at least 1 (got 0)"_s,
            r0 + u".fault.jitterPercent: jitterPercent must be from 0 to 100 (got 150)"_s,
            u"$.routes[0].responses[1].fault.probability: probability must be from 0 to 1 (got -0.1)"_s,
            u"$.routes[0].responses[1].fault.atByte: atByte must not be negative (got -1)"_s,
            u"$.routes[0].responses[2].fault.afterRequests: afterRequests must be at least 1 (got 0)"_s});
    addRow("fault seeds",
           withResponses("{\"fault\": {\"kind\": \"emptyResponse\", \"seed\": -1}}, {\"fault\": {\"kind\": "
                         "\"emptyResponse\", \"seed\": \"0x10\"}}, {\"fault\": {\"kind\": \"emptyResponse\", \"seed\": "
                         "\"18446744073709551616\"}}, {\"fault\": {\"kind\": \"emptyResponse\", \"seed\": "
                         "\"18446744073709551615\"}}"),
           {r0 + u".fault.seed: expected an integer from 0 to 9223372036854775807, got -1"_s,
            u"$.routes[0].responses[1].fault.seed: expected an integer from 0 to 18446744073709551615 in decimal "
            u"digits, got \"0x10\""_s,
            u"$.routes[0].responses[2].fault.seed: expected an integer from 0 to 18446744073709551615 in decimal "
            u"digits, got \"18446744073709551616\""_s});
}

void tst_RouteSetFileErrors::addSettingsRows()
{
    addRow(
        "server",
        "{\"format\": 1, \"server\": {\"host\": \"\", \"port\": 70000, \"workers\": -1, \"middleware\": [{\"enabled\": "
        "false}, {\"name\": \"\", \"settings\": []}, {\"name\": \"cors\", \"settings\": {\"any\": [1]}}], "
        "\"threads\": 2}, \"routes\": []}",
        {u"$.server: unknown key \"threads\" (expected one of: host, port, workers, limits, middleware)"_s,
         u"$.server.port: expected an integer from 0 to 65535, got 70000"_s,
         u"$.server.middleware[0]: missing required key \"name\""_s,
         u"$.server.middleware[1].settings: expected an object, got an array"_s,
         u"$.server.host: host must not be empty"_s, u"$.server.workers: workers must be from 0 to 1024 (got -1)"_s,
         u"$.server.middleware[1].name: middleware name must not be empty"_s,
         u"$.server.middleware[2].settings.any: unknown setting"_s});
    addRow("proxy enabled without upstream", "{\"format\": 1, \"proxy\": {\"enabled\": true}, \"routes\": []}",
           {u"$.proxy.upstream: an upstream URL is required when the proxy is enabled"_s});
    addRow("proxy upstream not http",
           "{\"format\": 1, \"proxy\": {\"upstream\": \"ftp://example.com\", \"record\": \"yes\"}, \"routes\": []}",
           {u"$.proxy.record: expected a boolean, got a string"_s,
            u"$.proxy.upstream: \"ftp://example.com\" is not an http or https URL"_s});
    addRow("name and server of the wrong type", "{\"format\": 1, \"name\": [], \"server\": \"x\", \"proxy\": 1}",
           {u"$.name: expected a string, got an array"_s, u"$.server: expected an object, got a string"_s,
            u"$.proxy: expected an object, got a number"_s});
}

void tst_RouteSetFileErrors::loadReportsEveryProblem_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    addSyntaxRows();
    addFormatRows();
    addStructureRows();
    addRouteRows();
    addResponseRows();
    addRuleAndFaultRows();
    addSettingsRows();
}

void tst_RouteSetFileErrors::loadReportsEveryProblem()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const auto loaded = RouteSetFile::parse(json, u"broken.json"_s, DataDir);
    QVERIFY(!loaded);
    QCOMPARE(problemStrings(loaded.error()), expected);
}

void tst_RouteSetFileErrors::newerFormatIsRefusedNotMisread()
{
    // A newer file may use keys and values this build has never heard of; it gets exactly one problem, saying
    // what to do about it, and no complaints about its contents.
    const QByteArray json =
        R"({"format": 3, "routes": [{"id": "a", "pattern": "GET /{$}", "responses": [{"grpc": true}]}],
                                "plugins": ["x"]})";
    const auto loaded = RouteSetFile::parse(json, u"future.json"_s, {});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const FileProblem &problem = loaded.error().first();
    QCOMPARE(problem.file, u"future.json"_s);
    QCOMPARE(problem.jsonPath, u"$.format"_s);
    QVERIFY(problem.message.contains(u"needs a newer Switchboard"_s));
}

QTEST_GUILESS_MAIN(tst_RouteSetFileErrors)
#include "tst_routesetfile_errors.moc"
