#pragma once

#include "catalog.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dci {

// Keys a scenario file does not define but a user or another tool added, kept verbatim:
// key -> JSON text of the value. Only keys starting with "x-" are kept (docs/SCENARIO-FORMAT.md).
using Extensions = std::map<std::string, std::string>;

struct Site {
    std::string id;
    std::string name;
    double lat = 0.0; // degrees north, WGS84
    double lon = 0.0; // degrees east
    std::string gpu;  // catalog GPU name
    std::int64_t gpus = 0;
    std::optional<double> power_cap_mw; // facility power available; none = unlimited
    std::optional<double> pue;          // none = assumptions.pue
    std::string region;                 // empty = a region of its own (dc_pattern "regions")
    bool down = false; // failed or out of service: its spans carry nothing, its GPUs sit out of the job
    Extensions extensions;
    bool operator==(const Site &) const = default;
};

struct Span {
    std::string id;
    std::string a; // site id
    std::string b; // site id
    std::optional<double> length_km; // none = great circle x route_factor
    std::string optic;               // catalog optic name
    std::optional<int> fiber_pairs;  // none = "auto" (dimensioned)
    std::string band;                // catalog band name
    std::optional<int> wavelengths;  // per fiber pair; none = "auto" (dimensioned)
    std::optional<std::int64_t> metric; // IGP metric >= 1; none = latency in us, rounded
    bool down = false;               // failed or out of service
    std::vector<std::string> srlg;   // shared-risk link groups (a conduit, a bridge) it belongs to
    Extensions extensions;
    bool operator==(const Span &) const = default;
};

// Extra traffic given explicitly (checkpoint copies, data ingest), one direction.
struct Demand {
    std::string from;
    std::string to;
    double gbps = 0.0;
    std::string label;
    Extensions extensions;
    bool operator==(const Demand &) const = default;
};

inline constexpr const char *kStrategies[] = {"hierarchical", "flat-ring", "diloco",
                                              "streaming-diloco", "pipeline"};
inline constexpr const char *kDcPatterns[] = {"direct", "ring", "regions"};
inline constexpr const char *kRoutingPolicies[] = {"shortest", "ecmp", "balanced"};
inline constexpr const char *kLoadBalancing[] = {"hash", "spray"};
inline constexpr const char *kTransports[] = {"roce-gbn", "selective-repeat"};

// The training job. Optional fields fall back to the catalog's job_defaults (or the
// scenario's assumptions overriding them); resolveJob() gives the complete parameters.
struct Job {
    double model_params = 0.0;
    double tokens_per_step = 0.0;
    std::optional<double> total_tokens;
    std::string strategy = "hierarchical";
    std::string dc_pattern = "direct";
    std::vector<std::string> ring_order; // empty = file order of participating sites
    std::optional<double> mfu;
    std::optional<double> grad_bytes;
    std::optional<double> overlap;
    std::optional<double> inner_steps;
    std::optional<double> sync_bytes;
    std::optional<double> fragments;
    std::optional<double> overlap_steps;
    std::optional<double> hidden_size;
    std::optional<double> act_bytes;
    std::optional<double> microbatches;
    std::optional<double> connections_per_pair; // none = derived (docs/MODEL.md "Traffic")
    std::optional<double> flows_per_pair;       // none = connections_per_pair
    std::string transport = "roce-gbn";
    Extensions extensions;
    bool operator==(const Job &) const = default;
};

// Every job parameter with defaults applied.
struct JobParams {
    double model_params = 0.0;
    double tokens_per_step = 0.0;
    std::optional<double> total_tokens;
    std::string strategy;
    std::string dc_pattern;
    std::vector<std::string> ring_order;
    double mfu = 0.0;
    double grad_bytes = 0.0;
    double overlap = 0.0;
    double inner_steps = 0.0;
    double sync_bytes = 0.0;
    double fragments = 0.0;
    std::optional<double> overlap_steps;
    double hidden_size = 0.0;
    double act_bytes = 0.0;
    double microbatches = 0.0;
    double connections_per_pair = 0.0; // transport connections between two DCs (window limit)
    std::string connections_from;      // "job", "assumptions" or "derived"
    double flows_per_pair = 0.0;       // flows the DCI hash sees (ECMP imbalance)
    std::string flows_from;            // "job", "assumptions" or "connections"
    std::string transport;
};

struct RoutingSettings {
    std::string policy = "shortest";
    std::string load_balancing = "hash";
    Extensions extensions;
    bool operator==(const RoutingSettings &) const = default;
};

