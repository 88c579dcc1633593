#pragma once

#include "engine/routing.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace dci {

// docs/MODEL.md "Rates": the rate each demand of a sync event gets when the event's
// demands share the spans max-min fairly (progressive filling) on their routed split
// fractions, each capped by its own limit (the window limit of its connections).

struct RateDemand {
    std::vector<SpanShare> shares; // from the routing stage
    double cap_gbps = std::numeric_limits<double>::infinity();
    bool active = true; // false: takes no part (no path, nothing to move)
};

struct RateOutcome {
    double rate_gbps = 0.0;         // infinity when nothing limits the demand
    std::string limited_by = "none"; // "capacity", "window" or "none"
    std::optional<std::size_t> span; // the saturated span, when capacity binds
    bool forward = true;             // its direction
};

// residual_*: capacity left per span direction (Gbps) after the fixed background loads;
// infinity where a span has no capacity to share (unconstrained).
std::vector<RateOutcome> maxMinRates(const std::vector<RateDemand> &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps);

// The same demands as parallel arrays, their shares where the routing keeps them (the
// transport stage and N-1 call it once per evaluation: no copy of every demand's shares).
struct RateDemands {
    std::vector<const std::vector<SpanShare> *> shares;
    std::vector<double> cap_gbps;
    std::vector<char> active;
};
std::vector<RateOutcome> maxMinRates(const RateDemands &demands, const std::vector<double> &residual_ab_gbps,
                                     const std::vector<double> &residual_ba_gbps);

} // namespace dci
