#include "httpcore/mock/file/ResponseValidator.h"

#include "httpcore/CharClass.h"
#include "httpcore/mock/file/JsonLocation.h"
#include "httpcore/mock/file/RouteSetKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using jsonlocation::element;
using jsonlocation::member;

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

// controlCharacter returns the index of the first character of text not allowed in a field value (RFC 9110
// §5.5: controls other than HTAB, and DEL), or -1. Non-ASCII is allowed: it goes out as UTF-8 (obs-text).
qsizetype controlCharacter(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if ((c < 0x20 && c != u'\t') || c == 0x7f)
            return i;
    }
    return -1;
}

void checkFieldValue(const QString &value, const QString &what, const QString &path, ProblemList &problems)
{
    const qsizetype at = controlCharacter(value);
    if (at >= 0)
        problems.addIfReadable(
            path, u"%1 contains a control character (U+%2) at offset %3"_s.arg(
                      what, QString::number(uint(value[at].unicode()), 16).toUpper().rightJustified(4, u'0'),
                      QString::number(at)));
}

void checkHeaders(const QList<std::pair<QString, QString>> &headers, const QString &path, ProblemList &problems)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QString headerPath = element(path, i);
        const auto &[name, value] = headers[i];
        const QByteArray bytes = name.toUtf8();
        const bool isToken = !bytes.isEmpty() && std::all_of(bytes.cbegin(), bytes.cend(), [](char c) {
            return httpcore::isTokenChar(static_cast<unsigned char>(c));
        });
        if (name.isEmpty())
            problems.addIfReadable(member(headerPath, keys::Name), u"header name must not be empty"_s);
        else if (!isToken)
            problems.addIfReadable(member(headerPath, keys::Name),
                                   u"header name %1 is not an HTTP token (RFC 9110 §5.6.2: letters, digits and "
                                   u"!#$%&'*+-.^_`|~ only)"_s.arg(quoted(name)));
        checkFieldValue(value, u"header value"_s, member(headerPath, keys::Value), problems);
    }
}

void checkBodyFile(const QString &bodyFile, const QString &baseDir, const QString &path, ProblemList &problems)
{
    if (bodyFile.isEmpty() || (baseDir.isEmpty() && QDir::isRelativePath(bodyFile)))
        return;
    const QFileInfo info(QDir(baseDir).filePath(bodyFile));
    if (!info.exists())
        problems.addIfReadable(path, u"body file %1 not found (looked for %2)"_s.arg(
                                         quoted(bodyFile), quoted(QDir::toNativeSeparators(info.absoluteFilePath()))));
    else if (info.isDir())
        problems.addIfReadable(path, u"body file %1 is a directory"_s.arg(quoted(bodyFile)));
    else if (!info.isReadable())
        problems.addIfReadable(path, u"body file %1 cannot be read"_s.arg(quoted(bodyFile)));
}

void checkDelay(const Delay &delay, const QString &path, ProblemList &problems)
{
    if (delay.minMs < 0)
        problems.addIfReadable(member(path, keys::MinMs), u"minMs must not be negative (got %1)"_s.arg(delay.minMs));
    if (delay.maxMs < 0)
        problems.addIfReadable(member(path, keys::MaxMs), u"maxMs must not be negative (got %1)"_s.arg(delay.maxMs));
    if (delay.minMs >= 0 && delay.maxMs >= 0 && delay.minMs > delay.maxMs)
        problems.addIfReadable(path, u"minMs (%1) is greater than maxMs (%2)"_s.arg(delay.minMs).arg(delay.maxMs));
}

void checkRule(const Rule &rule, const QString &path, ProblemList &problems)
{
    if (ruleUsesName(rule.target) && rule.name.isEmpty())
        problems.addIfReadable(path,
                               u"a %1 rule needs a non-empty \"name\""_s.arg(quoted(ruleTargetName(rule.target))));
    if (rule.target == RuleTarget::JsonBody && !rule.name.isEmpty() && rule.name.split(u'.').contains(QString()))
        problems.addIfReadable(member(path, keys::Name),
                               u"invalid JSON body path %1: empty segment"_s.arg(quoted(rule.name)));
    if (rule.op == RuleOperator::Regex) {
        const QRegularExpression regex(rule.value);
        if (!regex.isValid())
            problems.addIfReadable(member(path, keys::Value), u"invalid regular expression %1: %2 at offset %3"_s
                                                                  .arg(quoted(rule.value), regex.errorString())
                                                                  .arg(regex.patternErrorOffset()));
    }
}

void checkAtLeast(qint64 value, qint64 min, QStringView key, const QString &path, ProblemList &problems)
{
    if (value >= min)
        return;
    const QString message = min == 0 ? u"%1 must not be negative (got %2)"_s.arg(key).arg(value)
                                     : u"%1 must be at least %2 (got %3)"_s.arg(key).arg(min).arg(value);
    problems.addIfReadable(member(path, key), message);
}

void checkFault(const Fault &fault, const QString &path, ProblemList &problems)
{
    if (!(fault.probability >= 0.0 && fault.probability <= 1.0))
        problems.addIfReadable(member(path, keys::Probability),
                               u"probability must be from 0 to 1 (got %1)"_s.arg(
                                   QString::number(fault.probability, 'g', QLocale::FloatingPointShortest)));
    const QList<QStringView> uses = faultParameterKeys(fault.kind);
    if (uses.contains(keys::AtByte))
        checkAtLeast(fault.atByte, 0, keys::AtByte, path, problems);
    if (uses.contains(keys::BytesPerSecond))
        checkAtLeast(fault.bytesPerSecond, 1, keys::BytesPerSecond, path, problems);
    if (uses.contains(keys::JitterPercent) && (fault.jitterPercent < 0 || fault.jitterPercent > 100))
        problems.addIfReadable(member(path, keys::JitterPercent),
                               u"jitterPercent must be from 0 to 100 (got %1)"_s.arg(fault.jitterPercent));
    if (uses.contains(keys::AfterRequests))
        checkAtLeast(fault.afterRequests, 1, keys::AfterRequests, path, problems);
}

} // namespace

void ResponseValidator::validate(const MockResponse &response,
                                 const QString &path,
                                 const QString &baseDir,
                                 ProblemList &problems)
{
    if (response.status < 100 || response.status > 599)
        problems.addIfReadable(member(path, keys::Status),
                               u"status must be from 100 to 599 (got %1)"_s.arg(response.status));
    checkHeaders(response.headers, member(path, keys::Headers), problems);
    checkFieldValue(response.contentType, u"content type"_s, member(path, keys::ContentType), problems);
    checkBodyFile(response.bodyFile, baseDir, member(path, keys::BodyFile), problems);
    checkDelay(response.delay, member(path, keys::Delay), problems);
    for (qsizetype i = 0; i < response.rules.size(); ++i)
        checkRule(response.rules[i], element(member(path, keys::Rules), i), problems);
    if (response.fault)
        checkFault(*response.fault, member(path, keys::Fault), problems);
}

} // namespace mock
