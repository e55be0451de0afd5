#include "httpcore/ContentSniffer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace httpcore;

namespace
{

const QByteArray Html = "text/html; charset=utf-8"_ba;
const QByteArray Text = "text/plain; charset=utf-8"_ba;
const QByteArray Binary = "application/octet-stream"_ba;
const QByteArray Json = "application/json"_ba;

} // namespace

class tst_ContentSniffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsHtml_data();
    void detectsHtml() { verifyRow(); }
    void detectsSignatures_data();
    void detectsSignatures() { verifyRow(); }
    void detectsMp4_data();
    void detectsMp4() { verifyRow(); }
    void detectsJsonOnlyWhenComplete_data();
    void detectsJsonOnlyWhenComplete() { verifyRow(); }
    void separatesTextFromBinary_data();
    void separatesTextFromBinary() { verifyRow(); }

private:
    static void addColumns();
    static void verifyRow();
};

void tst_ContentSniffer::addColumns()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("isComplete");
    QTest::addColumn<QByteArray>("expected");
}

void tst_ContentSniffer::verifyRow()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, isComplete);
    QFETCH(QByteArray, expected);
    QCOMPARE(detectContentType(data, isComplete), expected);
}

void tst_ContentSniffer::detectsHtml_data()
{
    addColumns();
    const char *const tags[] = {
        "<!DOCTYPE HTML", "<HTML",  "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A",
        "<STYLE",         "<TITLE", "<B",    "<BODY",   "<BR",     "<P",  "<!--"};
    for (const char *tag : tags) {
        const QByteArray upper(tag);
        QTest::addRow("%s followed by >", tag) << upper + ">" << true << Html;
        QTest::addRow("%s in lower case followed by space", tag) << upper.toLower() + " x" << true << Html;
        QTest::addRow("%s without terminator", tag) << upper << true << Text;
        QTest::addRow("%s followed by a letter", tag) << upper + "Z>" << true << Text;
    }
    QTest::addRow("mixed case") << "<hTmL><body>hi</body></hTmL>"_ba << true << Html;
    QTest::addRow("after leading whitespace") << " \t\r\n\x0C<html>"_ba << true << Html;
    QTest::addRow("after other text") << "hello <html>"_ba << true << Text;
    QTest::addRow("tag terminated by newline is not HTML") << "<html\n>"_ba << true << Text;
    QTest::addRow("tag beyond 512 bytes") << QByteArray(512, ' ') + "<html>" << true << Text;
    QTest::addRow("xml declaration") << "<?xml version=\"1.0\"?><a/>"_ba << true << "text/xml; charset=utf-8"_ba;
    QTest::addRow("xml after whitespace") << "\n  <?xml version=\"1.0\"?>"_ba << true << "text/xml; charset=utf-8"_ba;
    QTest::addRow("xml is case-sensitive") << "<?XML version=\"1.0\"?>"_ba << true << Text;
}

void tst_ContentSniffer::detectsSignatures_data()
{
    addColumns();
    QTest::addRow("pdf") << "%PDF-1.7\n"_ba << true << "application/pdf"_ba;
    QTest::addRow("pdf after whitespace is not pdf") << " %PDF-1.7"_ba << true << Text;
    QTest::addRow("postscript") << "%!PS-Adobe-3.0\n"_ba << true << "application/postscript"_ba;
    QTest::addRow("UTF-16BE BOM") << "\xFE\xFF\x00h\x00i"_ba << true << "text/plain; charset=utf-16be"_ba;
    QTest::addRow("UTF-16LE BOM") << "\xFF\xFEh\x00i\x00"_ba << true << "text/plain; charset=utf-16le"_ba;
    QTest::addRow("UTF-8 BOM") << "\xEF\xBB\xBFhello"_ba << true << Text;
    QTest::addRow("UTF-8 BOM before JSON") << "\xEF\xBB\xBF{}"_ba << true << Text;
    QTest::addRow("gif87a") << "GIF87a\x01\x00"_ba << true << "image/gif"_ba;
    QTest::addRow("gif89a") << "GIF89a\x01\x00"_ba << true << "image/gif"_ba;
    QTest::addRow("png") << "\x89PNG\x0D\x0A\x1A\x0A\x00\x00\x00\x0DIHDR"_ba << true << "image/png"_ba;
    QTest::addRow("jpeg") << "\xFF\xD8\xFF\xE0\x00\x10JFIF"_ba << true << "image/jpeg"_ba;
    QTest::addRow("bmp") << "BM\x1E\x00\x00\x00"_ba << true << "image/bmp"_ba;
    QTest::addRow("webp") << "RIFF\x24\x00\x00\x00WEBPVP8 "_ba << true << "image/webp"_ba;
    QTest::addRow("icon") << "\x00\x00\x01\x00\x01\x00"_ba << true << "image/x-icon"_ba;
    QTest::addRow("cursor") << "\x00\x00\x02\x00\x01\x00"_ba << true << "image/x-icon"_ba;
    QTest::addRow("ogg") << "OggS\x00\x02\x00\x00"_ba << true << "application/ogg"_ba;
    QTest::addRow("wave") << "RIFF\x24\x00\x00\x00WAVEfmt "_ba << true << "audio/wave"_ba;
    QTest::addRow("avi") << "RIFF\x24\x00\x00\x00"
                            "AVI LIST"_ba
                         << true << "video/avi"_ba;
    QTest::addRow("aiff") << "FORM\x00\x00\x00\x24"
                             "AIFFCOMM"_ba
                          << true << "audio/aiff"_ba;
    QTest::addRow("mp3 with ID3") << "ID3\x04\x00\x00"_ba << true << "audio/mpeg"_ba;
    QTest::addRow("midi") << "MThd\x00\x00\x00\x06\x00\x01"_ba << true << "audio/midi"_ba;
    QTest::addRow("basic audio") << ".snd\x00\x00\x00\x18"_ba << true << "audio/basic"_ba;
    QTest::addRow("webm") << "\x1A\x45\xDF\xA3\x9F"_ba << true << "video/webm"_ba;
    QTest::addRow("ttf") << "\x00\x01\x00\x00\x00\x0E"_ba << true << "font/ttf"_ba;
    QTest::addRow("otf") << "OTTO\x00\x0B"_ba << true << "font/otf"_ba;
    QTest::addRow("font collection") << "ttcf\x00\x01"_ba << true << "font/collection"_ba;
    QTest::addRow("woff") << "wOFF\x00\x01"_ba << true << "font/woff"_ba;
    QTest::addRow("woff2") << "wOF2\x00\x01"_ba << true << "font/woff2"_ba;
    QTest::addRow("embedded opentype") << QByteArray(34, '\x01') + "LP\x00\x00" << true
                                       << "application/vnd.ms-fontobject"_ba;
    QTest::addRow("zip") << "PK\x03\x04\x14\x00"_ba << true << "application/zip"_ba;
    QTest::addRow("gzip") << "\x1F\x8B\x08\x00\x00\x00"_ba << true << "application/x-gzip"_ba;
    QTest::addRow("rar 1.5") << "Rar!\x1A\x07\x00\xCF"_ba << true << "application/x-rar-compressed"_ba;
    QTest::addRow("rar 5") << "Rar!\x1A\x07\x01\x00\x33"_ba << true << "application/x-rar-compressed"_ba;
    QTest::addRow("wasm") << "\x00\x61\x73\x6D\x01\x00\x00\x00"_ba << true << "application/wasm"_ba;
    QTest::addRow("truncated png is binary") << "\x89PNG\x0D\x0A\x1A"_ba << true << Binary;
}

