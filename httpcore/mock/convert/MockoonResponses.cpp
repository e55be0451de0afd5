#include "httpcore/mock/convert/MockoonResponses.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/RegexText.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::isToken;
using convert::jsonBodyPath;
using convert::quoted;

bool hasHeader(const QList<std::pair<QString, QString>> &headers, const QString &name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

// describeRule spells a Mockoon rule for the report: `header "Authorization" regex "^Bearer"`.
QString describeRule(const QJsonObject &rule)
{
    const QString modifier = rule.value(u"modifier"_s).toString();
    QString text = rule.value(u"target"_s).toString();
    if (!modifier.isEmpty())
        text += u' ' + quoted(modifier);
    text += rule.value(u"invert"_s).toBool() ? u" not "_s : u" "_s;
    text += rule.value(u"operator"_s).toString(u"equals"_s);
    const QString op = rule.value(u"operator"_s).toString();
    if (op != u"null"_s && op != u"empty_array"_s)
        text += u' ' + quoted(rule.value(u"value"_s).toVariant().toString());
    return text;
}

// ruleTarget fills rule.target and rule.name from a Mockoon rule, or returns why it cannot.
QString ruleTarget(const QJsonObject &source, const MockoonResponses::Context &context, Rule &rule)
{
    const QString target = source.value(u"target"_s).toString();
    const QString modifier = source.value(u"modifier"_s).toString();
    if (target == u"body"_s) {
        rule.target = modifier.isEmpty() ? RuleTarget::Body : RuleTarget::JsonBody;
        rule.name = modifier.isEmpty() ? QString() : jsonBodyPath(modifier);
        if (!modifier.isEmpty() && rule.name.isEmpty())
            return u"the body path %1 is not a plain property path"_s.arg(quoted(modifier));
        return {};
    }
    if (target == u"params"_s) {
        const auto name = std::find_if(context.pathNames.cbegin(), context.pathNames.cend(),
                                       [&](const auto &pair) { return pair.first == modifier; });
        if (name == context.pathNames.cend())
            return u"the route has no path parameter %1"_s.arg(quoted(modifier));
        rule.target = RuleTarget::PathValue;
        rule.name = name->second;
        return {};
    }
    if (target == u"query"_s)
        rule.target = RuleTarget::Query;
    else if (target == u"header"_s)
        rule.target = RuleTarget::Header;
    else if (target == u"cookie"_s)
        rule.target = RuleTarget::Cookie;
    else
        return u"Switchboard rules cannot test the %1"_s.arg(target == u"request_number"_s ? u"request number"_s
                                                             : target == u"global_var"_s   ? u"global variables"_s
                                                             : target == u"data_bucket"_s  ? u"data buckets"_s
                                                                                           : u"request's "_s + target);
    if (modifier.isEmpty())
        return u"it names no %1"_s.arg(target);
    rule.name = modifier;
    return {};
}

// ruleOperator fills rule.op and rule.value from a Mockoon rule (invert included), or returns why it cannot.
QString ruleOperator(const QJsonObject &source, Rule &rule)
{
    const QString op = source.value(u"operator"_s).toString(u"equals"_s);
    const bool invert = source.value(u"invert"_s).toBool();
    const QString value = source.value(u"value"_s).toVariant().toString();
    if (op == u"null"_s) {
        rule.op = invert ? RuleOperator::Present : RuleOperator::Absent;
        return {};
    }
    if (op == u"equals"_s) {
        rule.op = invert ? RuleOperator::Regex : RuleOperator::Equals;
        rule.value = invert ? RegexText::notWhole(RegexText::literal(value)) : value;
        return {};
    }
    if (op == u"regex"_s || op == u"regex_i"_s) {
        if (const QString error = RegexText::error(value); !error.isEmpty())
            return u"invalid regular expression: "_s + error;
        rule.op = RuleOperator::Regex;
        rule.value = invert ? RegexText::notAnywhere(value) : value;
        if (op == u"regex_i"_s)
            rule.value = RegexText::caseInsensitive(rule.value);
        return {};
    }
    return u"Switchboard rules have no %1 operator"_s.arg(op);
}

QList<Rule> convertRules(const QJsonArray &rules,
                         const QString &where,
                         const MockoonResponses::Context &context,
                         ImportReport &report)
{
    QList<Rule> result;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject source = rules.at(i).toObject();
        const QString what = u"rule %1 (%2)"_s.arg(i + 1).arg(describeRule(source));
        if (source.contains(u"enabled"_s) && !source.value(u"enabled"_s).toBool(true)) {
            report.info(where, what + u" is disabled in Mockoon: not carried"_s);
            continue;
        }
        Rule rule;
        QString why = ruleTarget(source, context, rule);
        if (why.isEmpty())
            why = ruleOperator(source, rule);
        if (!why.isEmpty()) {
            report.error(where, what + u" not carried: "_s + why);
            continue;
        }
        if (source.value(u"invert"_s).toBool() && source.value(u"operator"_s).toString() != u"null"_s)
            report.info(where, what + u" carried as the regex "_s + quoted(rule.value));
        result.append(rule);
    }
    return result;
}

