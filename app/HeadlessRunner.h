#pragma once

#include "app/EventLog.h"
#include "httpcore/Handler.h"
#include "httpcore/ServerConfig.h"

#include <memory>
#include <optional>

namespace app
{

// runHeadless serves handler with config until SIGINT or SIGTERM, then shuts down gracefully (5 s deadline)
// and returns the process exit code: 0 after a signal, 1 when listening fails (the reason on stderr). Once
// the server accepts connections it prints "listening on http://HOST:PORT" (the port actually bound) on
// stdout and flushes it; a non-loopback host gets a warning on stderr. With logMode set, an EventLog prints
// what the server reports on stdout in logFormat.
//
// Runs the event loop of the QCoreApplication that must exist; call once, from main().
int runHeadless(const httpcore::ServerConfig &config,
                httpcore::HandlerPtr handler,
                std::optional<EventLog::Mode> logMode,
                EventLog::Format logFormat);

// demoHandler answers GET /hello, echoes POST /echo (exercising the request body API), and describes the
// server on every other path: what `switchboard --headless` serves without a route set.
httpcore::HandlerPtr demoHandler();

} // namespace app
