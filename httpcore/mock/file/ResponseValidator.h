#pragma once

#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/ProblemList.h"

#include <QString>

namespace mock
{

// ResponseValidator checks one MockResponse of a route set for RouteSetValidator (which see for the list of
// checks), reporting with ProblemList::addIfReadable() under the response's JSON path. Pure static functions;
// thread-safe. Body files are looked up on disk.
class ResponseValidator
{
public:
    // validate checks response, whose JSON path is path; relative body files are resolved against baseDir
    // and not checked when it is empty.
    static void
    validate(const MockResponse &response, const QString &path, const QString &baseDir, ProblemList &problems);
};

} // namespace mock
