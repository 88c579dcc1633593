#include "elephant.h"

#include <boost/random/binomial_distribution.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <numbers>
#include <random>
#include <unordered_map>
#include <vector>

// docs/MODEL.md "ECMP elephant flows".
//
// E[max] = Σ_{k>=1} P(max >= k) = m0 + Σ_{m>=m0} (1 - P(all lanes <= m)), m0 = ceil(F / L)
// (some lane always gets at least m0 flows), and with F flows on L lanes
//   P(all <= m) = F! [x^F] (Σ_{j<=m} x^j / j!)^L / L^F.
//
// Exact method (Poissonisation and a discrete Cauchy integral). Give each lane an
// independent Poisson(λ = F / L) count: conditioned on their sum S being F, the counts are
// exactly the multinomial ones, so
//   P(all <= m) = P(S = F, all <= m) / P(S = F),   S ~ Poisson(F),
// and P(S = F, all <= m) is the coefficient of x^F in p_m(x)^L, p_m(x) = Σ_{j<=m} e^-λ λ^j/j! x^j:
// the truncated exponential polynomial with x scaled by λ and a factor e^-λ, so that every
// coefficient is a probability (no overflow) and the wanted one sits at the mean of S,
// where the distribution peaks (no underflow). The coefficient is read off an N-point DFT,
//   [x^F] p_m(x)^L = (1/N) Σ_k p_m(ω^k)^L ω^(-kF),   ω = e^(2πi/N),
// the power by repeated squaring. The DFT also adds the coefficients at F ± N, F ± 2N, ...:
// N is the smallest power of two for which none exist or their Poisson(F) mass is below
// kAliasTolerance (Chernoff bounds), so N ~ 20 sqrt(F) rather than F. p_m(ω^k) is updated
// by one term from m to m + 1. Lane counts far below λ, whose total mass is below
// kLowTailTolerance, are dropped; so are the frequencies (and whole m) where |p_m(ω^k)|^L
// is below kSkipTolerance. The m-sum stops at the first term below kTailStop and never goes
// past the first k at which the union bound L P(Binomial(F, 1/L) >= k) is below it.
//
// Accuracy: each P(all <= m) is within about L x 1e-16 (rounding in the L-th power) plus
// 4e-15 (the tolerances), so E[max] is within ~1e-12 relative for the L of a real span
// (3e-10 at L = 1e6). Checked against brute force and exact rational arithmetic.

