#include "rates.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {
constexpr double kRelativeTolerance = 1e-9; // a span or cap counts as reached within this
constexpr double kShareEpsilon = 1e-12;     // split fractions below this are float noise
constexpr double kInf = std::numeric_limits<double>::infinity();
// Sums of fractions that are multiples of 2^-30, fewer than 2^20 of them, need at most 50
// bits: a double adds and subtracts them exactly, in any order.
constexpr double kExactGrain = 0x1.0p-30;
constexpr std::size_t kMaxExactUsers = std::size_t(1) << 20;
} // namespace

// docs/MODEL.md "Rates": progressive filling. Every demand still free grows at the same
// rate until a span direction it uses is full (capacity binds) or it reaches its own cap
// (window binds); it is then frozen and the others go on. Each round freezes at least one
// demand, so there are at most as many rounds as demands.
//
// Every free demand has the same rate, the level: the sum of the rounds' steps. A round
// costs O(span directions in use) plus the demands it freezes: the smallest cap comes from
// the free demands sorted by cap; a span direction's weight (the sum of its free demands'
// fractions, in demand order) changes only when one of its demands freezes, and then by
// an exact subtraction where every fraction is a multiple of kExactGrain (whole, halves,
// quarters: the usual ECMP splits), else by recounting it in demand order. Either way each
// figure is the one a recount of every demand in every round gives (kept from before).
std::vector<RateOutcome> maxMinRates(const std::vector<RateDemand> &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps)
{
    const std::size_t spans = residual_ab_gbps.size();
    std::vector<RateOutcome> out(demands.size());
    // Per span direction k = forward * spans + span: what is left, and how little counts as full.
    std::vector<double> residual(residual_ba_gbps);
    residual.insert(residual.end(), residual_ab_gbps.begin(), residual_ab_gbps.end());
    std::vector<double> fullBelow(2 * spans);
    for (std::size_t k = 0; k < 2 * spans; ++k)
        fullBelow[k] = kRelativeTolerance * std::max(residual[k], 1.0);
    auto counts = [&](const SpanShare &s) { return s.fraction > kShareEpsilon && s.span < spans; };
    auto keyOf = [&](const SpanShare &s) { return static_cast<std::size_t>(s.forward) * spans + s.span; };
    auto residualOf = [&](std::size_t k) -> double & { return residual[k]; };

    // The span directions' demands (with their fractions) in demand order.
    struct User {
        std::size_t demand;
        double fraction;
    };
    std::vector<std::vector<User>> users(2 * spans); // [forward * spans + span]
    std::vector<char> active(demands.size(), 0); // char, not bool: tested in the inner loops
    std::vector<std::size_t> byCap; // the free demands, smallest cap first
    for (std::size_t i = 0; i < demands.size(); ++i) {
        if (!demands[i].active)
            continue;
        active[i] = 1;
        byCap.push_back(i);
        for (const SpanShare &s : demands[i].shares)
            if (counts(s) && std::isfinite(residualOf(keyOf(s))))
                users[keyOf(s)].push_back({i, s.fraction});
    }
    std::size_t left = byCap.size();
    std::stable_sort(byCap.begin(), byCap.end(),
                     [&](std::size_t x, std::size_t y) { return demands[x].cap_gbps < demands[y].cap_gbps; });

    std::vector<double> weight(2 * spans, 0.0);
    std::vector<char> exact(2 * spans, 1);
    auto recount = [&](std::size_t k) {
        double w = 0.0;
        for (const User &u : users[k])
            if (active[u.demand])
                w += u.fraction;
        weight[k] = w;
    };
    std::vector<std::size_t> live; // span directions with a finite residual and free demands
    for (std::size_t k = 0; k < 2 * spans; ++k) {
        exact[k] = users[k].size() < kMaxExactUsers
                   && std::all_of(users[k].begin(), users[k].end(), [](const User &u) {
                          const double grains = u.fraction / kExactGrain;
                          return grains == std::floor(grains);
                      });
        recount(k);
        if (weight[k] > 0.0)
            live.push_back(k);
    }
    auto isFull = [&](std::size_t k) { return std::isfinite(residual[k]) && residual[k] <= fullBelow[k]; };

    double level = 0.0;
    std::size_t head = 0; // byCap before head: all frozen
    std::vector<std::size_t> frozenNow, full, touched;
    std::vector<char> isTouched(2 * spans, 0);
    while (left > 0) {
        // Step: the largest common increase before a span direction fills or a cap is hit.
        while (head < byCap.size() && !active[byCap[head]])
            ++head;
        double step = demands[byCap[head]].cap_gbps - level;
        for (std::size_t k : live)
            step = std::min(step, std::max(0.0, residualOf(k)) / weight[k]);
        if (!std::isfinite(step)) { // nothing limits the rest
            for (std::size_t i = 0; i < demands.size(); ++i)
                if (active[i])
                    out[i].rate_gbps = kInf;
            break;
        }
        level += step;
        full.clear();
        for (std::size_t k : live) {
            residualOf(k) -= step * weight[k];
            if (isFull(k))
                full.push_back(k);
        }

        // Freeze what is done: demands at their cap, then demands on a full span direction.
        frozenNow.clear();
        for (std::size_t at = head; at < byCap.size(); ++at) {
            const std::size_t i = byCap[at];
            const double cap = demands[i].cap_gbps;
            if (!std::isfinite(cap) || cap - level > 2.0 * kRelativeTolerance * cap)
                break; // sorted by cap: no later demand is within the tolerance either
            if (active[i] && cap - level <= kRelativeTolerance * cap) {
                out[i].rate_gbps = cap;
                out[i].limited_by = "window";
                active[i] = 0;
                frozenNow.push_back(i);
            }
        }
        for (std::size_t k : full)
            for (const User &u : users[k]) {
                if (!active[u.demand])
                    continue;
                RateOutcome &o = out[u.demand];
                o.rate_gbps = level;
                for (const SpanShare &s : demands[u.demand].shares) // its first full span direction
                    if (counts(s) && isFull(keyOf(s))) {
                        o.limited_by = "capacity";
                        o.span = s.span;
                        o.forward = s.forward;
                        break;
                    }
                active[u.demand] = 0;
                frozenNow.push_back(u.demand);
            }
        if (frozenNow.empty()) { // round-off kept everything just short: they stay at the level
            for (std::size_t i = 0; i < demands.size(); ++i)
                if (active[i])
                    out[i].rate_gbps = level;
            break;
        }
        left -= frozenNow.size();

        // The weights the frozen demands leave.
        touched.clear();
        for (std::size_t i : frozenNow)
            for (const SpanShare &s : demands[i].shares) {
                const std::size_t k = keyOf(s);
                if (!counts(s) || !std::isfinite(residualOf(k)))
                    continue;
                if (exact[k])
                    weight[k] -= s.fraction;
                else if (!isTouched[k]) {
                    isTouched[k] = 1;
                    touched.push_back(k);
                }
            }
        for (std::size_t k : touched) {
            recount(k);
            isTouched[k] = 0;
        }
        std::erase_if(live, [&](std::size_t k) { return !(weight[k] > 0.0); });
    }
    return out;
}

} // namespace dci
