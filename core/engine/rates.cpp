#include "rates.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {
constexpr double kRelativeTolerance = 1e-9; // a span or cap counts as reached within this
constexpr double kShareEpsilon = 1e-12;     // split fractions below this are float noise
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

// docs/MODEL.md "Rates": progressive filling. Every demand still free grows at the same
// rate until a span direction it uses is full (capacity binds) or it reaches its own cap
// (window binds); it is then frozen and the others go on. Each round freezes at least one
// demand, so there are at most as many rounds as demands.
std::vector<RateOutcome> maxMinRates(const std::vector<RateDemand> &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps)
{
    const std::size_t spans = residual_ab_gbps.size();
    std::vector<RateOutcome> out(demands.size());
    std::vector<double> residual[2] = {residual_ba_gbps, residual_ab_gbps}; // [forward]
    std::vector<double> initial[2] = {residual_ba_gbps, residual_ab_gbps};
    std::vector<bool> active(demands.size(), false);
    std::size_t left = 0;
    for (std::size_t i = 0; i < demands.size(); ++i)
        if (demands[i].active) {
            active[i] = true;
            ++left;
        }
    std::vector<double> weight[2] = {std::vector<double>(spans), std::vector<double>(spans)};
    while (left > 0) {
        // Step: the largest common increase before a span direction fills or a cap is hit.
        for (auto &w : weight)
            std::fill(w.begin(), w.end(), 0.0);
        double step = kInf;
        for (std::size_t i = 0; i < demands.size(); ++i) {
            if (!active[i])
                continue;
            step = std::min(step, demands[i].cap_gbps - out[i].rate_gbps);
            for (const SpanShare &s : demands[i].shares)
                if (s.fraction > kShareEpsilon && s.span < spans)
                    weight[s.forward][s.span] += s.fraction;
        }
        for (int dir = 0; dir < 2; ++dir)
            for (std::size_t e = 0; e < spans; ++e)
                if (weight[dir][e] > 0.0 && std::isfinite(residual[dir][e]))
                    step = std::min(step, std::max(0.0, residual[dir][e]) / weight[dir][e]);
        if (!std::isfinite(step)) { // nothing limits the rest
            for (std::size_t i = 0; i < demands.size(); ++i)
                if (active[i])
                    out[i].rate_gbps = kInf;
            break;
        }
        for (std::size_t i = 0; i < demands.size(); ++i)
            if (active[i])
                out[i].rate_gbps += step;
        for (int dir = 0; dir < 2; ++dir)
            for (std::size_t e = 0; e < spans; ++e)
                if (weight[dir][e] > 0.0 && std::isfinite(residual[dir][e]))
                    residual[dir][e] -= step * weight[dir][e];
        // Freeze what is done: demands at their cap, then demands on a full span direction.
        std::size_t frozen = 0;
        for (std::size_t i = 0; i < demands.size(); ++i) {
            if (!active[i])
                continue;
            const double cap = demands[i].cap_gbps;
            if (std::isfinite(cap) && cap - out[i].rate_gbps <= kRelativeTolerance * cap) {
                out[i].rate_gbps = cap;
                out[i].limited_by = "window";
                active[i] = false;
                ++frozen;
                continue;
            }
            for (const SpanShare &s : demands[i].shares) {
                if (s.fraction <= kShareEpsilon || s.span >= spans)
                    continue;
                const double r = residual[s.forward][s.span];
                if (std::isfinite(r) && r <= kRelativeTolerance * std::max(initial[s.forward][s.span], 1.0)) {
                    out[i].limited_by = "capacity";
                    out[i].span = s.span;
                    out[i].forward = s.forward;
                    active[i] = false;
                    ++frozen;
                    break;
                }
            }
        }
        if (frozen == 0) // round-off kept everything just short: freeze the tightest
            break;
        left -= frozen;
    }
    return out;
}

} // namespace dci
