#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// docs/MODEL.md "Dimensioning": sizing a whole plan, as CLI `dimension` does. Every span's
// wavelengths (and fiber pairs where "auto") are first sized for target_utilization, then,
// on request, for every single span failure (N-1) and for the job's scaling efficiency.
struct DimensionGoals {
    bool n1 = false;                  // every span at or under the target after any one span fails
    std::optional<double> efficiency; // grow capacity until the job reaches it (0 < E <= 1)
    bool autoOnly = false;            // size only the spans whose wavelengths are "auto" (evaluate)
};

struct SpanSizing {
    std::string id;
    bool dimensioned = false; // chosen here (the span has a known optic and band)
    // Per stage: fiber pairs and wavelengths per pair after utilisation sizing, after N-1
    // (the same when not asked) and at the end (after the efficiency loop).
    int utilization_fiber_pairs = 0;
    int utilization_wavelengths = 0;
    int n1_fiber_pairs = 0;
    int n1_wavelengths = 0;
    int fiber_pairs = 0;
    int wavelengths = 0;
    // N-1 only: the worst load over the intact plan and every single span failure, and the
    // span whose failure gave it (empty: the intact plan).
    std::optional<double> n1_load_gbps;
    std::string n1_sized_by;
    int grown_steps = 0; // steps of the efficiency loop that grew this span
};

struct DimensionForJob {
    Scenario scenario; // the input with every chosen fiber pair and wavelength count written in
    Results results;   // evaluate() of it, with the sizing diagnostics
    std::vector<SpanSizing> spans; // scenario order
    // The efficiency loop (when asked):
    std::optional<double> start_efficiency; // of the plan before the loop
    bool efficiency_reached = false;
    std::string binding; // what stopped it short: "window", "loss", "latency", "capacity", "steps", "job"
    int steps = 0;       // capacity steps taken
};

// evaluate() calls this (autoOnly) for a plan whose "sizing" block asks for goals.
DimensionForJob dimensionForJob(const Scenario &scenario, const Catalog &catalog, const DimensionGoals &goals);

} // namespace dci
