#include "evaluate.h"

#include "engine/geometry.h"
#include "engine/power.h"

namespace dci {

Results evaluate(const Scenario &scenario, const Catalog &baseCatalog)
{
    const Catalog catalog = applyOverrides(baseCatalog, scenario.assumptions);
    Results results;
    auto collect = [&](std::vector<Diagnostic> &d) {
        results.diagnostics.insert(results.diagnostics.end(), d.begin(), d.end());
    };

    PowerResult power = sitePower(scenario, catalog);
    results.sites = std::move(power.sites);
    collect(power.diagnostics);

    GeometryResult geometry = spanGeometry(scenario, catalog);
    results.spans = std::move(geometry.spans);
    collect(geometry.diagnostics);

    for (const Demand &d : scenario.demands)
        results.demands.push_back({d.from, d.to, d.gbps, "explicit", d.label});
    results.job.present = scenario.job.has_value();

    results.totals.sites = static_cast<int>(scenario.sites.size());
    results.totals.spans = static_cast<int>(scenario.spans.size());
    for (const SiteResult &s : results.sites) {
        results.totals.gpus += s.gpus;
        results.totals.it_power_mw += s.it_power_mw;
        results.totals.power_mw += s.power_mw;
    }
    return results;
}

} // namespace dci
