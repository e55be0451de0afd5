#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/RouteSetCheck.h"
#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/file/RouteSetKeys.h"
#include "httpcore/mock/file/RouteSetValidator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

const QString SourceDir = QStringLiteral(SWITCHBOARD_SOURCE_DIR);
const QString DataDir = SourceDir + u"/tests/data/routesets"_s;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

Route route(const QString &id, const QString &pattern, QList<MockResponse> responses = {MockResponse{}})
{
    Route r;
    r.id = id;
    r.pattern = pattern;
    r.responses = std::move(responses);
    return r;
}

Fault fault(FaultKind kind)
{
    Fault f;
    f.kind = kind;
    return f;
}

// richResponses returns responses that between them set every field of MockResponse to something other than
// its default, with text that needs escaping.
QList<MockResponse> richResponses()
{
    MockResponse matched;
    matched.label = u"matched \"quoted\" ünïcödé"_s;
    matched.logic = RuleLogic::AnyOf;
    matched.rules = {Rule{RuleTarget::Query, u"q"_s, RuleOperator::Equals, u"a b"_s},
                     Rule{RuleTarget::Header, u"X-Token"_s, RuleOperator::Regex, u"^Bearer \\w+$"_s},
                     Rule{RuleTarget::PathValue, u"id"_s, RuleOperator::Present, {}},
                     Rule{RuleTarget::Cookie, u"session"_s, RuleOperator::Absent, {}},
                     Rule{RuleTarget::JsonBody, u"user.tags.0"_s, RuleOperator::Equals, u"vip"_s},
                     Rule{RuleTarget::Body, {}, RuleOperator::Regex, u"(?s)hello.*world"_s}};
    matched.status = 201;
    matched.headers = {{u"X-One"_s, u"1"_s}, {u"X-One"_s, u"again"_s}, {u"Set-Cookie"_s, u"a=b; Path=/"_s}};
    matched.contentType = u"application/json; charset=utf-8"_s;
    matched.body = u"{\"line\": \"one\\ntwo\"}\n\ttabbed \u0001 control / slash \\ backslash €"_s;
    matched.templated = false;
    matched.delay = Delay{250, 250};

    MockResponse fallback;
    fallback.isDefault = true;
    fallback.status = 404;
    fallback.bodyFile = u"files/hello.txt"_s;
    fallback.delay = Delay{0, 1500};
    Fault drip = fault(FaultKind::SlowDrip);
    drip.probability = 0.1;
    drip.seed = 9007199254740993ULL; // 2^53 + 1: not a double
    drip.bytesPerSecond = 3;
    drip.jitterPercent = 40;
    fallback.fault = drip;
    return {matched, fallback};
}

// faultResponses returns one response per fault kind, each with its parameters set off their defaults.
QList<MockResponse> faultResponses()
{
    QList<MockResponse> responses;
    for (int i = 0; !faultKindName(FaultKind(i)).isEmpty(); ++i) {
        Fault f = fault(FaultKind(i));
        const QList<QStringView> uses = faultParameterKeys(f.kind);
        if (uses.contains(keys::AtByte))
            f.atByte = 5000000000LL;
        if (uses.contains(keys::BytesPerSecond))
            f.bytesPerSecond = 10;
        if (uses.contains(keys::JitterPercent))
            f.jitterPercent = 100;
        if (uses.contains(keys::AfterRequests))
            f.afterRequests = 3;
        f.probability = i % 2 ? 0.0 : 0.75;
        if (i % 3 == 0)
            f.seed = i == 0 ? std::numeric_limits<quint64>::max() : quint64(i);
        MockResponse response;
        response.label = faultKindName(f.kind);
        response.fault = f;
        responses.append(response);
    }
    return responses;
}

