#include "httpcore/Handler.h"
#include "httpcore/RequestBody.h"
#include "httpcore/Server.h"
#include "support/RawClient.h"

#include <QTest>

#include <memory>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

// Hidden is a complete request hidden in a body: whatever the server does, it must never answer it.
const QByteArray Hidden = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
// Second is the request pipelined behind every attack.
const QByteArray Second = "GET /second HTTP/1.1\r\nHost: x\r\n\r\n"_ba;

QByteArray hex(qsizetype n)
{
    return QByteArray::number(n, 16);
}

QByteArray chunked(const QByteArray &data)
{
    return hex(data.size()) + "\r\n" + data + "\r\n0\r\n\r\n";
}

// Outcome is what the server must do with an attack sent in front of Second.
struct Outcome
{
    // reject: the first answer has this status and the connection then closes, nothing else answered.
    // 0: the attack is framed unambiguously: answered (with firstBody echoed), then Second.
    int reject = 0;
    QByteArray firstBody;
};

Outcome rejected(int status)
{
    return Outcome{status, {}};
}

Outcome framed(const QByteArray &body)
{
    return Outcome{0, body};
}

} // namespace

Q_DECLARE_METATYPE(Outcome)

// tst_Smuggling sends the known request-smuggling ambiguities (RFC 9112 sections 2.2, 5, 6, 7; the CL.TE, TE.CL
// and TE.TE families of public research) over a real socket, each pipelined in front of a second request, and
// checks that the server either rejects the message and closes the connection, or frames it unambiguously, and
// never answers a request hidden inside a body.
class tst_Smuggling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ambiguity_data();
    void ambiguity();
    void serverKeepsServingAfterEveryAttack();

private:
    std::unique_ptr<Server> m_server;
    quint16 m_port = 0;
};

void tst_Smuggling::initTestCase()
{
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 2;
    m_server = std::make_unique<Server>(config);
    // Echoes the target, the host the server settled on and the whole body, so the framing shows.
    m_server->setHandler(HandlerFunc::make([](const ResponsePtr &w, const Request &r) {
        const QByteArray head = r.target + " host=" + r.host + " body=";
        w->header().set("Content-Type", "text/plain");
        if (!r.body) {
            w->write(head);
            return;
        }
        r.body->readAll(1 << 20, [w, head](QByteArray body, bool) {
            w->write(head + body);
            w->finish();
        });
    }));
    const auto port = m_server->listen();
    QVERIFY(port);
    m_port = *port;
}

void tst_Smuggling::cleanupTestCase()
{
    m_server.reset();
}

