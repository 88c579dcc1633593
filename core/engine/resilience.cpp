#include "resilience.h"

#include "engine/evaluate.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace dci {

namespace {

constexpr double kFullUtilization = 1.0;
// Failure cases run on this many threads at most (both cores of the build box; more
// threads than cores would only add switching).
constexpr unsigned kMaxWorkers = 2;

// The outcome of one failure, read off the evaluation of the plan with it applied (or the
// same figures computed incrementally, below). A demand to or from a site that is down ends
// with the site: it is not counted as cut.
// skip: indices of spans to leave out (failed ones whose result still holds a load).
void summariseSpans(const std::vector<SpanResult> &spans, FailureCase &c, const std::vector<std::size_t> &skip = {})
{
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const SpanResult &s = spans[k];
        if (!s.utilization || std::find(skip.begin(), skip.end(), k) != skip.end())
            continue;
        if (!c.worst_utilization || *s.utilization > *c.worst_utilization) {
            c.worst_utilization = s.utilization;
            c.worst_span = s.id;
        }
        if (*s.utilization > kFullUtilization)
            ++c.overloaded_spans;
    }
}

void noteCut(const std::string &from, const std::string &to, const std::string &label, bool job, FailureCase &c)
{
    c.cut_demands.push_back(from + " -> " + to + (label.empty() ? "" : " (" + label + ")"));
    c.job_cut = c.job_cut || job;
}

void summarise(const Scenario &failed, const Results &r, FailureCase &c)
{
    summariseSpans(r.spans, c);
    auto isDown = [&](const std::string &id) {
        const Site *site = failed.site(id);
        return site && site->down;
    };
    for (const DemandResult &d : r.demands)
        if (d.paths.empty() && d.gbps > 0.0 && !isDown(d.from) && !isDown(d.to))
            noteCut(d.from, d.to, d.label, d.source == "job", c);
    c.step_s = r.job.step_s;
    c.efficiency = r.job.efficiency;
}

// One failure on the plan routed once (docs/MODEL.md "Resilience"): only the demands whose
// paths use a failed span are routed again (a shortest-path DAG that avoids a span is
// unchanged by its loss), then loads, transport (the shared rates) and timing are worked
// out again as evaluate() works them. Gives what summarise(withFailure(...)) gives.
class IncrementalFailures {
public:
    IncrementalFailures(const Scenario &scenario, RoutedNetwork net) : m_scenario(scenario), m_net(std::move(net))
    {
        // A routed demand always has a path listed: `routed` says what paths would, and
        // the paths' span ids need not be copied for every case.
        for (RoutedDemand &d : m_net.routing.demands)
            d.paths.clear();
        m_net.transport.diagnose = false;
        m_demandsOn.resize(m_net.spans.size());
        for (std::size_t i = 0; i < m_net.routing.demands.size(); ++i)
            for (const SpanShare &s : m_net.routing.demands[i].shares)
                if (m_demandsOn[s.span].empty() || m_demandsOn[s.span].back() != i)
                    m_demandsOn[s.span].push_back(i);
        std::vector<SpanResult> spans = m_net.spans;
        const TransportResult transport
            = applyTransport(m_scenario, m_net.catalog, spans, m_net.routing, m_net.flows, m_net.transport);
        m_baseTiming = timeJob(m_net.traffic, m_net.catalog, m_net.routing, transport);
        for (std::size_t i = 0; i < scenario.spans.size(); ++i)
            m_spanIndex.emplace(scenario.spans[i].id, i);
        for (const Site &site : scenario.sites)
            m_down.emplace(site.id, site.down);
    }

    // A site with GPUs takes part in the job: its failure changes the traffic itself.
    bool handles(const FailureCase &c) const
    {
        if (c.kind != "site")
            return true;
        const Site *site = m_scenario.site(c.element);
        return site && site->gpus == 0;
    }

    // What a worker thread keeps between its cases: the base routing, with the demands
    // routed again for a case put back after it.
    struct Scratch {
        RoutingResult routing;
        std::vector<std::size_t> again;
    };
    Scratch scratch() const { return {m_net.routing, {}}; }

