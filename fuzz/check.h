#pragma once
// Invariants every harness checks on what DCI Planner makes of an accepted input.

#include "model/catalog.h"
#include "model/scenario.h"

#include <string>

namespace dci::fuzz {

// writeScenario -> parseScenario must accept the text, and writing what it read must give
// the same bytes (a saved plan opens as itself).
void checkRoundTrip(const Scenario &scenario, const Catalog &catalog, const std::string &where);

// evaluate(), then the results JSON and the text report: no exception; in the JSON no null
// where the value is always computed (NaN and infinity are written as null), no negative
// count, cost, power, length, rate or time; in the report no "nan"/"inf", no number with
// dozens of digits, no INT_MIN/INT_MAX (an overflowed cast).
void checkEvaluation(const Scenario &scenario, const Catalog &catalog, const std::string &where);

} // namespace dci::fuzz
