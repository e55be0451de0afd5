#include "httpcore/mock/convert/WireMockMatchers.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/DocumentWriter.h"
#include "httpcore/mock/convert/KeyOrder.h"
#include "httpcore/mock/convert/RegexText.h"

#include <QJsonArray>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;

// MaxJsonRules bounds the rules one equalToJson turns into.
constexpr qsizetype MaxJsonRules = 64;

Rule makeRule(RuleTarget target, const QString &name, RuleOperator op, const QString &value = {})
{
    return Rule{target, name, op, value};
}

// valueRules converts one value matcher ({"equalTo": "x"}, {"matches": "re"}...) on target/name; it returns
// nothing when the matcher cannot be carried, with why set to the operator that could not.
std::optional<QList<Rule>> valueRules(const QJsonValue &matcher, RuleTarget target, const QString &name, QString &why)
{
    const QJsonObject m = matcher.toObject();
    auto regex = [&](const QString &pattern) -> std::optional<QList<Rule>> {
        return QList<Rule>{makeRule(target, name, RuleOperator::Regex, pattern)};
    };
    if (matcher.isString())
        return QList<Rule>{makeRule(target, name, RuleOperator::Equals, matcher.toString())};
    for (const QString &key : {u"matches"_s, u"doesNotMatch"_s}) {
        if (m.contains(key) && !RegexText::error(m.value(key).toString()).isEmpty()) {
            why = u"%1 with an invalid regular expression (%2)"_s.arg(key, RegexText::error(m.value(key).toString()));
            return std::nullopt;
        }
    }
    if (m.contains(u"equalTo"_s)) {
        const QString value = DocumentWriter::toText(m.value(u"equalTo"_s));
        if (m.value(u"caseInsensitive"_s).toBool())
            return regex(RegexText::equals(value, true));
        return QList<Rule>{makeRule(target, name, RuleOperator::Equals, value)};
    }
    if (m.contains(u"matches"_s))
        return regex(RegexText::whole(m.value(u"matches"_s).toString()));
    if (m.contains(u"doesNotMatch"_s))
        return regex(RegexText::notWhole(m.value(u"doesNotMatch"_s).toString()));
    if (m.contains(u"contains"_s))
        return regex(RegexText::literal(m.value(u"contains"_s).toString()));
    if (m.contains(u"doesNotContain"_s))
        return regex(RegexText::notAnywhere(RegexText::literal(m.value(u"doesNotContain"_s).toString())));
    if (m.contains(u"absent"_s)) {
        const bool absent = m.value(u"absent"_s).toBool();
        return QList<Rule>{makeRule(target, name, absent ? RuleOperator::Absent : RuleOperator::Present)};
    }
    if (m.value(u"and"_s).isArray()) {
        QList<Rule> rules;
        for (const QJsonValue &part : m.value(u"and"_s).toArray()) {
            std::optional<QList<Rule>> partRules = valueRules(part, target, name, why);
            if (!partRules)
                return std::nullopt;
            rules += *partRules;
        }
        return rules;
    }
    const QStringList keys = KeyOrder::keys(m);
    why = keys.isEmpty() ? u"an empty matcher"_s : keys.first();
    return std::nullopt;
}

void convertMap(const QJsonObject &matchers,
                RuleTarget target,
                const QString &what,
                const QString &where,
                QList<Rule> &rules,
                ImportReport &report)
{
    for (const QString &name : KeyOrder::keys(matchers)) {
        QString why;
        if (std::optional<QList<Rule>> converted = valueRules(matchers.value(name), target, name, why))
            rules += *converted;
        else
            report.error(where, u"the %1 matcher on %2 (%3) is not carried"_s.arg(what, quoted(name), why));
    }
}

// flattenJson appends one rule per leaf of expected (at path) to rules; it returns an empty string or why a leaf
// cannot be tested.
QString flattenJson(const QJsonValue &expected, const QString &path, QList<Rule> &rules)
{
    if (rules.size() > MaxJsonRules)
        return u"more than %1 fields"_s.arg(MaxJsonRules);
    if (expected.isObject() || expected.isArray()) {
        const QJsonObject object = expected.toObject();
        const QJsonArray array = expected.toArray();
        const QStringList keys = expected.isObject() ? KeyOrder::keys(object) : QStringList();
        const qsizetype count = expected.isObject() ? keys.size() : array.size();
        if (count == 0)
            return u"the empty %1 at %2"_s.arg(expected.isObject() ? u"object"_s : u"array"_s,
                                               path.isEmpty() ? u"the top"_s : quoted(path));
        for (qsizetype i = 0; i < count; ++i) {
            const QString key = expected.isObject() ? keys[i] : QString::number(i);
            const QString childPath = path.isEmpty() ? key : path + u'.' + key;
            const QJsonValue child = expected.isObject() ? object.value(key) : array.at(i);
            if (QString why = flattenJson(child, childPath, rules); !why.isEmpty())
                return why;
        }
        return {};
    }
    // The rule engine reads a JSON null as the text "null".
    const QString text = expected.isNull() ? u"null"_s : DocumentWriter::toText(expected);
    if (text == u"${json-unit.ignore}"_s)
        return {};
    if (text.startsWith(u"${json-unit.any-"_s))
        rules.append(makeRule(RuleTarget::JsonBody, path, RuleOperator::Present));
    else
        rules.append(makeRule(RuleTarget::JsonBody, path, RuleOperator::Equals, text));
    return {};
}

