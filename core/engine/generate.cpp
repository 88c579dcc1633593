#include "generate.h"

#include "engine/geometry.h"
#include "model/geo.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace dci {

namespace {

// The plan around the sites and spans: the synthetic plans of docs/PERFORMANCE.md.
constexpr const char *kGeneratedGpu = "H100-SXM";
constexpr const char *kPreferredOptic = "OpenZR+ 400G";
constexpr const char *kBand = "C";
constexpr int kGeneratedFiberPairs = 2;
constexpr int kGeneratedWavelengths = 32;
// The 70B job of the two-campus sample (docs/MODEL.md "Traffic" worked example).
constexpr double kModelParams = 70e9;
constexpr double kTokensPerStep = 16777216.0; // 2^24: 4,096 sequences of 4,096 tokens
constexpr double kTotalTokens = 15e12;
constexpr double kMfu = 0.4;
constexpr double kGradBytes = 2.0; // bf16 gradients
constexpr double kOverlap = 1.0;
// Neighbours per site offered as spans at first; doubled until there are enough.
constexpr int kFirstNeighbours = 4;

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, the same on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1): the top 53 bits as a double's mantissa.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n) (the modulo bias, below n / 2^64, is irrelevant here).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t m_state;
};

// The continental US as a few lat/lon boxes of land (rough, enough to spread sites over
// the country rather than the oceans), picked in proportion to their area.
struct Box {
    double south, north, west, east;
};
constexpr Box kConus[] = {
    {36.0, 49.0, -122.5, -104.0}, // West and Pacific Northwest
    {32.0, 36.0, -118.0, -104.0}, // Southwest
    {29.5, 49.0, -104.0, -90.0},  // Great Plains and Midwest
    {26.0, 29.5, -100.0, -97.5},  // South Texas
    {30.5, 35.0, -90.0, -81.0},   // Southeast
    {35.0, 45.0, -90.0, -76.0},   // Ohio Valley to the Mid-Atlantic
    {41.0, 45.0, -76.0, -70.0},   // Northeast
    {26.0, 30.5, -82.0, -80.3},   // Florida
};

double boxArea(const Box &b)
{
    const double midLat = (b.south + b.north) / 2.0 * geo::kPi / 180.0;
    return (b.north - b.south) * (b.east - b.west) * std::cos(midLat);
}

struct Point {
    double lat, lon;
    double x, y, z; // on the unit sphere: the chord orders pairs as the great circle does
};

Point place(Random &random)
{
    static_assert(std::size(kConus) > 0);
    double total = 0.0;
    for (const Box &b : kConus)
        total += boxArea(b);
    double pick = random.unit() * total;
    const Box *box = &kConus[std::size(kConus) - 1];
    for (const Box &b : kConus) {
        if (pick < boxArea(b)) {
            box = &b;
            break;
        }
        pick -= boxArea(b);
    }
    Point p;
    p.lat = box->south + random.unit() * (box->north - box->south);
    p.lon = box->west + random.unit() * (box->east - box->west);
    const double la = p.lat * geo::kPi / 180.0, lo = p.lon * geo::kPi / 180.0;
    p.x = std::cos(la) * std::cos(lo);
    p.y = std::cos(la) * std::sin(lo);
    p.z = std::sin(la);
    return p;
}

double chord2(const Point &a, const Point &b)
{
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
}

using Pair = std::pair<std::size_t, std::size_t>; // (lower index, higher index)

// Prim's minimum spanning tree over the complete graph of chords: O(n^2), connected by
// construction, ties to the lower index.
std::vector<Pair> spanningTree(const std::vector<Point> &points)
{
    const std::size_t n = points.size();
    std::vector<Pair> tree;
    if (n < 2)
        return tree;
    std::vector<double> best(n, std::numeric_limits<double>::infinity());
    std::vector<std::size_t> from(n, 0);
    std::vector<bool> in(n, false);
    std::size_t u = 0;
    in[0] = true;
    for (std::size_t added = 1; added < n; ++added) {
        std::size_t next = n;
        for (std::size_t v = 0; v < n; ++v) {
            if (in[v])
                continue;
            const double d = chord2(points[u], points[v]);
            if (d < best[v]) {
                best[v] = d;
                from[v] = u;
            }
            if (next == n || best[v] < best[next])
                next = v;
        }
        in[next] = true;
        tree.push_back(std::minmax(from[next], next));
        u = next;
    }
    return tree;
}

// Every pair of a site and one of its k nearest others, without the taken ones, shortest
// first (ties by index).
std::vector<Pair> neighbourPairs(const std::vector<Point> &points, std::size_t k, const std::vector<Pair> &taken)
{
    const std::size_t n = points.size();
    std::vector<Pair> pairs;
    std::vector<std::pair<double, std::size_t>> byDistance;
    for (std::size_t u = 0; u < n; ++u) {
        byDistance.clear();
        for (std::size_t v = 0; v < n; ++v)
            if (v != u)
                byDistance.emplace_back(chord2(points[u], points[v]), v);
        const std::size_t keep = std::min(k, byDistance.size());
        std::nth_element(byDistance.begin(), byDistance.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                         byDistance.end());
        for (std::size_t i = 0; i < keep; ++i)
            pairs.push_back(std::minmax(u, byDistance[i].second));
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<Pair> sortedTaken = taken;
    std::sort(sortedTaken.begin(), sortedTaken.end());
    std::vector<Pair> free;
    std::set_difference(pairs.begin(), pairs.end(), sortedTaken.begin(), sortedTaken.end(), std::back_inserter(free));
    std::stable_sort(free.begin(), free.end(), [&](const Pair &p, const Pair &q) {
        return chord2(points[p.first], points[p.second]) < chord2(points[q.first], points[q.second]);
    });
    return free;
}

std::string paddedId(const char *prefix, std::size_t number, std::size_t width)
{
    std::string digits = std::to_string(number);
    if (digits.size() < width)
        digits.insert(0, width - digits.size(), '0');
    return prefix + digits;
}

} // namespace