namespace dci {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The k-sum Σ P(max >= k) stops at the first term below this, and never goes past the
// first k at which the union bound L P(Binomial(F, 1/L) >= k) is below it: what is left
// out is ~1e-12 flows.
constexpr double kTailStop = 1e-12;
// Largest error allowed in each P(all <= m) from the DFT's wrap-around (the coefficients
// of the polynomial at F ± N, F ± 2N, ...).
constexpr double kAliasTolerance = 1e-15;
// ... from dropping lane counts far below the mean ...
constexpr double kLowTailTolerance = 1e-15;
// ... and from skipping the DFT terms with |p_m(ω^k)|^L below this x P(S = F).
constexpr double kSkipTolerance = 1e-15;
// Exact-method cost limit, in complex multiplies as planExact() counts them (an upper bound
// on the work). Measured 0.3-1 ns a unit on this project's 2-core build box, so 2.5e7 is
// at most ~25 ms; past it the Monte Carlo is used. The limit is reached at F ~ 7.5e4 for
// L = 2, 2.5e5 for L = 10, 1.1e6 for L = 100, 2.2e6 for L = 1,000 and 6.6e6 for L = 10,000;
// F = 2048, L = 512 costs 3.4e4 (0.05 ms).
constexpr double kExactCostLimit = 2.5e7;
// One update of a DFT term (a multiply-add with a strided table look-up, often a cache
// miss) counts as this many complex multiplies (measured ~2-3 ns against ~0.5).
constexpr double kUpdateWeight = 4.0;
// Largest DFT size the exact method will plan (64 MB of twiddles); any int F needs at most
// 2^21.
constexpr std::uint64_t kMaxDftSize = std::uint64_t{1} << 22;
// log n! is summed below this n and taken from Stirling's series (four correction terms,
// error < 1 / (1188 n^9) < 3e-17) from it on.
constexpr std::int64_t kStirlingFrom = 32;

// Monte Carlo: std::mt19937_64 seeded with this fixed (arbitrary) value, so every call with
// the same arguments returns the same estimate.
constexpr std::uint64_t kMonteCarloSeed = 0x5EEDE1E94A47F10EULL;
// Trials run in batches of up to this many between checks of the standard error.
constexpr std::int64_t kMonteCarloBatch = 64;
// At least this many trials before the standard error is trusted (it is itself estimated).
constexpr std::int64_t kMonteCarloMinTrials = 256;
// Stop once the standard error of the mean is below this fraction of it (0.1%, well under
// the 1% the model allows) ...
constexpr double kMonteCarloTargetRelError = 1e-3;
// ... or once the trials have cost this many work units, one unit being one flow hashed
// onto a lane (~5-8 ns here, so ~15-25 ms); at least one trial is always run.
constexpr double kMonteCarloBudget = 3e6;
// A trial either hashes every flow (F units) or, with many flows per lane, draws the lanes'
// counts one by one from binomials (lane i: Binomial(flows left, 1 / lanes left), Boost's
// BTRD sampler, ~50-80 ns), costed at this many units per lane.
constexpr double kBinomialLaneCost = 10.0;
// One Monte Carlo work unit (~5-8 ns) in exact-method cost units (~0.3-1 ns). Past the
// cost limit the exact method is still used if it costs less than one Monte Carlo trial
// (huge F and L together, where a trial would take seconds and gigabytes).
constexpr double kMonteCarloUnitInExactUnits = 8.0;
// Hashing counts the flows per lane in an array while lanes <= this many per flow (plus a
// constant); with more (sparse) lanes the lane numbers of a trial are sorted instead.
constexpr std::int64_t kDenseLanesPerFlow = 4;
constexpr std::int64_t kDenseLanesExtra = 1024;

bool valid(int flows, int lanes) { return flows >= 0 && lanes >= 1; }

// log n!, n >= 0.
double logFactorial(std::int64_t n)
{
    if (n < kStirlingFrom) {
        double s = 0.0;
        for (std::int64_t i = 2; i <= n; ++i)
            s += std::log(static_cast<double>(i));
        return s;
    }
    const double x = static_cast<double>(n);
    const double inv = 1.0 / x;
    const double inv2 = inv * inv;
    return x * std::log(x) - x + 0.5 * std::log(2.0 * std::numbers::pi * x)
        + inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
}

// log P(X = k), X ~ Poisson(mu), mu > 0.
double logPoissonPmf(double mu, std::int64_t k)
{
    return -mu + static_cast<double>(k) * std::log(mu) - logFactorial(k);
}

// Chernoff bounds for X ~ Poisson(mu): log of a bound on P(X >= mu + t), t > 0 ...
double logPoissonUpperTail(double mu, double t)
{
    const double u = t / mu;
    return -mu * ((1.0 + u) * std::log1p(u) - u);
}

// ... and on P(X <= mu - t), t > 0.
double logPoissonLowerTail(double mu, double t)
{
    if (t > mu)
        return -std::numeric_limits<double>::infinity();
    const double u = t / mu;
    if (u >= 1.0)
        return -mu; // P(X = 0)
    return -mu * ((1.0 - u) * std::log1p(-u) + u);
}

struct Complex {
    double re = 0.0;
    double im = 0.0;
};

Complex mul(Complex a, Complex b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

Complex power(Complex z, std::uint64_t e)
{
    Complex r{1.0, 0.0};
    while (e) {
        if (e & 1U)
            r = mul(r, z);
        e >>= 1U;
        if (e)
            z = mul(z, z);
    }
    return r;
}

// What the exact method does for F >= 2 flows on L >= 2 lanes.
struct ExactPlan {
    std::int64_t flows = 0;
    std::int64_t lanes = 0;
    double lambda = 0.0;           // F / L
    std::int64_t m0 = 0;           // ceil(F / L): P(max >= k) = 1 for k <= m0
    std::int64_t mLast = 0;        // the last m whose 1 - P(all <= m) may be summed
    std::int64_t lo = 0;           // lane counts below lo are dropped
    std::int64_t firstPowered = 0; // below it, P(all <= m) < kSkipTolerance: no DFT needed
    std::vector<std::uint64_t> powered; // per m >= firstPowered: only k below it can matter
    std::vector<double> pmf;            // e^-λ λ^j / j!, j = lo..mLast
    std::uint64_t dft = 1;         // N, a power of two
    double logPoissonAtMean = 0.0; // log P(S = F), S ~ Poisson(F)
    double skipRadius2 = 0.0;      // |z|^2 at or below which |z|^L is skipped
    double cost = 0.0;             // upper bound on the work, in kExactCostLimit's units
    bool feasible = false;         // dft <= kMaxDftSize

    double p(std::int64_t j) const { return pmf[static_cast<std::size_t>(j - lo)]; }
};

ExactPlan planExact(std::int64_t flows, std::int64_t lanes)
{
    ExactPlan plan;
    plan.flows = flows;
    plan.lanes = lanes;
    const double F = static_cast<double>(flows);
    const double L = static_cast<double>(lanes);
    plan.lambda = F / L;
    plan.m0 = (flows + lanes - 1) / lanes;
    plan.logPoissonAtMean = logPoissonPmf(F, flows);
    const double logStop = std::log(kTailStop);

    // First k > m0 with L P(Bin(F, 1/L) >= k) < kTailStop. Past the mode the pmf falls by
    // r_k = (F - k) / ((k + 1)(L - 1)), itself falling, so P(Bin >= k) <= pmf(k) / (1 - r_k).
    std::int64_t k = plan.m0 + 1;
    if (k <= flows) {
        double logPmf = logFactorial(flows) - logFactorial(k) - logFactorial(flows - k)
            - static_cast<double>(k) * std::log(L) + static_cast<double>(flows - k) * std::log1p(-1.0 / L);
        while (k < flows) {
            const double r = static_cast<double>(flows - k) / (static_cast<double>(k + 1) * (L - 1.0));
            if (r < 1.0 && std::log(L) + logPmf - std::log1p(-r) < logStop)
                break;
            logPmf += std::log(r);
            ++k;
        }
        if (k == flows && std::log(L) + logPmf >= logStop)
            ++k; // P(max >= F) = L^(1-F) is not negligible: sum up to it
    }
    // Terms k = m + 1 for m in [m0, mLast]; P(all <= F) = 1, so m < F.
    plan.mLast = std::min(k - 2, flows - 1);
    plan.feasible = true;
    if (plan.mLast < plan.m0)
        return plan; // E = m0, nothing to compute

    // Drop lane counts j < lo while L P(Poisson(λ) < lo) <= kLowTailTolerance P(S = F): for
    // j < λ the pmf falls by j / λ a step down, so P(X < lo) <= pmf(lo - 1) / (1 - (lo - 1) / λ).
    const double logLowLimit = std::log(kLowTailTolerance) + plan.logPoissonAtMean - std::log(L);
    const double logPmfM0 = logPoissonPmf(plan.lambda, plan.m0);
    plan.lo = plan.m0;
    double logPmfLo = logPmfM0;
    while (plan.lo > 0) {
        const std::int64_t j = plan.lo - 1;
        const double logPmfJ = logPmfLo + std::log(static_cast<double>(plan.lo) / plan.lambda);
        const double ratio = static_cast<double>(j) / plan.lambda;
        if (ratio < 1.0 && logPmfJ - std::log1p(-ratio) <= logLowLimit)
            break;
        plan.lo = j;
        logPmfLo = logPmfJ;
    }

    // The lane pmf over [lo, mLast], from m0 outwards.
    plan.pmf.resize(static_cast<std::size_t>(plan.mLast - plan.lo + 1));
    const auto at = [&](std::int64_t j) -> double & { return plan.pmf[static_cast<std::size_t>(j - plan.lo)]; };
    double logP = logPmfM0;
    at(plan.m0) = std::exp(logP);
    for (std::int64_t j = plan.m0; j > plan.lo; --j) {
        logP += std::log(static_cast<double>(j) / plan.lambda);
        at(j - 1) = std::exp(logP);
    }
    logP = logPmfM0;
    for (std::int64_t j = plan.m0 + 1; j <= plan.mLast; ++j) {
        logP += std::log(plan.lambda / static_cast<double>(j));
        at(j) = std::exp(logP);
    }

    // DFT terms with |p_m(ω^k)| <= skip radius r, r^L = kSkipTolerance P(S = F), are skipped.
    // |p_m(ω^k)| <= Σ_{j=lo}^{m} pmf(j) =: M: while M <= r, every term is, and P(all <= m)
    // is taken as 0. Also p_m(ω^k) = φ(θ) - (the Poisson pmf outside [lo, m] at ω^k), with
    // φ the Poisson(λ) characteristic function, |φ(θ)| = exp(-λ (1 - cos θ)), θ = 2πk/N, so
    // |p_m(ω^k)| <= exp(-λ (1 - cos θ)) + 1 - M: only θ with exp(-λ (1 - cos θ)) > r - (1 - M)
    // can be above r.
    const double logSkipRadius = (std::log(kSkipTolerance) + plan.logPoissonAtMean) / L;
    plan.skipRadius2 = std::exp(2.0 * logSkipRadius);
    const double skipRadius = std::exp(logSkipRadius);
    double mass = 0.0;
    for (std::int64_t j = plan.lo; j < plan.m0; ++j)
        mass += at(j);
    plan.firstPowered = plan.mLast + 1;
    double poweredFrequencies = 0.0;
    for (std::int64_t m = plan.m0; m <= plan.mLast; ++m) {
        mass += at(m);
        if (mass <= skipRadius)
            continue;
        plan.firstPowered = std::min(plan.firstPowered, m);
        plan.powered.push_back(0); // set once N is known
    }

    // Smallest power-of-two N whose wrap-around is negligible: no coefficient at or below
    // F - N (the least degree is lo L) or their Poisson(F) mass is small enough, and the same
    // at or above F + N (the largest degree is mLast L).
    const double logAliasLimit = std::log(kAliasTolerance) + plan.logPoissonAtMean;
    const auto aliasFree = [&](std::uint64_t n) {
        const double t = static_cast<double>(n);
        const bool below = F - t < static_cast<double>(plan.lo) * L || logPoissonLowerTail(F, t) <= logAliasLimit;
        const bool above = F + t > static_cast<double>(plan.mLast) * L || logPoissonUpperTail(F, t) <= logAliasLimit;
        return below && above;
    };
    plan.dft = 1;
    while (plan.dft <= kMaxDftSize && !aliasFree(plan.dft))
        plan.dft *= 2;
    plan.feasible = plan.dft <= kMaxDftSize;

    if (!plan.feasible)
        return plan;

    const std::uint64_t half = plan.dft / 2;
    mass = 0.0;
    for (std::int64_t j = plan.lo; j < plan.firstPowered; ++j)
        mass += at(j);
    for (std::int64_t m = plan.firstPowered; m <= plan.mLast; ++m) {
        mass += at(m);
        const double phiFloor = skipRadius - std::max(0.0, 1.0 - mass);
        std::uint64_t count = half + 1;
        if (phiFloor > 0.0) {
            const double c = 1.0 + std::log(phiFloor) / plan.lambda; // cos θ above this
            if (c > -1.0) {
                const double kMax = std::acos(std::min(1.0, c)) * static_cast<double>(plan.dft) / (2.0 * std::numbers::pi);
                count = std::min(half + 1, static_cast<std::uint64_t>(kMax) + 2);
            }
        }
        plan.powered[static_cast<std::size_t>(m - plan.firstPowered)] = count;
        poweredFrequencies += static_cast<double>(count);
    }

    // Work: every frequency's p_m(ω^k) built at m0 and updated for each later m; for each
    // frequency that may matter, |z|^2, the L-th power (bit_width + popcount multiplies)
    // and the phase.
    const auto bits = static_cast<std::uint64_t>(lanes);
    const double perPower = 2.0 + static_cast<double>(std::bit_width(bits) + std::popcount(bits));
    const double updates = static_cast<double>(half + 1)
        * (static_cast<double>(plan.m0 - plan.lo + 1) + static_cast<double>(plan.mLast - plan.m0));
    plan.cost = kUpdateWeight * updates + perPower * poweredFrequencies;
    return plan;
}

double runExact(const ExactPlan &plan)
{
    double expected = static_cast<double>(plan.m0);
    if (plan.mLast < plan.m0)
        return expected;

    const std::uint64_t n = plan.dft;
    const std::uint64_t mask = n - 1;
    const std::uint64_t half = n / 2; // frequencies 0..N/2; the others are their conjugates
    std::vector<Complex> twiddle(n);  // ω^t
    for (std::uint64_t t = 0; t < n; ++t) {
        const double angle = 2.0 * std::numbers::pi * static_cast<double>(t) / static_cast<double>(n);
        twiddle[t] = {std::cos(angle), std::sin(angle)};
    }
    const auto omega = [&](std::int64_t j, std::uint64_t k) {
        return twiddle[(static_cast<std::uint64_t>(j) * k) & mask];
    };

    std::vector<Complex> z(half + 1); // p_m(ω^k), starting with m = m0
    std::vector<Complex> back(half + 1); // ω^(-kF)
    for (std::uint64_t k = 0; k <= half; ++k) {
        Complex s;
        for (std::int64_t j = plan.lo; j <= plan.m0; ++j) {
            const Complex w = omega(j, k);
            s.re += plan.p(j) * w.re;
            s.im += plan.p(j) * w.im;
        }
        z[k] = s;
        back[k] = twiddle[(n - ((static_cast<std::uint64_t>(plan.flows) * k) & mask)) & mask];
    }

    const double scale = std::exp(-plan.logPoissonAtMean) / static_cast<double>(n);
    const auto lanes = static_cast<std::uint64_t>(plan.lanes);
    for (std::int64_t m = plan.m0; m <= plan.mLast; ++m) {
        if (m > plan.m0) {
            for (std::uint64_t k = 0; k <= half; ++k) {
                const Complex w = omega(m, k);
                z[k].re += plan.p(m) * w.re;
                z[k].im += plan.p(m) * w.im;
            }
        }
        const std::uint64_t powered =
            m >= plan.firstPowered ? plan.powered[static_cast<std::size_t>(m - plan.firstPowered)] : 0;
        double sum = 0.0;
        for (std::uint64_t k = 0; k < powered; ++k) {
            if (z[k].re * z[k].re + z[k].im * z[k].im <= plan.skipRadius2)
                continue;
            const Complex term = mul(power(z[k], lanes), back[k]);
            sum += (k == 0 || 2 * k == n) ? term.re : 2.0 * term.re;
        }
        const double allAtMostM = std::clamp(sum * scale, 0.0, 1.0);
        const double tail = 1.0 - allAtMostM; // P(max >= m + 1)
        expected += tail;
        if (tail < kTailStop)
            break;
    }
    return expected;
}

// Monte Carlo work units of one trial: hashing every flow, or one binomial per lane.
double monteCarloTrialCost(int flows, int lanes)
{
    return std::min(std::max(1.0, static_cast<double>(flows)), kBinomialLaneCost * lanes);
}

// Uniform lane numbers from mt19937_64: two 32-bit halves per draw, mapped by Lemire's
// multiply-and-reject (exactly uniform, and the same on every standard library, which
// std::uniform_int_distribution is not).
class LaneHasher {
public:
    LaneHasher(std::mt19937_64 &rng, std::uint32_t lanes)
        : m_rng(rng), m_lanes(lanes), m_threshold((0U - lanes) % lanes)
    {
    }

    std::uint32_t next()
    {
        std::uint64_t product = std::uint64_t{word()} * m_lanes;
        while (static_cast<std::uint32_t>(product) < m_threshold)
            product = std::uint64_t{word()} * m_lanes;
        return static_cast<std::uint32_t>(product >> 32U);
    }

private:
    std::uint32_t word()
    {
        if (m_haveHigh) {
            m_haveHigh = false;
            return static_cast<std::uint32_t>(m_bits >> 32U);
        }
        m_bits = m_rng();
        m_haveHigh = true;
        return static_cast<std::uint32_t>(m_bits);
    }

    std::mt19937_64 &m_rng;
    std::uint32_t m_lanes;
    std::uint32_t m_threshold; // 2^32 mod lanes: products whose low half is below it are redrawn
    std::uint64_t m_bits = 0;
    bool m_haveHigh = false;
};

// Trials of hashing F flows onto L lanes, accumulating the hottest lane.
class MonteCarlo {
public:
    MonteCarlo(int flows, int lanes)
        : m_flows(flows), m_lanes(lanes), m_rng(kMonteCarloSeed), m_hasher(m_rng, static_cast<std::uint32_t>(lanes))
    {
        m_trialCost = monteCarloTrialCost(flows, lanes);
        if (static_cast<double>(flows) > kBinomialLaneCost * lanes) {
            m_mode = Mode::Binomial;
            return;
        }
        m_mode = static_cast<std::int64_t>(lanes) <= kDenseLanesPerFlow * flows + kDenseLanesExtra ? Mode::Dense
                                                                                                 : Mode::Sparse;
        if (m_mode == Mode::Dense)
            m_load.assign(static_cast<std::size_t>(lanes), 0);
        if (m_mode == Mode::Sparse || lanes > flows)
            m_lane.resize(static_cast<std::size_t>(flows));
    }

    double trialCost() const { return m_trialCost; }
    std::int64_t trials() const { return m_trials; }
    double mean() const { return m_sum / static_cast<double>(m_trials); }

    double standardError() const
    {
        if (m_trials < 2)
            return std::numeric_limits<double>::infinity();
        const double n = static_cast<double>(m_trials);
        const double variance = std::max(0.0, (m_sumSquares - m_sum * m_sum / n) / (n - 1.0));
        return std::sqrt(variance / n);
    }

    void run(std::int64_t trials)
    {
        for (std::int64_t t = 0; t < trials; ++t) {
            const double hottest = m_mode == Mode::Dense ? denseTrial()
                : m_mode == Mode::Sparse                 ? sparseTrial()
                                                         : binomialTrial();
            m_sum += hottest;
            m_sumSquares += hottest * hottest;
            ++m_trials;
        }
    }

private:
    enum class Mode { Dense, Sparse, Binomial };

    // Flows per lane in an array, reset through the lanes used (fewer flows than lanes) or whole.
    double denseTrial()
    {
        int hottest = 0;
        const bool remember = !m_lane.empty();
        for (int f = 0; f < m_flows; ++f) {
            const std::uint32_t lane = m_hasher.next();
            if (remember)
                m_lane[static_cast<std::size_t>(f)] = lane;
            hottest = std::max(hottest, ++m_load[lane]);
        }
        if (remember) {
            for (std::uint32_t lane : m_lane)
                m_load[lane] = 0;
        } else {
            std::fill(m_load.begin(), m_load.end(), 0);
        }
        return hottest;
    }

    // The lane numbers sorted: the longest run is the hottest lane.
    double sparseTrial()
    {
        for (std::uint32_t &lane : m_lane)
            lane = m_hasher.next();
        std::sort(m_lane.begin(), m_lane.end());
        std::size_t hottest = 0;
        for (std::size_t i = 0; i < m_lane.size();) {
            std::size_t j = i;
            while (j < m_lane.size() && m_lane[j] == m_lane[i])
                ++j;
            hottest = std::max(hottest, j - i);
            i = j;
        }
        return static_cast<double>(hottest);
    }

    // The multinomial counts lane by lane: lane i gets Binomial(flows left, 1 / lanes left).
    double binomialTrial()
    {
        int left = m_flows;
        int hottest = 0;
        for (int i = 0; i + 1 < m_lanes && left > 0; ++i) {
            boost::random::binomial_distribution<int> count(left, 1.0 / static_cast<double>(m_lanes - i));
            const int c = count(m_rng);
            hottest = std::max(hottest, c);
            left -= c;
        }
        return std::max(hottest, left);
    }

    int m_flows;
    int m_lanes;
    std::mt19937_64 m_rng;
    LaneHasher m_hasher;
    Mode m_mode = Mode::Dense;
    double m_trialCost = 1.0;            // work units per trial
    std::vector<std::uint32_t> m_lane; // lane of each flow in the current trial
    std::vector<int> m_load;           // Dense: flows per lane
    double m_sum = 0.0;
    double m_sumSquares = 0.0;
    std::int64_t m_trials = 0;
};

// Batches of trials until the standard error is below kMonteCarloTargetRelError of the
// mean (after at least kMonteCarloMinTrials) or the budget is spent (at least one trial).
double adaptiveMonteCarlo(int flows, int lanes)
{
    MonteCarlo mc(flows, lanes);
    const double cost = mc.trialCost();
    while (true) {
        const double room = std::floor((kMonteCarloBudget - static_cast<double>(mc.trials()) * cost) / cost);
        if (mc.trials() > 0 && room < 1.0)
            break;
        mc.run(std::clamp(static_cast<std::int64_t>(std::clamp(room, 1.0, 1e9)), std::int64_t{1}, kMonteCarloBatch));
        if (mc.trials() >= kMonteCarloMinTrials && mc.standardError() <= kMonteCarloTargetRelError * mc.mean())
            break;
    }
    return mc.mean();
}

bool trivial(int flows, int lanes) { return flows <= 1 || lanes == 1; }

bool exactIsCheap(const ExactPlan &plan, int flows, int lanes)
{
    if (!plan.feasible)
        return false;
    return plan.cost <= kExactCostLimit
        || plan.cost <= kMonteCarloUnitInExactUnits * monteCarloTrialCost(flows, lanes);
}

} // namespace

HottestLaneMethod hottestLaneMethod(int flows, int lanes)
{
    if (!valid(flows, lanes))
        return HottestLaneMethod::Invalid;
    if (trivial(flows, lanes))
        return HottestLaneMethod::Trivial;
    return exactIsCheap(planExact(flows, lanes), flows, lanes) ? HottestLaneMethod::Exact : HottestLaneMethod::MonteCarlo;
}

double expectedHottestLaneExact(int flows, int lanes)
{
    if (!valid(flows, lanes))
        return kNaN;
    if (trivial(flows, lanes))
        return flows;
    const ExactPlan plan = planExact(flows, lanes);
    return plan.feasible ? runExact(plan) : kNaN;
}

double expectedHottestLaneMonteCarlo(int flows, int lanes, int trials)
{
    if (!valid(flows, lanes) || trials < 1)
        return kNaN;
    MonteCarlo mc(flows, lanes);
    mc.run(trials);
    return mc.mean();
}

namespace {

// The figure depends on (flows, lanes) alone and costs up to milliseconds, and a plan asks
// for the same few pairs on every evaluation (each edit, each N-1 case): remembered for the
// process, shared by threads. A pure function's cache: no result depends on it.
constexpr std::size_t kMaxRemembered = 1 << 16; // ~1 MB; forgotten all at once when full

class HottestLaneMemo {
public:
    template<typename Compute>
    double get(int flows, int lanes, Compute &&compute)
    {
        const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(flows)) << 32)
                                  | static_cast<std::uint32_t>(lanes);
        {
            std::lock_guard lock(m_mutex);
            if (const auto it = m_values.find(key); it != m_values.end())
                return it->second;
        }
        const double value = compute(); // outside the lock: another thread may compute it too, alike
        std::lock_guard lock(m_mutex);
        if (m_values.size() >= kMaxRemembered)
            m_values.clear();
        m_values.emplace(key, value);
        return value;
    }

private:
    std::mutex m_mutex;
    std::unordered_map<std::uint64_t, double> m_values;
};

HottestLaneMemo &hottestLaneMemo()
{
    static HottestLaneMemo memo;
    return memo;
}

} // namespace

double expectedHottestLane(int flows, int lanes)
{
    if (!valid(flows, lanes))
        return kNaN;
    if (trivial(flows, lanes))
        return flows;
    return hottestLaneMemo().get(flows, lanes, [&] {
        const ExactPlan plan = planExact(flows, lanes);
        return exactIsCheap(plan, flows, lanes) ? runExact(plan) : adaptiveMonteCarlo(flows, lanes);
    });
}

double ecmpImbalance(int flows, int lanes)
{
    if (!valid(flows, lanes))
        return kNaN;
    if (flows == 0 || lanes == 1)
        return 1.0;
    return expectedHottestLane(flows, lanes) * static_cast<double>(lanes) / static_cast<double>(flows);
}

} // namespace dci
