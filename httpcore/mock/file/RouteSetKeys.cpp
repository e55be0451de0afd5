#include "httpcore/mock/file/RouteSetKeys.h"

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

QStringList list(std::initializer_list<QStringView> views)
{
    QStringList strings;
    for (const QStringView view : views)
        strings.append(view.toString());
    return strings;
}

QList<ObjectKeys> makeObjectKeys()
{
    return {
        {u"routeSet"_s, list({keys::Format, keys::Name, keys::Server, keys::Proxy, keys::Routes}),
         list({keys::Format})},
        {u"server"_s, list({keys::Host, keys::Port, keys::Workers, keys::Limits, keys::Middleware}), {}},
        {u"limits"_s,
         list({keys::ReadHeaderTimeoutMs, keys::ReadTimeoutMs, keys::WriteTimeoutMs, keys::IdleTimeoutMs,
               keys::MaxHeaderBytes, keys::MaxBodyBytes, keys::KeepAlive}),
         {}},
        {u"middleware"_s, list({keys::Name, keys::Enabled, keys::Settings}), list({keys::Name})},
        {u"proxy"_s, list({keys::Enabled, keys::Upstream, keys::Record}), {}},
        {u"route"_s, list({keys::Id, keys::Pattern, keys::Enabled, keys::Note, keys::Mode, keys::Responses}),
         list({keys::Id, keys::Pattern, keys::Responses})},
        {u"response"_s,
         list({keys::Label, keys::Default, keys::Logic, keys::Rules, keys::Status, keys::Headers, keys::ContentType,
               keys::Body, keys::BodyFile, keys::Templated, keys::Delay, keys::Fault}),
         {}},
        {u"header"_s, list({keys::Name, keys::Value}), list({keys::Name, keys::Value})},
        {u"delay"_s, list({keys::MinMs, keys::MaxMs}), list({keys::MinMs, keys::MaxMs})},
        {u"rule"_s, list({keys::Target, keys::Name, keys::Operator, keys::Value}), list({keys::Target})},
        {u"fault"_s,
         list({keys::Kind, keys::Probability, keys::Seed, keys::AtByte, keys::BytesPerSecond, keys::JitterPercent,
               keys::AfterRequests}),
         list({keys::Kind})},
    };
}

} // namespace

const QList<ObjectKeys> &routeSetObjectKeys()
{
    static const QList<ObjectKeys> objects = makeObjectKeys();
    return objects;
}

const ObjectKeys &objectKeysOf(QStringView kind)
{
    const QList<ObjectKeys> &objects = routeSetObjectKeys();
    for (const ObjectKeys &object : objects) {
        if (object.kind == kind)
            return object;
    }
    Q_UNREACHABLE();
    return objects.first();
}

QList<QStringView> faultParameterKeys(FaultKind kind)
{
    switch (kind) {
    case FaultKind::ResetAtBodyByte:
        return {keys::AtByte};
    case FaultKind::SlowDrip:
        return {keys::BytesPerSecond, keys::JitterPercent};
    case FaultKind::SlowUploadRead:
        return {keys::BytesPerSecond};
    case FaultKind::CloseAfterRequests:
        return {keys::AfterRequests};
    case FaultKind::ResetBeforeHeaders:
    case FaultKind::ResetAfterHeaders:
    case FaultKind::EmptyResponse:
    case FaultKind::ContentLengthOver:
    case FaultKind::ContentLengthUnder:
    case FaultKind::MalformedChunk:
    case FaultKind::MissingFinalChunk:
    case FaultKind::RandomBytesThenClose:
    case FaultKind::HeadersThenHang:
        break;
    }
    return {};
}

bool ruleUsesName(RuleTarget target)
{
    return target != RuleTarget::Body;
}

bool ruleUsesValue(RuleOperator op)
{
    return op == RuleOperator::Equals || op == RuleOperator::Regex;
}

} // namespace mock
