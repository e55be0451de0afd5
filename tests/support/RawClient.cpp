#include "support/RawClient.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

RawClient::RawClient(QObject *parent) : QObject(parent), m_socket(this), m_dripTimer(this)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawClient::handleReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        m_closed = true;
        handleReadyRead();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_closed = true;
    });
    connect(&m_dripTimer, &QTimer::timeout, this, [this] {
        if (m_dripPending.isEmpty()) {
            m_dripTimer.stop();
            return;
        }
        const QByteArray chunk = m_dripPending.left(m_dripChunk);
        m_dripPending.remove(0, chunk.size());
        m_socket.write(chunk);
    });
}

RawClient::~RawClient()
{
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
}

void RawClient::connectToServer(quint16 port)
{
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
}

void RawClient::send(QByteArrayView bytes)
{
    m_socket.write(bytes.data(), bytes.size());
}

void RawClient::drip(const QByteArray &bytes, qsizetype chunkSize, int intervalMs)
{
    m_dripPending += bytes;
    m_dripChunk = std::max<qsizetype>(chunkSize, 1);
    m_dripTimer.start(intervalMs);
}

qsizetype RawClient::finalResponseCount() const
{
    return std::count_if(m_responses.begin(), m_responses.end(), [](const Response &r) { return r.status >= 200; });
}

QByteArray
RawClient::request(QByteArrayView method, QByteArrayView target, QByteArrayView extraHeaders, QByteArrayView body)
{
    QByteArray out = method.toByteArray() + ' ' + target.toByteArray() + " HTTP/1.1\r\nHost: test\r\n"_ba;
    out += extraHeaders.toByteArray();
    out += "\r\n"_ba;
    out += body.toByteArray();
    return out;
}

void RawClient::handleReadyRead()
{
    if (m_socket.isOpen())
        m_received += m_socket.readAll();
    bool any = false;
    while (parseOne())
        any = true;
    if (any)
        Q_EMIT responseReceived();
}

// parseOne parses the next complete response from m_received; returns false when more bytes are needed.
bool RawClient::parseOne()
{
    const qsizetype headEnd = m_received.indexOf("\r\n\r\n", m_parsePos);
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = m_received.mid(m_parsePos, headEnd - m_parsePos).split('\n');
    Response response;
    const QByteArray statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    response.version = parts.value(0);
    response.status = parts.value(1).toInt();
    response.reason = statusLine.mid(response.version.size() + parts.value(1).size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.header.add(line.left(colon), line.mid(colon + 1).trimmed());
    }
    qsizetype pos = headEnd + 4;
    const bool noBody = response.status < 200 || response.status == 204 || response.status == 304 ||
                        (response.status >= 200 && m_headResponses > 0);
    if (noBody) {
        // nothing
    } else if (response.header.contains("Content-Length")) {
        const qsizetype length = response.header.value("Content-Length").toByteArray().toLongLong();
        if (m_received.size() - pos < length)
            return false;
        response.body = m_received.mid(pos, length);
        pos += length;
    } else if (httpcore::hasToken(response.header.value("Transfer-Encoding"), "chunked")) {
        for (;;) {
            const qsizetype lineEnd = m_received.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qsizetype size = m_received.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok)
                return false;
            pos = lineEnd + 2;
            if (size == 0) {
                const qsizetype trailerEnd = m_received.indexOf("\r\n", pos);
                if (trailerEnd < 0)
                    return false;
                if (trailerEnd != pos) { // trailer fields: skip to the empty line
                    const qsizetype end = m_received.indexOf("\r\n\r\n", pos);
                    if (end < 0)
                        return false;
                    pos = end + 4;
                } else {
                    pos = trailerEnd + 2;
                }
                break;
            }
            if (m_received.size() - pos < size + 2)
                return false;
            response.body += m_received.mid(pos, size);
            pos += size + 2;
        }
    } else {
        // Close-delimited body: complete only once the connection closed.
        if (!m_closed)
            return false;
        response.body = m_received.mid(pos);
        pos = m_received.size();
    }
    if (response.status >= 200 && m_headResponses > 0)
        --m_headResponses;
    m_parsePos = pos;
    m_responses.append(response);
    return true;
}
