#include "paths.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace dci {

PathLatencies shortestLatencies(const Scenario &scenario, const std::vector<SpanResult> &spans)
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;
    const std::size_t n = scenario.sites.size();
    Graph g(n);
    for (const SpanResult &s : spans) {
        const int a = scenario.siteIndex(s.a);
        const int b = scenario.siteIndex(s.b);
        if (s.down || a < 0 || b < 0)
            continue;
        boost::add_edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), s.latency_ms, g);
    }
    PathLatencies out;
    out.latency_ms.assign(n, std::vector<double>(n, PathLatencies::kNoPath));
    for (std::size_t source = 0; source < n; ++source) {
        std::vector<double> distance(n);
        boost::dijkstra_shortest_paths(
            g, source,
            boost::distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, g)))
                .distance_inf(PathLatencies::kNoPath));
        out.latency_ms[source] = distance;
    }
    return out;
}

} // namespace dci
