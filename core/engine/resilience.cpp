#include "resilience.h"

#include "engine/evaluate.h"

#include <algorithm>

namespace dci {

namespace {

constexpr double kFullUtilization = 1.0;

// The outcome of one failure, read off the evaluation of the plan with it applied. A demand
// to or from a site that is down ends with the site: it is not counted as cut.
void summarise(const Scenario &failed, const Results &r, FailureCase &c)
{
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
    auto isDown = [&](const std::string &id) {
        const Site *site = failed.site(id);
        return site && site->down;
    };
    for (const DemandResult &d : r.demands)
        if (d.paths.empty() && d.gbps > 0.0 && !isDown(d.from) && !isDown(d.to)) {
            c.cut_demands.push_back(d.from + " -> " + d.to + (d.label.empty() ? "" : " (" + d.label + ")"));
            c.job_cut = c.job_cut || d.source == "job";
        }
    c.step_s = r.job.step_s;
    c.efficiency = r.job.efficiency;
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

// The failures to analyse: every span in service, every shared-risk group with a span in
// service (only those go down), and on request every site that is up. Spans and sites
// already out of service in the plan stay so and are not failed again.
FailureCase failureOf(const char *kind, const std::string &element, std::vector<std::string> spans = {})
{
    FailureCase c;
    c.kind = kind;
    c.element = element;
    c.spans = std::move(spans);
    return c;
}

std::vector<FailureCase> plannedFailures(const Scenario &scenario, bool includeSites)
{
    std::vector<FailureCase> out;
    for (const Span &span : scenario.spans)
        if (!scenario.spanOutOfService(span))
            out.push_back(failureOf("span", span.id, {span.id}));
    for (const auto &[group, members] : sharedRiskGroups(scenario)) {
        FailureCase c = failureOf("srlg", group);
        for (const std::string &id : members)
            if (!scenario.spanOutOfService(*scenario.span(id)))
                c.spans.push_back(id);
        if (!c.spans.empty())
            out.push_back(std::move(c));
    }
    if (includeSites)
        for (const Site &site : scenario.sites) {
            if (site.down)
                continue;
            FailureCase c = failureOf("site", site.id);
            for (const Span &span : scenario.spans)
                if ((span.a == site.id || span.b == site.id) && !scenario.spanOutOfService(span))
                    c.spans.push_back(span.id);
            out.push_back(std::move(c));
        }
    return out;
}

} // namespace

std::vector<std::pair<std::string, std::vector<std::string>>> sharedRiskGroups(const Scenario &scenario)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const Span &span : scenario.spans)
        for (const std::string &name : span.srlg) {
            auto it = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.first == name; });
            if (it == groups.end())
                it = groups.insert(groups.end(), {name, {}});
            it->second.push_back(span.id);
        }
    return groups;
}

Scenario withFailure(const Scenario &scenario, const FailureCase &failure)
{
    Scenario failed = scenario;
    if (failure.kind == "site") {
        for (Site &site : failed.sites)
            site.down = site.down || site.id == failure.element;
        return failed;
    }
    for (Span &span : failed.spans)
        if (std::find(failure.spans.begin(), failure.spans.end(), span.id) != failure.spans.end())
            span.down = true;
    return failed;
}

// docs/MODEL.md "Resilience".
ResilienceResult analyseFailures(const Scenario &scenario, const Catalog &catalog, bool includeSites,
                                 const Progress &progress)
{
    ResilienceResult out;
    FailureCase base;
    summarise(scenario, evaluate(scenario, catalog), base);
    out.baseline_worst_utilization = base.worst_utilization;
    out.baseline_efficiency = base.efficiency;

    std::vector<FailureCase> planned = plannedFailures(scenario, includeSites);
    for (std::size_t i = 0; i < planned.size(); ++i) {
        if (progress.cancelled()) {
            out.cancelled = true;
            break;
        }
        FailureCase &c = planned[i];
        const Scenario failed = withFailure(scenario, c);
        summarise(failed, evaluate(failed, catalog), c);
        out.cases.push_back(std::move(c));
        progress.step(i + 1, planned.size());
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
