#pragma once

#include "engine/sweep.h"
#include "model/scenario.h"

#include <string>

namespace dci {

// A sweep's points as the CLI prints them (docs/CLI.md "sweep"): JSON, CSV (one column per
// optic that has modules at some point) and a readable table.
std::string sweepToJson(const SweepResult &sweep);
std::string sweepToCsv(const SweepResult &sweep);
std::string sweepReport(const Scenario &scenario, const SweepResult &sweep);

} // namespace dci
