#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <vector>

namespace dci {

// Stage 9, docs/MODEL.md "Dimensioning": the fewest lit wavelengths per fiber pair (and
// fiber pairs, where "auto") that keep each span at or below target_utilization.
struct SpanDimension {
    std::string id;
    bool dimensioned = false; // this span was chosen by the stage
    int fiber_pairs = 0;
    int wavelengths = 0;      // per fiber pair
    double needed_gbps = 0.0; // load / target utilisation
    bool feasible = true;     // the band holds what is needed
};

struct DimensionResult {
    std::vector<SpanDimension> spans; // scenario order
    std::vector<Diagnostic> diagnostics;
};

// loaded: span results with the loads of a routing pass (capacity of "auto" spans unknown).
// allSpans: dimension every span (CLI `dimension`), else only "auto" ones.
DimensionResult dimensionSpans(const Scenario &scenario, const Catalog &catalog, const std::vector<SpanResult> &loaded,
                               bool allSpans);

// The scenario with the chosen fiber pairs and wavelengths written into its spans.
Scenario withDimensions(Scenario scenario, const DimensionResult &dimensions);

} // namespace dci
