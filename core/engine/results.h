#pragma once

#include "model/diagnostic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dci {

// The version of the engine's model: raised whenever a formula or default changes the
// numbers an unchanged plan evaluates to (docs/MODEL.md "Changelog").
inline constexpr int kModelVersion = 2;

// Results of evaluate(): an immutable value that views and the CLI only read.
// A std::nullopt field is one the engine does not compute (yet, or for this input);
// it is written as null, never invented.

struct SiteResult {
    std::string id;
    std::int64_t gpus = 0;
    double it_power_mw = 0.0;
    double power_mw = 0.0; // facility power = IT x PUE
    double pue = 0.0;
    std::optional<double> power_cap_mw;
    bool over_cap = false;
    bool down = false; // out of service: its spans carry nothing, its GPUs sit out of the job

    bool operator==(const SiteResult &) const = default;
};

struct SpanResult {
    std::string id;
    std::string a;
    std::string b;
    double length_km = 0.0;
    bool length_estimated = false; // great circle x route factor
    double latency_ms = 0.0;       // one way
    std::int64_t metric = 1;       // routing metric (the span's, or its latency in us)
    bool down = false; // down itself or at a site that is down
    // Capacity stage (docs/MODEL.md "Capacity"); null where "auto" is not dimensioned yet.
    std::string optic;
    std::string band;
    std::optional<int> fiber_pairs;
    std::optional<int> wavelengths;  // lit per fiber pair
    std::optional<int> max_wavelengths; // fiber_pairs x channels that fit the band
    std::optional<double> capacity_gbps; // per direction
    std::optional<bool> reach_ok;
    double reach_km = 0.0;
    std::optional<int> inline_amp_sites;
    std::optional<int> amplifiers;
    std::optional<int> modules; // two per lit wavelength
    bool dimensioned = false;   // fiber pairs / wavelengths chosen by the dimensioning stage
    // Transport stage (docs/MODEL.md "Transport"):
    std::optional<int> lanes;                 // lit wavelengths x fiber pairs
    std::optional<double> flows;              // elephant flows in the busier direction
    std::optional<double> ecmp_imbalance;     // hottest lane / mean lane (1 with spraying)
    std::optional<double> hot_lane_utilization;
    std::optional<double> pfc_headroom_bytes; // per port, for lossless operation
    // Routing stage:
    std::optional<double> load_ab_gbps;
    std::optional<double> load_ba_gbps;
    std::optional<double> load_gbps; // the larger direction
    std::optional<double> utilization;
    // Capacity stage: the boosters and pre-amplifiers among `amplifiers`.
    std::optional<int> terminal_amplifiers;

    // What the span is coloured by (canvas, charts, report): its hottest lane when the
    // engine gives one, else the average over its lanes.
    std::optional<double> heat() const { return hot_lane_utilization ? hot_lane_utilization : utilization; }

    bool operator==(const SpanResult &) const = default;
};

struct DemandResult {
    DemandResult() = default;
    DemandResult(std::string from_, std::string to_, double gbps_, std::string source_, std::string label_)
        : from(std::move(from_)), to(std::move(to_)), gbps(gbps_), source(std::move(source_)), label(std::move(label_)) {}

    std::string from;
    std::string to;
    double gbps = 0.0;  // rate that hides the transfer (job) or the given rate (explicit)
    std::string source; // "job" or "explicit"
    std::string label;
    // Job demands only (docs/MODEL.md "Traffic"):
    std::optional<double> bytes_per_event;
    std::optional<double> period_steps;
    std::optional<double> window_s;
    std::optional<double> avg_gbps;
    std::optional<double> rate_gbps;  // the rate it gets from the network, goodput included
    std::optional<double> latency_ms; // one way, the longest path it is routed on
    std::optional<double> rtt_ms;     // 2 x latency_ms
    std::optional<double> bdp_bytes;  // per connection
    std::optional<double> goodput;
    std::string limited_by;           // job demands: "capacity", "window", "loss" or "none"
    std::optional<double> window_limit_gbps; // job demands: connections x window x 8 / RTT
    std::string limiting_span;        // when capacity binds: the span that is full
    struct Path {
        std::vector<std::string> spans;
        double fraction = 0.0;
    };
    std::vector<Path> paths; // empty when it has no path
};

struct JobResult {
    bool present = false;
    std::string strategy;
    std::string dc_pattern;
    std::vector<std::string> dcs; // participating sites, ring order
    std::int64_t gpus = 0;
    std::optional<double> step_flop;
    std::optional<double> cluster_flops;
    std::optional<double> exchanged_bytes; // per sync event: S, S' or a fragment
    std::optional<double> period_steps;
    std::optional<double> window_s;
    std::optional<double> compute_s;
    std::optional<double> transfer_s;
    std::optional<double> latency_s;
    std::optional<double> comm_s;    // per sync event
    std::optional<double> exposed_s; // per step
    std::optional<double> bubble_s;  // pipeline bubble per step
    std::optional<double> step_s;
    std::optional<double> efficiency;
    std::optional<double> training_days;
    std::string latency_pattern;
    std::optional<double> connections_per_pair;
    std::optional<double> flows_per_pair;
    std::string limited_by; // what limits the slowest transfer of a sync event
    std::optional<std::size_t> slowest_demand; // index in Results::demands of that transfer
};

struct CostItem {
    std::string item; // "optics", "in-line amplifiers", "terminal amplifiers", "mux/demux",
                      // "fiber lease (metro)", "fiber lease (long-haul)", "power", "maintenance"
    double usd = 0.0;
    bool yearly = false; // opex per year rather than capex
    bool placeholder = false; // priced with a placeholder figure
};

struct CostResult {
    std::optional<double> capex_usd;
    std::optional<double> opex_usd_per_year;
    std::optional<double> usd_per_gbps; // capex per Gbps of span capacity (per direction)
    std::optional<double> dci_share_of_gpu_capex;
    std::optional<double> gpu_capex_usd;
    std::vector<CostItem> breakdown;
    std::vector<std::string> incomplete; // spans left out (capacity not known)
};

// One line of the bill of materials.
struct BomLine {
    std::string item; // an optic name, "amplifier", "fiber pair", "mux/demux"
    double quantity = 0.0;
    std::string unit; // "modules", "units", "pairs", "pair-km"
};

struct Totals {
    int sites = 0;
    int spans = 0;
    std::int64_t gpus = 0;
    double it_power_mw = 0.0;
    double power_mw = 0.0;
};

struct Results {
    int model_version = kModelVersion;
    int catalog_version = 0;
    std::vector<SiteResult> sites;
    std::vector<SpanResult> spans;
    std::vector<DemandResult> demands;
    JobResult job;
    CostResult cost;
    std::vector<BomLine> bom;
    Totals totals;
    std::vector<Diagnostic> diagnostics;

    bool hasErrors() const { return dci::hasErrors(diagnostics); }
};

} // namespace dci
