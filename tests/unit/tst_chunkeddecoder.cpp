#include "httpcore/ChunkedDecoder.h"
#include "support/Splits.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using httpcore::ChunkedDecoder;

namespace
{

// Decoded is everything a decoder produced from one input.
struct Decoded
{
    QByteArray data;
    // trailer holds the trailer fields as "Name: value".
    QList<QByteArray> trailer;
    // consumed counts every byte the decoder took.
    qsizetype consumed = 0;
    bool done = false;
    // status is the error status, 0 when there was no error.
    int status = 0;
    QByteArray reason;
};

// decodeInPieces feeds input to a fresh decoder in pieces of the given sizes, honouring decode()'s
// contract: unconsumed bytes are kept and the next piece is appended to them.
Decoded decodeInPieces(QByteArrayView input, const QList<qsizetype> &pieces, qsizetype maxTrailerBytes)
{
    ChunkedDecoder decoder(maxTrailerBytes);
    Decoded result;
    QByteArray pending;
    qsizetype offset = 0;
    for (const qsizetype piece : pieces) {
        pending.append(input.sliced(offset, piece));
        offset += piece;
        for (;;) {
            const ChunkedDecoder::Step step = decoder.decode(pending);
            result.consumed += step.consumed;
            if (step.event == ChunkedDecoder::Event::Data)
                result.data.append(step.data);
            pending.remove(0, step.consumed);
            if (step.event == ChunkedDecoder::Event::Done) {
                result.done = true;
                for (qsizetype i = 0; i < decoder.trailer().size(); ++i) {
                    const httpcore::Header::Field f = decoder.trailer().field(i);
                    result.trailer.append(f.name.toByteArray() + ": " + f.value.toByteArray());
                }
                return result;
            }
            if (step.event == ChunkedDecoder::Event::Error) {
                result.status = decoder.error().status;
                result.reason = decoder.error().reason;
                return result;
            }
            if (step.event == ChunkedDecoder::Event::NeedMore)
                break;
        }
    }
    return result;
}

QByteArray describe(const Decoded &d)
{
    QByteArray s = "done=" + QByteArray::number(d.done) + " status=" + QByteArray::number(d.status) +
                   " consumed=" + QByteArray::number(d.consumed) + " data=" + d.data.toPercentEncoding();
    for (const QByteArray &field : d.trailer)
        s += "\ntrailer " + field;
    return s;
}

} // namespace

class tst_ChunkedDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesValidBodyInAnySplit_data();
    void decodesValidBodyInAnySplit();
    void rejectsMalformedBody_data();
    void rejectsMalformedBody();
    void dataViewsPointIntoInput();
    void errorIsStickyUntilReset();
    void doneConsumesNothingMore();
    void largeBodyInPiecesIsDeliveredFully();
};

