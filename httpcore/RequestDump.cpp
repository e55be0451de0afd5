#include "httpcore/RequestDump.h"

using namespace Qt::StringLiterals;

namespace httpcore
{

namespace
{

void appendFields(QByteArray &out, const Header &header)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        const Header::Field f = header.field(i);
        out.append(f.name).append(": ").append(f.value).append("\r\n");
    }
}

} // namespace

QByteArray dumpRequest(
    const Request &request, QByteArrayView body, qsizetype bodyCap, qint64 totalBodyBytes, const Header &trailer)
{
    const qsizetype shown = bodyCap < 0 ? body.size() : qMin(body.size(), bodyCap);
    const qint64 total = totalBodyBytes >= 0 ? totalBodyBytes : qint64(body.size());
    // A caller that claims fewer total bytes than it passed gets no notice rather than a negative count.
    const qint64 notShown = total - shown;

    QByteArray out;
    // Names, values, ": " and CRLF per field; the rest is small and may grow the buffer once.
    out.reserve(request.method.size() + request.target.size() + 16 + request.header.byteSize() +
                4 * request.header.size() + shown + trailer.byteSize() + 4 * trailer.size() + 48);
    out.append(request.method).append(' ').append(request.target).append(' ');
    out.append(request.versionString()).append("\r\n");
    appendFields(out, request.header);
    out.append("\r\n");
    out.append(body.first(shown));
    if (notShown > 0)
        out.append("\r\n[... ").append(QByteArray::number(notShown)).append(" more bytes not shown]\r\n");
    if (!trailer.isEmpty()) {
        // Trailer fields start on a line of their own even when the body does not end in CRLF.
        if (shown > 0 && !out.endsWith("\r\n"))
            out.append("\r\n");
        appendFields(out, trailer);
    }
    return out;
}

} // namespace httpcore
