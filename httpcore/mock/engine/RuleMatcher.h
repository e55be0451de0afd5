#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace mock
{

class RequestData;

// RuleMatcher holds the compiled rules of one response (RouteMode::Rules) and tells whether a request matches
// them. Regexes are compiled (and optimised) once, when the matcher is built; a regex that does not compile is
// reported and its rule never matches.
//
// How a rule reads the request:
//   - Query: every value of the parameter (the rule holds when any value satisfies it; present = the parameter
//     is there, even empty).
//   - Header: every field of that name, case-insensitively, as for Query.
//   - PathValue: the matched pattern's wildcard; present when the pattern has it.
//   - Cookie: every cookie of that name in the Cookie fields.
//   - JsonBody: the value at the dot path (numeric segments index arrays) as jsonText() renders it; absent when the
//     body is not JSON (or was longer than the engine's cap) or the path leads nowhere.
//   - Body: the raw body as UTF-8 text; present when the body is not empty.
// Equals compares exactly (case-sensitively); Regex is an unanchored QRegularExpression match. A response with no
// rules matches nothing (it can still be the default).
//
// Thread affinity: none once built; matches() is const and safe to call concurrently.
class RuleMatcher
{
public:
    RuleMatcher() = default;

    // compile builds the matcher of rules combined with logic; each problem (a bad regex) is appended to problems
    // as a sentence without the route's name.
    static RuleMatcher compile(const QList<Rule> &rules, RuleLogic logic, QStringList &problems);

    // matches tells whether request satisfies the rules (see the class comment).
    bool matches(const RequestData &request) const;
    // needsBody is true when a rule looks at the body, which must then be read before matching.
    bool needsBody() const { return m_needsBody; }
    bool isEmpty() const { return m_rules.empty(); }

private:
    struct CompiledRule
    {
        Rule rule;
        QByteArray name;
        QRegularExpression regex;
        bool valid = true;
    };

    static bool holds(const CompiledRule &rule, const RequestData &request);
    static bool test(const CompiledRule &rule, const QString &value);

    std::vector<CompiledRule> m_rules;
    RuleLogic m_logic = RuleLogic::AllOf;
    bool m_needsBody = false;
};

} // namespace mock
