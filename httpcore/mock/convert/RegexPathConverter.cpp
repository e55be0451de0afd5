#include "httpcore/mock/convert/RegexPathConverter.h"

#include "httpcore/mock/convert/ConvertText.h"
#include "httpcore/mock/convert/RegexText.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;

// Item is a piece of a regex path segment: a literal character or a wildcard token.
struct Item
{
    bool isToken = false;
    QString literal;
    QString source;
    QString name;
    bool anyChar = false;      // the atom is '.', which crosses '/'
    bool unbounded = false;    // the quantifier is *, + or {n,}
    bool plainSegment = false; // "[^/]+": exactly what a Go {name} matches
    bool allowsEmpty = false;  // the quantifier allows zero repetitions
};

// SegmentScanner splits one segment of a path regex into items, refusing every construct it cannot carry.
class SegmentScanner
{
public:
    explicit SegmentScanner(const QString &text) : m_text(text) {}

    bool scan(QList<Item> &items);
    const QString &why() const { return m_why; }
    bool hasUnescapedDot() const { return m_unescapedDot; }

private:
    bool isAtomStart() const;
    bool readAtom(QString &atom);
    bool readQuantifier(QString &quantifier);
    bool readGroup(Item &item);
    bool readLiteral(QString &literal);
    Item token(const QString &atom, const QString &quantifier, const QString &source) const;
    bool fail(const QString &why)
    {
        m_why = why;
        return false;
    }
    QChar at(qsizetype pos) const { return pos < m_text.size() ? m_text[pos] : QChar(); }

    QString m_text;
    qsizetype m_pos = 0;
    QString m_why;
    bool m_unescapedDot = false;
};

bool SegmentScanner::isAtomStart() const
{
    const QChar c = at(m_pos);
    return c == u'[' || c == u'.' || (c == u'\\' && u"dDwWsS"_s.contains(at(m_pos + 1)));
}

bool SegmentScanner::readAtom(QString &atom)
{
    const qsizetype start = m_pos;
    const QChar c = at(m_pos);
    if (c == u'.') {
        m_pos += 1;
    } else if (c == u'\\') {
        m_pos += 2;
    } else {
        qsizetype pos = m_pos + 1;
        if (at(pos) == u'^')
            ++pos;
        if (at(pos) == u']')
            ++pos;
        while (pos < m_text.size() && m_text[pos] != u']')
            pos += m_text[pos] == u'\\' ? 2 : 1;
        if (pos >= m_text.size())
            return fail(u"unterminated character class"_s);
        m_pos = pos + 1;
    }
    atom = m_text.sliced(start, m_pos - start);
    return true;
}

