#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Stage 4, docs/MODEL.md "Routing": every demand over the spans that are up, by policy
// (shortest: one path; ecmp: equal split over equal-cost next hops), the load it puts
// on each span direction, and the share of its rate the network can give it.

struct FlowDemand {
    std::string from;
    std::string to;
    double gbps = 0.0;
};

struct RoutedPath {
    std::vector<std::string> spans; // span ids from source to destination
    double fraction = 0.0;          // of the demand's rate
};

struct RoutedDemand {
    bool routed = false; // false: no path
    std::vector<RoutedPath> paths;
    double rate_share = 1.0; // Σ fraction x min over the path of min(1, capacity / load)
};

struct SpanLoad {
    double ab_gbps = 0.0; // from site a towards site b
    double ba_gbps = 0.0;
};

struct RoutingResult {
    std::vector<RoutedDemand> demands; // in the order given
    std::vector<SpanLoad> spans;       // in scenario order
    std::vector<Diagnostic> diagnostics;
    // balanced only: the LP optimum of the worst span utilisation over the spans with a
    // capacity (docs/MODEL.md "Routing", Balanced); null for the other policies.
    std::optional<double> max_utilization_bound;
};

// The error for a demand that no path carries (shared by every policy).
Diagnostic noPathDiagnostic(const std::string &from, const std::string &to);

// spans: geometry and capacity results in scenario order (latency, down, capacity).
RoutingResult routeDemands(const Scenario &scenario, const std::vector<SpanResult> &spans,
                           const std::vector<FlowDemand> &demands, const std::string &policy);

// Sets rate_share of every routed demand of `result` from its paths and result.spans loads
// (shared by every policy, so they all give a demand its rate the same way).
void assignRateShares(const Scenario &scenario, const std::vector<SpanResult> &spans,
                      const std::vector<FlowDemand> &demands, RoutingResult &result);

} // namespace dci
