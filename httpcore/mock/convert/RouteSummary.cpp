#include "httpcore/mock/convert/RouteSummary.h"

#include "httpcore/mock/convert/DocumentWriter.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

QString json(const QString &text)
{
    return QString::fromUtf8(DocumentWriter::toJson(text));
}

QString fault(const Fault &fault)
{
    QString text = u"fault="_s + faultKindName(fault.kind);
    if (fault.probability != 1.0)
        text += u" probability="_s + QString::number(fault.probability, 'g', QLocale::FloatingPointShortest);
    if (fault.seed)
        text += u" seed="_s + QString::number(*fault.seed);
    const Fault defaults;
    if (fault.atByte != defaults.atByte)
        text += u" atByte="_s + QString::number(fault.atByte);
    if (fault.bytesPerSecond != defaults.bytesPerSecond)
        text += u" bytesPerSecond="_s + QString::number(fault.bytesPerSecond);
    if (fault.jitterPercent != defaults.jitterPercent)
        text += u" jitterPercent="_s + QString::number(fault.jitterPercent);
    if (fault.afterRequests != defaults.afterRequests)
        text += u" afterRequests="_s + QString::number(fault.afterRequests);
    return text;
}

} // namespace

QString RouteSummary::rule(const Rule &rule)
{
    QString text = ruleTargetName(rule.target);
    if (rule.target != RuleTarget::Body || !rule.name.isEmpty())
        text += u' ' + json(rule.name);
    text += u' ' + ruleOperatorName(rule.op);
    if (rule.op == RuleOperator::Equals || rule.op == RuleOperator::Regex || !rule.value.isEmpty())
        text += u' ' + json(rule.value);
    return text;
}

QString RouteSummary::response(const MockResponse &response)
{
    QStringList parts{QString::number(response.status)};
    if (!response.label.isEmpty())
        parts.append(json(response.label));
    if (response.isDefault)
        parts.append(u"default"_s);
    if (!response.contentType.isEmpty())
        parts.append(u"type="_s + response.contentType);
    for (const auto &[name, value] : response.headers)
        parts.append(u"header "_s + name + u'=' + json(value));
    if (!response.body.isEmpty())
        parts.append(u"body="_s + json(response.body));
    if (!response.bodyFile.isEmpty())
        parts.append(u"file="_s + json(response.bodyFile));
    if (!response.delay.isZero())
        parts.append(u"delay=%1..%2"_s.arg(response.delay.minMs).arg(response.delay.maxMs));
    if (response.templated)
        parts.append(u"templated"_s);
    if (response.fault)
        parts.append(fault(*response.fault));
    return parts.join(u' ');
}

QStringList RouteSummary::lines(const Route &route)
{
    QString head = u"route %1: %2"_s.arg(route.id, route.pattern);
    if (!route.enabled)
        head += u" disabled"_s;
    if (route.mode != RouteMode::Rules)
        head += u" mode="_s + routeModeName(route.mode);
    if (!route.note.isEmpty())
        head += u" note="_s + json(route.note);
    QStringList lines{head};
    for (qsizetype i = 0; i < route.responses.size(); ++i) {
        const MockResponse &response = route.responses[i];
        lines.append(u"  response %1: %2"_s.arg(i + 1).arg(RouteSummary::response(response)));
        if (response.rules.isEmpty())
            continue;
        QStringList rules;
        for (const Rule &rule : response.rules)
            rules.append(RouteSummary::rule(rule));
        lines.append(u"    rules %1: %2"_s.arg(ruleLogicName(response.logic), rules.join(u"; "_s)));
    }
    return lines;
}

} // namespace mock
