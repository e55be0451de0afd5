#include "httpcore/KeepAlive.h"

namespace httpcore
{

KeepAlive keepAliveDecision(const KeepAliveInput &input)
{
    if (!input.keepAlivesEnabled || input.shuttingDown || input.requestWantsClose || input.writerMustClose ||
        input.parseError)
        return KeepAlive::Close;
    if (input.bodyComplete)
        return KeepAlive::Reuse;
    // Go issue 11549: after an unanswered 100-continue the client may send the body late or never; the next
    // bytes on the wire are ambiguous.
    if (input.expectContinueUnanswered)
        return KeepAlive::Close;
    // Go's maxPostHandlerReadBytes rule: a body known to be larger than the drain budget is not read.
    if (input.unreadBodyBytes > input.maxDrainBytes)
        return KeepAlive::Close;
    if (input.maxDrainBytes <= 0 && input.unreadBodyBytes != 0)
        return KeepAlive::Close;
    return KeepAlive::DrainThenReuse;
}

const char *keepAliveName(KeepAlive decision)
{
    switch (decision) {
    case KeepAlive::Reuse:
        return "Reuse";
    case KeepAlive::DrainThenReuse:
        return "DrainThenReuse";
    case KeepAlive::Close:
        return "Close";
    }
    return "?";
}

} // namespace httpcore
