#include "httpcore/mock/runtime/MiddlewareCatalog.h"

#include "httpcore/middleware/AuthGate.h"
#include "httpcore/middleware/Cors.h"
#include "httpcore/middleware/GzipCompressor.h"
#include "httpcore/middleware/LatencyInjector.h"
#include "httpcore/middleware/Recovery.h"
#include "httpcore/middleware/RequestCapture.h"
#include "httpcore/middleware/RequestId.h"
#include "httpcore/middleware/RequestLogger.h"
#include "httpcore/middleware/TimeoutHandler.h"
#include "httpcore/mock/file/JsonObjectReader.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// SettingsReader reads the members of one settings object into a middleware's Settings, collecting a problem for
// each member that is unknown, of the wrong type or out of range (and leaving the default in place).
class SettingsReader
{
public:
    SettingsReader(const QJsonObject &object, QList<MiddlewareSettingProblem> &problems)
        : m_object(object), m_problems(problems)
    {}

    void readBool(QStringView key, bool &out)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return;
        if (value.isBool())
            out = value.toBool();
        else
            problem(key, u"expected a boolean, got %1"_s.arg(JsonObjectReader::typeName(value)));
    }

    template <typename Int>
    void readInt(QStringView key, Int &out, qint64 min, qint64 max)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return;
        const double number = value.toDouble();
        const bool integral = value.isDouble() && number == double(qint64(number));
        if (integral && number >= double(min) && number <= double(max)) {
            out = Int(number);
            return;
        }
        const QString got = value.isDouble() ? QString::number(number) : JsonObjectReader::typeName(value);
        problem(key, u"expected an integer from %1 to %2, got %3"_s.arg(min).arg(max).arg(got));
    }

    // readString reads a string; choices, when not empty, lists the values allowed.
    void readString(QStringView key, QString &out, const QStringList &choices = {})
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return;
        if (!value.isString()) {
            problem(key, u"expected a string, got %1"_s.arg(JsonObjectReader::typeName(value)));
            return;
        }
        if (!choices.isEmpty() && !choices.contains(value.toString())) {
            problem(key, u"expected one of %1, got \"%2\""_s.arg(choices.join(u", "_s), value.toString()));
            return;
        }
        out = value.toString();
    }

    void readBytes(QStringView key, QByteArray &out)
    {
        QString text = QString::fromUtf8(out);
        readString(key, text);
        out = text.toUtf8();
    }

    void readStringList(QStringView key, QByteArrayList &out)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return;
        QByteArrayList list;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            if (!element.isString()) {
                problem(key, u"expected an array of strings, got %1 in it"_s.arg(JsonObjectReader::typeName(element)));
                return;
            }
            list.append(element.toString().toUtf8());
        }
        if (!value.isArray()) {
            problem(key, u"expected an array of strings, got %1"_s.arg(JsonObjectReader::typeName(value)));
            return;
        }
        out = list;
    }

    // readUsers reads an array of {"user": ..., "password": ...} objects.
    void readUsers(QStringView key, std::vector<std::pair<QByteArray, QByteArray>> &out)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return;
        if (!value.isArray()) {
            problem(key, u"expected an array of {\"user\", \"password\"} objects, got %1"_s.arg(
                             JsonObjectReader::typeName(value)));
            return;
        }
        std::vector<std::pair<QByteArray, QByteArray>> users;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject user = array[i].toObject();
            const QString where = u"%1[%2]"_s.arg(key).arg(i);
            if (!array[i].isObject() || user.size() != 2 || !user.value("user"_L1).isString() ||
                !user.value("password"_L1).isString()) {
                problem(where, u"expected an object with the strings \"user\" and \"password\""_s);
                continue;
            }
            const QString name = user.value("user"_L1).toString();
            if (name.isEmpty() || name.contains(u':')) {
                problem(where, u"user must not be empty nor contain ':'"_s);
                continue;
            }
            users.emplace_back(name.toUtf8(), user.value("password"_L1).toString().toUtf8());
        }
        out = std::move(users);
    }

    void problem(QStringView key, const QString &message)
    {
        m_problems.append(MiddlewareSettingProblem{key.toString(), message});
    }

    // finish reports the members nobody read.
    void finish()
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_read.contains(it.key()))
                problem(it.key(), u"unknown setting"_s);
        }
    }

