#pragma once

#include <utility>
#include <variant>

namespace httpcore
{

// Unexpected wraps an error value so that it can be returned where an Expected<T, E> is expected.
template <typename E>
struct Unexpected
{
    E error;
};

template <typename E>
Unexpected(E) -> Unexpected<E>;

// Expected holds either a value of type T or an error of type E (a tiny std::expected, which is C++23).
// It is a regular value type. Accessing value() when hasValue() is false, or error() when it is true, is a
// programmer error.
template <typename T, typename E>
class [[nodiscard]] Expected
{
public:
    Expected(T value) : m_storage(std::in_place_index<0>, std::move(value)) {}
    Expected(Unexpected<E> unexpected) : m_storage(std::in_place_index<1>, std::move(unexpected.error)) {}

    bool hasValue() const { return m_storage.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_storage); }
    const T &value() const & { return std::get<0>(m_storage); }
    T &&value() && { return std::get<0>(std::move(m_storage)); }
    const E &error() const { return std::get<1>(m_storage); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    friend bool operator==(const Expected &, const Expected &) = default;

private:
    std::variant<T, E> m_storage;
};

} // namespace httpcore
