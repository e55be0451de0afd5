#include "httpcore/middleware/AcceptEncoding.h"
#include "httpcore/middleware/AuthGate.h"
#include "httpcore/middleware/ConstantTime.h"
#include "httpcore/middleware/Cors.h"
#include "httpcore/middleware/GzipCompressor.h"
#include "httpcore/middleware/GzipEncoder.h"
#include "httpcore/middleware/LatencyInjector.h"
#include "httpcore/middleware/MiddlewareStack.h"
#include "httpcore/middleware/RequestId.h"
#include "httpcore/middleware/ResponseWriterWrapper.h"
#include "httpcore/middleware/Vary.h"

#include <QTest>

#include <stdexcept>

#include <zlib.h>

using namespace httpcore;
using namespace Qt::StringLiterals;

namespace
{

// FakeWriter is a ResponseWriter without a connection: it records what reaches it.
class FakeWriter final : public ResponseWriter
{
public:
    Header &header() override { return m_header; }
    void writeHeader(int status) override
    {
        if (m_status == 0 && !finished)
            m_status = status;
    }
    qint64 write(QByteArrayView data) override
    {
        if (finished)
            return -1;
        writeHeader(200);
        body += data;
        return data.size();
    }
    void flush() override { ++flushes; }
    void finish() override
    {
        writeHeader(200);
        finished = true;
        ++finishes;
    }
    bool isFinished() const override { return finished; }
    int status() const override { return m_status; }
    qint64 bodyBytesWritten() const override { return body.size(); }

    Header m_header;
    QByteArray body;
    int m_status = 0;
    int finishes = 0;
    int flushes = 0;
    bool finished = false;
};

// CountingWrapper counts its completion hook runs.
class CountingWrapper final : public ResponseWriterWrapper
{
public:
    CountingWrapper(Token token, ResponsePtr inner, int *completions, bool *sawAbandoned)
        : ResponseWriterWrapper(token, std::move(inner)), m_completions(completions), m_sawAbandoned(sawAbandoned)
    {}

protected:
    void completeResponse() override
    {
        ++*m_completions;
        *m_sawAbandoned = isAbandoned();
        ResponseWriterWrapper::completeResponse();
    }

private:
    int *m_completions;
    bool *m_sawAbandoned;
};

// tagMiddleware appends name to the request's X-Trace field on the way in.
Middleware tagMiddleware(const QByteArray &name)
{
    return [name](HandlerPtr next) -> HandlerPtr {
        return HandlerFunc::make([name, next](const ResponsePtr &w, const Request &r) {
            Request copy = r;
            copy.header.add("X-Trace", name);
            next->serveHttp(w, copy);
        });
    };
}

// traceEcho writes the request's X-Trace values joined by commas.
HandlerPtr traceEcho()
{
    return HandlerFunc::make([](const ResponsePtr &w, const Request &r) {
        QByteArrayList names;
        for (QByteArrayView v : r.header.values("X-Trace"))
            names.append(v.toByteArray());
        w->write(names.join(','));
    });
}

QList<QPair<JourneyStage, QByteArray>> middlewareMarks(const Journey &journey)
{
    QList<QPair<JourneyStage, QByteArray>> marks;
    for (const JourneyMark &m : journey.marks()) {
        if (m.stage == JourneyStage::MiddlewareEntered || m.stage == JourneyStage::MiddlewareLeft)
            marks.append({m.stage, m.label});
    }
    return marks;
}

QByteArray gunzip(const QByteArray &compressed, bool requireEnd)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return "<inflateInit2 failed>";
    QByteArray out(1 << 20, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    z.avail_in = uInt(compressed.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int result = inflate(&z, Z_SYNC_FLUSH);
    out.resize(out.size() - qsizetype(z.avail_out));
    inflateEnd(&z);
    if (requireEnd && result != Z_STREAM_END)
        return "<stream not ended>";
    return out;
}

Request requestWith(const QByteArray &method, const QByteArrayList &fields)
{
    Request r;
    r.method = method;
    r.target = "/";
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
        r.header.add(fields[i], fields[i + 1]);
    return r;
}

} // namespace

// tst_MiddlewareUnit checks the middleware pieces that need no socket: negotiation, decisions, composition.
class tst_MiddlewareUnit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptEncodingQualityFollowsRfc9110_data();
    void acceptEncodingQualityFollowsRfc9110();
    void corsOriginDecisions_data();
    void corsOriginDecisions();
    void corsMethodAndHeaderDecisions();
    void corsPreflightWithCredentialsEchoesOrigin();
    void corsDisallowedPreflightGetsOnlyVary();
    void requestIdWellFormedness_data();
    void requestIdWellFormedness();
    void requestIdGenerateIs32HexDigitsAndUnique();
    void constantTimeEqualsComparesBytes();
    void authGateAcceptsOnlyConfiguredCredentials_data();
    void authGateAcceptsOnlyConfiguredCredentials();
    void authGateChallengeQuotesRealm();
    void addVaryMergesTokens_data();
    void addVaryMergesTokens();
    void compressibleTypes_data();
    void compressibleTypes();
    void gzipEncoderRoundTripsAndFlushesDecodably();
    void latencyDelayStaysInRange();
    void wrapperCompletesOnceAtFinish();
    void wrapperCompletesAtLastRelease();
    void wrapperReleasedByUnwindingDoesNotFinishInner();
    void chainPutsFirstMiddlewareOutermost();
    void stackMarksJourneyAroundEachEnabledMiddleware();
    void stackMarksLeftWhenHandlerThrows();
    void stackKeepsSnapshotForRequestsInFlight();
    void stackRejectsBadNamesAndClampsMoves();
};

