#pragma once

#include "httpcore/middleware/ResponseWriterWrapper.h"
#include "httpcore/middleware/TimeoutHandler.h"

#include <chrono>

namespace httpcore
{

// TimeoutWriter is the buffering ResponseWriter a TimeoutHandler gives its next handler (Go's timeoutWriter). It
// starts with a copy of the real response's header (so fields set by outer middleware are visible and can be
// changed); nothing reaches the real response until the writer completes in time (copyOut) or the limit passes
// (timeOut). See TimeoutHandler for the rules.
//
// Thread affinity: the connection's worker thread; not thread-safe.
class TimeoutWriter final : public ResponseWriterWrapper
{
public:
    TimeoutWriter(Token token,
                  ResponsePtr inner,
                  std::shared_ptr<const TimeoutHandler::Settings> settings,
                  std::chrono::steady_clock::time_point deadline);

    Header &header() override { return m_header; }
    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    // flush does nothing: the response is buffered until it completes.
    void flush() override {}
    bool isFinished() const override { return m_timedOut || ResponseWriterWrapper::isFinished(); }
    int status() const override { return m_status; }
    qint64 bodyBytesWritten() const override { return m_body.size(); }
    // hijack fails: a buffered response cannot hand its connection over.
    Expected<HijackedConnection, QString> hijack() override;

    // timeOut answers 503 on the real response, unless the handler completed already. Called by the timer.
    void timeOut();
    bool hasTimedOut() const { return m_timedOut; }

protected:
    // completeResponse copies the buffered response out, or answers 503 when the deadline has passed.
    void completeResponse() override;

private:
    // answerTimeout discards the buffer and sends the 503.
    void answerTimeout();

    const std::shared_ptr<const TimeoutHandler::Settings> m_settings;
    const std::chrono::steady_clock::time_point m_deadline;
    Header m_header;
    QByteArray m_body;
    int m_status = 0;
    bool m_timedOut = false;
};

} // namespace httpcore
