#include "httpcore/mock/file/RouteSetCheck.h"

#include "httpcore/mock/file/RouteSetFile.h"

using namespace Qt::StringLiterals;

namespace mock
{

int checkRouteSetFile(const QString &path, QTextStream &out, QTextStream &err)
{
    const httpcore::Expected<RouteSet, QList<FileProblem>> loaded = RouteSetFile::load(path);
    if (!loaded) {
        for (const FileProblem &problem : loaded.error())
            err << problem.toString() << '\n';
        err.flush();
        return 1;
    }
    const qsizetype routes = loaded->routes.size();
    out << u"%1: ok, %2 %3"_s.arg(path).arg(routes).arg(routes == 1 ? u"route"_s : u"routes"_s) << '\n';
    out.flush();
    return 0;
}

} // namespace mock
