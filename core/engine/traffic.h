#pragma once

#include "model/catalog.h"
#include "model/diagnostic.h"
#include "model/scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dci {

// Stage 2, docs/MODEL.md "Traffic": the job and its cross-DC strategy -> compute time per
// step and, per sync event, the bytes each DC sends to each other DC.

// How the latency of a sync event adds up (docs/MODEL.md "Timing").
enum class LatencyPattern {
    None,     // one DC, or no job
    Direct,   // 2 x the longest path latency between any two DCs
    Ring,     // the longest chain of 2(D-1) consecutive hops of the DC ring
    FlatRing, // the longest chain of 2(N-1) consecutive hops of the GPU ring
    Pipeline, // 2 x the sum of the boundary latencies (fill and drain)
    Regions,  // direct inside regions (reduce-scatter, all-gather) + direct between them
};

const char *latencyPatternName(LatencyPattern p);

struct JobDemand {
    std::string from;
    std::string to;
    double bytes_per_event = 0.0;
    double window_s = 0.0;     // time the transfer may take and stay hidden (0: blocking)
    double period_steps = 1.0; // steps between sync events
    double gbps = 0.0;         // rate that moves it in the sizing window: bytes x 8 / window
    double avg_gbps = 0.0;     // bytes x 8 / (period x compute_s)
};

struct TrafficResult {
    bool present = false; // the scenario has a job
    JobParams params;
    std::vector<std::string> dcs; // participating sites in ring order
    std::vector<std::string> regions; // per DC (same order): its region (its own id when none)
    std::vector<std::int64_t> dc_gpus; // per DC (same order): its GPUs
    std::int64_t gpus = 0;        // N, GPUs of the participating sites
    double step_flop = 0.0;       // 6 x params x tokens_per_step
    double cluster_flops = 0.0;   // sum of gpus x peak x MFU, FLOP/s
    double compute_s = 0.0;
    double exchanged_bytes = 0.0; // S (gradient) or S' (pseudo-gradient), or one fragment
    double window_s = 0.0;        // hiding window of a sync event (0: it blocks, vanilla DiLoCo)
    double sizing_window_s = 0.0; // the window demands are sized for (gbps)
    double period_steps = 1.0;
    double bubble_s = 0.0; // pipeline bubble per step
    LatencyPattern latency = LatencyPattern::None;
    std::string demand_label; // what the job's demands carry, for tables and reports
    std::vector<JobDemand> demands;
    std::vector<Diagnostic> diagnostics;
};

TrafficResult jobTraffic(const Scenario &scenario, const Catalog &catalog);

} // namespace dci
