#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QtGlobal>

#include <mutex>
#include <random>

namespace mock
{

// FaultRoll is the outcome of one throw of a response's FaultDice: whether its fault fires for this request, and
// a seed for the random choices the fault then makes (jitter, random bytes), so a seeded run replays exactly.
struct FaultRoll
{
    bool fires = false;
    quint64 seed = 0;
};

// FaultDice decides, request after request, whether a response's fault fires: a std::mt19937_64 seeded with the
// fault's seed (or from std::random_device without one), drawing for every request in the order they reach the
// response. With the same seed and the same order of requests, a run fires the same faults with the same jitter.
//
// Thread affinity: none; roll() is thread-safe (a mutex guards the generator).
class FaultDice
{
public:
    explicit FaultDice(const Fault &fault);
    Q_DISABLE_COPY_MOVE(FaultDice)

    // roll throws the dice for the next request.
    FaultRoll roll();

private:
    const double m_probability;
    std::mutex m_mutex;
    // Guarded by m_mutex.
    std::mt19937_64 m_generator;
};

} // namespace mock
