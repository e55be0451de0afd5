#include "httpcore/mock/file/RouteSetFile.h"

#include "httpcore/mock/file/JsonLocation.h"
#include "httpcore/mock/file/JsonObjectReader.h"
#include "httpcore/mock/file/JsonTextScanner.h"
#include "httpcore/mock/file/ProblemList.h"
#include "httpcore/mock/file/RouteSetJsonReader.h"
#include "httpcore/mock/file/RouteSetJsonWriter.h"
#include "httpcore/mock/file/RouteSetValidator.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cerrno>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using Result = httpcore::Expected<RouteSet, QList<FileProblem>>;

Result failure(const ProblemList &problems)
{
    return httpcore::Unexpected<QList<FileProblem>>{problems.problems()};
}

QString saveError(const QString &path, const QString &reason)
{
    return u"cannot save \"%1\": %2"_s.arg(path, reason);
}

} // namespace

Result RouteSetFile::load(const QString &path)
{
    ProblemList problems(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.add({}, u"cannot read the file: %1"_s.arg(file.errorString()));
        return failure(problems);
    }
    // A regular file is measured first; a device or pipe, whose size is unknown, is read one byte past the
    // limit to tell one of exactly MaxFileSize bytes from a larger one.
    const bool tooLarge = !file.isSequential() && file.size() > MaxFileSize;
    const QByteArray json = tooLarge ? QByteArray() : file.isSequential() ? file.read(MaxFileSize + 1) : file.readAll();
    if (file.error() != QFileDevice::NoError) {
        problems.add({}, u"cannot read the file: %1"_s.arg(file.errorString()));
        return failure(problems);
    }
    if (tooLarge || json.size() > MaxFileSize) {
        problems.add({}, u"the file is larger than %1 MiB"_s.arg(MaxFileSize / (1024 * 1024)));
        return failure(problems);
    }
    return parse(json, path, QFileInfo(path).absolutePath());
}

Result RouteSetFile::parse(const QByteArray &json, const QString &fileName, const QString &baseDir)
{
    ProblemList problems(fileName);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = jsonlocation::lineColumn(json, error.offset);
        problems.addAt(line, column, {}, u"malformed JSON: %1"_s.arg(error.errorString()));
        return failure(problems);
    }
    if (!document.isObject()) {
        problems.add(jsonlocation::Root.toString(),
                     u"expected an object, got %1"_s.arg(JsonObjectReader::typeName(QJsonValue(document.array()))));
        return failure(problems);
    }
    const QJsonObject root = document.object();
    if (!RouteSetJsonReader::checkFormat(root, problems))
        return failure(problems);
    JsonTextScanner::scan(json, problems);
    const RouteSet set = RouteSetJsonReader::read(root, problems);
    RouteSetValidator::validate(set, baseDir, problems);
    if (!problems.isEmpty())
        return failure(problems);
    return set;
}

QByteArray RouteSetFile::toJson(const RouteSet &set)
{
    return RouteSetJsonWriter::toText(set);
}

std::optional<QString> RouteSetFile::save(const RouteSet &set, const QString &path)
{
    const QByteArray text = toJson(set);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return saveError(path, file.errorString());
    // QSaveFile (Qt 6.4) does not notice a short write: when the disk fills up or the file-size limit is reached
    // part-way, write() and flush() still report success and commit() would replace the file with a truncated
    // one. So the size on disk is checked before committing, and the reason is taken from errno, which the
    // failed write(2) set (Qt says "Unknown error").
    errno = 0;
    const bool complete = file.write(text) == text.size() && file.flush() && file.size() == text.size();
    const int writeErrno = errno;
    if (!complete) {
        QString reason = u"the file could only be written in part"_s;
        if (writeErrno != 0)
            reason = qt_error_string(writeErrno);
        else if (file.error() != QFileDevice::NoError)
            reason = file.errorString();
        file.cancelWriting();
        return saveError(path, reason);
    }
    // commit() syncs and renames the temporary file over path; on failure it removes the temporary file and
    // leaves path alone.
    if (!file.commit())
        return saveError(path, file.errorString());
    return std::nullopt;
}

} // namespace mock