void tst_MiddlewareUnit::acceptEncodingQualityFollowsRfc9110_data()
{
    QTest::addColumn<QByteArrayList>("values");
    QTest::addColumn<int>("quality");
    QTest::addRow("absent") << QByteArrayList() << -1;
    QTest::addRow("plain gzip") << QByteArrayList{"gzip"} << 1000;
    QTest::addRow("case-insensitive") << QByteArrayList{"GZip"} << 1000;
    QTest::addRow("x-gzip alias") << QByteArrayList{"x-gzip;q=0.3"} << 300;
    QTest::addRow("list with q") << QByteArrayList{"deflate, gzip;q=0.8, br"} << 800;
    QTest::addRow("q=0 refuses") << QByteArrayList{"gzip;q=0"} << 0;
    QTest::addRow("q=0.000 refuses") << QByteArrayList{"gzip; q=0.000"} << 0;
    QTest::addRow("upper-case Q") << QByteArrayList{"gzip;Q=0.5"} << 500;
    QTest::addRow("star") << QByteArrayList{"*"} << 1000;
    QTest::addRow("star q") << QByteArrayList{"br, *;q=0.1"} << 100;
    QTest::addRow("explicit beats star") << QByteArrayList{"*;q=1, gzip;q=0"} << 0;
    QTest::addRow("explicit beats star, other order") << QByteArrayList{"gzip;q=0", "*"} << 0;
    QTest::addRow("other codings only") << QByteArrayList{"br, deflate"} << -1;
    QTest::addRow("identity only") << QByteArrayList{"identity"} << -1;
    QTest::addRow("split over fields") << QByteArrayList{"br", "gzip;q=0.5"} << 500;
    QTest::addRow("malformed q ignored") << QByteArrayList{"gzip;q=2"} << -1;
    QTest::addRow("malformed q falls to star") << QByteArrayList{"gzip;q=abc, *;q=0.2"} << 200;
    QTest::addRow("too many digits ignored") << QByteArrayList{"gzip;q=0.1234"} << -1;
    QTest::addRow("1.000") << QByteArrayList{"gzip;q=1.000"} << 1000;
    QTest::addRow("1.5 malformed") << QByteArrayList{"gzip;q=1.5"} << -1;
    QTest::addRow("empty elements") << QByteArrayList{" , ,gzip;q=0.9,"} << 900;
}

