#include "chartdata.h"

#include <algorithm>
#include <map>

namespace dci::charts {

DemandMatrix demandMatrix(const Results &results)
{
    DemandMatrix m;
    std::map<std::string, std::size_t> index;
    for (const SiteResult &site : results.sites) {
        const bool used = std::any_of(results.demands.begin(), results.demands.end(),
                                      [&](const DemandResult &d) { return d.from == site.id || d.to == site.id; });
        if (used) {
            index[site.id] = m.sites.size();
            m.sites.push_back(site.id);
        }
    }
    m.cells.assign(m.sites.size(), std::vector<MatrixCell>(m.sites.size()));
    double syncBytes = 0.0;
    for (const DemandResult &d : results.demands)
        syncBytes += d.bytes_per_event.value_or(0.0);
    for (const DemandResult &d : results.demands) {
        const auto from = index.find(d.from);
        const auto to = index.find(d.to);
        if (from == index.end() || to == index.end())
            continue;
        MatrixCell &cell = m.cells[from->second][to->second];
        cell.gbps += d.gbps;
        if (d.rate_gbps)
            cell.rate_gbps = cell.rate_gbps.value_or(0.0) + *d.rate_gbps;
        if (d.bytes_per_event) {
            cell.bytes_per_event = cell.bytes_per_event.value_or(0.0) + *d.bytes_per_event;
            cell.share_of_sync = syncBytes > 0.0 ? *cell.bytes_per_event / syncBytes : 0.0;
        }
        if (!d.limited_by.empty() && (cell.limited_by.empty() || cell.limited_by == "none"))
            cell.limited_by = d.limited_by;
        ++cell.demands;
        m.max_gbps = std::max(m.max_gbps, cell.gbps);
    }
    return m;
}

std::vector<SpanBar> spanBars(const Results &results)
{
    std::vector<SpanBar> bars;
    for (const SpanResult &s : results.spans) {
        if (s.down || !s.utilization)
            continue;
        bars.push_back({s.id, s.a, s.b, *s.utilization, s.hot_lane_utilization});
    }
    // High to low; equal heat keeps the file order.
    std::stable_sort(bars.begin(), bars.end(), [](const SpanBar &x, const SpanBar &y) { return x.hotter() > y.hotter(); });
    return bars;
}

namespace {
std::vector<CostItem> items(const Results &results, bool yearly)
{
    std::vector<CostItem> out;
    for (const CostItem &item : results.cost.breakdown)
        if (item.yearly == yearly)
            out.push_back(item);
    return out;
}
} // namespace

std::vector<CostItem> capexItems(const Results &results)
{
    return items(results, false);
}

std::vector<CostItem> opexItems(const Results &results)
{
    return items(results, true);
}

} // namespace dci::charts
