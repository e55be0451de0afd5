#include "HeadlessProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using testsupport::Headless;
using testsupport::HttpReply;

namespace
{

const QString Example = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/shop.switchboard.json");
const QString ConvertData = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/data/convert");

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// routeSet returns the text of a route-set file with routes, and server and proxy members when not empty.
QByteArray routeSet(const QJsonArray &routes, const QJsonObject &server = {}, const QJsonObject &proxy = {})
{
    QJsonObject set{{u"format"_s, 1}, {u"routes"_s, routes}};
    if (!server.isEmpty())
        set.insert(u"server"_s, server);
    if (!proxy.isEmpty())
        set.insert(u"proxy"_s, proxy);
    return QJsonDocument(set).toJson();
}

QJsonObject route(const QString &id, const QString &pattern, const QJsonObject &response)
{
    return QJsonObject{{u"id"_s, id}, {u"pattern"_s, pattern}, {u"responses"_s, QJsonArray{response}}};
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

// run runs program with arguments to its end (at most 20 s).
Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.elapsedMs = timer.elapsed();
    return result;
}

Run switchboard(const QStringList &arguments)
{
    return run(QStringLiteral(SWITCHBOARD_BINARY), arguments);
}

// patternsOf returns the patterns of the routes of the route-set file at path, sorted.
QStringList patternsOf(const QString &path)
{
    QStringList patterns;
    const QJsonArray routes = QJsonDocument::fromJson(readFile(path)).object().value("routes"_L1).toArray();
    for (const QJsonValue &r : routes)
        patterns.append(r.toObject().value("pattern"_L1).toString());
    patterns.sort();
    return patterns;
}

} // namespace

// tst_Routes runs `switchboard --headless --routes FILE` and the conversion commands as processes, and talks to
// them over loopback with real clients: QNetworkAccessManager and curl.
class tst_Routes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesTheBundledExample();
    void exampleMiddlewareAnswersCorsAndTagsRequests();
    void logLineNamesTheMatchedRoute();
    void refusesABrokenFileWithEveryProblem();
    void commandLineOverridesTheFileSettings();
    void middlewareOfTheFileRuns();
    void curlSeesEveryFault_data();
    void curlSeesEveryFault();
    void proxiesUnmatchedRequestsToASecondInstance();
    void recordsProxiedExchangesIntoTheFile();
    void convertsFromTheCommandLine_data();
    void convertsFromTheCommandLine();
    void exportedOpenApiReimportsToTheSameRoutes();
    void conversionErrorsNameTheFile();

private:
    QString m_curl;
};

void tst_Routes::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(u"curl"_s);
    QVERIFY2(!m_curl.isEmpty(), "curl is part of the test packages (scripts/setup-debian.sh test)");
}

