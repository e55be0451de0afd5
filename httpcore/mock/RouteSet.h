#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace mock
{

// The route-set model: the document a user edits in the GUI, saves to a file (RouteSetFile), checks into a
// repository and serves headless. Plain value types with public fields, no thread affinity; a RouteSet is
// edited on the GUI thread and copied into the immutable handler snapshot the server uses.

// Delay is a wait before answering: fixed when minMs == maxMs, else uniform in [minMs, maxMs]. Milliseconds.
struct Delay
{
    int minMs = 0;
    int maxMs = 0;

    bool isZero() const { return minMs == 0 && maxMs == 0; }
    friend bool operator==(const Delay &, const Delay &) = default;
};

// RuleTarget is the part of the request a rule looks at.
enum class RuleTarget
{
    Query,     // name: the query parameter
    Header,    // name: the header field (case-insensitive)
    PathValue, // name: the pattern wildcard
    Cookie,    // name: the cookie
    JsonBody,  // name: a path into the JSON body, dot-separated with numeric array indexes ("user.tags.0")
    Body       // name unused: the raw body text
};

// RuleOperator is how a rule tests the value it looks at.
enum class RuleOperator
{
    Equals,  // the value equals value
    Regex,   // the value matches value, a QRegularExpression pattern (unanchored)
    Present, // the value exists
    Absent   // the value does not exist
};

struct Rule
{
    RuleTarget target = RuleTarget::Query;
    QString name;
    RuleOperator op = RuleOperator::Equals;
    QString value;

    friend bool operator==(const Rule &, const Rule &) = default;
};

// RuleLogic combines a response's rules.
enum class RuleLogic
{
    AllOf,
    AnyOf
};

// FaultKind is a way for an answer to go wrong on purpose, tied to a phase of the exchange.
enum class FaultKind
{
    ResetBeforeHeaders,   // TCP reset (SO_LINGER 0) before any response byte
    ResetAfterHeaders,    // reset after the response head
    ResetAtBodyByte,      // reset after atByte body bytes
    EmptyResponse,        // close without sending a byte
    ContentLengthOver,    // Content-Length larger than the body sent, then close
    ContentLengthUnder,   // Content-Length smaller than the body sent
    MalformedChunk,       // a chunk whose size line is not hex
    MissingFinalChunk,    // chunked body without the terminating zero chunk, then close
    RandomBytesThenClose, // garbage instead of a response, then close
    SlowDrip,             // the body at bytesPerSecond (with jitterPercent)
    HeadersThenHang,      // the head, then nothing until the client gives up
    SlowUploadRead,       // read the request body at bytesPerSecond before answering
    CloseAfterRequests    // answer normally, but close the connection after afterRequests requests on it
};

// Fault is one fault of a response, applied with probability (0..1); a seed makes the random choices of a run
// (whether the fault fires, jitter, random bytes) replayable.
struct Fault
{
    FaultKind kind = FaultKind::EmptyResponse;
    double probability = 1.0;
    std::optional<quint64> seed;
    // ResetAtBodyByte: body bytes sent before the reset.
    qint64 atByte = 0;
    // SlowDrip, SlowUploadRead: bytes per second.
    int bytesPerSecond = 1024;
    // SlowDrip: +/- percentage of random variation of each interval.
    int jitterPercent = 0;
    // CloseAfterRequests: requests answered on a connection before it is closed.
    int afterRequests = 1;

    friend bool operator==(const Fault &, const Fault &) = default;
};

// MockResponse is one possible answer of a route.
struct MockResponse
{
    // label is the user's name for this response ("not found", "happy path"); may be empty.
    QString label;
    int status = 200;
    // headers in order; names as typed. Values may be templates.
    QList<std::pair<QString, QString>> headers;
    // contentType, when not empty, is sent as Content-Type (a header of the same name wins).
    QString contentType;
    // body is the inline body text (a template when templated); ignored when bodyFile is set.
    QString body;
    // bodyFile is a path relative to the route-set file's directory (absolute allowed); the file is streamed
    // from disk when answering, never loaded whole.
    QString bodyFile;
    // templated: body (inline only) and header values are mustache templates.
    bool templated = true;
    Delay delay;
    // rules select this response in RouteMode::Rules; a response without rules matches nothing there unless it
    // is the default.
    QList<Rule> rules;
    RuleLogic logic = RuleLogic::AllOf;
    // isDefault: the answer when no response's rules match (RouteMode::Rules); at most one per route.
    bool isDefault = false;
    std::optional<Fault> fault;

    friend bool operator==(const MockResponse &, const MockResponse &) = default;
};

// RouteMode says how a route picks among its responses.
enum class RouteMode
{
    Rules,    // the first response whose rules match, else the default one, else the first
    Sequence, // each request takes the next response, wrapping around
    Random    // uniformly at random
};

struct Route
{
    // id is stable and unique within the set (the GUI and journeys refer to routes by it).
    QString id;
    // pattern is a Go 1.22 ServeMux pattern: "[METHOD ][HOST]/[PATH]".
    QString pattern;
    bool enabled = true;
    QString note;
    RouteMode mode = RouteMode::Rules;
    QList<MockResponse> responses;

    friend bool operator==(const Route &, const Route &) = default;
};

// MiddlewareSetting is one entry of the middleware chain: its name (as the middleware library names it),
// whether it runs, and its settings as JSON (each middleware documents its keys).
struct MiddlewareSetting
{
    QString name;
    bool enabled = true;
    QJsonObject settings;

    friend bool operator==(const MiddlewareSetting &, const MiddlewareSetting &) = default;
};

// ServerLimits are the HTTP core's per-connection knobs (httpcore::ServerConfig), as a route set stores them. The
// defaults are the core's. A regular value type.
struct ServerLimits
{
    // The timeouts, in milliseconds; 0 means no timeout. See httpcore::ServerConfig for what each bounds.
    int readHeaderTimeoutMs = 10'000;
    int readTimeoutMs = 0;
    int writeTimeoutMs = 0;
    int idleTimeoutMs = 120'000;
    // maxHeaderBytes bounds a request's line and header section (bytes); more is answered 431.
    int maxHeaderBytes = 1 << 20;
    // maxBodyBytes bounds a request body (bytes); more is answered 413. 0 means no limit.
    qint64 maxBodyBytes = qint64(64) << 20;
    // keepAlive: whether connections are kept open between requests.
    bool keepAlive = true;

    friend bool operator==(const ServerLimits &, const ServerLimits &) = default;
};

struct ServerSettings
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    // workers: worker threads; 0 means one per core.
    int workers = 0;
    // limits apply to the connections accepted after they change (workers at the next start).
    ServerLimits limits;
    // middleware in chain order (first = outermost).
    QList<MiddlewareSetting> middleware;

    friend bool operator==(const ServerSettings &, const ServerSettings &) = default;
};

