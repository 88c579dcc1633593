#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <vector>

namespace dci {

// docs/MODEL.md "Geometry": span length (given, or great circle x route factor) and
// one-way latency. Capacity, load and reach come with the network stages.
double spanLengthKm(const Span &span, const Scenario &scenario, const Catalog &catalog);

struct GeometryResult {
    std::vector<SpanResult> spans;
    std::vector<Diagnostic> diagnostics;
};

GeometryResult spanGeometry(const Scenario &scenario, const Catalog &catalog);

} // namespace dci
