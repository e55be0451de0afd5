// fuzz_template parses arbitrary text as a mock response template (MockTemplate, kainjow mustache) and renders it
// with the data of one fixed request (a JSON body, a query, repeated headers, cookies, path values, a fixed
// time), with a hard trap on any violation (so libFuzzer and the plain replay driver both stop on it).
//
// Input: the template text, UTF-8 (invalid bytes become U+FFFD). A corpus file is a plain template:
//
//     {"hello": "{{pathValues.name}}", "first": {{request.json.items.0.id}}}
//
// Checked: parse() and render() never crash or hang (render errors are results, not crashes); a failed parse
// or render says why; and when the template names none of the random helpers (uuid, randomInt, randomFloat),
// rendering is deterministic: the same data renders the same twice, and data built with the body renders the
// same as data built without it when usesBody() is false (the engine reads the body only for a template whose
// usesBody() is true, so a template that reaches request.body or request.json without usesBody() would render
// them empty when served).

#include "httpcore/Request.h"
#include "httpcore/Url.h"
#include "httpcore/mock/engine/MockTemplate.h"
#include "httpcore/mock/engine/RequestData.h"
#include "httpcore/mock/engine/TemplateData.h"

#include <QByteArray>
#include <QDateTime>
#include <QRegularExpression>
#include <QString>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace mock;

namespace
{

// check traps on a broken invariant: a crash is what both libFuzzer and the replay driver report.
inline void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// MaxListSections bounds how often a template may name the two-element list: each nested section over it
// doubles the output, so a few hundred nested sections are a template that never finishes by design (mustache
// has no bound on its output), not a finding.
constexpr qsizetype MaxListSections = 10;

// requestData is the fixed request every template is rendered with (the names of TemplateData).
const RequestData &requestData()
{
    static const RequestData data = [] {
        httpcore::Request r;
        r.method = "POST";
        r.target = "/t/bob/a/b%2Fc?k=v%20w&k=second&empty=&json=%7B%7D";
        const httpcore::Expected<httpcore::Url, httpcore::HttpError> url =
            httpcore::Url::parseRequestTarget(r.target, r.method);
        check(url.hasValue());
        r.url = *url;
        r.host = "test.example";
        r.header.add("Host", "test.example");
        r.header.add("X-Thing", "one");
        r.header.add("X-Thing", "two");
        r.header.add("Cookie", "sid=abc; theme=\"dark\"");
        r.header.add("Cookie", "lang=en");
        r.header.add("Content-Type", "application/json");
        r.pathValues = {{"name", "bob"}, {"rest", "a/b/c"}};
        RequestData request(r);
        request.setBody(
            QByteArrayLiteral(R"({"user": {"name": "Ada", "admin": true, "age": 36, "nick": null, "tags": ["x"]},)"
                              R"( "items": [{"id": 7, "ok": false}, {"id": 9, "ok": true}], "pi": 3.25,)"
                              R"( "text": "line\n\"quoted\" <b>&amp;</b>", "empty": {}, "none": []})"),
            false);
        return request;
    }();
    return data;
}

const QDateTime &fixedNow()
{
    static const QDateTime now(QDate(2026, 12, 6), QTime(12, 34, 56, 789), QTimeZone::utc());
    return now;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString source = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const httpcore::Expected<MockTemplate, QString> parsed = MockTemplate::parse(source);
    if (!parsed) {
        check(!parsed.error().isEmpty());
        return 0;
    }
    if (source.count(QStringLiteral("items")) > MaxListSections)
        return 0;
    const MockTemplate &tmpl = *parsed;
    const RequestData &request = requestData();

    // As the engine renders: the body only when the template uses it.
    TemplateData engineData(request, 7, tmpl.usesBody(), fixedNow());
    const httpcore::Expected<QByteArray, QString> first = tmpl.render(engineData);
    check(first.hasValue() || !first.error().isEmpty());
    const httpcore::Expected<QByteArray, QString> second = tmpl.render(engineData);
    check(second.hasValue() || !second.error().isEmpty());
    TemplateData fullData(request, 7, true, fixedNow());
    const httpcore::Expected<QByteArray, QString> full = tmpl.render(fullData);
    check(full.hasValue() || !full.error().isEmpty());

    const bool random = source.contains(QStringLiteral("uuid")) || source.contains(QStringLiteral("random"));
    if (random)
        return 0;
    check(first == second);
    check(first == full);
    return 0;
}
