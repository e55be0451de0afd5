// CredentialMask: which header fields are credentials, how their values are masked, and masking of whole dumps
// and of the curl command built from them.

#include "ui/live/CredentialMask.h"
#include "ui/live/RequestDumpText.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CredentialMask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masksCredentialValues_data();
    void masksCredentialValues();
    void dumpKeepsStartLineOtherFieldsAndBody();
    void curlOfAMaskedDumpHasNoSecret();
};

void tst_CredentialMask::masksCredentialValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("masked");
    QTest::addRow("bearer keeps scheme") << u"Authorization"_s << u"Bearer abc.def.ghi"_s << u"Bearer ****"_s;
    QTest::addRow("basic keeps scheme") << u"authorization"_s << u"Basic dXNlcjpwdw=="_s << u"Basic ****"_s;
    QTest::addRow("bare token") << u"Authorization"_s << u"abcdef"_s << u"****"_s;
    QTest::addRow("proxy") << u"Proxy-Authorization"_s << u"Basic eA=="_s << u"Basic ****"_s;
    QTest::addRow("cookie pairs") << u"Cookie"_s << u"sid=123; theme=dark"_s << u"sid=****; theme=****"_s;
    QTest::addRow("set-cookie keeps attributes")
        << u"Set-Cookie"_s << u"sid=123; Path=/; HttpOnly"_s << u"sid=****; Path=/; HttpOnly"_s;
    QTest::addRow("x-api-key") << u"X-Api-Key"_s << u"k-42"_s << u"****"_s;
    QTest::addRow("api-key") << u"Api-Key"_s << u"k-42"_s << u"****"_s;
    QTest::addRow("apikey") << u"apikey"_s << u"k-42"_s << u"****"_s;
    QTest::addRow("auth token") << u"X-Auth-Token"_s << u"t"_s << u"****"_s;
    QTest::addRow("client secret") << u"X-Client-Secret"_s << u"s"_s << u"****"_s;
    QTest::addRow("content-type untouched") << u"Content-Type"_s << u"application/json"_s << u"application/json"_s;
    QTest::addRow("accept untouched") << u"Accept"_s << u"*/*"_s << u"*/*"_s;
    QTest::addRow("request id untouched") << u"X-Request-Id"_s << u"r-1"_s << u"r-1"_s;
}

void tst_CredentialMask::masksCredentialValues()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, masked);
    QCOMPARE(ui::CredentialMask::maskValue(name, value), masked);
    QCOMPARE(ui::CredentialMask::isCredential(name), masked != value);
}

void tst_CredentialMask::dumpKeepsStartLineOtherFieldsAndBody()
{
    const QByteArray dump = "POST /login?token=q HTTP/1.1\r\n"
                            "Host: h\r\n"
                            "Authorization: Bearer s3cret\r\n"
                            "Cookie: a=1; b=2\r\n"
                            "Content-Type: text/plain\r\n"
                            "\r\n"
                            "Authorization: in the body stays\r\n";
    const QByteArray expected = "POST /login?token=q HTTP/1.1\r\n"
                                "Host: h\r\n"
                                "Authorization: Bearer ****\r\n"
                                "Cookie: a=****; b=****\r\n"
                                "Content-Type: text/plain\r\n"
                                "\r\n"
                                "Authorization: in the body stays\r\n";
    QCOMPARE(ui::CredentialMask::maskDump(dump), expected);
    // A head without the blank line (a dump cut short) is masked too.
    QCOMPARE(ui::CredentialMask::maskDump("GET / HTTP/1.1\r\nX-Api-Key: k"), "GET / HTTP/1.1\r\nX-Api-Key: ****"_ba);
    const QList<std::pair<QString, QString>> fields{{u"Cookie"_s, u"x=1"_s}, {u"Accept"_s, u"a"_s}};
    const QList<std::pair<QString, QString>> masked{{u"Cookie"_s, u"x=****"_s}, {u"Accept"_s, u"a"_s}};
    QCOMPARE(ui::CredentialMask::maskFields(fields), masked);
}

void tst_CredentialMask::curlOfAMaskedDumpHasNoSecret()
{
    const QByteArray dump = "GET /me HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer s3cret\r\n\r\n";
    const QString curl = ui::curlCommand(ui::CredentialMask::maskDump(dump), u"http://127.0.0.1:1"_s);
    QCOMPARE(curl, u"curl -H 'Authorization: Bearer ****' 'http://127.0.0.1:1/me'"_s);
}

QTEST_MAIN(tst_CredentialMask)
#include "tst_credentialmask.moc"
