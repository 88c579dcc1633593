#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <limits>
#include <vector>

namespace dci {

// Shortest one-way latency between every pair of sites over the spans that are up
// (Dijkstra on Boost.Graph, weight = span latency). docs/MODEL.md "Paths".
struct PathLatencies {
    static constexpr double kNoPath = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> latency_ms; // [site index][site index]; kNoPath when cut off
    double between(int a, int b) const { return latency_ms[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]; }
};

PathLatencies shortestLatencies(const Scenario &scenario, const std::vector<SpanResult> &spans);

} // namespace dci
