#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

namespace dci {

// Runs every engine stage on a valid scenario (as returned by the reader) and collects
// their diagnostics. Pure: same inputs, same results. The catalog is the base catalog;
// the scenario's assumptions are applied here.
Results evaluate(const Scenario &scenario, const Catalog &catalog);

} // namespace dci
