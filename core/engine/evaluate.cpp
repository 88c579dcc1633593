#include "evaluate.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "engine/balanced.h"
#include "engine/capacity.h"
#include "engine/cost.h"
#include "engine/dimension.h"
#include "engine/dimensionjob.h"
#include "engine/geometry.h"
#include "engine/power.h"
#include "engine/routing.h"
#include "engine/timing.h"
#include "engine/traffic.h"
#include "engine/transport.h"
#include "model/textformat.h"

namespace dci {

namespace {

constexpr double kFullUtilization = 1.0;

// A span loaded past its capacity is an error naming it (docs/MODEL.md "Routing").
void overloadDiagnostics(Results &results)
{
    for (const SpanResult &s : results.spans)
        if (s.utilization && *s.utilization > kFullUtilization) {
            results.diagnostics.push_back(
                {Severity::Error, "span-overloaded", s.id,
                 formatText("Span \"%s\" must carry %s Gbps but its capacity is %.0f Gbps (%s%%).", s.id.c_str(),
                            fixedText(*s.load_gbps, 0).c_str(), *s.capacity_gbps,
                            fixedText(*s.utilization * 100.0, 0).c_str())});
        }
}


struct NetworkPass {
    std::vector<SpanResult> spans;
    RoutingResult routing;
    std::vector<Diagnostic> diagnostics;
};

// Capacity (stage 3) and routing (stage 4) over the geometry's spans; run again after
// dimensioning. Loads and utilisation are filled into the span results.
NetworkPass networkPass(const Scenario &scenario, const Catalog &catalog, std::vector<SpanResult> spans,
                        const std::vector<FlowDemand> &flows, StageTimes *times)
{
    NetworkPass out;
    std::optional<StageClock> clock(std::in_place, times, "capacity");
    std::vector<double> lengths;
    for (const SpanResult &s : spans)
        lengths.push_back(s.length_km);
    CapacityResult capacity = spanCapacity(scenario, catalog, lengths);
    out.diagnostics = std::move(capacity.diagnostics);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        SpanResult &span = spans[i];
        const SpanCapacity &c = capacity.spans[i];
        span.optic = scenario.spans[i].optic;
        span.band = scenario.spans[i].band;
        span.fiber_pairs = c.fiber_pairs;
        span.wavelengths = c.wavelengths;
        span.max_wavelengths = c.max_wavelengths;
        span.capacity_gbps = c.capacity_gbps;
        span.reach_ok = c.reach_ok;
        span.reach_km = c.reach_km;
        span.inline_amp_sites = c.inline_amp_sites;
        span.amplifiers = c.amplifiers;
        span.terminal_amplifiers = c.terminal_amplifiers;
        span.modules = c.modules;
    }
    clock.emplace(times, "routing");
    const std::string &policy = scenario.routing.policy;
    out.routing = policy == "balanced" ? balancedRouting(scenario, spans, flows)
                                       : routeDemands(scenario, spans, flows, policy);
    out.diagnostics.insert(out.diagnostics.end(), out.routing.diagnostics.begin(), out.routing.diagnostics.end());
    applyRouting(spans, out.routing);
    out.spans = std::move(spans);
    return out;
}

// Route the job's flows and the explicit demands together: they share the spans.
std::vector<FlowDemand> flowsOf(const Scenario &scenario, const TrafficResult &traffic)
{
    std::vector<FlowDemand> flows;
    flows.reserve(traffic.demands.size() + scenario.demands.size());
    for (const JobDemand &jd : traffic.demands)
        flows.push_back({jd.from, jd.to, jd.gbps});
    for (const Demand &d : scenario.demands)
        flows.push_back({d.from, d.to, d.gbps});
    return flows;
}

// The connections and flows of every demand, for the transport stage.
TransportParams transportParams(const Scenario &scenario, const Catalog &catalog, const TrafficResult &traffic)
{
    TransportParams tp;
    if (traffic.present) {
        tp.flows_per_pair = traffic.params.flows_per_pair;
        tp.connections_per_pair = traffic.params.connections_per_pair;
        tp.transport = traffic.params.transport;
    } else {
        // Explicit demands alone: the connections a job would derive for a hierarchical sync.
        const JobParams defaults = resolveJob(Job{}, catalog, scenario.assumptions);
        tp.flows_per_pair = defaults.flows_per_pair;
        tp.connections_per_pair = defaults.connections_per_pair;
        tp.transport = kTransports[0];
    }
    tp.job_demands = traffic.demands.size();
    for (const JobDemand &jd : traffic.demands)
        tp.job_bytes.push_back(jd.bytes_per_event);
    return tp;
}

bool hasAutoSpans(const Scenario &scenario)
{
    return std::any_of(scenario.spans.begin(), scenario.spans.end(),
                       [](const Span &s) { return !s.wavelengths || !s.fiber_pairs; });
}

bool sizedForGoals(const Scenario &scenario)
{
    return scenario.sizing.any()
           && std::any_of(scenario.spans.begin(), scenario.spans.end(), [](const Span &s) { return !s.wavelengths; });
}

} // namespace

