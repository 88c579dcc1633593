#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <vector>

namespace dci {

// Stage 7, docs/MODEL.md "Cost": capex and yearly opex of the interconnect from the
// capacity stage's modules, amplifiers and fiber pairs, and the bill of materials.
struct CostStage {
    CostResult cost;
    std::vector<BomLine> bom;
    std::vector<Diagnostic> diagnostics;
};

// spans: capacity-stage results in scenario order (modules, amplifiers, pairs, length).
CostStage interconnectCost(const Scenario &scenario, const Catalog &catalog, const std::vector<SpanResult> &spans);

} // namespace dci
