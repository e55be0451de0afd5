#include "httpcore/ServerContext.h"

namespace httpcore
{

ServerContext::ServerContext(const ServerConfig &config) : m_config(std::make_shared<const ServerConfig>(config)) {}

std::shared_ptr<const ServerConfig> ServerContext::connectionConfig() const
{
    std::lock_guard lock(m_mutex);
    return m_config;
}

void ServerContext::setConnectionConfig(const ServerConfig &config)
{
    auto snapshot = std::make_shared<const ServerConfig>(config);
    {
        std::lock_guard lock(m_mutex);
        m_config.swap(snapshot);
    }
    // snapshot now holds the previous one, released outside the lock.
}

HandlerPtr ServerContext::handler() const
{
    std::lock_guard lock(m_mutex);
    return m_handler;
}

void ServerContext::setHandler(HandlerPtr handler)
{
    {
        std::lock_guard lock(m_mutex);
        m_handler.swap(handler);
    }
    // handler now holds the previous snapshot, released outside the lock (its destructor may be arbitrary).
}

std::shared_ptr<ServerObserver> ServerContext::observer() const
{
    std::lock_guard lock(m_mutex);
    return m_observer;
}

void ServerContext::setObserver(std::shared_ptr<ServerObserver> observer)
{
    {
        std::lock_guard lock(m_mutex);
        m_observer.swap(observer);
    }
    // observer now holds the previous snapshot, released outside the lock.
}

} // namespace httpcore
