#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/DocumentWriter.h"
#include "httpcore/mock/convert/JsonTextReader.h"
#include "httpcore/mock/convert/OpenApiImporter.h"
#include "httpcore/mock/convert/OpenApiSchemas.h"
#include "httpcore/mock/convert/PathConverter.h"
#include "httpcore/mock/convert/RouteSummary.h"
#include "httpcore/mock/convert/YamlReader.h"

#include <QFile>
#include <QJsonObject>
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

QStringList summaryOf(const QList<Route> &routes)
{
    QStringList lines;
    for (const Route &route : routes)
        lines += RouteSummary::lines(route);
    return lines;
}

QJsonValue readJson(const QString &text)
{
    const httpcore::Expected<QJsonValue, QString> value = DocumentReader::readJson(text.toUtf8());
    if (!value)
        qFatal("bad test JSON: %s", qPrintable(value.error()));
    return *value;
}

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(DocumentWriter::toJson(value, DocumentWriter::Format::Compact));
}

} // namespace

class tst_ImportOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsPetstore_data();
    void importsPetstore();
    void reportsPetstoreTranslation_data();
    void reportsPetstoreTranslation();
    void importsSmallDocuments_data();
    void importsSmallDocuments();
    void convertsPathTemplates_data();
    void convertsPathTemplates();
    void buildsExamplesFromSchemas_data();
    void buildsExamplesFromSchemas();
    void reportsBrokenReferences();
    void boundsBuiltExamples();
    void readsYamlScalars_data();
    void readsYamlScalars();
    void readsJsonKeepingKeyOrder_data();
    void readsJsonKeepingKeyOrder();
    void refusesBrokenJson_data();
    void refusesBrokenJson();
    void refusesWhatIsNotOpenApi_data();
    void refusesWhatIsNotOpenApi();
};

void tst_ImportOpenApi::importsPetstore_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("JSON") << u"openapi-petstore.json"_s;
    QTest::addRow("YAML") << u"openapi-petstore.yaml"_s;
}

void tst_ImportOpenApi::importsPetstore()
{
    QFETCH(QString, file);

    const ConvertResult result = importOpenApiFile(dataPath(file));
    QVERIFY2(result.hasValue(), qPrintable(result.hasValue() ? QString() : result.error()));
    QCOMPARE(result->set.name, u"Petstore"_s);
    const QStringList expected{
        u"route listPets: GET /v1/pets note=\"List all pets\""_s,
        u"  response 1: 200 \"A page of pets\" default type=application/json header x-next=\"/v1/pets?page=2\" "
        u"header X-Rate-Limit=\"1\" body=\"[\\n  {\\n    \\\"id\\\": 0,\\n    \\\"name\\\": \\\"string\\\",\\n    "
        u"\\\"tag\\\": \\\"string\\\",\\n    \\\"status\\\": \\\"available\\\",\\n    \\\"birthday\\\": "
        u"\\\"2024-01-01\\\",\\n    \\\"chipId\\\": \\\"00000000-0000-0000-0000-000000000000\\\",\\n    "
        u"\\\"weight\\\": 0.5,\\n    \\\"vaccinated\\\": true,\\n    \\\"owner\\\": {\\n      \\\"id\\\": "
        u"\\\"00000000-0000-0000-0000-000000000000\\\",\\n      \\\"email\\\": \\\"user@example.com\\\",\\n      "
        u"\\\"since\\\": \\\"2024-01-01T00:00:00Z\\\",\\n      \\\"pets\\\": []\\n    }\\n  }\\n]\""_s,
        u"  response 2: 500 \"Unexpected error\" type=application/json body=\"{\\n  \\\"code\\\": 0,\\n  "
        u"\\\"message\\\": \\\"string\\\"\\n}\""_s,
        u"route createPet: POST /v1/pets note=\"Create a pet\""_s,
        u"  response 1: 201 \"Created\" default header Location=\"https://example.com/\""_s,
        u"  response 2: 422 \"The pet is not valid\" type=application/problem+json body=\"{\\n  \\\"type\\\": "
        u"\\\"about:blank\\\",\\n  \\\"title\\\": \\\"Invalid pet\\\",\\n  \\\"status\\\": 422\\n}\""_s,
        u"route showPetById: GET /v1/pets/{petId} note=\"Info for a specific pet\""_s,
        u"  response 1: 200 \"The pet\" default type=application/json body=\"{\\n  \\\"id\\\": 1,\\n  \\\"name\\\": "
        u"\\\"Rex\\\",\\n  \\\"tag\\\": \\\"dog\\\"\\n}\""_s,
        u"  response 2: 404 \"No such pet\" type=application/json body=\"{\\n  \\\"code\\\": 404,\\n  "
        u"\\\"message\\\": \\\"no such pet\\\"\\n}\""_s,
        u"route deletePet: DELETE /v1/pets/{petId}"_s,
        u"  response 1: 204 \"Deleted\" default"_s,
        u"route myPets: GET /v1/pets/mine"_s,
        u"  response 1: 200 \"The caller's pets\" default type=application/json body=\"[\\n  {\\n    \\\"id\\\": 1,\\n "
        u"   \\\"name\\\": \\\"Rex\\\"\\n  }\\n]\""_s,
        u"route petPhoto: GET /v1/pets/{petId}/{format}"_s,
        u"  response 1: 200 \"A photo\" default type=application/octet-stream"_s,
        u"route storeInventory: GET /v1/stores/{storeId}/inventory"_s,
        u"  response 1: 200 \"Stock by status\" default type=application/json body=\"{\\n  \\\"key\\\": 0\\n}\""_s,
        u"route health: GET /v1/health"_s,
        u"  response 1: 200 \"Alive\" default type=text/plain body=\"ok\""_s,
        u"route version: GET /v1/version"_s,
        u"  response 1: 200 \"The version\" default type=application/json body=\"{\\n  \\\"version\\\": "
        u"\\\"1.0.0\\\",\\n  \\\"build\\\": 1234\\n}\""_s,
        u"route root: GET /v1/{$}"_s,
        u"  response 1: 200 \"The API root\" default type=text/html body=\"<h1>Petstore</h1>\""_s,
    };
    QCOMPARE(summaryOf(result->set.routes), expected);
}

