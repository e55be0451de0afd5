#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/MockoonImporter.h"
#include "httpcore/mock/convert/PathConverter.h"
#include "httpcore/mock/convert/RouteSummary.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

QString dataPath(const QString &name)
{
    return QStringLiteral(SWITCHBOARD_SOURCE_DIR) + u"/tests/data/convert/"_s + name;
}

// importRoute imports an environment with the one route given as JSON (a Mockoon route object).
ImportResult importRoute(const QString &routeJson)
{
    const QString text = u"{\"name\": \"t\", \"routes\": ["_s + routeJson + u"]}"_s;
    const httpcore::Expected<QJsonValue, QString> document = DocumentReader::readJson(text.toUtf8());
    if (!document)
        qFatal("bad test JSON: %s", qPrintable(document.error()));
    httpcore::Expected<ImportResult, QString> result = MockoonImporter::import(*document);
    if (!result)
        qFatal("import failed: %s", qPrintable(result.error()));
    return *result;
}

// routeWithRules returns a GET /things/:id route whose one response has rules (a JSON array) and operator.
QString routeWithRules(const QString &rules, const QString &op = u"OR"_s)
{
    return uR"({"uuid": "u1", "method": "get", "endpoint": "things/:id", "responses": [
        {"statusCode": 200, "body": "x", "rules": %1, "rulesOperator": "%2", "disableTemplating": true}]})"_s.arg(rules,
                                                                                                                  op);
}

} // namespace

class tst_ImportMockoon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsExpressPaths_data();
    void convertsExpressPaths();
    void convertsRules_data();
    void convertsRules();
    void importsShopRoutes_data();
    void importsShopRoutes();
    void importsShopSettings();
    void reportsShopTranslation();
    void reportsFirstMatchDifferences();
    void refusesWhatIsNotAnEnvironment_data();
    void refusesWhatIsNotAnEnvironment();
    void rebasesBodyFilesToTheOutput();
};

void tst_ImportMockoon::convertsExpressPaths_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QStringList>("approximations");

    QTest::addRow("literal") << u"users/search"_s << u"/users/search"_s << QStringList() << QStringList();
    QTest::addRow("leading slash") << u"/users"_s << u"/users"_s << QStringList() << QStringList();
    QTest::addRow("root") << u""_s << u"/{$}"_s
                          << QStringList{u"the root became \"/{$}\" (the Go pattern \"/\" matches every path)"_s}
                          << QStringList();
    QTest::addRow("parameters") << u"users/:userId/orders/:order_id"_s << u"/users/{userId}/orders/{order_id}"_s
                                << QStringList{u":userId became {userId}"_s, u":order_id became {order_id}"_s}
                                << QStringList();
    QTest::addRow("parameter starting with a digit")
        << u"v/:1st"_s << u"/v/{_1st}"_s << QStringList{u":1st became {_1st}"_s} << QStringList();
    QTest::addRow("repeated parameter") << u"a/:id/b/:id"_s << u"/a/{id}/b/{id2}"_s
                                        << QStringList{u":id became {id}"_s, u":id became {id2}"_s} << QStringList();
    QTest::addRow("trailing wildcard") << u"files/*"_s << u"/files/{rest...}"_s << QStringList{u"* became {rest...}"_s}
                                       << QStringList();
    QTest::addRow("named wildcard") << u"files/*path"_s << u"/files/{path...}"_s
                                    << QStringList{u"*path became {path...}"_s} << QStringList();
    QTest::addRow("wildcard in the middle")
        << u"a/*/b"_s << u"/a/{segment}/b"_s << QStringList()
        << QStringList{u"* before the last segment matches any text, '/' included; {segment} matches one segment"_s};
    QTest::addRow("optional parameter")
        << u"users/:id?"_s << u"/users/{id}"_s << QStringList()
        << QStringList{u":id? is optional, {id} is not: the path without that segment no longer matches"_s};
    QTest::addRow("constrained parameter")
        << u"users/:id(\\d+)"_s << u"/users/{id}"_s << QStringList()
        << QStringList{u"the constraint (\\d+) of :id is not carried: {id} matches any segment"_s};
    QTest::addRow("parameter inside a segment")
        << u"flights/:from-:to"_s << u"/flights/{from}"_s << QStringList()
        << QStringList{u"the segment \":from-:to\" mixes text with parameters or Express pattern characters: "
                       u"approximated by {from}, which matches more"_s};
    QTest::addRow("pattern characters") << u"ab?cd"_s << u"/{segment}"_s << QStringList()
                                        << QStringList{u"the segment \"ab?cd\" mixes text with parameters or Express "
                                                       u"pattern characters: approximated by {segment}, which matches "
                                                       u"more"_s};
    QTest::addRow("wildcard inside the last segment")
        << u"files/*.json"_s << u"/files/{rest...}"_s << QStringList()
        << QStringList{u"the segment \"*.json\" mixes text with parameters or Express pattern characters: "
                       u"approximated by {rest...}, which matches more"_s};
    QTest::addRow("escaped parentheses")
        << u"part1[(]part2\\)"_s << u"/part1(part2)"_s
        << QStringList{u"the escaped segment \"part1[(]part2\\)\" is the literal \"part1(part2)\""_s} << QStringList();
    QTest::addRow("trailing slash")
        << u"users/"_s << u"/users"_s
        << QStringList{u"the trailing '/' is dropped (Express matches the path with and without it)"_s}
        << QStringList();
    QTest::addRow("spaces are escaped, braces are Express 5 groups")
        << u"a b/{x}"_s << u"/a%20b/{segment}"_s << QStringList()
        << QStringList{u"the segment \"{x}\" mixes text with parameters or "
                       u"Express pattern characters: approximated by "
                       u"{segment}, which matches more"_s};
}

