#pragma once

#include "engine/results.h"
#include "engine/routing.h"
#include "engine/stagetimes.h"
#include "engine/timing.h"
#include "engine/traffic.h"
#include "engine/transport.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <vector>

namespace dci {

// Runs every engine stage on a valid scenario (as returned by the reader) and collects
// their diagnostics. Pure: same inputs, same results. The catalog is the base catalog;
// the scenario's assumptions are applied here.
Results evaluate(const Scenario &scenario, const Catalog &catalog);

// The same, adding each stage's wall-clock time to *times (bench); times may be null.
Results evaluate(const Scenario &scenario, const Catalog &catalog, StageTimes *times);

// evaluate() up to routing, for analyses that change a little and run the rest again
// (resilience.cpp: N-1 reroutes only the demands a failure touches, then transport and
// timing); built by the same stage calls as evaluate().
struct RoutedNetwork {
    Catalog catalog;               // the scenario's assumptions applied
    TrafficResult traffic;
    std::vector<FlowDemand> flows; // the job's demands, then the explicit ones
    std::vector<SpanResult> spans; // geometry, capacity, and the loads of `routing`
    RoutingResult routing;
    TransportParams transport;
};
// None where evaluate() dimensions "auto" spans (their sizes depend on the loads).
std::optional<RoutedNetwork> routedNetwork(const Scenario &scenario, const Catalog &catalog);
// Loads and utilisation of the spans that are up, from a routing (as evaluate() fills them).
void applyRouting(std::vector<SpanResult> &spans, const RoutingResult &routing);
// The job's timing from its demands' routing and rates (as evaluate() times it).
TimingResult timeJob(const TrafficResult &traffic, const Catalog &catalog, const RoutingResult &routing,
                     const TransportResult &transport);

} // namespace dci
