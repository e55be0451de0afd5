#include "httpcore/RequestBody.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace httpcore
{

Q_LOGGING_CATEGORY(lcBody, "switchboard.httpcore.body", QtInfoMsg)

RequestBody::RequestBody(Source *source, qint64 contentLength) : m_source(source), m_contentLength(contentLength) {}

bool RequestBody::start(Mode mode, std::shared_ptr<Callbacks> callbacks)
{
    if (m_mode != Mode::Unread) {
        qCWarning(lcBody) << "request body read more than once; ignored";
        return false;
    }
    m_mode = mode;
    m_callbacks = std::move(callbacks);
    if (m_source)
        m_source->bodyReadRequested();
    return true;
}

void RequestBody::read(DataCallback onData, EndCallback onEnd)
{
    auto callbacks = std::make_shared<Callbacks>();
    callbacks->onData = std::move(onData);
    callbacks->onEnd = std::move(onEnd);
    start(Mode::Reading, std::move(callbacks));
}

void RequestBody::readAll(qint64 cap, ReadAllCallback done)
{
    auto callbacks = std::make_shared<Callbacks>();
    callbacks->onAll = std::move(done);
    if (!start(Mode::ReadingAll, std::move(callbacks)))
        return;
    m_cap = cap;
    qint64 expected = m_contentLength;
    if (cap >= 0 && expected > cap)
        expected = cap;
    if (expected > 0 && expected <= 16 * 1024 * 1024)
        m_all.reserve(expected);
}

void RequestBody::discard(EndCallback onEnd)
{
    auto callbacks = std::make_shared<Callbacks>();
    callbacks->onEnd = std::move(onEnd);
    start(Mode::Discarding, std::move(callbacks));
}

void RequestBody::addTap(Tap tap)
{
    if (!tap || m_mode == Mode::Complete || m_mode == Mode::Failed || m_mode == Mode::Detached)
        return;
    if (!m_tap) {
        m_tap = std::move(tap);
        return;
    }
    // Rare (two observing layers): chain them, the earlier tap first.
    m_tap = [first = std::move(m_tap), second = std::move(tap)](QByteArrayView chunk) {
        first(chunk);
        second(chunk);
    };
}

bool RequestBody::wantsData() const
{
    return m_mode == Mode::Reading || m_mode == Mode::ReadingAll || m_mode == Mode::Discarding;
}

void RequestBody::deliver(QByteArrayView data)
{
    m_received += data.size();
    // The only cost without a tap: one branch per chunk.
    if (m_tap)
        m_tap(data);
    switch (m_mode) {
    case Mode::Reading:
        if (const std::shared_ptr<Callbacks> callbacks = m_callbacks; callbacks && callbacks->onData)
            callbacks->onData(data);
        return;
    case Mode::ReadingAll:
        if (m_cap >= 0 && m_all.size() + data.size() > m_cap) {
            m_all.append(data.first(m_cap - m_all.size()));
            // The rest of the body is the server's to drain (or to close over) after the response.
            m_mode = Mode::Paused;
            const std::shared_ptr<Callbacks> callbacks = std::move(m_callbacks);
            if (callbacks && callbacks->onAll)
                callbacks->onAll(std::exchange(m_all, QByteArray()), true);
            return;
        }
        m_all.append(data);
        return;
    case Mode::Unread:
    case Mode::Discarding:
    case Mode::Paused:
    case Mode::Complete:
    case Mode::Failed:
    case Mode::Detached:
        return;
    }
}

void RequestBody::complete()
{
    const Mode mode = m_mode;
    if (mode == Mode::Complete || mode == Mode::Failed || mode == Mode::Detached)
        return;
    m_mode = Mode::Complete;
    m_tap = nullptr;
    const std::shared_ptr<Callbacks> callbacks = std::move(m_callbacks);
    if (!callbacks)
        return;
    if (mode == Mode::ReadingAll) {
        if (callbacks->onAll)
            callbacks->onAll(std::exchange(m_all, QByteArray()), false);
    } else if (callbacks->onEnd) {
        callbacks->onEnd(std::nullopt);
    }
}

void RequestBody::fail(const HttpError &error)
{
    if (m_mode == Mode::Complete || m_mode == Mode::Failed || m_mode == Mode::Detached)
        return;
    m_mode = Mode::Failed;
    m_all.clear();
    m_tap = nullptr;
    const std::shared_ptr<Callbacks> callbacks = std::move(m_callbacks);
    if (callbacks && callbacks->onEnd)
        callbacks->onEnd(error);
}

void RequestBody::detach()
{
    m_source = nullptr;
    if (m_mode != Mode::Complete && m_mode != Mode::Failed)
        m_mode = Mode::Detached;
    m_all.clear();
    m_callbacks.reset();
    m_tap = nullptr;
}

} // namespace httpcore