void tst_ImportMockoon::convertsExpressPaths()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, path);
    QFETCH(QStringList, changes);
    QFETCH(QStringList, approximations);

    const PathConversion conversion = PathConverter::fromExpress(endpoint);
    QCOMPARE(conversion.error, QString());
    QCOMPARE(conversion.path, path);
    QCOMPARE(conversion.changes, changes);
    QCOMPARE(conversion.approximations, approximations);
}

void tst_ImportMockoon::convertsRules_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("report");

    const QString where = u"route 1 GET /things/:id, response 1: "_s;
    const QString pathInfo = u"info: route 1 GET /things/:id: :id became {id}"_s;
    QTest::addRow("query equals")
        << uR"([{"target": "query", "modifier": "page", "value": "2", "operator": "equals"}])"_s << u"OR"_s
        << u"rules anyOf: query \"page\" equals \"2\""_s << QStringList{pathInfo};
    QTest::addRow("header regex, AND")
        << uR"([{"target": "header", "modifier": "Accept", "value": "json", "operator": "regex"},
               {"target": "cookie", "modifier": "sid", "value": "", "operator": "null"}])"_s
        << u"AND"_s << u"rules allOf: header \"Accept\" regex \"json\"; cookie \"sid\" absent"_s
        << QStringList{pathInfo};
    QTest::addRow("route parameter")
        << uR"([{"target": "params", "modifier": "id", "value": "7", "operator": "equals"}])"_s << u"OR"_s
        << u"rules anyOf: pathValue \"id\" equals \"7\""_s << QStringList{pathInfo};
    QTest::addRow("raw body") << uR"([{"target": "body", "modifier": "", "value": "ping", "operator": "equals"}])"_s
                              << u"OR"_s << u"rules anyOf: body equals \"ping\""_s << QStringList{pathInfo};
    QTest::addRow("JSONPath body")
        << uR"([{"target": "body", "modifier": "$.items[0].sku", "value": "A1", "operator": "equals"}])"_s << u"OR"_s
        << u"rules anyOf: jsonBody \"items.0.sku\" equals \"A1\""_s << QStringList{pathInfo};
    QTest::addRow("object-path body")
        << uR"([{"target": "body", "modifier": "user.name", "value": "ada", "operator": "regex_i"}])"_s << u"OR"_s
        << u"rules anyOf: jsonBody \"user.name\" regex \"(?i)ada\""_s << QStringList{pathInfo};
    QTest::addRow("inverted equals")
        << uR"([{"target": "query", "modifier": "q", "value": "a.b", "invert": true, "operator": "equals"}])"_s
        << u"OR"_s << u"rules anyOf: query \"q\" regex \"\\\\A(?!(?:a\\\\.b)\\\\z)\""_s
        << QStringList{pathInfo, u"info: "_s + where +
                                     u"rule 1 (query \"q\" not equals \"a.b\") carried as the regex "
                                     u"\"\\A(?!(?:a\\.b)\\z)\""_s};
    QTest::addRow("inverted null")
        << uR"([{"target": "header", "modifier": "X-Debug", "value": "", "invert": true, "operator": "null"}])"_s
        << u"OR"_s << u"rules anyOf: header \"X-Debug\" present"_s << QStringList{pathInfo};
    QTest::addRow("unknown parameter")
        << uR"([{"target": "params", "modifier": "nope", "value": "1", "operator": "equals"}])"_s << u"OR"_s
        << QString()
        << QStringList{pathInfo, u"error: "_s + where +
                                     u"rule 1 (params \"nope\" equals \"1\") not carried: the route has no path "
                                     u"parameter \"nope\""_s};
    QTest::addRow("invalid regex")
        << uR"([{"target": "query", "modifier": "q", "value": "(", "operator": "regex"}])"_s << u"OR"_s << QString()
        << QStringList{pathInfo, u"error: "_s + where +
                                     u"rule 1 (query \"q\" regex \"(\") not carried: invalid regular expression: "
                                     u"missing closing parenthesis at offset 1"_s};
    QTest::addRow("method, path and schema")
        << uR"([{"target": "method", "modifier": "", "value": "GET", "operator": "equals"},
               {"target": "path", "modifier": "", "value": "/x", "operator": "equals"},
               {"target": "body", "modifier": "", "value": "{}", "operator": "valid_json_schema"},
               {"target": "query", "modifier": "tag", "value": "a", "operator": "array_includes"}])"_s
        << u"OR"_s << QString()
        << QStringList{
               pathInfo,
               u"error: "_s + where +
                   u"rule 1 (method equals \"GET\") not carried: Switchboard rules cannot test the request's "
                   u"method"_s,
               u"error: "_s + where +
                   u"rule 2 (path equals \"/x\") not carried: Switchboard rules cannot test the request's path"_s,
               u"error: "_s + where +
                   u"rule 3 (body valid_json_schema \"{}\") not carried: Switchboard rules have no "
                   u"valid_json_schema operator"_s,
               u"error: "_s + where +
                   u"rule 4 (query \"tag\" array_includes \"a\") not carried: Switchboard rules have no "
                   u"array_includes operator"_s};
}

