#include "httpcore/mock/engine/CompiledRoute.h"

#include "httpcore/mock/engine/MockHandler.h"

#include <QDir>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace mock
{

Q_LOGGING_CATEGORY(lcEngine, "switchboard.mock.engine", QtInfoMsg)

namespace
{

// compileText prepares text; where is how problems name it ("the body", "header X").
TemplatedText compileText(const QString &text, bool templated, const QString &where, QStringList &problems)
{
    TemplatedText out;
    if (!templated || !MockTemplate::isTemplate(text)) {
        out.literal = text.toUtf8();
        return out;
    }
    auto parsed = MockTemplate::parse(text);
    if (parsed) {
        out.tmpl = std::move(parsed.value());
    } else {
        out.error = u"the template of %1 does not parse: %2"_s.arg(where, parsed.error());
        problems.append(out.error);
    }
    return out;
}

bool isTemplated(const TemplatedText &text)
{
    return text.tmpl.has_value() || !text.error.isEmpty();
}

CompiledResponse compileResponse(const MockResponse &response, const QDir &base, QStringList &problems)
{
    CompiledResponse out;
    out.label = response.label;
    out.status = response.status;
    out.contentType = response.contentType.toUtf8();
    for (const auto &[name, value] : response.headers) {
        TemplatedText text = compileText(value, response.templated, u"header %1"_s.arg(name), problems);
        out.hasTemplates = out.hasTemplates || isTemplated(text);
        out.needsBody = out.needsBody || (text.tmpl && text.tmpl->usesBody());
        out.headers.append({name.toUtf8(), std::move(text)});
    }
    if (!response.bodyFile.isEmpty()) {
        // Only inline bodies are templates: a file is streamed as it is on disk.
        out.bodyFile = QDir::cleanPath(base.absoluteFilePath(response.bodyFile));
    } else {
        out.body = compileText(response.body, response.templated, u"the body"_s, problems);
        out.hasTemplates = out.hasTemplates || isTemplated(out.body);
        out.needsBody = out.needsBody || (out.body.tmpl && out.body.tmpl->usesBody());
    }
    out.delay = response.delay;
    out.rules = RuleMatcher::compile(response.rules, response.logic, problems);
    out.isDefault = response.isDefault;
    out.fault = response.fault;
    if (response.fault)
        out.dice = std::make_unique<FaultDice>(*response.fault);
    return out;
}

QString responseName(const MockResponse &response, qsizetype index)
{
    if (response.label.isEmpty())
        return u"response %1"_s.arg(index + 1);
    return u"response %1 (\"%2\")"_s.arg(index + 1).arg(response.label);
}

} // namespace

std::shared_ptr<CompiledRoute>
CompiledRoute::compile(const Route &route, const MockHandlerOptions &options, QList<EngineProblem> &problems)
{
    auto compiled = std::make_shared<CompiledRoute>();
    compiled->id = route.id;
    compiled->pattern = route.pattern;
    compiled->mode = route.mode;
    compiled->maxBodyBytes = options.maxBodyBytes;
    compiled->errorSink = options.errorSink;
    const QDir base(options.baseDirectory.isEmpty() ? QDir::currentPath() : options.baseDirectory);
    for (qsizetype i = 0; i < route.responses.size(); ++i) {
        QStringList found;
        compiled->responses.push_back(compileResponse(route.responses.at(i), base, found));
        compiled->rulesNeedBody = compiled->rulesNeedBody || compiled->responses.back().rules.needsBody();
        for (const QString &problem : found) {
            problems.append(EngineProblem{
                route.id, u"route %1, %2: %3"_s.arg(route.id, responseName(route.responses.at(i), i), problem)});
        }
    }
    if (route.responses.isEmpty())
        problems.append(EngineProblem{route.id, u"route %1 has no responses; it answers 500"_s.arg(route.id)});
    return compiled;
}

void CompiledRoute::report(const QString &message) const
{
    qCWarning(lcEngine).noquote() << message;
    if (errorSink)
        errorSink(EngineProblem{id, message});
}

} // namespace mock
