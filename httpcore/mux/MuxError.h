#pragma once

#include <QByteArray>
#include <QString>

namespace httpcore
{

// MuxError is why ServeMux::handle() refused a registration. message is a complete, human-readable sentence
// naming the pattern(s) involved, fit for a dialog or the log. A regular value type with no thread affinity.
struct MuxError
{
    enum class Kind
    {
        InvalidPattern, // the pattern does not parse; message says what is wrong and at which offset
        Conflict,       // the pattern conflicts with conflictingPattern, registered before
        NullHandler     // the handler is null
    };

    Kind kind = Kind::InvalidPattern;
    // pattern is the refused pattern as given.
    QByteArray pattern;
    // conflictingPattern is the registered pattern it conflicts with (Conflict only).
    QByteArray conflictingPattern;
    QString message;

    friend bool operator==(const MuxError &, const MuxError &) = default;
};

} // namespace httpcore
