#include "httpcore/ServerContext.h"

namespace httpcore
{

ServerContext::ServerContext(const ServerConfig &config) : m_config(config) {}

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
