#pragma once

#include <QDateTime>
#include <QString>

#include <memory>

#include <kainjow/mustache.hpp>

namespace mock
{

class RequestData;

// TemplateData is the data one answer's templates are rendered with (kainjow mustache data), built once per
// answer from the request. The names a template can use:
//
//   request.method            "GET"
//   request.path              the decoded path, "/users/42"
//   request.host              the Host the request was sent to
//   request.query.NAME        the first value of query parameter NAME
//   request.headers.NAME      the header field NAME in lower case ("request.headers.user-agent"); repeated
//                             fields joined with ", "
//   request.cookies.NAME      the cookie NAME
//   request.body              the raw body text (read up to the engine's cap)
//   request.json.PATH         the JSON body as nested data: "request.json.user.name", arrays by index
//                             ("request.json.items.0.id") or as sections ({{#request.json.items}}{{id}}{{/...}});
//                             numbers print without a needless fraction, booleans print true/false, null is
//                             empty and false
//   pathValues.NAME           the wildcard NAME of the route's pattern ("/users/{id}" -> pathValues.id)
//   now.iso                   the time of the answer in UTC, ISO 8601 with milliseconds, "2024-05-01T12:00:00.123Z"
//   now.unix, now.unixMs      seconds / milliseconds since 1970
//   now.date, now.time        "2024-05-01", "12:00:00" (UTC)
//   now.http                  an HTTP date, "Wed, 01 May 2024 12:00:00 GMT"
//   {{#now.format}}F{{/now.format}}
//                             the time in UTC in Qt's QDateTime format F ("yyyy-MM-dd HH:mm", "dddd")
//   uuid                      a fresh random (version 4) UUID at each use, "8c0e...-...."
//   randomInt                 a random integer, 0..100 inclusive; {{#randomInt}}MIN-MAX{{/randomInt}} for a range
//                             (also "MIN..MAX" or "MIN,MAX"; negative bounds allowed)
//   randomFloat               a random number in [0, 1); {{#randomFloat}}1.5-9.99{{/randomFloat}} for a range,
//                             printed with as many decimals as the bounds have (at least 2)
//   counter                   this route's request count, 1 for its first request (per snapshot)
//   {{#jsonEscape}}T{{/jsonEscape}}
//                             T rendered, then escaped for use inside a JSON string ("\"", "\\", control chars)
//
// Values are inserted as they are: the engine turns mustache's HTML escaping off (mock bodies are mostly JSON),
// so {{x}} and {{{x}}} are the same. Unknown names render as nothing, as mustache specifies. A range a helper
// cannot read is a render error (see error()).
//
// Thread affinity: the worker thread answering; not thread-safe.
class TemplateData
{
public:
    // TemplateData builds the data of request. counter is the route's request count; withBody adds request.body
    // and request.json (only worth it when a template uses them). now defaults to the current time.
    TemplateData(const RequestData &request, quint64 counter, bool withBody, QDateTime now = {});

    const kainjow::mustache::data &root() const { return m_root; }
    // error returns what a helper (randomInt, randomFloat) could not do during the last render, or an empty string.
    QString error() const { return *m_error; }
    void clearError() { m_error->clear(); }

private:
    kainjow::mustache::data m_root;
    std::shared_ptr<QString> m_error;
};

} // namespace mock