void tst_MiddlewareUnit::acceptEncodingQualityFollowsRfc9110()
{
    QFETCH(QByteArrayList, values);
    QFETCH(int, quality);
    QList<QByteArrayView> views;
    Header h;
    for (const QByteArray &v : values) {
        views.append(v);
        h.add("Accept-Encoding", v);
    }
    QCOMPARE(acceptEncodingQuality(views, "gzip"), quality);
    QCOMPARE(acceptsGzip(h), quality > 0);
}

void tst_MiddlewareUnit::corsOriginDecisions_data()
{
    QTest::addColumn<QByteArrayList>("allowed");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("expected");
    const QByteArrayList list{"https://app.example", "http://localhost:3000", "https://*.corp.example"};
    QTest::addRow("star") << QByteArrayList{"*"} << "https://any.where"_ba << true;
    QTest::addRow("star, empty origin") << QByteArrayList{"*"} << QByteArray() << false;
    QTest::addRow("exact") << list << "https://app.example"_ba << true;
    QTest::addRow("case-insensitive") << list << "HTTPS://APP.example"_ba << true;
    QTest::addRow("other port") << list << "http://localhost:3001"_ba << false;
    QTest::addRow("other scheme") << list << "http://app.example"_ba << false;
    QTest::addRow("suffix attack") << list << "https://app.example.evil"_ba << false;
    QTest::addRow("wildcard subdomain") << list << "https://a.corp.example"_ba << true;
    QTest::addRow("wildcard needs a label") << list << "https://.corp.example"_ba << false;
    QTest::addRow("wildcard wrong suffix") << list << "https://a.corp.example.org"_ba << false;
    QTest::addRow("null origin not listed") << list << "null"_ba << false;
    QTest::addRow("empty list") << QByteArrayList() << "https://app.example"_ba << false;
}

