#pragma once

// A switchboard process for the process tests: started with --headless, read up to its listening line, talked to
// with QNetworkAccessManager, stopped with SIGTERM.

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>

#include <signal.h>

namespace testsupport
{

// HttpReply is what a request through QNetworkAccessManager gave: status (0 with error set when none came),
// the response's header fields and body.
struct HttpReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Headless is one switchboard process started with --headless and the given arguments.
struct Headless
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    quint16 port = 0;

    ~Headless()
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
    }

    // start runs the binary and waits for its "listening on" line; returns false when it does not come.
    bool start(const QStringList &arguments)
    {
        process->start(QStringLiteral(SWITCHBOARD_BINARY), QStringList{QStringLiteral("--headless")} + arguments);
        if (!process->waitForStarted(5000))
            return false;
        static const QRegularExpression listening(QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)$"));
        QByteArray output;
        for (int i = 0; i < 100 && !output.contains('\n'); ++i) {
            process->waitForReadyRead(100);
            output += process->readLine();
        }
        const auto match = listening.match(QString::fromUtf8(output.trimmed()));
        if (!match.hasMatch()) {
            qWarning() << "no listening line:" << output << process->readAllStandardError();
            return false;
        }
        port = quint16(match.captured(1).toUInt());
        return port != 0;
    }

    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path); }

    // request sends method path with headers and body through QNetworkAccessManager and waits (10 s at most).
    HttpReply request(const QByteArray &method,
                      const QString &path,
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                      const QByteArray &body = {}) const
    {
        QNetworkAccessManager manager;
        QNetworkRequest request{QUrl(url(path))};
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
        HttpReply result;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
            result.error = QNetworkReply::TimeoutError;
            reply->abort();
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (result.error == QNetworkReply::NoError)
            result.error = reply->error();
        result.headers = reply->rawHeaderPairs();
        result.body = reply->readAll();
        delete reply;
        return result;
    }

    // get fetches path and returns the reply's status and body.
    std::pair<int, QByteArray> get(const QString &path) const
    {
        const HttpReply reply = request("GET", path);
        return {reply.status, reply.body};
    }

    // stop sends SIGTERM and waits for the exit; returns whether it exited 0.
    bool stop()
    {
        ::kill(pid_t(process->processId()), SIGTERM);
        return process->waitForFinished(10000) && process->exitStatus() == QProcess::NormalExit &&
               process->exitCode() == 0;
    }
};

} // namespace testsupport
