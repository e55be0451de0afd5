#pragma once

#include <QByteArrayView>

namespace httpcore
{

// constantTimeEquals compares a and b in time that depends only on their sizes, not on where they differ (Go's
// subtle.ConstantTimeCompare). Arrays of different sizes compare unequal at once, so the size is not secret:
// compare fixed-size digests to hide it (as AuthGate does). Pure; thread-safe.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace httpcore