void tst_MiddlewareUnit::corsOriginDecisions()
{
    QFETCH(QByteArrayList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(bool, expected);
    Cors::Settings s;
    s.allowedOrigins = allowed;
    const Cors cors(s, nullptr);
    QCOMPARE(cors.allowsOrigin(origin), expected);
}

void tst_MiddlewareUnit::corsMethodAndHeaderDecisions()
{
    Cors::Settings s;
    s.allowedMethods = {"PUT"};
    s.allowedHeaders = {"Content-Type", "X-Api-Key"};
    const Cors cors(s, nullptr);
    QVERIFY(cors.allowsMethod("PUT"));
    QVERIFY(cors.allowsMethod("GET")); // safelisted
    QVERIFY(cors.allowsMethod("POST"));
    QVERIFY(!cors.allowsMethod("DELETE"));
    QVERIFY(!cors.allowsMethod("put")); // methods are case-sensitive
    QVERIFY(!cors.allowsMethod(""));
    QVERIFY(cors.allowsHeaders("content-type, x-api-key"));
    QVERIFY(cors.allowsHeaders(""));
    QVERIFY(!cors.allowsHeaders("content-type, x-other"));

    Cors::Settings any;
    any.allowedMethods = {"*"};
    any.allowedHeaders = {"*"};
    const Cors permissive(any, nullptr);
    QVERIFY(permissive.allowsMethod("PURGE"));
    QVERIFY(permissive.allowsHeaders("x-anything"));
}

void tst_MiddlewareUnit::corsPreflightWithCredentialsEchoesOrigin()
{
    Cors::Settings s;
    s.allowCredentials = true;
    s.maxAgeSeconds = 600;
    const Cors cors(s, nullptr);
    const Request r = requestWith("OPTIONS", {"Origin", "https://app.example", "Access-Control-Request-Method", "PUT",
                                              "Access-Control-Request-Headers", "content-type, x-api-key"});
    QVERIFY(Cors::isPreflight(r));
    Header out;
    cors.addPreflightHeaders(r, out);
    QCOMPARE(out.value("Access-Control-Allow-Origin"), "https://app.example");
    QCOMPARE(out.value("Access-Control-Allow-Credentials"), "true");
    QCOMPARE(out.value("Access-Control-Allow-Methods"), "PUT");
    QCOMPARE(out.value("Access-Control-Allow-Headers"), "content-type, x-api-key");
    QCOMPARE(out.value("Access-Control-Max-Age"), "600");
    QVERIFY(hasToken(out.value("Vary"), "Origin"));

    Cors::Settings plain;
    const Cors noCredentials(plain, nullptr);
    Header out2;
    noCredentials.addPreflightHeaders(r, out2);
    QCOMPARE(out2.value("Access-Control-Allow-Origin"), "*");
    QVERIFY(!out2.contains("Access-Control-Allow-Credentials"));
    QVERIFY(!out2.contains("Access-Control-Max-Age"));
    QVERIFY(!Cors::isPreflight(requestWith("OPTIONS", {"Origin", "https://app.example"})));
}

void tst_MiddlewareUnit::corsDisallowedPreflightGetsOnlyVary()
{
    Cors::Settings s;
    s.allowedOrigins = {"https://app.example"};
    s.allowedHeaders = {"Content-Type"};
    const Cors cors(s, nullptr);
    const QList<Request> refused{
        requestWith("OPTIONS", {"Origin", "https://evil.example", "Access-Control-Request-Method", "GET"}),
        requestWith("OPTIONS", {"Origin", "https://app.example", "Access-Control-Request-Method", "PATCHY"}),
        requestWith("OPTIONS", {"Origin", "https://app.example", "Access-Control-Request-Method", "GET",
                                "Access-Control-Request-Headers", "x-secret"})};
    for (const Request &r : refused) {
        Header out;
        cors.addPreflightHeaders(r, out);
        QCOMPARE(out.size(), 1);
        QVERIFY(hasToken(out.value("Vary"), "Access-Control-Request-Method"));
    }
    Header actual;
    cors.addResponseHeaders(requestWith("GET", {"Origin", "https://evil.example"}), actual);
    QVERIFY(!actual.contains("Access-Control-Allow-Origin"));
    QCOMPARE(actual.value("Vary"), "Origin");
}

void tst_MiddlewareUnit::requestIdWellFormedness_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("wellFormed");
    QTest::addRow("uuid") << "123e4567-e89b-12d3-a456-426614174000"_ba << true;
    QTest::addRow("hex") << "0123456789abcdef"_ba << true;
    QTest::addRow("dotted") << "req.1:a_b"_ba << true;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("space") << "a b"_ba << false;
    QTest::addRow("quote") << "a\"b"_ba << false;
    QTest::addRow("non-ascii") << "caf\xc3\xa9"_ba << false;
    QTest::addRow("128 bytes") << QByteArray(128, 'a') << true;
    QTest::addRow("129 bytes") << QByteArray(129, 'a') << false;
}

void tst_MiddlewareUnit::requestIdWellFormedness()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, wellFormed);
    QCOMPARE(RequestId::isWellFormed(id), wellFormed);
}

