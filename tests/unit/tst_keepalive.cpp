#include "httpcore/KeepAlive.h"

#include <QTest>

using namespace httpcore;

Q_DECLARE_METATYPE(httpcore::KeepAlive)
Q_DECLARE_METATYPE(httpcore::KeepAliveInput)

namespace QTest
{
template <>
char *toString(const httpcore::KeepAlive &decision)
{
    return qstrdup(keepAliveName(decision));
}
} // namespace QTest

// tst_KeepAlive checks keepAliveDecision(), the pure after-response rule of the connection.
class tst_KeepAlive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decidesAfterResponse_data();
    void decidesAfterResponse();
};

void tst_KeepAlive::decidesAfterResponse_data()
{
    QTest::addColumn<KeepAliveInput>("input");
    QTest::addColumn<KeepAlive>("expected");

    const KeepAliveInput base; // keep-alives on, body complete
    auto with = [&](auto change) {
        KeepAliveInput in = base;
        change(in);
        return in;
    };

    QTest::addRow("plain request reuses") << base << KeepAlive::Reuse;
    QTest::addRow("client asked to close") << with([](auto &in) { in.requestWantsClose = true; }) << KeepAlive::Close;
    QTest::addRow("keep-alives disabled") << with([](auto &in) { in.keepAlivesEnabled = false; }) << KeepAlive::Close;
    QTest::addRow("server shutting down") << with([](auto &in) { in.shuttingDown = true; }) << KeepAlive::Close;
    QTest::addRow("writer must close") << with([](auto &in) { in.writerMustClose = true; }) << KeepAlive::Close;
    QTest::addRow("parse error") << with([](auto &in) { in.parseError = true; }) << KeepAlive::Close;
    QTest::addRow("parse error with unread body") << with([](auto &in) {
        in.parseError = true;
        in.bodyComplete = false;
        in.unreadBodyBytes = 10;
    }) << KeepAlive::Close;
    QTest::addRow("small unread body drains") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = 1000;
    }) << KeepAlive::DrainThenReuse;
    QTest::addRow("unread body exactly at the budget drains") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = 256 * 1024;
    }) << KeepAlive::DrainThenReuse;
    QTest::addRow("unread body over the budget closes") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = 256 * 1024 + 1;
    }) << KeepAlive::Close;
    QTest::addRow("unknown chunked remainder drains") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = -1;
    }) << KeepAlive::DrainThenReuse;
    QTest::addRow("unanswered 100-continue closes") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = 10;
        in.expectContinueUnanswered = true;
    }) << KeepAlive::Close;
    QTest::addRow("answered 100-continue with complete body reuses") << base << KeepAlive::Reuse;
    QTest::addRow("zero drain budget closes on unread body") << with([](auto &in) {
        in.bodyComplete = false;
        in.unreadBodyBytes = 1;
        in.maxDrainBytes = 0;
    }) << KeepAlive::Close;
    QTest::addRow("complete body ignores stale unread count")
        << with([](auto &in) { in.unreadBodyBytes = 1 << 30; }) << KeepAlive::Reuse;
    QTest::addRow("close wins over drain") << with([](auto &in) {
        in.requestWantsClose = true;
        in.bodyComplete = false;
        in.unreadBodyBytes = 10;
    }) << KeepAlive::Close;
}

void tst_KeepAlive::decidesAfterResponse()
{
    QFETCH(KeepAliveInput, input);
    QFETCH(KeepAlive, expected);
    QCOMPARE(keepAliveDecision(input), expected);
}

QTEST_APPLESS_MAIN(tst_KeepAlive)
#include "tst_keepalive.moc"