void applyRouting(std::vector<SpanResult> &spans, const RoutingResult &routing)
{
    for (std::size_t i = 0; i < spans.size(); ++i) {
        SpanResult &span = spans[i];
        if (span.down)
            continue;
        span.load_ab_gbps = routing.spans[i].ab_gbps;
        span.load_ba_gbps = routing.spans[i].ba_gbps;
        span.load_gbps = std::max(*span.load_ab_gbps, *span.load_ba_gbps);
        if (span.capacity_gbps && *span.capacity_gbps > 0.0)
            span.utilization = *span.load_gbps / *span.capacity_gbps;
    }
}

TimingResult timeJob(const TrafficResult &traffic, const Catalog &catalog, const RoutingResult &routing,
                     const TransportResult &transport)
{
    std::vector<JobDemandRate> rates(traffic.demands.size());
    for (std::size_t i = 0; i < traffic.demands.size(); ++i) {
        if (i < routing.demands.size() && routing.demands[i].routed)
            rates[i].latency_ms = routing.demands[i].latency_ms;
        rates[i].rate_gbps = transport.demands[i].rate_gbps;
        rates[i].limited_by = transport.demands[i].limited_by;
    }
    return jobTiming(traffic, catalog, rates);
}

std::optional<RoutedNetwork> routedNetwork(const Scenario &scenario, const Catalog &baseCatalog)
{
    if (sizedForGoals(scenario) || hasAutoSpans(scenario))
        return std::nullopt;
    RoutedNetwork net;
    net.catalog = applyOverrides(baseCatalog, scenario.assumptions);
    net.traffic = jobTraffic(scenario, net.catalog);
    net.flows = flowsOf(scenario, net.traffic);
    NetworkPass pass = networkPass(scenario, net.catalog, spanGeometry(scenario, net.catalog).spans, net.flows, nullptr);
    net.spans = std::move(pass.spans);
    net.routing = std::move(pass.routing);
    net.transport = transportParams(scenario, net.catalog, net.traffic);
    return net;
}

Results evaluate(const Scenario &scenario, const Catalog &baseCatalog) { return evaluate(scenario, baseCatalog, nullptr); }

