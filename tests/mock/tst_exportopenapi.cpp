#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/KeyOrder.h"
#include "httpcore/mock/convert/OpenApiExporter.h"
#include "httpcore/mock/convert/OpenApiImporter.h"
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

MockResponse response(int status,
                      const QString &label,
                      const QString &contentType = {},
                      const QString &body = {},
                      const QList<std::pair<QString, QString>> &headers = {})
{
    MockResponse r;
    r.status = status;
    r.label = label;
    r.contentType = contentType;
    r.body = body;
    r.headers = headers;
    return r;
}

Route route(const QString &id, const QString &pattern, const QList<MockResponse> &responses)
{
    Route r;
    r.id = id;
    r.pattern = pattern;
    r.responses = responses;
    return r;
}

// served keeps what OpenAPI describes of routes (id, pattern, note, and each response's status, label, content type,
// headers and body), as RouteSummary lines.
QStringList served(const QList<Route> &routes)
{
    QStringList lines;
    for (const Route &original : routes) {
        Route kept = route(original.id, original.pattern, {});
        kept.note = original.note;
        for (const MockResponse &r : original.responses)
            kept.responses.append(response(r.status, r.label, r.contentType, r.body, r.headers));
        lines += RouteSummary::lines(kept);
    }
    return lines;
}

ImportResult reimport(const QByteArray &document)
{
    const httpcore::Expected<QJsonValue, QString> value = DocumentReader::readJson(document);
    if (!value)
        qFatal("the export is not JSON: %s", qPrintable(value.error()));
    httpcore::Expected<ImportResult, QString> result = OpenApiImporter::import(*value);
    if (!result)
        qFatal("the export does not import: %s", qPrintable(result.error()));
    return *result;
}

RouteSet crudSet()
{
    RouteSet set;
    set.name = u"Users"_s;
    Route list = route(u"listUsers"_s, u"GET /users"_s,
                       {response(200, u"all users"_s, u"application/json"_s,
                                 u"[\n  {\n    \"id\": 1,\n    \"name\": \"Ada\"\n  }\n]"_s,
                                 {{u"X-Total-Count"_s, u"1"_s}, {u"Cache-Control"_s, u"no-store"_s}})});
    list.note = u"List the users"_s;
    set.routes = {
        list,
        route(u"createUser"_s, u"POST /users"_s,
              {response(201, u"created"_s, {}, {}, {{u"Location"_s, u"/users/2"_s}}),
               response(422, u"invalid"_s, u"application/problem+json"_s,
                        u"{\n  \"title\": \"Invalid\",\n  \"status\": 422\n}"_s)}),
        route(u"getUser"_s, u"GET /users/{id}"_s,
              {response(200, u"the user"_s, u"application/json"_s, u"{\"id\":1}"_s),
               response(404, u"no such user"_s, u"application/json"_s, u"{\n  \"error\": \"not found\"\n}"_s)}),
        route(u"deleteUser"_s, u"DELETE /users/{id}"_s, {response(204, u"deleted"_s)}),
        route(u"ping"_s, u"GET /ping"_s, {response(200, u"pong"_s, u"application/json"_s, u"\"pong\""_s)}),
        route(u"health"_s, u"GET /health"_s, {response(200, u"alive"_s, u"text/plain"_s, u"ok \"\u00e9\"\n"_s)}),
        route(u"home"_s, u"GET /{$}"_s, {response(200, u"home"_s, u"text/html"_s, u"<h1>Users</h1>"_s)}),
        route(u"docs"_s, u"GET /docs/{$}"_s, {response(200, u"docs"_s, u"text/html"_s, u"<p>docs</p>"_s)}),
        route(u"avatar"_s, u"GET /users/{id}/avatar"_s, {response(200, u"avatar"_s, u"image/png"_s)}),
    };
    return set;
}

} // namespace

class tst_ExportOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reimportGivesBackTheRoutes_data();
    void reimportGivesBackTheRoutes();
    void reportsWhatOpenApiCannotDescribe_data();
    void reportsWhatOpenApiCannotDescribe();
    void writesOpenApiDocument();
    void writesFileAtomically();
};

void tst_ExportOpenApi::reimportGivesBackTheRoutes_data()
{
    QTest::addColumn<RouteSet>("set");

    QTest::addRow("users") << crudSet();
    const ConvertResult petstore = importOpenApiFile(dataPath(u"openapi-petstore.yaml"_s));
    QVERIFY(petstore.hasValue());
    QTest::addRow("imported petstore") << petstore->set;
}