    void run(FailureCase &c, Scratch &scratch) const
    {
        std::vector<std::size_t> failed, &again = scratch.again;
        again.clear();
        for (const std::string &id : c.spans) {
            failed.push_back(m_spanIndex.at(id));
            again.insert(again.end(), m_demandsOn[failed.back()].begin(), m_demandsOn[failed.back()].end());
        }
        std::sort(again.begin(), again.end());
        again.erase(std::unique(again.begin(), again.end()), again.end());
        if (again.empty()) {
            // No demand crosses a failed span: routing, the other loads, the rates and the
            // timing are the plan's; the failed spans only lose their (empty) load.
            summariseSpans(m_net.spans, c, failed);
            summariseDemands(m_net.routing, m_baseTiming, c);
            return;
        }
        std::vector<SpanResult> spans = m_net.spans;
        for (std::size_t k : failed) {
            SpanResult &span = spans[k];
            span.down = true;
            span.load_ab_gbps.reset();
            span.load_ba_gbps.reset();
            span.load_gbps.reset();
            span.utilization.reset();
        }
        RoutingResult &routing = scratch.routing;
        routeAgain(m_scenario, spans, m_net.flows, m_scenario.routing.policy, again, routing, true);
        applyRouting(spans, routing);
        const TransportResult transport
            = applyTransport(m_scenario, m_net.catalog, spans, routing, m_net.flows, m_net.transport);
        summariseSpans(spans, c);
        summariseDemands(routing, timeJob(m_net.traffic, m_net.catalog, routing, transport), c);
        for (std::size_t i : again) // back to the base routing (buffers kept)
            routing.demands[i] = m_net.routing.demands[i];
    }

private:
    const Scenario &m_scenario;
    RoutedNetwork m_net;
    std::unordered_map<std::string, std::size_t> m_spanIndex;
    std::unordered_map<std::string, bool> m_down;
    std::vector<std::vector<std::size_t>> m_demandsOn; // per span: the demands whose shares use it
    TimingResult m_baseTiming;                         // the job's timing with nothing failed

    // Demands cut off (no path, not ending at a site that is down) and the job's timing.
    void summariseDemands(const RoutingResult &routing, const TimingResult &timing, FailureCase &c) const
    {
        auto isDown = [&](const std::string &id) {
            const auto it = m_down.find(id);
            return (it != m_down.end() && it->second) || (c.kind == "site" && id == c.element);
        };
        const std::size_t jobDemands = m_net.traffic.demands.size();
        for (std::size_t i = 0; i < m_net.flows.size() && i < routing.demands.size(); ++i) {
            const FlowDemand &d = m_net.flows[i];
            if (!routing.demands[i].routed && d.gbps > 0.0 && !isDown(d.from) && !isDown(d.to))
                noteCut(d.from, d.to, i < jobDemands ? m_net.traffic.demand_label : m_scenario.demands[i - jobDemands].label,
                        i < jobDemands, c);
        }
        if (m_net.traffic.present) {
            c.step_s = timing.step_s;
            c.efficiency = timing.efficiency;
        }
    }
};

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

// docs/MODEL.md "Resilience". The cases run on up to kMaxWorkers threads; Progress::onStep
// is called from them, one call at a time, with `done` rising by one each call.
ResilienceResult analyseFailures(const Scenario &scenario, const Catalog &catalog, bool includeSites,
                                 const Progress &progress)
{
    ResilienceResult out;
    FailureCase base;
    summarise(scenario, evaluate(scenario, catalog), base);
    out.baseline_worst_utilization = base.worst_utilization;
    out.baseline_efficiency = base.efficiency;

    std::vector<FailureCase> planned = plannedFailures(scenario, includeSites);
    // Balanced routing is one LP over every demand: a failure can move any of them. GLPK
    // is not known to be thread-safe, so those plans run on this thread.
    const bool balanced = scenario.routing.policy == "balanced";
    std::optional<IncrementalFailures> incremental;
    if (!balanced)
        if (std::optional<RoutedNetwork> net = routedNetwork(scenario, catalog))
            incremental.emplace(scenario, std::move(*net));

    std::vector<bool> finished(planned.size(), false);
    std::atomic<std::size_t> next{0};
    std::mutex reporting;
    std::size_t done = 0;
    std::exception_ptr failure;
    auto work = [&] {
        try {
            std::optional<IncrementalFailures::Scratch> scratch;
            for (std::size_t i = next++; i < planned.size() && !progress.cancelled(); i = next++) {
                FailureCase &c = planned[i];
                if (incremental && incremental->handles(c)) {
                    if (!scratch)
                        scratch.emplace(incremental->scratch());
                    incremental->run(c, *scratch);
                } else {
                    const Scenario failed = withFailure(scenario, c);
                    summarise(failed, evaluate(failed, catalog), c);
                }
                const std::lock_guard lock(reporting);
                finished[i] = true;
                progress.step(++done, planned.size());
            }
        } catch (...) {
            const std::lock_guard lock(reporting);
            failure = std::current_exception();
            next = planned.size(); // the others stop too
        }
    };
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t workers = balanced ? 1 : std::min<std::size_t>({kMaxWorkers, cores, planned.size()});
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w)
        threads.emplace_back(work);
    work(); // this thread is one of the workers
    for (std::thread &t : threads)
        t.join();
    if (failure)
        std::rethrow_exception(failure);

    for (std::size_t i = 0; i < planned.size(); ++i)
        if (finished[i])
            out.cases.push_back(std::move(planned[i]));
    out.cancelled = out.cases.size() < planned.size();
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
