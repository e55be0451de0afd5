#include "httpcore/middleware/ConstantTime.h"

namespace httpcore
{

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    // Accumulate every difference instead of returning at the first one. volatile keeps the compiler from
    // turning the loop into an early-exit comparison.
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace httpcore
