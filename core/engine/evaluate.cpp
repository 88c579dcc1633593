#include "evaluate.h"

#include "engine/geometry.h"
#include "engine/paths.h"
#include "engine/power.h"
#include "engine/timing.h"
#include "engine/traffic.h"

namespace dci {

Results evaluate(const Scenario &scenario, const Catalog &baseCatalog)
{
    const Catalog catalog = applyOverrides(baseCatalog, scenario.assumptions);
    Results results;
    auto collect = [&](std::vector<Diagnostic> &d) {
        results.diagnostics.insert(results.diagnostics.end(), d.begin(), d.end());
    };

    PowerResult power = sitePower(scenario, catalog);
    results.sites = std::move(power.sites);
    collect(power.diagnostics);

    GeometryResult geometry = spanGeometry(scenario, catalog);
    results.spans = std::move(geometry.spans);
    collect(geometry.diagnostics);

    TrafficResult traffic = jobTraffic(scenario, catalog);
    collect(traffic.diagnostics);
    const PathLatencies paths = shortestLatencies(scenario, results.spans);
    TimingResult timing = jobTiming(scenario, traffic, paths);
    collect(timing.diagnostics);

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
        job.transfer_s = timing.transfer_s;
        job.latency_s = timing.latency_s;
        job.comm_s = timing.comm_s;
        job.exposed_s = timing.exposed_s;
        job.step_s = timing.step_s;
        job.efficiency = timing.efficiency;
        job.training_days = timing.training_days;
    }
    for (std::size_t i = 0; i < traffic.demands.size(); ++i) {
        const JobDemand &jd = traffic.demands[i];
        DemandResult d{jd.from, jd.to, jd.gbps, "job", traffic.demand_label};
        d.bytes_per_event = jd.bytes_per_event;
        d.period_steps = jd.period_steps;
        d.window_s = jd.window_s;
        d.avg_gbps = jd.avg_gbps;
        if (i < timing.rate_gbps.size())
            d.rate_gbps = timing.rate_gbps[i];
        results.demands.push_back(std::move(d));
    }
    for (const Demand &d : scenario.demands) {
        DemandResult r{d.from, d.to, d.gbps, "explicit", d.label};
        r.avg_gbps = d.gbps;
        results.demands.push_back(std::move(r));
    }

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
