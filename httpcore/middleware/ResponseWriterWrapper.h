#pragma once

#include "httpcore/Handler.h"

#include <exception>
#include <memory>
#include <utility>

namespace httpcore
{

// ResponseWriterWrapper is the base of the ResponseWriters that middleware hands to the next handler in place of
// its own: by default every call is forwarded to the inner ResponsePtr (hijack() included), and a subclass
// overrides what it transforms (compression, buffering, capture).
//
// Completion hook: completeResponse() runs exactly once, at the first of finish(), a successful hijack(), or the
// release of the last ResponsePtr copy to the wrapper; so post-processing (a log line, a captured exchange)
// works the same for handlers that finish synchronously and for handlers that keep the writer and finish later.
// The default completeResponse() finishes the inner response. When the last copy is released while an exception
// propagates (a handler threw and nothing kept the writer), the wrapper is "abandoned": isAbandoned() is true
// during the hook and the default does NOT finish the inner response, so whoever catches the exception decides
// (the recovery middleware answers 500; the server closes the connection). Overrides must respect that.
//
// Creation: only through make<T>(), whose deleter runs the hook before destruction (a destructor could not
// dispatch to the subclass); subclass constructors take the Token that make() passes.
//
// Thread affinity: the connection's worker thread, like the ResponsePtr it wraps; not thread-safe.
class ResponseWriterWrapper : public ResponseWriter
{
protected:
    // Token restricts construction to make(): subclasses receive one in their constructor and pass it on.
    class Token
    {
        Token() = default;
        friend class ResponseWriterWrapper;
    };

public:
    ResponseWriterWrapper(Token token, ResponsePtr inner);
    ~ResponseWriterWrapper() override;
    Q_DISABLE_COPY_MOVE(ResponseWriterWrapper)

    // make constructs a T (a subclass) with args after the Token and returns it as a shared_ptr whose release
    // completes the response (see the class comment).
    template <typename T, typename... Args>
    static std::shared_ptr<T> make(Args &&...args)
    {
        return std::shared_ptr<T>(new T(Token(), std::forward<Args>(args)...), [](T *wrapper) {
            wrapper->completeOnRelease();
            delete wrapper;
        });
    }

    Header &header() override { return m_inner->header(); }
    void writeHeader(int status) override;
    qint64 write(QByteArrayView data) override;
    void flush() override;
    // finish completes the response (runs completeResponse() once).
    void finish() override;
    // isFinished is true once the wrapper completed or the inner response is finished (connection gone).
    bool isFinished() const override;
    int status() const override { return m_inner->status(); }
    qint64 bodyBytesWritten() const override { return m_inner->bodyBytesWritten(); }
    // hijack forwards to the inner writer; on success the wrapper is complete and completeResponse() has run.
    Expected<HijackedConnection, QString> hijack() override;
    // bufferedBytes and whenDrained pace a streaming handler by the connection's drain (bytes a subclass holds
    // back, e.g. a compressor's, are not counted).
    qint64 bufferedBytes() const override { return m_inner->bufferedBytes(); }
    void whenDrained(qint64 lowWater, std::function<void()> callback) override;

    // inner returns the wrapped response.
    const ResponsePtr &inner() const { return m_inner; }
    // isCompleted is true once completeResponse() started.
    bool isCompleted() const { return m_completed; }
    // isAbandoned is true when the wrapper was released during exception unwinding (see the class comment).
    bool isAbandoned() const { return m_abandoned; }
    // isHijacked is true after a successful hijack() through this wrapper.
    bool isHijacked() const { return m_hijacked; }

protected:
    // completeResponse is the completion hook, called once; see the class comment. The default finishes the inner
    // response unless the wrapper is abandoned or hijacked. It should not throw: when it runs on release an
    // exception is caught and logged.
    virtual void completeResponse();

private:
    void complete();
    void completeOnRelease();

    ResponsePtr m_inner;
    // m_uncaught: std::uncaught_exceptions() at construction, to tell a release during unwinding.
    int m_uncaught = std::uncaught_exceptions();
    bool m_completed = false;
    bool m_abandoned = false;
    bool m_hijacked = false;
};

} // namespace httpcore
