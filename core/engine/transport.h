#pragma once

#include "engine/results.h"
#include "engine/routing.h"
#include "model/catalog.h"
#include "model/scenario.h"

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

// transport: "roce-gbn" (go-back-N: 1 / (1 + p W)) or "selective-repeat" (1 - p).
FlowTransport flowTransport(double flow_rate_gbps, double rtt_ms, double loss_rate, double mtu_bytes,
                            const std::string &transport);

// Lossless (PFC) headroom one port needs: rate x RTT + 2 MTU (docs/MODEL.md "Transport").
double pfcHeadroomBytes(double port_rate_gbps, double rtt_ms, double mtu_bytes);

struct DemandTransport {
    std::optional<double> rtt_ms;
    std::optional<double> bdp_bytes;
    double goodput = 1.0;
    double rate_share = 1.0; // routing share with span capacity / ECMP imbalance
};

struct TransportResult {
    std::vector<DemandTransport> demands; // in the order routed
    std::vector<Diagnostic> diagnostics;
};

// Fills each span's lanes, flows, ECMP imbalance, hot-lane utilisation and PFC headroom
// (spans: routed results, in scenario order) and gives each routed demand its RTT, BDP,
// goodput and the rate share it gets once the hottest lane limits each span.
TransportResult applyTransport(const Scenario &scenario, const Catalog &catalog, std::vector<SpanResult> &spans,
                               const RoutingResult &routing, const std::vector<FlowDemand> &demands,
                               double flows_per_pair, const std::string &transport);

} // namespace dci
