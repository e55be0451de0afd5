#pragma once

#include "httpcore/Expected.h"
#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/FileProblem.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace mock
{

// RouteSetFile loads a RouteSet from a route-set file and saves one to it (the JSON format of
// docs/route-set-format.md, described by docs/route-set.schema.json).
//
// Loading reports every problem of the file, each with the file name, the JSON path of the value and what is
// wrong (FileProblem): malformed JSON (with line and column), repeated keys, wrong types, unknown keys,
// missing required keys, unknown enumerator names (RouteSetJsonReader), and everything RouteSetValidator
// checks (invalid patterns, conflicting routes, missing body files, bad regexes, ranges). A file of a format
// newer than RouteSet::CurrentFormat is refused with that one problem rather than misread.
//
// Saving is atomic (QSaveFile): the text goes to a temporary file beside the target, which replaces the target
// only once completely written; after a crash or an error the old file is as it was.
//
// Pure static functions; thread-safe (distinct files). load() and save() do blocking file I/O: call them where
// that is acceptable (the GUI thread for user-sized files, the command line), never on a server worker thread.
class RouteSetFile
{
public:
    // MaxFileSize is the largest file load() reads (bytes).
    static constexpr qint64 MaxFileSize = 64 * 1024 * 1024;

    // load reads, parses and checks the file at path. Relative body files are resolved against the file's
    // directory. Problems name the file as path was given.
    [[nodiscard]] static httpcore::Expected<RouteSet, QList<FileProblem>> load(const QString &path);
    // parse parses and checks json, the text of a route-set file; fileName names it in problems, baseDir is the
    // directory relative body files are resolved against (empty: they are not checked).
    [[nodiscard]] static httpcore::Expected<RouteSet, QList<FileProblem>>
    parse(const QByteArray &json, const QString &fileName, const QString &baseDir);
    // toJson returns the text save() writes for set (RouteSetJsonWriter): stable key order, 2-space
    // indentation, defaults left out.
    static QByteArray toJson(const RouteSet &set);
    // save writes set to path atomically. On failure it returns a message naming the file and the reason the
    // system gave (`cannot save "/x/shop.json": Permission denied`), and the file at path, if any, is
    // unchanged. It does not check set: an invalid set is saved as it is.
    [[nodiscard]] static std::optional<QString> save(const RouteSet &set, const QString &path);
};

} // namespace mock
