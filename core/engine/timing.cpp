#include "timing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <unordered_map>

namespace dci {

namespace {
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;
constexpr double kUsPerMs = 1000.0;
constexpr double kSecondsPerDay = 86400.0;
// Below this efficiency the job gets a warning (MODEL.md "Timing", a planning threshold).
constexpr double kLowEfficiency = 0.5;

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    return buf;
}

// The flat ring's latency (MODEL.md "Timing"): one ring through every GPU, DC after DC in
// ring order. Inside DC i of n_i GPUs on s_i = ceil(n_i / G) servers it takes n_i - s_i
// NVLink hops and s_i - 1 network hops; from each DC to the next one DCI crossing. A chunk
// travels 2(N-1) consecutive hops of the N-hop cycle: twice the cycle less its cheapest
// two adjacent hops.
double flatRingLatencyMs(const std::vector<std::int64_t> &gpus, const std::vector<double> &crossing_ms, double nvlink_ms,
                         double network_ms, double gpusPerServer)
{
    double total = 0.0;
    // The cycle with every run of equal hops cut to at most two: the same adjacent pairs.
    std::vector<double> compact;
    const double g = std::max(1.0, std::floor(gpusPerServer));
    for (std::size_t i = 0; i < gpus.size(); ++i) {
        const double n = static_cast<double>(gpus[i]);
        const double servers = std::ceil(n / g);
        total += (n - servers) * nvlink_ms + (servers - 1.0) * network_ms + crossing_ms[i];
        const double last = n - (servers - 1.0) * g; // GPUs on the last server
        auto server = [&](double size) {
            for (double k = 0; k < std::min(size - 1.0, 2.0); ++k)
                compact.push_back(nvlink_ms);
        };
        server(servers > 1.0 ? g : last);
        if (servers > 1.0) {
            compact.push_back(network_ms);
            if (servers > 2.0) {
                server(g);
                compact.push_back(network_ms);
            }
            server(last);
        }
        compact.push_back(crossing_ms[i]);
    }
    double cheapestPair = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < compact.size(); ++k)
        cheapestPair = std::min(cheapestPair, compact[k] + compact[(k + 1) % compact.size()]);
    return compact.size() < 2 ? total : 2.0 * total - cheapestPair;
}

} // namespace

double longestChainMs(const std::vector<double> &hops, std::size_t chain)
{
    const std::size_t n = hops.size();
    if (n == 0 || chain == 0)
        return 0.0;
    double best = 0.0;
    for (std::size_t start = 0; start < n; ++start) {
        double sum = 0.0;
        for (std::size_t k = 0; k < chain; ++k)
            sum += hops[(start + k) % n];
        best = std::max(best, sum);
    }
    return best;
}