void tst_ImportOpenApi::reportsPetstoreTranslation_data()
{
    importsPetstore_data();
}

void tst_ImportOpenApi::reportsPetstoreTranslation()
{
    QFETCH(QString, file);

    const ConvertResult result = importOpenApiFile(dataPath(file));
    QVERIFY(result.hasValue());
    const QStringList expected{
        u"info: document: paths are served under \"/v1\", the path of the first server URL "
        u"\"http://petstore.example.com/{basePath}\""_s,
        u"info: operation GET /pets, response 200: the header \"X-Rate-Limit\" has no example: one is built from its "
        u"schema"_s,
        u"info: operation GET /pets, response 200: \"application/json\" content has no example: one is built from its "
        u"schema"_s,
        u"warning: operation GET /pets, response 200: the schema \"#/components/schemas/Pet\" contains itself: the "
        u"inner array is empty"_s,
        u"info: operation GET /pets, response default: the default response (any other status) is carried as status "
        u"500"_s,
        u"info: operation GET /pets, response default: \"application/json\" content has no example: one is built from "
        u"its schema"_s,
        u"info: operation POST /pets, response 201: the header \"Location\" has no example: one is built from its "
        u"schema"_s,
        u"info: operation GET /pets/{petId}, response 200: only the first media type \"application/json\" is carried "
        u"(not application/xml)"_s,
        u"warning: operation GET /pets/{petId}/photo.{format}: the segment \"photo.{format}\" mixes text and "
        u"variables: approximated by {format}, which matches any segment"_s,
        u"warning: operation GET /pets/{petId}/photo.{format}, response 200: the media range \"image/*\" is not a "
        u"content type: application/octet-stream is sent"_s,
        u"info: operation GET /pets/{petId}/photo.{format}, response 200: \"image/*\" content has no example: one is "
        u"built from its schema"_s,
        u"info: operation GET /stores/{storeId}/inventory, response 2XX: the status range 2XX is carried as 200"_s,
        u"info: operation GET /stores/{storeId}/inventory, response 2XX: \"application/json\" content has no example: "
        u"one is built from its schema"_s,
        u"info: operation GET /version, response default: there is no 2xx response: the default one is answered, with "
        u"status 200"_s,
        u"info: operation GET /: the trailing '/' became \"/{$}\" (a Go path ending in '/' matches every path below "
        u"it)"_s,
        u"error: operation GET /stores/main/{section}: dropped: its pattern \"GET /v1/stores/main/{section}\" "
        u"conflicts with \"GET /v1/stores/{storeId}/inventory\" of operation GET /stores/{storeId}/inventory, listed "
        u"before it: GET /v1/stores/main/{section} and GET /v1/stores/{storeId}/inventory both match some paths, like "
        u"\"/v1/stores/main/inventory\", but neither is more specific than the other: GET /v1/stores/main/{section} "
        u"matches \"/v1/stores/main/section\", but GET /v1/stores/{storeId}/inventory does not; GET "
        u"/v1/stores/{storeId}/inventory matches \"/v1/stores/storeId/inventory\", but GET /v1/stores/main/{section} "
        u"does not"_s,
    };
    QCOMPARE(result->report.lines(), expected);
}