void tst_Smuggling::ambiguity_data()
{
    QTest::addColumn<QByteArray>("attack");
    QTest::addColumn<Outcome>("outcome");
    const QByteArray post = "POST / HTTP/1.1\r\nHost: x\r\n";
    const QByteArray cl = "Content-Length: " + QByteArray::number(Hidden.size()) + "\r\n";

    // Controls: a hidden request inside a well-framed body is body, not a request.
    QTest::addRow("control: Content-Length body") << post + cl + "\r\n" + Hidden << framed("/ host=x body=" + Hidden);
    QTest::addRow("control: chunked body")
        << post + "Transfer-Encoding: chunked\r\n\r\n" + chunked(Hidden) << framed("/ host=x body=" + Hidden);

    // CL.TE and TE.CL: both framings present (RFC 9112 6.1: TE wins or reject; the stricter choice is reject).
    QTest::addRow("CL.TE") << post + "Content-Length: " + QByteArray::number(5 + Hidden.size()) +
                                  "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + Hidden
                           << rejected(400);
    QTest::addRow("TE.CL") << post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunked(Hidden)
                           << rejected(400);

    // TE.TE obfuscations: every spelling a front end might read differently is refused.
    QTest::addRow("space before colon") << post + "Transfer-Encoding : chunked\r\n" + cl + "\r\n" + Hidden
                                        << rejected(400);
    // An unknown coding next to a Content-Length is a double framing (400); alone it is not implemented (501).
    QTest::addRow("xchunked with CL") << post + "Transfer-Encoding: xchunked\r\n" + cl + "\r\n" + Hidden
                                      << rejected(400);
    QTest::addRow("xchunked") << post + "Transfer-Encoding: xchunked\r\n\r\n" + chunked(Hidden) << rejected(501);
    // "identity" is no longer a coding (RFC 9112 removed it): unknown, hence 501.
    QTest::addRow("chunked, identity") << post + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunked(Hidden)
                                       << rejected(501);
    QTest::addRow("chunked, chunked") << post + "Transfer-Encoding: chunked, chunked\r\n\r\n" + chunked(Hidden)
                                      << rejected(400);
    QTest::addRow("identity, chunked") << post + "Transfer-Encoding: identity, chunked\r\n\r\n" + chunked(Hidden)
                                       << rejected(501);
    QTest::addRow("duplicate TE lines") << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                               chunked(Hidden)
                                        << rejected(400);
    QTest::addRow("TE chunked then x") << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n" +
                                              chunked(Hidden)
                                       << rejected(501);
    QTest::addRow("vertical tab") << post +
                                         "Transfer-Encoding:\x0b"
                                         "chunked\r\n" +
                                         cl + "\r\n" + Hidden
                                  << rejected(400);
    QTest::addRow("obs-fold") << post + "Transfer-Encoding:\r\n chunked\r\n" + cl + "\r\n" + Hidden << rejected(400);
    QTest::addRow("NUL in TE") << post + "Transfer-Encoding: chunked\0\r\n"_ba + "\r\n" + chunked(Hidden)
                               << rejected(400);
    QTest::addRow("TE on HTTP/1.0") << "POST / HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                           chunked(Hidden)
                                    << rejected(400);
    // Whitespace that is legal (OWS is SP or HTAB) and case-insensitive coding names frame normally.
    QTest::addRow("tab before chunked") << post + "Transfer-Encoding:\tchunked\t\r\n\r\n" + chunked("hello")
                                        << framed("/ host=x body=hello");
    QTest::addRow("Chunked in capitals") << post + "Transfer-Encoding: CHUNKED\r\n\r\n" + chunked("hello")
                                         << framed("/ host=x body=hello");

    // Content-Length forms.
    QTest::addRow("two different CL") << post + "Content-Length: " + QByteArray::number(Hidden.size()) +
                                             "\r\nContent-Length: 0\r\n\r\n" + Hidden
                                      << rejected(400);
    QTest::addRow("CL list") << post + "Content-Length: 5, 5\r\n\r\nhello" << rejected(400);
    QTest::addRow("signed CL +") << post + "Content-Length: +" + QByteArray::number(Hidden.size()) + "\r\n\r\n" + Hidden
                                 << rejected(400);
    QTest::addRow("negative CL") << post + "Content-Length: -1\r\n\r\n" + Hidden << rejected(400);
    QTest::addRow("hex CL") << post + "Content-Length: 0x5\r\n\r\nhello" << rejected(400);
    QTest::addRow("CL overflow") << post + "Content-Length: 18446744073709551621\r\n\r\n" + Hidden << rejected(400);
    QTest::addRow("CL with space inside") << post + "Content-Length: 1 0\r\n\r\n" + Hidden << rejected(400);

    // Chunk framing.
    QTest::addRow("chunk size overflow") << post + "Transfer-Encoding: chunked\r\n\r\n1000000000000000a\r\n" + Hidden
                                         << rejected(400);
    QTest::addRow("negative chunk size") << post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"
                                         << rejected(400);
    QTest::addRow("chunk data longer than size") << post + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"
                                                 << rejected(400);
    QTest::addRow("chunk line bare LF") << post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"
                                        << rejected(400);
    QTest::addRow("0x in chunk size") << post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"
                                      << rejected(400);
    // A Content-Length in the trailer section never reframes the message.
    QTest::addRow("CL in trailer") << post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nContent-Length: " +
                                          QByteArray::number(Hidden.size()) + "\r\n\r\n"
                                   << framed("/ host=x body=hello");

    // Line endings and control bytes (RFC 9112 2.2, 5.1, 5.5).
    QTest::addRow("bare CR in header") << post + "X-A: a\rContent-Length: 5\r\n\r\nhello" << rejected(400);
    QTest::addRow("bare LF line endings") << "POST / HTTP/1.1\nHost: x\nContent-Length: 5\n\nhello"_ba << rejected(400);
    QTest::addRow("NUL in header value") << post + "X-A: a\0b\r\n"_ba + cl + "\r\n" + Hidden << rejected(400);
    QTest::addRow("NUL in target") << "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n"_ba << rejected(400);
    QTest::addRow("space in field name") << post + "Content Length: 5\r\n\r\nhello" << rejected(400);
    QTest::addRow("whitespace-led first field")
        << "POST / HTTP/1.1\r\n Content-Length: 5\r\nHost: x\r\n\r\nhello"_ba << rejected(400);
    QTest::addRow("double space in request line") << "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << rejected(400);

    // Host (RFC 9112 3.2): exactly one; an absolute-form target's authority replaces a conflicting Host.
    QTest::addRow("no Host") << "GET / HTTP/1.1\r\n\r\n"_ba << rejected(400);
    QTest::addRow("two Hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << rejected(400);
    QTest::addRow("absolute form beats Host") << "GET http://a.example/abs HTTP/1.1\r\nHost: b.example\r\n\r\n"_ba
                                              << framed("http://a.example/abs host=a.example body=");
}

void tst_Smuggling::ambiguity()
{
    QFETCH(QByteArray, attack);
    QFETCH(Outcome, outcome);
    RawClient client;
    client.connectToServer(m_port);
    QTRY_VERIFY(client.isConnected());
    client.send(attack + Second);

    if (outcome.reject != 0) {
        QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
        QCOMPARE(client.finalResponseCount(), 1);
        QCOMPARE(client.responses().at(0).status, outcome.reject);
        QCOMPARE(client.responses().at(0).header.value("Connection"), "close");
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(client.finalResponseCount(), 2, 5000);
    QTest::qWait(100); // nothing further may arrive
    QCOMPARE(client.finalResponseCount(), 2);
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(0).body, outcome.firstBody);
    QCOMPARE(client.responses().at(1).body, "/second host=x body="_ba);
    QVERIFY(!client.isClosed());
}

void tst_Smuggling::serverKeepsServingAfterEveryAttack()
{
    RawClient client;
    client.connectToServer(m_port);
    QTRY_VERIFY(client.isConnected());
    client.send(Second + Second);
    QTRY_COMPARE(client.finalResponseCount(), 2);
    for (const RawClient::Response &response : client.responses())
        QVERIFY(!response.body.contains("smuggled"));
}

QTEST_GUILESS_MAIN(tst_Smuggling)
#include "tst_smuggling.moc"
