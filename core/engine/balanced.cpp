#include "balanced.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace dci {

namespace {

// ε of the objective `U + ε x latency-weighted flow` (docs/MODEL.md "Routing", Balanced).
// The latency term is normalised to at most 1 for any flow without cycles, so the LP's
// worst utilisation is within ε of the true min-max; 1e-6 is far below what a report shows
// (0.0001 percentage points), yet it still picks the shortest paths among min-max solutions.
constexpr double kLatencyWeight = 1e-6;
// Flow below this fraction of the total demand is simplex round-off, not routed traffic.
constexpr double kNegligibleFlow = 1e-9;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kFirstGlpkIndex = 1; // GLPK's rows, columns and matrix arrays start at 1

// One direction of a span that is up.
struct Arc {
    std::size_t span;
    std::size_t from;
    std::size_t to;
    bool forward; // from the span's site a towards its site b
};

// All demands from one source site, routed as one commodity: the LP only needs to know
// how much leaves the source and how much each destination absorbs.
struct Commodity {
    std::size_t source = 0;
    std::vector<std::size_t> sinks;          // destination sites, in order of first demand
    std::map<std::size_t, double> sink_gbps; // destination -> sum of its demands
    std::vector<int> column;                 // per arc: LP column, 0 = not in the source's component
};

// Arcs come in pairs: 2j from a to b, 2j + 1 back.
std::size_t reverse(std::size_t arc) { return arc ^ 1U; }

using ArcPath = std::vector<std::size_t>; // arc indices from source to destination

struct PathShare {
    ArcPath arcs;
    double gbps = 0.0;
};

using GlpkProblem = std::unique_ptr<glp_prob, decltype(&glp_delete_prob)>;

RoutingResult fallBackToEcmp(const Scenario &scenario, const std::vector<SpanResult> &spans,
                             const std::vector<FlowDemand> &demands, const std::string &why)
{
    RoutingResult out = routeDemands(scenario, spans, demands, "ecmp");
    out.diagnostics.push_back({Severity::Warning, "balanced-fallback", "",
                               "Balanced routing failed (" + why + "): demands are routed with ECMP instead."});
    return out;
}

bool constrained(const SpanResult &span)
{
    // "auto" wavelengths or pairs leave no capacity until they are dimensioned: unconstrained.
    // The reader never gives a zero or negative capacity; evaluate() gives such a span no
    // utilisation, so it stays out of the objective here too.
    return span.capacity_gbps && std::isfinite(*span.capacity_gbps) && *span.capacity_gbps > 0.0;
}

// Shortest-latency path from `source` to `target` over arcs that still carry flow
// (Dijkstra; arcs scanned in span order so ties are deterministic). Empty when none.
ArcPath supportPath(const std::vector<Arc> &arcs, const std::vector<std::vector<std::size_t>> &out,
                    const std::vector<double> &latency_ms, const std::vector<double> &residual_gbps,
                    double negligible_gbps, std::size_t source, std::size_t target)
{
    const std::size_t none = arcs.size();
    std::vector<double> dist(out.size(), kInf);
    std::vector<std::size_t> via(out.size(), none);
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    dist[source] = 0.0;
    queue.push({0.0, source});
    while (!queue.empty()) {
        const auto [d, u] = queue.top();
        queue.pop();
        if (d > dist[u])
            continue;
        for (std::size_t a : out[u]) {
            if (residual_gbps[a] <= negligible_gbps)
                continue;
            const double nd = d + latency_ms[arcs[a].span];
            if (nd < dist[arcs[a].to]) {
                dist[arcs[a].to] = nd;
                via[arcs[a].to] = a;
                queue.push({nd, arcs[a].to});
            }
        }
    }
    ArcPath path;
    if (source == target || via[target] == none)
        return path;
    for (std::size_t v = target; v != source; v = arcs[via[v]].from)
        path.push_back(via[v]);
    return {path.rbegin(), path.rend()};
}

} // namespace