void tst_ImportMockoon::convertsRules()
{
    QFETCH(QString, rules);
    QFETCH(QString, op);
    QFETCH(QString, expected);
    QFETCH(QStringList, report);

    const ImportResult result = importRoute(routeWithRules(rules, op));
    QCOMPARE(result.set.routes.size(), 1);
    const QStringList lines = RouteSummary::lines(result.set.routes.first());
    QCOMPARE(lines.value(2).trimmed(), expected);
    QCOMPARE(result.report.lines(), report);
}

void tst_ImportMockoon::importsShopRoutes_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("lines");

    QTest::addRow("search, with a presence rule")
        << u"get-api-users-search"_s
        << QStringList{u"route get-api-users-search: GET /api/users/search note=\"Search users by name\""_s,
                       u"  response 1: 200 \"matches\" type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"[{\\\"id\\\": "
                       u"7, \\\"name\\\": \\\"Ada\\\"}]\" templated"_s,
                       u"    rules anyOf: query \"q\" present"_s,
                       u"  response 2: 400 \"no query\" default type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"error\\\": \\\"q is required\\\"}\" templated"_s};
    QTest::addRow("list, with OR rules and headers")
        << u"get-api-users"_s
        << QStringList{u"route get-api-users: GET /api/users"_s,
                       u"  response 1: 200 \"admins\" type=application/json header X-Total-Count=\"1\" header "
                       u"X-Powered-By=\"Mockoon\" body=\"[{\\\"id\\\": 1, \\\"name\\\": \\\"Ada\\\", \\\"role\\\": "
                       u"\\\"admin\\\"}]\" templated"_s,
                       u"    rules anyOf: query \"role\" equals \"admin\"; header \"X-Role\" regex \"(?i)^admin$\""_s,
                       u"  response 2: 200 \"everyone\" default type=application/json header X-Total-Count=\"2\" "
                       u"header X-Powered-By=\"Mockoon\" body=\"[{\\\"id\\\": 1, \\\"name\\\": \\\"Ada\\\"}, "
                       u"{\\\"id\\\": 2, \\\"name\\\": \\\"Grace\\\"}]\" templated"_s};
    QTest::addRow("one user: Handlebars body, latency, inverted regex")
        << u"get-api-users-id"_s
        << QStringList{u"route get-api-users-id: GET /api/users/{id} note=\"One user\""_s,
                       u"  response 1: 200 \"found\" default type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"id\\\": \\\"{{urlParam 'id'}}\\\", \\\"name\\\": \\\"{{faker "
                       u"'person.firstName'}}\\\"}\" delay=120..120"_s,
                       u"  response 2: 404 \"missing\" type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"error\\\": \\\"not found\\\"}\" templated"_s,
                       u"    rules anyOf: pathValue \"id\" equals \"0\"; pathValue \"id\" regex "
                       u"\"\\\\A(?![\\\\s\\\\S]*(?:^[0-9]+$))\""_s};
    QTest::addRow("create: AND rules, some not carried")
        << u"post-api-users"_s
        << QStringList{u"route post-api-users: POST /api/users note=\"Create a user\""_s,
                       u"  response 1: 201 \"created\" type=application/json header Location=\"/api/users/3\" header "
                       u"X-Powered-By=\"Mockoon\" body=\"{\\\"id\\\": 3}\" delay=250..250 templated"_s,
                       u"    rules allOf: jsonBody \"email\" regex \"@example\\\\.com$\""_s,
                       u"  response 2: 422 \"invalid\" default type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"error\\\": \\\"invalid\\\"}\""_s};
    QTest::addRow("disabled route")
        << u"delete-api-users-id"_s
        << QStringList{u"route delete-api-users-id: DELETE /api/users/{id} disabled"_s,
                       u"  response 1: 204 default type=application/json header X-Powered-By=\"Mockoon\" templated"_s};
    QTest::addRow("sequential responses")
        << u"get-api-flaky"_s
        << QStringList{u"route get-api-flaky: GET /api/flaky mode=sequence note=\"Fails every third call\""_s,
                       u"  response 1: 200 \"first\" default type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"ok\\\": true}\" templated"_s,
                       u"  response 2: 200 \"second\" type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"ok\\\": true}\" templated"_s,
                       u"  response 3: 503 \"unavailable\" type=application/json header Retry-After=\"1\" header "
                       u"X-Powered-By=\"Mockoon\" body=\"{\\\"error\\\": \\\"try again\\\"}\" templated"_s};
    QTest::addRow("random responses")
        << u"get-api-coin"_s
        << QStringList{u"route get-api-coin: GET /api/coin mode=random"_s,
                       u"  response 1: 200 \"heads\" default type=text/plain header X-Powered-By=\"Mockoon\" "
                       u"body=\"heads\" templated"_s,
                       u"  response 2: 200 \"tails\" type=text/plain header X-Powered-By=\"Mockoon\" body=\"tails\" "
                       u"templated"_s};
    QTest::addRow("wildcard and file body")
        << u"get-api-files-rest"_s
        << QStringList{u"route get-api-files-rest: GET /api/files/{rest...} note=\"Static downloads\""_s,
                       u"  response 1: 200 \"report\" default type=application/pdf header X-Powered-By=\"Mockoon\" "
                       u"file=\"files/report.pdf\" templated"_s};
    QTest::addRow("optional parameter")
        << u"get-api-orders-orderid-items-itemid"_s
        << QStringList{u"route get-api-orders-orderid-items-itemid: GET /api/orders/{orderId}/items/{itemId}"_s,
                       u"  response 1: 200 default type=application/json header X-Powered-By=\"Mockoon\" "
                       u"body=\"{\\\"item\\\": 1}\" templated"_s};
    QTest::addRow("data bucket body")
        << u"get-api-legacy-name"_s
        << QStringList{u"route get-api-legacy-name: GET /api/legacy/{name}"_s,
                       u"  response 1: 200 default type=application/json header X-Powered-By=\"Mockoon\" templated"_s};
    QTest::addRow("any method")
        << u"api-health"_s
        << QStringList{u"route api-health: /api/health"_s,
                       u"  response 1: 200 default type=text/plain header X-Powered-By=\"Mockoon\" body=\"ok\" "
                       u"templated"_s};
}

void tst_ImportMockoon::importsShopRoutes()
{
    QFETCH(QString, id);
    QFETCH(QStringList, lines);

    const ConvertResult result = importMockoonFile(dataPath(u"mockoon-shop.json"_s));
    QVERIFY2(result.hasValue(), qPrintable(result.hasValue() ? QString() : result.error()));
    const QList<Route> &routes = result->set.routes;
    const auto route = std::find_if(routes.cbegin(), routes.cend(), [&](const Route &r) { return r.id == id; });
    QVERIFY2(route != routes.cend(), qPrintable(id));
    QCOMPARE(RouteSummary::lines(*route), lines);
}

void tst_ImportMockoon::importsShopSettings()
{
    const ConvertResult result = importMockoonFile(dataPath(u"mockoon-shop.json"_s));
    QVERIFY(result.hasValue());
    QCOMPARE(result->set.name, u"Shop API"_s);
    QCOMPARE(result->set.server.port, quint16(3001));
    QCOMPARE(result->set.server.host, u"127.0.0.1"_s);
    QCOMPARE(result->set.proxy, ProxySettings());
    QStringList ids;
    for (const Route &route : result->set.routes)
        ids.append(route.id);
    // The routes array order; the copy of the user route (a conflict) and the CRUD route are dropped.
    QCOMPARE(ids,
             (QStringList{u"get-api-users-search"_s, u"get-api-users"_s, u"get-api-users-id"_s, u"post-api-users"_s,
                          u"delete-api-users-id"_s, u"get-api-flaky"_s, u"get-api-coin"_s, u"get-api-files-rest"_s,
                          u"get-api-orders-orderid-items-itemid"_s, u"get-api-legacy-name"_s, u"api-health"_s}));
}

void tst_ImportMockoon::reportsShopTranslation()
{
    const ConvertResult result = importMockoonFile(dataPath(u"mockoon-shop.json"_s));
    QVERIFY(result.hasValue());
    const QStringList expected{
        u"info: environment: its 2 header(s) are copied into every response that does not set them"_s,
        u"warning: environment: CORS (automatic CORS headers and OPTIONS answers) is not carried: enable Switchboard's "
        u"CORS middleware"_s,
        u"info: route 3 GET /users/:id: :id became {id}"_s,
        u"warning: route 3 GET /users/:id, response 1: Mockoon (Handlebars) template helpers are not carried "
        u"(urlParam, faker): Switchboard's templates are mustache, so the body and headers are served as written"_s,
        u"info: route 3 GET /users/:id, response 2: rule 2 (params \"id\" not regex \"^[0-9]+$\") carried as the "
        u"regex \"\\A(?![\\s\\S]*(?:^[0-9]+$))\""_s,
        u"info: route 4 POST /users, response 1: rule 2 (header \"Authorization\" null) is disabled in Mockoon: not "
        u"carried"_s,
        u"error: route 4 POST /users, response 1: rule 3 (request_number equals \"1\") not carried: Switchboard rules "
        u"cannot test the request number"_s,
        u"error: route 4 POST /users, response 1: rule 4 (body \"tags\" empty_array) not carried: Switchboard rules "
        u"have no empty_array operator"_s,
        u"error: route 4 POST /users, response 1: 1 callback(s) not carried"_s,
        u"info: route 5 DELETE /users/:id: :id became {id}"_s,
        u"info: route 5 DELETE /users/:id: disabled in Mockoon: imported disabled"_s,
        u"info: route 6 GET /users/:userId: :userId became {userId}"_s,
        u"info: route 7 GET /flaky, response 2: 1 rule(s) not carried: Mockoon ignores rules in sequential mode"_s,
        u"info: route 9 GET /files/*: * became {rest...}"_s,
        u"warning: route 9 GET /files/*, response 1: fallbackTo404 not carried: a missing body file is an error, not "
        u"a 404"_s,
        u"info: route 10 GET /orders/:orderId/items/:itemId?: :orderId became {orderId}"_s,
        u"warning: route 10 GET /orders/:orderId/items/:itemId?: :itemId? is optional, {itemId} is not: the path "
        u"without that segment no longer matches"_s,
        u"warning: route 11 GET /legacy/:name.json: the segment \":name.json\" mixes text with parameters or Express "
        u"pattern characters: approximated by {name}, which matches more"_s,
        u"error: route 11 GET /legacy/:name.json, response 1: the data bucket body (dbq1) not carried: the body is "
        u"empty"_s,
        u"error: route 12 ALL /health, response 2: dropped: the status 700 is not from 100 to 599"_s,
        u"error: route 13 ALL /inventory: dropped: CRUD routes (backed by a data bucket) are not carried"_s,
        u"warning: route 3 GET /users/:id: requests that also match route 1 GET /users/search (\"GET "
        u"/api/users/search\") go to this route in Mockoon (first match) but to route 1 GET /users/search in "
        u"Switchboard (the most specific pattern)"_s,
        u"error: route 6 GET /users/:userId: dropped: its pattern \"GET /api/users/{userId}\" conflicts with \"GET "
        u"/api/users/{id}\" of route 3 GET /users/:id, which Mockoon tries first (first match): GET "
        u"/api/users/{userId} matches the same requests as GET /api/users/{id}"_s,
    };
    QCOMPARE(result->report.lines(), expected);
}

void tst_ImportMockoon::reportsFirstMatchDifferences()
{
    // Without a folder tree, the routes array is Mockoon's order: the specific route first agrees with Go.
    const QString specificFirst = uR"({"routes": [
        {"uuid": "a", "method": "get", "endpoint": "users/me", "responses": [{"statusCode": 200}]},
        {"uuid": "b", "method": "get", "endpoint": "users/:id", "responses": [{"statusCode": 200}]},
        {"uuid": "c", "method": "all", "endpoint": "users/:id", "responses": [{"statusCode": 200}]}]})"_s;
    const httpcore::Expected<QJsonValue, QString> document = DocumentReader::readJson(specificFirst.toUtf8());
    QVERIFY(document.hasValue());
    const httpcore::Expected<ImportResult, QString> result = MockoonImporter::import(*document);
    QVERIFY(result.hasValue());
    QCOMPARE(result->set.routes.size(), 3);
    // "ALL /users/:id" comes after "GET /users/:id" and is more general: both pick GET for a GET request.
    QCOMPARE(result->report.lines(), (QStringList{u"info: route 2 GET /users/:id: :id became {id}"_s,
                                                  u"info: route 3 ALL /users/:id: :id became {id}"_s}));

    // Swapped by the folder tree: the general route is tried first, and the report names both.
    const QString generalFirst = uR"({"routes": [
        {"uuid": "a", "method": "get", "endpoint": "users/me", "responses": [{"statusCode": 200}]},
        {"uuid": "b", "method": "all", "endpoint": "users/:id", "responses": [{"statusCode": 200}]}],
        "folders": [{"uuid": "f", "children": [{"type": "route", "uuid": "b"}]}],
        "rootChildren": [{"type": "folder", "uuid": "f"}, {"type": "route", "uuid": "a"}]})"_s;
    const httpcore::Expected<QJsonValue, QString> swapped = DocumentReader::readJson(generalFirst.toUtf8());
    QVERIFY(swapped.hasValue());
    const httpcore::Expected<ImportResult, QString> reordered = MockoonImporter::import(*swapped);
    QVERIFY(reordered.hasValue());
    QCOMPARE(reordered->report.lines(),
             (QStringList{u"info: route 2 ALL /users/:id: :id became {id}"_s,
                          u"warning: route 2 ALL /users/:id: requests that also match route 1 GET /users/me (\"GET "
                          u"/users/me\") go to this route in Mockoon (first match) but to route 1 GET /users/me in "
                          u"Switchboard (the most specific pattern)"_s}));
}