private:
    QJsonValue take(QStringView key)
    {
        m_read.append(key.toString());
        return m_object.value(key);
    }

    const QJsonObject &m_object;
    QList<MiddlewareSettingProblem> &m_problems;
    QStringList m_read;
};

using Problems = QList<MiddlewareSettingProblem>;

// Each readX reads the settings of one middleware and builds its entry, or only reports problems.

template <typename M>
httpcore::MiddlewareEntry builtIn(const MiddlewareSetting &setting, typename M::Settings settings)
{
    return httpcore::MiddlewareEntry::of<M>(setting.name.toUtf8(), std::move(settings), setting.enabled);
}

httpcore::MiddlewareEntry readRecovery(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::Recovery::Settings settings;
    r.readBool(u"exposeDetails", settings.exposeDetails);
    return builtIn<httpcore::Recovery>(setting, settings);
}

httpcore::MiddlewareEntry readRequestId(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::RequestId::Settings settings;
    r.readBytes(u"header", settings.headerName);
    if (!isToken(settings.headerName)) {
        r.problem(u"header", u"\"%1\" is not a valid header field name"_s.arg(QString::fromUtf8(settings.headerName)));
        settings.headerName = httpcore::RequestId::Settings().headerName;
    }
    r.readBool(u"trustIncoming", settings.trustIncoming);
    return builtIn<httpcore::RequestId>(setting, settings);
}

httpcore::MiddlewareEntry readLogger(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &sinks)
{
    httpcore::RequestLogger::Settings settings;
    QString format = u"text"_s;
    r.readString(u"format", format, {u"text"_s, u"json"_s});
    settings.format =
        format == "json"_L1 ? httpcore::RequestLogger::Format::Json : httpcore::RequestLogger::Format::Text;
    settings.sink = sinks.logLine;
    return builtIn<httpcore::RequestLogger>(setting, std::move(settings));
}

httpcore::MiddlewareEntry readCors(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::Cors::Settings settings;
    r.readStringList(u"origins", settings.allowedOrigins);
    r.readStringList(u"methods", settings.allowedMethods);
    r.readStringList(u"headers", settings.allowedHeaders);
    r.readStringList(u"exposedHeaders", settings.exposedHeaders);
    r.readBool(u"credentials", settings.allowCredentials);
    r.readInt(u"maxAgeSeconds", settings.maxAgeSeconds, 0, 86400);
    if (settings.allowCredentials && settings.allowedOrigins.contains("*"))
        r.problem(u"credentials",
                  u"credentials cannot be allowed for the origin \"*\" (browsers refuse it): list the origins"_s);
    return builtIn<httpcore::Cors>(setting, settings);
}

httpcore::MiddlewareEntry readAuth(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::AuthGate::Settings settings;
    QString scheme = u"basic"_s;
    r.readString(u"scheme", scheme, {u"basic"_s, u"bearer"_s});
    settings.scheme = scheme == "bearer"_L1 ? httpcore::AuthGate::Scheme::Bearer : httpcore::AuthGate::Scheme::Basic;
    r.readBytes(u"realm", settings.realm);
    if (settings.realm.contains('"') || settings.realm.contains('\\'))
        r.problem(u"realm", u"the realm must not contain '\"' or '\\'"_s);
    r.readUsers(u"users", settings.users);
    r.readStringList(u"tokens", settings.tokens);
    if (settings.scheme == httpcore::AuthGate::Scheme::Basic && settings.users.empty())
        r.problem(u"users", u"basic authentication needs at least one user, or nobody gets in"_s);
    if (settings.scheme == httpcore::AuthGate::Scheme::Bearer && settings.tokens.isEmpty())
        r.problem(u"tokens", u"bearer authentication needs at least one token, or nobody gets in"_s);
    return builtIn<httpcore::AuthGate>(setting, settings);
}