void tst_ImportOpenApi::importsSmallDocuments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("routes");
    QTest::addColumn<QStringList>("report");

    QTest::addRow("YAML flow mapping")
        << QByteArray("{openapi: 3.0.0, paths: {/a: {get: {responses: {'200': {description: ok}}}}}}")
        << QStringList{u"route get-a: GET /a"_s, u"  response 1: 200 \"ok\" default"_s} << QStringList();
    QTest::addRow("relative server URL, operations in OpenAPI's order")
        << QByteArray("openapi: 3.1.0\nservers: [{url: /api/}]\npaths:\n  /a:\n    post: {responses: {}}\n"
                      "    get: {operationId: getA, responses: {'404': {description: none}}}\n")
        << QStringList{u"route getA: GET /api/a"_s, u"  response 1: 404 \"none\" default"_s,
                       u"route post-api-a: POST /api/a"_s, u"  response 1: 200"_s}
        << QStringList{
               u"info: document: paths are served under \"/api\", the path of the first server URL \"/api/\""_s,
               u"warning: operation POST /a: no response could be carried: it answers 200 with an empty body"_s};
    QTest::addRow("duplicate operation ids")
        << QByteArray("openapi: 3.0.1\npaths:\n  /a: {get: {operationId: x, responses: {'200': {description: a}}}}\n"
                      "  /b: {get: {operationId: x, responses: {'200': {description: b}}}}\n")
        << QStringList{u"route x: GET /a"_s, u"  response 1: 200 \"a\" default"_s, u"route x-2: GET /b"_s,
                       u"  response 1: 200 \"b\" default"_s}
        << QStringList();
}

void tst_ImportOpenApi::importsSmallDocuments()
{
    QFETCH(QByteArray, document);
    QFETCH(QStringList, routes);
    QFETCH(QStringList, report);

    const httpcore::Expected<QJsonValue, QString> value = DocumentReader::readJsonOrYaml(document);
    QVERIFY2(value.hasValue(), qPrintable(value.hasValue() ? QString() : value.error()));
    const httpcore::Expected<ImportResult, QString> result = OpenApiImporter::import(*value);
    QVERIFY(result.hasValue());
    QCOMPARE(summaryOf(result->set.routes), routes);
    QCOMPARE(result->report.lines(), report);
}

void tst_ImportOpenApi::convertsPathTemplates_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("converted");
    QTest::addColumn<QStringList>("notes");
    QTest::addColumn<QString>("error");

    QTest::addRow("literal") << u"/pets"_s << u"/pets"_s << QStringList() << QString();
    QTest::addRow("variables") << u"/pets/{petId}/toys/{toy_id}"_s << u"/pets/{petId}/toys/{toy_id}"_s << QStringList()
                               << QString();
    QTest::addRow("not an identifier")
        << u"/pets/{pet-id}"_s << u"/pets/{pet_id}"_s
        << QStringList{u"{pet-id} became {pet_id} (a Go wildcard name is an identifier, unique in the path)"_s}
        << QString();
    QTest::addRow("repeated") << u"/a/{id}/b/{id}"_s << u"/a/{id}/b/{id2}"_s
                              << QStringList{u"{id} became {id2} (a Go wildcard name is an identifier, unique in the "
                                             u"path)"_s}
                              << QString();
    QTest::addRow("inside a segment")
        << u"/files/{name}.{ext}"_s << u"/files/{name}"_s
        << QStringList{u"the segment \"{name}.{ext}\" mixes text and variables: approximated by {name}, which matches "
                       u"any segment ({ext} not captured)"_s}
        << QString();
    QTest::addRow("root") << u"/"_s << u"/{$}"_s
                          << QStringList{u"the root became \"/{$}\" (the Go pattern \"/\" matches every path)"_s}
                          << QString();
    QTest::addRow("trailing slash") << u"/pets/"_s << u"/pets/{$}"_s
                                    << QStringList{u"the trailing '/' became \"/{$}\" (a Go path ending in '/' matches "
                                                   u"every path below it)"_s}
                                    << QString();
    QTest::addRow("reserved expansion")
        << u"/files/{+path}"_s << QString() << QStringList()
        << u"the expression {+path} is an RFC 6570 form with no Go equivalent (only {name} is)"_s;
    QTest::addRow("explode") << u"/list/{ids*}"_s << QString() << QStringList()
                             << u"the expression {ids*} is an RFC 6570 form with no Go equivalent (only {name} is)"_s;
    QTest::addRow("unbalanced") << u"/a/{b"_s << QString() << QStringList()
                                << u"unbalanced braces in the segment \"{b\""_s;
    QTest::addRow("relative") << u"pets"_s << QString() << QStringList()
                              << u"the path \"pets\" does not start with '/'"_s;
}

