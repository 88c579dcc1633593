#include "routing.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <unordered_map>

namespace dci {

namespace {

constexpr std::int64_t kUnreached = std::numeric_limits<std::int64_t>::max();
constexpr double kShareEpsilon = 1e-12; // shares below this are float noise of a split

struct Hop {
    std::size_t span;
    std::size_t to;
    bool forward; // traverses the span from its site a to its site b
};

// What one destination's shortest-path DAG needs: the metric distance of every site to it
// and the sites it reaches, farthest first (the order flow is pushed down the DAG).
struct Tree {
    std::vector<std::int64_t> distance;
    std::vector<std::size_t> farthestFirst;
};

class Network {
public:
    Network(const Scenario &s, const std::vector<SpanResult> &spans) : m_adj(s.sites.size()), m_metric(spans.size(), 1)
    {
        const auto index = siteIndexMap(s);
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const auto a = index.find(spans[i].a), b = index.find(spans[i].b);
            if (spans[i].down || a == index.end() || b == index.end())
                continue;
            m_metric[i] = std::max<std::int64_t>(1, spans[i].metric);
            m_adj[a->second].push_back({i, b->second, true});
            m_adj[b->second].push_back({i, a->second, false});
        }
        for (auto &hops : m_adj)
            std::sort(hops.begin(), hops.end(), [](const Hop &x, const Hop &y) { return x.span < y.span; });
    }

    // Dijkstra from the target over integer metrics (exact sums, docs/MODEL.md "Routing").
    const Tree &treeTo(std::size_t target)
    {
        auto it = m_trees.find(target);
        if (it != m_trees.end())
            return it->second;
        Tree t;
        t.distance.assign(m_adj.size(), kUnreached);
        using Item = std::pair<std::int64_t, std::size_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        t.distance[target] = 0;
        queue.push({0, target});
        while (!queue.empty()) {
            const auto [d, u] = queue.top();
            queue.pop();
            if (d != t.distance[u])
                continue;
            for (const Hop &h : m_adj[u]) {
                const std::int64_t via = d + m_metric[h.span];
                if (via < t.distance[h.to]) {
                    t.distance[h.to] = via;
                    queue.push({via, h.to});
                }
            }
        }
        for (std::size_t u = 0; u < m_adj.size(); ++u)
            if (t.distance[u] != kUnreached)
                t.farthestFirst.push_back(u);
        std::sort(t.farthestFirst.begin(), t.farthestFirst.end(), [&](std::size_t x, std::size_t y) {
            return t.distance[x] > t.distance[y] || (t.distance[x] == t.distance[y] && x < y);
        });
        return m_trees.emplace(target, std::move(t)).first->second;
    }

    // Next hops of u on a minimum-metric path to the tree's target, in span order.
    void nextHops(std::size_t u, const Tree &t, std::vector<Hop> &out) const
    {
        out.clear();
        for (const Hop &h : m_adj[u])
            if (t.distance[h.to] != kUnreached && t.distance[h.to] + m_metric[h.span] == t.distance[u])
                out.push_back(h);
    }

    std::size_t sites() const { return m_adj.size(); }

private:
    std::vector<std::vector<Hop>> m_adj;
    std::vector<std::int64_t> m_metric;
    std::map<std::size_t, Tree> m_trees;
};

} // namespace

Diagnostic noPathDiagnostic(const Scenario &scenario, const std::string &from, const std::string &to)
{
    for (const std::string &end : {from, to})
        if (const Site *site = scenario.site(end); site && site->down)
            return {Severity::Error, "no-path", from,
                    "No path from \"" + from + "\" to \"" + to + "\": site \"" + end
                        + "\" is down, so this demand is cut."};
    return {Severity::Error, "no-path", from,
            "No path from \"" + from + "\" to \"" + to + "\" over the spans that are up: its traffic cannot be carried."};
}

