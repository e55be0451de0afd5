// ServerLimitsEditor: typing limits into the dialog edits the document through its undo stack, and a running
// ServerController gives them to the next connection at once (a read-header timeout closes a silent client).

#include "ui/live/ServerController.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/window/ServerLimitsEditor.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpSocket>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

void typeInto(QSpinBox *spin, const QString &text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
}

void click(QDialogButtonBox *box, QDialogButtonBox::StandardButton which)
{
    QTest::mouseClick(box->button(which), Qt::LeftButton);
}

// silentClientLifetime connects to port, sends nothing, and returns how long the server kept the connection
// open (milliseconds), or -1 when it was still open after limitMs.
qint64 silentClientLifetime(quint16 port, int limitMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return -2;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < limitMs) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            return clock.elapsed();
        socket.waitForReadyRead(20);
        socket.readAll();
    }
    return -1;
}

} // namespace

class tst_ServerLimitsEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheDocumentsLimits();
    void typedLimitsEditTheDocumentAndTheRunningServer();
    void cancelDropsTheEditsAndRestoreDefaultsIsAnEdit();
};

void tst_ServerLimitsEditor::showsTheDocumentsLimits()
{
    ui::RouteSetDocument document;
    mock::RouteSet set;
    set.server.workers = 4;
    set.server.limits.idleTimeoutMs = 0;
    set.server.limits.keepAlive = false;
    set.server.limits.maxBodyBytes = qint64(10) << 32; // beyond the box: kept unless changed
    document.reset(set);
    ui::ServerLimitsEditor editor(&document);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QCOMPARE(child<QSpinBox>(&editor, u"idleTimeoutSpin"_s)->text(), u"no timeout"_s);
    QCOMPARE(child<QSpinBox>(&editor, u"readHeaderTimeoutSpin"_s)->value(), 10'000);
    QVERIFY(!child<QCheckBox>(&editor, u"keepAliveCheck"_s)->isChecked());
    QCOMPARE(child<QSpinBox>(&editor, u"workersSpin"_s)->value(), 4);
    QCOMPARE(editor.limits(), set.server.limits);
    QVERIFY(!editor.apply()); // nothing changed: no undo command
    QCOMPARE(document.undoStack()->count(), 0);
}

void tst_ServerLimitsEditor::typedLimitsEditTheDocumentAndTheRunningServer()
{
    ui::RouteSetDocument document;
    ui::ServerController controller;
    // As the window does: every change of the document is served at once.
    connect(&document, &ui::RouteSetDocument::changed, &controller,
            [&] { controller.applyRouteSet(document.set(), document.baseDirectory()); });
    QVERIFY(controller.start(u"127.0.0.1"_s, 0));
    QCOMPARE(silentClientLifetime(controller.port(), 600), qint64(-1)); // default 10 s: still open

    ui::ServerLimitsEditor editor(&document);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    typeInto(child<QSpinBox>(&editor, u"readHeaderTimeoutSpin"_s), u"200"_s);
    typeInto(child<QSpinBox>(&editor, u"maxHeaderBytesSpin"_s), u"4096"_s);
    QTest::mouseClick(child<QCheckBox>(&editor, u"keepAliveCheck"_s), Qt::LeftButton);
    typeInto(child<QSpinBox>(&editor, u"workersSpin"_s), u"2"_s);
    click(child<QDialogButtonBox>(&editor, u"limitsButtons"_s), QDialogButtonBox::Apply);

    const mock::ServerSettings &server = document.set().server;
    QCOMPARE(server.limits.readHeaderTimeoutMs, 200);
    QCOMPARE(server.limits.maxHeaderBytes, 4096);
    QVERIFY(!server.limits.keepAlive);
    QCOMPARE(server.workers, 2);
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.isModified());
    // The running server has them for its next connection, without a restart; its workers stay as started.
    QVERIFY(controller.isRunning());
    QCOMPARE(controller.limits(), server.limits);
    QCOMPARE(controller.runningConfig()->readHeaderTimeout, 200ms);
    QVERIFY(!controller.runningConfig()->keepAlivesEnabled);
    QCOMPARE(controller.runningConfig()->workerThreads, 0);
    QCOMPARE(controller.workerThreads(), 2);
    const qint64 lifetime = silentClientLifetime(controller.port(), 5000);
    QVERIFY2(lifetime >= 150, qPrintable(QString::number(lifetime)));

    // Undo takes them back, in the document and in the server.
    document.undoStack()->undo();
    QCOMPARE(document.set().server.limits, mock::ServerLimits());
    QCOMPARE(child<QSpinBox>(&editor, u"readHeaderTimeoutSpin"_s)->value(), 10'000);
    QCOMPARE(controller.runningConfig()->readHeaderTimeout, 10'000ms);
    QCOMPARE(silentClientLifetime(controller.port(), 600), qint64(-1));
    controller.stop(ui::ServerController::StopMode::Immediate);
}

void tst_ServerLimitsEditor::cancelDropsTheEditsAndRestoreDefaultsIsAnEdit()
{
    ui::RouteSetDocument document;
    mock::RouteSet set;
    set.server.limits.writeTimeoutMs = 7000;
    document.reset(set);
    ui::ServerLimitsEditor editor(&document);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *buttons = child<QDialogButtonBox>(&editor, u"limitsButtons"_s);

    typeInto(child<QSpinBox>(&editor, u"idleTimeoutSpin"_s), u"5"_s);
    click(buttons, QDialogButtonBox::Cancel);
    QCOMPARE(editor.result(), int(QDialog::Rejected));
    QCOMPARE(document.set().server.limits.idleTimeoutMs, 120'000);
    QCOMPARE(document.undoStack()->count(), 0);

    editor.reload();
    editor.show();
    click(buttons, QDialogButtonBox::RestoreDefaults);
    QCOMPARE(document.set().server.limits.writeTimeoutMs, 7000); // shown, not applied yet
    click(buttons, QDialogButtonBox::Ok);
    QCOMPARE(editor.result(), int(QDialog::Accepted));
    QCOMPARE(document.set().server.limits, mock::ServerLimits());
    QCOMPARE(document.undoStack()->count(), 1);
}

QTEST_MAIN(tst_ServerLimitsEditor)
#include "tst_serverlimitseditor.moc"