void tst_Routes::servesTheBundledExample()
{
    Headless app;
    QVERIFY(app.start({u"--routes"_s, Example, u"--port"_s, u"0"_s, u"--workers"_s, u"2"_s}));

    // Path values in a templated body.
    HttpReply user = app.request("GET", u"/api/users/2"_s);
    QCOMPARE(user.status, 200);
    QCOMPARE(user.header("Content-Type"), "application/json"_ba);
    QCOMPARE(QJsonDocument::fromJson(user.body).object().value("email"_L1).toString(), u"user2@example.com"_s);
    QCOMPARE(app.request("GET", u"/api/users/9"_s).status, 404);

    // Query rules: absent, regex, default.
    QCOMPARE(app.request("GET", u"/api/users/search"_s).status, 400);
    const HttpReply found = app.request("GET", u"/api/users/search?q=Ada"_s);
    QCOMPARE(QJsonDocument::fromJson(found.body).object().value("results"_L1).toArray().size(), 1);
    const HttpReply none = app.request("GET", u"/api/users/search?q=zed%22"_s);
    QCOMPARE(QJsonDocument::fromJson(none.body).object().value("query"_L1).toString(), u"zed\""_s);

    // A JSON body read by rules and templates; the per-route counter.
    const HttpReply created = app.request("POST", u"/api/users"_s, {{"Content-Type", "application/json"}},
                                          R"({"name": "Grace", "email": "grace@example.com"})");
    QCOMPARE(created.status, 201);
    QCOMPARE(QJsonDocument::fromJson(created.body).object().value("name"_L1).toString(), u"Grace"_s);
    QCOMPARE(app.request("POST", u"/api/users"_s, {{"Content-Type", "application/json"}}, "{}").status, 422);

    // Sequence: 200, 200, 503, then again.
    QList<int> statuses;
    for (int i = 0; i < 4; ++i)
        statuses.append(app.request("GET", u"/api/inventory"_s).status);
    QCOMPARE(statuses, (QList<int>{200, 200, 503, 200}));

    // Auth by a header rule.
    QCOMPARE(app.request("GET", u"/api/account"_s).status, 401);
    QCOMPARE(app.request("GET", u"/api/account"_s, {{"Authorization", "Bearer demo-token"}}).status, 200);

    // The file download, streamed from the file beside the route set.
    const HttpReply download = app.request("GET", u"/downloads/orders-2024.csv"_s);
    QCOMPARE(download.status, 200);
    QCOMPARE(download.body,
             readFile(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/files/orders-2024.csv")));
    QVERIFY(!download.body.isEmpty());

    // The mux's own answers: 405 with Allow for a known path, 404 otherwise.
    const HttpReply wrongMethod = app.request("PATCH", u"/api/inventory"_s);
    QCOMPARE(wrongMethod.status, 405);
    QVERIFY2(wrongMethod.header("Allow").contains("GET"), wrongMethod.header("Allow").constData());
    QCOMPARE(app.request("GET", u"/nowhere"_s).status, 404);
    QVERIFY(app.stop());
    QCOMPARE(app.process->readAllStandardError(), QByteArray());
}

void tst_Routes::exampleMiddlewareAnswersCorsAndTagsRequests()
{
    Headless app;
    QVERIFY(app.start({u"--routes"_s, Example, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    // A preflight from the dev server's origin is answered by the cors layer.
    const HttpReply preflight = app.request("OPTIONS", u"/api/users"_s,
                                            {{"Origin", "http://localhost:3000"},
                                             {"Access-Control-Request-Method", "POST"},
                                             {"Access-Control-Request-Headers", "content-type"}});
    QVERIFY2(preflight.status == 204 || preflight.status == 200, QByteArray::number(preflight.status).constData());
    QCOMPARE(preflight.header("Access-Control-Allow-Origin"), "http://localhost:3000"_ba);
    QCOMPARE(preflight.header("Access-Control-Max-Age"), "600"_ba);
    const HttpReply list = app.request("GET", u"/api/users"_s, {{"Origin", "http://localhost:3000"}});
    QCOMPARE(list.status, 200);
    QVERIFY2(list.header("Access-Control-Expose-Headers").contains("X-Total-Count"),
             list.header("Access-Control-Expose-Headers").constData());
    // requestId: a fresh identifier, or the client's own.
    QCOMPARE(list.header("X-Request-Id").size(), 32);
    QCOMPARE(app.request("GET", u"/healthz"_s, {{"X-Request-Id", "trace-42"}}).header("X-Request-Id"), "trace-42"_ba);
    // An origin not listed gets no CORS fields.
    QCOMPARE(
        app.request("GET", u"/api/users"_s, {{"Origin", "https://evil.example"}}).header("Access-Control-Allow-Origin"),
        QByteArray());
    QVERIFY(app.stop());
}

void tst_Routes::logLineNamesTheMatchedRoute()
{
    Headless app;
    QVERIFY(app.start({u"--routes"_s, Example, u"--port"_s, u"0"_s}));
    QCOMPARE(app.get(u"/api/orders/1001"_s).first, 200);
    QCOMPARE(app.get(u"/missing"_s).first, 404);
    QVERIFY(app.stop());
    const QString log = QString::fromUtf8(app.process->readAllStandardOutput());
    QVERIFY2(log.contains(u"GET /api/orders/1001 -> 200"_s) &&
                 log.contains(u"(keep-alive) route: GET /api/orders/{orderId}\n"_s),
             qPrintable(log));
    QVERIFY2(log.contains(u"GET /missing -> 404, 19 B"_s) && !log.contains(u"/missing -> 404, 19 B, 0"_s + u"route"_s),
             qPrintable(log));
}

void tst_Routes::refusesABrokenFileWithEveryProblem()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"broken.json"_s);
    QVERIFY(writeFile(path, R"({"format": 1,
 "server": {"middleware": [{"name": "gzipp"}]},
 "routes": [
  {"id": "a", "pattern": "GET /users/{id}", "responses": [{"bodyFile": "missing.json"}]},
  {"id": "b", "pattern": "GET /users/{name}", "responses": [{}]}
]})"));
    const Run result = switchboard({u"--headless"_s, u"--routes"_s, path, u"--port"_s, u"0"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QByteArray()); // never listened
    QStringList lines = QString::fromUtf8(result.err).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    QCOMPARE(lines.size(), 3);
    // Each names the file and the JSON path: the unknown middleware, the missing body file, the conflict.
    QVERIFY2(lines[0].startsWith(path + u": $.routes[0].responses[0].bodyFile: body file \"missing.json\" not found"_s),
             qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(path + u": $.routes[1].pattern: route \"b\""_s) &&
                 lines[1].contains(u"conflicts with route \"a\""_s),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(path + u": $.server.middleware[0].name: unknown middleware \"gzipp\""_s),
             qPrintable(lines[2]));
}

void tst_Routes::commandLineOverridesTheFileSettings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"set.json"_s);
    // The file asks for port 1 (privileged, refused to a normal user); --port 0 wins.
    QVERIFY(writeFile(path, routeSet({route(u"a"_s, u"GET /a"_s, {{u"body"_s, u"file settings overridden"_s}})},
                                     {{u"port"_s, 1}, {u"workers"_s, 3}})));
    Headless app;
    QVERIFY(app.start({u"--routes"_s, path, u"--port"_s, u"0"_s}));
    QCOMPARE(app.get(u"/a"_s), std::make_pair(200, "file settings overridden"_ba));
    QVERIFY(app.stop());
}

void tst_Routes::middlewareOfTheFileRuns()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"set.json"_s);
    const QJsonArray middleware{
        QJsonObject{{u"name"_s, u"requestLogger"_s}, {u"settings"_s, QJsonObject{{u"format"_s, u"json"_s}}}},
        QJsonObject{{u"name"_s, u"auth"_s},
                    {u"settings"_s, QJsonObject{{u"scheme"_s, u"bearer"_s}, {u"tokens"_s, QJsonArray{u"t0k"_s}}}}},
        QJsonObject{{u"name"_s, u"gzip"_s}, {u"enabled"_s, false}}};
    QVERIFY(writeFile(
        path, routeSet({route(u"a"_s, u"GET /a"_s, {{u"body"_s, u"secret"_s}})}, {{u"middleware"_s, middleware}})));
    Headless app;
    QVERIFY(app.start({u"--routes"_s, path, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    const HttpReply refused = app.request("GET", u"/a"_s);
    QCOMPARE(refused.status, 401);
    QVERIFY2(refused.header("WWW-Authenticate").startsWith("Bearer"), refused.header("WWW-Authenticate").constData());
    QCOMPARE(app.request("GET", u"/a"_s, {{"Authorization", "Bearer t0k"}}).body, "secret"_ba);
    // The disabled gzip layer does not compress.
    QCOMPARE(app.request("GET", u"/a"_s, {{"Authorization", "Bearer t0k"}, {"Accept-Encoding", "gzip"}})
                 .header("Content-Encoding"),
             QByteArray());
    QVERIFY(app.stop());
    // requestLogger's JSON lines on stdout (--log none silences the server's own log): one per request.
    const QList<QByteArray> lines = app.process->readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (const QByteArray &line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QVERIFY2(!object.isEmpty(), line.constData());
        QCOMPARE(object.value("uri"_L1).toString(u"<no uri key>"_s), u"/a"_s);
    }
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value("status"_L1).toInt(), 401);
}

void tst_Routes::curlSeesEveryFault_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("resetBeforeHeaders") << u"resetBeforeHeaders"_s << QJsonObject() << 56 << "reset by peer"_ba;
    QTest::addRow("resetAfterHeaders") << u"resetAfterHeaders"_s << QJsonObject() << 56 << "reset by peer"_ba;
    QTest::addRow("resetAtBodyByte") << u"resetAtBodyByte"_s << QJsonObject{{u"atByte"_s, 4}} << 56
                                     << "reset by peer"_ba;
    QTest::addRow("emptyResponse") << u"emptyResponse"_s << QJsonObject() << 52 << "Empty reply from server"_ba;
    QTest::addRow("contentLengthOver") << u"contentLengthOver"_s << QJsonObject() << 18 << "bytes remaining to read"_ba;
    QTest::addRow("contentLengthUnder") << u"contentLengthUnder"_s << QJsonObject() << 0 << QByteArray();
    QTest::addRow("malformedChunk") << u"malformedChunk"_s << QJsonObject() << 56 << "chunked-encoding"_ba;
    QTest::addRow("missingFinalChunk") << u"missingFinalChunk"_s << QJsonObject() << 18
                                       << "outstanding read data remaining"_ba;
    QTest::addRow("randomBytesThenClose") << u"randomBytesThenClose"_s << QJsonObject() << 1 << "HTTP/0.9"_ba;
    QTest::addRow("headersThenHang") << u"headersThenHang"_s << QJsonObject() << 28 << "timed out"_ba;
    QTest::addRow("slowDrip") << u"slowDrip"_s << QJsonObject{{u"bytesPerSecond"_s, 32}} << 0 << QByteArray();
    QTest::addRow("slowUploadRead") << u"slowUploadRead"_s << QJsonObject{{u"bytesPerSecond"_s, 64}} << 0
                                    << QByteArray();
    QTest::addRow("closeAfterRequests") << u"closeAfterRequests"_s << QJsonObject{{u"afterRequests"_s, 1}} << 0
                                        << QByteArray();
}

void tst_Routes::curlSeesEveryFault()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, extra);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const QByteArray body = "0123456789abcdefghijklmnopqrstuv"; // 32 bytes
    QJsonObject fault = extra;
    fault.insert(u"kind"_s, kind);
    const QJsonObject response{{u"body"_s, QString::fromLatin1(body)}, {u"fault"_s, fault}};
    QTemporaryDir dir;
    const QString path = dir.filePath(u"faults.json"_s);
    QVERIFY(writeFile(path, routeSet({route(u"f"_s, u"/f"_s, response)})));
    Headless app;
    QVERIFY(app.start({u"--routes"_s, path, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));

    // --max-time bounds the hang; the slow faults get time to finish.
    const bool slow = kind.startsWith("slow"_L1);
    QStringList arguments{u"-sS"_s, u"--max-time"_s, slow ? u"5"_s : u"1"_s, app.url(u"/f"_s)};
    if (kind == "slowUploadRead"_L1)
        arguments = QStringList{u"--data-binary"_s, QString(64, u'x')} + arguments;
    else if (kind == "closeAfterRequests"_L1)
        arguments = QStringList{u"-v"_s} + arguments + QStringList{app.url(u"/f"_s)}; // two requests
    const Run result = run(m_curl, arguments);
    QVERIFY2(result.exitCode == exitCode, result.err.constData());
    QVERIFY2(result.err.contains(message), result.err.constData());

    if (kind == "contentLengthUnder"_L1) // the client trusts the understated length
        QVERIFY2(result.out.size() < body.size() && body.startsWith(result.out), result.out.constData());
    if (kind == "slowDrip"_L1) { // 32 bytes at 32 B/s: about a second
        QCOMPARE(result.out, body);
        QVERIFY2(result.elapsedMs >= 700, QByteArray::number(result.elapsedMs).constData());
    }
    if (kind == "slowUploadRead"_L1) { // 64 bytes read at 64 B/s before the answer
        QCOMPARE(result.out, body);
        QVERIFY2(result.elapsedMs >= 700, QByteArray::number(result.elapsedMs).constData());
    }
    if (kind == "closeAfterRequests"_L1) { // both answered, on two connections
        QCOMPARE(result.out, body + body);
        QVERIFY2(result.err.count("Connected to 127.0.0.1") == 2, result.err.constData());
    }
    // Whatever the fault did to its connection, the server goes on serving.
    QVERIFY(app.stop());
}