void describeShares(const Scenario &scenario, const std::unordered_map<std::string, std::size_t> &index,
                    const std::vector<SpanResult> &spans, std::size_t source, std::size_t destination,
                    RoutedDemand &demand)
{
    demand.paths.clear();
    demand.latency_ms = 0.0;
    if (source == destination) {
        demand.paths.push_back({{}, 1.0});
        return;
    }
    auto tail = [&](const SpanShare &s) {
        const Span &span = scenario.spans[s.span];
        return index.at(s.forward ? span.a : span.b);
    };
    auto head = [&](const SpanShare &s) {
        const Span &span = scenario.spans[s.span];
        return index.at(s.forward ? span.b : span.a);
    };
    std::unordered_map<std::size_t, std::vector<std::size_t>> out; // site -> shares leaving it
    std::unordered_map<std::size_t, int> inDegree;
    for (std::size_t k = 0; k < demand.shares.size(); ++k) {
        out[tail(demand.shares[k])].push_back(k);
        ++inDegree[head(demand.shares[k])];
    }

    // Longest path latency over the DAG of shares (Kahn's topological order).
    std::unordered_map<std::size_t, double> longest{{source, 0.0}};
    std::vector<std::size_t> ready{source};
    while (!ready.empty()) {
        const std::size_t u = ready.back();
        ready.pop_back();
        const auto from = out.find(u);
        if (from == out.end())
            continue;
        for (std::size_t k : from->second) {
            const std::size_t v = head(demand.shares[k]);
            const auto at = longest.find(u);
            const double via = (at == longest.end() ? 0.0 : at->second) + spans[demand.shares[k].span].latency_ms;
            auto [it, fresh] = longest.emplace(v, via);
            if (!fresh)
                it->second = std::max(it->second, via);
            if (--inDegree[v] == 0)
                ready.push_back(v);
        }
    }
    const auto reached = longest.find(destination);
    demand.latency_ms = reached == longest.end() ? 0.0 : reached->second;

    // Paths for people: repeatedly the path of largest remaining share, its bottleneck
    // taken off, until the listing limit or nothing is left.
    std::vector<double> remaining;
    for (const SpanShare &s : demand.shares)
        remaining.push_back(s.fraction);
    const std::size_t maxHops = demand.shares.size() + 1;
    while (demand.paths.size() < kMaxPathsListed) {
        RoutedPath path;
        std::vector<std::size_t> used;
        double bottleneck = 1.0;
        std::size_t u = source;
        while (u != destination && used.size() < maxHops) {
            const auto from = out.find(u);
            if (from == out.end())
                break;
            std::size_t best = demand.shares.size();
            for (std::size_t k : from->second)
                if (remaining[k] > kShareEpsilon && (best == demand.shares.size() || remaining[k] > remaining[best]))
                    best = k;
            if (best == demand.shares.size())
                break;
            used.push_back(best);
            bottleneck = std::min(bottleneck, remaining[best]);
            u = head(demand.shares[best]);
        }
        if (u != destination || used.empty())
            break;
        for (std::size_t k : used) {
            remaining[k] -= bottleneck;
            path.spans.push_back(spans[demand.shares[k].span].id);
        }
        path.fraction = bottleneck;
        demand.paths.push_back(std::move(path));
    }
}

RoutingResult routeDemands(const Scenario &scenario, const std::vector<SpanResult> &spans,
                           const std::vector<FlowDemand> &demands, const std::string &policy)
{
    RoutingResult out;
    out.spans.assign(spans.size(), {});
    out.demands.assign(demands.size(), {});
    Network net(scenario, spans);
    const auto index = siteIndexMap(scenario);
    const bool ecmp = policy == "ecmp";
    std::vector<double> nodeFlow(net.sites(), 0.0);
    std::vector<Hop> hops;
    std::map<std::pair<std::size_t, bool>, double> shares;

    for (std::size_t i = 0; i < demands.size(); ++i) {
        const FlowDemand &dem = demands[i];
        const auto s = index.find(dem.from), t = index.find(dem.to);
        if (s == index.end() || t == index.end())
            continue;
        const std::size_t src = s->second, dst = t->second;
        const Tree &tree = net.treeTo(dst);
        if (tree.distance[src] == kUnreached) {
            out.diagnostics.push_back(noPathDiagnostic(scenario, dem.from, dem.to));
            continue;
        }
        RoutedDemand &rd = out.demands[i];
        rd.routed = true;
        // Push the unit flow down the shortest-path DAG, farthest sites first: every
        // metric is at least 1, so a site's inflow is complete before it is split.
        shares.clear();
        nodeFlow[src] = 1.0;
        for (std::size_t u : tree.farthestFirst) {
            if (tree.distance[u] > tree.distance[src] || nodeFlow[u] <= 0.0 || u == dst)
                continue;
            net.nextHops(u, tree, hops);
            if (!ecmp && hops.size() > 1)
                hops.erase(hops.begin() + 1, hops.end());
            const double f = nodeFlow[u] / static_cast<double>(hops.size());
            for (const Hop &h : hops) {
                nodeFlow[h.to] += f;
                shares[{h.span, h.forward}] += f;
            }
            nodeFlow[u] = 0.0;
        }
        nodeFlow[dst] = 0.0;
        for (const auto &[key, f] : shares) {
            rd.shares.push_back({key.first, key.second, f});
            SpanLoad &load = out.spans[key.first];
            (key.second ? load.ab_gbps : load.ba_gbps) += f * dem.gbps;
        }
        describeShares(scenario, index, spans, src, dst, rd);
    }
    return out;
}

} // namespace dci