void tst_MiddlewareUnit::requestIdGenerateIs32HexDigitsAndUnique()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray id = RequestId::generate();
        QCOMPARE(id.size(), 32);
        for (char c : id)
            QVERIFY((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
}

void tst_MiddlewareUnit::constantTimeEqualsComparesBytes()
{
    QVERIFY(constantTimeEquals("", ""));
    QVERIFY(constantTimeEquals("secret", "secret"));
    QVERIFY(!constantTimeEquals("secret", "secreT"));
    QVERIFY(!constantTimeEquals("Secret", "secret"));
    QVERIFY(!constantTimeEquals("secret", "secrets"));
    QVERIFY(!constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
}

void tst_MiddlewareUnit::authGateAcceptsOnlyConfiguredCredentials_data()
{
    QTest::addColumn<bool>("bearer");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("accepted");
    const auto basic = [](const QByteArray &userPass) { return "Basic " + userPass.toBase64(); };
    QTest::addRow("basic ok") << false << basic("alice:wonder:land") << true;
    QTest::addRow("basic second user") << false << basic("bob:builder") << true;
    QTest::addRow("basic lower-case scheme") << false << "basic " + "bob:builder"_ba.toBase64() << true;
    QTest::addRow("basic wrong password") << false << basic("alice:wonder") << false;
    QTest::addRow("basic swapped pair") << false << basic("bob:wonder:land") << false;
    QTest::addRow("basic no colon") << false << basic("alice") << false;
    QTest::addRow("basic bad base64") << false << "Basic !!!"_ba << false;
    QTest::addRow("basic missing") << false << QByteArray() << false;
    QTest::addRow("basic given bearer") << false << "Bearer t0k3n"_ba << false;
    QTest::addRow("bearer ok") << true << "Bearer t0k3n"_ba << true;
    QTest::addRow("bearer second") << true << "Bearer other-token"_ba << true;
    QTest::addRow("bearer wrong") << true << "Bearer t0k3m"_ba << false;
    QTest::addRow("bearer prefix") << true << "Bearer t0k"_ba << false;
    QTest::addRow("bearer empty") << true << "Bearer "_ba << false;
    QTest::addRow("bearer given basic") << true << basic("bob:builder") << false;
}

void tst_MiddlewareUnit::authGateAcceptsOnlyConfiguredCredentials()
{
    QFETCH(bool, bearer);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, accepted);
    AuthGate::Settings s;
    s.scheme = bearer ? AuthGate::Scheme::Bearer : AuthGate::Scheme::Basic;
    s.users = {{"alice", "wonder:land"}, {"bob", "builder"}};
    s.tokens = {"t0k3n", "other-token"};
    const AuthGate gate(s, nullptr);
    QCOMPARE(gate.isAuthorized(authorization), accepted);
}

void tst_MiddlewareUnit::authGateChallengeQuotesRealm()
{
    AuthGate::Settings s;
    s.realm = "mock \"api\"";
    QCOMPARE(AuthGate(s, nullptr).challenge(false), R"(Basic realm="mock \"api\"", charset="UTF-8")"_ba);
    s.scheme = AuthGate::Scheme::Bearer;
    QCOMPARE(AuthGate(s, nullptr).challenge(false), R"(Bearer realm="mock \"api\"")"_ba);
    QCOMPARE(AuthGate(s, nullptr).challenge(true), R"(Bearer realm="mock \"api\"", error="invalid_token")"_ba);
}

void tst_MiddlewareUnit::addVaryMergesTokens_data()
{
    QTest::addColumn<QByteArrayList>("before");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("after");
    QTest::addRow("none") << QByteArrayList() << "Origin"_ba
                          << "Origin"_ba;
    QTest::addRow("append") << QByteArrayList{"Accept-Encoding"} << "Origin"_ba
                            << "Accept-Encoding, Origin"_ba;
    QTest::addRow("present, other case") << QByteArrayList{"origin"} << "Origin"_ba
                                         << "origin"_ba;
    QTest::addRow("star") << QByteArrayList{"*"} << "Origin"_ba
                          << "*"_ba;
    QTest::addRow("two fields merged") << QByteArrayList{"A", "B"} << "Origin"_ba
                                       << "A, B, Origin"_ba;
}

void tst_MiddlewareUnit::addVaryMergesTokens()
{
    QFETCH(QByteArrayList, before);
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, after);
    Header h;
    for (const QByteArray &v : before)
        h.add("Vary", v);
    addVary(h, token);
    QCOMPARE(h.values("Vary").size(), before.size() > 1 ? 1 : qMax<qsizetype>(1, before.size()));
    QCOMPARE(h.value("Vary"), after);
}

