#include "headline.h"

namespace dci {

namespace {
constexpr double kGbpsPerTbps = 1000.0;
} // namespace

// docs/MODEL.md "Headline figures".
Headline headlineFigures(const Results &r)
{
    Headline h;
    h.gpus = r.totals.gpus;
    h.power_mw = r.totals.power_mw;
    double gbps = 0.0;
    for (const DemandResult &d : r.demands)
        gbps += d.gbps;
    h.dci_tbps = gbps / kGbpsPerTbps;
    h.step_s = r.job.step_s;
    h.efficiency = r.job.efficiency;
    h.capex_usd = r.cost.capex_usd;
    h.opex_usd_per_year = r.cost.opex_usd_per_year;
    for (const BomLine &line : r.bom)
        if (line.unit == "modules")
            h.modules[line.item] += line.quantity;
    return h;
}

} // namespace dci