void tst_ExportOpenApi::reimportGivesBackTheRoutes()
{
    QFETCH(RouteSet, set);

    const ExportResult exported = OpenApiExporter::convert(set);
    QCOMPARE(exported.report.lines(), QStringList());
    const ImportResult back = reimport(exported.document);
    QCOMPARE(served(back.set.routes), served(set.routes));
    QCOMPARE(back.set.name, set.name);
    // Nothing is approximated on the way back: only the respelled root and trailing slashes are reported.
    QCOMPARE(back.report.count(ImportReport::Severity::Warning), 0);
    QCOMPARE(back.report.count(ImportReport::Severity::Error), 0);
}

void tst_ExportOpenApi::reportsWhatOpenApiCannotDescribe_data()
{
    QTest::addColumn<QList<Route>>("routes");
    QTest::addColumn<QStringList>("report");
    QTest::addColumn<QStringList>("paths");

    Route behaviour = route(u"flaky"_s, u"GET /flaky"_s,
                            {response(200, u"ok"_s, u"text/plain"_s, u"ok"_s), response(503, u"down"_s)});
    behaviour.mode = RouteMode::Sequence;
    behaviour.responses[0].rules = {Rule{RuleTarget::Query, u"x"_s, RuleOperator::Present, {}}};
    behaviour.responses[0].delay = Delay{10, 20};
    Fault reset;
    reset.kind = FaultKind::ResetBeforeHeaders;
    behaviour.responses[1].fault = reset;
    QTest::addRow("rules, delays, faults, mode")
        << QList<Route>{behaviour}
        << QStringList{u"warning: route flaky (GET /flaky): not exported (OpenAPI cannot describe them): sequence "
                       u"mode; rules of response(s) 1; delays of response(s) 1; faults of response(s) 2 "
                       u"(resetBeforeHeaders)"_s}
        << QStringList{u"/flaky"_s};

    MockResponse file = response(200, u"report"_s, u"application/pdf"_s);
    file.bodyFile = u"files/report.pdf"_s;
    QTest::addRow("rest wildcard and body file")
        << QList<Route>{route(u"files"_s, u"GET /files/{path...}"_s, {file})}
        << QStringList{u"warning: route files (GET /files/{path...}): {path...} has no OpenAPI equivalent: exported as "
                       u"{path}, one segment"_s,
                       u"warning: route files (GET /files/{path...}): response 1: the body file \"files/report.pdf\" "
                       u"is "
                       u"not exported (described as binary)"_s}
        << QStringList{u"/files/{path}"_s};
    QTest::addRow("subtree") << QList<Route>{route(u"static"_s, u"GET /static/"_s, {response(200, u"ok"_s)})}
                             << QStringList{u"warning: route static (GET /static/): the subtree pattern has no OpenAPI "
                                            u"equivalent: only \"/static/\" itself is described"_s}
                             << QStringList{u"/static/"_s};
    QTest::addRow("no method") << QList<Route>{route(u"any"_s, u"/any"_s, {response(200, u"ok"_s)})}
                               << QStringList{u"warning: route any (/any): the pattern has no method: exported under "
                                              u"every method (get, put, post, delete, options, head, patch)"_s}
                               << QStringList{u"/any"_s};
    QTest::addRow("WebDAV method and host")
        << QList<Route>{route(u"dav"_s, u"PROPFIND /dav"_s, {response(207, u"multi"_s)}),
                        route(u"hosted"_s, u"GET api.example.com/hosted"_s, {response(200, u"ok"_s)})}
        << QStringList{u"error: route dav (PROPFIND /dav): not exported: the method PROPFIND has no OpenAPI "
                       u"operation"_s,
                       u"warning: route hosted (GET api.example.com/hosted): the host api.example.com has no per-path "
                       u"equivalent: exported without it"_s}
        << QStringList{u"/hosted"_s};
    Route disabled = route(u"off"_s, u"GET /off"_s, {response(200, u"ok"_s)});
    disabled.enabled = false;
    QTest::addRow("disabled and invalid")
        << QList<Route>{disabled, route(u"bad"_s, u"GET /a/{x"_s, {response(200, u"ok"_s)})}
        << QStringList{u"info: route off (GET /off): disabled: not exported"_s,
                       u"error: route bad (GET /a/{x): not exported: invalid pattern: at offset 7: segment \"{x\" is "
                       u"not a whole wildcard: it must end with '}'"_s}
        << QStringList();
    QTest::addRow("responses sharing a status")
        << QList<Route>{route(u"coin"_s, u"GET /coin"_s,
                              {response(200, u"heads"_s, u"text/plain"_s, u"heads"_s),
                               response(200, u"tails"_s, u"text/plain"_s, u"tails"_s),
                               response(200, u"edge"_s, u"application/json"_s, u"{}"_s)})}
        << QStringList{u"info: route coin (GET /coin): response 2 shares the status 200 with response 1: exported as a "
                       u"further example"_s,
                       u"error: route coin (GET /coin): response 3 is not exported: it shares the status 200 with "
                       u"response 1 and OpenAPI has one response per status"_s}
        << QStringList{u"/coin"_s};
    QTest::addRow("same path and method twice")
        << QList<Route>{route(u"one"_s, u"GET /a/{x}"_s, {response(200, u"one"_s)}),
                        route(u"rest"_s, u"GET /a/{x...}"_s, {response(200, u"rest"_s)})}
        << QStringList{u"warning: route rest (GET /a/{x...}): {x...} has no OpenAPI equivalent: exported as {x}, one "
                       u"segment"_s,
                       u"error: route rest (GET /a/{x...}): not exported under \"get /a/{x}\": route one (GET /a/{x}) "
                       u"is already there"_s}
        << QStringList{u"/a/{x}"_s};
    QTest::addRow("body without a content type")
        << QList<Route>{route(u"plain"_s, u"GET /plain"_s, {response(200, u"ok"_s, {}, u"hello"_s)})}
        << QStringList{u"warning: route plain (GET /plain): response 1 has a body but no content type: described as "
                       u"text/plain"_s}
        << QStringList{u"/plain"_s};
}