void convertEqualToJson(const QJsonObject &pattern, const QString &where, QList<Rule> &rules, ImportReport &report)
{
    QJsonValue expected = pattern.value(u"equalToJson"_s);
    if (expected.isString()) {
        httpcore::Expected<QJsonValue, QString> parsed = DocumentReader::readJson(expected.toString().toUtf8());
        if (!parsed) {
            report.error(where, u"the equalToJson body matcher is not carried: "_s + parsed.error());
            return;
        }
        expected = *parsed;
    }
    QList<Rule> fields;
    if (const QString why = flattenJson(expected, {}, fields); !why.isEmpty() || fields.isEmpty()) {
        report.error(where, u"the equalToJson body matcher is not carried: it has %1"_s.arg(
                                why.isEmpty() ? u"no field to test"_s : why));
        return;
    }
    rules += fields;
    QString message = u"the equalToJson body matcher became %1 JSON body field rule(s)"_s.arg(fields.size());
    if (pattern.value(u"ignoreExtraElements"_s).toBool()) {
        report.info(where, message);
        return;
    }
    report.warning(where, message + u": a body with extra fields also matches"_s);
}

void convertJsonPath(const QJsonValue &value, const QString &where, QList<Rule> &rules, ImportReport &report)
{
    const QString expression = value.isString() ? value.toString() : value.toObject().value(u"expression"_s).toString();
    const QString path = convert::jsonBodyPath(expression);
    if (path.isEmpty()) {
        report.error(where, u"the matchesJsonPath body matcher %1 is not carried: only plain paths are"_s.arg(
                                quoted(expression)));
        return;
    }
    if (value.isString()) {
        rules.append(makeRule(RuleTarget::JsonBody, path, RuleOperator::Present));
        return;
    }
    QJsonObject matcher = value.toObject();
    matcher.remove(u"expression"_s);
    QString why;
    if (std::optional<QList<Rule>> converted = valueRules(matcher, RuleTarget::JsonBody, path, why))
        rules += *converted;
    else
        report.error(where,
                     u"the matchesJsonPath body matcher on %1 (%2) is not carried"_s.arg(quoted(expression), why));
}

void convertBodyPatterns(const QJsonArray &patterns, const QString &where, QList<Rule> &rules, ImportReport &report)
{
    for (const QJsonValue &value : patterns) {
        const QJsonObject pattern = value.toObject();
        if (pattern.contains(u"equalToJson"_s)) {
            convertEqualToJson(pattern, where, rules, report);
        } else if (pattern.contains(u"matchesJsonPath"_s)) {
            convertJsonPath(pattern.value(u"matchesJsonPath"_s), where, rules, report);
        } else {
            QString why;
            if (std::optional<QList<Rule>> converted = valueRules(pattern, RuleTarget::Body, {}, why))
                rules += *converted;
            else
                report.error(where, u"the %1 body matcher is not carried"_s.arg(why));
        }
    }
}

void convertBasicAuth(const QJsonObject &credentials, const QString &where, QList<Rule> &rules, ImportReport &report)
{
    const QString pair =
        credentials.value(u"username"_s).toString() + u':' + credentials.value(u"password"_s).toString();
    const QString value = u"Basic "_s + QString::fromLatin1(pair.toUtf8().toBase64());
    rules.append(makeRule(RuleTarget::Header, u"Authorization"_s, RuleOperator::Equals, value));
    report.info(where, u"basicAuthCredentials became the rule: header Authorization equals %1"_s.arg(quoted(value)));
}

} // namespace

QList<Rule> WireMockMatchers::convert(const QJsonObject &request,
                                      const QList<std::pair<QString, QString>> &pathNames,
                                      const QString &where,
                                      ImportReport &report)
{
    QList<Rule> rules;
    convertMap(request.value(u"queryParameters"_s).toObject(), RuleTarget::Query, u"query"_s, where, rules, report);
    convertMap(request.value(u"headers"_s).toObject(), RuleTarget::Header, u"header"_s, where, rules, report);
    convertMap(request.value(u"cookies"_s).toObject(), RuleTarget::Cookie, u"cookie"_s, where, rules, report);
    const QJsonObject pathParameters = request.value(u"pathParameters"_s).toObject();
    QJsonObject byWildcard;
    for (const QString &name : KeyOrder::keys(pathParameters)) {
        const auto mapped =
            std::find_if(pathNames.cbegin(), pathNames.cend(), [&](const auto &pair) { return pair.first == name; });
        if (mapped == pathNames.cend())
            report.error(where, u"the path parameter matcher on %1 is not carried: the template has no such "
                                u"variable"_s.arg(quoted(name)));
        else
            KeyOrder::insert(byWildcard, mapped->second, pathParameters.value(name));
    }
    convertMap(byWildcard, RuleTarget::PathValue, u"path parameter"_s, where, rules, report);
    if (request.value(u"basicAuthCredentials"_s).isObject())
        convertBasicAuth(request.value(u"basicAuthCredentials"_s).toObject(), where, rules, report);
    convertBodyPatterns(request.value(u"bodyPatterns"_s).toArray(), where, rules, report);
    for (const QString &key : {u"formParameters"_s, u"multipartPatterns"_s, u"host"_s, u"port"_s, u"scheme"_s,
                               u"clientIp"_s, u"customMatcher"_s}) {
        if (request.contains(key))
            report.error(where, u"the %1 matcher is not carried"_s.arg(key));
    }
    // Two matchers may say the same thing (equalToJson's "any" placeholder and matchesJsonPath on one field).
    QList<Rule> unique;
    for (const Rule &rule : rules) {
        if (!unique.contains(rule))
            unique.append(rule);
    }
    return unique;
}

} // namespace mock
