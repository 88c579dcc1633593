#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <string>

namespace dci {

// The readable evaluation (CLI `evaluate` without --json): sentences a student can follow.
std::string reportText(const Scenario &scenario, const Results &results);

} // namespace dci