RoutingResult balancedRouting(const Scenario &scenario, const std::vector<SpanResult> &spans,
                              const std::vector<FlowDemand> &demands)
{
    RoutingResult result;
    result.spans.assign(spans.size(), {});
    result.demands.assign(demands.size(), {});
    const std::size_t sites = scenario.sites.size();

    // Arcs: both directions of every span that is up; latency normalises the ε term.
    std::vector<Arc> arcs;
    std::vector<std::vector<std::size_t>> arcsOut(sites);
    std::vector<double> latency_ms(spans.size(), 0.0);
    double totalLatency_ms = 0.0;
    bool anyConstrained = false;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const int a = scenario.siteIndex(spans[i].a);
        const int b = scenario.siteIndex(spans[i].b);
        if (spans[i].down || a < 0 || b < 0 || a == b) // a loop carries nothing anywhere
            continue;
        if (!std::isfinite(spans[i].latency_ms) || spans[i].latency_ms < 0.0)
            return fallBackToEcmp(scenario, spans, demands, "span \"" + spans[i].id + "\" has no valid latency");
        latency_ms[i] = spans[i].latency_ms;
        totalLatency_ms += latency_ms[i];
        anyConstrained = anyConstrained || constrained(spans[i]);
        const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
        arcsOut[ua].push_back(arcs.size());
        arcs.push_back({i, ua, ub, true});
        arcsOut[ub].push_back(arcs.size());
        arcs.push_back({i, ub, ua, false});
    }
    if (totalLatency_ms <= 0.0)
        totalLatency_ms = 1.0; // all spans of zero length: the ε term is zero anyway

    // Connected components: a destination outside its source's component has no path.
    std::vector<std::size_t> component(sites, sites);
    for (std::size_t root = 0; root < sites; ++root) {
        if (component[root] != sites)
            continue;
        std::vector<std::size_t> stack{root};
        component[root] = root;
        while (!stack.empty()) {
            const std::size_t u = stack.back();
            stack.pop_back();
            for (std::size_t a : arcsOut[u])
                if (component[arcs[a].to] == sites) {
                    component[arcs[a].to] = root;
                    stack.push_back(arcs[a].to);
                }
        }
    }

    // Commodities, one per source site.
    std::vector<Commodity> commodities;
    std::map<std::size_t, std::size_t> commodityOf; // source site -> index
    double total_gbps = 0.0;
    for (std::size_t i = 0; i < demands.size(); ++i) {
        const FlowDemand &dem = demands[i];
        const int s = scenario.siteIndex(dem.from);
        const int t = scenario.siteIndex(dem.to);
        if (s < 0 || t < 0)
            continue;
        const auto src = static_cast<std::size_t>(s), dst = static_cast<std::size_t>(t);
        if (component[src] != component[dst]) {
            result.diagnostics.push_back(noPathDiagnostic(scenario, dem.from, dem.to));
            continue;
        }
        RoutedDemand &rd = result.demands[i];
        rd.routed = true;
        if (src == dst) { // as routeDemands: one empty path
            rd.paths.push_back({{}, 1.0});
            continue;
        }
        if (!(dem.gbps > 0.0) || !std::isfinite(dem.gbps))
            continue; // routed below, loading nothing
        auto [it, fresh] = commodityOf.emplace(src, commodities.size());
        if (fresh) {
            commodities.emplace_back();
            commodities.back().source = src;
        }
        Commodity &c = commodities[it->second];
        if (c.sink_gbps.find(dst) == c.sink_gbps.end())
            c.sinks.push_back(dst);
        c.sink_gbps[dst] += dem.gbps;
        total_gbps += dem.gbps;
    }

    std::map<std::pair<std::size_t, std::size_t>, std::vector<PathShare>> pathsOf; // (source, destination)
    double worstUtilization = 0.0;
    if (!commodities.empty()) {
        // The LP (docs/MODEL.md "Routing", Balanced). Flows are in units of the total demand,
        // so the supplies are fractions and nothing depends on how large the rates are.
        GlpkProblem lp(glp_create_prob(), &glp_delete_prob);
        glp_set_obj_dir(lp.get(), GLP_MIN);
        const int uColumn = glp_add_cols(lp.get(), 1);
        glp_set_col_bnds(lp.get(), uColumn, GLP_LO, 0.0, 0.0);
        // The objective U + ε L is given to GLPK multiplied by 1/ε (same optimum): with ε L
        // itself the latency differences would fall below the simplex's dual tolerance (1e-7)
        // and it could stop on a detour.
        glp_set_obj_coef(lp.get(), uColumn, 1.0 / kLatencyWeight);
        std::vector<int> rowIdx{0}, colIdx{0};
        std::vector<double> value{0.0};
        auto entry = [&](int row, int col, double v) {
            rowIdx.push_back(row);
            colIdx.push_back(col);
            value.push_back(v);
        };
        for (Commodity &c : commodities) {
            c.column.assign(arcs.size(), 0);
            for (std::size_t a = 0; a < arcs.size(); ++a) {
                if (component[arcs[a].from] != component[c.source])
                    continue;
                c.column[a] = glp_add_cols(lp.get(), 1);
                glp_set_col_bnds(lp.get(), c.column[a], GLP_LO, 0.0, 0.0);
                glp_set_obj_coef(lp.get(), c.column[a], latency_ms[arcs[a].span] / totalLatency_ms);
            }
            // Conservation at every site of the component: out - in = supply (source),
            // -demand (destination), 0 elsewhere.
            double supply = 0.0;
            for (const auto &[dst, gbps] : c.sink_gbps)
                supply += gbps;
            for (std::size_t v = 0; v < sites; ++v) {
                if (component[v] != component[c.source])
                    continue;
                double net = 0.0;
                if (v == c.source)
                    net = supply / total_gbps;
                else if (auto it = c.sink_gbps.find(v); it != c.sink_gbps.end())
                    net = -it->second / total_gbps;
                const int row = glp_add_rows(lp.get(), 1);
                glp_set_row_bnds(lp.get(), row, GLP_FX, net, net);
                for (std::size_t a : arcsOut[v]) {
                    entry(row, c.column[a], 1.0);
                    entry(row, c.column[reverse(a)], -1.0); // the same span into v
                }
            }
        }
        // Capacity: per constrained span direction, Σ flow - U x capacity <= 0.
        for (std::size_t a = 0; a < arcs.size(); ++a) {
            const SpanResult &span = spans[arcs[a].span];
            if (!constrained(span))
                continue;
            std::vector<int> cols;
            for (const Commodity &c : commodities)
                if (c.column[a])
                    cols.push_back(c.column[a]);
            if (cols.empty())
                continue;
            const int row = glp_add_rows(lp.get(), 1);
            glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, 0.0);
            for (int col : cols)
                entry(row, col, 1.0);
            entry(row, uColumn, -*span.capacity_gbps / total_gbps);
        }
        glp_load_matrix(lp.get(), static_cast<int>(value.size()) - kFirstGlpkIndex, rowIdx.data(), colIdx.data(),
                        value.data());
        // Capacities over the total demand can span decades; GLPK's scaling evens them out.
        // It reports on the terminal, which would corrupt `evaluate --json`: silence it.
        const int terminal = glp_term_out(GLP_OFF);
        glp_scale_prob(lp.get(), GLP_SF_AUTO);
        glp_term_out(terminal);
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        const int rc = glp_simplex(lp.get(), &parm);
        if (rc != 0 || glp_get_status(lp.get()) != GLP_OPT)
            return fallBackToEcmp(scenario, spans, demands,
                                  "the LP solver returned code " + std::to_string(rc) + ", status "
                                      + std::to_string(glp_get_status(lp.get())));
        worstUtilization = glp_get_col_prim(lp.get(), uColumn);

        // Path decomposition: per destination, repeatedly the shortest path that still
        // carries flow, taking its bottleneck. Each step empties an arc or the destination,
        // and conservation guarantees a path while demand remains; what is left over are
        // cycles, which carry nothing to anyone and are dropped.
        const double negligible_gbps = kNegligibleFlow * total_gbps;
        for (const Commodity &c : commodities) {
            std::vector<double> residual(arcs.size(), 0.0);
            for (std::size_t a = 0; a < arcs.size(); ++a)
                if (c.column[a])
                    residual[a] = std::max(0.0, glp_get_col_prim(lp.get(), c.column[a])) * total_gbps;
            for (std::size_t dst : c.sinks) {
                std::vector<PathShare> &shares = pathsOf[{c.source, dst}];
                double remaining = c.sink_gbps.at(dst);
                while (remaining > negligible_gbps) {
                    ArcPath path = supportPath(arcs, arcsOut, latency_ms, residual, negligible_gbps, c.source, dst);
                    if (path.empty())
                        break; // round-off only: fractions are renormalised below
                    double take = remaining;
                    for (std::size_t a : path)
                        take = std::min(take, residual[a]);
                    for (std::size_t a : path)
                        residual[a] -= take;
                    remaining -= take;
                    shares.push_back({std::move(path), take});
                }
                if (shares.empty())
                    return fallBackToEcmp(scenario, spans, demands, "the LP flow gave no path to \"" + scenario.sites[dst].id + "\"");
            }
        }
    }
    if (anyConstrained)
        result.max_utilization_bound = worstUtilization;

    // Each demand takes its (source, destination) paths in proportion; loads follow.
    for (std::size_t i = 0; i < demands.size(); ++i) {
        RoutedDemand &rd = result.demands[i];
        if (!rd.routed || !rd.paths.empty()) // no path, or from a site to itself
            continue;
        const auto key = std::make_pair(static_cast<std::size_t>(scenario.siteIndex(demands[i].from)),
                                        static_cast<std::size_t>(scenario.siteIndex(demands[i].to)));
        const auto found = pathsOf.find(key);
        if (found == pathsOf.end()) {
            // A demand of no rate between sites nothing else connects: the path it would
            // take under `shortest`; it loads nothing.
            rd = routeDemands(scenario, spans, {demands[i]}, "shortest").demands[0];
            continue;
        }
        double carried = 0.0;
        for (const PathShare &p : found->second)
            carried += p.gbps;
        const double rate_gbps = demands[i].gbps > 0.0 && std::isfinite(demands[i].gbps) ? demands[i].gbps : 0.0;
        std::map<std::pair<std::size_t, bool>, double> shares;
        for (const PathShare &p : found->second) {
            RoutedPath routed;
            routed.fraction = p.gbps / carried;
            double latency = 0.0;
            for (std::size_t a : p.arcs) {
                routed.spans.push_back(spans[arcs[a].span].id);
                shares[{arcs[a].span, arcs[a].forward}] += routed.fraction;
                latency += latency_ms[arcs[a].span];
                SpanLoad &load = result.spans[arcs[a].span];
                (arcs[a].forward ? load.ab_gbps : load.ba_gbps) += routed.fraction * rate_gbps;
            }
            rd.latency_ms = std::max(rd.latency_ms, latency);
            if (rd.paths.size() < kMaxPathsListed)
                rd.paths.push_back(std::move(routed));
        }
        for (const auto &[arc, fraction] : shares)
            rd.shares.push_back({arc.first, arc.second, fraction});
    }
    return result;
}

} // namespace dci
