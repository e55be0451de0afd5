// newconn: closed-loop load with a new TCP connection per request, for bench/run-peers.sh.
//
// CONCURRENCY slots run in one epoll loop (one thread, so `taskset -c 1` gives it exactly one core). Each
// slot connects, sends one `GET PATH HTTP/1.1` with `Connection: close`, reads the whole response until the
// server closes (EOF), checks it (status 200, body "Hello, World!\n" at the end), closes and reconnects.
// A response the server does not end by closing within 5 s counts as a timeout, so a server that ignores
// `Connection: close` shows up as errors, not as throughput. The run stops after SECONDS; requests still in
// flight then are not counted.
//
// Build: g++ -O2 -std=c++20 -o newconn newconn.cpp
// Usage: newconn HOST PORT CONCURRENCY SECONDS [PATH]
// Prints a human line and a machine line: "RESULT rps=.. ok=.. connect_errors=.. io_errors=.. timeouts=..
// bad_responses=.. p50_ms=.. p99_ms=..".

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace
{

constexpr double ResponseTimeoutS = 5.0;
constexpr double RetryDelayS = 0.01;
constexpr std::string_view ExpectedBody = "Hello, World!\n";

double now()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

enum class State
{
    Idle,
    Connecting,
    Reading
};

struct Slot
{
    int fd = -1;
    State state = State::Idle;
    size_t sent = 0;
    std::string response;
    double started = 0;
    double retryAt = 0;
};

struct Counters
{
    unsigned long ok = 0, connectErrors = 0, ioErrors = 0, timeouts = 0, badResponses = 0;
};

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s HOST PORT CONCURRENCY SECONDS [PATH]\n", argv[0]);
        return 2;
    }
    const char *host = argv[1];
    const int port = std::atoi(argv[2]);
    const int concurrency = std::atoi(argv[3]);
    const double seconds = std::atof(argv[4]);
    const std::string path = argc > 5 ? argv[5] : "/hello";
    if (port <= 0 || port > 65535 || concurrency <= 0 || seconds <= 0) {
        std::fprintf(stderr, "newconn: bad arguments\n");
        return 2;
    }

    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        std::fprintf(stderr, "newconn: HOST must be an IPv4 literal\n");
        return 2;
    }
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                                "\r\nUser-Agent: newconn\r\nConnection: close\r\n\r\n";

    const int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        std::perror("epoll_create1");
        return 1;
    }

    std::vector<Slot> slots(static_cast<size_t>(concurrency));
    std::vector<float> latenciesMs;
    latenciesMs.reserve(1 << 20);
    Counters c;
    char buf[16384];

    auto closeSlot = [&](Slot &s, double retryAt) {
        if (s.fd >= 0) {
            epoll_ctl(ep, EPOLL_CTL_DEL, s.fd, nullptr);
            ::close(s.fd);
        }
        s.fd = -1;
        s.state = State::Idle;
        s.sent = 0;
        s.response.clear();
        s.retryAt = retryAt;
    };

    // sendRequest writes what is left of the request; returns false on error.
    auto sendRequest = [&](Slot &s, uint32_t index) {
        while (s.sent < request.size()) {
            const ssize_t n = ::send(s.fd, request.data() + s.sent, request.size() - s.sent, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN)
                    return true; // keep EPOLLOUT
                return false;
            }
            s.sent += size_t(n);
        }
        s.state = State::Reading;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.u32 = index;
        epoll_ctl(ep, EPOLL_CTL_MOD, s.fd, &ev);
        return true;
    };

    auto open = [&](uint32_t index, double t) {
        Slot &s = slots[index];
        s.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (s.fd < 0) {
            ++c.connectErrors;
            s.retryAt = t + RetryDelayS;
            return;
        }
        s.started = t;
        s.sent = 0;
        s.response.clear();
        const int r = ::connect(s.fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr);
        if (r < 0 && errno != EINPROGRESS) {
            ++c.connectErrors;
            closeSlot(s, t + RetryDelayS);
            return;
        }
        s.state = State::Connecting;
        epoll_event ev{};
        ev.events = EPOLLOUT;
        ev.data.u32 = index;
        epoll_ctl(ep, EPOLL_CTL_ADD, s.fd, &ev);
    };

    const double t0 = now();
    const double end = t0 + seconds;
    for (uint32_t i = 0; i < slots.size(); ++i)
        open(i, t0);

    std::vector<epoll_event> events(size_t(concurrency) + 16);
    double t = t0;
    while (t < end) {
        const int n = epoll_wait(ep, events.data(), int(events.size()), 10);
        t = now();
        for (int k = 0; k < n; ++k) {
            const uint32_t index = events[size_t(k)].data.u32;
            Slot &s = slots[index];
            if (s.fd < 0)
                continue;
            if (s.state == State::Connecting) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err != 0) {
                    ++c.connectErrors;
                    closeSlot(s, t + RetryDelayS);
                    continue;
                }
                if (!sendRequest(s, index)) {
                    ++c.ioErrors;
                    closeSlot(s, t);
                    open(index, t);
                }
                continue;
            }
            // Reading: drain until EAGAIN or EOF.
            bool done = false, failed = false;
            for (;;) {
                const ssize_t got = ::recv(s.fd, buf, sizeof buf, 0);
                if (got > 0) {
                    s.response.append(buf, size_t(got));
                    continue;
                }
                if (got == 0)
                    done = true;
                else if (errno != EAGAIN)
                    failed = true;
                break;
            }
            if (!done && !failed)
                continue;
            if (failed) {
                ++c.ioErrors;
            } else {
                const std::string_view r(s.response);
                const bool good = r.starts_with("HTTP/1.1 200 ") && r.ends_with(ExpectedBody);
                if (good) {
                    ++c.ok;
                    latenciesMs.push_back(float((t - s.started) * 1000.0));
                } else {
                    ++c.badResponses;
                }
            }
            closeSlot(s, t);
            open(index, t);
        }
        // Timeouts and retries.
        for (uint32_t i = 0; i < slots.size(); ++i) {
            Slot &s = slots[i];
            if (s.fd < 0) {
                if (t >= s.retryAt)
                    open(i, t);
            } else if (t - s.started > ResponseTimeoutS) {
                ++c.timeouts;
                closeSlot(s, t);
                open(i, t);
            }
        }
    }
    const double elapsed = now() - t0;
    for (auto &s : slots)
        closeSlot(s, 0);
    ::close(ep);

    double p50 = 0, p99 = 0;
    if (!latenciesMs.empty()) {
        std::sort(latenciesMs.begin(), latenciesMs.end());
        p50 = latenciesMs[latenciesMs.size() / 2];
        p99 = latenciesMs[std::min(latenciesMs.size() - 1, size_t(double(latenciesMs.size()) * 0.99))];
    }
    const double rps = double(c.ok) / elapsed;
    std::printf("%lu requests in %.2fs, %.0f req/s (one connection each, %d concurrent); latency p50 %.3f ms, "
                "p99 %.3f ms; errors: connect %lu, io %lu, timeout %lu, bad response %lu\n",
                c.ok, elapsed, rps, concurrency, p50, p99, c.connectErrors, c.ioErrors, c.timeouts, c.badResponses);
    std::printf("RESULT rps=%.1f ok=%lu connect_errors=%lu io_errors=%lu timeouts=%lu bad_responses=%lu p50_ms=%.3f "
                "p99_ms=%.3f\n",
                rps, c.ok, c.connectErrors, c.ioErrors, c.timeouts, c.badResponses, p50, p99);
    return 0;
}
