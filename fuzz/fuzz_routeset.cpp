// fuzz_routeset loads arbitrary bytes as a route-set file (RouteSetFile::parse: JSON, the reader, the duplicate
// key scanner, the validator) and checks the result, with a hard trap on any violation (so libFuzzer and the
// plain replay driver both stop on it).
//
// Input: the text of a route-set file (a corpus file is one, e.g. a copy of resources/examples/*.json).
//
// Checked: parse() never crashes; a refused file comes with problems that name it and say what is wrong (a
// message, a JSON path that starts at "$", a line and column that are both set or both 0); an accepted file
// saves (toJson) to text that loads again, to an equal RouteSet, and saves again to the same bytes.

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/FileProblem.h"
#include "httpcore/mock/file/RouteSetFile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace mock;

namespace
{

// check traps on a broken invariant: a crash is what both libFuzzer and the replay driver report.
inline void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

const QString FileName = QStringLiteral("fuzz.json");

void checkProblems(const QList<FileProblem> &problems)
{
    check(!problems.isEmpty());
    for (const FileProblem &problem : problems) {
        check(problem.file == FileName);
        // (Not checked: that the message does not end with a period. It may end with text from the file, a
        // pattern in a conflict for one, which can end with anything.)
        check(!problem.message.isEmpty());
        check(problem.jsonPath.isEmpty() || problem.jsonPath.startsWith(u'$'));
        check(problem.line >= 0 && problem.column >= 0 && (problem.line == 0) == (problem.column == 0));
        check(problem.toString().startsWith(FileName + u':'));
    }
}

bool hasUnpairedSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (text.at(i).isSurrogate())
            return true;
    }
    return false;
}

// hasUnpairedSurrogate reports whether a string of value (or a key) holds half a surrogate pair (a JSON escape
// of U+D800..U+DFFF without its other half), which QJsonDocument accepts and UTF-8 cannot hold.
bool hasUnpairedSurrogate(const QJsonValue &value)
{
    if (value.isString())
        return hasUnpairedSurrogate(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [](const QJsonValue &v) { return hasUnpairedSurrogate(v); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (hasUnpairedSurrogate(it.key()) || hasUnpairedSurrogate(it.value()))
                return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const httpcore::Expected<RouteSet, QList<FileProblem>> loaded = RouteSetFile::parse(json, FileName, QString());
    if (!loaded) {
        checkProblems(loaded.error());
        return 0;
    }
    // Round trip: what save() writes loads again to the same set, and saves to the same text.
    const QByteArray saved = RouteSetFile::toJson(*loaded);
    check(saved.endsWith('\n'));
    const httpcore::Expected<RouteSet, QList<FileProblem>> reloaded = RouteSetFile::parse(saved, FileName, QString());
    check(reloaded.hasValue());
    check(RouteSetFile::toJson(*reloaded) == saved);
    // Fixed finding (docs/fuzzing.md, "routeset"): a string holding half a surrogate pair (escaped U+DE00) used to
    // load and then be saved as "?". The reader refuses such strings now, so none reaches a loaded set.
    check(!hasUnpairedSurrogate(QJsonDocument::fromJson(json).object()));
    check(*reloaded == *loaded);
    return 0;
}
