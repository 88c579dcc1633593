#include "traffic.h"

#include <algorithm>

namespace dci {

namespace {

constexpr double kTrainFlopPerParamToken = 6.0; // C = 6 N D (Kaplan et al. 2020), MODEL.md "Traffic"
constexpr double kFlopsPerTflops = 1e12;
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;

// Participating sites (gpus > 0) in ring order: job.ring_order first, then the rest in file order.
std::vector<const Site *> ringOrder(const Scenario &s, const JobParams &p, std::vector<Diagnostic> &diagnostics)
{
    std::vector<const Site *> out;
    for (const std::string &id : p.ring_order) {
        const Site *site = s.site(id);
        if (site && site->gpus > 0)
            out.push_back(site);
        else if (site)
            diagnostics.push_back({Severity::Warning, "ring-order-no-gpus", id,
                                   "Site \"" + site->name + "\" is in the job's ring order but has no GPUs; it is skipped."});
    }
    for (const Site &site : s.sites)
        if (site.gpus > 0 && std::find(out.begin(), out.end(), &site) == out.end())
            out.push_back(&site);
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

} // namespace

const char *latencyPatternName(LatencyPattern p)
{
    switch (p) {
    case LatencyPattern::None: return "none";
    case LatencyPattern::Direct: return "direct";
    case LatencyPattern::Ring: return "ring";
    case LatencyPattern::FlatRing: return "flat-ring";
    case LatencyPattern::Pipeline: return "pipeline";
    }
    return "none";
}

TrafficResult jobTraffic(const Scenario &scenario, const Catalog &catalog)
{
    TrafficResult r;
    if (!scenario.job)
        return r;
    r.present = true;
    r.params = resolveJob(*scenario.job, catalog);
    const JobParams &p = r.params;

    const std::vector<const Site *> dcs = ringOrder(scenario, p, r.diagnostics);
    for (const Site *s : dcs) {
        r.dcs.push_back(s->id);
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
    if (strategy == "hierarchical") {
        r.exchanged_bytes = p.model_params * p.grad_bytes;
        r.window_s = p.overlap * r.compute_s;
        allReduceBetweenDcs(dcs, p.dc_pattern, r.exchanged_bytes, r.demands);
        r.latency = p.dc_pattern == "ring" ? LatencyPattern::Ring : LatencyPattern::Direct;
        r.demand_label = "gradient all-reduce";
    } else if (strategy == "diloco" || strategy == "streaming-diloco") {
        const bool streaming = strategy == "streaming-diloco";
        const double fragments = streaming ? p.fragments : 1.0;
        r.exchanged_bytes = p.model_params * p.sync_bytes / fragments;
        r.period_steps = p.inner_steps / fragments;
        const double overlapSteps = p.overlap_steps.value_or(streaming ? r.period_steps : 1.0);
        r.window_s = p.overlap * overlapSteps * r.compute_s;
        allReduceBetweenDcs(dcs, p.dc_pattern, r.exchanged_bytes, r.demands);
        r.latency = p.dc_pattern == "ring" ? LatencyPattern::Ring : LatencyPattern::Direct;
        r.demand_label = streaming ? "streaming DiLoCo fragment" : "DiLoCo outer sync";
    } else if (strategy == "flat-ring") {
        const double n = static_cast<double>(r.gpus);
        r.exchanged_bytes = p.model_params * p.grad_bytes;
        r.window_s = p.overlap * r.compute_s;
        if (d >= 2)
            for (std::size_t k = 0; k < d; ++k)
                r.demands.push_back({dcs[k]->id, dcs[(k + 1) % d]->id, 2.0 * (n - 1.0) / n * r.exchanged_bytes});
        r.latency = LatencyPattern::FlatRing;
        r.demand_label = "flat ring all-reduce";
    } else if (strategy == "pipeline") {
        // Activations of every token cross each stage boundary once forward; their
        // gradients cross back once backward.
        r.exchanged_bytes = p.tokens_per_step * p.hidden_size * p.act_bytes;
        r.window_s = p.overlap * r.compute_s;
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
        jd.gbps = jd.bytes_per_event * kBitsPerByte / r.window_s / kBitsPerGbit;
        jd.avg_gbps = jd.bytes_per_event * kBitsPerByte / (r.period_steps * r.compute_s) / kBitsPerGbit;
    }
    return r;
}

} // namespace dci
