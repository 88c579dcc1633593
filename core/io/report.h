#pragma once

#include "engine/resilience.h"
#include "engine/results.h"
#include "engine/sensitivity.h"
#include "model/scenario.h"

#include <string>

namespace dci {

// The readable evaluation (CLI `evaluate` without --json): sentences a student can follow.
std::string reportText(const Scenario &scenario, const Results &results);

// The dimensioned plan (CLI `dimension`): per span what was chosen, then the bill of
// materials and the cost. `before` is the scenario as read, `after` with the chosen numbers.
std::string dimensionReport(const Scenario &before, const Scenario &after, const Results &results,
                            double target_utilization);

// The failure analysis (CLI `resilience`): a summary line, then every failure, worst first.
std::string resilienceReport(const Scenario &scenario, const ResilienceResult &result);

// The sensitivity table (CLI `sensitivity`): per ranged catalog figure the plan's
// efficiency, capex and opex at both ends of its range, largest swing first.
std::string sensitivityReport(const Scenario &scenario, const SensitivityResult &result);

} // namespace dci
