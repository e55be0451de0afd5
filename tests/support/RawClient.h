#pragma once

#include "httpcore/Header.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>

// RawClient is a test HTTP/1.1 client over a raw QTcpSocket: it sends exactly the bytes it is given (so it can
// pipeline, drip bytes one by one or send malformed requests) and parses what comes back into responses,
// informational (1xx) ones included, as they complete.
//
// Thread affinity: the thread that created it (the test's main thread); drive it with QTRY_* macros.
class RawClient : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        QByteArray version;
        int status = 0;
        QByteArray reason;
        httpcore::Header header;
        QByteArray body;
    };

    explicit RawClient(QObject *parent = nullptr);
    // The destructor stops listening to the socket first: m_socket outlives the other members, and its own
    // destructor would otherwise deliver disconnected() into a half-destroyed client.
    ~RawClient() override;

    // connectToServer starts connecting to 127.0.0.1:port; wait with QTRY_VERIFY(isConnected()).
    void connectToServer(quint16 port);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // isClosed is true once the server closed the connection (or it failed).
    bool isClosed() const { return m_closed; }

    // send writes bytes as they are.
    void send(QByteArrayView bytes);
    // drip writes bytes chunkSize at a time, one chunk every intervalMs milliseconds.
    void drip(const QByteArray &bytes, qsizetype chunkSize, int intervalMs);
    // expectHeadResponse says the next response to parse answers a HEAD request (no body).
    void expectHeadResponse() { ++m_headResponses; }

    const QList<Response> &responses() const { return m_responses; }
    qsizetype responseCount() const { return m_responses.size(); }
    // finalResponseCount counts responses with a status >= 200.
    qsizetype finalResponseCount() const;
    // received returns every byte received so far.
    const QByteArray &received() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }

    // request builds "METHOD target HTTP/1.1\r\nHost: test\r\n<extra>\r\n" + body.
    static QByteArray
    request(QByteArrayView method, QByteArrayView target, QByteArrayView extraHeaders = {}, QByteArrayView body = {});

Q_SIGNALS:
    void responseReceived();

private:
    void handleReadyRead();
    bool parseOne();

    QTcpSocket m_socket;
    QTimer m_dripTimer;
    QByteArray m_dripPending;
    qsizetype m_dripChunk = 1;
    QByteArray m_received;
    qsizetype m_parsePos = 0;
    int m_headResponses = 0;
    bool m_closed = false;
    QList<Response> m_responses;
};
