#pragma once

#include "httpcore/Expected.h"
#include "httpcore/Header.h"
#include "httpcore/mock/engine/Exchange.h"

#include <QString>

#include <memory>

namespace mock
{

class BodySource;

// PreparedResponse is a chosen response made concrete for one request: templates rendered, body file opened.
struct PreparedResponse
{
    int status = 200;
    // header: the response's fields in order (values rendered), plus Content-Type from the response's contentType
    // when no field sets it.
    httpcore::Header header;
    std::shared_ptr<BodySource> body;
};

// prepareResponse renders ex's chosen response. The error is a sentence naming the route, the response and the
// problem (a template that does not parse or render, a body file that cannot be opened).
[[nodiscard]] httpcore::Expected<PreparedResponse, QString> prepareResponse(const Exchange &ex);

// answer answers ex with its chosen response: prepared, then through the response's fault when it fires for this
// request (a wire fault over the taken-over connection, a slow drip, a closing keep-alive), else normally. A
// preparation error is reported to the route's sink and answered 500. Call once the delay is over.
void answer(const ExchangePtr &ex);

} // namespace mock
