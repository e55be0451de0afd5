#include "httpcore/mock/engine/Exchange.h"

#include "httpcore/RequestBody.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace mock
{

QString Exchange::describe() const
{
    QString text = u"route \"%1\""_s.arg(route->id);
    if (responseIndex >= 0) {
        text += u", response %1"_s.arg(responseIndex + 1);
        if (!response().label.isEmpty())
            text += u" (\"%1\")"_s.arg(response().label);
    }
    return text;
}

int selectResponse(const Exchange &ex)
{
    const CompiledRoute &route = *ex.route;
    const auto count = int(route.responses.size());
    if (count == 0)
        return -1;
    switch (route.mode) {
    case RouteMode::Rules: {
        int fallback = -1;
        for (int i = 0; i < count; ++i) {
            const CompiledResponse &response = route.responses.at(size_t(i));
            if (response.rules.matches(ex.data))
                return i;
            if (response.isDefault && fallback < 0)
                fallback = i;
        }
        return fallback >= 0 ? fallback : 0;
    }
    case RouteMode::Sequence:
        return int(route.nextInSequence.fetch_add(1, std::memory_order_relaxed) % quint64(count));
    case RouteMode::Random:
        return int(QRandomGenerator::global()->bounded(count));
    }
    return 0;
}

void readBody(const ExchangePtr &ex, ExchangeStep next)
{
    const std::shared_ptr<httpcore::RequestBody> body = ex->data.request().body;
    if (!body || !ex->data.hasUnreadBody()) {
        next(ex);
        return;
    }
    body->readAll(ex->route->maxBodyBytes, [ex, next = std::move(next)](QByteArray bytes, bool truncated) {
        ex->data.setBody(std::move(bytes), truncated);
        next(ex);
    });
}

void answerError(const httpcore::ResponsePtr &w, const QString &message)
{
    if (w->isFinished())
        return;
    if (w->status() == 0) {
        w->header().clear();
        w->header().set("Content-Type", "text/plain; charset=utf-8");
        w->header().set("Cache-Control", "no-store");
        w->writeHeader(500);
        w->write(message.toUtf8() + '\n');
    }
    w->finish();
}

} // namespace mock