void convertHeaders(const QJsonArray &headers,
                    const QString &where,
                    const MockoonResponses::Context &context,
                    MockResponse &response,
                    ImportReport &report)
{
    for (const QJsonValue &value : headers) {
        const QString name = value.toObject().value(u"key"_s).toString().trimmed();
        const QString text = value.toObject().value(u"value"_s).toString();
        if (name.isEmpty())
            continue;
        if (!isToken(name)) {
            report.error(where, u"header %1 not carried: its name is not an HTTP token"_s.arg(quoted(name)));
        } else if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0 && response.contentType.isEmpty()) {
            response.contentType = text;
        } else {
            response.headers.append({name, text});
        }
    }
    for (const auto &[name, text] : context.environmentHeaders) {
        if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0) {
            if (response.contentType.isEmpty())
                response.contentType = text;
        } else if (!hasHeader(response.headers, name)) {
            response.headers.append({name, text});
        }
    }
}

// helperNames returns the Handlebars helpers and variables used in text ("urlParam", "faker"), at most five.
QStringList helperNames(const QString &text)
{
    static const QRegularExpression tag(u"\\{\\{\\{?~?\\s*[#/^]?\\s*([A-Za-z_@][\\w.@-]*)"_s);
    QStringList names;
    for (const QRegularExpressionMatch &m : tag.globalMatch(text)) {
        if (!names.contains(m.captured(1)) && names.size() < 5)
            names.append(m.captured(1));
    }
    return names;
}

void convertBody(const QJsonObject &source, const QString &where, MockResponse &response, ImportReport &report)
{
    const QString bodyType = source.value(u"bodyType"_s).toString();
    const QString filePath = source.value(u"filePath"_s).toString();
    if (bodyType == u"FILE"_s || (bodyType.isEmpty() && !filePath.isEmpty())) {
        response.bodyFile = filePath;
        if (filePath.contains(u"{{"_s))
            report.warning(where,
                           u"the file path %1 is a Mockoon template: carried as written"_s.arg(quoted(filePath)));
        if (source.value(u"fallbackTo404"_s).toBool())
            report.warning(where, u"fallbackTo404 not carried: a missing body file is an error, not a 404"_s);
    } else if (bodyType == u"DATABUCKET"_s) {
        report.error(where, u"the data bucket body (%1) not carried: the body is empty"_s.arg(
                                source.value(u"databucketID"_s).toString()));
    } else {
        response.body = source.value(u"body"_s).toString();
    }
    QString templateText = response.body;
    for (const auto &header : response.headers)
        templateText += header.second;
    if (response.templated && templateText.contains(u"{{"_s)) {
        response.templated = false;
        report.warning(where, u"Mockoon (Handlebars) template helpers are not carried (%1): Switchboard's templates "
                              u"are mustache, so the body and headers are served as written"_s.arg(
                                  helperNames(templateText).join(u", "_s)));
    }
}

} // namespace

std::optional<MockResponse>
MockoonResponses::convert(const QJsonObject &source, qsizetype index, const Context &context, ImportReport &report)
{
    const QString where = u"%1, response %2"_s.arg(context.where).arg(index + 1);
    MockResponse response;
    response.status = source.value(u"statusCode"_s).toInt(200);
    if (response.status < 100 || response.status > 599) {
        report.error(where, u"dropped: the status %1 is not from 100 to 599"_s.arg(response.status));
        return std::nullopt;
    }
    response.label = source.value(u"label"_s).toString();
    response.isDefault = source.value(u"default"_s).toBool();
    response.templated = !source.value(u"disableTemplating"_s).toBool();
    convertHeaders(source.value(u"headers"_s).toArray(), where, context, response, report);
    convertBody(source, where, response, report);
    const int latency = source.value(u"latency"_s).toInt() + context.environmentLatency;
    response.delay = Delay{std::max(latency, 0), std::max(latency, 0)};
    const QJsonArray rules = source.value(u"rules"_s).toArray();
    if (context.mode == RouteMode::Rules && context.modeName.isEmpty())
        response.rules = convertRules(rules, where, context, report);
    else if (!rules.isEmpty())
        report.info(
            where,
            u"%1 rule(s) not carried: Mockoon ignores rules in %2 mode"_s.arg(rules.size()).arg(context.modeName));
    // Mockoon's default is OR; without rules the logic means nothing and keeps Switchboard's default.
    if (!response.rules.isEmpty() && source.value(u"rulesOperator"_s).toString() != u"AND"_s)
        response.logic = RuleLogic::AnyOf;
    if (const qsizetype callbacks = source.value(u"callbacks"_s).toArray().size(); callbacks > 0)
        report.error(where, u"%1 callback(s) not carried"_s.arg(callbacks));
    return response;
}

} // namespace mock
