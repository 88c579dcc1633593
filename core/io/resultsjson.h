#pragma once

#include "engine/resilience.h"
#include "engine/results.h"
#include "engine/sensitivity.h"
#include "model/scenario.h"

#include <string>

namespace dci {

// The machine-readable evaluation (CLI `evaluate --json`), documented in docs/CLI.md.
// Quantities the engine does not compute are null.
std::string resultsToJson(const Scenario &scenario, const Results &results);

// The sensitivity table (CLI `sensitivity --json`), documented in docs/CLI.md.
std::string sensitivityToJson(const Scenario &scenario, const SensitivityResult &result);

// The failure analysis (CLI `resilience --json`).
std::string resilienceToJson(const Scenario &scenario, const ResilienceResult &result);

} // namespace dci
