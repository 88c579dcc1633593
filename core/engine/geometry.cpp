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
} // namespace

// docs/MODEL.md "Geometry".
double spanLengthKm(const Span &span, const Scenario &scenario, const Catalog &catalog)
{
    if (span.length_km)
        return *span.length_km;
    const Site *a = scenario.site(span.a);
    const Site *b = scenario.site(span.b);
    if (!a || !b)
        return 0.0;
    return geo::greatCircleKm(a->lat, a->lon, b->lat, b->lon) * catalog.figure("route_factor");
}

GeometryResult spanGeometry(const Scenario &scenario, const Catalog &catalog)
{
    GeometryResult out;
    const double usPerKm = catalog.figure("fiber_latency_us_per_km");
    for (const Span &span : scenario.spans) {
        SpanResult r;
        r.id = span.id;
        r.a = span.a;
        r.b = span.b;
        r.down = scenario.spanOutOfService(span);
        r.length_km = spanLengthKm(span, scenario, catalog);
        r.length_estimated = !span.length_km.has_value();
        r.latency_ms = r.length_km * usPerKm / kUsPerMs;
        r.metric = span.metric ? *span.metric : defaultMetric(r.latency_ms);
        if (span.down)
            out.diagnostics.push_back({Severity::Warning, "span-down", span.id,
                                       "Span \"" + span.id + "\" is marked down: it carries no traffic."});
        out.spans.push_back(r);
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
