#pragma once

#include "engine/progress.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// docs/MODEL.md "Sensitivity": every catalog figure with a plausible range (Figure::range,
// Optic::price_range_usd) moved to its low and its high end, one at a time, through the
// plan's assumptions (the path a user's override takes), and evaluated. Which unsourced
// figure moves this plan's efficiency and capex most, i.e. which to verify first.

// What one evaluation gives the analysis.
struct SensitivityFigures {
    std::optional<double> efficiency;       // null without a job or when it cannot be timed
    std::optional<double> capex_usd;        // interconnect capex
    std::optional<double> opex_usd_per_year;
    std::vector<std::string> error_codes;   // codes of its error diagnostics, each once
};

struct SensitivityRow {
    std::string key;     // the figure's key ("route_factor"), or the optic's name for an optic price
    std::string section; // "assumptions", "job_defaults", "prices" or "optics" (price_usd of the optic `key`)
    double value = 0.0;  // the catalog's value
    std::string unit;
    double low = 0.0;
    double high = 0.0;
    std::string confidence;   // of the figure (for an optic: the optic's; its price is a placeholder)
    std::string range_source; // what the range rests on
    SensitivityFigures at_low;
    SensitivityFigures at_high;
    // Error codes at an end that the baseline does not have (e.g. reach-exceeded).
    std::vector<std::string> new_errors_low;
    std::vector<std::string> new_errors_high;
    // Largest move from the baseline over both ends: efficiency in percentage points,
    // capex and opex in per cent of the baseline's.
    double efficiency_swing_pp = 0.0;
    double capex_swing_pct = 0.0;
    double opex_swing_pct = 0.0;
    // The ordering key: max(efficiency_swing_pp, capex_swing_pct). 0 = no effect on this
    // plan's efficiency or capex.
    double swing = 0.0;
    std::string error; // an end the scenario reader would refuse: not evaluated, swing 0
};

// A ranged figure this plan sets itself: its own choice, not an assumption to verify.
struct SkippedFigure {
    std::string key;
    std::string section;
    double catalog_value = 0.0;
    double plan_value = 0.0;
    std::string set_in; // "assumptions" or "job"
};

struct SensitivityResult {
    SensitivityFigures baseline;
    std::vector<SensitivityRow> rows; // largest swing first; figures without effect last
    std::vector<SkippedFigure> skipped;
    bool cancelled = false; // stopped through Progress::cancel: rows are partial
};

// One evaluation for the baseline, then two per ranged figure the plan does not set
// itself; `progress` hears of each (total = 1 + 2 x figures) and may stop the analysis.
SensitivityResult analyseSensitivity(const Scenario &scenario, const Catalog &base, const Progress &progress = {});

} // namespace dci
