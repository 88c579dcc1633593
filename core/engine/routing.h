#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dci {

// Stage 4, docs/MODEL.md "Routing": every demand over the spans that are up, by policy
// (shortest: one path; ecmp: equal split over every next hop on a minimum-metric path),
// the share of the demand on each span direction, and the load it puts there.

struct FlowDemand {
    std::string from;
    std::string to;
    double gbps = 0.0;
};

struct RoutedPath {
    std::vector<std::string> spans; // span ids from source to destination
    double fraction = 0.0;          // of the demand's rate
};

// The share of one demand that crosses one span in one direction.
struct SpanShare {
    std::size_t span = 0; // scenario index
    bool forward = true;  // from the span's site a towards b
    double fraction = 0.0;
};

struct RoutedDemand {
    bool routed = false;           // false: no path
    std::vector<SpanShare> shares; // every span direction the demand uses, in span order
    std::vector<RoutedPath> paths; // listed for people (up to kMaxPathsListed); rates never depend on it
    double latency_ms = 0.0;       // the longest path that carries part of the demand
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

// At most this many paths are listed per demand (largest share first).
inline constexpr std::size_t kMaxPathsListed = 64;

// The error for a demand that no path carries (shared by every policy); it names a site
// at either end that is down, which cuts the demand whatever the spans.
Diagnostic noPathDiagnostic(const Scenario &scenario, const std::string &from, const std::string &to);

// spans: geometry and capacity results in scenario order (latency, metric, down, capacity).
RoutingResult routeDemands(const Scenario &scenario, const std::vector<SpanResult> &spans,
                           const std::vector<FlowDemand> &demands, const std::string &policy);

// After some spans went down (spans: the plan's, those down), routes the demands `again`
// (indices) anew into `routing`, which holds the routing from before, and sums its loads
// again over every demand in order. With `again` every demand whose shares used a span now
// down, the result is what routeDemands gives, to the last bit: removing spans off a
// demand's shortest-path DAG changes neither its distances nor its next hops (docs/MODEL.md
// "Resilience"). figuresOnly: no paths listed, no diagnostics (N-1; a routed demand always
// has a path, so `routed` says whether paths would be listed).
void routeAgain(const Scenario &scenario, const std::vector<SpanResult> &spans, const std::vector<FlowDemand> &demands,
                const std::string &policy, const std::vector<std::size_t> &again, RoutingResult &routing,
                bool figuresOnly);

// From a routed demand's shares (acyclic, as every policy gives them): its longest path
// latency and the paths listed for people, largest share first (docs/MODEL.md "Routing").
// siteIndex: siteIndexMap(scenario), built once by the caller.
void describeShares(const Scenario &scenario, const std::unordered_map<std::string, std::size_t> &siteIndex,
                    const std::vector<SpanResult> &spans, std::size_t source, std::size_t destination,
                    RoutedDemand &demand);

} // namespace dci
