#include "httpcore/HttpDate.h"

#include <QDate>
#include <QTime>

#include <array>

using namespace Qt::StringLiterals;

namespace httpcore::HttpDate
{

namespace
{

// RFC 9110 §5.6.7: the names are fixed English, case-sensitive; never QLocale's.
constexpr std::array<const char *, 7> DayNames = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char *, 12> MonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Sun, 06 Nov 1994 08:49:37 GMT"
constexpr qsizetype FixdateLength = 29;

void putTwoDigits(char *out, int value)
{
    out[0] = static_cast<char>('0' + value / 10);
    out[1] = static_cast<char>('0' + value % 10);
}

void putThree(char *out, const char *name)
{
    out[0] = name[0];
    out[1] = name[1];
    out[2] = name[2];
}

// readDigits parses exactly count ASCII digits at text[pos], or returns -1.
int readDigits(QByteArrayView text, qsizetype pos, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// indexOfName returns the index of the three-byte name at text[pos] in names (case-sensitive), or -1.
template <std::size_t N>
int indexOfName(QByteArrayView text, qsizetype pos, const std::array<const char *, N> &names)
{
    const QByteArrayView candidate = text.sliced(pos, 3);
    for (std::size_t i = 0; i < N; ++i) {
        if (candidate == QByteArrayView(names[i], 3))
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

QByteArray format(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    // IMF-fixdate has a four-digit year; anything else cannot be represented.
    if (date.year() < 1 || date.year() > 9999)
        return {};

    QByteArray out(FixdateLength, Qt::Uninitialized);
    char *p = out.data();
    putThree(p, DayNames[static_cast<std::size_t>(date.dayOfWeek() - 1)]);
    p[3] = ',';
    p[4] = ' ';
    putTwoDigits(p + 5, date.day());
    p[7] = ' ';
    putThree(p + 8, MonthNames[static_cast<std::size_t>(date.month() - 1)]);
    p[11] = ' ';
    putTwoDigits(p + 12, date.year() / 100);
    putTwoDigits(p + 14, date.year() % 100);
    p[16] = ' ';
    putTwoDigits(p + 17, clock.hour());
    p[19] = ':';
    putTwoDigits(p + 20, clock.minute());
    p[22] = ':';
    putTwoDigits(p + 23, clock.second());
    putThree(p + 25, " GM");
    p[28] = 'T';
    return out;
}

QByteArray now()
{
    // Every response carries a Date (RFC 9110 §6.6.1); formatting once per second per thread keeps that off
    // the hot path without any locking. The returned copy shares the cached bytes.
    struct Cache
    {
        qint64 second = -1;
        QByteArray text;
    };
    thread_local Cache cache;
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != cache.second) {
        cache.text = format(QDateTime::fromSecsSinceEpoch(second, Qt::UTC));
        cache.second = second;
    }
    return cache.text;
}

QDateTime parse(QByteArrayView text)
{
    // RFC 9110 §5.6.7: IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT, all fixed width.
    if (text.size() != FixdateLength)
        return {};
    if (text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' || text[19] != ':' ||
        text[22] != ':' || text.sliced(25) != " GMT"_ba)
        return {};
    const int dayOfWeek = indexOfName(text, 0, DayNames);
    const int day = readDigits(text, 5, 2);
    const int month = indexOfName(text, 8, MonthNames);
    const int year = readDigits(text, 12, 4);
    const int hour = readDigits(text, 17, 2);
    const int minute = readDigits(text, 20, 2);
    int second = readDigits(text, 23, 2);
    if (dayOfWeek < 0 || day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0)
        return {};
    // The grammar allows a leap second (23:59:60); QTime cannot hold one, so it becomes 23:59:59.
    if (second == 60 && hour == 23 && minute == 59)
        second = 59;
    const QDate date(year, month + 1, day);
    const QTime clock(hour, minute, second);
    // QDate and QTime reject Feb 30, 24:00 and the like. A day-name that contradicts the date is not a
    // well-formed timestamp either; treat it as invalid rather than guess which half is right.
    if (!date.isValid() || !clock.isValid() || date.dayOfWeek() != dayOfWeek + 1)
        return {};
    return QDateTime(date, clock, Qt::UTC);
}

} // namespace httpcore::HttpDate
