#pragma once

#include "httpcore/Expected.h"
#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/convert/ImportReport.h"
#include "httpcore/mock/convert/ImportResult.h"

#include <QString>

namespace mock
{

// The file-level entry points of import and export, for `--import-mockoon IN --out OUT`, `--import-openapi`,
// `--import-wiremock` and `--export-openapi`. Each reads or writes one file with blocking I/O; call them from the
// thread that owns the result. Errors start with the file's path as given and say what is wrong with it:
//   "env.json: cannot read: No such file or directory"
//   "env.json: not valid JSON: at line 3, column 5: expected ',' or '}'"
//   "env.json: not a Mockoon environment: no \"routes\" array"

// ConvertResult is a route set and its translation report, or the error that stopped the import.
using ConvertResult = httpcore::Expected<ImportResult, QString>;

// MaxInputBytes is the largest source file read (64 MiB).
inline constexpr qint64 MaxInputBytes = qint64(64) << 20;

// importMockoonFile imports the Mockoon environment at in (MockoonImporter). out, when not empty, is where the
// route set will be saved: body-file paths, which Mockoon resolves from the environment's directory, are rewritten
// to resolve to the same files from out's directory (rebaseBodyFiles()). Without out they are left relative to in's
// directory.
[[nodiscard]] ConvertResult importMockoonFile(const QString &in, const QString &out = {});
// importOpenApiFile imports the OpenAPI 3 document (JSON or YAML) at in (OpenApiImporter). out is unused by the
// conversion (an OpenAPI import has no body files) and accepted for symmetry.
[[nodiscard]] ConvertResult importOpenApiFile(const QString &in, const QString &out = {});
// importWireMockFile imports the WireMock stub mappings at in (WireMockImporter). Body files are looked for in
// WireMock's __files directory: beside the mappings directory when in is in a directory called "mappings", else
// beside in; out rebases them as for importMockoonFile().
[[nodiscard]] ConvertResult importWireMockFile(const QString &in, const QString &out = {});

// exportOpenApiFile writes set as an OpenAPI 3.0 document (OpenApiExporter) to out, atomically (QSaveFile: a
// failure leaves any existing file unchanged), and returns the export's report, or "out: cannot write: ...".
[[nodiscard]] httpcore::Expected<ImportReport, QString> exportOpenApiFile(const RouteSet &set, const QString &out);

// rebaseBodyFiles rewrites every relative body-file path of set, which resolves from fromDir, so that it resolves
// to the same file from toDir. Absolute paths are left alone.
void rebaseBodyFiles(RouteSet &set, const QString &fromDir, const QString &toDir);

} // namespace mock
