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
    std::optional<int> amplifiers;          // in-line and terminal
    std::optional<int> terminal_amplifiers; // boosters and pre-amplifiers at the two ends
    std::optional<int> modules;
};

struct CapacityResult {
    std::vector<SpanCapacity> spans; // in scenario order
    std::vector<Diagnostic> diagnostics;
};

// Channels of `spacing_ghz` that fit in a band of `width_thz`: floor(width / spacing).
int channelsPerFiberPair(double width_thz, double spacing_ghz);

// The line-system figures of the catalog that place in-line amplifiers.
struct SpanLossBudget {
    double fiber_loss_db_per_km = 0.0;
    double max_span_loss_db = 0.0;
    double span_margin_db = 0.0;   // per amplified span
    double max_amp_spacing_km = 0.0; // catalog amp_spacing_km
    static SpanLossBudget fromCatalog(const Catalog &catalog);
};

// In-line amplifier sites on a span of length_km: 0 for a single-span optic within its
// reach, else one fewer than the amplified spans the loss budget and the longest spacing
// need. Null when the margin leaves no loss to spend.
std::optional<int> inlineAmpSites(double length_km, const Optic &optic, const SpanLossBudget &budget);

// Boosters and pre-amplifiers: one of each per fiber pair, amplifier chain and end.
int terminalAmplifiers(const Band &band, int fiber_pairs);

// Mux/demux units: one per fiber pair, amplifier chain and end.
int muxUnits(const Band &band, int fiber_pairs);

// True when the optic tunes every sub-band of the band (docs/MODEL.md "Capacity").
bool opticFillsBand(const Optic &optic, const Band &band);

// lengths_km: each span's length from the geometry stage, in scenario order.
CapacityResult spanCapacity(const Scenario &scenario, const Catalog &catalog, const std::vector<double> &lengths_km);

} // namespace dci