// richSet is a route set with every field of the model off its default somewhere.
RouteSet richSet()
{
    RouteSet set;
    set.name = u"Rich \"set\" ✓"_s;
    set.server.host = u"0.0.0.0"_s;
    set.server.port = 0;
    set.server.workers = 3;
    set.server.middleware = {
        MiddlewareSetting{u"requestId"_s, true, {}},
        MiddlewareSetting{u"cors"_s, false,
                          QJsonObject{{u"origins"_s, QJsonArray{u"*"_s}},
                                      {u"maxAgeSeconds"_s, 600},
                                      {u"exposedHeaders"_s, QJsonArray{u"X-Total"_s, u"X-Page"_s}}}}};
    set.proxy = ProxySettings{true, u"http://127.0.0.1:9000/base"_s, true};
    Route rules = route(u"users"_s, u"GET example.com/users/{id}"_s, richResponses());
    rules.note = u"multi\nline note"_s;
    Route sequence = route(u"faults"_s, u"POST /faults/{rest...}"_s, faultResponses());
    sequence.mode = RouteMode::Sequence;
    Route random = route(u"random"_s, u"/random/{$}"_s);
    random.mode = RouteMode::Random;
    random.enabled = false;
    set.routes = {rules, sequence, random, route(u"plain"_s, u"/plain"_s)};
    return set;
}

} // namespace

// tst_RouteSetFile checks the text of route-set files: what saving writes (every field kept, defaults left
// out, canonical bytes), how loading finds body files, and --check. Load errors: tst_routesetfile_errors.
class tst_RouteSetFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField_data();
    void roundTripKeepsEveryField();
    void savedTextIsCanonical();
    void saveLeavesDefaultsOut();
    void loadResolvesBodyFilesAgainstTheFileDirectory();
    void loadReportsUnreadableFile();
    void validatorChecksModelsWithoutFile();
    void checkSaysOkForValidFile();
    void checkPrintsOneProblemPerLine();
};

void tst_RouteSetFile::roundTripKeepsEveryField_data()
{
    QTest::addColumn<RouteSet>("set");
    QTest::addRow("empty") << RouteSet{};
    RouteSet one;
    one.routes = {route(u"a"_s, u"/a"_s)};
    QTest::addRow("one default route") << one;
    QTest::addRow("rich") << richSet();
}

void tst_RouteSetFile::roundTripKeepsEveryField()
{
    QFETCH(RouteSet, set);
    const QByteArray text = RouteSetFile::toJson(set);
    const auto loaded = RouteSetFile::parse(text, u"rich.json"_s, DataDir);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : problemStrings(loaded.error()).join(u'\n')));
    QCOMPARE(*loaded, set);
    // Writing again gives the same bytes.
    QCOMPARE(RouteSetFile::toJson(*loaded), text);
}

void tst_RouteSetFile::savedTextIsCanonical()
{
    // The golden file is what toJson() writes for richSet(), reviewed by hand: key order, indentation, one-line
    // objects, escapes and left-out defaults are part of the format's stability.
    // SWITCHBOARD_UPDATE_GOLDEN=1 rewrites it after a deliberate change of the format; review the diff.
    const QString golden = DataDir + u"/rich.switchboard.json"_s;
    if (qEnvironmentVariableIsSet("SWITCHBOARD_UPDATE_GOLDEN"))
        QVERIFY(writeFile(golden, RouteSetFile::toJson(richSet())));
    QCOMPARE(QString::fromUtf8(RouteSetFile::toJson(richSet())), QString::fromUtf8(readAll(golden)));
    const auto loaded = RouteSetFile::load(golden);
    QVERIFY(loaded);
    QCOMPARE(*loaded, richSet());
}

void tst_RouteSetFile::saveLeavesDefaultsOut()
{
    RouteSet set;
    MockResponse body;
    body.body = u"ignored: bodyFile wins"_s;
    body.bodyFile = u"files/hello.txt"_s;
    Rule present{RuleTarget::Body, u"unused"_s, RuleOperator::Present, u"unused"_s};
    body.rules = {present};
    Fault reset = fault(FaultKind::ResetBeforeHeaders);
    reset.atByte = 7;
    body.fault = reset;
    set.routes = {route(u"a"_s, u"/a"_s), route(u"b"_s, u"/b"_s, {body})};
    QCOMPARE(QString::fromUtf8(RouteSetFile::toJson(set)), uR"({
  "format": 1,
  "routes": [
    {
      "id": "a",
      "pattern": "/a",
      "responses": [{}]
    },
    {
      "id": "b",
      "pattern": "/b",
      "responses": [
        {
          "rules": [
            {"target": "body", "operator": "present"}
          ],
          "bodyFile": "files/hello.txt",
          "fault": {"kind": "resetBeforeHeaders"}
        }
      ]
    }
  ]
}
)"_s);
}

