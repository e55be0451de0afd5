// The server limits of a route-set file: defaults, the round trip through the writer and reader, the errors of
// the reader and the validator (each naming the file, the field and the problem), and how they map onto the
// core's ServerConfig.

#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/file/RouteSetValidator.h"
#include "httpcore/mock/runtime/ServerLimitsConfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace mock;

class tst_RouteSetFileLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheCoresAndAreNotWritten();
    void limitsRoundTripThroughTheFile();
    void badLimitsAreReportedWithFileFieldAndProblem_data();
    void badLimitsAreReportedWithFileFieldAndProblem();
    void validatorChecksLimitsSetInCode();
    void limitsMapOntoTheServerConfig();
};

void tst_RouteSetFileLimits::defaultsAreTheCoresAndAreNotWritten()
{
    QCOMPARE(limitsOf(httpcore::ServerConfig()), ServerLimits());
    QCOMPARE(withLimits(httpcore::ServerConfig(), ServerLimits()), httpcore::ServerConfig());
    const QJsonObject written = QJsonDocument::fromJson(RouteSetFile::toJson(RouteSet())).object();
    QVERIFY(!written.value(u"server"_s).toObject().contains(u"limits"_s));
}

void tst_RouteSetFileLimits::limitsRoundTripThroughTheFile()
{
    RouteSet set;
    set.server.workers = 3;
    set.server.limits.readHeaderTimeoutMs = 2500;
    set.server.limits.readTimeoutMs = 30'000;
    set.server.limits.writeTimeoutMs = 15'000;
    set.server.limits.idleTimeoutMs = 0;
    set.server.limits.maxHeaderBytes = 8192;
    set.server.limits.maxBodyBytes = qint64(5) << 32; // beyond 32 bits: kept exactly
    set.server.limits.keepAlive = false;
    const QByteArray json = RouteSetFile::toJson(set);
    const auto loaded = RouteSetFile::parse(json, u"limits.json"_s, {});
    QVERIFY2(loaded, qPrintable(loaded ? QString() : problemStrings(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->server.limits, set.server.limits);
    QCOMPARE(*loaded, set);

    // Only what differs from the defaults is written.
    RouteSet one;
    one.server.limits.idleTimeoutMs = 5000;
    const QJsonObject limits = QJsonDocument::fromJson(RouteSetFile::toJson(one))
                                   .object()
                                   .value(u"server"_s)
                                   .toObject()
                                   .value(u"limits"_s)
                                   .toObject();
    QCOMPARE(limits, QJsonObject({{u"idleTimeoutMs"_s, 5000}}));
}

void tst_RouteSetFileLimits::badLimitsAreReportedWithFileFieldAndProblem_data()
{
    QTest::addColumn<QByteArray>("limits");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("negative timeout") << R"({"readHeaderTimeoutMs": -1})"_ba
                                      << QStringList{u"broken.json: $.server.limits.readHeaderTimeoutMs: "
                                                     u"readHeaderTimeoutMs must be from 0 (no timeout) to 86400000 ms "
                                                     u"(got -1)"_s};
    QTest::addRow("header limit too small")
        << R"({"maxHeaderBytes": 10, "maxBodyBytes": -5})"_ba
        << QStringList{u"broken.json: $.server.limits.maxHeaderBytes: maxHeaderBytes must be from 1024 to 67108864 "
                       u"bytes (got 10)"_s,
                       u"broken.json: $.server.limits.maxBodyBytes: maxBodyBytes must be 0 (no limit) or more bytes "
                       u"(got -5)"_s};
    QTest::addRow("wrong type") << R"({"keepAlive": "yes", "idleTimeoutMs": 1.5})"_ba
                                << QStringList{
                                       u"broken.json: $.server.limits.idleTimeoutMs: expected an integer, got 1.5"_s,
                                       u"broken.json: $.server.limits.keepAlive: expected a boolean, got a "
                                       u"string"_s};
    QTest::addRow("unknown key") << R"({"idleTimeout": 5})"_ba
                                 << QStringList{u"broken.json: $.server.limits: unknown key \"idleTimeout\" (expected "
                                                u"one of: readHeaderTimeoutMs, readTimeoutMs, writeTimeoutMs, "
                                                u"idleTimeoutMs, maxHeaderBytes, maxBodyBytes, keepAlive)"_s};
}

void tst_RouteSetFileLimits::badLimitsAreReportedWithFileFieldAndProblem()
{
    QFETCH(QByteArray, limits);
    QFETCH(QStringList, expected);
    const QByteArray json = R"({"format": 1, "server": {"limits": )" + limits + R"(}, "routes": []})";
    const auto loaded = RouteSetFile::parse(json, u"broken.json"_s, {});
    QVERIFY(!loaded);
    QStringList got = problemStrings(loaded.error());
    // The reader's order is the file's key order: compare as sets where a row has several.
    got.sort();
    QStringList sorted = expected;
    sorted.sort();
    QCOMPARE(got, sorted);
}

void tst_RouteSetFileLimits::validatorChecksLimitsSetInCode()
{
    RouteSet set;
    set.server.limits.writeTimeoutMs = RouteSetValidator::MaxTimeoutMs + 1;
    const QList<FileProblem> problems = RouteSetValidator::validate(set, {});
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().jsonPath, u"$.server.limits.writeTimeoutMs"_s);
    QVERIFY2(problems.first().message.contains(u"86400000"_s), qPrintable(problems.first().message));
}

void tst_RouteSetFileLimits::limitsMapOntoTheServerConfig()
{
    ServerLimits limits;
    limits.readHeaderTimeoutMs = 100;
    limits.readTimeoutMs = 200;
    limits.writeTimeoutMs = 300;
    limits.idleTimeoutMs = 0;
    limits.maxHeaderBytes = 4096;
    limits.maxBodyBytes = 0;
    limits.keepAlive = false;
    httpcore::ServerConfig base;
    base.host = u"::"_s;
    base.workerThreads = 7;
    const httpcore::ServerConfig config = withLimits(base, limits);
    QCOMPARE(config.host, u"::"_s);
    QCOMPARE(config.workerThreads, 7);
    QCOMPARE(config.readHeaderTimeout, 100ms);
    QCOMPARE(config.readTimeout, 200ms);
    QCOMPARE(config.writeTimeout, 300ms);
    QCOMPARE(config.idleTimeout, 0ms);
    QCOMPARE(config.limits.maxHeaderBytes, qsizetype(4096));
    QCOMPARE(config.limits.maxBodyBytes, qint64(-1)); // 0 in the file: no limit
    QVERIFY(!config.keepAlivesEnabled);
    QCOMPARE(limitsOf(config), limits);
}

QTEST_GUILESS_MAIN(tst_RouteSetFileLimits)
#include "tst_routesetfile_limits.moc"
