#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <vector>

namespace dci {

// Stage 1, docs/MODEL.md "Power": per-site IT and facility power against the site's cap.
struct PowerResult {
    std::vector<SiteResult> sites;
    std::vector<Diagnostic> diagnostics;
};

PowerResult sitePower(const Scenario &scenario, const Catalog &catalog);

} // namespace dci
