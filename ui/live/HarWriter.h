#pragma once

#include "ui/live/RequestRecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ui
{

// HarWriter exports logged requests as an HTTP Archive, HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/):
// log.version "1.2", log.creator (Switchboard and the application version), and one entry per record, oldest
// first, with the request (method, absolute URL, version, headers, query string, cookies, postData when it had a
// body), the response (status, headers, cookies, content as text or base64, redirect URL), an empty cache, and
// timings derived from the journey as the server saw them:
//
//   send     first byte -> head parsed, or body complete when the body was read
//   wait     end of send -> first response byte
//   receive  first response byte -> response complete
//   blocked, dns, connect, ssl: -1 (not visible on the server side); time is send + wait + receive.
//
// postData.text is the request body as the capture kept it (requestBody), base64 with "encoding": "base64" when it
// is not text (as for content; HAR 1.2 names the field for content only, readers that know it use it for both).
// request.bodySize is the declared size, or -1 when it is unknown (a chunked body the handler did not read to its
// end).
//
// What the server captured sets the limits: request and response bodies are cut at the capture cap, a request body
// holds only what the handler read (postData.comment and content.comment say how much is missing; without a
// capture postData.text is empty and its comment says the body was not captured), and the
// response head is the one the handler produced (the server adds Date and framing on the wire), so
// response.headersSize is -1. Extra fields, as HAR allows, start with "_": _route, _middleware, _journey.
// With maskCredentials (the default) credential headers and cookies are masked as CredentialMask does.
//
// Pure functions; thread-safe.
class HarWriter
{
public:
    // Options configure an export.
    struct Options
    {
        // baseUrl prefixes origin-form targets to make the absolute URLs HAR requires ("http://127.0.0.1:8080").
        QString baseUrl = QStringLiteral("http://127.0.0.1:8080");
        // maskCredentials masks credential headers and cookie values.
        bool maskCredentials = true;
    };

    // document returns the HAR object ({"log": ...}) of records (null ones skipped). Entries are sorted by start
    // time, oldest first; records that started in the same millisecond keep their order in records.
    static QJsonObject document(const QList<const RequestRecord *> &records, const Options &options);
    // entry returns the HAR entry of record.
    static QJsonObject entry(const RequestRecord &record, const Options &options);
    // write saves document(records, options) to path, atomically (QSaveFile). It returns an error message on
    // failure, nothing on success.
    [[nodiscard]] static std::optional<QString>
    write(const QString &path, const QList<const RequestRecord *> &records, const Options &options);
};

} // namespace ui
