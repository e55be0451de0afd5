#include "httpcore/mock/engine/RequestData.h"

#include "httpcore/RequestBody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace mock
{

RequestData::RequestData(httpcore::Request request) : m_request(std::move(request)) {}

bool RequestData::hasUnreadBody() const
{
    return m_request.body && !m_bodyRead && !m_request.body->isStarted();
}

void RequestData::setBody(QByteArray body, bool truncated)
{
    m_body = std::move(body);
    m_bodyRead = true;
    m_bodyTruncated = truncated;
    m_json.reset();
}

const httpcore::Query &RequestData::query() const
{
    if (!m_query)
        m_query = m_request.url.query();
    return *m_query;
}

const RequestData::Pairs &RequestData::cookies() const
{
    if (!m_cookies)
        m_cookies = parseCookies(m_request.header.values("Cookie"));
    return *m_cookies;
}

const QJsonValue &RequestData::json() const
{
    if (!m_json) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_body, &error);
        if (error.error != QJsonParseError::NoError || m_bodyTruncated)
            m_json = QJsonValue(QJsonValue::Undefined);
        else if (document.isArray())
            m_json = QJsonValue(document.array());
        else
            m_json = QJsonValue(document.object());
    }
    return *m_json;
}

std::optional<QByteArray> RequestData::cookie(QByteArrayView name) const
{
    for (const auto &[key, value] : cookies()) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

std::optional<QByteArray> RequestData::pathValue(QByteArrayView name) const
{
    for (const auto &[key, value] : m_request.pathValues) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

RequestData::Pairs parseCookies(const QList<QByteArrayView> &fieldValues)
{
    RequestData::Pairs pairs;
    for (QByteArrayView field : fieldValues) {
        qsizetype start = 0;
        while (start <= field.size()) {
            qsizetype end = field.indexOf(';', start);
            if (end < 0)
                end = field.size();
            const QByteArrayView pair = field.sliced(start, end - start).trimmed();
            const qsizetype equals = pair.indexOf('=');
            if (equals > 0) {
                QByteArray value = pair.sliced(equals + 1).trimmed().toByteArray();
                // RFC 6265 §4.1.1: a cookie-value may be wrapped in double quotes, which are not part of it.
                if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                    value = value.sliced(1, value.size() - 2);
                pairs.append({pair.first(equals).trimmed().toByteArray(), value});
            }
            start = end + 1;
        }
    }
    return pairs;
}

std::optional<QJsonValue> jsonAt(const QJsonValue &root, QStringView path)
{
    QJsonValue current = root;
    if (path.isEmpty())
        return current.isUndefined() ? std::nullopt : std::optional<QJsonValue>(current);
    for (QStringView segment : path.split(u'.')) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(segment);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = segment.toLongLong(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // 2^53: beyond it a double no longer holds every integer, so the integer form would invent digits.
        if (std::trunc(number) == number && std::fabs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        return {};
    }
    return {};
}

} // namespace mock
