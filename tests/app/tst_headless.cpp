#include "HeadlessProcess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace Qt::StringLiterals;

using testsupport::Headless;

// tst_Headless runs the switchboard binary as a process, as CI and users do.
class tst_Headless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesAndLogsThenStopsOnSigterm_data();
    void servesAndLogsThenStopsOnSigterm();
    void logNoneIsSilent();
    void jsonLogHasOneObjectPerLine();
    void invalidArgumentsExitWithUsageError_data();
    void invalidArgumentsExitWithUsageError();
    void portInUseExitsWithError();
    void checkAcceptsTheBundledExample();
    void checkListsEveryProblemOfABrokenFile();
    void nonLoopbackHostWarns();
};

void tst_Headless::servesAndLogsThenStopsOnSigterm_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void tst_Headless::servesAndLogsThenStopsOnSigterm()
{
    QFETCH(int, signal);
    Headless app;
    QVERIFY(app.start({u"--port"_s, u"0"_s, u"--workers"_s, u"1"_s}));
    const auto [status, body] = app.get(u"/hello"_s);
    QCOMPARE(status, 200);
    QCOMPARE(body, "Hello, World!\n"_ba);
    QCOMPARE(app.get(u"/missing?q=1"_s).first, 200);
    QCOMPARE(::kill(pid_t(app.process->processId()), signal), 0);
    QVERIFY(app.process->waitForFinished(10000));
    QCOMPARE(app.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process->exitCode(), 0);
    const QString log = QString::fromUtf8(app.process->readAllStandardOutput());
    // One line per request: time, connection, sequence, method, target, status, bytes, duration, decision.
    static const QRegularExpression line(
        u"^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} conn \\d+ #\\d+ GET /hello -> 200, 14 B, [0-9.]+ ms \\(keep-alive\\)$"_s,
        QRegularExpression::MultilineOption);
    QVERIFY2(line.match(log).hasMatch(), qPrintable(log));
    QVERIFY2(log.contains(u"GET /missing?q=1 -> 200"_s), qPrintable(log));
    QVERIFY2(log.contains(u"requests: 2, events dropped: 0"_s), qPrintable(log));
}

void tst_Headless::logNoneIsSilent()
{
    Headless app;
    QVERIFY(app.start({u"--port"_s, u"0"_s, u"--log"_s, u"none"_s}));
    QCOMPARE(app.get(u"/hello"_s).first, 200);
    ::kill(pid_t(app.process->processId()), SIGTERM);
    QVERIFY(app.process->waitForFinished(10000));
    QCOMPARE(app.process->exitCode(), 0);
    QCOMPARE(app.process->readAllStandardOutput(), QByteArray());
}

void tst_Headless::jsonLogHasOneObjectPerLine()
{
    Headless app;
    QVERIFY(app.start({u"--port"_s, u"0"_s, u"--log"_s, u"all"_s, u"--log-format"_s, u"json"_s}));
    QCOMPARE(app.get(u"/hello"_s).first, 200);
    ::kill(pid_t(app.process->processId()), SIGTERM);
    QVERIFY(app.process->waitForFinished(10000));
    QCOMPARE(app.process->exitCode(), 0);
    const QByteArrayList lines = app.process->readAllStandardOutput().trimmed().split('\n');
    QStringList events;
    QJsonObject request;
    for (const QByteArray &line : lines) {
        if (line.startsWith("requests: "))
            continue; // the totals line at exit
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), line.constData());
        const QJsonObject object = document.object();
        QVERIFY2(QDateTime::fromString(object.value(u"time"_s).toString(), Qt::ISODateWithMs).isValid(),
                 line.constData());
        events.append(object.value(u"event"_s).toString() + u' ' + object.value(u"state"_s).toString());
        if (object.value(u"event"_s) == u"request"_s)
            request = object;
    }
    QCOMPARE(events, QStringList({u"connection new"_s, u"connection active"_s, u"request "_s, u"connection idle"_s,
                                  u"connection closed"_s}));
    QCOMPARE(request.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(request.value(u"target"_s).toString(), u"/hello"_s);
    QCOMPARE(request.value(u"status"_s).toInt(), 200);
    QCOMPARE(request.value(u"bytes"_s).toInt(), 14);
    const QJsonArray stages = request.value(u"stages"_s).toArray();
    QCOMPARE(stages.first().toObject().value(u"stage"_s).toString(), u"accepted"_s);
    QCOMPARE(stages.last().toObject().value(u"label"_s).toString(), u"keep-alive"_s);
}

void tst_Headless::invalidArgumentsExitWithUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("port too large") << QStringList{u"--port"_s, u"70000"_s} << u"invalid --port 70000"_s;
    QTest::newRow("port not a number") << QStringList{u"--port"_s, u"http"_s} << u"invalid --port http"_s;
    QTest::newRow("negative workers") << QStringList{u"--workers"_s, u"-1"_s} << u"invalid --workers -1"_s;
    QTest::newRow("unknown log") << QStringList{u"--log"_s, u"loud"_s} << u"invalid --log loud"_s;
    QTest::newRow("unknown log format") << QStringList{u"--log-format"_s, u"xml"_s} << u"invalid --log-format xml"_s;
}

void tst_Headless::invalidArgumentsExitWithUsageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess process;
    process.start(QStringLiteral(SWITCHBOARD_BINARY), QStringList{u"--headless"_s} + arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

void tst_Headless::portInUseExitsWithError()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QProcess process;
    process.start(QStringLiteral(SWITCHBOARD_BINARY),
                  {u"--headless"_s, u"--port"_s, QString::number(taken.serverPort())});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"cannot listen on 127.0.0.1:%1"_s.arg(taken.serverPort())), qPrintable(err));
    QVERIFY2(err.contains(u"in use"_s, Qt::CaseInsensitive), qPrintable(err));
}

void tst_Headless::checkAcceptsTheBundledExample()
{
    QProcess process;
    const QString example = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/shop.switchboard.json");
    process.start(QStringLiteral(SWITCHBOARD_BINARY), {u"--check"_s, example});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.startsWith(example + u": ok, "_s) && out.trimmed().endsWith(u" routes"_s), qPrintable(out));
    QCOMPARE(process.readAllStandardError(), QByteArray());
}

void tst_Headless::checkListsEveryProblemOfABrokenFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"broken.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": 1, "routes": [
  {"id": "a", "pattern": "GET /users/{id", "responses": [{"status": 200}]},
  {"id": "b", "pattern": "GET /x", "responses": [{"status": 700}]}
]})");
    file.close();
    QProcess process;
    process.start(QStringLiteral(SWITCHBOARD_BINARY), {u"--check"_s, path});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QCOMPARE(process.readAllStandardOutput(), QByteArray());
    const QStringList lines = QString::fromUtf8(process.readAllStandardError()).trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(path + u": $.routes[0].pattern: invalid pattern"_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(path + u": $.routes[1].responses[0].status: "_s), qPrintable(lines[1]));
}

void tst_Headless::nonLoopbackHostWarns()
{
    // "::" listens on every address; the warning must say the mock is reachable from the network. The test
    // itself only talks to 127.0.0.1.
    QProcess process;
    process.start(QStringLiteral(SWITCHBOARD_BINARY), {u"--headless"_s, u"--port"_s, u"0"_s, u"--host"_s, u"::"_s});
    QVERIFY(process.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, 10000);
    const QString out = QString::fromUtf8(process.readLine());
    QVERIFY2(out.startsWith(u"listening on http://[::]:"_s), qPrintable(out));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"reachable from the network"_s), qPrintable(err));
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
