#pragma once

#include "httpcore/Journey.h"
#include "httpcore/middleware/CapturedExchange.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

namespace ui
{

// RequestRecord is one row of the request log: the journey of a finished exchange and, when the capture
// middleware saw it, its captured dumps. A plain value; lives on the GUI thread.
struct RequestRecord
{
    quint64 connectionId = 0;
    quint64 sequence = 0;
    // time is the wall-clock time the request's first byte arrived, in UTC (views convert to local time).
    QDateTime time;
    QString method;
    QString target;
    int status = 0;
    // durationMs runs from the first request byte to the response's completion (milliseconds).
    double durationMs = 0.0;
    // route is the pattern that answered (empty: none matched).
    QString route;
    // middleware lists the middleware the request passed through, outermost first.
    QStringList middleware;
    // journey is the server's record (never null in the log).
    httpcore::JourneyPtr journey;
    // capture is the capture middleware's record (null when none was made or it was dropped).
    std::shared_ptr<const httpcore::CapturedExchange> capture;
};

} // namespace ui
