#include "traffic.h"

#include "model/textformat.h"

#include <algorithm>

namespace dci {

namespace {

constexpr double kTrainFlopPerParamToken = 6.0; // C = 6 N D (Kaplan et al. 2020), MODEL.md "Traffic"
constexpr double kFlopsPerTflops = 1e12;
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;

bool participates(const Site &site) { return site.gpus > 0 && !site.down; }

// Participating sites (GPUs, not down) in ring order: job.ring_order first, then the rest in
// file order. A site that is down sits out (its own diagnostic says so, below).
std::vector<const Site *> ringOrder(const Scenario &s, const JobParams &p, std::vector<Diagnostic> &diagnostics)
{
    std::vector<const Site *> out;
    for (const std::string &id : p.ring_order) {
        const Site *site = s.site(id);
        if (site && participates(*site))
            out.push_back(site);
        else if (site && !site->down)
            diagnostics.push_back({Severity::Warning, "ring-order-no-gpus", id,
                                   "Site \"" + site->name + "\" is in the job's ring order but has no GPUs; it is skipped."});
    }
    for (const Site &site : s.sites)
        if (participates(site) && std::find(out.begin(), out.end(), &site) == out.end())
            out.push_back(&site);
    for (const Site &site : s.sites)
        if (site.down && site.gpus > 0)
            diagnostics.push_back({Severity::Warning, "site-down-job", site.id,
                                   formatText("Site \"%s\" is down: its %lld GPUs sit out of the job, which runs over "
                                              "the remaining %zu GPU site%s.",
                                              site.id.c_str(), static_cast<long long>(site.gpus), out.size(),
                                              out.size() == 1 ? "" : "s")});
    return out;
}

// Bytes a DC sends per sync event when D DCs all-reduce `bytes` between them (MODEL.md
// "Traffic", hierarchical): direct = reduce-scatter + all-gather, 2 bytes/D to every
// other DC; ring = (D-1)/D bytes to each of the two ring neighbours.
void allReduceBetweenDcs(const std::vector<const Site *> &dcs, const std::string &pattern, double bytes,
                         std::vector<JobDemand> &out)
{
    const std::size_t d = dcs.size();
    if (d < 2)
        return;
    const double dd = static_cast<double>(d);
    if (pattern == "ring") {
        const double perNeighbour = (dd - 1.0) / dd * bytes;
        for (std::size_t k = 0; k < d; ++k) {
            const Site *next = dcs[(k + 1) % d];
            const Site *prev = dcs[(k + d - 1) % d];
            if (next == prev) { // D = 2: both halves go to the one neighbour
                out.push_back({dcs[k]->id, next->id, 2.0 * perNeighbour});
            } else {
                out.push_back({dcs[k]->id, next->id, perNeighbour});
                out.push_back({dcs[k]->id, prev->id, perNeighbour});
            }
        }
    } else {
        for (const Site *from : dcs)
            for (const Site *to : dcs)
                if (from != to)
                    out.push_back({from->id, to->id, 2.0 * bytes / dd});
    }
}

// docs/MODEL.md "Traffic", regions: reduce-scatter inside each region, all-reduce of each
// byte range between the regions' owners of it, all-gather inside each region. A region's
// k DCs own equal shards of the gradient; where two regions split it differently, a DC
// exchanges with each DC of the other region whose shard overlaps its own, in proportion.
void allReduceByRegions(const std::vector<const Site *> &dcs, const std::vector<std::string> &regionOf, double bytes,
                        std::vector<JobDemand> &out)
{
    std::vector<std::string> regions;
    for (const std::string &r : regionOf)
        if (std::find(regions.begin(), regions.end(), r) == regions.end())
            regions.push_back(r);
    std::vector<std::vector<std::size_t>> members(regions.size());
    std::vector<std::size_t> regionIndex(dcs.size());
    for (std::size_t i = 0; i < dcs.size(); ++i) {
        regionIndex[i] = static_cast<std::size_t>(std::find(regions.begin(), regions.end(), regionOf[i]) - regions.begin());
        members[regionIndex[i]].push_back(i);
    }
    const double m = static_cast<double>(regions.size());
    // Shard of DC i: [position / k, (position + 1) / k) of the gradient, k its region's DCs.
    auto shard = [&](std::size_t i) {
        const auto &peers = members[regionIndex[i]];
        const double k = static_cast<double>(peers.size());
        const double at = static_cast<double>(std::find(peers.begin(), peers.end(), i) - peers.begin());
        return std::make_pair(at / k, (at + 1.0) / k);
    };
    for (std::size_t i = 0; i < dcs.size(); ++i)
        for (std::size_t j = 0; j < dcs.size(); ++j) {
            if (i == j)
                continue;
            double b = 0.0;
            if (regionIndex[i] == regionIndex[j]) {
                // Reduce-scatter sends j its shard; all-gather sends j i's reduced shard.
                b = 2.0 * bytes / static_cast<double>(members[regionIndex[i]].size());
            } else {
                const auto [lo1, hi1] = shard(i);
                const auto [lo2, hi2] = shard(j);
                const double overlap = std::max(0.0, std::min(hi1, hi2) - std::max(lo1, lo2));
                b = 2.0 * bytes * overlap / m; // direct all-reduce of that range among m owners
            }
            if (b > 0.0)
                out.push_back({dcs[i]->id, dcs[j]->id, b});
        }
}

} // namespace

const char *latencyPatternName(LatencyPattern p)
{
    switch (p) {
    case LatencyPattern::None: return "none";
    case LatencyPattern::Direct: return "direct";
    case LatencyPattern::Ring: return "ring";
    case LatencyPattern::FlatRing: return "flat-ring";
    case LatencyPattern::Pipeline: return "pipeline";
    case LatencyPattern::Regions: return "regions";
    }
    return "none";
}

TrafficResult jobTraffic(const Scenario &scenario, const Catalog &catalog)
{
    TrafficResult r;
    if (!scenario.job)
        return r;
    r.present = true;
    r.params = resolveJob(*scenario.job, catalog, scenario.assumptions);
    const JobParams &p = r.params;

    const std::vector<const Site *> dcs = ringOrder(scenario, p, r.diagnostics);
    for (const Site *s : dcs) {
        r.dcs.push_back(s->id);
        r.regions.push_back(s->region.empty() ? s->id : s->region);
        r.dc_gpus.push_back(s->gpus);
        r.gpus += s->gpus;
        const GpuType *gpu = catalog.gpu(s->gpu);
        r.cluster_flops += static_cast<double>(s->gpus) * (gpu ? gpu->bf16_dense_tflops : 0.0) * kFlopsPerTflops * p.mfu;
    }
    if (dcs.empty() || r.cluster_flops <= 0.0) {
        r.diagnostics.push_back({Severity::Error, "job-no-gpus", "job",
                                 "The job has no GPUs to run on: give at least one site a GPU count."});
        r.present = false;
        return r;
    }
    r.step_flop = kTrainFlopPerParamToken * p.model_params * p.tokens_per_step;
    r.compute_s = r.step_flop / r.cluster_flops;

    const std::size_t d = dcs.size();
    const std::string &strategy = p.strategy;
    // Between DCs, per sync event: bytes by the DC pattern (MODEL.md "Traffic").
    auto betweenDcs = [&](double bytes) {
        if (p.dc_pattern == "regions") {
            allReduceByRegions(dcs, r.regions, bytes, r.demands);
            r.latency = LatencyPattern::Regions;
        } else {
            allReduceBetweenDcs(dcs, p.dc_pattern, bytes, r.demands);
            r.latency = p.dc_pattern == "ring" ? LatencyPattern::Ring : LatencyPattern::Direct;
        }
    };
    if (strategy == "hierarchical") {
        r.exchanged_bytes = p.model_params * p.grad_bytes;
        r.window_s = r.sizing_window_s = p.overlap * r.compute_s;
        betweenDcs(r.exchanged_bytes);
        r.demand_label = "gradient all-reduce";
    } else if (strategy == "diloco" || strategy == "streaming-diloco") {
        // The pseudo-gradient exists whole at the outer step, so it can overlap whole inner
        // steps (not only a backward pass). Vanilla DiLoCo blocks at its outer step unless
        // overlap_steps says otherwise; streaming DiLoCo overlaps about one inner step
        // (arXiv 2501.18512, domain-facts §3.3). Demands are sized to move the sync in
        // overlap_steps (default 1) steps of compute either way.
        const bool streaming = strategy == "streaming-diloco";
        const double fragments = streaming ? p.fragments : 1.0;
        r.exchanged_bytes = p.model_params * p.sync_bytes / fragments;
        r.period_steps = p.inner_steps / fragments;
        const double overlapSteps = p.overlap_steps.value_or(1.0);
        r.sizing_window_s = overlapSteps * r.compute_s;
        r.window_s = streaming || p.overlap_steps ? r.sizing_window_s : 0.0;
        betweenDcs(r.exchanged_bytes);
        r.demand_label = streaming ? "streaming DiLoCo fragment" : "DiLoCo outer sync";
    } else if (strategy == "flat-ring") {
        const double n = static_cast<double>(r.gpus);
        r.exchanged_bytes = p.model_params * p.grad_bytes;
        r.window_s = r.sizing_window_s = p.overlap * r.compute_s;
        if (d >= 2)
            for (std::size_t k = 0; k < d; ++k)
                r.demands.push_back({dcs[k]->id, dcs[(k + 1) % d]->id, 2.0 * (n - 1.0) / n * r.exchanged_bytes});
        r.latency = LatencyPattern::FlatRing;
        r.demand_label = "flat ring all-reduce";
    } else if (strategy == "pipeline") {
        // Activations of every token cross each stage boundary once forward; their
        // gradients cross back once backward.
        r.exchanged_bytes = p.tokens_per_step * p.hidden_size * p.act_bytes;
        r.window_s = r.sizing_window_s = p.overlap * r.compute_s;
        for (std::size_t k = 0; k + 1 < d; ++k) {
            r.demands.push_back({dcs[k]->id, dcs[k + 1]->id, r.exchanged_bytes});
            r.demands.push_back({dcs[k + 1]->id, dcs[k]->id, r.exchanged_bytes});
        }
        r.bubble_s = static_cast<double>(d - 1) / p.microbatches * r.compute_s;
        r.latency = LatencyPattern::Pipeline;
        r.demand_label = "pipeline activations";
    }
    if (d < 2) {
        r.latency = LatencyPattern::None;
        r.diagnostics.push_back({Severity::Info, "job-single-dc", "job",
                                 "The job runs in one DC (" + dcs.front()->id + "): no traffic crosses the DCI."});
    }
    for (JobDemand &jd : r.demands) {
        jd.window_s = r.window_s;
        jd.period_steps = r.period_steps;
        jd.gbps = jd.bytes_per_event * kBitsPerByte / r.sizing_window_s / kBitsPerGbit;
        jd.avg_gbps = jd.bytes_per_event * kBitsPerByte / (r.period_steps * r.compute_s) / kBitsPerGbit;
    }
    return r;
}

} // namespace dci
