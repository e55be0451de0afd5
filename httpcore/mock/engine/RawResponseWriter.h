#pragma once

#include "httpcore/Http1ResponseWriter.h"

#include <QPointer>

namespace mock
{

class RawConnection;

// RawResponseWriter is a ResponseWriter over a connection the engine took over (after reading an upload slowly),
// so the answer that follows is produced by the same code as any other: an Http1ResponseWriter serialises it onto
// the RawConnection. The connection is not reused: the response says "Connection: close" and finish() closes the
// connection gracefully. Releasing the last ResponsePtr finishes the response, as with the server's writer; when
// the connection closed first, writes are refused (-1) and isFinished() is true.
//
// Thread affinity: the worker thread of the connection; not thread-safe.
class RawResponseWriter final : public httpcore::ResponseWriter, private httpcore::ByteSink
{
public:
    // RawResponseWriter answers on raw (non-owning; it may close under the writer) a request of version.
    RawResponseWriter(RawConnection *raw, httpcore::HttpVersion version, bool isHead);
    ~RawResponseWriter() override;
    Q_DISABLE_COPY_MOVE(RawResponseWriter)

    httpcore::Header &header() override { return m_writer.header(); }
    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    void flush() override;
    void finish() override;
    bool isFinished() const override;
    int status() const override { return m_writer.status(); }
    qint64 bodyBytesWritten() const override { return m_writer.bodyBytesWritten(); }
    qint64 bufferedBytes() const override;
    void whenDrained(qint64 lowWater, std::function<void()> callback) override;
    // hijack fails: the connection is already taken over.
    httpcore::Expected<httpcore::HijackedConnection, QString> hijack() override;

private:
    void sendBytes(QByteArray bytes) override;
    bool isGone() const;

    QPointer<RawConnection> m_raw;
    httpcore::Http1ResponseWriter m_writer;
};

} // namespace mock
