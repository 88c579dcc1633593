#include "routing.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <unordered_map>
#include <utility>

namespace dci {

namespace {

constexpr std::int64_t kUnreached = std::numeric_limits<std::int64_t>::max();
constexpr double kShareEpsilon = 1e-12; // shares below this are float noise of a split
constexpr std::size_t kBitsPerWord = 64;

// A span's sites as indices into scenario.sites (known: both ids name a site).
struct SpanEnds {
    std::size_t a = 0;
    std::size_t b = 0;
    bool known = false;
};

std::vector<SpanEnds> spanEnds(const Scenario &scenario, const std::unordered_map<std::string, std::size_t> &index)
{
    std::vector<SpanEnds> out(scenario.spans.size());
    for (std::size_t i = 0; i < scenario.spans.size(); ++i) {
        const auto a = index.find(scenario.spans[i].a), b = index.find(scenario.spans[i].b);
        if (a != index.end() && b != index.end())
            out[i] = {a->second, b->second, true};
    }
    return out;
}

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
    Network(std::size_t sites, const std::vector<SpanResult> &spans, const std::vector<SpanEnds> &ends)
        : m_adj(sites), m_metric(spans.size(), 1)
    {
        for (std::size_t i = 0; i < spans.size(); ++i) {
            if (spans[i].down || !ends[i].known)
                continue;
            m_metric[i] = std::max<std::int64_t>(1, spans[i].metric);
            m_adj[ends[i].a].push_back({i, ends[i].b, true});
            m_adj[ends[i].b].push_back({i, ends[i].a, false});
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

// Lists a routed demand's latency and paths from its shares (describeShares), with scratch
// arrays per site kept between demands: a demand touches only the sites its shares reach.
class ShareDescriber {
public:
    ShareDescriber(const Scenario &scenario, const std::vector<SpanEnds> &ends, const std::vector<SpanResult> &spans)
        : m_scenario(scenario), m_ends(ends), m_spans(spans), m_out(scenario.sites.size()),
          m_inDegree(scenario.sites.size(), 0), m_longest(scenario.sites.size(), 0.0),
          m_reached(scenario.sites.size(), 0)
    {
    }

    // listPaths false: the latency only (N-1 needs no paths for people).
    void describe(std::size_t source, std::size_t destination, RoutedDemand &demand, bool listPaths = true)
    {
        demand.paths.clear();
        demand.latency_ms = 0.0;
        if (source == destination) {
            demand.paths.push_back({{}, 1.0});
            return;
        }
        const std::vector<SpanShare> &shares = demand.shares;
        auto tail = [&](const SpanShare &s) { return s.forward ? m_ends[s.span].a : m_ends[s.span].b; };
        auto head = [&](const SpanShare &s) { return s.forward ? m_ends[s.span].b : m_ends[s.span].a; };
        auto touch = [&](std::size_t site) {
            if (!m_reached[site]) {
                m_reached[site] = 1;
                m_touched.push_back(site);
            }
        };
        touch(source);
        for (std::size_t k = 0; k < shares.size(); ++k) {
            touch(tail(shares[k]));
            touch(head(shares[k]));
            m_out[tail(shares[k])].push_back(k);
            ++m_inDegree[head(shares[k])];
        }
        for (std::size_t site : m_touched)
            m_reached[site] = 0; // from here on: whether the longest latency is known

        // Longest path latency over the DAG of shares (Kahn's topological order).
        m_longest[source] = 0.0;
        m_reached[source] = 1;
        m_ready.assign(1, source);
        while (!m_ready.empty()) {
            const std::size_t u = m_ready.back();
            m_ready.pop_back();
            for (std::size_t k : m_out[u]) {
                const std::size_t v = head(shares[k]);
                const double via = m_longest[u] + m_spans[shares[k].span].latency_ms;
                m_longest[v] = m_reached[v] ? std::max(m_longest[v], via) : via;
                m_reached[v] = 1;
                if (--m_inDegree[v] == 0)
                    m_ready.push_back(v);
            }
        }
        demand.latency_ms = m_reached[destination] ? m_longest[destination] : 0.0;
        if (listPaths)
            listPathsOf(source, destination, demand);
        for (std::size_t site : m_touched) {
            m_out[site].clear();
            m_inDegree[site] = 0;
            m_reached[site] = 0;
        }
        m_touched.clear();
    }

private:
    // Paths for people: repeatedly the path of largest remaining share, its bottleneck
    // taken off, until the listing limit or nothing is left.
    void listPathsOf(std::size_t source, std::size_t destination, RoutedDemand &demand)
    {
        const std::vector<SpanShare> &shares = demand.shares;
        auto head = [&](const SpanShare &s) { return s.forward ? m_ends[s.span].b : m_ends[s.span].a; };
        m_remaining.clear();
        for (const SpanShare &s : shares)
            m_remaining.push_back(s.fraction);
        const std::size_t maxHops = shares.size() + 1;
        while (demand.paths.size() < kMaxPathsListed) {
            m_used.clear();
            double bottleneck = 1.0;
            std::size_t u = source;
            while (u != destination && m_used.size() < maxHops) {
                std::size_t best = shares.size();
                for (std::size_t k : m_out[u])
                    if (m_remaining[k] > kShareEpsilon && (best == shares.size() || m_remaining[k] > m_remaining[best]))
                        best = k;
                if (best == shares.size())
                    break;
                m_used.push_back(best);
                bottleneck = std::min(bottleneck, m_remaining[best]);
                u = head(shares[best]);
            }
            if (u != destination || m_used.empty())
                break;
            RoutedPath path;
            path.spans.reserve(m_used.size());
            for (std::size_t k : m_used) {
                m_remaining[k] -= bottleneck;
                path.spans.push_back(m_spans[shares[k].span].id);
            }
            path.fraction = bottleneck;
            demand.paths.push_back(std::move(path));
        }
    }

    const Scenario &m_scenario;
    const std::vector<SpanEnds> &m_ends;
    const std::vector<SpanResult> &m_spans;
    std::vector<std::vector<std::size_t>> m_out; // site -> shares leaving it
    std::vector<int> m_inDegree;
    std::vector<double> m_longest;
    std::vector<char> m_reached; // char, not bool: tested in the inner loops
    std::vector<std::size_t> m_touched, m_ready, m_used;
    std::vector<double> m_remaining;
};

// Routes demands one by one over one network (docs/MODEL.md "Routing"): a demand's unit
// flow goes down the shortest-path DAG of its destination (one Dijkstra per destination,
// shared by all demands to it) from its source only.
class Router {
public:
    Router(const Scenario &scenario, const std::vector<SpanResult> &spans, const std::string &policy,
           bool listPaths = true)
        : m_listPaths(listPaths), m_scenario(scenario), m_index(siteIndexMap(scenario)), m_ends(spanEnds(scenario, m_index)),
          m_net(scenario.sites.size(), spans, m_ends), m_describer(scenario, m_ends, spans), m_spans(spans),
          m_ecmp(policy == "ecmp"),
          m_nodeFlow(scenario.sites.size(), 0.0), m_queued(scenario.sites.size(), 0), m_share(2 * spans.size(), 0.0),
          m_shareBits((2 * spans.size() + kBitsPerWord - 1) / kBitsPerWord, 0)
    {
    }

    // False (and a no-path diagnostic in diagnostics) when no path carries it.
    void route(const FlowDemand &dem, RoutedDemand &rd, std::vector<Diagnostic> &diagnostics)
    {
        rd.routed = false; // cleared, not reassigned: a demand routed again keeps its buffers
        rd.shares.clear();
        rd.paths.clear();
        rd.latency_ms = 0.0;
        const auto s = m_index.find(dem.from), t = m_index.find(dem.to);
        if (s == m_index.end() || t == m_index.end())
            return;
        const std::size_t src = s->second, dst = t->second;
        const Tree &tree = m_net.treeTo(dst);
        if (tree.distance[src] == kUnreached) {
            if (m_listPaths) // for people: the figures need no text
                diagnostics.push_back(noPathDiagnostic(m_scenario, dem.from, dem.to));
            return;
        }
        rd.routed = true;
        // Push the unit flow down the shortest-path DAG, farthest sites first (ties: lower
        // index first): every metric is at least 1, so a site's inflow is complete before
        // it is split. Only sites the flow reaches are visited, in that order.
        auto later = [&](std::size_t x, std::size_t y) {
            return tree.distance[x] < tree.distance[y] || (tree.distance[x] == tree.distance[y] && x > y);
        };
        m_walk.clear();
        bool single = true; // one next hop everywhere: the flow is one path, walked in order
        m_queue.clear();
        m_queue.push_back(src);
        m_queued[src] = 1;
        m_nodeFlow[src] = 1.0;
        while (!m_queue.empty()) {
            std::pop_heap(m_queue.begin(), m_queue.end(), later);
            const std::size_t u = m_queue.back();
            m_queue.pop_back();
            m_queued[u] = 0;
            const double flow = m_nodeFlow[u];
            m_nodeFlow[u] = 0.0;
            if (u == dst || flow <= 0.0)
                continue;
            m_net.nextHops(u, tree, m_hops);
            if (!m_ecmp && m_hops.size() > 1)
                m_hops.erase(m_hops.begin() + 1, m_hops.end());
            const double f = flow / static_cast<double>(m_hops.size());
            single = single && m_hops.size() == 1;
            if (single)
                m_walk.push_back(m_hops.front().span);
            for (const Hop &h : m_hops) {
                m_nodeFlow[h.to] += f;
                if (!m_queued[h.to]) {
                    m_queued[h.to] = 1;
                    m_queue.push_back(h.to);
                    std::push_heap(m_queue.begin(), m_queue.end(), later);
                }
                const std::size_t key = 2 * h.span + (h.forward ? 1 : 0);
                m_shareBits[key / kBitsPerWord] |= std::uint64_t(1) << (key % kBitsPerWord);
                m_share[key] += f;
            }
        }
        // In span order, b -> a before a -> b: the set bits in order (no sort per demand).
        std::size_t count = 0;
        for (const std::uint64_t bits : m_shareBits)
            count += static_cast<std::size_t>(std::popcount(bits));
        rd.shares.reserve(count);
        for (std::size_t w = 0; w < m_shareBits.size(); ++w)
            for (std::uint64_t bits = std::exchange(m_shareBits[w], 0); bits != 0; bits &= bits - 1) {
                const std::size_t key = w * kBitsPerWord + static_cast<std::size_t>(std::countr_zero(bits));
                rd.shares.push_back({key / 2, key % 2 == 1, m_share[key]});
                m_share[key] = 0.0;
            }
        if (!single) {
            m_describer.describe(src, dst, rd, m_listPaths);
            return;
        }
        // One path: its latency summed from the source (as the longest-path pass over the
        // shares would add it) and listed whole.
        for (std::size_t span : m_walk)
            rd.latency_ms += m_spans[span].latency_ms;
        if (m_listPaths) {
            RoutedPath path;
            path.spans.reserve(m_walk.size());
            for (std::size_t span : m_walk)
                path.spans.push_back(m_spans[span].id);
            path.fraction = 1.0;
            rd.paths.push_back(std::move(path));
        }
    }

private:
    bool m_listPaths;
    const Scenario &m_scenario;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<SpanEnds> m_ends;
    Network m_net;
    ShareDescriber m_describer;
    const std::vector<SpanResult> &m_spans;
    bool m_ecmp;
    std::vector<std::size_t> m_walk; // the spans of a one-path demand, from its source
    std::vector<double> m_nodeFlow;
    std::vector<char> m_queued;
    std::vector<std::size_t> m_queue;
    std::vector<Hop> m_hops;
    std::vector<double> m_share;             // [2 * span + forward] of the demand being routed
    std::vector<std::uint64_t> m_shareBits; // which of m_share it touched
};

// Each span direction's load: every routed demand's shares times its rate, summed in
// demand order.
void sumLoads(const std::vector<FlowDemand> &demands, RoutingResult &out)
{
    for (std::size_t i = 0; i < demands.size(); ++i)
        for (const SpanShare &s : out.demands[i].shares) {
            SpanLoad &load = out.spans[s.span];
            (s.forward ? load.ab_gbps : load.ba_gbps) += s.fraction * demands[i].gbps;
        }
}

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
    const std::vector<SpanEnds> ends = spanEnds(scenario, index);
    ShareDescriber(scenario, ends, spans).describe(source, destination, demand);
}

RoutingResult routeDemands(const Scenario &scenario, const std::vector<SpanResult> &spans,
                           const std::vector<FlowDemand> &demands, const std::string &policy)
{
    RoutingResult out;
    out.spans.assign(spans.size(), {});
    out.demands.assign(demands.size(), {});
    Router router(scenario, spans, policy);
    for (std::size_t i = 0; i < demands.size(); ++i)
        router.route(demands[i], out.demands[i], out.diagnostics);
    sumLoads(demands, out);
    return out;
}

void routeAgain(const Scenario &scenario, const std::vector<SpanResult> &spans, const std::vector<FlowDemand> &demands,
                const std::string &policy, const std::vector<std::size_t> &again, RoutingResult &routing, bool figuresOnly)
{
    if (!again.empty()) {
        Router router(scenario, spans, policy, !figuresOnly);
        std::vector<Diagnostic> ignored;
        for (std::size_t i : again)
            if (i < demands.size() && i < routing.demands.size())
                router.route(demands[i], routing.demands[i], figuresOnly ? ignored : routing.diagnostics);
    }
    routing.spans.assign(spans.size(), {});
    sumLoads(demands, routing);
}

} // namespace dci