// ProxySettings: requests that match no route go to upstream (a base URL) when enabled; with record, every
// proxied exchange becomes a new route.
struct ProxySettings
{
    bool enabled = false;
    QString upstream;
    bool record = false;

    friend bool operator==(const ProxySettings &, const ProxySettings &) = default;
};

// RouteSet is the whole document.
struct RouteSet
{
    // CurrentFormat is the file format version this build writes and the newest it reads.
    static constexpr int CurrentFormat = 1;

    QString name;
    ServerSettings server;
    ProxySettings proxy;
    QList<Route> routes;

    friend bool operator==(const RouteSet &, const RouteSet &) = default;
};

// Names of the enumerators as the route-set file spells them ("resetBeforeHeaders", "allOf", "sequence"...),
// and the reverse lookups (std::nullopt for an unknown name). Pure; thread-safe.
QString ruleTargetName(RuleTarget target);
std::optional<RuleTarget> ruleTargetFromName(QStringView name);
QString ruleOperatorName(RuleOperator op);
std::optional<RuleOperator> ruleOperatorFromName(QStringView name);
QString ruleLogicName(RuleLogic logic);
std::optional<RuleLogic> ruleLogicFromName(QStringView name);
QString faultKindName(FaultKind kind);
std::optional<FaultKind> faultKindFromName(QStringView name);
QString routeModeName(RouteMode mode);
std::optional<RouteMode> routeModeFromName(QStringView name);

} // namespace mock