void tst_Routes::proxiesUnmatchedRequestsToASecondInstance()
{
    Headless upstream;
    QVERIFY(upstream.start({u"--routes"_s, Example, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"front.json"_s);
    QVERIFY(writeFile(path, routeSet({route(u"local"_s, u"GET /api/users/1"_s, {{u"body"_s, u"local answer"_s}})}, {},
                                     {{u"enabled"_s, true}, {u"upstream"_s, upstream.url(QString())}})));
    Headless front;
    QVERIFY(front.start({u"--routes"_s, path, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    // A route of the front answers itself; everything else is the upstream's answer, relayed.
    QCOMPARE(front.get(u"/api/users/1"_s), std::make_pair(200, "local answer"_ba));
    const HttpReply relayed = front.request("GET", u"/api/users/2"_s);
    QCOMPARE(relayed.status, 200);
    QCOMPARE(QJsonDocument::fromJson(relayed.body).object().value("name"_L1).toString(), u"User 2"_s);
    QCOMPARE(front.request("GET", u"/api/users/search"_s).status, 400);
    const HttpReply posted = front.request("POST", u"/api/users"_s, {{"Content-Type", "application/json"}},
                                           R"({"name": "Relayed", "email": "r@example.com"})");
    QCOMPARE(posted.status, 201);
    QCOMPARE(QJsonDocument::fromJson(posted.body).object().value("name"_L1).toString(), u"Relayed"_s);
    // Upstream gone: 502 Bad Gateway.
    QVERIFY(upstream.stop());
    QCOMPARE(front.request("GET", u"/api/users/2"_s).status, 502);
    QVERIFY(front.stop());
}

void tst_Routes::recordsProxiedExchangesIntoTheFile()
{
    Headless upstream;
    QVERIFY(upstream.start({u"--routes"_s, Example, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"recording.json"_s);
    QVERIFY(writeFile(
        path, routeSet({}, {}, {{u"enabled"_s, true}, {u"upstream"_s, upstream.url(QString())}, {u"record"_s, true}})));
    Headless front;
    QVERIFY(front.start({u"--routes"_s, path, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    QCOMPARE(front.request("GET", u"/api/users/3"_s).status, 200);
    QCOMPARE(front.request("GET", u"/api/account"_s).status, 401);
    QCOMPARE(front.request("GET", u"/downloads/orders-2024.csv"_s).status, 200);
    // Three routes recorded and saved, each announced on stdout.
    QVERIFY(QTest::qWaitFor([&path] { return patternsOf(path).size() == 3; }, 10000));
    QCOMPARE(patternsOf(path),
             (QStringList{u"GET /api/account"_s, u"GET /api/users/3"_s, u"GET /downloads/orders-2024.csv"_s}));
    const Run check = switchboard({u"--check"_s, path});
    QVERIFY2(check.exitCode == 0, check.err.constData());

    // Served from the recording once the upstream is gone.
    QVERIFY(upstream.stop());
    const HttpReply replayed = front.request("GET", u"/api/users/3"_s);
    QCOMPARE(replayed.status, 200);
    QCOMPARE(QJsonDocument::fromJson(replayed.body).object().value("email"_L1).toString(), u"user3@example.com"_s);
    QCOMPARE(front.request("GET", u"/api/account"_s).status, 401);
    QCOMPARE(front.request("GET", u"/downloads/orders-2024.csv"_s).body,
             readFile(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/files/orders-2024.csv")));
    QVERIFY(front.stop());
    const QByteArray out = front.process->readAllStandardOutput();
    QCOMPARE(out.count("recorded GET "), 3);
}

void tst_Routes::convertsFromTheCommandLine_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedPattern");
    QTest::addRow("mockoon") << u"--import-mockoon"_s << ConvertData + u"/mockoon-shop.json"_s << u"/users/{id}"_s;
    QTest::addRow("openapi yaml") << u"--import-openapi"_s << ConvertData + u"/openapi-petstore.yaml"_s
                                  << u"/pets/{petId}"_s;
    QTest::addRow("openapi json") << u"--import-openapi"_s << ConvertData + u"/openapi-petstore.json"_s
                                  << u"/pets/{petId}"_s;
    QTest::addRow("wiremock") << u"--import-wiremock"_s << ConvertData + u"/wiremock/mappings/shop.json"_s << u"/"_s;
}

void tst_Routes::convertsFromTheCommandLine()
{
    QFETCH(QString, option);
    QFETCH(QString, input);
    QFETCH(QString, expectedPattern);
    QTemporaryDir dir;
    const QString out = dir.filePath(u"imported.switchboard.json"_s);
    const Run result = switchboard({option, input, u"--out"_s, out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    // The report, then the summary naming both files.
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QVERIFY2(lines.last().startsWith(out.toUtf8() + ": wrote ") && lines.last().contains(input.toUtf8()),
             result.out.constData());
    const QStringList patterns = patternsOf(out);
    QVERIFY(!patterns.isEmpty());
    QVERIFY2(
        std::any_of(patterns.begin(), patterns.end(), [&](const QString &p) { return p.contains(expectedPattern); }),
        qPrintable(patterns.join(u", "_s)));
    // What was written is a valid route set that serves.
    const Run check = switchboard({u"--check"_s, out});
    QVERIFY2(check.exitCode == 0, check.err.constData());
    Headless app;
    QVERIFY(app.start({u"--routes"_s, out, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    QVERIFY(app.stop());
}

void tst_Routes::exportedOpenApiReimportsToTheSameRoutes()
{
    QTemporaryDir dir;
    const QString openApi = dir.filePath(u"shop.openapi.json"_s);
    const Run exported = switchboard({u"--export-openapi"_s, Example, u"--out"_s, openApi});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    QVERIFY2(exported.out.contains(": wrote OpenAPI 3.0 from " + Example.toUtf8() + " (16 routes)"),
             exported.out.constData());
    QVERIFY2(exported.out.contains("info: route legacy-users (GET /api/v0/users): disabled: not exported"),
             exported.out.constData());
    const QJsonObject document = QJsonDocument::fromJson(readFile(openApi)).object();
    QVERIFY2(document.value("openapi"_L1).toString().startsWith(u"3.0"_s), readFile(openApi).left(200).constData());

    const QString back = dir.filePath(u"back.json"_s);
    const Run imported = switchboard({u"--import-openapi"_s, openApi, u"--out"_s, back});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    // Every enabled route comes back (the example's one disabled route is not exported).
    QStringList enabled = patternsOf(Example);
    enabled.removeOne(u"GET /api/v0/users"_s);
    QCOMPARE(patternsOf(back), enabled);
}

void tst_Routes::conversionErrorsNameTheFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"out.json"_s);
    QVERIFY(writeFile(out, "precious"));
    const QString missing = dir.filePath(u"missing.json"_s);
    Run result = switchboard({u"--import-mockoon"_s, missing, u"--out"_s, out});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith("switchboard: " + missing.toUtf8() + ": cannot read"), result.err.constData());
    QCOMPARE(readFile(out), "precious"_ba); // untouched

    const QString notJson = dir.filePath(u"env.json"_s);
    QVERIFY(writeFile(notJson, "{\"routes\": [}"));
    result = switchboard({u"--import-mockoon"_s, notJson, u"--out"_s, out});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(notJson.toUtf8() + ": not valid JSON: at line 1"), result.err.constData());
    QCOMPARE(readFile(out), "precious"_ba);

    // Usage errors: a conversion without --out, --out alone.
    QCOMPARE(switchboard({u"--import-openapi"_s, notJson}).exitCode, 2);
    QCOMPARE(switchboard({u"--out"_s, out}).exitCode, 2);
    QCOMPARE(switchboard({u"--check"_s, Example, u"--export-openapi"_s, Example, u"--out"_s, out}).exitCode, 2);
}

QTEST_GUILESS_MAIN(tst_Routes)
#include "tst_routes.moc"
