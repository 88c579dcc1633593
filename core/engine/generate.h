#pragma once

#include "model/catalog.h"
#include "model/scenario.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dci {

// Synthetic plans of any size for benchmarks and scale tests (docs/PERFORMANCE.md, the
// plans `dciplanner-cli generate` writes): sites spread over the continental US, a
// spanning tree over geographic nearest neighbours plus the next shortest neighbour
// spans up to the count asked for, `gpu_sites` of the sites DCs of kGeneratedDcGpus
// GPUs, every span 2 fiber pairs x 32 wavelengths of OpenZR+ 400G where it reaches (else
// the fastest optic that does), a 70B hierarchical job over the DCs. The same options
// give the same plan on every platform: the random numbers come from our own generator
// and mapping, not the standard library's distributions.

struct GenerateOptions {
    int sites = 0;
    long long spans = 0;
    int gpu_sites = 0;
    std::uint64_t seed = 1;
    std::string routing = "ecmp"; // one of kRoutingPolicies
};

inline constexpr std::int64_t kGeneratedDcGpus = 8192;
// Prim's spanning tree and the neighbour search cost O(sites^2): beyond this it is slow.
inline constexpr int kMaxGeneratedSites = 20000;
// Every span is a JSON object of ~200 bytes: a million is a 200 MB file.
inline constexpr long long kMaxGeneratedSpans = 1000000;

// The largest span count `sites` sites can have: every pair once, at most kMaxGeneratedSpans.
long long maxGeneratedSpans(int sites);

// What is wrong with the options, naming the option and the range expected ("--spans:
// expected ..."); none when they can be generated.
std::optional<std::string> generateProblem(const GenerateOptions &options);

// The plan; options must pass generateProblem. catalog: optics and reach (the built-in
// one for the CLI).
Scenario generatePlan(const GenerateOptions &options, const Catalog &catalog);

} // namespace dci
