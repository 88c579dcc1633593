#pragma once

#include "engine/paths.h"
#include "engine/traffic.h"
#include "model/scenario.h"

#include <optional>
#include <vector>

namespace dci {

// Stage 5, docs/MODEL.md "Timing": how long a sync event takes, what of it compute cannot
// hide, and what that does to the step time, scaling efficiency and training days.
struct TimingResult {
    std::optional<double> transfer_s; // longest transfer of a sync event at the rates got
    std::optional<double> latency_s;  // latency term of a sync event
    std::optional<double> comm_s;     // transfer + latency, per sync event
    std::optional<double> exposed_s;  // not hidden behind compute, per step
    std::optional<double> step_s;
    std::optional<double> efficiency; // compute_s / step_s
    std::optional<double> training_days;
    std::vector<double> rate_gbps;    // per job demand: the rate it gets
    std::vector<Diagnostic> diagnostics;
};

// rateShare[i] (0..1] is the share of its Gbps that job demand i gets from the network
// (1 where nothing limits it). Empty = every demand gets its full rate.
TimingResult jobTiming(const Scenario &scenario, const TrafficResult &traffic, const PathLatencies &paths,
                       const std::vector<double> &rateShare = {});

} // namespace dci
