#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <vector>

namespace dci {

// Stage 3, docs/MODEL.md "Capacity": per span, from its optic, fiber pairs, band and lit
// wavelengths: capacity per direction, the band's wavelength limit, the reach and band
// checks, amplifiers and modules.
struct SpanCapacity {
    std::optional<int> fiber_pairs;
    std::optional<int> wavelengths; // per fiber pair
    std::optional<int> max_wavelengths;
    std::optional<double> capacity_gbps;
    bool reach_ok = true;
    double reach_km = 0.0;
    std::optional<int> inline_amp_sites;
    std::optional<int> amplifiers;
    std::optional<int> modules;
};

struct CapacityResult {
    std::vector<SpanCapacity> spans; // in scenario order
    std::vector<Diagnostic> diagnostics;
};

// Channels of `spacing_ghz` that fit in a band of `width_thz`: floor(width / spacing).
int channelsPerFiberPair(double width_thz, double spacing_ghz);

// True when the optic tunes every sub-band of the band (docs/MODEL.md "Capacity").
bool opticFillsBand(const Optic &optic, const Band &band);

// lengths_km: each span's length from the geometry stage, in scenario order.
CapacityResult spanCapacity(const Scenario &scenario, const Catalog &catalog, const std::vector<double> &lengths_km);

} // namespace dci