long long maxGeneratedSpans(int sites)
{
    const long long n = std::max(0, sites);
    return std::min(n * (n - 1) / 2, kMaxGeneratedSpans);
}

std::optional<std::string> generateProblem(const GenerateOptions &o)
{
    if (o.sites < 2 || o.sites > kMaxGeneratedSites)
        return "--sites: expected a whole number from 2 to " + std::to_string(kMaxGeneratedSites) + ", got "
               + std::to_string(o.sites);
    const long long low = o.sites - 1, high = maxGeneratedSpans(o.sites);
    if (o.spans < low || o.spans > high)
        return "--spans: expected a whole number from " + std::to_string(low) + " (a spanning tree) to "
               + std::to_string(high) + " for " + std::to_string(o.sites) + " sites, got " + std::to_string(o.spans);
    if (o.gpu_sites < 1 || o.gpu_sites > o.sites)
        return "--gpu-sites: expected a whole number from 1 to " + std::to_string(o.sites) + " (the sites), got "
               + std::to_string(o.gpu_sites);
    if (std::find(std::begin(kRoutingPolicies), std::end(kRoutingPolicies), o.routing) == std::end(kRoutingPolicies))
        return "--routing: expected shortest, ecmp or balanced, got \"" + o.routing + "\"";
    return std::nullopt;
}

Scenario generatePlan(const GenerateOptions &o, const Catalog &catalog)
{
    const std::size_t n = static_cast<std::size_t>(o.sites);
    Random random(o.seed);
    std::vector<Point> points;
    points.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        points.push_back(place(random));

    // The DCs: the first gpu_sites of a Fisher-Yates shuffle of the sites.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::vector<bool> isDc(n, false);
    for (std::size_t i = 0; i < static_cast<std::size_t>(o.gpu_sites); ++i) {
        std::swap(order[i], order[i + random.below(n - i)]);
        isDc[order[i]] = true;
    }

    Scenario s;
    s.name = "Synthetic: " + std::to_string(o.sites) + " sites, " + std::to_string(o.spans) + " spans, "
             + std::to_string(o.gpu_sites) + " DCs (seed " + std::to_string(o.seed) + ")";
    s.description = "Generated by dciplanner-cli generate for benchmarks (docs/PERFORMANCE.md): sites spread over the "
                    "continental US, a spanning tree over nearest neighbours plus the next shortest neighbour spans, "
                    "DCs of 8,192 GPUs, spans of 2 x 32 OpenZR+ 400G where it reaches, a 70B hierarchical job.";
    const std::string gpu = catalog.gpu(kGeneratedGpu) || catalog.gpus.empty() ? kGeneratedGpu : catalog.gpus.front().name;
    const std::size_t width = std::to_string(n).size();
    for (std::size_t i = 0; i < n; ++i) {
        Site site;
        site.id = paddedId(isDc[i] ? "dc" : "hub", i + 1, width);
        site.name = (isDc[i] ? "DC " : "Hub ") + std::to_string(i + 1);
        site.lat = std::round(points[i].lat * 1e4) / 1e4; // as a file would give them
        site.lon = std::round(points[i].lon * 1e4) / 1e4;
        site.gpu = gpu;
        site.gpus = isDc[i] ? kGeneratedDcGpus : 0;
        s.sites.push_back(std::move(site));
    }

    std::vector<Pair> pairs = spanningTree(points);
    const std::size_t wanted = static_cast<std::size_t>(o.spans);
    for (std::size_t k = kFirstNeighbours; pairs.size() < wanted; k *= 2) {
        k = std::min(k, n - 1);
        const std::vector<Pair> extra = neighbourPairs(points, k, pairs);
        if (pairs.size() + extra.size() >= wanted || k == n - 1) {
            pairs.insert(pairs.end(), extra.begin(), extra.begin() + static_cast<std::ptrdiff_t>(
                                                                      std::min(extra.size(), wanted - pairs.size())));
            break;
        }
    }

    const Optic *preferred = catalog.optic(kPreferredOptic);
    Scenario ends; // the span's two sites: spanLengthKm looks them up by id
    ends.sites.resize(2);
    for (const auto &[a, b] : pairs) {
        Span span;
        span.a = s.sites[a].id;
        span.b = s.sites[b].id;
        span.id = span.a + "-" + span.b;
        span.band = kBand;
        span.fiber_pairs = kGeneratedFiberPairs;
        span.wavelengths = kGeneratedWavelengths;
        ends.sites[0] = s.sites[a];
        ends.sites[1] = s.sites[b];
        const double length_km = spanLengthKm(span, ends, catalog);
        const Optic *optic = preferred && preferred->reach_km >= length_km ? preferred : catalog.fastestOpticReaching(length_km);
        if (!optic)
            optic = catalog.longestReachOptic();
        span.optic = optic ? optic->name : kPreferredOptic;
        s.spans.push_back(std::move(span));
    }

    Job job;
    job.model_params = kModelParams;
    job.tokens_per_step = kTokensPerStep;
    job.total_tokens = kTotalTokens;
    job.mfu = kMfu;
    job.grad_bytes = kGradBytes;
    job.overlap = kOverlap;
    s.job = job;
    s.routing.policy = o.routing;
    s.routing.load_balancing = "hash";
    return s;
}

} // namespace dci