TimingResult jobTiming(const TrafficResult &t, const Catalog &catalog, const std::vector<JobDemandRate> &rates)
{
    TimingResult r;
    if (!t.present)
        return r;
    // A DC cut off from another: no timing (the routing stage reports the missing path).
    for (std::size_t i = 0; i < t.demands.size(); ++i)
        if (i >= rates.size() || !rates[i].latency_ms)
            return r;

    // One-way latency of the routed path between two DCs, from the demand between them.
    // Keyed by "<length of from>:from to", unambiguous: one hash per look-up, no string compares.
    auto key = [](const std::string &a, const std::string &b) { return std::to_string(a.size()) + ':' + a + b; };
    std::unordered_map<std::string, double> hop_ms;
    hop_ms.reserve(t.demands.size());
    for (std::size_t i = 0; i < t.demands.size(); ++i)
        hop_ms[key(t.demands[i].from, t.demands[i].to)] = *rates[i].latency_ms;
    auto hop = [&](const std::string &a, const std::string &b) {
        const auto it = hop_ms.find(key(a, b));
        return it == hop_ms.end() ? 0.0 : it->second;
    };

    // Latency per sync event (MODEL.md "Timing").
    const std::size_t d = t.dcs.size();
    double latency_ms = 0.0;
    switch (t.latency) {
    case LatencyPattern::None:
        break;
    case LatencyPattern::Direct:
        for (const JobDemand &jd : t.demands)
            latency_ms = std::max(latency_ms, 2.0 * hop(jd.from, jd.to));
        break;
    case LatencyPattern::Ring: {
        std::vector<double> ring;
        for (std::size_t k = 0; k < d; ++k)
            ring.push_back(hop(t.dcs[k], t.dcs[(k + 1) % d]));
        latency_ms = longestChainMs(ring, 2 * (d - 1));
        break;
    }
    case LatencyPattern::FlatRing: {
        std::vector<std::int64_t> gpus;
        std::vector<double> crossing;
        for (std::size_t k = 0; k < d; ++k) {
            gpus.push_back(t.dc_gpus[k]);
            crossing.push_back(hop(t.dcs[k], t.dcs[(k + 1) % d]));
        }
        latency_ms = flatRingLatencyMs(gpus, crossing, catalog.figure("nvlink_hop_latency_us") / kUsPerMs,
                                       catalog.figure("network_hop_latency_us") / kUsPerMs, catalog.figure("gpus_per_server"));
        break;
    }
    case LatencyPattern::Pipeline:
        for (std::size_t k = 0; k + 1 < d; ++k)
            latency_ms += 2.0 * hop(t.dcs[k], t.dcs[k + 1]);
        break;
    case LatencyPattern::Regions: {
        // Reduce-scatter inside the regions, all-reduce between them, all-gather inside:
        // the direct rule for each (MODEL.md "Timing", regions).
        double inside = 0.0, between = 0.0;
        for (const JobDemand &jd : t.demands) {
            const auto a = std::find(t.dcs.begin(), t.dcs.end(), jd.from) - t.dcs.begin();
            const auto b = std::find(t.dcs.begin(), t.dcs.end(), jd.to) - t.dcs.begin();
            double &slot = t.regions[static_cast<std::size_t>(a)] == t.regions[static_cast<std::size_t>(b)] ? inside : between;
            slot = std::max(slot, hop(jd.from, jd.to));
        }
        latency_ms = 2.0 * inside + 2.0 * between;
        break;
    }
    }

    double transfer = 0.0;
    std::string limit = "none";
    for (std::size_t i = 0; i < t.demands.size(); ++i) {
        const JobDemand &jd = t.demands[i];
        if (!(jd.bytes_per_event > 0.0))
            continue;
        const double rate = rates[i].rate_gbps;
        if (!(rate > 0.0)) {
            r.diagnostics.push_back({Severity::Error, "job-starved", "job",
                                     "The job's sync from \"" + jd.from + "\" to \"" + jd.to
                                         + "\" gets no bandwidth: explicit demands already fill a span on its path, so the job cannot be timed."});
            return r;
        }
        const double seconds = std::isfinite(rate) ? jd.bytes_per_event * kBitsPerByte / (rate * kBitsPerGbit) : 0.0;
        if (!r.slowest || seconds > transfer) {
            transfer = seconds;
            r.slowest = i;
            limit = rates[i].limited_by;
        }
    }
    const double latency = latency_ms / kMsPerS;
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
        std::string why;
        if (latency > transfer)
            why = "the propagation latency of the DCI, paid on every sync, dominates the step.";
        else if (limit == "window")
            why = "its connections cannot keep enough bytes in flight over this distance (rate <= connections x "
                  "window / RTT): more connections, a larger flow window, closer sites or DiLoCo would help; "
                  "more wavelengths would not.";
        else if (limit == "loss")
            why = "packet loss makes the transport resend most of what it sends.";
        else
            why = "the DCI cannot carry the sync traffic within the compute time.";
        r.diagnostics.push_back({Severity::Warning, "job-low-efficiency", "job",
                                 "Scaling efficiency is only " + percent(*r.efficiency) + " with " + t.params.strategy
                                     + ": " + why});
    }
    return r;
}

std::vector<StepPart> stepParts(const JobResult &job)
{
    if (!job.step_s || !job.compute_s || !job.exposed_s)
        return {};
    const double period = job.period_steps.value_or(1.0);
    const double exposedTransfer
        = std::min(*job.exposed_s, std::max(0.0, job.transfer_s.value_or(0.0) - job.window_s.value_or(0.0)) / period);
    return {
        {"compute", *job.compute_s},
        {"exposed_transfer", exposedTransfer},
        {"exposed_latency", *job.exposed_s - exposedTransfer},
        {"bubble", job.bubble_s.value_or(0.0)},
    };
}

} // namespace dci
