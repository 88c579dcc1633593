#include "cost.h"

#include "engine/capacity.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dci {

namespace {
constexpr double kHoursPerYear = 8760.0;
constexpr double kWattsPerKw = 1000.0;

bool isPlaceholder(const std::vector<std::string> &placeholders, const char *field)
{
    return std::find(placeholders.begin(), placeholders.end(), field) != placeholders.end();
}
} // namespace

// docs/MODEL.md "Cost".
CostStage interconnectCost(const Scenario &scenario, const Catalog &catalog, const std::vector<SpanResult> &spans)
{
    CostStage out;
    const double inlineAmpUsd = catalog.figure("amplifier_usd");
    const double terminalAmpUsd = catalog.figure("terminal_amplifier_usd");
    const double muxUsd = catalog.figure("mux_usd");
    const double longHaulLeaseUsd = catalog.figure("fiber_lease_usd_per_pair_km_year");
    const double metroLeaseUsd = catalog.figure("fiber_lease_metro_usd_per_pair_km_year");
    const double metroMaxKm = catalog.figure("metro_max_km");
    const double kwhUsd = catalog.figure("power_usd_per_kwh");
    const double ampPowerW = catalog.figure("amplifier_power_w");
    const double maintenanceShare = catalog.figure("maintenance_share_per_year");
    const double pue = catalog.figure("pue");

    double optics = 0.0, inlineAmps = 0.0, terminalAmps = 0.0, mux = 0.0, metroLease = 0.0, longHaulLease = 0.0;
    double powerW = 0.0, capacity = 0.0;
    bool opticPlaceholder = false;
    std::map<std::string, double> modulesByOptic;
    double ampCount = 0.0, muxCount = 0.0, pairs = 0.0, pairKm = 0.0;
    for (const SpanResult &s : spans) {
        const Optic *optic = catalog.optic(s.optic);
        const Band *band = catalog.band(s.band);
        if (!optic || !band || !s.modules || !s.amplifiers || !s.fiber_pairs) {
            out.cost.incomplete.push_back(s.id);
            continue;
        }
        // The capacity stage counts the terminal amplifiers by the same rule.
        const int terminal = terminalAmplifiers(*band, *s.fiber_pairs);
        const int spanMux = muxUnits(*band, *s.fiber_pairs);
        optics += *s.modules * optic->price_usd;
        opticPlaceholder = opticPlaceholder || isPlaceholder(optic->placeholders, "price_usd");
        inlineAmps += (*s.amplifiers - terminal) * inlineAmpUsd;
        terminalAmps += terminal * terminalAmpUsd;
        mux += spanMux * muxUsd;
        const double spanPairKm = *s.fiber_pairs * s.length_km;
        const bool metro = s.length_km <= metroMaxKm;
        (metro ? metroLease : longHaulLease) += spanPairKm * (metro ? metroLeaseUsd : longHaulLeaseUsd);
        powerW += *s.modules * optic->power_w + *s.amplifiers * ampPowerW;
        capacity += s.capacity_gbps.value_or(0.0);
        modulesByOptic[s.optic] += *s.modules;
        ampCount += *s.amplifiers;
        muxCount += spanMux;
        pairs += *s.fiber_pairs;
        pairKm += spanPairKm;
    }
    const double capex = optics + inlineAmps + terminalAmps + mux;
    const double power = powerW / kWattsPerKw * pue * kHoursPerYear * kwhUsd;
    const double maintenance = maintenanceShare * capex;
    CostResult &c = out.cost;
    c.capex_usd = capex;
    c.opex_usd_per_year = metroLease + longHaulLease + power + maintenance;
    if (capacity > 0.0)
        c.usd_per_gbps = capex / capacity;
    double gpuCapex = 0.0;
    for (const Site &site : scenario.sites)
        if (const GpuType *gpu = catalog.gpu(site.gpu))
            gpuCapex += static_cast<double>(site.gpus) * gpu->price_usd;
    c.gpu_capex_usd = gpuCapex;
    // A GPU price overridden to a denormal makes the share infinite: then there is no share
    // to show (fuzz regression scenario_struct/gpu-capex-denormal-share-inf.bin).
    if (gpuCapex > 0.0 && std::isfinite(capex / gpuCapex))
        c.dci_share_of_gpu_capex = capex / gpuCapex;
    // Every price but the optics' is a placeholder in the catalog today; the flag follows
    // the catalog's confidence so a sourced price later clears it.
    auto placeholder = [&](const char *key) { return catalog.findFigure(key)->confidence == "unverified"; };
    c.breakdown = {{"optics", optics, false, opticPlaceholder},
                   {"in-line amplifiers", inlineAmps, false, placeholder("amplifier_usd")},
                   {"terminal amplifiers", terminalAmps, false, placeholder("terminal_amplifier_usd")},
                   {"mux/demux", mux, false, placeholder("mux_usd")},
                   {"fiber lease (metro)", metroLease, true,
                    placeholder("fiber_lease_metro_usd_per_pair_km_year") || placeholder("metro_max_km")},
                   {"fiber lease (long-haul)", longHaulLease, true,
                    placeholder("fiber_lease_usd_per_pair_km_year") || placeholder("metro_max_km")},
                   {"power", power, true, placeholder("power_usd_per_kwh") || placeholder("amplifier_power_w")},
                   {"maintenance", maintenance, true, placeholder("maintenance_share_per_year")}};

    for (const auto &[name, count] : modulesByOptic)
        out.bom.push_back({name, count, "modules"});
    out.bom.push_back({"amplifier", ampCount, "units"});
    out.bom.push_back({"mux/demux", muxCount, "units"});
    out.bom.push_back({"fiber pair", pairs, "pairs"});
    out.bom.push_back({"fiber pair-km", pairKm, "pair-km"});

    if (!c.incomplete.empty()) {
        std::string ids;
        for (const std::string &id : c.incomplete)
            ids += (ids.empty() ? "" : ", ") + id;
        out.diagnostics.push_back({Severity::Warning, "cost-incomplete", "",
                                   "Cost leaves out spans whose equipment is not known yet: " + ids + "."});
    }
    return out;
}

} // namespace dci