void tst_RouteSetFile::loadResolvesBodyFilesAgainstTheFileDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"sets/files"_s));
    QVERIFY(writeFile(dir.filePath(u"sets/files/a.txt"_s), "a"));
    MockResponse response;
    response.bodyFile = u"files/a.txt"_s;
    RouteSet set;
    set.routes = {route(u"a"_s, u"/a"_s, {response})};
    const QString path = dir.filePath(u"sets/set.json"_s);
    QCOMPARE(RouteSetFile::save(set, path), std::nullopt);
    // The current directory does not matter, only the file's.
    QVERIFY(RouteSetFile::load(path));
    QVERIFY(QFile::remove(dir.filePath(u"sets/files/a.txt"_s)));
    const auto loaded = RouteSetFile::load(path);
    QVERIFY(!loaded);
    QCOMPARE(problemStrings(loaded.error()),
             QStringList{u"%1: $.routes[0].responses[0].bodyFile: body file \"files/a.txt\" not found (looked for "
                         u"\"%2\")"_s.arg(path, dir.filePath(u"sets/files/a.txt"_s))});
}

void tst_RouteSetFile::loadReportsUnreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(u"nope.json"_s);
    auto loaded = RouteSetFile::load(missing);
    QVERIFY(!loaded);
    QCOMPARE(problemStrings(loaded.error()),
             QStringList{missing + u": cannot read the file: No such file or directory"_s});
    loaded = RouteSetFile::load(dir.path());
    QVERIFY(!loaded);
    QCOMPARE(problemStrings(loaded.error()),
             QStringList{dir.path() + u": cannot read the file: file to open is a directory"_s});
    // A file too large to be a route set, and a device that never ends, are refused rather than read whole.
    const QString huge = dir.filePath(u"huge.json"_s);
    QFile sparse(huge);
    QVERIFY(sparse.open(QIODevice::WriteOnly) && sparse.resize(RouteSetFile::MaxFileSize + 1));
    sparse.close();
    for (const QString &path : {huge, u"/dev/zero"_s}) {
        loaded = RouteSetFile::load(path);
        QVERIFY(!loaded);
        QCOMPARE(problemStrings(loaded.error()), QStringList{path + u": the file is larger than 64 MiB"_s});
    }
}

void tst_RouteSetFile::validatorChecksModelsWithoutFile()
{
    RouteSet set;
    MockResponse response;
    response.status = 42;
    response.bodyFile = u"relative/not/checked.txt"_s;
    set.routes = {route(u"a"_s, u"GET /x/{id}"_s, {response}), route(u"b"_s, u"GET /x/{name}"_s, {})};
    QCOMPARE(problemStrings(RouteSetValidator::validate(set, {})),
             (QStringList{u"$.routes[1].pattern: route \"b\" (pattern \"GET /x/{name}\") conflicts with route \"a\" "
                          u"(pattern \"GET /x/{id}\", $.routes[0]): GET /x/{name} matches the same requests as GET "
                          u"/x/{id}"_s,
                          u"$.routes[0].responses[0].status: status must be from 100 to 599 (got 42)"_s,
                          u"$.routes[1].responses: a route needs at least one response"_s}));
}

void tst_RouteSetFile::checkSaysOkForValidFile()
{
    const QString path = DataDir + u"/rich.switchboard.json"_s;
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QCOMPARE(checkRouteSetFile(path, outStream, errStream), 0);
    QCOMPARE(out, path + u": ok, 4 routes\n"_s);
    QCOMPARE(err, QString());
}

void tst_RouteSetFile::checkPrintsOneProblemPerLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"bad.json"_s);
    QVERIFY(writeFile(path, R"({"format": 1, "routes": [{"id": "a", "pattern": "GET /{", "responses": [{"status": 0}]}],
                               "extra": true})"));
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QCOMPARE(checkRouteSetFile(path, outStream, errStream), 1);
    QCOMPARE(out, QString());
    QCOMPARE(err.split(u'\n'),
             (QStringList{
                 path + u": $: unknown key \"extra\" (expected one of: format, name, server, proxy, routes)"_s,
                 path + u": $.routes[0].pattern: invalid pattern \"GET /{\": at offset 5: segment \"{\" is not a "
                        u"whole wildcard: it must end with '}'"_s,
                 path + u": $.routes[0].responses[0].status: status must be from 100 to 599 (got 0)"_s, QString()}));
}

QTEST_GUILESS_MAIN(tst_RouteSetFile)
#include "tst_routesetfile.moc"
