#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Two plans side by side (CLI `diff`, later the GUI's Compare): the headline figures of
// both with their difference, then what changed in the plan's settings, per site, per span
// (fields and utilisation) and per demand (required and achieved rate). Fields are compared
// as the canonical file writes them, so every key counts, extensions included.

struct FigureDiff {
    std::string figure; // "gpus", "power_mw", "dci_tbps", "step_s", "efficiency", "capex_usd",
                        // "opex_usd_per_year", "modules:<optic>"
    std::string unit;   // "GPUs", "MW", "Tb/s", "s", "", "USD", "USD/year", "modules"
    std::optional<double> a, b; // null where a plan has none (no job, cost unknown)
    std::optional<double> difference() const; // b - a when both are known
    bool differs() const;
};

// A field's value in each plan as JSON text ("8", "\"400ZR\"", "\"auto\""); empty = absent.
struct FieldChange {
    std::string field; // file key; nested keys joined by '/' ("job/strategy", "assumptions/loss_rate")
    std::string a;
    std::string b;
};

struct ElementChange {
    std::string id;
    std::string change;              // "added", "removed" or "changed"
    std::vector<FieldChange> fields; // "changed": the keys that differ (may be none for a span
                                     // whose utilisation alone changed)
    std::optional<double> utilization_a, utilization_b; // spans only
};

struct DemandChange {
    std::string source; // "job" or "explicit"
    std::string from, to, label;
    std::string change; // "added", "removed" or "changed"
    std::optional<double> gbps_a, gbps_b;           // required (what loads the spans)
    std::optional<double> rate_gbps_a, rate_gbps_b; // what the network gives it
};

struct Comparison {
    std::vector<FigureDiff> headline;
    std::vector<FieldChange> settings; // name, description, job, routing, sizing, assumptions
    std::vector<ElementChange> sites;
    std::vector<ElementChange> spans;
    std::vector<DemandChange> demands;
    bool identical() const; // no change anywhere and every figure equal
};

// Demands match by source and ends (job demands) or source, ends and label (explicit ones),
// the k-th of a kind with the k-th.
Comparison comparePlans(const Scenario &a, const Results &ra, const Scenario &b, const Results &rb);

// The comparison as the CLI prints it (docs/CLI.md "diff"); the labels name the two plans.
std::string comparisonToJson(const Comparison &c, const std::string &labelA, const std::string &labelB);
std::string comparisonReport(const Comparison &c, const std::string &labelA, const std::string &labelB);

} // namespace dci