void tst_ContentSniffer::detectsMp4_data()
{
    addColumns();
    QTest::addRow("mp4 major brand") << "\x00\x00\x00\x18"
                                        "ftypmp42\x00\x00\x00\x00mp42isom"_ba
                                     << true << "video/mp4"_ba;
    QTest::addRow("mp4 compatible brand") << "\x00\x00\x00\x14"
                                             "ftypisom\x00\x00\x02\x00mp41"_ba
                                          << true << "video/mp4"_ba;
    QTest::addRow("version field is not a brand") << "\x00\x00\x00\x10"
                                                     "ftypisommp42"_ba
                                                  << true << Binary;
    QTest::addRow("box larger than data") << "\x00\x00\x04\x00"
                                             "ftypmp42\x00\x00\x00\x00"_ba
                                          << true << Binary;
    QTest::addRow("box size not a multiple of 4") << "\x00\x00\x00\x0D"
                                                     "ftypmp42\x00\x00\x00\x00"_ba
                                                  << true << Binary;
    QTest::addRow("not ftyp") << "\x00\x00\x00\x0C"
                                 "moovmp42"_ba
                              << true << Binary;
}

void tst_ContentSniffer::detectsJsonOnlyWhenComplete_data()
{
    addColumns();
    QTest::addRow("object") << "{\"id\": 1, \"tags\": [\"a\"]}"_ba << true << Json;
    QTest::addRow("array with surrounding whitespace") << " \n[1, 2, 3]\r\n"_ba << true << Json;
    QTest::addRow("empty object") << "{}"_ba << true << Json;
    QTest::addRow("object not yet complete") << "{\"id\": 1}"_ba << false << Text;
    QTest::addRow("truncated object") << "{\"id\": "_ba << true << Text;
    QTest::addRow("invalid JSON") << "{id: 1}"_ba << true << Text;
    QTest::addRow("trailing garbage") << "{\"a\": 1} {\"b\": 2}"_ba << true << Text;
    QTest::addRow("string scalar") << "\"hello\""_ba << true << Text;
    QTest::addRow("number scalar") << "42"_ba << true << Text;
    QByteArray large = "[";
    for (int i = 0; i < 200; ++i)
        large += QByteArray::number(i) + ", ";
    large += "200]";
    QTest::addRow("object longer than 512 bytes") << large << true << Json;
    QTest::addRow("HTML is not JSON") << "[<html>]"_ba << true << Text;
}

void tst_ContentSniffer::separatesTextFromBinary_data()
{
    addColumns();
    QTest::addRow("empty") << QByteArray() << true << Text;
    QTest::addRow("whitespace only") << " \t\r\n"_ba << true << Text;
    QTest::addRow("plain text") << "Hello, world"_ba << true << Text;
    QTest::addRow("UTF-8 text") << "gr\xC3\xBC\xC3\x9F dich"_ba << true << Text;
    QTest::addRow("escape is text") << "\x1B[1mbold"_ba << true << Text;
    QTest::addRow("form feed and DEL are text") << "a\x0C\x7F"_ba << true << Text;
    QTest::addRow("NUL is binary") << "abc\x00"_ba << true << Binary;
    QTest::addRow("SOH is binary") << "\x01"_ba << true << Binary;
    QTest::addRow("vertical tab is binary") << "a\x0B"_ba << true << Binary;
    QTest::addRow("0x1A is binary") << "a\x1A"_ba << true << Binary;
    QTest::addRow("0x1F is binary") << "a\x1F"_ba << true << Binary;
    QTest::addRow("binary byte at 512") << QByteArray(511, 'a') + '\x00' << true << Binary;
    QTest::addRow("binary byte after 512") << QByteArray(512, 'a') + '\x00' << true << Text;
}

QTEST_GUILESS_MAIN(tst_ContentSniffer)
#include "tst_contentsniffer.moc"
