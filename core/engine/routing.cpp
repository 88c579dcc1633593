#include "routing.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace dci {

namespace {

constexpr double kTieTolerance = 1e-9;   // relative, for equal-cost next hops (MODEL.md "Routing")
constexpr std::size_t kMaxPathsListed = 64; // per demand; loads never depend on this
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Hop {
    std::size_t span;
    std::size_t to;
    bool forward; // traverses the span from its site a to its site b
};

// Cost of a path: latency first, then hops, so that spans of zero length (co-located
// sites) still make progress and ties between equal latencies go to fewer hops.
struct PathCost {
    double latency_ms = kInf;
    int hops = std::numeric_limits<int>::max();
};

struct PathCostLess {
    bool operator()(const PathCost &x, const PathCost &y) const
    {
        return x.latency_ms < y.latency_ms || (x.latency_ms == y.latency_ms && x.hops < y.hops);
    }
};

struct PathCostPlus {
    PathCost operator()(const PathCost &x, const PathCost &y) const
    {
        if (!std::isfinite(x.latency_ms) || !std::isfinite(y.latency_ms))
            return PathCost{};
        return {x.latency_ms + y.latency_ms, x.hops + y.hops};
    }
};

using Costs = std::vector<PathCost>;

class Network {
public:
    Network(const Scenario &s, const std::vector<SpanResult> &spans)
        : m_adj(s.sites.size()), m_weight(spans.size(), 0.0), m_graph(s.sites.size())
    {
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const int a = s.siteIndex(spans[i].a);
            const int b = s.siteIndex(spans[i].b);
            if (spans[i].down || a < 0 || b < 0)
                continue;
            const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
            m_weight[i] = spans[i].latency_ms;
            m_adj[ua].push_back({i, ub, true});
            m_adj[ub].push_back({i, ua, false});
            boost::add_edge(ua, ub, PathCost{spans[i].latency_ms, 1}, m_graph);
        }
    }

    // Cost of the best path from every site to `target` (undirected, so Dijkstra from it).
    const Costs &costsTo(std::size_t target)
    {
        auto it = m_costs.find(target);
        if (it != m_costs.end())
            return it->second;
        Costs c(m_adj.size());
        boost::dijkstra_shortest_paths(
            m_graph, target,
            boost::distance_map(boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, m_graph)))
                .weight_map(boost::get(boost::edge_bundle, m_graph))
                .distance_compare(PathCostLess())
                .distance_combine(PathCostPlus())
                .distance_inf(PathCost{})
                .distance_zero(PathCost{0.0, 0}));
        return m_costs.emplace(target, std::move(c)).first->second;
    }

    // Next hops of u on a best path to the target whose costs are `c`, in span order:
    // equal latency within the relative tolerance and one hop fewer to go.
    std::vector<Hop> nextHops(std::size_t u, const Costs &c) const
    {
        std::vector<Hop> out;
        for (const Hop &h : m_adj[u]) {
            const double via = m_weight[h.span] + c[h.to].latency_ms;
            if (std::isfinite(via) && c[h.to].hops == c[u].hops - 1
                && std::fabs(via - c[u].latency_ms) <= kTieTolerance * std::max(c[u].latency_ms, 1e-12))
                out.push_back(h);
        }
        std::sort(out.begin(), out.end(), [](const Hop &x, const Hop &y) { return x.span < y.span; });
        return out;
    }

private:
    std::vector<std::vector<Hop>> m_adj;
    std::vector<double> m_weight;
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, PathCost> m_graph;
    std::map<std::size_t, Costs> m_costs;
};

// Edge flows (fractions of one demand) keyed by (span, forward).
using EdgeFlows = std::map<std::pair<std::size_t, bool>, double>;

void listPaths(const Network &net, const Costs &d, const std::vector<SpanResult> &spans, std::size_t u,
               std::size_t target, bool ecmp, double fraction, std::vector<std::string> &prefix,
               std::vector<RoutedPath> &out, bool *truncated)
{
    if (u == target) {
        if (out.size() >= kMaxPathsListed) {
            *truncated = true;
            return;
        }
        out.push_back({prefix, fraction});
        return;
    }
    std::vector<Hop> hops = net.nextHops(u, d);
    if (!ecmp && hops.size() > 1)
        hops.erase(hops.begin() + 1, hops.end());
    for (const Hop &h : hops) {
        prefix.push_back(spans[h.span].id);
        listPaths(net, d, spans, h.to, target, ecmp, fraction / static_cast<double>(hops.size()), prefix, out, truncated);
        prefix.pop_back();
    }
}

} // namespace

