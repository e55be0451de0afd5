#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <utility>

namespace mock
{

// The keys of the route-set file format (docs/route-set-format.md), shared by the reader, the writer, the
// checks (for JSON paths) and the tests that hold the JSON Schema to the loader. Constants; thread-safe.
namespace keys
{

inline constexpr QStringView Format = u"format";
inline constexpr QStringView Name = u"name";
inline constexpr QStringView Server = u"server";
inline constexpr QStringView Proxy = u"proxy";
inline constexpr QStringView Routes = u"routes";

inline constexpr QStringView Host = u"host";
inline constexpr QStringView Port = u"port";
inline constexpr QStringView Workers = u"workers";
inline constexpr QStringView Middleware = u"middleware";
inline constexpr QStringView Limits = u"limits";
inline constexpr QStringView ReadHeaderTimeoutMs = u"readHeaderTimeoutMs";
inline constexpr QStringView ReadTimeoutMs = u"readTimeoutMs";
inline constexpr QStringView WriteTimeoutMs = u"writeTimeoutMs";
inline constexpr QStringView IdleTimeoutMs = u"idleTimeoutMs";
inline constexpr QStringView MaxHeaderBytes = u"maxHeaderBytes";
inline constexpr QStringView MaxBodyBytes = u"maxBodyBytes";
inline constexpr QStringView KeepAlive = u"keepAlive";
inline constexpr QStringView Enabled = u"enabled";
inline constexpr QStringView Settings = u"settings";
inline constexpr QStringView Upstream = u"upstream";
inline constexpr QStringView Record = u"record";

inline constexpr QStringView Id = u"id";
inline constexpr QStringView Pattern = u"pattern";
inline constexpr QStringView Note = u"note";
inline constexpr QStringView Mode = u"mode";
inline constexpr QStringView Responses = u"responses";

inline constexpr QStringView Label = u"label";
inline constexpr QStringView Default = u"default";
inline constexpr QStringView Logic = u"logic";
inline constexpr QStringView Rules = u"rules";
inline constexpr QStringView Status = u"status";
inline constexpr QStringView Headers = u"headers";
inline constexpr QStringView ContentType = u"contentType";
inline constexpr QStringView Body = u"body";
inline constexpr QStringView BodyFile = u"bodyFile";
inline constexpr QStringView Templated = u"templated";
inline constexpr QStringView Delay = u"delay";
inline constexpr QStringView Fault = u"fault";

inline constexpr QStringView Value = u"value";
inline constexpr QStringView MinMs = u"minMs";
inline constexpr QStringView MaxMs = u"maxMs";
inline constexpr QStringView Target = u"target";
inline constexpr QStringView Operator = u"operator";

inline constexpr QStringView Kind = u"kind";
inline constexpr QStringView Probability = u"probability";
inline constexpr QStringView Seed = u"seed";
inline constexpr QStringView AtByte = u"atByte";
inline constexpr QStringView BytesPerSecond = u"bytesPerSecond";
inline constexpr QStringView JitterPercent = u"jitterPercent";
inline constexpr QStringView AfterRequests = u"afterRequests";

} // namespace keys

// ObjectKeys describes one kind of JSON object of the format: the keys it accepts, in the order the writer
// writes them, and those it requires. A regular value type.
struct ObjectKeys
{
    // kind names the object kind as the JSON Schema's $defs do ("route", "response", ...); the root is
    // "routeSet".
    QString kind;
    QStringList keys;
    QStringList required;
};

// routeSetObjectKeys returns every object kind of the format, the root first. Thread-safe.
const QList<ObjectKeys> &routeSetObjectKeys();
// objectKeysOf returns the kind named kind. Precondition: kind is one of routeSetObjectKeys().
const ObjectKeys &objectKeysOf(QStringView kind);

// faultParameterKeys returns the keys of the parameters kind uses (atByte, bytesPerSecond, jitterPercent,
// afterRequests); the others do not apply to it. Thread-safe.
QList<QStringView> faultParameterKeys(FaultKind kind);
// ruleUsesName reports whether a rule on target names what it looks at (every target but the raw body).
bool ruleUsesName(RuleTarget target);
// ruleUsesValue reports whether a rule with operator op compares with a value (equals and regex).
bool ruleUsesValue(RuleOperator op);

// enumeratorNames returns the file names of every enumerator of E, in declaration order, given E's *Name()
// function from RouteSet.h (ruleTargetName, faultKindName, ...). It relies on E's enumerators being 0, 1, 2...
// (none of them sets a value) and on the *Name() functions returning an empty string past the last one.
template <typename E>
QStringList enumeratorNames(QString (*name)(E))
{
    QStringList names;
    for (int i = 0;; ++i) {
        QString n = name(static_cast<E>(i));
        if (n.isEmpty())
            return names;
        names.append(std::move(n));
    }
}

} // namespace mock
