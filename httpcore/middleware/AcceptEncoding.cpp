#include "httpcore/middleware/AcceptEncoding.h"

#include <optional>

namespace httpcore
{

namespace
{

// parseQValue parses an RFC 9110 §12.4.2 qvalue ("0", "0.5", "1.000") into thousandths.
std::optional<int> parseQValue(QByteArrayView v)
{
    if (v.isEmpty() || (v[0] != '0' && v[0] != '1'))
        return std::nullopt;
    int value = v[0] == '1' ? 1000 : 0;
    if (v.size() == 1)
        return value;
    if (v[1] != '.' || v.size() > 5)
        return std::nullopt;
    int scale = 100;
    for (qsizetype i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9' || (value == 1000 && v[i] != '0'))
            return std::nullopt;
        value += (v[i] - '0') * scale;
    }
    return value;
}

// elementQuality splits one list element into its coding and quality; nullopt when the qvalue is malformed.
std::optional<int> elementQuality(QByteArrayView element, QByteArrayView &coding)
{
    const qsizetype semicolon = element.indexOf(';');
    coding = (semicolon < 0 ? element : element.first(semicolon)).trimmed();
    if (semicolon < 0)
        return 1000;
    int quality = 1000;
    bool ok = true;
    // Parameters other than q (none are defined) are ignored.
    QByteArrayView params = element.sliced(semicolon + 1);
    while (!params.isEmpty()) {
        const qsizetype next = params.indexOf(';');
        const QByteArrayView param = (next < 0 ? params : params.first(next)).trimmed();
        params = next < 0 ? QByteArrayView() : params.sliced(next + 1);
        const qsizetype eq = param.indexOf('=');
        if (eq < 0 || !equalsIgnoringCase(param.first(eq).trimmed(), "q"))
            continue;
        const std::optional<int> q = parseQValue(param.sliced(eq + 1).trimmed());
        ok = ok && q.has_value();
        quality = q.value_or(0);
    }
    if (!ok)
        return std::nullopt;
    return quality;
}

bool sameCoding(QByteArrayView listed, QByteArrayView coding)
{
    if (equalsIgnoringCase(listed, coding))
        return true;
    return equalsIgnoringCase(coding, "gzip") && equalsIgnoringCase(listed, "x-gzip");
}

} // namespace

int acceptEncodingQuality(const QList<QByteArrayView> &values, QByteArrayView coding)
{
    int specific = -1;
    int wildcard = -1;
    for (QByteArrayView value : values) {
        forEachListElement(value, [&](QByteArrayView element) {
            QByteArrayView listed;
            const std::optional<int> q = elementQuality(element, listed);
            if (!q || listed.isEmpty())
                return true;
            if (sameCoding(listed, coding))
                specific = std::max(specific, *q);
            else if (listed == "*")
                wildcard = std::max(wildcard, *q);
            return true;
        });
    }
    // A coding listed by name takes precedence over "*", whatever their order.
    return specific >= 0 ? specific : wildcard;
}

bool acceptsGzip(const Header &header)
{
    return acceptEncodingQuality(header.values("Accept-Encoding"), "gzip") > 0;
}

} // namespace httpcore
