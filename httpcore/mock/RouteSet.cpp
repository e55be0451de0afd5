#include "httpcore/mock/RouteSet.h"

#include <array>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, QLatin1StringView>, N>;

constexpr NameTable<RuleTarget, 6> RuleTargetNames{{{RuleTarget::Query, "query"_L1},
                                                    {RuleTarget::Header, "header"_L1},
                                                    {RuleTarget::PathValue, "pathValue"_L1},
                                                    {RuleTarget::Cookie, "cookie"_L1},
                                                    {RuleTarget::JsonBody, "jsonBody"_L1},
                                                    {RuleTarget::Body, "body"_L1}}};

constexpr NameTable<RuleOperator, 4> RuleOperatorNames{{{RuleOperator::Equals, "equals"_L1},
                                                        {RuleOperator::Regex, "regex"_L1},
                                                        {RuleOperator::Present, "present"_L1},
                                                        {RuleOperator::Absent, "absent"_L1}}};

constexpr NameTable<RuleLogic, 2> RuleLogicNames{{{RuleLogic::AllOf, "allOf"_L1}, {RuleLogic::AnyOf, "anyOf"_L1}}};

constexpr NameTable<FaultKind, 13> FaultKindNames{{{FaultKind::ResetBeforeHeaders, "resetBeforeHeaders"_L1},
                                                   {FaultKind::ResetAfterHeaders, "resetAfterHeaders"_L1},
                                                   {FaultKind::ResetAtBodyByte, "resetAtBodyByte"_L1},
                                                   {FaultKind::EmptyResponse, "emptyResponse"_L1},
                                                   {FaultKind::ContentLengthOver, "contentLengthOver"_L1},
                                                   {FaultKind::ContentLengthUnder, "contentLengthUnder"_L1},
                                                   {FaultKind::MalformedChunk, "malformedChunk"_L1},
                                                   {FaultKind::MissingFinalChunk, "missingFinalChunk"_L1},
                                                   {FaultKind::RandomBytesThenClose, "randomBytesThenClose"_L1},
                                                   {FaultKind::SlowDrip, "slowDrip"_L1},
                                                   {FaultKind::HeadersThenHang, "headersThenHang"_L1},
                                                   {FaultKind::SlowUploadRead, "slowUploadRead"_L1},
                                                   {FaultKind::CloseAfterRequests, "closeAfterRequests"_L1}}};

constexpr NameTable<RouteMode, 3> RouteModeNames{
    {{RouteMode::Rules, "rules"_L1}, {RouteMode::Sequence, "sequence"_L1}, {RouteMode::Random, "random"_L1}}};

template <typename E, size_t N>
QString nameOf(const NameTable<E, N> &table, E value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString(name);
    }
    return {};
}

template <typename E, size_t N>
std::optional<E> valueOf(const NameTable<E, N> &table, QStringView name)
{
    for (const auto &[e, n] : table) {
        if (name == n)
            return e;
    }
    return std::nullopt;
}

} // namespace

QString ruleTargetName(RuleTarget target)
{
    return nameOf(RuleTargetNames, target);
}

std::optional<RuleTarget> ruleTargetFromName(QStringView name)
{
    return valueOf(RuleTargetNames, name);
}

QString ruleOperatorName(RuleOperator op)
{
    return nameOf(RuleOperatorNames, op);
}

std::optional<RuleOperator> ruleOperatorFromName(QStringView name)
{
    return valueOf(RuleOperatorNames, name);
}

QString ruleLogicName(RuleLogic logic)
{
    return nameOf(RuleLogicNames, logic);
}

std::optional<RuleLogic> ruleLogicFromName(QStringView name)
{
    return valueOf(RuleLogicNames, name);
}

QString faultKindName(FaultKind kind)
{
    return nameOf(FaultKindNames, kind);
}

std::optional<FaultKind> faultKindFromName(QStringView name)
{
    return valueOf(FaultKindNames, name);
}

QString routeModeName(RouteMode mode)
{
    return nameOf(RouteModeNames, mode);
}

std::optional<RouteMode> routeModeFromName(QStringView name)
{
    return valueOf(RouteModeNames, name);
}

} // namespace mock
