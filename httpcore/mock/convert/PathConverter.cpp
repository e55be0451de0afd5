#include "httpcore/mock/convert/PathConverter.h"

#include "httpcore/mock/convert/ConvertText.h"

#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using convert::quoted;

// splitPath returns the segments of path after its leading '/', without a trailing empty segment; trailingSlash
// says whether there was one. The root gives no segment and trailingSlash true.
QStringList splitPath(const QString &path, bool &trailingSlash)
{
    QStringList segments = path.sliced(1).split(u'/');
    trailingSlash = segments.last().isEmpty();
    if (trailingSlash)
        segments.removeLast();
    return segments;
}

// expressLiteral returns an Express path segment with its escapes ("\\(" or "[(]") resolved, or nothing when
// the segment uses pattern characters or parameters.
std::optional<QString> expressLiteral(const QString &segment)
{
    static const QRegularExpression bracketed(u"\\[(.)\\]"_s);
    QString out;
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const QChar c = segment[i];
        if (c == u'\\' && i + 1 < segment.size()) {
            out += segment[++i];
        } else if (c == u'[') {
            const QRegularExpressionMatch m = bracketed.match(segment, i, QRegularExpression::NormalMatch,
                                                              QRegularExpression::AnchorAtOffsetMatchOption);
            if (!m.hasMatch())
                return std::nullopt;
            out += m.captured(1);
            i += 2;
        } else if (u"?+*()[]{}:"_s.contains(c)) {
            return std::nullopt;
        } else {
            out += c;
        }
    }
    return out;
}

void convertExpressSegment(const QString &segment, bool isLast, GoPathBuilder &builder, PathConversion &result)
{
    static const QRegularExpression param(u"^:(\\w+)(\\(.*\\))?(\\?)?$"_s);
    static const QRegularExpression splat(u"^\\*(\\w*)$"_s);
    static const QRegularExpression anyParam(u":(\\w+)"_s);
    if (const QRegularExpressionMatch m = param.match(segment); m.hasMatch()) {
        const QString name = builder.appendWildcard(m.captured(1), false);
        result.names.append({m.captured(1), name});
        if (m.hasCaptured(2))
            result.approximations.append(u"the constraint %1 of :%2 is not carried: {%3} matches any segment"_s.arg(
                m.captured(2), m.captured(1), name));
        if (m.hasCaptured(3))
            result.approximations.append(
                u":%1? is optional, {%2} is not: the path without that segment no longer matches"_s.arg(m.captured(1),
                                                                                                        name));
        if (!m.hasCaptured(2) && !m.hasCaptured(3))
            result.changes.append(u":%1 became {%2}"_s.arg(m.captured(1), name));
        return;
    }
    if (const QRegularExpressionMatch m = splat.match(segment); m.hasMatch()) {
        const QString source = segment;
        if (isLast) {
            const QString name = builder.appendWildcard(m.captured(1).isEmpty() ? u"rest"_s : m.captured(1), true);
            result.changes.append(u"%1 became {%2...}"_s.arg(source, name));
        } else {
            const QString name = builder.appendWildcard(m.captured(1).isEmpty() ? u"segment"_s : m.captured(1), false);
            result.approximations.append(
                u"%1 before the last segment matches any text, '/' included; {%2} matches one segment"_s.arg(source,
                                                                                                             name));
        }
        return;
    }
    if (const std::optional<QString> literal = expressLiteral(segment)) {
        builder.appendLiteral(*literal);
        if (*literal != segment)
            result.changes.append(u"the escaped segment %1 is the literal %2"_s.arg(quoted(segment), quoted(*literal)));
        return;
    }
    const QRegularExpressionMatch first = anyParam.match(segment);
    const bool multi = isLast && segment.contains(u'*');
    const QString base = first.hasMatch() ? first.captured(1) : (multi ? u"rest"_s : u"segment"_s);
    const QString name = builder.appendWildcard(base, multi);
    if (first.hasMatch())
        result.names.append({first.captured(1), name});
    result.approximations.append(
        u"the segment %1 mixes text with parameters or Express pattern characters: "
        u"approximated by {%2%3}, which matches more"_s.arg(quoted(segment), name, multi ? u"..."_s : QString()));
}

} // namespace