bool SegmentScanner::readQuantifier(QString &quantifier)
{
    static const QRegularExpression counted(u"\\{\\d+(,\\d*)?\\}"_s);
    const qsizetype start = m_pos;
    const QChar c = at(m_pos);
    if (c == u'*' || c == u'+' || c == u'?') {
        ++m_pos;
    } else if (c == u'{') {
        const QRegularExpressionMatch m = counted.match(m_text, m_pos, QRegularExpression::NormalMatch,
                                                        QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            return fail(u"'{' that is not a {n,m} quantifier"_s);
        m_pos += m.capturedLength();
    } else {
        quantifier.clear();
        return true;
    }
    if (at(m_pos) == u'?' || at(m_pos) == u'+')
        ++m_pos;
    quantifier = m_text.sliced(start, m_pos - start);
    return true;
}

Item SegmentScanner::token(const QString &atom, const QString &quantifier, const QString &source) const
{
    static const QRegularExpression openEnded(u"^\\{\\d+,\\}"_s);
    Item item;
    item.isToken = true;
    item.source = source;
    item.anyChar = atom == u"."_s;
    item.unbounded =
        quantifier.startsWith(u'*') || quantifier.startsWith(u'+') || openEnded.match(quantifier).hasMatch();
    item.allowsEmpty = quantifier.startsWith(u'*') || quantifier.startsWith(u'?') || quantifier.startsWith(u"{0"_s);
    item.plainSegment = atom == u"[^/]"_s && quantifier.startsWith(u'+');
    return item;
}

bool SegmentScanner::readGroup(Item &item)
{
    static const QRegularExpression named(u"\\(\\?P?<([A-Za-z][A-Za-z0-9_]*)>"_s);
    const qsizetype start = m_pos;
    QString name;
    if (const QRegularExpressionMatch m =
            named.match(m_text, m_pos, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        m.hasMatch()) {
        name = m.captured(1);
        m_pos += m.capturedLength();
    } else if (QStringView(m_text).sliced(m_pos).startsWith(u"(?:")) {
        m_pos += 3;
    } else if (at(m_pos + 1) == u'?') {
        return fail(u"a lookaround or inline-flag group"_s);
    } else {
        m_pos += 1;
    }
    QString atom;
    QString quantifier;
    if (!isAtomStart())
        return fail(u"a group that is not a single wildcard"_s);
    if (!readAtom(atom) || !readQuantifier(quantifier))
        return false;
    if (at(m_pos) != u')')
        return fail(u"a group that is not a single wildcard"_s);
    ++m_pos;
    if (u"*+?{"_s.contains(at(m_pos)) && !at(m_pos).isNull())
        return fail(u"a quantified group"_s);
    item = token(atom, quantifier, m_text.sliced(start, m_pos - start));
    item.name = name;
    return true;
}

bool SegmentScanner::readLiteral(QString &literal)
{
    const QChar c = at(m_pos);
    if (c == u'\\') {
        const QChar next = at(m_pos + 1);
        if (next.isNull())
            return fail(u"a trailing backslash"_s);
        if (next.isLetterOrNumber())
            return fail(u"the escape \\%1"_s.arg(next));
        literal = next;
        m_pos += 2;
    } else if (u"*+?{}|)^$"_s.contains(c)) {
        return fail(u"'%1' outside a wildcard"_s.arg(c));
    } else {
        literal = c;
        m_pos += 1;
    }
    if (u"*+?{"_s.contains(at(m_pos)) && !at(m_pos).isNull())
        return fail(u"a quantified literal"_s);
    return true;
}

bool SegmentScanner::scan(QList<Item> &items)
{
    while (m_pos < m_text.size()) {
        Item item;
        if (at(m_pos) == u'(') {
            if (!readGroup(item))
                return false;
        } else if (isAtomStart()) {
            const qsizetype start = m_pos;
            QString atom;
            QString quantifier;
            if (!readAtom(atom) || !readQuantifier(quantifier))
                return false;
            if (atom == u"."_s && quantifier.isEmpty()) {
                m_unescapedDot = true;
                item.literal = u"."_s;
            } else {
                item = token(atom, quantifier, m_text.sliced(start, m_pos - start));
            }
        } else if (!readLiteral(item.literal)) {
            return false;
        }
        items.append(item);
    }
    return true;
}

// splitSegments splits a path regex (after its leading '/') on '/' and "\/" outside classes and groups.
QStringList splitSegments(const QString &regex)
{
    QStringList segments{QString()};
    int depth = 0;
    bool inClass = false;
    for (qsizetype i = 0; i < regex.size(); ++i) {
        const QChar c = regex[i];
        if (c == u'\\' && i + 1 < regex.size()) {
            if (regex[i + 1] == u'/' && !inClass && depth == 0)
                segments.append(QString());
            else
                segments.last() += regex.sliced(i, 2);
            ++i;
            continue;
        }
        if (c == u'/' && !inClass && depth == 0) {
            segments.append(QString());
            continue;
        }
        if (c == u'[')
            inClass = true;
        else if (c == u']')
            inClass = false;
        else if (c == u'(' && !inClass)
            ++depth;
        else if (c == u')' && !inClass)
            --depth;
        segments.last() += c;
    }
    return segments;
}

// queryStart returns where the query part of a urlPattern starts (an escaped '?', or the group it opens), or -1.
qsizetype queryStart(const QString &regex)
{
    bool inClass = false;
    for (qsizetype i = 0; i + 1 < regex.size(); ++i) {
        const QChar c = regex[i];
        if (c == u'\\') {
            if (regex[i + 1] == u'?' && !inClass)
                return i > 0 && regex[i - 1] == u'(' ? i - 1 : i;
            ++i;
        } else if (c == u'[') {
            inClass = true;
        } else if (c == u']') {
            inClass = false;
        }
    }
    return -1;
}

class Converter
{
public:
    PathConversion run(const QString &regex, bool withQuery);

private:
    bool convertSegment(const QString &segment, bool isLast);
    void convertToken(const Item &item, bool isLast);
    QString nameFor(const Item &item, const QString &fallback);

    GoPathBuilder m_builder;
    PathConversion m_result;
    int m_unnamed = 0;
};

QString Converter::nameFor(const Item &item, const QString &fallback)
{
    if (!item.name.isEmpty())
        return item.name;
    return fallback.isEmpty() ? u"p%1"_s.arg(++m_unnamed) : fallback;
}

void Converter::convertToken(const Item &item, bool isLast)
{
    if (item.anyChar && item.unbounded && isLast) {
        const QString name = m_builder.appendWildcard(nameFor(item, u"rest"_s), true);
        if (item.allowsEmpty)
            m_result.changes.append(u"%1 became {%2...}"_s.arg(item.source, name));
        else
            m_result.approximations.append(
                u"%1 needs at least one character; {%2...} also matches an empty rest"_s.arg(item.source, name));
        return;
    }
    const QString name = m_builder.appendWildcard(nameFor(item, {}), false);
    m_result.names.append({item.name.isEmpty() ? name : item.name, name});
    if (item.plainSegment)
        m_result.changes.append(u"%1 became {%2}"_s.arg(item.source, name));
    else if (item.anyChar && item.unbounded)
        m_result.approximations.append(u"%1 matches across '/'; {%2} matches one segment"_s.arg(item.source, name));
    else
        m_result.approximations.append(
            u"the constraint %1 is not carried: {%2} matches any segment"_s.arg(item.source, name));
}

bool Converter::convertSegment(const QString &segment, bool isLast)
{
    SegmentScanner scanner(segment);
    QList<Item> items;
    if (!scanner.scan(items)) {
        m_result.error = u"the segment %1 is not a literal or a wildcard: %2"_s.arg(quoted(segment), scanner.why());
        return false;
    }
    QString literal;
    QList<Item> tokens;
    for (const Item &item : items) {
        if (item.isToken)
            tokens.append(item);
        else
            literal += item.literal;
    }
    if (tokens.isEmpty()) {
        m_builder.appendLiteral(literal);
        if (scanner.hasUnescapedDot())
            m_result.approximations.append(
                u"'.' in %1 matches any character; it is read as a literal '.'"_s.arg(quoted(segment)));
        return true;
    }
    if (tokens.size() == 1 && literal.isEmpty()) {
        convertToken(tokens.first(), isLast);
        return true;
    }
    const bool multi =
        isLast && std::any_of(tokens.cbegin(), tokens.cend(), [](const Item &t) { return t.anyChar && t.unbounded; });
    const QString name = m_builder.appendWildcard(nameFor(tokens.first(), multi ? u"rest"_s : QString()), multi);
    if (!multi)
        m_result.names.append({tokens.first().name.isEmpty() ? name : tokens.first().name, name});
    m_result.approximations.append(u"the segment %1 mixes text and wildcards: approximated by {%2%3}, which "
                                   u"matches more"_s.arg(quoted(segment), name, multi ? u"..."_s : QString()));
    return true;
}

PathConversion Converter::run(const QString &regex, bool withQuery)
{
    if (const QString error = RegexText::error(regex); !error.isEmpty()) {
        m_result.error = u"invalid regular expression: "_s + error;
        return m_result;
    }
    QString s = regex;
    if (s.startsWith(u'^'))
        s.remove(0, 1);
    if (s.endsWith(u'$') && !s.endsWith(u"\\$"_s))
        s.chop(1);
    if (const qsizetype query = withQuery ? queryStart(s) : -1; query >= 0) {
        m_result.approximations.append(u"the query part %1 is not carried: any query matches"_s.arg(s.sliced(query)));
        s.truncate(query);
    }
    if (s.endsWith(u"/?"_s) && s.size() > 2) {
        s.chop(2);
        m_result.approximations.append(u"the optional trailing '/' is dropped: only the path without it matches"_s);
    }
    if (s.startsWith(u"\\/"_s))
        s.remove(0, 1);
    if (!s.startsWith(u'/')) {
        m_result.error = u"the regex does not start with '/'"_s;
        return m_result;
    }
    QStringList segments = splitSegments(s.sliced(1));
    const bool trailingSlash = segments.last().isEmpty();
    if (trailingSlash)
        segments.removeLast();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (!convertSegment(segments[i], i + 1 == segments.size()))
            return m_result;
    }
    if (trailingSlash)
        m_builder.appendEnd();
    m_result.path = m_builder.path();
    return m_result;
}

} // namespace

PathConversion RegexPathConverter::convert(const QString &regex, bool withQuery)
{
    Converter converter;
    return converter.run(regex, withQuery);
}

} // namespace mock
