#include "httpcore/mock/engine/TemplateData.h"

#include "httpcore/HttpDate.h"
#include "httpcore/mock/engine/RequestData.h"
#include "httpcore/mock/file/JsonString.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUuid>

#include <cmath>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using Data = kainjow::mustache::data;

std::string bytesText(QByteArrayView bytes)
{
    return std::string(bytes.data(), size_t(bytes.size()));
}

std::string stringText(const QString &string)
{
    return string.toStdString();
}

// toData converts a JSON value into mustache data (see the class comment for how scalars print).
Data toData(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        Data object{Data::type::object};
        const QJsonObject json = value.toObject();
        for (auto it = json.constBegin(); it != json.constEnd(); ++it)
            object.set(stringText(it.key()), toData(it.value()));
        return object;
    }
    case QJsonValue::Array: {
        Data list{Data::type::list};
        for (const QJsonValue &item : value.toArray())
            list.push_back(toData(item));
        return list;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return Data{false};
    case QJsonValue::Bool:
    case QJsonValue::Double:
    case QJsonValue::String:
        break;
    }
    return Data{stringText(jsonText(value))};
}

Data pairsToData(const RequestData::Pairs &pairs, bool lowerCaseNames)
{
    Data object{Data::type::object};
    for (const auto &[name, value] : pairs) {
        const std::string key = bytesText(lowerCaseNames ? name.toLower() : name);
        // The first value wins, as Query::value() and Header::value() do.
        if (!object.get(key))
            object.set(key, Data{bytesText(value)});
    }
    return object;
}

Data headersToData(const httpcore::Header &header)
{
    RequestData::Pairs joined;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const httpcore::Header::Field field = header.field(i);
        const QByteArray name = field.name.toByteArray().toLower();
        const auto it = std::find_if(joined.begin(), joined.end(), [&name](const auto &p) { return p.first == name; });
        if (it == joined.end())
            joined.append({name, field.value.toByteArray()});
        else
            it->second += ", " + field.value.toByteArray(); // RFC 9110 §5.3: repeated fields combine into one list
    }
    return pairsToData(joined, false);
}

Data requestToData(const RequestData &request, bool withBody)
{
    const httpcore::Request &r = request.request();
    Data object{Data::type::object};
    object.set("method", Data{bytesText(r.method)});
    object.set("path", Data{bytesText(r.url.path())});
    object.set("host", Data{bytesText(r.host)});
    RequestData::Pairs query;
    for (const httpcore::Query::Item &item : request.query().items())
        query.append({item.key, item.value});
    object.set("query", pairsToData(query, false));
    object.set("headers", headersToData(r.header));
    object.set("cookies", pairsToData(request.cookies(), false));
    if (withBody) {
        object.set("body", Data{bytesText(request.body())});
        object.set("json", toData(request.json()));
    }
    return object;
}

// splitRange reads "MIN-MAX", "MIN..MAX" or "MIN,MAX" (bounds may be negative); std::nullopt when it cannot.
std::optional<std::pair<QString, QString>> splitRange(const QString &range)
{
    const QString t = range.trimmed();
    for (const QString &separator : {u".."_s, u","_s}) {
        if (const qsizetype at = t.indexOf(separator); at > 0)
            return std::pair{t.left(at).trimmed(), t.mid(at + separator.size()).trimmed()};
    }
    for (qsizetype i = 1; i < t.size(); ++i) {
        if (t.at(i) == u'-' && (t.at(i - 1).isDigit() || t.at(i - 1).isSpace()))
            return std::pair{t.left(i).trimmed(), t.mid(i + 1).trimmed()};
    }
    return std::nullopt;
}

int decimalsOf(const QString &number)
{
    const qsizetype dot = number.indexOf(u'.');
    return dot < 0 ? 0 : int(number.size() - dot - 1);
}

