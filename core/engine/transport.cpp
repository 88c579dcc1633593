#include "transport.h"

#include "engine/elephant.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;
constexpr double kMtusOfHeadroom = 2.0; // the frame in flight each way (802.1Qbb worst case)
constexpr double kBytesPerMb = 1e6;
constexpr double kLowGoodput = 0.9; // below this a flow gets a warning (a planning threshold)
} // namespace

FlowTransport flowTransport(double flow_rate_gbps, double rtt_ms, double loss_rate, double mtu_bytes,
                            const std::string &transport)
{
    FlowTransport t;
    t.rtt_ms = rtt_ms;
    t.bdp_bytes = flow_rate_gbps * kBitsPerGbit / kBitsPerByte * rtt_ms / kMsPerS;
    t.window_packets = mtu_bytes > 0.0 ? t.bdp_bytes / mtu_bytes : 0.0;
    // Go-back-N resends the whole window after one loss; selective repeat only the lost packet.
    t.goodput = transport == "selective-repeat" ? 1.0 - loss_rate : 1.0 / (1.0 + loss_rate * t.window_packets);
    return t;
}

double pfcHeadroomBytes(double port_rate_gbps, double rtt_ms, double mtu_bytes)
{
    return port_rate_gbps * kBitsPerGbit / kBitsPerByte * rtt_ms / kMsPerS + kMtusOfHeadroom * mtu_bytes;
}


// docs/MODEL.md "Transport" and "ECMP elephant flows".
TransportResult applyTransport(const Scenario &scenario, const Catalog &catalog, std::vector<SpanResult> &spans,
                               const RoutingResult &routing, const std::vector<FlowDemand> &demands,
                               double flows_per_pair, const std::string &transport)
{
    TransportResult out;
    const double loss = catalog.figure("loss_rate");
    const double mtu = catalog.figure("mtu_bytes");
    const double bufferBytes = catalog.figure("switch_buffer_mb") * kBytesPerMb;
    const bool spray = scenario.routing.load_balancing == "spray";

    // Flows per span direction: every demand is flows_per_pair equal flows, spread over its
    // paths by their fractions.
    std::vector<double> flowsAb(spans.size(), 0.0), flowsBa(spans.size(), 0.0);
    for (std::size_t i = 0; i < demands.size() && i < routing.demands.size(); ++i) {
        if (demands[i].gbps <= 0.0)
            continue;
        for (const RoutedPath &p : routing.demands[i].paths) {
            std::string at = demands[i].from;
            for (const std::string &id : p.spans) {
                const int k = scenario.spanIndex(id);
                if (k < 0)
                    break;
                const Span &span = scenario.spans[static_cast<std::size_t>(k)];
                const bool forward = span.a == at;
                (forward ? flowsAb : flowsBa)[static_cast<std::size_t>(k)] += flows_per_pair * p.fraction;
                at = forward ? span.b : span.a;
            }
        }
    }

    std::vector<SpanResult> limited = spans; // capacity / imbalance, for the rate shares
    for (std::size_t k = 0; k < spans.size(); ++k) {
        SpanResult &s = spans[k];
        const Optic *optic = catalog.optic(s.optic);
        if (optic)
            s.pfc_headroom_bytes = pfcHeadroomBytes(optic->rate_gbps, 2.0 * s.latency_ms, mtu);
        if (optic && transport == "roce-gbn" && *s.pfc_headroom_bytes > bufferBytes && !s.down)
            out.diagnostics.push_back(
                {Severity::Warning, "pfc-headroom", s.id,
                 "Span \"" + s.id + "\" cannot be lossless: PFC needs "
                     + formatText("%.1f MB per port (rate x RTT + 2 MTU) but the switch has %.0f MB.", *s.pfc_headroom_bytes / kBytesPerMb,
                            bufferBytes / kBytesPerMb)});
        if (!s.fiber_pairs || !s.wavelengths || !s.load_gbps)
            continue;
        const int lanes = *s.fiber_pairs * *s.wavelengths;
        s.lanes = lanes;
        auto imbalanceOf = [&](double flows) {
            const int f = static_cast<int>(std::lround(flows));
            return spray || f <= 0 ? 1.0 : ecmpImbalance(f, lanes);
        };
        const double hotAb = s.load_ab_gbps.value_or(0.0) * imbalanceOf(flowsAb[k]);
        const double hotBa = s.load_ba_gbps.value_or(0.0) * imbalanceOf(flowsBa[k]);
        const bool abHotter = hotAb >= hotBa;
        s.flows = abHotter ? flowsAb[k] : flowsBa[k];
        s.ecmp_imbalance = imbalanceOf(*s.flows);
        if (s.capacity_gbps && *s.capacity_gbps > 0.0) {
            s.hot_lane_utilization = std::max(hotAb, hotBa) / *s.capacity_gbps;
            limited[k].capacity_gbps = *s.capacity_gbps / *s.ecmp_imbalance;
            if (*s.hot_lane_utilization > 1.0 && s.utilization && *s.utilization <= 1.0)
                out.diagnostics.push_back(
                    {Severity::Warning, "hot-lane-overloaded", s.id,
                     "Span \"" + s.id + "\" is at " + formatText("%.0f%% on average, but hashing %.0f", *s.utilization * 100.0, *s.flows)
                         + " elephant flows onto " + std::to_string(lanes) + " lanes overloads its hottest lane ("
                         + std::to_string(static_cast<int>(std::lround(*s.hot_lane_utilization * 100.0)))
                         + "%). Packet spraying or more flows per pair would spread the load."});
        }
    }

    RoutingResult shares = routing;
    assignRateShares(scenario, limited, demands, shares);
    out.demands.resize(demands.size());
    for (std::size_t i = 0; i < demands.size() && i < routing.demands.size(); ++i) {
        const RoutedDemand &rd = shares.demands[i];
        DemandTransport &t = out.demands[i];
        t.rate_share = rd.rate_share;
        if (!rd.routed)
            continue;
        double longest = 0.0;
        for (const RoutedPath &p : rd.paths) {
            double latency = 0.0;
            for (const std::string &id : p.spans) {
                const int k = scenario.spanIndex(id);
                if (k >= 0)
                    latency += spans[static_cast<std::size_t>(k)].latency_ms;
            }
            longest = std::max(longest, latency);
        }
        const double flowRate = demands[i].gbps * rd.rate_share / std::max(1.0, flows_per_pair);
        const FlowTransport ft = flowTransport(flowRate, 2.0 * longest, loss, mtu, transport);
        t.rtt_ms = ft.rtt_ms;
        t.bdp_bytes = ft.bdp_bytes;
        t.goodput = ft.goodput;
        if (ft.goodput < kLowGoodput && demands[i].gbps > 0.0)
            out.diagnostics.push_back(
                {Severity::Warning, "low-goodput", demands[i].from,
                 "Flows from \"" + demands[i].from + "\" to \"" + demands[i].to + "\" keep only "
                     + formatText("%.0f%% of their rate: at a loss rate of %.0e", ft.goodput * 100.0, loss) + ", " + transport
                     + " resends a window of " + formatText("%.0f packets (RTT %.2f ms) per loss.", ft.window_packets, ft.rtt_ms)});
    }
    return out;
}

} // namespace dci
