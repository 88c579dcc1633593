#include "geometry.h"

#include "model/geo.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace dci {

namespace {
constexpr double kUsPerMs = 1000.0;

// docs/MODEL.md "Routing": the latency in microseconds, rounded, at least 1 and at most
// the largest metric a file may give (so path sums stay exact in 64 bits).
std::int64_t defaultMetric(double latency_ms)
{
    const double us = latency_ms * kUsPerMs;
    if (!(us >= 1.0))
        return 1;
    return static_cast<std::int64_t>(std::llround(std::min(us, static_cast<double>(kMaxSpanMetric))));
}

// docs/MODEL.md "Geometry": the span's length between its sites a and b (null: unknown).
double lengthBetween(const Span &span, const Site *a, const Site *b, double routeFactor)
{
    if (span.length_km)
        return *span.length_km;
    if (!a || !b)
        return 0.0;
    return geo::greatCircleKm(a->lat, a->lon, b->lat, b->lon) * routeFactor;
}
} // namespace

double spanLengthKm(const Span &span, const Scenario &scenario, const Catalog &catalog)
{
    return lengthBetween(span, scenario.site(span.a), scenario.site(span.b), catalog.figure("route_factor"));
}

GeometryResult spanGeometry(const Scenario &scenario, const Catalog &catalog)
{
    GeometryResult out;
    const double usPerKm = catalog.figure("fiber_latency_us_per_km");
    const double routeFactor = catalog.figure("route_factor");
    const auto index = siteIndexMap(scenario);
    auto siteOf = [&](const std::string &id) -> const Site * {
        const auto it = index.find(id);
        return it == index.end() ? nullptr : &scenario.sites[it->second];
    };
    out.spans.reserve(scenario.spans.size());
    for (const Span &span : scenario.spans) {
        const Site *a = siteOf(span.a), *b = siteOf(span.b);
        SpanResult r;
        r.id = span.id;
        r.a = span.a;
        r.b = span.b;
        r.down = span.down || (a && a->down) || (b && b->down); // Scenario::spanOutOfService
        r.length_km = lengthBetween(span, a, b, routeFactor);
        r.length_estimated = !span.length_km.has_value();
        r.latency_ms = r.length_km * usPerKm / kUsPerMs;
        r.metric = span.metric ? *span.metric : defaultMetric(r.latency_ms);
        if (span.down)
            out.diagnostics.push_back({Severity::Warning, "span-down", span.id,
                                       "Span \"" + span.id + "\" is marked down: it carries no traffic."});
        out.spans.push_back(std::move(r));
    }
    // docs/MODEL.md "Resilience": a site that is down takes its spans and demands with it.
    for (const Site &site : scenario.sites) {
        if (!site.down)
            continue;
        std::string spans;
        for (const Span &span : scenario.spans)
            if (span.a == site.id || span.b == site.id)
                spans += (spans.empty() ? "" : ", ") + span.id;
        out.diagnostics.push_back({Severity::Warning, "site-down", site.id,
                                   "Site \"" + site.id + "\" is marked down: "
                                       + (spans.empty() ? std::string("it has no spans")
                                                        : "its spans (" + spans + ") carry no traffic")
                                       + ", and demands to or from it are cut."});
    }
    return out;
}

} // namespace dci
