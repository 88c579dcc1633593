#pragma once

#include "engine/results.h"
#include "engine/stagetimes.h"
#include "model/catalog.h"
#include "model/scenario.h"

namespace dci {

// Runs every engine stage on a valid scenario (as returned by the reader) and collects
// their diagnostics. Pure: same inputs, same results. The catalog is the base catalog;
// the scenario's assumptions are applied here.
Results evaluate(const Scenario &scenario, const Catalog &catalog);

// The same, adding each stage's wall-clock time to *times (bench); times may be null.
Results evaluate(const Scenario &scenario, const Catalog &catalog, StageTimes *times);

} // namespace dci