kainjow::mustache::lambda randomIntLambda(std::shared_ptr<QString> error)
{
    return [error](const std::string &section) -> std::string {
        qint64 low = 0;
        qint64 high = 100;
        if (!QString::fromStdString(section).trimmed().isEmpty()) {
            const auto range = splitRange(QString::fromStdString(section));
            bool okLow = false;
            bool okHigh = false;
            if (range) {
                low = range->first.toLongLong(&okLow);
                high = range->second.toLongLong(&okHigh);
            }
            if (!okLow || !okHigh || low > high) {
                *error = u"randomInt cannot read the range \"%1\" (write MIN-MAX, e.g. 1-100)"_s.arg(
                    QString::fromStdString(section));
                return {};
            }
        }
        // bounded(low, high) draws from [low, high).
        return std::to_string(QRandomGenerator::global()->bounded(low, high + 1));
    };
}

kainjow::mustache::lambda randomFloatLambda(std::shared_ptr<QString> error)
{
    return [error](const std::string &section) -> std::string {
        double low = 0;
        double high = 1;
        int decimals = 2;
        if (!QString::fromStdString(section).trimmed().isEmpty()) {
            const auto range = splitRange(QString::fromStdString(section));
            bool okLow = false;
            bool okHigh = false;
            if (range) {
                low = range->first.toDouble(&okLow);
                high = range->second.toDouble(&okHigh);
                decimals = std::max({2, decimalsOf(range->first), decimalsOf(range->second)});
            }
            if (!okLow || !okHigh || !std::isfinite(low) || !std::isfinite(high) || low > high) {
                *error = u"randomFloat cannot read the range \"%1\" (write MIN-MAX, e.g. 0.5-9.99)"_s.arg(
                    QString::fromStdString(section));
                return {};
            }
        }
        const double value = low + QRandomGenerator::global()->generateDouble() * (high - low);
        return stringText(QString::number(value, 'f', decimals));
    };
}

// escapeJson escapes text (UTF-8) for the inside of a JSON string (RFC 8259 §7).
std::string escapeJson(const std::string &in)
{
    QByteArray out;
    out.reserve(qsizetype(in.size()) + 8);
    JsonString::appendEscapedUtf8(out, QByteArrayView(in.data(), qsizetype(in.size())));
    return out.toStdString();
}

Data nowToData(const QDateTime &now)
{
    Data object{Data::type::object};
    object.set("iso", Data{stringText(now.toString(Qt::ISODateWithMs))});
    object.set("unix", Data{std::to_string(now.toSecsSinceEpoch())});
    object.set("unixMs", Data{std::to_string(now.toMSecsSinceEpoch())});
    object.set("date", Data{stringText(now.toString(u"yyyy-MM-dd"_s))});
    object.set("time", Data{stringText(now.toString(u"HH:mm:ss"_s))});
    object.set("http", Data{bytesText(httpcore::HttpDate::format(now))});
    object.set("format", Data{kainjow::mustache::lambda{[now](const std::string &format) -> std::string {
                   const QString f = QString::fromStdString(format).trimmed();
                   return stringText(f.isEmpty() ? now.toString(Qt::ISODateWithMs) : now.toString(f));
               }}});
    return object;
}

} // namespace

TemplateData::TemplateData(const RequestData &request, quint64 counter, bool withBody, QDateTime now)
    : m_root(Data::type::object), m_error(std::make_shared<QString>())
{
    if (!now.isValid())
        now = QDateTime::currentDateTimeUtc();
    now = now.toUTC();
    m_root.set("request", requestToData(request, withBody));
    Data pathValues{Data::type::object};
    for (const auto &[name, value] : request.request().pathValues)
        pathValues.set(bytesText(name), Data{bytesText(value)});
    m_root.set("pathValues", pathValues);
    m_root.set("now", nowToData(now));
    m_root.set("counter", Data{std::to_string(counter)});
    m_root.set("uuid", Data{kainjow::mustache::lambda{[](const std::string &) -> std::string {
                   return stringText(QUuid::createUuid().toString(QUuid::WithoutBraces));
               }}});
    m_root.set("randomInt", Data{randomIntLambda(m_error)});
    m_root.set("randomFloat", Data{randomFloatLambda(m_error)});
    m_root.set("jsonEscape",
               Data{kainjow::mustache::lambda2{[](const std::string &section, const kainjow::mustache::renderer &render)
                                                   -> std::string { return escapeJson(render(section)); }}});
}

} // namespace mock
