#pragma once

#include "httpcore/CharClass.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QVarLengthArray>

namespace httpcore
{

// Header is an ordered, multi-valued collection of HTTP header fields (Go's http.Header, but keeping
// arrival order, which dumps and the inspector need).
//
// Names are stored in canonical form (see canonicalKey()) and looked up case-insensitively; values are
// stored as given (the parser has already trimmed optional whitespace). All names and values live in one
// byte buffer, so a parsed request's header costs one allocation; the QByteArrayViews returned by value(),
// values() and field() point into that buffer and stay valid until the Header is next modified or
// destroyed. Copy the bytes (toByteArray()) to keep them longer.
//
// Header is a regular value type with no thread affinity; it is not safe for concurrent modification.
class Header
{
public:
    // Field is one "name: value" line, as views into the Header's buffer.
    struct Field
    {
        QByteArrayView name;
        QByteArrayView value;
    };

    Header() = default;

    // add appends a field. The name is canonicalised; neither name nor value is validated (use
    // isValidName() and isValidValue() for untrusted input).
    void add(QByteArrayView name, QByteArrayView value);
    // set replaces every field called name by a single field with value, at the position of the first one
    // (or at the end when there was none).
    void set(QByteArrayView name, QByteArrayView value);
    // remove deletes every field called name and returns how many there were.
    qsizetype remove(QByteArrayView name);
    void clear();

    // value returns the first value of name, or a null view when there is none.
    QByteArrayView value(QByteArrayView name) const;
    // values returns every value of name, in arrival order.
    QList<QByteArrayView> values(QByteArrayView name) const;
    bool contains(QByteArrayView name) const { return indexOf(name) >= 0; }
    // count returns how many fields are called name.
    qsizetype count(QByteArrayView name) const;

    qsizetype size() const { return m_slots.size(); }
    bool isEmpty() const { return m_slots.isEmpty(); }
    Field field(qsizetype i) const;
    // byteSize returns the bytes of the current names and values (a measure for limits and statistics).
    qsizetype byteSize() const { return m_buffer.size() - m_deadBytes; }
    // reserve makes room for bytes of names and values, avoiding reallocation while parsing.
    void reserve(qsizetype bytes) { m_buffer.reserve(bytes); }

    // canonicalKey returns name in Go's CanonicalMIMEHeaderKey form: the first letter and every letter after
    // a hyphen upper-case, the rest lower-case ("content-type" -> "Content-Type"). A name that contains a
    // byte that is not a token character is returned unchanged, as Go does.
    static QByteArray canonicalKey(QByteArrayView name);
    // isValidName reports whether name is a non-empty RFC 9110 token.
    static bool isValidName(QByteArrayView name);
    // isValidValue reports whether value has only field-vchar, SP and HTAB (no CR, LF, NUL or other CTL).
    static bool isValidValue(QByteArrayView value);

    friend bool operator==(const Header &a, const Header &b);

private:
    // Slot locates one field in m_buffer. Offsets and lengths are in bytes.
    struct Slot
    {
        qint32 nameOffset;
        qint32 nameSize;
        qint32 valueOffset;
        qint32 valueSize;
    };

    qsizetype indexOf(QByteArrayView name, qsizetype from = 0) const;
    Slot append(QByteArrayView name, QByteArrayView value);
    void compactIfSparse();

    QByteArray m_buffer;
    QVarLengthArray<Slot, 16> m_slots;
    // m_deadBytes: bytes of m_buffer that no slot refers to any more (left by set() and remove()); the
    // buffer is compacted when they outnumber the live bytes, so repeated set() cannot grow it unbounded.
    qsizetype m_deadBytes = 0;
};

// equalsIgnoringCase compares two ASCII byte strings case-insensitively.
bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b);
// forEachListElement calls visit(element) for each element of the comma-separated list (RFC 9110 §5.6.1),
// trimmed of optional whitespace; empty elements are visited too (as empty views). visit returns false to
// stop early; forEachListElement returns false when it was stopped.
template <typename Visit>
bool forEachListElement(QByteArrayView list, Visit &&visit)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype end = list.indexOf(',', start);
        if (end < 0)
            end = list.size();
        qsizetype b = start;
        qsizetype e = end;
        while (b < e && isOws(list[b]))
            ++b;
        while (e > b && isOws(list[e - 1]))
            --e;
        if (!visit(list.sliced(b, e - b)))
            return false;
        start = end + 1;
    }
    return true;
}

// hasToken reports whether the comma-separated list value contains token, compared case-insensitively
// after trimming optional whitespace ("keep-alive, Upgrade" has "upgrade").
bool hasToken(QByteArrayView list, QByteArrayView token);

} // namespace httpcore