Results evaluate(const Scenario &scenario, const Catalog &baseCatalog, StageTimes *times)
{
    if (times) // every stage listed, in chain order, whether it runs or not
        for (const char *stage : kEvaluateStages)
            times->add(stage, 0.0);
    // "auto" spans sized for the job's efficiency or for N-1 (the plan's "sizing" block):
    // dimensionForJob evaluates copies without the block, so this does not recurse.
    if (sizedForGoals(scenario))
        return dimensionForJob(scenario, baseCatalog,
                               DimensionGoals{scenario.sizing.n1, scenario.sizing.target_efficiency, true})
            .results;

    std::optional<StageClock> clock(std::in_place, times, "assumptions");
    const Catalog catalog = applyOverrides(baseCatalog, scenario.assumptions);
    Results results;
    results.catalog_version = baseCatalog.version;
    auto collect = [&](std::vector<Diagnostic> &d) {
        results.diagnostics.insert(results.diagnostics.end(), d.begin(), d.end());
    };

    clock.emplace(times, "power");
    PowerResult power = sitePower(scenario, catalog);
    results.sites = std::move(power.sites);
    collect(power.diagnostics);

    clock.emplace(times, "geometry");
    GeometryResult geometry = spanGeometry(scenario, catalog);
    results.spans = std::move(geometry.spans);
    collect(geometry.diagnostics);

    clock.emplace(times, "traffic");
    TrafficResult traffic = jobTraffic(scenario, catalog);
    collect(traffic.diagnostics);

    const std::vector<FlowDemand> flows = flowsOf(scenario, traffic);

    clock.reset();
    NetworkPass pass = networkPass(scenario, catalog, results.spans, flows, times);
    // "auto" spans: dimension them on the loads of a first pass (their capacity unknown,
    // so unconstrained), then capacity and routing again on the chosen numbers.
    const bool hasAuto = hasAutoSpans(scenario);
    Scenario dimensioned;
    const Scenario *planned = &scenario;
    if (hasAuto) {
        clock.emplace(times, "dimension");
        DimensionResult dimension = dimensionSpans(scenario, catalog, pass.spans, false);
        collect(dimension.diagnostics);
        dimensioned = withDimensions(scenario, dimension);
        planned = &dimensioned;
        clock.reset();
        pass = networkPass(dimensioned, catalog, results.spans, flows, times);
        for (std::size_t i = 0; i < pass.spans.size(); ++i)
            pass.spans[i].dimensioned = dimension.spans[i].dimensioned;
    }
    results.spans = std::move(pass.spans);
    collect(pass.diagnostics);
    RoutingResult &routing = pass.routing; // its paths move into the results at the end

    clock.emplace(times, "transport");
    // Elephant flows on lanes, RDMA over distance and the rates the sync event's demands
    // really get (max-min fair sharing under their window limits).
    const TransportParams tp = transportParams(scenario, catalog, traffic);
    clock.reset(); // applyTransport times itself: transport, and rates for the sharing
    TransportResult transport = applyTransport(*planned, catalog, results.spans, routing, flows, tp, times);
    clock.emplace(times, "timing");
    collect(transport.diagnostics);

    TimingResult timing = timeJob(traffic, catalog, routing, transport);
    collect(timing.diagnostics);

    clock.emplace(times, "results");
    JobResult &job = results.job;
    job.present = traffic.present;
    if (traffic.present) {
        job.strategy = traffic.params.strategy;
        job.dc_pattern = traffic.params.dc_pattern;
        job.dcs = traffic.dcs;
        job.gpus = traffic.gpus;
        job.step_flop = traffic.step_flop;
        job.cluster_flops = traffic.cluster_flops;
        job.exchanged_bytes = traffic.exchanged_bytes;
        job.period_steps = traffic.period_steps;
        job.window_s = traffic.window_s;
        job.compute_s = traffic.compute_s;
        job.bubble_s = traffic.bubble_s;
        job.latency_pattern = latencyPatternName(traffic.latency);
        job.connections_per_pair = traffic.params.connections_per_pair;
        job.flows_per_pair = traffic.params.flows_per_pair;
        job.transfer_s = timing.transfer_s;
        job.latency_s = timing.latency_s;
        job.comm_s = timing.comm_s;
        job.exposed_s = timing.exposed_s;
        job.step_s = timing.step_s;
        job.efficiency = timing.efficiency;
        job.training_days = timing.training_days;
        if (timing.slowest) { // job demands come first in Results::demands
            job.limited_by = transport.demands[*timing.slowest].limited_by;
            job.slowest_demand = timing.slowest;
        }
    }
    results.demands.reserve(traffic.demands.size() + scenario.demands.size());
    for (std::size_t i = 0; i < traffic.demands.size(); ++i) {
        const JobDemand &jd = traffic.demands[i];
        DemandResult d{jd.from, jd.to, jd.gbps, "job", traffic.demand_label};
        d.bytes_per_event = jd.bytes_per_event;
        d.period_steps = jd.period_steps;
        d.window_s = jd.window_s;
        d.avg_gbps = jd.avg_gbps;
        results.demands.push_back(std::move(d));
    }
    for (const Demand &d : scenario.demands) {
        DemandResult r{d.from, d.to, d.gbps, "explicit", d.label};
        r.avg_gbps = d.gbps;
        results.demands.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < results.demands.size() && i < routing.demands.size(); ++i) {
        RoutedDemand &rd = routing.demands[i];
        DemandResult &d = results.demands[i];
        d.paths.reserve(rd.paths.size());
        for (RoutedPath &p : rd.paths)
            d.paths.push_back({std::move(p.spans), p.fraction});
        if (!rd.routed)
            continue;
        const DemandTransport &t = transport.demands[i];
        d.latency_ms = rd.latency_ms;
        d.rtt_ms = t.rtt_ms;
        d.bdp_bytes = t.bdp_bytes;
        d.goodput = t.goodput;
        if (std::isfinite(t.rate_gbps))
            d.rate_gbps = t.rate_gbps;
        if (d.source == "job") {
            d.limited_by = t.limited_by;
            if (std::isfinite(t.window_limit_gbps))
                d.window_limit_gbps = t.window_limit_gbps;
            d.limiting_span = t.limiting_span;
        }
    }
    overloadDiagnostics(results);

    clock.emplace(times, "cost");
    CostStage cost = interconnectCost(*planned, catalog, results.spans);
    results.cost = std::move(cost.cost);
    results.bom = std::move(cost.bom);
    collect(cost.diagnostics);

    results.totals.sites = static_cast<int>(scenario.sites.size());
    results.totals.spans = static_cast<int>(scenario.spans.size());
    for (const SiteResult &s : results.sites) {
        results.totals.gpus += s.gpus;
        results.totals.it_power_mw += s.it_power_mw;
        results.totals.power_mw += s.power_mw;
    }
    return results;
}

} // namespace dci