// How "auto" spans are sized beyond target_utilization (docs/MODEL.md "Dimensioning"):
// also for the job's scaling efficiency and for every single span failure.
struct SizingGoals {
    std::optional<double> target_efficiency; // (0, 1]
    bool n1 = false;
    Extensions extensions;
    bool any() const { return target_efficiency.has_value() || n1; }
    bool operator==(const SizingGoals &) const = default;
};

// Overrides of catalog figures, as written in the scenario's "assumptions" block.
struct Assumptions {
    std::map<std::string, double> figures; // any key of catalog assumptions, job_defaults, prices
    std::map<std::string, std::map<std::string, double>> gpus;   // gpu name -> field -> value
    std::map<std::string, std::map<std::string, double>> optics; // optic name -> field -> value
    std::map<std::string, std::map<std::string, double>> bands;  // band name -> field -> value
    Extensions extensions;
    bool empty() const { return figures.empty() && gpus.empty() && optics.empty() && bands.empty() && extensions.empty(); }
    bool operator==(const Assumptions &) const = default;
};

// Largest span metric: IS-IS wide metrics are 24 bits (RFC 5305, section 3.7).
inline constexpr std::int64_t kMaxSpanMetric = 16777215;

inline constexpr const char *kScenarioFormat = "dci-scenario";
inline constexpr int kScenarioVersion = 1;

// A saved view for presentation mode (View > Presentation): what the screen shows beside
// the canvas, and the map region (degrees; none = the whole plan fitted).
inline constexpr const char *kPresentationShows[] = {"plan", "demand-matrix", "utilisation", "step", "cost", "n-1"};
struct PresentationView {
    std::string title;
    std::string show = "plan"; // one of kPresentationShows
    struct Region {
        double south = 0.0;
        double west = 0.0;
        double north = 0.0;
        double east = 0.0;
        bool operator==(const Region &) const = default;
    };
    std::optional<Region> region;
    Extensions extensions;
    bool operator==(const PresentationView &) const = default;
};
struct Presentation {
    std::vector<PresentationView> views;
    Extensions extensions;
    bool empty() const { return views.empty() && extensions.empty(); }
    bool operator==(const Presentation &) const = default;
};

struct Scenario {
    std::string name;
    std::string description;
    std::vector<Site> sites;
    std::vector<Span> spans;
    std::vector<Demand> demands;
    std::optional<Job> job;
    RoutingSettings routing;
    SizingGoals sizing;
    Assumptions assumptions;
    Presentation presentation;
    Extensions extensions;

    const Site *site(const std::string &id) const;
    const Span *span(const std::string &id) const;
    int siteIndex(const std::string &id) const; // -1 when absent
    int spanIndex(const std::string &id) const;
    std::vector<std::string> siteIds() const;
    std::vector<std::string> spanIds() const;
    // Down itself or at a site that is down: it carries no traffic (docs/MODEL.md "Resilience").
    bool spanOutOfService(const Span &span) const;
    // Field by field: the GUI drops an edit whose result equals the scenario it had.
    bool operator==(const Scenario &) const = default;
};

// Site id -> index in scenario.sites, built once where ids are looked up in a loop.
std::unordered_map<std::string, std::size_t> siteIndexMap(const Scenario &scenario);

// The catalog as this scenario sees it: every override of its assumptions applied.
Catalog applyOverrides(const Catalog &base, const Assumptions &assumptions);

// The job's own value of an optional number field by its file key ("mfu", "overlap",
// "connections_per_pair", ...); none when the job leaves it to the catalog or the key is
// not such a field.
std::optional<double> jobNumber(const Job &job, const std::string &key);
// The same field, to set it; nullptr for a key that is not such a field.
std::optional<double> *jobNumberField(Job &job, const std::string &key);
// Every numeric job field's file key: model_params, tokens_per_step, total_tokens, then the
// optional ones above, in the order of docs/SCENARIO-FORMAT.md.
std::vector<std::string> jobNumberKeys();

// Assumption keys that are not catalog figures: their default is derived from the job.
inline constexpr const char *kDerivedAssumptionKeys[] = {"connections_per_pair", "flows_per_pair"};

// assumptions: the scenario's, for connections_per_pair / flows_per_pair given there.
JobParams resolveJob(const Job &job, const Catalog &catalog, const Assumptions &assumptions = {});

// Names of the numeric fields an assumptions block may override per catalog entry.
std::vector<std::string> gpuOverrideFields();
std::vector<std::string> opticOverrideFields();
std::vector<std::string> bandOverrideFields();

} // namespace dci
