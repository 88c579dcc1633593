#include "transport.h"

#include "engine/elephant.h"
#include "engine/rates.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace dci {

namespace {
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;
constexpr double kMtusOfHeadroom = 2.0; // the frame in flight each way (802.1Qbb worst case)
constexpr double kBytesPerMb = 1e6;
constexpr double kLowGoodput = 0.9; // below this a flow gets a warning (a planning threshold)
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

FlowTransport flowTransport(double flow_rate_gbps, double rtt_ms, double loss_rate, double mtu_bytes,
                            const std::string &transport, double window_bytes)
{
    FlowTransport t;
    t.rtt_ms = rtt_ms;
    t.bdp_bytes = flow_rate_gbps * kBitsPerGbit / kBitsPerByte * rtt_ms / kMsPerS;
    // A connection never has more than its buffer in flight (docs/MODEL.md "Rates").
    const double inFlight = std::min(t.bdp_bytes, window_bytes);
    t.window_packets = mtu_bytes > 0.0 ? inFlight / mtu_bytes : 0.0;
    // Go-back-N resends the whole window after one loss; selective repeat only the lost packet.
    t.goodput = transport == "selective-repeat" ? 1.0 - loss_rate : 1.0 / (1.0 + loss_rate * t.window_packets);
    return t;
}

double pfcHeadroomBytes(double port_rate_gbps, double rtt_ms, double mtu_bytes)
{
    return port_rate_gbps * kBitsPerGbit / kBitsPerByte * rtt_ms / kMsPerS + kMtusOfHeadroom * mtu_bytes;
}

double windowLimitGbps(double connections, double window_bytes, double rtt_ms)
{
    if (!(rtt_ms > 0.0))
        return std::numeric_limits<double>::infinity();
    return connections * window_bytes * kBitsPerByte / (rtt_ms / kMsPerS) / kBitsPerGbit;
}

// docs/MODEL.md "Transport", "ECMP elephant flows" and "Rates".
TransportResult applyTransport(const Scenario &scenario, const Catalog &catalog, std::vector<SpanResult> &spans,
                               const RoutingResult &routing, const std::vector<FlowDemand> &demands,
                               const TransportParams &params, StageTimes *times)
{
    std::optional<StageClock> clock(std::in_place, times, "transport");
    TransportResult out;
    const double loss = catalog.figure("loss_rate");
    const double mtu = catalog.figure("mtu_bytes");
    const double windowBytes = catalog.figure("flow_window_bytes");
    const double bufferBytes = catalog.figure("switch_buffer_mb") * kBytesPerMb;
    const bool spray = scenario.routing.load_balancing == "spray";
    const std::size_t n = std::min(demands.size(), routing.demands.size());

    // Flows per span direction: every demand is flows_per_pair equal flows, spread over the
    // span directions by its routed shares.
    std::vector<double> flows[2] = {std::vector<double>(spans.size(), 0.0), std::vector<double>(spans.size(), 0.0)};
    for (std::size_t i = 0; i < n; ++i) {
        if (!(demands[i].gbps > 0.0))
            continue;
        for (const SpanShare &sh : routing.demands[i].shares)
            if (sh.span < spans.size())
                flows[sh.forward][sh.span] += params.flows_per_pair * sh.fraction;
    }

    // Per span direction: capacity over its ECMP imbalance (the hottest lane fills first).
    // The imbalance depends only on (flows, lanes), and many spans share them: memoised.
    std::map<std::pair<int, int>, double> imbalances;
    std::vector<double> effective[2] = {std::vector<double>(spans.size(), kInf), std::vector<double>(spans.size(), kInf)};
    for (std::size_t k = 0; k < spans.size(); ++k) {
        SpanResult &s = spans[k];
        const Optic *optic = catalog.optic(s.optic);
        const bool carries = s.load_gbps && *s.load_gbps > 0.0;
        if (optic)
            s.pfc_headroom_bytes = pfcHeadroomBytes(optic->rate_gbps, 2.0 * s.latency_ms, mtu);
        if (params.diagnose && optic && params.transport == "roce-gbn" && *s.pfc_headroom_bytes > bufferBytes && !s.down
            && carries)
            out.diagnostics.push_back(
                {Severity::Warning, "pfc-headroom", s.id,
                 "Span \"" + s.id + "\" cannot be lossless: PFC needs "
                     + formatText("%.1f MB per port (rate x RTT + 2 MTU) but the switch has %.0f MB.", *s.pfc_headroom_bytes / kBytesPerMb,
                            bufferBytes / kBytesPerMb)});
        if (!s.fiber_pairs || !s.wavelengths || !s.load_gbps)
            continue;
        const int lanes = *s.fiber_pairs * *s.wavelengths;
        s.lanes = lanes;
        auto imbalanceOf = [&](double f) {
            const int whole = static_cast<int>(std::lround(std::min(f, 1e9)));
            if (spray || whole <= 0)
                return 1.0;
            const auto [it, fresh] = imbalances.emplace(std::make_pair(whole, lanes), 0.0);
            if (fresh)
                it->second = ecmpImbalance(whole, lanes);
            return it->second;
        };
        const double imbalance[2] = {imbalanceOf(flows[0][k]), imbalanceOf(flows[1][k])};
        const double hot[2] = {s.load_ba_gbps.value_or(0.0) * imbalance[0], s.load_ab_gbps.value_or(0.0) * imbalance[1]};
        const int hotter = hot[1] >= hot[0] ? 1 : 0;
        s.flows = flows[hotter][k];
        s.ecmp_imbalance = imbalance[hotter];
        if (s.capacity_gbps && *s.capacity_gbps > 0.0) {
            s.hot_lane_utilization = std::max(hot[0], hot[1]) / *s.capacity_gbps;
            for (int dir = 0; dir < 2; ++dir)
                effective[dir][k] = *s.capacity_gbps / imbalance[dir];
            if (params.diagnose && *s.hot_lane_utilization > 1.0 && s.utilization && *s.utilization <= 1.0)
                out.diagnostics.push_back(
                    {Severity::Warning, "hot-lane-overloaded", s.id,
                     "Span \"" + s.id + "\" is at " + formatText("%.0f%% on average, but hashing %.0f", *s.utilization * 100.0, *s.flows)
                         + " elephant flows onto " + std::to_string(lanes) + " lanes overloads its hottest lane ("
                         + std::to_string(static_cast<int>(std::lround(*s.hot_lane_utilization * 100.0)))
                         + "%). Packet spraying or more flows per pair would spread the load."});
        } else if (s.capacity_gbps) {
            effective[0][k] = effective[1][k] = 0.0;
        }
    }

    // Explicit demands are fixed loads at their Gbps; each is held back by its worst span
    // direction (min(1, effective capacity / load)).
    out.demands.resize(demands.size());
    std::vector<double> residual[2] = {effective[0], effective[1]};
    for (std::size_t i = params.job_demands; i < n; ++i) {
        const RoutedDemand &rd = routing.demands[i];
        DemandTransport &t = out.demands[i];
        if (!rd.routed)
            continue;
        for (const SpanShare &sh : rd.shares) {
            const SpanResult &s = spans[sh.span];
            const double load = sh.forward ? s.load_ab_gbps.value_or(0.0) : s.load_ba_gbps.value_or(0.0);
            if (load > 0.0 && std::isfinite(effective[sh.forward][sh.span]))
                t.rate_share = std::min(t.rate_share, effective[sh.forward][sh.span] / load);
            residual[sh.forward][sh.span] -= sh.fraction * std::max(0.0, demands[i].gbps);
        }
    }

    // Job demands: max-min fair sharing of what is left, each capped by its window limit.
    RateDemands job;
    const std::size_t jobDemands = std::min(params.job_demands, n);
    for (std::size_t i = 0; i < jobDemands; ++i) {
        const RoutedDemand &rd = routing.demands[i];
        job.shares.push_back(&rd.shares);
        job.active.push_back(rd.routed && params.job_bytes[i] > 0.0);
        job.cap_gbps.push_back(windowLimitGbps(params.connections_per_pair, windowBytes, 2.0 * rd.latency_ms));
        out.demands[i].window_limit_gbps = job.cap_gbps.back();
    }
    clock.emplace(times, "rates");
    const std::vector<RateOutcome> rates = maxMinRates(job, residual[1], residual[0]);
    clock.emplace(times, "transport");

    for (std::size_t i = 0; i < n; ++i) {
        const RoutedDemand &rd = routing.demands[i];
        DemandTransport &t = out.demands[i];
        if (!rd.routed)
            continue;
        const bool isJob = i < jobDemands;
        const double rate = isJob ? rates[i].rate_gbps : demands[i].gbps * t.rate_share;
        const double perConnection = std::isfinite(rate) ? rate / std::max(1.0, params.connections_per_pair) : 0.0;
        const FlowTransport ft = flowTransport(perConnection, 2.0 * rd.latency_ms, loss, mtu, params.transport, windowBytes);
        t.rtt_ms = ft.rtt_ms;
        t.bdp_bytes = ft.bdp_bytes;
        t.goodput = ft.goodput;
        t.rate_gbps = rate * ft.goodput;
        if (isJob) {
            t.limited_by = rates[i].limited_by;
            if (rates[i].span)
                t.limiting_span = spans[*rates[i].span].id;
            if (ft.goodput < kLowGoodput)
                t.limited_by = "loss";
        }
        if (params.diagnose && ft.goodput < kLowGoodput && demands[i].gbps > 0.0)
            out.diagnostics.push_back(
                {Severity::Warning, "low-goodput", demands[i].from,
                 "Flows from \"" + demands[i].from + "\" to \"" + demands[i].to + "\" keep only "
                     + formatText("%.0f%% of their rate: at a loss rate of %.0e", ft.goodput * 100.0, loss) + ", " + params.transport
                     + " resends a window of " + formatText("%.0f packets (RTT %.2f ms) per loss.", ft.window_packets, ft.rtt_ms)});
    }
    return out;
}

} // namespace dci