void tst_ChunkedDecoder::decodesValidBodyInAnySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QByteArray>>("trailer");
    QTest::addColumn<qsizetype>("consumed");

    const auto row = [](const char *name, const QByteArray &input, const QByteArray &data,
                        const QList<QByteArray> &trailer = {}, qsizetype consumed = -1) {
        QTest::addRow("%s", name) << input << data << trailer << (consumed < 0 ? input.size() : consumed);
    };
    row("single chunk", "5\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("two chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"_ba, "hello world"_ba);
    row("empty body", "0\r\n\r\n"_ba, ""_ba);
    row("upper and lower hex", "A\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n"_ba, "0123456789abcdefghij"_ba);
    row("leading zeros", "0005\r\nhello\r\n000\r\n\r\n"_ba, "hello"_ba);
    row("leading zeros beyond 16 digits", "00000000000000000005\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("data holding CRLF", "4\r\n\r\n\r\n\r\n0\r\n\r\n"_ba, "\r\n\r\n"_ba);
    row("binary data", "3\r\n\0\xff\n\r\n0\r\n\r\n"_ba, "\0\xff\n"_ba);
    row("extension without value", "5;foo\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("extension with token value", "5;foo=bar\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("extension with quoted value", "5;foo=\"b a\\\"r;\"\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("extension with BWS", "5 ; foo = bar\r\nhello\r\n0\r\n\r\n"_ba, "hello"_ba);
    row("several extensions", "5;a;b=c\t;d=\"e\"\r\nhello\r\n0;last\r\n\r\n"_ba, "hello"_ba);
    row("trailer fields", "5\r\nhello\r\n0\r\nexpires: never\r\nX-Checksum:  abc \r\n\r\n"_ba, "hello"_ba,
        {"Expires: never"_ba, "X-Checksum: abc"_ba});
    row("bytes after the body are left alone", "0\r\n\r\nGET / HTTP/1.1\r\n"_ba, ""_ba, {}, 5);
}

void tst_ChunkedDecoder::decodesValidBodyInAnySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, data);
    QFETCH(QList<QByteArray>, trailer);
    QFETCH(qsizetype, consumed);

    const Decoded whole = decodeInPieces(input, {input.size()}, 1 << 20);
    QCOMPARE(whole.status, 0);
    QVERIFY(whole.done);
    QCOMPARE(whole.data, data);
    QCOMPARE(whole.trailer, trailer);
    QCOMPARE(whole.consumed, consumed);

    int n = 0;
    for (const QList<qsizetype> &pieces : testsupport::splitsOf(input.size())) {
        const QByteArray label = "split " + QByteArray::number(n++) + ": ";
        QCOMPARE(label + describe(decodeInPieces(input, pieces, 1 << 20)), label + describe(whole));
    }
}

void tst_ChunkedDecoder::rejectsMalformedBody_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("maxTrailerBytes");
    QTest::addColumn<int>("status");

    const auto row = [](const char *name, const QByteArray &input, int status, qsizetype maxTrailer = 1 << 20) {
        QTest::addRow("%s", name) << input << maxTrailer << status;
    };
    row("17 significant hex digits", "fffffffffffffffff1\r\nx\r\n0\r\n\r\n"_ba, 400);
    row("size overflowing int64", "8000000000000000\r\nx\r\n0\r\n\r\n"_ba, 400);
    row("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("minus sign", "-5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("plus sign", "+5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("space before size", " 5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("whitespace after size", "5 \r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("empty size line", "\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("non-hex size", "g\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("bare LF after size", "5\nhello\r\n0\r\n\r\n"_ba, 400);
    row("bare CR in size line", "5\r\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("data longer than size", "5\r\nhello!\r\n0\r\n\r\n"_ba, 400);
    row("data followed by bare LF", "5\r\nhello\n0\r\n\r\n"_ba, 400);
    row("data followed by CR and no LF", "5\r\nhello\rX0\r\n\r\n"_ba, 400);
    row("extension with empty name", "5;\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("extension with empty value", "5;a=\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("extension with control byte", "5;a\x01\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("extension without semicolon", "5 a\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("extension with trailing whitespace", "5;a \r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("unterminated quoted extension", "5;a=\"b\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("size line over 4096 bytes", "5;a=" + QByteArray(5000, 'b') + "\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("size line over 4096 bytes without LF", "5;a=" + QByteArray(5000, 'b'), 400);
    row("bare LF in trailer", "0\r\nA: b\n\r\n"_ba, 400);
    row("bare LF ends trailer", "0\r\n\n"_ba, 400);
    row("obs-fold in trailer", "0\r\nA: b\r\n c\r\n\r\n"_ba, 400);
    row("space before colon in trailer", "0\r\nA : b\r\n\r\n"_ba, 400);
    row("trailer line without colon", "0\r\nA b\r\n\r\n"_ba, 400);
    row("NUL in trailer value", "0\r\nA: b\0c\r\n\r\n"_ba, 400);
    row("trailer over limit", "0\r\nX-Long: 0123456789abcdef\r\n\r\n"_ba, 431, 16);
    row("trailer over limit without LF", "0\r\n" + QByteArray(100, 'a'), 431, 16);
}

void tst_ChunkedDecoder::rejectsMalformedBody()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, maxTrailerBytes);
    QFETCH(int, status);

    int n = 0;
    for (const QList<qsizetype> &pieces : testsupport::splitsOf(input.size())) {
        const Decoded decoded = decodeInPieces(input, pieces, maxTrailerBytes);
        const QByteArray label = "split " + QByteArray::number(n++) + ": ";
        QCOMPARE(label + QByteArray::number(decoded.status), label + QByteArray::number(status));
        QVERIFY(!decoded.reason.isEmpty());
    }
}

void tst_ChunkedDecoder::dataViewsPointIntoInput()
{
    ChunkedDecoder decoder;
    const QByteArray input = "3;x=y\r\nabc\r\n0\r\n\r\n"_ba;
    const ChunkedDecoder::Step step = decoder.decode(input);
    QCOMPARE(step.event, ChunkedDecoder::Event::Data);
    QCOMPARE(step.data, "abc");
    QCOMPARE(static_cast<const void *>(step.data.data()), static_cast<const void *>(input.constData() + 7));
    QCOMPARE(step.consumed, 10);
}

void tst_ChunkedDecoder::errorIsStickyUntilReset()
{
    ChunkedDecoder decoder;
    const ChunkedDecoder::Step bad = decoder.decode("zz\r\n");
    QCOMPARE(bad.event, ChunkedDecoder::Event::Error);
    QCOMPARE(decoder.error().status, 400);
    const ChunkedDecoder::Step again = decoder.decode("0\r\n\r\n");
    QCOMPARE(again.event, ChunkedDecoder::Event::Error);
    QCOMPARE(again.consumed, 0);

    decoder.reset();
    const ChunkedDecoder::Step good = decoder.decode("0\r\n\r\n");
    QCOMPARE(good.event, ChunkedDecoder::Event::Done);
    QCOMPARE(good.consumed, 5);
}

void tst_ChunkedDecoder::doneConsumesNothingMore()
{
    ChunkedDecoder decoder;
    QCOMPARE(decoder.decode("0\r\nA: 1\r\n\r\n").event, ChunkedDecoder::Event::Done);
    const ChunkedDecoder::Step after = decoder.decode("0\r\n\r\n");
    QCOMPARE(after.event, ChunkedDecoder::Event::Done);
    QCOMPARE(after.consumed, 0);
    QCOMPARE(decoder.trailer().value("a"), "1");
}

void tst_ChunkedDecoder::largeBodyInPiecesIsDeliveredFully()
{
    // 1 MiB in chunks of varying size, fed in pieces that cut through sizes, data and CRLFs.
    QByteArray body(1 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = static_cast<char>(i * 7 + (i >> 9));
    QByteArray wire;
    QRandomGenerator rng(7);
    for (qsizetype at = 0; at < body.size();) {
        const qsizetype size = qMin<qsizetype>(body.size() - at, 1 + rng.bounded(qint64(70000)));
        wire += QByteArray::number(size, 16) + "\r\n" + body.mid(at, size) + "\r\n";
        at += size;
    }
    wire += "0\r\n\r\n";

    QList<qsizetype> pieces;
    for (qsizetype left = wire.size(); left > 0; left -= pieces.back())
        pieces.append(qMin<qsizetype>(left, 1 + rng.bounded(qint64(9000))));
    const Decoded decoded = decodeInPieces(wire, pieces, 1 << 20);
    QVERIFY(decoded.done);
    QCOMPARE(decoded.consumed, wire.size());
    QCOMPARE(decoded.data.size(), body.size());
    QVERIFY(decoded.data == body);
}

QTEST_APPLESS_MAIN(tst_ChunkedDecoder)

#include "tst_chunkeddecoder.moc"
