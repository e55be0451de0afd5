#pragma once

#include "app/CommandLine.h"

namespace app
{

// convertFile runs --import-mockoon, --import-openapi, --import-wiremock or --export-openapi as options say: it
// reads options.input, writes options.output atomically (QSaveFile) and prints the translation report, one entry
// per line, then a summary line on stdout. It returns the exit code: 0 when the output was written (whatever the
// report says), 1 when the input cannot be read or converted or the output cannot be written (the reason on
// stderr, naming the file; the output file, if any, is then unchanged).
int convertFile(const Options &options);

// serveRouteSet loads the route-set file options.routes and serves it headless (runHeadless()) until SIGINT or
// SIGTERM: the set's routes, middleware and proxy, with the host, port and workers of the file unless the command
// line gives them. A file that does not load is refused with every problem on stderr (exit 1); problems found
// while building what is served (a middleware left out, a template that does not parse) are warnings on stderr.
// The requestLogger middleware writes to stdout, run-time errors of routes go to stderr.
//
// With proxy.record on, each route the proxy records is added to the set, served from then on, and the set is
// saved back to options.routes (atomically) with a line on stdout saying so; recorded body files go to a
// "recordings" directory beside the file.
int serveRouteSet(const Options &options);

} // namespace app