void tst_MiddlewareUnit::compressibleTypes_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("compressible");
    QTest::addRow("text/html") << "text/html; charset=utf-8"_ba << true;
    QTest::addRow("TEXT/PLAIN") << "TEXT/PLAIN"_ba << true;
    QTest::addRow("json") << "application/json"_ba << true;
    QTest::addRow("problem+json") << "application/problem+json"_ba << true;
    QTest::addRow("atom+xml") << "application/atom+xml"_ba << true;
    QTest::addRow("svg") << "image/svg+xml"_ba << true;
    QTest::addRow("png") << "image/png"_ba << false;
    QTest::addRow("octet-stream") << "application/octet-stream"_ba << false;
    QTest::addRow("zip") << "application/zip"_ba << false;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("bare text/") << "text/"_ba << false;
}

void tst_MiddlewareUnit::compressibleTypes()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, compressible);
    QCOMPARE(GzipCompressor::isCompressible(type, GzipCompressor::Settings().contentTypes), compressible);
}

void tst_MiddlewareUnit::gzipEncoderRoundTripsAndFlushesDecodably()
{
    GzipEncoder encoder;
    QVERIFY(encoder.isValid());
    const QByteArray first = QByteArray("first part of a stream; ").repeated(50);
    QByteArray wire = encoder.compress(first);
    wire += encoder.flush();
    // After a sync flush everything written so far decodes, before the member ends.
    QCOMPARE(gunzip(wire, false), first);
    const QByteArray second = QByteArray(300'000, 'x');
    wire += encoder.compress(second);
    wire += encoder.finish();
    QVERIFY(encoder.isFinished());
    QVERIFY(wire.size() < (first.size() + second.size()) / 10);
    QCOMPARE(gunzip(wire, true), first + second);
    QVERIFY(encoder.compress("late").isEmpty());
}

void tst_MiddlewareUnit::latencyDelayStaysInRange()
{
    const LatencyInjector fixed({250, 0}, nullptr);
    QCOMPARE(fixed.nextDelay(), 250);
    const LatencyInjector range({100, 120}, nullptr);
    QSet<int> seen;
    for (int i = 0; i < 2000; ++i) {
        const int d = range.nextDelay();
        QVERIFY2(d >= 100 && d <= 120, QByteArray::number(d).constData());
        seen.insert(d);
    }
    QVERIFY(seen.contains(100));
    QVERIFY(seen.contains(120));
    QCOMPARE(LatencyInjector({-5, -1}, nullptr).nextDelay(), 0);
}

void tst_MiddlewareUnit::wrapperCompletesOnceAtFinish()
{
    const auto inner = std::make_shared<FakeWriter>();
    int completions = 0;
    bool abandoned = true;
    {
        const ResponsePtr w = ResponseWriterWrapper::make<CountingWrapper>(inner, &completions, &abandoned);
        w->header().set("X-A", "1");
        QCOMPARE(w->write("abc"), 3);
        w->flush();
        QCOMPARE(inner->flushes, 1);
        w->finish();
        QCOMPARE(completions, 1);
        QVERIFY(w->isFinished());
        QCOMPARE(w->write("more"), -1);
        w->finish();
    }
    QCOMPARE(completions, 1);
    QCOMPARE(inner->finishes, 1);
    QVERIFY(!abandoned);
    QCOMPARE(inner->body, "abc");
    QCOMPARE(inner->header().value("X-A"), "1");
}

void tst_MiddlewareUnit::wrapperCompletesAtLastRelease()
{
    const auto inner = std::make_shared<FakeWriter>();
    int completions = 0;
    bool abandoned = true;
    ResponsePtr w = ResponseWriterWrapper::make<CountingWrapper>(inner, &completions, &abandoned);
    ResponsePtr copy = w;
    w->writeHeader(201);
    w.reset();
    QCOMPARE(completions, 0);
    QVERIFY(!inner->finished);
    copy.reset();
    QCOMPARE(completions, 1);
    QCOMPARE(inner->finishes, 1);
    QCOMPARE(inner->status(), 201);
    QVERIFY(!abandoned);
}

void tst_MiddlewareUnit::wrapperReleasedByUnwindingDoesNotFinishInner()
{
    const auto inner = std::make_shared<FakeWriter>();
    int completions = 0;
    bool abandoned = false;
    try {
        const ResponsePtr w = ResponseWriterWrapper::make<CountingWrapper>(inner, &completions, &abandoned);
        throw std::runtime_error("handler failed");
    } catch (const std::runtime_error &) {
        QCOMPARE(completions, 1);
        QVERIFY(abandoned);
        QVERIFY(!inner->finished);
        QCOMPARE(inner->status(), 0);
    }
    // Released normally inside a catch block: not abandoned.
    try {
        throw std::runtime_error("outer");
    } catch (const std::runtime_error &) {
        const ResponsePtr w = ResponseWriterWrapper::make<CountingWrapper>(inner, &completions, &abandoned);
    }
    QCOMPARE(completions, 2);
    QVERIFY(!abandoned);
    QVERIFY(inner->finished);
}

void tst_MiddlewareUnit::chainPutsFirstMiddlewareOutermost()
{
    const HandlerPtr h = chain({tagMiddleware("a"), Middleware(), tagMiddleware("b"), tagMiddleware("c")})(traceEcho());
    const auto w = std::make_shared<FakeWriter>();
    h->serveHttp(w, Request());
    QCOMPARE(w->body, "a,b,c");
    const HandlerPtr same = chain({})(traceEcho());
    const auto w2 = std::make_shared<FakeWriter>();
    same->serveHttp(w2, Request());
    QCOMPARE(w2->body, "");
    QCOMPARE(applyMiddleware([](HandlerPtr) { return HandlerPtr(); }, traceEcho()) != nullptr, true);
}

void tst_MiddlewareUnit::stackMarksJourneyAroundEachEnabledMiddleware()
{
    MiddlewareStack stack(traceEcho());
    QVERIFY(stack.append({"a", true, tagMiddleware("a"), {}}));
    QVERIFY(stack.append({"b", false, tagMiddleware("b"), {}}));
    QVERIFY(stack.append({"c", true, tagMiddleware("c"), {}}));
    Request r;
    r.journey = std::make_shared<Journey>();
    const auto w = std::make_shared<FakeWriter>();
    stack.serveHttp(w, r);
    QCOMPARE(w->body, "a,c");
    using M = QPair<JourneyStage, QByteArray>;
    const QList<M> expected{{JourneyStage::MiddlewareEntered, "a"},
                            {JourneyStage::MiddlewareEntered, "c"},
                            {JourneyStage::MiddlewareLeft, "c"},
                            {JourneyStage::MiddlewareLeft, "a"}};
    QCOMPARE(middlewareMarks(*r.journey), expected);
    // Timestamps are monotonic in mark order.
    const auto &marks = r.journey->marks();
    for (size_t i = 1; i < marks.size(); ++i)
        QVERIFY(marks[i - 1].at <= marks[i].at);

    QVERIFY(stack.setEnabled("b", true));
    QVERIFY(stack.move("c", 0));
    Request r2;
    r2.journey = std::make_shared<Journey>();
    const auto w2 = std::make_shared<FakeWriter>();
    stack.serveHttp(w2, r2);
    QCOMPARE(w2->body, "c,a,b");
    QCOMPARE(middlewareMarks(*r2.journey).first(), M(JourneyStage::MiddlewareEntered, "c"));
    QCOMPARE(middlewareMarks(*r2.journey).last(), M(JourneyStage::MiddlewareLeft, "c"));
    // Without a journey nothing is recorded and nothing breaks.
    const auto w3 = std::make_shared<FakeWriter>();
    stack.serveHttp(w3, Request());
    QCOMPARE(w3->body, "c,a,b");
}

void tst_MiddlewareUnit::stackMarksLeftWhenHandlerThrows()
{
    MiddlewareStack stack(
        HandlerFunc::make([](const ResponsePtr &, const Request &) { throw std::runtime_error("inner failure"); }));
    QVERIFY(stack.append({"outer", true, tagMiddleware("outer"), {}}));
    Request r;
    r.journey = std::make_shared<Journey>();
    const auto w = std::make_shared<FakeWriter>();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, stack.serveHttp(w, r));
    using M = QPair<JourneyStage, QByteArray>;
    const QList<M> expected{{JourneyStage::MiddlewareEntered, "outer"}, {JourneyStage::MiddlewareLeft, "outer"}};
    QCOMPARE(middlewareMarks(*r.journey), expected);
}

