#include "httpcore/HttpDate.h"

#include <QRegularExpression>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace httpcore;

namespace
{

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

} // namespace

class tst_HttpDate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatWritesImfFixdate_data();
    void formatWritesImfFixdate();
    void parseReadsImfFixdate_data();
    void parseReadsImfFixdate();
    void parseRejectsEverythingElse_data();
    void parseRejectsEverythingElse();
    void formatAndParseRoundTrip();
    void nowIsCurrentFixdate();
    void nowWorksOnEveryThread();
};

void tst_HttpDate::formatWritesImfFixdate_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("RFC 9110 example") << utc(1994, 11, 6, 8, 49, 37) << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("epoch") << QDateTime::fromSecsSinceEpoch(0, Qt::UTC) << "Thu, 01 Jan 1970 00:00:00 GMT"_ba;
    QTest::addRow("milliseconds are truncated")
        << utc(1994, 11, 6, 8, 49, 37, 999) << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("offset converted to UTC across a leap day")
        << QDateTime(QDate(2024, 2, 29), QTime(1, 30), Qt::OffsetFromUTC, 2 * 3600)
        << "Wed, 28 Feb 2024 23:30:00 GMT"_ba;
    QTest::addRow("leap day") << utc(2000, 2, 29, 12) << "Tue, 29 Feb 2000 12:00:00 GMT"_ba;
    QTest::addRow("three-digit year is zero-padded") << utc(999, 1, 1) << "Tue, 01 Jan 0999 00:00:00 GMT"_ba;
    QTest::addRow("year 1") << utc(1, 1, 1) << "Mon, 01 Jan 0001 00:00:00 GMT"_ba;
    QTest::addRow("last representable second") << utc(9999, 12, 31, 23, 59, 59) << "Fri, 31 Dec 9999 23:59:59 GMT"_ba;
    QTest::addRow("year 10000 cannot be written") << utc(10000, 1, 1) << QByteArray();
    QTest::addRow("invalid time") << QDateTime() << QByteArray();

    const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    for (int day = 1; day <= 7; ++day) {
        QTest::addRow("day name %s", days[day - 1])
            << utc(2023, 1, day)
            << QByteArray(days[day - 1]) + ", 0" + QByteArray::number(day) + " Jan 2023 00:00:00 GMT";
    }
    const char *const months[] = {"Sun Jan", "Wed Feb", "Wed Mar", "Sat Apr", "Mon May", "Thu Jun",
                                  "Sat Jul", "Tue Aug", "Fri Sep", "Sun Oct", "Wed Nov", "Fri Dec"};
    for (int month = 1; month <= 12; ++month) {
        const QByteArray dayAndMonth(months[month - 1]);
        QTest::addRow("month name %s", months[month - 1] + 4)
            << utc(2023, month, 1) << dayAndMonth.first(3) + ", 01 " + dayAndMonth.sliced(4) + " 2023 00:00:00 GMT";
    }
}

void tst_HttpDate::formatWritesImfFixdate()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, expected);
    QCOMPARE(HttpDate::format(time), expected);
}

void tst_HttpDate::parseReadsImfFixdate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::addRow("RFC 9110 example") << "Sun, 06 Nov 1994 08:49:37 GMT"_ba << utc(1994, 11, 6, 8, 49, 37);
    QTest::addRow("epoch") << "Thu, 01 Jan 1970 00:00:00 GMT"_ba << utc(1970, 1, 1);
    QTest::addRow("leap day") << "Thu, 29 Feb 2024 12:00:00 GMT"_ba << utc(2024, 2, 29, 12);
    QTest::addRow("leap second is held as :59") << "Sat, 31 Dec 2016 23:59:60 GMT"_ba << utc(2016, 12, 31, 23, 59, 59);
    QTest::addRow("end of day") << "Fri, 31 Dec 9999 23:59:59 GMT"_ba << utc(9999, 12, 31, 23, 59, 59);
}

void tst_HttpDate::parseReadsImfFixdate()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = HttpDate::parse(text);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed, expected);
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
}

