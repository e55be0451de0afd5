#pragma once

#include <QString>

#include <functional>

namespace mock
{

// EngineProblem is something the mock engine could not set up or could not do, naming the route it belongs to:
// a build-time problem (a pattern the mux refused, a template that does not parse, a rule regex that does not
// compile) or a run-time error (a template that fails to render, a body file that cannot be opened, a fault that
// cannot be produced). message is a complete sentence fit for the log; it names the route too. A regular value
// type with no thread affinity.
struct EngineProblem
{
    QString routeId;
    QString message;

    friend bool operator==(const EngineProblem &, const EngineProblem &) = default;
};

// ErrorSink receives the run-time errors of a mock handler snapshot so they can be logged (the GUI's log, the
// headless runner's standard error). It is called on worker threads, possibly concurrently from several: it
// must be thread-safe and must not block. It may be empty (errors are then only answered, and logged with the
// engine's logging category).
using ErrorSink = std::function<void(const EngineProblem &problem)>;

} // namespace mock