void tst_MiddlewareUnit::stackKeepsSnapshotForRequestsInFlight()
{
    MiddlewareStack stack(traceEcho());
    QVERIFY(stack.append({"a", true, tagMiddleware("a"), {}}));
    const HandlerPtr before = stack.snapshot();
    QVERIFY(stack.setEnabled("a", false));
    const HandlerPtr after = stack.snapshot();
    QVERIFY(before != after);
    // The old snapshot still serves with "a": a request that loaded it keeps it.
    const auto w1 = std::make_shared<FakeWriter>();
    before->serveHttp(w1, Request());
    QCOMPARE(w1->body, "a");
    const auto w2 = std::make_shared<FakeWriter>();
    stack.serveHttp(w2, Request());
    QCOMPARE(w2->body, "");
    // setEnabled without a change publishes nothing new.
    QVERIFY(stack.setEnabled("a", false));
    QCOMPARE(stack.snapshot(), after);
    // No inner handler: 404.
    stack.setInner(nullptr);
    const auto w3 = std::make_shared<FakeWriter>();
    stack.serveHttp(w3, Request());
    QCOMPARE(w3->status(), 404);
}

void tst_MiddlewareUnit::stackRejectsBadNamesAndClampsMoves()
{
    MiddlewareStack stack;
    QVERIFY(!stack.append({"", true, tagMiddleware("x"), {}}));
    QVERIFY(stack.append({"a", true, tagMiddleware("a"), {}}));
    QVERIFY(!stack.append({"a", true, tagMiddleware("a2"), {}}));
    QVERIFY(stack.append(MiddlewareEntry::of<LatencyInjector>("latency", {5, 10}, false)));
    QVERIFY(stack.move("a", 99));
    QCOMPARE(stack.entries().back().name, "a");
    QVERIFY(stack.move("a", -3));
    QCOMPARE(stack.entries().front().name, "a");
    QVERIFY(!stack.move("missing", 0));
    QVERIFY(!stack.setEnabled("missing", true));
    QVERIFY(!stack.remove("missing"));
    QCOMPARE(std::any_cast<LatencyInjector::Settings>(stack.entry("latency")->settings).maxMs, 10);
    QVERIFY(stack.reconfigure<LatencyInjector>("latency", {7, 9}));
    QCOMPARE(std::any_cast<LatencyInjector::Settings>(stack.entry("latency")->settings).minMs, 7);
    QVERIFY(!stack.entry("latency")->enabled);
    QVERIFY(!stack.setEntries({{"x", true, {}, {}}, {"x", true, {}, {}}}));
    QCOMPARE(stack.entries().size(), size_t(2));
    QVERIFY(stack.setEntries({{"y", true, tagMiddleware("y"), {}}}));
    QCOMPARE(stack.entries().size(), size_t(1));
    QVERIFY(stack.remove("y"));
    QVERIFY(stack.entries().empty());
}

QTEST_GUILESS_MAIN(tst_MiddlewareUnit)
#include "tst_middleware_unit.moc"
