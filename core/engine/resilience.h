#pragma once

#include "engine/progress.h"
#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dci {

// Stage 8, docs/MODEL.md "Resilience": every single span failure, every shared-risk link
// group failing as one (and, on request, every site failure) -> reroute -> the worst
// utilisation, the demands cut off, and what is left of the job.
struct FailureCase {
    std::string kind;               // "span", "srlg" or "site"
    std::string element;            // the failed span id, group name or site id
    std::vector<std::string> spans; // the spans the failure takes down (a site: all of its spans)
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
    bool cancelled = false;         // stopped early through Progress::cancel: cases are partial
};

// The shared-risk link groups the spans name, in order of first appearance, each with its
// spans in file order.
std::vector<std::pair<std::string, std::vector<std::string>>> sharedRiskGroups(const Scenario &scenario);

// The plan with a case's failure applied: its site down (kind "site"), else its spans down.
Scenario withFailure(const Scenario &scenario, const FailureCase &failure);

ResilienceResult analyseFailures(const Scenario &scenario, const Catalog &catalog, bool includeSites,
                                 const Progress &progress = {});

} // namespace dci