Diagnostic noPathDiagnostic(const std::string &from, const std::string &to)
{
    return {Severity::Error, "no-path", from,
            "No path from \"" + from + "\" to \"" + to + "\" over the spans that are up: its traffic cannot be carried."};
}

RoutingResult routeDemands(const Scenario &scenario, const std::vector<SpanResult> &spans,
                           const std::vector<FlowDemand> &demands, const std::string &policy)
{
    RoutingResult out;
    out.spans.assign(spans.size(), {});
    out.demands.assign(demands.size(), {});
    Network net(scenario, spans);
    const bool ecmp = policy == "ecmp";
    std::vector<EdgeFlows> flows(demands.size());

    for (std::size_t i = 0; i < demands.size(); ++i) {
        const FlowDemand &dem = demands[i];
        const int s = scenario.siteIndex(dem.from);
        const int t = scenario.siteIndex(dem.to);
        if (s < 0 || t < 0)
            continue;
        const auto src = static_cast<std::size_t>(s), dst = static_cast<std::size_t>(t);
        const Costs &d = net.costsTo(dst);
        if (!std::isfinite(d[src].latency_ms)) {
            out.diagnostics.push_back(noPathDiagnostic(dem.from, dem.to));
            continue;
        }
        RoutedDemand &rd = out.demands[i];
        rd.routed = true;
        // Split the unit flow down the shortest-path DAG, farthest nodes first.
        std::vector<double> nodeFlow(d.size(), 0.0);
        nodeFlow[src] = 1.0;
        std::vector<std::size_t> order;
        for (std::size_t u = 0; u < d.size(); ++u)
            if (std::isfinite(d[u].latency_ms) && !PathCostLess()(d[src], d[u]))
                order.push_back(u);
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return PathCostLess()(d[y], d[x]) || (!PathCostLess()(d[x], d[y]) && x < y);
        });
        for (std::size_t u : order) {
            if (nodeFlow[u] <= 0.0 || u == dst)
                continue;
            std::vector<Hop> hops = net.nextHops(u, d);
            if (!ecmp && hops.size() > 1)
                hops.erase(hops.begin() + 1, hops.end());
            for (const Hop &h : hops) {
                const double f = nodeFlow[u] / static_cast<double>(hops.size());
                nodeFlow[h.to] += f;
                flows[i][{h.span, h.forward}] += f;
            }
        }
        for (const auto &[key, f] : flows[i]) {
            SpanLoad &load = out.spans[key.first];
            (key.second ? load.ab_gbps : load.ba_gbps) += f * dem.gbps;
        }
        std::vector<std::string> prefix;
        bool truncated = false;
        listPaths(net, d, spans, src, dst, ecmp, 1.0, prefix, rd.paths, &truncated);
    }

    assignRateShares(scenario, spans, demands, out);
    return out;
}

void assignRateShares(const Scenario &scenario, const std::vector<SpanResult> &spans,
                      const std::vector<FlowDemand> &demands, RoutingResult &out)
{
    // The share of its rate each demand gets: per span direction min(1, capacity / load).
    auto share = [&](std::size_t span, bool forward) {
        const double load = forward ? out.spans[span].ab_gbps : out.spans[span].ba_gbps;
        if (!spans[span].capacity_gbps || load <= 0.0)
            return 1.0;
        return std::min(1.0, *spans[span].capacity_gbps / load);
    };
    for (std::size_t i = 0; i < demands.size(); ++i) {
        RoutedDemand &rd = out.demands[i];
        if (!rd.routed)
            continue;
        // Each path's flow is held back by its worst span direction; the share is the
        // fraction-weighted mean over the listed paths (all of them unless over 64).
        const auto s = static_cast<std::size_t>(scenario.siteIndex(demands[i].from));
        double total = 0.0;
        for (const RoutedPath &p : rd.paths) {
            double worst = 1.0;
            std::size_t u = s;
            for (const std::string &id : p.spans) {
                const std::size_t span = static_cast<std::size_t>(scenario.spanIndex(id));
                const bool forward = scenario.spans[span].a == scenario.sites[u].id;
                worst = std::min(worst, share(span, forward));
                u = static_cast<std::size_t>(scenario.siteIndex(forward ? scenario.spans[span].b : scenario.spans[span].a));
            }
            total += p.fraction * worst;
        }
        double listed = 0.0;
        for (const RoutedPath &p : rd.paths)
            listed += p.fraction;
        rd.rate_share = listed > 0.0 ? total / listed : 1.0;
    }
}

} // namespace dci
