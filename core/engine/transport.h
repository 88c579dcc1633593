#pragma once

#include "engine/results.h"
#include "engine/routing.h"
#include "engine/stagetimes.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <limits>
#include <string>
#include <vector>

namespace dci {

// Stage 6, docs/MODEL.md "Transport": what distance does to RDMA. Pure formulas; the
// evaluation applies them per demand (RTT of its path) and per span (PFC headroom).

struct FlowTransport {
    double rtt_ms = 0.0;
    double bdp_bytes = 0.0;      // bytes in flight for one flow at its rate
    double window_packets = 0.0; // W = BDP / MTU
    double goodput = 1.0;        // share of the rate that delivers new data
};

// transport: "roce-gbn" (go-back-N: 1 / (1 + p W)) or "selective-repeat" (1 - p), with
// W = min(BDP, window_bytes) / MTU packets in flight.
FlowTransport flowTransport(double flow_rate_gbps, double rtt_ms, double loss_rate, double mtu_bytes,
                            const std::string &transport,
                            double window_bytes = std::numeric_limits<double>::infinity());

// The most `connections` can carry when each has at most window_bytes in flight:
// connections x window x 8 / RTT (docs/MODEL.md "Rates"); infinity for an RTT of 0.
double windowLimitGbps(double connections, double window_bytes, double rtt_ms);

// Lossless (PFC) headroom one port needs: rate x RTT + 2 MTU (docs/MODEL.md "Transport").
double pfcHeadroomBytes(double port_rate_gbps, double rtt_ms, double mtu_bytes);

struct DemandTransport {
    std::optional<double> rtt_ms;
    std::optional<double> bdp_bytes; // per connection
    double goodput = 1.0;
    double rate_share = 1.0;          // explicit demands: min(1, effective capacity / load) of the worst span
    double rate_gbps = 0.0;           // what it gets, goodput included (infinity: nothing limits it)
    double window_limit_gbps = std::numeric_limits<double>::infinity(); // job demands
    std::string limited_by;           // job demands: "capacity", "window", "loss" or "none"
    std::string limiting_span;        // when capacity binds: the full span
};

struct TransportParams {
    double flows_per_pair = 1.0;       // flows the DCI hash sees per demand
    double connections_per_pair = 1.0; // transport connections per demand (window limit)
    std::string transport = "roce-gbn";
    std::size_t job_demands = 0;       // the first job_demands demands are the job's
    std::vector<double> job_bytes;     // bytes each job demand moves per sync event
    bool diagnose = true;              // false: no diagnostics (N-1 cases read none; their text costs)
};

struct TransportResult {
    std::vector<DemandTransport> demands; // in the order routed
    std::vector<Diagnostic> diagnostics;
};

// Fills each span's lanes, flows, ECMP imbalance, hot-lane utilisation and PFC headroom
// (spans: routed results, in scenario order) and gives each routed demand its RTT, BDP,
// goodput and the rate it gets: explicit demands as fixed loads held back by their worst
// span, job demands by max-min fair sharing of the rest, capped by their window limit.
TransportResult applyTransport(const Scenario &scenario, const Catalog &catalog, std::vector<SpanResult> &spans,
                               const RoutingResult &routing, const std::vector<FlowDemand> &demands,
                               const TransportParams &params, StageTimes *times = nullptr);

} // namespace dci