PathConversion PathConverter::fromExpress(const QString &endpoint)
{
    PathConversion result;
    const QString path = endpoint.startsWith(u'/') ? endpoint : u'/' + endpoint;
    bool trailingSlash = false;
    const QStringList segments = splitPath(path, trailingSlash);
    GoPathBuilder builder;
    for (qsizetype i = 0; i < segments.size(); ++i)
        convertExpressSegment(segments[i], i + 1 == segments.size(), builder, result);
    if (segments.isEmpty()) {
        builder.appendEnd();
        result.changes.append(u"the root became \"/{$}\" (the Go pattern \"/\" matches every path)"_s);
    } else if (trailingSlash) {
        result.changes.append(u"the trailing '/' is dropped (Express matches the path with and without it)"_s);
    }
    result.path = builder.path();
    return result;
}

namespace
{

// convertTemplateSegment converts one segment holding '{'; it returns an error message or an empty string.
QString convertTemplateSegment(const QString &segment, GoPathBuilder &builder, PathConversion &result)
{
    static const QRegularExpression variable(u"\\{([^{}]*)\\}"_s);
    static const QRegularExpression whole(u"^\\{([^{}]*)\\}$"_s);
    QStringList names;
    QString rest = segment;
    for (const QRegularExpressionMatch &m : variable.globalMatch(segment)) {
        const QString name = m.captured(1);
        if (name.isEmpty() || u"+#./;?&=,!@|"_s.contains(name.front()) || name.endsWith(u'*') || name.contains(u':') ||
            name.contains(u','))
            return u"the expression {%1} is an RFC 6570 form with no Go equivalent (only {name} is)"_s.arg(name);
        names.append(name);
        rest.remove(m.captured(0));
    }
    if (rest.contains(u'{') || rest.contains(u'}'))
        return u"unbalanced braces in the segment %1"_s.arg(quoted(segment));
    const QString name = builder.appendWildcard(names.first(), false);
    result.names.append({names.first(), name});
    if (whole.match(segment).hasMatch()) {
        if (name != names.first())
            result.changes.append(u"{%1} became {%2} (a Go wildcard name is an identifier, unique in the path)"_s.arg(
                names.first(), name));
        return {};
    }
    QString message = u"the segment %1 mixes text and variables: approximated by {%2}, which matches any segment"_s.arg(
        quoted(segment), name);
    if (names.size() > 1)
        message += u" (%1 not captured)"_s.arg(u'{' + names.sliced(1).join(u"}, {"_s) + u'}');
    result.approximations.append(message);
    return {};
}

PathConversion fromExact(const QString &path, bool templated)
{
    PathConversion result;
    if (!path.startsWith(u'/')) {
        result.error = u"the path %1 does not start with '/'"_s.arg(quoted(path));
        return result;
    }
    bool trailingSlash = false;
    const QStringList segments = splitPath(path, trailingSlash);
    GoPathBuilder builder;
    for (const QString &segment : segments) {
        if (!templated || !segment.contains(u'{')) {
            builder.appendLiteral(segment);
            continue;
        }
        if (QString error = convertTemplateSegment(segment, builder, result); !error.isEmpty()) {
            result.error = error;
            return result;
        }
    }
    if (trailingSlash) {
        builder.appendEnd();
        result.changes.append(segments.isEmpty()
                                  ? u"the root became \"/{$}\" (the Go pattern \"/\" matches every path)"_s
                                  : u"the trailing '/' became \"/{$}\" (a Go path ending in '/' matches every "
                                    u"path below it)"_s);
    }
    result.path = builder.path();
    return result;
}

} // namespace

PathConversion PathConverter::fromTemplate(const QString &path)
{
    return fromExact(path, true);
}

PathConversion PathConverter::fromLiteral(const QString &path)
{
    return fromExact(path, false);
}

} // namespace mock
