#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Stage 8, docs/MODEL.md "Resilience": every single span failure (and, on request, every
// site failure) -> reroute -> the worst utilisation, the demands cut off, and what is left
// of the job.
struct FailureCase {
    std::string kind;    // "span" or "site"
    std::string element; // the failed span or site id
    std::optional<double> worst_utilization;
    std::string worst_span;
    int overloaded_spans = 0;
    std::vector<std::string> cut_demands; // "from -> to (label)"
    bool job_cut = false;                 // a DC of the job can no longer sync
    std::optional<double> step_s;
    std::optional<double> efficiency;
};

struct ResilienceResult {
    std::optional<double> baseline_worst_utilization;
    std::optional<double> baseline_efficiency;
    std::vector<FailureCase> cases; // worst first
    int overloading = 0;            // failures that push a span past 100%
    int cutting = 0;                // failures that cut a demand off or split the job
};

ResilienceResult analyseFailures(const Scenario &scenario, const Catalog &catalog, bool includeSites);

} // namespace dci
