#pragma once

#include "engine/results.h"
#include "engine/routing.h"
#include "model/scenario.h"

#include <vector>

namespace dci {

// The `balanced` routing policy, docs/MODEL.md "Routing" (Balanced): the multi-commodity
// flow that minimises the worst span utilisation, solved as an LP with GLPK, then split
// into paths per demand. Spans without a capacity ("auto") are unconstrained.
//
// Same contract as routeDemands(): demands and span loads in the order given, no-path
// errors, rate shares; in addition max_utilization_bound is the LP optimum. If the LP
// cannot be solved the demands are routed with ECMP and a `balanced-fallback` warning says so.
RoutingResult balancedRouting(const Scenario &scenario, const std::vector<SpanResult> &spans,
                              const std::vector<FlowDemand> &demands);

} // namespace dci
