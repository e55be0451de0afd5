#include "httpcore/Header.h"

#include <array>
#include <cstring>

namespace httpcore
{

namespace
{

constexpr std::array<char, 256> makeCaseTable(bool upper)
{
    std::array<char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        char mapped = static_cast<char>(c);
        if (upper && c >= 'a' && c <= 'z')
            mapped = static_cast<char>(c - ('a' - 'A'));
        if (!upper && c >= 'A' && c <= 'Z')
            mapped = static_cast<char>(c + ('a' - 'A'));
        table[c] = mapped;
    }
    return table;
}

constexpr std::array<char, 256> UpperTable = makeCaseTable(true);
constexpr std::array<char, 256> LowerTable = makeCaseTable(false);

inline char toLowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

inline char toUpperAscii(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
}

} // namespace

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (toLowerAscii(a[i]) != toLowerAscii(b[i]))
            return false;
    }
    return true;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    // An empty token is in no list (as Go's hasToken); without this, "a,,b" would contain it.
    if (token.isEmpty())
        return false;
    return !forEachListElement(list, [token](QByteArrayView element) { return !equalsIgnoringCase(element, token); });
}

void Header::add(QByteArrayView name, QByteArrayView value)
{
    m_slots.append(append(name, value));
}

void Header::set(QByteArrayView name, QByteArrayView value)
{
    const qsizetype first = indexOf(name);
    if (first < 0) {
        add(name, value);
        return;
    }
    // Copy before appending: name and value may be views into m_buffer itself.
    const QByteArray nameCopy = name.toByteArray();
    const QByteArray valueCopy = value.toByteArray();
    m_deadBytes += m_slots[first].nameSize + m_slots[first].valueSize;
    m_slots[first] = append(nameCopy, valueCopy);
    for (qsizetype i = m_slots.size() - 1; i > first; --i) {
        if (equalsIgnoringCase(field(i).name, nameCopy)) {
            m_deadBytes += m_slots[i].nameSize + m_slots[i].valueSize;
            m_slots.remove(i);
        }
    }
    compactIfSparse();
}

qsizetype Header::remove(QByteArrayView name)
{
    qsizetype removed = 0;
    for (qsizetype i = m_slots.size() - 1; i >= 0; --i) {
        if (equalsIgnoringCase(field(i).name, name)) {
            m_deadBytes += m_slots[i].nameSize + m_slots[i].valueSize;
            m_slots.remove(i);
            ++removed;
        }
    }
    if (m_slots.isEmpty())
        clear();
    else
        compactIfSparse();
    return removed;
}

void Header::clear()
{
    m_slots.clear();
    m_buffer.clear();
    m_deadBytes = 0;
}

QByteArrayView Header::value(QByteArrayView name) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? QByteArrayView() : field(i).value;
}

QList<QByteArrayView> Header::values(QByteArrayView name) const
{
    QList<QByteArrayView> result;
    for (qsizetype i = indexOf(name); i >= 0; i = indexOf(name, i + 1))
        result.append(field(i).value);
    return result;
}

qsizetype Header::count(QByteArrayView name) const
{
    qsizetype n = 0;
    for (qsizetype i = indexOf(name); i >= 0; i = indexOf(name, i + 1))
        ++n;
    return n;
}

Header::Field Header::field(qsizetype i) const
{
    const Slot &s = m_slots[i];
    const char *data = m_buffer.constData();
    return Field{QByteArrayView(data + s.nameOffset, s.nameSize), QByteArrayView(data + s.valueOffset, s.valueSize)};
}

QByteArray Header::canonicalKey(QByteArrayView name)
{
    QByteArray key = name.toByteArray();
    for (char c : name) {
        if (!isTokenChar(static_cast<unsigned char>(c)) || c == ' ')
            return key;
    }
    bool upper = true;
    for (char &c : key) {
        c = upper ? toUpperAscii(c) : toLowerAscii(c);
        upper = c == '-';
    }
    return key;
}

bool Header::isValidName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (!isTokenChar(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

bool Header::isValidValue(QByteArrayView value)
{
    for (char c : value) {
        if (!isFieldValueChar(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

bool operator==(const Header &a, const Header &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const Header::Field fa = a.field(i);
        const Header::Field fb = b.field(i);
        if (fa.name != fb.name || fa.value != fb.value)
            return false;
    }
    return true;
}

qsizetype Header::indexOf(QByteArrayView name, qsizetype from) const
{
    for (qsizetype i = from; i < m_slots.size(); ++i) {
        const Slot &s = m_slots[i];
        if (s.nameSize == name.size() &&
            equalsIgnoringCase(QByteArrayView(m_buffer.constData() + s.nameOffset, s.nameSize), name))
            return i;
    }
    return -1;
}

void Header::compactIfSparse()
{
    if (m_deadBytes * 2 <= m_buffer.size())
        return;
    QByteArray packed;
    packed.reserve(m_buffer.size() - m_deadBytes);
    for (Slot &s : m_slots) {
        const qint32 nameOffset = static_cast<qint32>(packed.size());
        packed.append(m_buffer.constData() + s.nameOffset, s.nameSize);
        const qint32 valueOffset = static_cast<qint32>(packed.size());
        packed.append(m_buffer.constData() + s.valueOffset, s.valueSize);
        s.nameOffset = nameOffset;
        s.valueOffset = valueOffset;
    }
    m_buffer = std::move(packed);
    m_deadBytes = 0;
}

Header::Slot Header::append(QByteArrayView name, QByteArrayView value)
{
    const char *begin = m_buffer.constData();
    const char *end = begin + m_buffer.size();
    const auto inside = [begin, end](QByteArrayView v) { return !v.isEmpty() && v.data() >= begin && v.data() < end; };
    if (inside(name) || inside(value)) {
        // Appending may reallocate m_buffer, which would leave these views dangling.
        return append(name.toByteArray(), value.toByteArray());
    }
    // Invariant: every field fits in 2 GiB; the parser's limits and any sane handler keep it far smaller.
    Q_ASSERT(m_buffer.size() + name.size() + value.size() < (qsizetype(1) << 31));
    Slot slot{};
    slot.nameOffset = static_cast<qint32>(m_buffer.size());
    slot.nameSize = static_cast<qint32>(name.size());
    slot.valueOffset = static_cast<qint32>(m_buffer.size() + name.size());
    slot.valueSize = static_cast<qint32>(value.size());
    // This runs once per parsed field: one resize (no reallocation once the parser has reserved), then a
    // single table-driven pass that copies and canonicalises the name together.
    m_buffer.resize(m_buffer.size() + name.size() + value.size());
    char *out = m_buffer.data() + slot.nameOffset;
    bool upper = true;
    bool token = !name.isEmpty();
    for (qsizetype i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        token = token && isTokenChar(c);
        out[i] = upper ? UpperTable[c] : LowerTable[c];
        upper = c == '-';
    }
    // Go's CanonicalMIMEHeaderKey leaves a name with a non-token byte as it is.
    if (!token)
        std::memcpy(out, name.data(), name.size());
    if (!value.isEmpty())
        std::memcpy(out + name.size(), value.data(), value.size());
    return slot;
}

} // namespace httpcore