void tst_ImportOpenApi::convertsPathTemplates()
{
    QFETCH(QString, path);
    QFETCH(QString, converted);
    QFETCH(QStringList, notes);
    QFETCH(QString, error);

    const PathConversion conversion = PathConverter::fromTemplate(path);
    QCOMPARE(conversion.error, error);
    QCOMPARE(conversion.path, converted);
    QCOMPARE(conversion.changes + conversion.approximations, notes);
}

void tst_ImportOpenApi::buildsExamplesFromSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("example");
    QTest::addColumn<QStringList>("notes");

    QTest::addRow("scalars by type")
        << uR"({"type": "object", "properties": {"s": {"type": "string"}, "i": {"type": "integer"},
               "n": {"type": "number"}, "b": {"type": "boolean"}, "z": {"type": "null"}}})"_s
        << uR"({"s":"string","i":0,"n":0,"b":true,"z":null})"_s << QStringList();
    QTest::addRow("string formats")
        << uR"({"type": "array", "items": {"anyOf": [{"type": "string", "format": "date-time"}]}})"_s
        << uR"(["2024-01-01T00:00:00Z"])"_s << QStringList();
    QTest::addRow("formats")
        << uR"({"properties": {"a": {"type": "string", "format": "uuid"}, "b": {"type": "string", "format": "email"},
               "c": {"type": "string", "format": "date"}, "d": {"type": "string", "format": "ipv4"},
               "e": {"type": "string", "format": "byte"}, "f": {"type": "string", "format": "binary"}}})"_s
        << uR"({"a":"00000000-0000-0000-0000-000000000000","b":"user@example.com","c":"2024-01-01","d":"192.0.2.1","e":"c3RyaW5n","f":""})"_s
        << QStringList();
    QTest::addRow("example, enum and default win")
        << uR"({"properties": {"a": {"type": "integer", "example": 7}, "b": {"type": "string", "enum": ["x", "y"]},
               "c": {"type": "integer", "default": 3}, "d": {"type": "integer", "minimum": 10}}})"_s
        << uR"({"a":7,"b":"x","c":3,"d":10})"_s << QStringList();
    QTest::addRow("3.1 type list") << uR"({"type": ["null", "integer"]})"_s << u"0"_s << QStringList();
    QTest::addRow("allOf merges") << uR"({"allOf": [{"$ref": "#/components/schemas/Named"},
               {"type": "object", "properties": {"age": {"type": "integer"}}}]})"_s
                                  << uR"({"name":"string","age":0})"_s << QStringList();
    QTest::addRow("oneOf takes the first")
        << uR"({"oneOf": [{"type": "boolean"}, {"type": "string"}]})"_s << u"true"_s << QStringList();
    QTest::addRow("recursion") << uR"({"$ref": "#/components/schemas/Node"})"_s
                               << uR"({"value":"string","next":null,"children":[]})"_s
                               << QStringList{u"the schema \"#/components/schemas/Node\" contains itself: the inner "
                                              u"one is null"_s,
                                              u"the schema \"#/components/schemas/Node\" contains itself: the inner "
                                              u"array is empty"_s};
    QTest::addRow("dangling reference") << uR"({"$ref": "#/components/schemas/Missing"})"_s << u"null"_s
                                        << QStringList{u"the reference \"#/components/schemas/Missing\" leads "
                                                       u"nowhere: null there"_s};
    QTest::addRow("external reference") << uR"({"$ref": "common.yaml#/Pet"})"_s << u"null"_s
                                        << QStringList{u"the external reference \"common.yaml#/Pet\" is not "
                                                       u"followed: null there"_s};
    QTest::addRow("escaped pointer") << uR"({"$ref": "#/components/schemas/a~1b"})"_s << u"\"slash\""_s
                                     << QStringList();
}

