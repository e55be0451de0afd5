#pragma once

#include "httpcore/Request.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace mock
{

// RequestData is what the engine keeps of one request across the asynchronous steps of its answer: a copy of the
// httpcore::Request (a value type; its body handle stays usable on the worker thread), the body once read, and
// the values rules and templates derive from the request (query, cookies, the JSON body), each computed on first
// use and cached.
//
// Thread affinity: the worker thread serving the request; not thread-safe (the caches are mutable).
class RequestData
{
public:
    using Pairs = QList<std::pair<QByteArray, QByteArray>>;

    explicit RequestData(httpcore::Request request);

    const httpcore::Request &request() const { return m_request; }

    // hasUnreadBody is true when the request has a body that nobody asked for yet.
    bool hasUnreadBody() const;
    // setBody records the body as read (at most the engine's cap; truncated when the request's was longer).
    void setBody(QByteArray body, bool truncated);
    // body returns the body read so far (empty before setBody()).
    const QByteArray &body() const { return m_body; }
    bool isBodyTruncated() const { return m_bodyTruncated; }

    // query returns the decoded query string.
    const httpcore::Query &query() const;
    // cookies returns the name=value pairs of every Cookie field, in order (RFC 6265 §4.2.1).
    const Pairs &cookies() const;
    // json returns the body parsed as JSON; undefined when the body is not JSON (or was truncated).
    const QJsonValue &json() const;

    // cookie returns the first cookie called name, or std::nullopt.
    std::optional<QByteArray> cookie(QByteArrayView name) const;
    // pathValue returns the wildcard value called name, or std::nullopt when the pattern has no such wildcard.
    std::optional<QByteArray> pathValue(QByteArrayView name) const;

private:
    httpcore::Request m_request;
    QByteArray m_body;
    bool m_bodyRead = false;
    bool m_bodyTruncated = false;
    mutable std::optional<httpcore::Query> m_query;
    mutable std::optional<Pairs> m_cookies;
    mutable std::optional<QJsonValue> m_json;
};

// parseCookies splits Cookie field values ("a=1; b=2") into name=value pairs (RFC 6265 §4.2.1, §5.4), trimming
// whitespace around each pair; a pair without '=' is skipped, as browsers do. Pure; thread-safe.
RequestData::Pairs parseCookies(const QList<QByteArrayView> &fieldValues);

// jsonAt returns the value at path inside root: dot-separated object keys, numeric segments index arrays
// ("user.tags.0"); an empty path is root itself. std::nullopt when any segment is missing. Pure; thread-safe.
std::optional<QJsonValue> jsonAt(const QJsonValue &root, QStringView path);

// jsonText is the text a rule compares and a template prints for a JSON value: strings as they are, integral
// numbers without a fraction ("3", not "3.0"), other numbers in shortest form, true/false, "null", and objects
// and arrays as compact JSON. Pure; thread-safe.
QString jsonText(const QJsonValue &value);

} // namespace mock
