#include "httpcore/Handler.h"

#include <QTimer>

namespace httpcore
{

Handler::~Handler() = default;

void ResponseWriter::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    Q_UNUSED(lowWater);
    QTimer::singleShot(0, std::move(callback));
}

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