void tst_ImportOpenApi::buildsExamplesFromSchemas()
{
    QFETCH(QString, schema);
    QFETCH(QString, example);
    QFETCH(QStringList, notes);

    const QJsonValue document = readJson(uR"({"components": {"schemas": {
        "Named": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Node": {"type": "object", "properties": {"value": {"type": "string"},
                 "next": {"$ref": "#/components/schemas/Node"},
                 "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
        "a/b": {"type": "string", "example": "slash"}}}})"_s);
    const OpenApiSchemas schemas(document.toObject());
    QStringList built;
    QCOMPARE(compact(schemas.example(readJson(schema), built)), example);
    QCOMPARE(built, notes);
}

void tst_ImportOpenApi::reportsBrokenReferences()
{
    const QJsonValue document = readJson(uR"({"openapi": "3.0.0", "paths": {
        "/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Gone"}, "404": {"$ref": "#/x/y"}}}},
        "/b": {"$ref": "#/components/pathItems/B"},
        "/c": {"get": {"responses": {"200": {"description": "c", "headers": {"X-Loop": {"$ref": "#/components/headers/Loop"}},
                                                  "content": {"application/json": {"examples": {"remote": {"externalValue": "https://example.com/c.json"}}}}}}}}},
        "components": {"responses": {"Gone": {"$ref": "#/components/responses/Gone"}},
                       "headers": {"Loop": {"$ref": "#/components/headers/Loop"}}}})"_s);
    const httpcore::Expected<ImportResult, QString> result = OpenApiImporter::import(document);
    QVERIFY(result.hasValue());
    QCOMPARE(summaryOf(result->set.routes),
             (QStringList{u"route get-a: GET /a"_s, u"  response 1: 200"_s, u"route get-c: GET /c"_s,
                          u"  response 1: 200 \"c\" default type=application/json"_s}));
    QCOMPARE(result->report.lines(),
             (QStringList{
                 u"error: operation GET /a, response 200: dropped: the reference \"#/components/responses/Gone\" is "
                 u"circular"_s,
                 u"error: operation GET /a, response 404: dropped: the reference \"#/x/y\" leads nowhere"_s,
                 u"warning: operation GET /a: no response could be carried: it answers 200 with an empty body"_s,
                 u"error: path /b: dropped: the reference \"#/components/pathItems/B\" leads nowhere"_s,
                 u"error: operation GET /c, response 200: the header \"X-Loop\" is not carried: the reference "
                 u"\"#/components/headers/Loop\" is circular"_s,
                 u"warning: operation GET /c, response 200: the example \"remote\" of \"application/json\" content is "
                 u"skipped: it has no inline value (externalValue is not followed)"_s}));
}