void tst_ExportOpenApi::reportsWhatOpenApiCannotDescribe()
{
    QFETCH(QList<Route>, routes);
    QFETCH(QStringList, report);
    QFETCH(QStringList, paths);

    RouteSet set;
    set.routes = routes;
    const ExportResult exported = OpenApiExporter::convert(set);
    QCOMPARE(exported.report.lines(), report);
    const httpcore::Expected<QJsonValue, QString> document = DocumentReader::readJson(exported.document);
    QVERIFY(document.hasValue());
    QCOMPARE(KeyOrder::keys(document->toObject().value(u"paths"_s).toObject()), paths);
}

void tst_ExportOpenApi::writesOpenApiDocument()
{
    RouteSet set;
    set.server.port = 9090;
    MockResponse found = response(200, {}, u"application/json"_s, u"{\n  \"id\": 1\n}"_s, {{u"ETag"_s, u"\"v1\""_s}});
    MockResponse first = response(404, u"first"_s, u"text/plain"_s, u"no"_s);
    MockResponse second = response(404, u"second"_s, u"text/plain"_s, u"still no"_s);
    set.routes = {route(u"item"_s, u"GET /items/{id}"_s, {found, first, second})};
    const ExportResult exported = OpenApiExporter::convert(set);
    const QByteArray expected = R"({
  "openapi": "3.0.3",
  "info": {
    "title": "Switchboard route set",
    "version": "1.0.0"
  },
  "servers": [
    {
      "url": "http://127.0.0.1:9090"
    }
  ],
  "paths": {
    "/items/{id}": {
      "get": {
        "operationId": "item",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "example": "\"v1\""
              }
            },
            "content": {
              "application/json": {
                "example": {
                  "id": 1
                }
              }
            }
          },
          "404": {
            "description": "first",
            "content": {
              "text/plain": {
                "examples": {
                  "response-2": {
                    "value": "no"
                  },
                  "response-3": {
                    "value": "still no"
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
)";
    QCOMPARE(exported.document, expected);
}

void tst_ExportOpenApi::writesFileAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(u"users.openapi.json"_s);
    const httpcore::Expected<ImportReport, QString> written = exportOpenApiFile(crudSet(), out);
    QVERIFY2(written.hasValue(), qPrintable(written.hasValue() ? QString() : written.error()));
    QCOMPARE(written->lines(), QStringList());
    const ConvertResult back = importOpenApiFile(out);
    QVERIFY(back.hasValue());
    QCOMPARE(served(back->set.routes), served(crudSet().routes));

    const QString unwritable = dir.filePath(u"missing/dir/users.json"_s);
    const httpcore::Expected<ImportReport, QString> refused = exportOpenApiFile(crudSet(), unwritable);
    QVERIFY(!refused.hasValue());
    QVERIFY2(refused.error().startsWith(unwritable + u": cannot write: "_s), qPrintable(refused.error()));
    QVERIFY(!QFile::exists(unwritable));
    // The first file is untouched by the failed export.
    QVERIFY(importOpenApiFile(out).hasValue());
}

QTEST_GUILESS_MAIN(tst_ExportOpenApi)
#include "tst_exportopenapi.moc"
