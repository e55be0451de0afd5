#include "httpcore/mock/engine/FaultDice.h"

namespace mock
{

namespace
{

quint64 seedOf(const Fault &fault)
{
    if (fault.seed)
        return *fault.seed;
    std::random_device device;
    return (quint64(device()) << 32) ^ device();
}

} // namespace

FaultDice::FaultDice(const Fault &fault) : m_probability(fault.probability), m_generator(seedOf(fault)) {}

FaultRoll FaultDice::roll()
{
    std::lock_guard lock(m_mutex);
    // Both numbers are always drawn, so the sequence does not depend on the probability's value.
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_generator);
    const quint64 seed = m_generator();
    return FaultRoll{m_probability >= 1.0 || draw < m_probability, seed};
}

} // namespace mock