void tst_ImportOpenApi::boundsBuiltExamples()
{
    // Each level makes the example four times larger: 4^8 values if nothing stopped it.
    QString schemas;
    for (int level = 0; level < 8; ++level) {
        const QString next = uR"({"$ref": "#/components/schemas/L%1"})"_s.arg(level + 1);
        schemas += uR"("L%1": {"properties": {"a": %2, "b": %2, "c": %2, "d": %2}},)"_s.arg(level).arg(next);
    }
    const QJsonValue document =
        readJson(uR"({"components": {"schemas": {%1 "L8": {"type": "integer"}}}})"_s.arg(schemas));
    const OpenApiSchemas schemasOf(document.toObject());
    QStringList notes;
    const QJsonValue example = schemasOf.example(readJson(uR"({"$ref": "#/components/schemas/L0"})"_s), notes);
    QVERIFY(example.isObject());
    QCOMPARE(notes, (QStringList{u"the example has more than 10000 values: cut there (null)"_s}));
}

void tst_ImportOpenApi::readsYamlScalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("json");

    QTest::addRow("plain scalars by the core schema")
        << QByteArray("a: 1\nb: -2.5\nc: true\nd: False\ne: ~\nf: null\ng: 0x1F\nh: 1e3\ni: yes\nj: .inf\n")
        << uR"({"a":1,"b":-2.5,"c":true,"d":false,"e":null,"f":null,"g":31,"h":1000,"i":"yes","j":".inf"})"_s;
    QTest::addRow("quoted scalars stay text")
        << QByteArray("a: '1'\nb: \"true\"\nc: 'null'\n") << uR"({"a":"1","b":"true","c":"null"})"_s;
    QTest::addRow("tags") << QByteArray("a: !!str 12\nb: !!float 3\nc: !!int '4'\n") << uR"({"a":"12","b":3,"c":4})"_s;
    QTest::addRow("keys are text and keep their order") << QByteArray("200: ok\n1.0: one\ntrue: yes\nz: 1\na: 2\n")
                                                        << uR"({"200":"ok","1.0":"one","true":"yes","z":1,"a":2})"_s;
    QTest::addRow("block scalars and flow collections")
        << QByteArray("text: |\n  line one\n  line two\nlist: [a, 'b', {c: d}]\n")
        << uR"({"text":"line one\nline two\n","list":["a","b",{"c":"d"}]})"_s;
    QTest::addRow("anchors and aliases") << QByteArray("base: &b {x: 1}\ncopy: *b\n")
                                         << uR"({"base":{"x":1},"copy":{"x":1}})"_s;
    QTest::addRow("empty value") << QByteArray("a:\nb: []\n") << uR"({"a":null,"b":[]})"_s;
}

void tst_ImportOpenApi::readsYamlScalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, json);

    const httpcore::Expected<QJsonValue, QString> value = YamlReader::parse(yaml);
    QVERIFY2(value.hasValue(), qPrintable(value.hasValue() ? QString() : value.error()));
    QCOMPARE(compact(*value), json);
}

void tst_ImportOpenApi::readsJsonKeepingKeyOrder_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("written");

    QTest::addRow("key order") << QByteArray("{\"b\": 1, \"a\": {\"z\": [], \"y\": {}}}")
                               << uR"({"b":1,"a":{"z":[],"y":{}}})"_s;
    QTest::addRow("repeated key keeps its place, last value")
        << QByteArray("{\"a\": 1, \"b\": 2, \"a\": 3}") << uR"({"a":3,"b":2})"_s;
    QTest::addRow("numbers") << QByteArray("[0, -1, 1.5, 2e3, 9007199254740993, 1E-2]")
                             << uR"([0,-1,1.5,2000,9007199254740993,0.01])"_s;
    QTest::addRow("escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00"])")
                             << u"[\"\\\"\\\\/\\b\\f\\n\\r\\t\",\"\u00e9\U0001F600\"]"_s;
    QTest::addRow("byte order mark and scalars")
        << QByteArray("\xEF\xBB\xBF [true, false, null, \"\"]") << uR"([true,false,null,""])"_s;
}

void tst_ImportOpenApi::readsJsonKeepingKeyOrder()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, written);

    const httpcore::Expected<QJsonValue, QString> value = JsonTextReader::parse(json);
    QVERIFY2(value.hasValue(), qPrintable(value.hasValue() ? QString() : value.error()));
    QCOMPARE(compact(*value), written);
}

