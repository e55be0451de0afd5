#include "httpcore/mock/convert/DocumentReader.h"

#include "httpcore/mock/convert/JsonTextReader.h"
#include "httpcore/mock/convert/YamlReader.h"

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Expected;
using httpcore::Unexpected;

// firstSignificant returns the first character that is not a byte order mark or white space, or '\0'.
char firstSignificant(const QByteArray &text)
{
    qsizetype pos = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
        ++pos;
    return pos < text.size() ? text[pos] : '\0';
}

} // namespace

Expected<QJsonValue, QString> DocumentReader::readJson(const QByteArray &text)
{
    if (firstSignificant(text) == '\0')
        return Unexpected<QString>{u"the file is empty"_s};
    Expected<QJsonValue, QString> value = JsonTextReader::parse(text);
    if (!value)
        return Unexpected<QString>{u"not valid JSON: "_s + value.error()};
    return value;
}

Expected<QJsonValue, QString> DocumentReader::readJsonOrYaml(const QByteArray &text)
{
    const char first = firstSignificant(text);
    if (first == '\0')
        return Unexpected<QString>{u"the file is empty"_s};
    if (first == '{' || first == '[') {
        Expected<QJsonValue, QString> json = readJson(text);
        // A YAML flow collection ("{openapi: 3.0.0}") starts the same way; JSON's error is the one shown.
        if (json)
            return json;
        Expected<QJsonValue, QString> yaml = YamlReader::parse(text);
        return yaml ? yaml : json;
    }
    Expected<QJsonValue, QString> value = YamlReader::parse(text);
    if (!value)
        return Unexpected<QString>{u"not valid YAML: "_s + value.error()};
    return value;
}

} // namespace mock
