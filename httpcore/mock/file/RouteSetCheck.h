#pragma once

#include <QString>
#include <QTextStream>

namespace mock
{

// checkRouteSetFile implements `switchboard --check FILE`: it loads the route-set file at path
// (RouteSetFile::load) and returns the process exit code, 0 when the file is valid and 1 otherwise. A valid
// file gets one line on out (`shop.json: ok, 12 routes`); an invalid one gets each problem on err, one per
// line (FileProblem::toString()), and nothing on out. Both streams are flushed.
//
// Blocking file I/O; call it from the thread that owns the streams.
[[nodiscard]] int checkRouteSetFile(const QString &path, QTextStream &out, QTextStream &err);

} // namespace mock
