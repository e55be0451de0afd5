#include "httpcore/Handler.h"

namespace httpcore
{

Handler::~Handler() = default;

HandlerFunc::HandlerFunc(Function function) : m_function(std::move(function)) {}

void HandlerFunc::serveHttp(const ResponsePtr &w, const Request &r) const
{
    if (m_function)
        m_function(w, r);
}

HandlerPtr HandlerFunc::make(Function function)
{
    return std::make_shared<const HandlerFunc>(std::move(function));
}

} // namespace httpcore
