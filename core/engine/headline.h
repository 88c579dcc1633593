#pragma once

#include "engine/results.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace dci {

// The figures a plan is summed up by, read off its evaluation (docs/MODEL.md "Headline
// figures"): what a sweep reports per point and a comparison of two plans sets side by side.
struct Headline {
    std::int64_t gpus = 0;
    double power_mw = 0.0;                 // facility power, all sites
    double dci_tbps = 0.0;                 // required DCI rate: the demands' gbps summed, / 1000
    std::optional<double> step_s;          // null without a job, or when it cannot be timed
    std::optional<double> efficiency;
    std::optional<double> capex_usd;       // interconnect capex
    std::optional<double> opex_usd_per_year;
    std::map<std::string, double> modules; // optic name -> ZR modules (bill of materials)
};

Headline headlineFigures(const Results &results);

} // namespace dci