httpcore::MiddlewareEntry readLatency(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::LatencyInjector::Settings settings;
    r.readInt(u"minMs", settings.minMs, 0, 600'000);
    r.readInt(u"maxMs", settings.maxMs, 0, 600'000);
    if (settings.maxMs < settings.minMs) {
        r.problem(u"maxMs", u"maxMs (%1) is less than minMs (%2)"_s.arg(settings.maxMs).arg(settings.minMs));
        settings.maxMs = settings.minMs;
    }
    return builtIn<httpcore::LatencyInjector>(setting, settings);
}

httpcore::MiddlewareEntry readTimeout(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::TimeoutHandler::Settings settings;
    qint64 limitMs = settings.limit.count();
    r.readInt(u"limitMs", limitMs, 0, 3'600'000);
    settings.limit = std::chrono::milliseconds(limitMs);
    r.readBytes(u"message", settings.message);
    return builtIn<httpcore::TimeoutHandler>(setting, settings);
}

httpcore::MiddlewareEntry readGzip(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &)
{
    httpcore::GzipCompressor::Settings settings;
    r.readInt(u"level", settings.level, -1, 9);
    r.readInt(u"minSize", settings.minSize, 0, 64 << 20);
    r.readStringList(u"contentTypes", settings.contentTypes);
    return builtIn<httpcore::GzipCompressor>(setting, settings);
}

httpcore::MiddlewareEntry readCapture(const MiddlewareSetting &setting, SettingsReader &r, const MiddlewareSinks &sinks)
{
    httpcore::RequestCapture::Settings settings;
    r.readInt(u"bodyCap", settings.bodyCap, 0, 64 << 20);
    settings.sink = sinks.capture;
    return builtIn<httpcore::RequestCapture>(setting, std::move(settings));
}

using Reader = httpcore::MiddlewareEntry (*)(const MiddlewareSetting &, SettingsReader &, const MiddlewareSinks &);

struct Kind
{
    QStringView name;
    Reader read;
};

// In the order a chain usually wants them (docs/architecture.md): the request id first so every later layer
// sees it; logging and capture outside the rest so they record what the client got; recovery inside latency, so
// it catches the exceptions of the delayed call; cors outside auth, so preflights pass; timeout innermost.
constexpr Kind Kinds[] = {
    {u"requestId", readRequestId}, {u"requestLogger", readLogger},
    {u"capture", readCapture},     {u"latency", readLatency},
    {u"recovery", readRecovery},   {u"cors", readCors},
    {u"auth", readAuth},           {u"gzip", readGzip},
    {u"timeout", readTimeout},
};

const Kind *kindOf(const QString &name)
{
    for (const Kind &kind : Kinds) {
        if (kind.name == name)
            return &kind;
    }
    return nullptr;
}

std::optional<httpcore::MiddlewareEntry>
read(const MiddlewareSetting &setting, const MiddlewareSinks &sinks, Problems &problems)
{
    const Kind *kind = kindOf(setting.name);
    if (!kind) {
        problems.append({QString(), u"unknown middleware \"%1\" (expected one of: %2)"_s.arg(
                                        setting.name, middlewareNames().join(u", "_s))});
        return std::nullopt;
    }
    SettingsReader reader(setting.settings, problems);
    httpcore::MiddlewareEntry entry = kind->read(setting, reader, sinks);
    reader.finish();
    return entry;
}

} // namespace

QStringList middlewareNames()
{
    QStringList names;
    for (const Kind &kind : Kinds)
        names.append(kind.name.toString());
    return names;
}

QList<MiddlewareSettingProblem> checkMiddlewareSetting(const MiddlewareSetting &setting)
{
    Problems problems;
    read(setting, {}, problems);
    return problems;
}

httpcore::Expected<httpcore::MiddlewareEntry, QString> makeMiddlewareEntry(const MiddlewareSetting &setting,
                                                                           const MiddlewareSinks &sinks)
{
    Problems problems;
    std::optional<httpcore::MiddlewareEntry> entry = read(setting, sinks, problems);
    if (!problems.isEmpty()) {
        const MiddlewareSettingProblem &first = problems.constFirst();
        const QString where = first.key.isEmpty() ? QString() : u"settings.%1: "_s.arg(first.key);
        return httpcore::Unexpected<QString>{u"%1: %2%3"_s.arg(setting.name, where, first.message)};
    }
    return std::move(*entry);
}

} // namespace mock
