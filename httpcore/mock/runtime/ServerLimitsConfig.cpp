#include "httpcore/mock/runtime/ServerLimitsConfig.h"

namespace mock
{

httpcore::ServerConfig withLimits(httpcore::ServerConfig config, const ServerLimits &limits)
{
    config.readHeaderTimeout = std::chrono::milliseconds(limits.readHeaderTimeoutMs);
    config.readTimeout = std::chrono::milliseconds(limits.readTimeoutMs);
    config.writeTimeout = std::chrono::milliseconds(limits.writeTimeoutMs);
    config.idleTimeout = std::chrono::milliseconds(limits.idleTimeoutMs);
    config.limits.maxHeaderBytes = limits.maxHeaderBytes;
    // The file says 0 for "no limit"; the parser says so with a negative limit.
    config.limits.maxBodyBytes = limits.maxBodyBytes > 0 ? limits.maxBodyBytes : -1;
    config.keepAlivesEnabled = limits.keepAlive;
    return config;
}

ServerLimits limitsOf(const httpcore::ServerConfig &config)
{
    ServerLimits limits;
    limits.readHeaderTimeoutMs = int(config.readHeaderTimeout.count());
    limits.readTimeoutMs = int(config.readTimeout.count());
    limits.writeTimeoutMs = int(config.writeTimeout.count());
    limits.idleTimeoutMs = int(config.idleTimeout.count());
    limits.maxHeaderBytes = int(config.limits.maxHeaderBytes);
    limits.maxBodyBytes = config.limits.maxBodyBytes < 0 ? 0 : config.limits.maxBodyBytes;
    limits.keepAlive = config.keepAlivesEnabled;
    return limits;
}

} // namespace mock
