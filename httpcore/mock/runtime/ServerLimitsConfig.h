#pragma once

#include "httpcore/ServerConfig.h"
#include "httpcore/mock/RouteSet.h"

namespace mock
{

// withLimits returns config with the per-connection settings of limits (timeouts, header and body limits,
// keep-alives); host, port, worker threads and the rest are config's. Pure; thread-safe.
httpcore::ServerConfig withLimits(httpcore::ServerConfig config, const ServerLimits &limits);

// limitsOf returns the ServerLimits that config holds (the inverse of withLimits for the limits). Pure;
// thread-safe.
ServerLimits limitsOf(const httpcore::ServerConfig &config);

} // namespace mock
