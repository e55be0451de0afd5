#include "httpcore/mock/convert/ConvertFiles.h"

#include "httpcore/mock/convert/DocumentReader.h"
#include "httpcore/mock/convert/MockoonImporter.h"
#include "httpcore/mock/convert/OpenApiExporter.h"
#include "httpcore/mock/convert/OpenApiImporter.h"
#include "httpcore/mock/convert/WireMockImporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using httpcore::Expected;
using httpcore::Unexpected;

Unexpected<QString> failure(const QString &path, const QString &message)
{
    return Unexpected<QString>{path + u": "_s + message};
}

Expected<QByteArray, QString> readFile(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).isDir())
        return failure(path, u"cannot read: it is a directory"_s);
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, u"cannot read: "_s + file.errorString());
    if (file.size() > MaxInputBytes)
        return failure(path, u"cannot read: larger than %1 MiB"_s.arg(MaxInputBytes >> 20));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return failure(path, u"cannot read: "_s + file.errorString());
    return bytes;
}

// convertFile reads in, parses it with read and converts the document with import, prefixing errors with in.
template <typename Read, typename Import>
ConvertResult convertFile(const QString &in, Read read, Import import)
{
    const Expected<QByteArray, QString> bytes = readFile(in);
    if (!bytes)
        return Unexpected<QString>{bytes.error()};
    const Expected<QJsonValue, QString> document = read(*bytes);
    if (!document)
        return failure(in, document.error());
    ConvertResult result = import(*document);
    if (!result)
        return failure(in, result.error());
    return result;
}

QString directoryOf(const QString &file)
{
    return QFileInfo(file).absolutePath();
}

} // namespace

ConvertResult importMockoonFile(const QString &in, const QString &out)
{
    ConvertResult result = convertFile(in, &DocumentReader::readJson, &MockoonImporter::import);
    if (result && !out.isEmpty())
        rebaseBodyFiles(result->set, directoryOf(in), directoryOf(out));
    return result;
}

ConvertResult importOpenApiFile(const QString &in, const QString &out)
{
    Q_UNUSED(out);
    return convertFile(in, &DocumentReader::readJsonOrYaml, &OpenApiImporter::import);
}

ConvertResult importWireMockFile(const QString &in, const QString &out)
{
    const QString filesRoot = QFileInfo(directoryOf(in)).fileName() == u"mappings"_s ? u"../__files"_s : u"__files"_s;
    ConvertResult result = convertFile(in, &DocumentReader::readJson, [&](const QJsonValue &document) {
        return WireMockImporter::import(document, filesRoot);
    });
    if (result && !out.isEmpty())
        rebaseBodyFiles(result->set, directoryOf(in), directoryOf(out));
    return result;
}

Expected<ImportReport, QString> exportOpenApiFile(const RouteSet &set, const QString &out)
{
    const ExportResult exported = OpenApiExporter::convert(set);
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return failure(out, u"cannot write: "_s + file.errorString());
    if (file.write(exported.document) != exported.document.size() || !file.commit())
        return failure(out, u"cannot write: "_s + file.errorString());
    return exported.report;
}

void rebaseBodyFiles(RouteSet &set, const QString &fromDir, const QString &toDir)
{
    const QDir from(fromDir);
    const QDir to(toDir);
    for (Route &route : set.routes) {
        for (MockResponse &response : route.responses) {
            if (response.bodyFile.isEmpty() || QDir::isAbsolutePath(response.bodyFile))
                continue;
            response.bodyFile = to.relativeFilePath(QDir::cleanPath(from.absoluteFilePath(response.bodyFile)));
        }
    }
}

} // namespace mock
