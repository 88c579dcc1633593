#include "timing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dci {

namespace {
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;
constexpr double kSecondsPerDay = 86400.0;
// Below this efficiency the job gets a warning (MODEL.md "Timing", a planning threshold).
constexpr double kLowEfficiency = 0.5;

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    return buf;
}
} // namespace

TimingResult jobTiming(const Scenario &scenario, const TrafficResult &t, const PathLatencies &paths,
                       const std::vector<double> &rateShare)
{
    TimingResult r;
    if (!t.present)
        return r;

    // Latency per sync event (MODEL.md "Timing").
    auto hop = [&](const std::string &a, const std::string &b) {
        return paths.between(scenario.siteIndex(a), scenario.siteIndex(b)) / kMsPerS;
    };
    const std::size_t d = t.dcs.size();
    double latency = 0.0;
    switch (t.latency) {
    case LatencyPattern::None:
        break;
    case LatencyPattern::Direct:
        for (const std::string &a : t.dcs)
            for (const std::string &b : t.dcs)
                if (a != b)
                    latency = std::max(latency, 2.0 * hop(a, b));
        break;
    case LatencyPattern::Ring:
    case LatencyPattern::FlatRing: {
        double slowest = 0.0;
        for (std::size_t k = 0; k < d; ++k)
            slowest = std::max(slowest, hop(t.dcs[k], t.dcs[(k + 1) % d]));
        const double hops = t.latency == LatencyPattern::Ring ? 2.0 * static_cast<double>(d - 1)
                                                              : 2.0 * static_cast<double>(t.gpus - 1);
        latency = hops * slowest;
        break;
    }
    case LatencyPattern::Pipeline:
        for (std::size_t k = 0; k + 1 < d; ++k)
            latency += 2.0 * hop(t.dcs[k], t.dcs[k + 1]);
        break;
    }

    // A DC cut off from another: no timing (the routing stage reports the missing path).
    for (const JobDemand &jd : t.demands)
        if (std::isinf(hop(jd.from, jd.to)))
            return r;

    double transfer = 0.0;
    r.rate_gbps.reserve(t.demands.size());
    for (std::size_t i = 0; i < t.demands.size(); ++i) {
        const JobDemand &jd = t.demands[i];
        const double share = i < rateShare.size() ? std::clamp(rateShare[i], 0.0, 1.0) : 1.0;
        const double rate = jd.gbps * share;
        r.rate_gbps.push_back(rate);
        transfer = std::max(transfer, rate > 0.0 ? jd.bytes_per_event * kBitsPerByte / (rate * kBitsPerGbit)
                                                 : (jd.bytes_per_event > 0.0 ? HUGE_VAL : 0.0));
    }
    r.transfer_s = transfer;
    r.latency_s = latency;
    r.comm_s = transfer + latency;
    const double exposedPerEvent = t.demands.empty() ? 0.0 : std::max(0.0, *r.comm_s - t.window_s);
    r.exposed_s = exposedPerEvent / t.period_steps;
    r.step_s = t.compute_s + *r.exposed_s + t.bubble_s;
    r.efficiency = t.compute_s / *r.step_s;
    if (t.params.total_tokens)
        r.training_days = *t.params.total_tokens / t.params.tokens_per_step * *r.step_s / kSecondsPerDay;

    if (*r.efficiency < kLowEfficiency) {
        const bool latencyBound = latency > transfer - t.window_s;
        r.diagnostics.push_back(
            {Severity::Warning, "job-low-efficiency", "job",
             "Scaling efficiency is only " + percent(*r.efficiency) + " with " + t.params.strategy + ": "
                 + (latencyBound ? "the latency of the DCI spans, paid on every sync, dominates the step."
                                 : "the DCI cannot carry the sync traffic within the compute time.")});
    }
    return r;
}

} // namespace dci
