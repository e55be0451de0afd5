#pragma once

#include "httpcore/Header.h"

namespace httpcore
{

// addVary adds token to the Vary field of header unless it is already listed there (case-insensitively) or Vary
// is "*", merging into the existing field(s) instead of adding a duplicate (RFC 9110 §12.5.5). Pure; no thread
// affinity.
void addVary(Header &header, QByteArrayView token);

} // namespace httpcore
