#include "dimensionjob.h"

#include "engine/capacity.h"
#include "engine/dimension.h"
#include "engine/evaluate.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>

namespace dci {

namespace {

constexpr double kEfficiencyTolerance = 1e-12; // compute / (compute + 0) is exactly 1
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;

// Enough digits to tell 99.96% from 99.958% (efficiencies near 1).
std::string percentText(double v) { return formatText("%.5g%%", v * 100.0); }

// The numbers evaluate() chose for "auto" spans, written into the scenario.
void writeChosen(Scenario &scenario, const Results &results)
{
    for (std::size_t i = 0; i < scenario.spans.size() && i < results.spans.size(); ++i) {
        if (results.spans[i].fiber_pairs)
            scenario.spans[i].fiber_pairs = *results.spans[i].fiber_pairs;
        if (results.spans[i].wavelengths)
            scenario.spans[i].wavelengths = *results.spans[i].wavelengths;
    }
}

// The job demand whose sync transfer takes longest, as Timing found it.
const DemandResult *slowestJobDemand(const Results &results)
{
    const auto &i = results.job.slowest_demand;
    return i && *i < results.demands.size() ? &results.demands[*i] : nullptr;
}

// One capacity step on a span (MODEL.md "Dimensioning"): one more wavelength per fiber pair;
// with the band full and fiber pairs "auto" in the file, one more pair lit like the others
// with the fewest wavelengths per pair that add capacity. False: it cannot grow.
bool growSpan(Span &span, bool autoPairs, const Catalog &catalog)
{
    const Optic *optic = catalog.optic(span.optic);
    const Band *band = catalog.band(span.band);
    if (!optic || !band || !span.fiber_pairs || !span.wavelengths)
        return false;
    const int channels = channelsPerFiberPair(band->width_thz, optic->spacing_ghz);
    const int pairs = *span.fiber_pairs;
    const int lambdas = *span.wavelengths;
    if (lambdas < channels) {
        span.wavelengths = lambdas + 1;
        return true;
    }
    if (!autoPairs)
        return false;
    span.fiber_pairs = pairs + 1;
    span.wavelengths = pairs * lambdas / (pairs + 1) + 1;
    return true;
}

// The best efficiency any bandwidth could give: the transfer takes no time, the latency
// and the pipeline bubble stay (MODEL.md "Timing").
double efficiencyWithoutTransfer(const JobResult &job)
{
    const double compute = job.compute_s.value_or(0.0);
    const double latencyExposed =
        std::max(0.0, job.latency_s.value_or(0.0) - job.window_s.value_or(0.0)) / job.period_steps.value_or(1.0);
    return compute / (compute + job.bubble_s.value_or(0.0) + latencyExposed);
}

// The bound on the loop's steps (MODEL.md "Dimensioning"): every step lights at least one
// more channel, and no span needs more channels than carry the explicit demands and every
// job demand at the rate that would alone reach the target. Spans with fixed fiber pairs
// count the channels they have; "auto" ones the pairs that would take.
int stepLimit(const Results &results, const Scenario &plan, const Scenario &file, const Catalog &catalog,
              double target)
{
    const JobResult &job = results.job;
    const double compute = job.compute_s.value_or(0.0);
    const double comm = job.window_s.value_or(0.0) - job.latency_s.value_or(0.0)
                        + job.period_steps.value_or(1.0) * (compute / target - compute - job.bubble_s.value_or(0.0));
    double busiest_gbps = 0.0;
    for (const DemandResult &d : results.demands) {
        if (d.source != "job")
            busiest_gbps += d.gbps;
        else if (d.bytes_per_event && comm > 0.0)
            busiest_gbps += *d.bytes_per_event * kBitsPerByte / comm / kBitsPerGbit;
    }
    int limit = 0;
    for (std::size_t i = 0; i < plan.spans.size(); ++i) {
        const Span &span = plan.spans[i];
        const Optic *optic = catalog.optic(span.optic);
        const Band *band = catalog.band(span.band);
        if (!optic || !band || !span.fiber_pairs || optic->rate_gbps <= 0.0)
            continue;
        const int channels = channelsPerFiberPair(band->width_thz, optic->spacing_ghz);
        int pairs = *span.fiber_pairs;
        if (!file.spans[i].fiber_pairs && channels > 0)
            pairs = std::max(pairs, static_cast<int>(std::ceil(busiest_gbps / (channels * optic->rate_gbps))));
        limit += pairs * channels;
    }
    return limit;
}

// What binds and what would help, for the diagnostic `efficiency-unreachable`.
std::string unreachableText(const std::string &binding, double target, const Results &r, const DemandResult *slowest,
                            const Scenario &plan, const Catalog &catalog, int steps, bool fixedWavelengths)
{
    const JobResult &job = r.job;
    std::string out = "The job cannot reach " + percentText(target) + " scaling efficiency";
    if (binding == "job")
        return out + (job.present ? ": it cannot be timed (see the job's other errors)." : ": the plan has no job.");
    out += ": it reaches " + percentText(job.efficiency.value_or(0.0));
    const std::string pair = slowest ? "(" + slowest->from + " -> " + slowest->to + ")" : "";
    if (binding == "latency") {
        const double latency = job.latency_s.value_or(0.0);
        const double window = job.window_s.value_or(0.0);
        out += ", and with unlimited bandwidth it would reach only " + percentText(efficiencyWithoutTransfer(job));
        if (latency > window)
            out += formatText(": the propagation latency of each sync (%.2f ms) outlasts its hiding window "
                              "(%.2f ms). More wavelengths do not help; %s would.",
                              latency * kMsPerS, window * kMsPerS,
                              job.strategy == "diloco" || job.strategy == "streaming-diloco"
                                  ? "a closer site, or overlapping the sync with inner steps (job.overlap_steps)"
                                  : "a closer site, more overlap, or DiLoCo");
        else
            out += ".";
        if (job.bubble_s.value_or(0.0) > 0.0)
            out += formatText(" The pipeline bubble (%.2f ms a step) counts too: more micro-batches would shrink it.",
                              *job.bubble_s * kMsPerS);
        return out;
    }
    if (binding == "window")
        return out
               + formatText(", and its slowest sync %s is held by the window limit (connections x flow window / "
                            "RTT = %.0f Gbps), which more wavelengths do not raise. More connections per DC pair "
                            "(job.connections_per_pair), a larger flow window (assumptions.flow_window_bytes), a "
                            "closer site, or DiLoCo would help.",
                            pair.c_str(), slowest && slowest->window_limit_gbps ? *slowest->window_limit_gbps : 0.0);
    if (binding == "loss")
        return out
               + formatText(", and its slowest sync %s keeps only %.0f%% of its rate through packet loss: selective "
                            "repeat or a lower loss rate would help more than wavelengths.",
                            pair.c_str(), slowest && slowest->goodput ? *slowest->goodput * 100.0 : 0.0);
    if (binding == "capacity") {
        const std::string spanId = slowest ? slowest->limiting_span : "";
        const int i = plan.spanIndex(spanId);
        const Span *span = i >= 0 ? &plan.spans[static_cast<std::size_t>(i)] : nullptr;
        const Band *band = span ? catalog.band(span->band) : nullptr;
        if (span && fixedWavelengths)
            return out + formatText(", and its slowest sync %s is held by span \"%s\", whose wavelengths the plan "
                                    "fixes: set them to \"auto\" to let the sizing grow it.",
                                    pair.c_str(), spanId.c_str());
        if (!span || !band || !span->fiber_pairs)
            return out + formatText(", and its slowest sync %s is held by span \"%s\", which this sizing cannot grow.",
                                    pair.c_str(), spanId.c_str());
        return out
               + formatText(", and its slowest sync %s is held by span \"%s\", whose %s band is full on its %d fixed "
                            "fiber pair%s. More fiber pairs (\"fiber_pairs\": \"auto\"), a wider band or a faster "
                            "optic would help.",
                            pair.c_str(), spanId.c_str(), band->name.c_str(), *span->fiber_pairs,
                            *span->fiber_pairs == 1 ? "" : "s");
    }
    return out
           + formatText(" when the sizing stopped after %d steps, its limit (one per channel that the spans could "
                        "need); the plan's numbers so far are kept.",
                        steps);
}

} // namespace

// docs/MODEL.md "Dimensioning".
DimensionForJob dimensionForJob(const Scenario &scenario, const Catalog &catalog, const DimensionGoals &goals)
{
    DimensionForJob out;
    // Utilisation: every span's wavelengths "auto" (fiber pairs stay as given unless "auto"),
    // or, for evaluate(), only the spans the file leaves "auto". The goals themselves are
    // taken off the copy, so the evaluations below do not size again.
    Scenario base = scenario;
    base.sizing = {};
    if (!goals.autoOnly)
        for (Span &span : base.spans)
            span.wavelengths.reset();
    Results sized = evaluate(base, catalog);
    Scenario plan = base;
    writeChosen(plan, sized);
    for (std::size_t i = 0; i < plan.spans.size(); ++i) {
        SpanSizing s;
        s.id = plan.spans[i].id;
        s.dimensioned = i < sized.spans.size() && sized.spans[i].dimensioned;
        s.utilization_fiber_pairs = s.n1_fiber_pairs = s.fiber_pairs = plan.spans[i].fiber_pairs.value_or(0);
        s.utilization_wavelengths = s.n1_wavelengths = s.wavelengths = plan.spans[i].wavelengths.value_or(0);
        out.spans.push_back(s);
    }
    if (!goals.n1 && !goals.efficiency) {
        out.scenario = std::move(plan);
        out.results = std::move(sized);
        return out;
    }

    std::vector<Diagnostic> sizing;
    if (goals.n1) {
        // The worst load of every span over the intact plan and each single span failure (the
        // failures of Resilience); loads do not depend on capacity with shortest and ecmp.
        std::vector<SpanResult> worst = sized.spans;
        for (std::size_t i = 0; i < plan.spans.size(); ++i) {
            if (plan.spanOutOfService(plan.spans[i]))
                continue;
            Scenario failed = plan;
            failed.spans[i].down = true;
            const Results r = evaluate(failed, catalog);
            for (std::size_t j = 0; j < worst.size() && j < r.spans.size(); ++j) {
                if (j == i || !r.spans[j].load_gbps)
                    continue;
                if (!worst[j].load_gbps || *r.spans[j].load_gbps > *worst[j].load_gbps) {
                    worst[j].load_gbps = r.spans[j].load_gbps;
                    out.spans[j].n1_sized_by = plan.spans[i].id;
                }
            }
        }
        const DimensionResult n1 =
            dimensionSpans(base, applyOverrides(catalog, scenario.assumptions), worst, !goals.autoOnly);
        plan = withDimensions(plan, n1);
        sizing = n1.diagnostics;
        for (std::size_t j = 0; j < out.spans.size(); ++j) {
            out.spans[j].n1_load_gbps = worst[j].load_gbps;
            out.spans[j].n1_fiber_pairs = out.spans[j].fiber_pairs = plan.spans[j].fiber_pairs.value_or(0);
            out.spans[j].n1_wavelengths = out.spans[j].wavelengths = plan.spans[j].wavelengths.value_or(0);
        }
    } else {
        for (const Diagnostic &d : sized.diagnostics)
            if (d.code == "dimension-infeasible")
                sizing.push_back(d);
    }

    Results results = evaluate(plan, catalog);
    if (goals.efficiency) {
        const double target = *goals.efficiency;
        const Catalog planCatalog = applyOverrides(catalog, scenario.assumptions);
        out.start_efficiency = results.job.efficiency;
        const int maxSteps = stepLimit(results, plan, scenario, planCatalog, target);
        const DemandResult *slowest = nullptr;
        bool fixedLimit = false; // stopped at a span whose wavelengths the file fixes (autoOnly)
        for (;;) {
            slowest = slowestJobDemand(results);
            if (!results.job.present || !results.job.efficiency) {
                out.binding = "job";
                break;
            }
            if (*results.job.efficiency >= target - kEfficiencyTolerance) {
                out.efficiency_reached = true;
                break;
            }
            if (efficiencyWithoutTransfer(results.job) < target || !slowest) {
                out.binding = "latency";
                break;
            }
            if (slowest->limited_by != "capacity") {
                out.binding = slowest->limited_by == "none" ? "latency" : slowest->limited_by;
                break;
            }
            if (out.steps >= maxSteps) {
                out.binding = "steps";
                break;
            }
            const int i = plan.spanIndex(slowest->limiting_span);
            fixedLimit = i >= 0 && goals.autoOnly && base.spans[static_cast<std::size_t>(i)].wavelengths.has_value();
            if (i < 0 || fixedLimit
                || !growSpan(plan.spans[static_cast<std::size_t>(i)],
                             !scenario.spans[static_cast<std::size_t>(i)].fiber_pairs, planCatalog)) {
                out.binding = "capacity";
                break;
            }
            ++out.steps;
            SpanSizing &grown = out.spans[static_cast<std::size_t>(i)];
            ++grown.grown_steps;
            grown.fiber_pairs = *plan.spans[static_cast<std::size_t>(i)].fiber_pairs;
            grown.wavelengths = *plan.spans[static_cast<std::size_t>(i)].wavelengths;
            results = evaluate(plan, catalog);
        }
        if (!out.efficiency_reached)
            sizing.push_back({Severity::Error, "efficiency-unreachable", "job",
                              unreachableText(out.binding, target, results, slowest, plan, planCatalog, out.steps,
                                              fixedLimit)});
    }
    for (std::size_t i = 0; i < results.spans.size() && i < out.spans.size(); ++i)
        results.spans[i].dimensioned = out.spans[i].dimensioned;
    results.diagnostics.insert(results.diagnostics.end(), sizing.begin(), sizing.end());
    out.scenario = std::move(plan);
    out.results = std::move(results);
    return out;
}

} // namespace dci