void tst_HttpDate::parseRejectsEverythingElse_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::addRow("empty") << QByteArray();
    // RFC 9110 §5.6.7 obsolete formats: this parser takes IMF-fixdate only.
    QTest::addRow("RFC 850") << "Sunday, 06-Nov-94 08:49:37 GMT"_ba;
    QTest::addRow("asctime") << "Sun Nov  6 08:49:37 1994"_ba;
    QTest::addRow("lower-case names") << "sun, 06 nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("lower-case GMT") << "Sun, 06 Nov 1994 08:49:37 gmt"_ba;
    QTest::addRow("UTC instead of GMT") << "Sun, 06 Nov 1994 08:49:37 UTC"_ba;
    QTest::addRow("numeric zone") << "Sun, 06 Nov 1994 08:49:37 +0000"_ba;
    QTest::addRow("leading space") << " Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("trailing space") << "Sun, 06 Nov 1994 08:49:37 GMT "_ba;
    QTest::addRow("one-digit day") << "Sun, 6 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("one-digit day padded with space") << "Sun,  6 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("missing comma") << "Sun  06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("dashes instead of spaces") << "Sun, 06-Nov-1994 08:49:37 GMT"_ba;
    QTest::addRow("weekday contradicts date") << "Mon, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("unknown month") << "Sun, 06 Noo 1994 08:49:37 GMT"_ba;
    QTest::addRow("February 30") << "Fri, 30 Feb 2024 00:00:00 GMT"_ba;
    QTest::addRow("day 00") << "Sun, 00 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("hour 24") << "Sun, 06 Nov 1994 24:00:00 GMT"_ba;
    QTest::addRow("minute 60") << "Sun, 06 Nov 1994 08:60:00 GMT"_ba;
    QTest::addRow("second 61") << "Sun, 06 Nov 1994 08:49:61 GMT"_ba;
    QTest::addRow("leap second at noon") << "Sun, 06 Nov 1994 12:00:60 GMT"_ba;
    QTest::addRow("sign in a number") << "Sun, 06 Nov 1994 +8:49:37 GMT"_ba;
    QTest::addRow("letter in the year") << "Sun, 06 Nov 19x4 08:49:37 GMT"_ba;
    QTest::addRow("NUL inside") << QByteArray("Sun, 06 Nov 1994 08:49:37 GM\0", 29);
}

void tst_HttpDate::parseRejectsEverythingElse()
{
    QFETCH(QByteArray, text);
    QVERIFY(!HttpDate::parse(text).isValid());
}

void tst_HttpDate::formatAndParseRoundTrip()
{
    for (qint64 seconds : {qint64(0), qint64(784111777), qint64(951782400), qint64(1709208000), qint64(4102444799)}) {
        const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        const QByteArray text = HttpDate::format(time);
        QCOMPARE(HttpDate::parse(text), time);
    }
}

void tst_HttpDate::nowIsCurrentFixdate()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QByteArray first = HttpDate::now();
    const QByteArray second = HttpDate::now();
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const QRegularExpression fixdate(u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d "
                                     u"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                                     u"\\d\\d:\\d\\d:\\d\\d GMT$"_s);
    QVERIFY2(fixdate.match(QString::fromLatin1(first)).hasMatch(), first.constData());
    for (const QByteArray &text : {first, second}) {
        const QDateTime parsed = HttpDate::parse(text);
        QVERIFY(parsed >= before);
        QVERIFY(parsed <= after);
    }
    QVERIFY(HttpDate::parse(first) <= HttpDate::parse(second));
}

void tst_HttpDate::nowWorksOnEveryThread()
{
    // now() caches per thread; a fresh thread must build its own cache.
    QByteArray fromThread;
    std::unique_ptr<QThread> thread(QThread::create([&fromThread] { fromThread = HttpDate::now(); }));
    thread->start();
    QVERIFY(thread->wait(10000));
    QVERIFY(HttpDate::parse(fromThread).isValid());
    QVERIFY(HttpDate::parse(HttpDate::now()).isValid());
}

QTEST_GUILESS_MAIN(tst_HttpDate)
#include "tst_httpdate.moc"
