#pragma once

#include "engine/results.h"
#include "engine/traffic.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Stage 7, docs/MODEL.md "Timing": how long a sync event takes, what of it compute cannot
// hide, and what that does to the step time, scaling efficiency and training days.
struct TimingResult {
    std::optional<double> transfer_s; // longest transfer of a sync event at the rates got
    std::optional<double> latency_s;  // latency term of a sync event
    std::optional<double> comm_s;     // transfer + latency, per sync event
    std::optional<double> exposed_s;  // not hidden behind compute, per step
    std::optional<double> step_s;
    std::optional<double> efficiency; // compute_s / step_s
    std::optional<double> training_days;
    std::optional<std::size_t> slowest; // the job demand whose transfer is longest
    std::vector<Diagnostic> diagnostics;
};

// Per job demand, in traffic order: the one-way latency of the longest path it is routed
// on (null: not routed), the rate it gets (Gbps, goodput included; infinity when nothing
// limits it) and what limits it ("capacity", "window", "loss", "none").
struct JobDemandRate {
    std::optional<double> latency_ms;
    double rate_gbps = 0.0;
    std::string limited_by;
};

TimingResult jobTiming(const TrafficResult &traffic, const Catalog &catalog, const std::vector<JobDemandRate> &rates);

// docs/MODEL.md "Timing": the largest sum of `chain` consecutive hops of a cyclic ring of
// hops (a chunk of a pipelined ring all-reduce travels 2(p-1) consecutive hops).
double longestChainMs(const std::vector<double> &ringHops_ms, std::size_t chain);

// docs/MODEL.md "Timing": one step split into what it is made of, in this order:
// "compute", "exposed_transfer" (max(0, transfer - window) per step, at most the exposed
// time), "exposed_latency" (the rest of the exposed time) and "bubble". They add up to
// step_s. Empty without a timed job. The charts and the report draw this split.
struct StepPart {
    std::string key;
    double seconds = 0.0;
};
std::vector<StepPart> stepParts(const JobResult &job);

} // namespace dci
