#include "change.h"

namespace dci {

namespace {

// Same ids in the same order (and for spans the same ends): the elements can be compared
// one to one.
bool sameSites(const std::vector<Site> &a, const std::vector<Site> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id)
            return false;
    return true;
}

bool sameSpans(const std::vector<Span> &a, const std::vector<Span> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].a != b[i].a || a[i].b != b[i].b)
            return false;
    return true;
}

} // namespace

ScenarioChange diffScenarios(const Scenario &before, const Scenario &after)
{
    ScenarioChange change;
    change.plan = before.name != after.name || before.description != after.description
        || before.demands != after.demands || before.job != after.job || before.routing != after.routing
        || before.sizing != after.sizing || before.assumptions != after.assumptions
        || before.presentation != after.presentation || before.extensions != after.extensions;
    if (!sameSites(before.sites, after.sites) || !sameSpans(before.spans, after.spans)) {
        change.structure = true;
        return change;
    }
    for (std::size_t i = 0; i < before.sites.size(); ++i) {
        const Site &a = before.sites[i];
        const Site &b = after.sites[i];
        if (a.lat != b.lat || a.lon != b.lon) {
            change.moved_sites.push_back(b.id);
            Site moved = a;
            moved.lat = b.lat;
            moved.lon = b.lon;
            if (!(moved == b))
                change.changed_sites.push_back(b.id);
        } else if (!(a == b)) {
            change.changed_sites.push_back(b.id);
        }
    }
    for (std::size_t i = 0; i < before.spans.size(); ++i)
        if (!(before.spans[i] == after.spans[i]))
            change.changed_spans.push_back(after.spans[i].id);
    return change;
}

} // namespace dci
