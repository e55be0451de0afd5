#pragma once

#include "httpcore/Expected.h"
#include "httpcore/middleware/CapturedExchange.h"
#include "httpcore/middleware/MiddlewareEntry.h"
#include "httpcore/mock/RouteSet.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace mock
{

// The middleware a route set can name in server.middleware, and the JSON settings each takes (all optional; the
// defaults are the built-in middleware's own). docs/route-set-format.md documents the same table.
//
//   name           settings
//   requestId      header (field name), trustIncoming (bool)
//   requestLogger  format ("text" or "json")
//   capture        bodyCap (bytes kept per body)
//   latency        minMs, maxMs (integers, 0 to 600000; maxMs at least minMs)
//   recovery       exposeDetails (bool)
//   cors           origins, methods, headers, exposedHeaders (arrays of strings), credentials (bool),
//                  maxAgeSeconds (integer, 0 to 86400)
//   auth           scheme ("basic" or "bearer"), realm (string), users (array of {"user", "password"}),
//                  tokens (array of strings); basic needs a user, bearer a token
//   gzip           level (-1 to 9), minSize (bytes), contentTypes (array of media-type patterns)
//   timeout        limitMs (integer, 0 to 3600000; 0 disables), message (string)
//
// Pure functions; thread-safe.

// MiddlewareSinks are where the middleware that report something send it: requestLogger's lines and capture's
// exchanges. Called on worker threads, concurrently: they must be thread-safe and must not block. Empty sinks
// make those middleware log or capture nothing.
struct MiddlewareSinks
{
    std::function<void(QByteArray line)> logLine;
    std::function<void(const httpcore::CapturedExchange &exchange)> capture;
};

// MiddlewareSettingProblem is one thing wrong with a MiddlewareSetting: key names the settings member at fault
// (empty when it is the name itself), message says what is wrong ("expected an array of strings, got a number").
struct MiddlewareSettingProblem
{
    QString key;
    QString message;

    friend bool operator==(const MiddlewareSettingProblem &, const MiddlewareSettingProblem &) = default;
};

// middlewareNames returns the names above, in the order a chain usually wants them (outermost first).
QStringList middlewareNames();

// checkMiddlewareSetting returns every problem of setting: an unknown name, an unknown settings key, a value of
// the wrong type or out of range. Empty means makeMiddlewareEntry() will succeed.
QList<MiddlewareSettingProblem> checkMiddlewareSetting(const MiddlewareSetting &setting);

// makeMiddlewareEntry builds the stack entry setting describes (name, enabled flag, the built-in middleware
// with its settings), wiring requestLogger and capture to sinks. On a problem it returns its message prefixed by
// the key ("cors: settings.maxAgeSeconds: expected an integer from 0 to 86400, got -1").
[[nodiscard]] httpcore::Expected<httpcore::MiddlewareEntry, QString>
makeMiddlewareEntry(const MiddlewareSetting &setting, const MiddlewareSinks &sinks = {});

} // namespace mock
