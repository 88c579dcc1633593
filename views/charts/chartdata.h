#pragma once

#include "engine/results.h"
#include "engine/timing.h"

#include <optional>
#include <string>
#include <vector>

namespace dci::charts {

// What the charts show, read from Results only (no figure is computed here that the
// engine does not report; the step-time split is the engine's, core/engine/timing.h).
// Plain data, so tests check series contents without pixels.

// Demand matrix: one row and column per site that sends or receives a demand, in the
// plan's site order; cell [from][to] sums the demands in that direction.
struct MatrixCell {
    double gbps = 0.0;                     // needed rate (job: hides the transfer; explicit: given)
    std::optional<double> rate_gbps;       // what the network gives (job demands)
    std::optional<double> bytes_per_event; // job demands: bytes per sync event
    double share_of_sync = 0.0;            // bytes_per_event / the job's bytes over all pairs
    std::string limited_by;                // job demands: capacity, window, loss or none
    int demands = 0;                       // how many demands the cell sums
};
struct DemandMatrix {
    std::vector<std::string> sites;
    std::vector<std::vector<MatrixCell>> cells; // [from][to]
    double max_gbps = 0.0;
};
DemandMatrix demandMatrix(const Results &results);

// Span utilisation, high to low by the hotter of average and hottest lane. Spans that are
// down or carry no computed utilisation are left out.
struct SpanBar {
    std::string id;
    std::string a;
    std::string b;
    double average = 0.0;                // load / capacity, the busier direction
    std::optional<double> hot_lane;      // the hottest wavelength's utilisation
    double hotter() const { return hot_lane ? std::max(average, *hot_lane) : average; }
};
std::vector<SpanBar> spanBars(const Results &results);

// Step time, per training step: the engine's split (core/engine/timing.h stepParts).
using StepPart = dci::StepPart;
inline std::vector<StepPart> stepParts(const Results &results)
{
    return dci::stepParts(results.job);
}

// Cost by item: capex items and opex per year, as the engine's breakdown lists them.
std::vector<CostItem> capexItems(const Results &results);
std::vector<CostItem> opexItems(const Results &results);

} // namespace dci::charts
