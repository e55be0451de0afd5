#pragma once

#include "httpcore/mock/file/ProblemList.h"

#include <QByteArrayView>

namespace mock
{

// JsonTextScanner reads the text of a JSON document for what QJsonDocument lets pass without a word, and reports
// each with its line and column and the JSON path of the object or array holding it:
// - an object that repeats a key (`duplicate key "status"`): QJsonDocument keeps only the last one, which would
//   let a repeated "status" or "pattern" in a hand-edited route set go unnoticed;
// - a string (or key) that escapes half of a UTF-16 surrogate pair (`"\ud800"` alone): JSON's grammar allows it
//   (RFC 8259 §8.2 calls its behaviour unpredictable), but it is no Unicode text, and UTF-8 cannot hold it, so
//   the loader refuses it rather than change it on the next save.
//
// Pure static functions; thread-safe.
class JsonTextScanner
{
public:
    // scan reports into problems every repeated key of every object of json and every string holding half a
    // surrogate pair. Precondition: json is valid JSON
    // (QJsonDocument::fromJson() accepted it); the scan does not check the syntax.
    static void scan(QByteArrayView json, ProblemList &problems);
};

} // namespace mock
