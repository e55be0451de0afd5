#pragma once

#include "httpcore/mock/file/ProblemList.h"

#include <QByteArrayView>

namespace mock
{

// DuplicateKeyScanner finds objects that repeat a key in the text of a JSON document. QJsonDocument keeps only
// the last of them without a word, which would let a repeated "status" or "pattern" in a hand-edited route
// set go unnoticed; the loader reports each repeat instead, with its line and column and the JSON path of the
// object, as `duplicate key "status"`.
//
// Pure static functions; thread-safe.
class DuplicateKeyScanner
{
public:
    // scan reports into problems every repeated key of every object of json. Precondition: json is valid JSON
    // (QJsonDocument::fromJson() accepted it); the scan does not check the syntax.
    static void scan(QByteArrayView json, ProblemList &problems);
};

} // namespace mock
