#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/engine/EngineProblem.h"
#include "httpcore/mock/engine/FaultDice.h"
#include "httpcore/mock/engine/MockTemplate.h"
#include "httpcore/mock/engine/RuleMatcher.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace mock
{

struct MockHandlerOptions;

// TemplatedText is a text of a response that may be a template: literal holds it as sent when it is not one
// (or templating is off); otherwise tmpl is the parsed template, or error says why it does not parse.
struct TemplatedText
{
    QByteArray literal;
    std::optional<MockTemplate> tmpl;
    QString error;
};

// CompiledResponse is a MockResponse made ready to serve: templates parsed, rules compiled, the body file's path
// made absolute, the fault's dice seeded.
struct CompiledResponse
{
    QString label;
    int status = 200;
    // headers in order: the name as typed, the value (maybe a template).
    QList<std::pair<QByteArray, TemplatedText>> headers;
    QByteArray contentType;
    TemplatedText body;
    // bodyFile is the absolute path of the body file, or empty for an inline body.
    QString bodyFile;
    Delay delay;
    RuleMatcher rules;
    bool isDefault = false;
    std::optional<Fault> fault;
    // dice is set when fault is.
    std::unique_ptr<FaultDice> dice;
    // needsBody: a template of this response reads request.body or request.json.
    bool needsBody = false;
    // hasTemplates: at least one text is a template (or a broken one).
    bool hasTemplates = false;
};

// CompiledRoute is the immutable part of a route handler plus its per-route counters; the route handler and every
// asynchronous step of an answer share it (a std::shared_ptr), so a snapshot replaced while answers are in flight
// stays alive until they end.
//
// Thread affinity: none; const use is thread-safe, the counters are atomic.
struct CompiledRoute
{
    QString id;
    QString pattern;
    RouteMode mode = RouteMode::Rules;
    std::vector<CompiledResponse> responses;
    // rulesNeedBody: some response's rules look at the body.
    bool rulesNeedBody = false;
    qint64 maxBodyBytes = 1024 * 1024;
    ErrorSink errorSink;

    // nextInSequence: the position of RouteMode::Sequence (taken modulo the response count). Atomic: shared by
    // every worker thread.
    mutable std::atomic<quint64> nextInSequence{0};
    // requestCount: requests this route received (the template's counter). Atomic: shared by every worker thread.
    mutable std::atomic<quint64> requestCount{0};

    // compile builds the compiled form of route; problems found are appended to problems (named after the route).
    static std::shared_ptr<CompiledRoute>
    compile(const Route &route, const MockHandlerOptions &options, QList<EngineProblem> &problems);

    // report logs problem (a sentence naming the route) and hands it to the error sink. Thread-safe.
    void report(const QString &message) const;
};

} // namespace mock