void tst_ImportOpenApi::refusesBrokenJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::addRow("empty") << QByteArray(" ") << u"at line 1, column 2: no JSON value (the text is empty)"_s;
    QTest::addRow("trailing text") << QByteArray("{} x")
                                   << u"at line 1, column 4: unexpected text after the JSON "
                                      u"value"_s;
    QTest::addRow("bad character") << QByteArray("[@]")
                                   << u"at line 1, column 2: unexpected character '@': a value was expected"_s;
    QTest::addRow("end of text") << QByteArray("[1,")
                                 << u"at line 1, column 4: unexpected end of text: a value was "
                                    u"expected"_s;
    QTest::addRow("missing colon") << QByteArray("{\"a\" 1}") << u"at line 1, column 6: expected ':' after the key"_s;
    QTest::addRow("key not a string") << QByteArray("{1: 2}") << u"at line 1, column 2: expected a string key"_s;
    QTest::addRow("object separator") << QByteArray("{\"a\": 1 \"b\": 2}")
                                      << u"at line 1, column 9: expected ',' or '}'"_s;
    QTest::addRow("array separator") << QByteArray("[1 2]") << u"at line 1, column 4: expected ',' or ']'"_s;
    QTest::addRow("unterminated string") << QByteArray("[\"abc") << u"at line 1, column 6: unterminated string"_s;
    QTest::addRow("raw newline in a string")
        << QByteArray("[\"a\nb\"]") << u"at line 1, column 4: control character in a string (it must be escaped)"_s;
    QTest::addRow("bad escape") << QByteArray(R"(["\x"])")
                                << u"at line 1, column 4: invalid escape sequence in a "
                                   u"string"_s;
    QTest::addRow("short unicode escape") << QByteArray(R"(["\u12)")
                                          << u"at line 1, column 5: truncated \\u "
                                             u"escape"_s;
    QTest::addRow("bad unicode escape") << QByteArray(R"(["\u12G4"])")
                                        << u"at line 1, column 5: invalid \\u escape: four hex digits expected"_s;
    QTest::addRow("leading plus") << QByteArray("[+1]")
                                  << u"at line 1, column 2: unexpected character '+': a value "
                                     u"was expected"_s;
    QTest::addRow("no digit") << QByteArray("[-]") << u"at line 1, column 3: invalid number: a digit was expected"_s;
    QTest::addRow("no fraction") << QByteArray("[1.]")
                                 << u"at line 1, column 4: invalid number: a digit was expected "
                                    u"after '.'"_s;
    QTest::addRow("no exponent") << QByteArray("[1e+]")
                                 << u"at line 1, column 5: invalid number: a digit was expected in the exponent"_s;
    QTest::addRow("out of range") << QByteArray("[1e999]") << u"at line 1, column 7: number out of range"_s;
    QTest::addRow("bad literal") << QByteArray("[nul]")
                                 << u"at line 1, column 2: invalid literal: true, false or "
                                    u"null expected"_s;
    QTest::addRow("too deep") << QByteArray(600, '[') << u"at line 1, column 514: nested deeper than 512 levels"_s;
}

void tst_ImportOpenApi::refusesBrokenJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const httpcore::Expected<QJsonValue, QString> value = JsonTextReader::parse(json);
    QVERIFY(!value.hasValue());
    QCOMPARE(value.error(), error);
}

void tst_ImportOpenApi::refusesWhatIsNotOpenApi_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QTest::addRow("Swagger 2.0") << QByteArray("swagger: \"2.0\"\ninfo: {title: x}\n")
                                 << u"not an OpenAPI 3 document: Swagger 2.0 is not supported (convert it to OpenAPI 3 "
                                    u"first)"_s;
    QTest::addRow("no version") << QByteArray("{\"paths\": {}}")
                                << u"not an OpenAPI 3 document: no \"openapi\" version starting with \"3.\""_s;
    QTest::addRow("a YAML list") << QByteArray("- a\n- b\n")
                                 << u"not an OpenAPI 3 document: no \"openapi\" version starting with \"3.\""_s;
    QTest::addRow("broken YAML") << QByteArray("openapi: 3.0.0\npaths:\n  /a: [\n")
                                 << u"not valid YAML: at line 4, column 1: end of sequence flow not found"_s;
    QTest::addRow("broken JSON") << QByteArray("{\"openapi\": \"3.0.0\", \"paths\": [}")
                                 << u"not valid JSON: at line 1, column 32: unexpected character '}': a value was "
                                    u"expected"_s;
    // YAML reads what JSON refuses here (a trailing comma in a flow mapping), so the document is checked as YAML.
    QTest::addRow("JSON with a trailing comma") << QByteArray("{\"openapi\": \"2.0\",}")
                                                << u"not an OpenAPI 3 document: no \"openapi\" version starting with "
                                                   u"\"3.\""_s;
    QTest::addRow("empty") << QByteArray() << u"the file is empty"_s;
}

void tst_ImportOpenApi::refusesWhatIsNotOpenApi()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"api.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const ConvertResult result = importOpenApiFile(path);
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error(), path + u": "_s + message);
}

QTEST_GUILESS_MAIN(tst_ImportOpenApi)
#include "tst_importopenapi.moc"