void tst_ImportMockoon::refusesWhatIsNotAnEnvironment_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QTest::addRow("empty") << QByteArray("  \n") << u"the file is empty"_s;
    QTest::addRow("not JSON") << QByteArray("{\"routes\": [}")
                              << u"not valid JSON: at line 1, column 13: unexpected character '}': a value was "
                                 u"expected"_s;
    QTest::addRow("YAML is not read") << QByteArray("routes: []\n")
                                      << u"not valid JSON: at line 1, column 1: unexpected character 'r': a value was "
                                         u"expected"_s;
    QTest::addRow("array") << QByteArray("[]") << u"not a Mockoon environment: the top level is not an object"_s;
    QTest::addRow("no routes") << QByteArray("{\"name\": \"x\"}")
                               << u"not a Mockoon environment: no \"routes\" array"_s;
    QTest::addRow("WireMock mapping") << QByteArray("{\"request\": {}, \"response\": {}}")
                                      << u"not a Mockoon environment: no \"routes\" array"_s;
}

void tst_ImportMockoon::refusesWhatIsNotAnEnvironment()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"env.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const ConvertResult result = importMockoonFile(path);
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error(), path + u": "_s + message);

    const QString missing = dir.filePath(u"missing.json"_s);
    const ConvertResult unreadable = importMockoonFile(missing);
    QVERIFY(!unreadable.hasValue());
    QCOMPARE(unreadable.error(), missing + u": cannot read: No such file or directory"_s);
}

void tst_ImportMockoon::rebasesBodyFilesToTheOutput()
{
    const QString in = dataPath(u"mockoon-shop.json"_s);
    // Saved one directory up, the route set reaches the file through "convert/".
    const QString out = dataPath(u"../shop.switchboard.json"_s);
    const ConvertResult result = importMockoonFile(in, out);
    QVERIFY(result.hasValue());
    const QList<Route> &routes = result->set.routes;
    const auto files =
        std::find_if(routes.cbegin(), routes.cend(), [](const Route &r) { return r.id == u"get-api-files-rest"_s; });
    QVERIFY(files != routes.cend());
    QCOMPARE(files->responses.first().bodyFile, u"convert/files/report.pdf"_s);
    QVERIFY(QFile::exists(dataPath(u"files/report.pdf"_s)));
}

QTEST_GUILESS_MAIN(tst_ImportMockoon)
#include "tst_importmockoon.moc"
