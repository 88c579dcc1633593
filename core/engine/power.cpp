#include "power.h"

#include <cstdio>

namespace dci {

namespace {
constexpr double kKwPerMw = 1000.0;

std::string mw(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MW", v);
    return buf;
}
} // namespace

// docs/MODEL.md "Power": IT = gpus x it_kw_per_gpu; facility = IT x PUE; compared to the cap.
PowerResult sitePower(const Scenario &scenario, const Catalog &catalog)
{
    PowerResult out;
    const double defaultPue = catalog.figure("pue");
    const double largestCampus = catalog.figure("largest_campus_mw");
    for (const Site &site : scenario.sites) {
        SiteResult r;
        r.id = site.id;
        r.gpus = site.gpus;
        r.down = site.down;
        r.pue = site.pue.value_or(defaultPue);
        const GpuType *gpu = catalog.gpu(site.gpu);
        r.it_power_mw = gpu ? static_cast<double>(site.gpus) * gpu->it_kw_per_gpu / kKwPerMw : 0.0;
        r.power_mw = r.it_power_mw * r.pue;
        r.power_cap_mw = site.power_cap_mw;
        if (site.power_cap_mw && r.power_mw > *site.power_cap_mw) {
            r.over_cap = true;
            out.diagnostics.push_back({Severity::Error, "power-over-cap", site.id,
                                       "Site \"" + site.name + "\" needs " + mw(r.power_mw) + " of facility power ("
                                           + std::to_string(site.gpus) + " x " + site.gpu + ") but its cap is "
                                           + mw(*site.power_cap_mw) + "."});
        }
        if (r.power_mw > largestCampus)
            out.diagnostics.push_back({Severity::Warning, "power-implausible", site.id,
                                       "Site \"" + site.name + "\" needs " + mw(r.power_mw)
                                           + " of facility power: more than any campus built or announced (the largest, "
                                           + mw(largestCampus) + ", docs/MODEL.md \"Power\"). Check its GPU count."});
        out.sites.push_back(r);
    }
    return out;
}

} // namespace dci
