#pragma once

#include "httpcore/Expected.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace mock
{

// DocumentReader turns the text of a source document (a Mockoon environment, WireMock mappings, an OpenAPI
// document) into a QJsonValue with key order kept (KeyOrder). Pure static functions; thread-safe.
class DocumentReader
{
public:
    // readJson parses text as JSON (JsonTextReader). The error reads "not valid JSON: at line 2, column 5: ...".
    [[nodiscard]] static httpcore::Expected<QJsonValue, QString> readJson(const QByteArray &text);
    // readJsonOrYaml parses text as JSON when its first non-blank character is '{' or '[' (after a byte order
    // mark), and as YAML (YamlReader) otherwise or when that fails (a YAML flow collection). The error names the
    // syntax of the first character ("not valid YAML: at line 4, column 3: ..."); an empty or blank text is "the
    // file is empty".
    [[nodiscard]] static httpcore::Expected<QJsonValue, QString> readJsonOrYaml(const QByteArray &text);
};

} // namespace mock
