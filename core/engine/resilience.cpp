#include "resilience.h"

#include "engine/evaluate.h"

#include <algorithm>

namespace dci {

namespace {

constexpr double kFullUtilization = 1.0;

FailureCase summarise(const std::string &kind, const std::string &element, const Results &r)
{
    FailureCase c;
    c.kind = kind;
    c.element = element;
    for (const SpanResult &s : r.spans) {
        if (!s.utilization)
            continue;
        if (!c.worst_utilization || *s.utilization > *c.worst_utilization) {
            c.worst_utilization = s.utilization;
            c.worst_span = s.id;
        }
        if (*s.utilization > kFullUtilization)
            ++c.overloaded_spans;
    }
    for (const DemandResult &d : r.demands)
        if (d.paths.empty() && d.gbps > 0.0) {
            c.cut_demands.push_back(d.from + " -> " + d.to + (d.label.empty() ? "" : " (" + d.label + ")"));
            c.job_cut = c.job_cut || d.source == "job";
        }
    c.step_s = r.job.step_s;
    c.efficiency = r.job.efficiency;
    return c;
}

// Worst first: the job split, then demands cut, then the highest utilisation.
bool worse(const FailureCase &x, const FailureCase &y)
{
    if (x.job_cut != y.job_cut)
        return x.job_cut;
    if (x.cut_demands.size() != y.cut_demands.size())
        return x.cut_demands.size() > y.cut_demands.size();
    return x.worst_utilization.value_or(0.0) > y.worst_utilization.value_or(0.0);
}

} // namespace

// docs/MODEL.md "Resilience".
ResilienceResult analyseFailures(const Scenario &scenario, const Catalog &catalog, bool includeSites)
{
    ResilienceResult out;
    const FailureCase base = summarise("none", "", evaluate(scenario, catalog));
    out.baseline_worst_utilization = base.worst_utilization;
    out.baseline_efficiency = base.efficiency;

    for (std::size_t i = 0; i < scenario.spans.size(); ++i) {
        if (scenario.spans[i].down) // already failed in the plan itself
            continue;
        Scenario failed = scenario;
        failed.spans[i].down = true;
        out.cases.push_back(summarise("span", scenario.spans[i].id, evaluate(failed, catalog)));
    }
    if (includeSites) {
        for (const Site &site : scenario.sites) {
            // The site is gone: its spans go down, its GPUs leave the job, its own demands end.
            Scenario failed = scenario;
            for (Span &span : failed.spans)
                if (span.a == site.id || span.b == site.id)
                    span.down = true;
            for (Site &s : failed.sites)
                if (s.id == site.id)
                    s.gpus = 0;
            std::erase_if(failed.demands, [&](const Demand &d) { return d.from == site.id || d.to == site.id; });
            if (failed.job)
                std::erase(failed.job->ring_order, site.id);
            out.cases.push_back(summarise("site", site.id, evaluate(failed, catalog)));
        }
    }
    std::stable_sort(out.cases.begin(), out.cases.end(), worse);
    for (const FailureCase &c : out.cases) {
        if (c.overloaded_spans > 0)
            ++out.overloading;
        if (!c.cut_demands.empty())
            ++out.cutting;
    }
    return out;
}

} // namespace dci
