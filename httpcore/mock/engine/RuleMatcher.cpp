#include "httpcore/mock/engine/RuleMatcher.h"

#include "httpcore/mock/engine/RequestData.h"

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

// values returns the candidates a rule tests, or an empty list when the thing it looks at is absent.
QStringList candidates(const Rule &rule, QByteArrayView name, const RequestData &request)
{
    QStringList out;
    switch (rule.target) {
    case RuleTarget::Query:
        for (const QByteArray &value : request.query().values(name))
            out.append(QString::fromUtf8(value));
        break;
    case RuleTarget::Header:
        for (QByteArrayView value : request.request().header.values(name))
            out.append(QString::fromUtf8(value));
        break;
    case RuleTarget::PathValue:
        if (const std::optional<QByteArray> value = request.pathValue(name))
            out.append(QString::fromUtf8(*value));
        break;
    case RuleTarget::Cookie:
        for (const auto &[key, value] : request.cookies()) {
            if (key == name)
                out.append(QString::fromUtf8(value));
        }
        break;
    case RuleTarget::JsonBody:
        if (const std::optional<QJsonValue> value = jsonAt(request.json(), rule.name))
            out.append(jsonText(*value));
        break;
    case RuleTarget::Body:
        if (!request.body().isEmpty())
            out.append(QString::fromUtf8(request.body()));
        break;
    }
    return out;
}

} // namespace

RuleMatcher RuleMatcher::compile(const QList<Rule> &rules, RuleLogic logic, QStringList &problems)
{
    RuleMatcher matcher;
    matcher.m_logic = logic;
    for (const Rule &rule : rules) {
        CompiledRule compiled;
        compiled.rule = rule;
        compiled.name = rule.name.toUtf8();
        if (rule.op == RuleOperator::Regex) {
            compiled.regex = QRegularExpression(rule.value);
            if (!compiled.regex.isValid()) {
                compiled.valid = false;
                problems.append(u"the regex \"%1\" of a %2 rule does not compile: %3 (at offset %4); the rule never "
                                "matches"_s.arg(rule.value, ruleTargetName(rule.target), compiled.regex.errorString())
                                    .arg(compiled.regex.patternErrorOffset()));
            } else {
                // Compiled and optimised now, so concurrent matching only reads it.
                compiled.regex.optimize();
            }
        }
        if (rule.target == RuleTarget::JsonBody || rule.target == RuleTarget::Body)
            matcher.m_needsBody = true;
        matcher.m_rules.push_back(std::move(compiled));
    }
    return matcher;
}

bool RuleMatcher::matches(const RequestData &request) const
{
    if (m_rules.empty())
        return false;
    const auto holdsFor = [&request](const CompiledRule &rule) { return holds(rule, request); };
    switch (m_logic) {
    case RuleLogic::AllOf:
        return std::all_of(m_rules.begin(), m_rules.end(), holdsFor);
    case RuleLogic::AnyOf:
        return std::any_of(m_rules.begin(), m_rules.end(), holdsFor);
    }
    return false;
}

bool RuleMatcher::holds(const CompiledRule &rule, const RequestData &request)
{
    if (!rule.valid)
        return false;
    const QStringList values = candidates(rule.rule, rule.name, request);
    switch (rule.rule.op) {
    case RuleOperator::Present:
        return !values.isEmpty();
    case RuleOperator::Absent:
        return values.isEmpty();
    case RuleOperator::Equals:
    case RuleOperator::Regex:
        return std::any_of(values.begin(), values.end(), [&rule](const QString &value) { return test(rule, value); });
    }
    return false;
}

bool RuleMatcher::test(const CompiledRule &rule, const QString &value)
{
    if (rule.rule.op == RuleOperator::Equals)
        return value == rule.rule.value;
    return rule.regex.match(value).hasMatch();
}

} // namespace mock
