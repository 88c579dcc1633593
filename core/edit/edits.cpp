#include "edits.h"

#include "engine/geometry.h"
#include "model/textformat.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <set>
#include <utility>

namespace dci::edits {

namespace {

constexpr int kNewSpanFiberPairs = 1;
constexpr int kNewSpanWavelengths = 8; // a typical first build-out: 8 x 400ZR = 3.2 Tb/s
constexpr const char *kPreferredOptic = "400ZR";
constexpr const char *kPreferredBand = "C";
constexpr double kMaxLatitude = 90.0;
constexpr double kHalfTurn = 180.0;
constexpr double kMaxIntCount = 2147483647.0; // the largest count an int field holds
constexpr double kMaxWholeNumber = 9.0e15;     // the file reader's largest whole number

bool contains(const std::vector<std::string> &ids, const std::string &id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

double wrapLongitude(double lon)
{
    double wrapped = std::fmod(lon + kHalfTurn, 2.0 * kHalfTurn);
    if (wrapped < 0.0)
        wrapped += 2.0 * kHalfTurn;
    return wrapped - kHalfTurn;
}

// base, or base-2, base-3, ...: the first that is not taken.
template <typename Taken>
std::string freeId(const std::string &base, Taken taken)
{
    std::string id = base;
    for (int n = 2; taken(id); ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

bool isWhole(double v) { return std::isfinite(v) && v == std::floor(v); }

Edited refused(const Scenario &s, std::string error) { return {s, std::move(error)}; }

// The edit `change` makes to one site or span of a copy of s: it returns why not (non-empty)
// to refuse. An unknown id is refused as "no site \"x\"" or "no span \"x\"".
template<typename T, typename Change>
Edited editElement(const Scenario &s, std::vector<T> Scenario::*items, const char *kind, const std::string &id,
                   Change change)
{
    const std::vector<T> &list = s.*items;
    const auto it = std::find_if(list.begin(), list.end(), [&](const T &e) { return e.id == id; });
    if (it == list.end())
        return refused(s, std::string("no ") + kind + " \"" + id + "\"");
    Edited out{s, {}};
    if (std::string problem = change((out.scenario.*items)[static_cast<std::size_t>(it - list.begin())]); !problem.empty())
        return refused(s, std::move(problem));
    return out;
}

template<typename Change>
Edited editSpan(const Scenario &s, const std::string &id, Change change)
{
    return editElement(s, &Scenario::spans, "span", id, change);
}

template<typename Change>
Edited editSite(const Scenario &s, const std::string &id, Change change)
{
    return editElement(s, &Scenario::sites, "site", id, change);
}

std::string trimmed(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

std::string spanMetricProblem(double metric)
{
    if (isWhole(metric) && metric >= 1.0 && metric <= static_cast<double>(kMaxSpanMetric))
        return {};
    return "expected an IGP metric from 1 to " + std::to_string(kMaxSpanMetric) + " (a whole number), got "
        + plainNumber(metric);
}

std::string jobConnectionsProblem(double connections)
{
    if (isWhole(connections) && connections >= 1.0)
        return {};
    return "expected a whole number of connections >= 1, got " + plainNumber(connections);
}

Edited setSpanMetric(const Scenario &s, const std::string &spanId, std::optional<std::int64_t> metric)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (metric) {
            if (std::string problem = spanMetricProblem(static_cast<double>(*metric)); !problem.empty())
                return problem;
        }
        span.metric = metric;
        return std::string();
    });
}

Edited setSiteRegion(const Scenario &s, const std::string &siteId, const std::string &region)
{
    return editSite(s, siteId, [&](Site &site) {
        site.region = trimmed(region);
        return std::string();
    });
}

Edited setSpanDown(const Scenario &s, const std::string &spanId, bool down)
{
    return editSpan(s, spanId, [&](Span &span) {
        span.down = down;
        return std::string();
    });
}

Edited setSiteDown(const Scenario &s, const std::string &siteId, bool down)
{
    return editSite(s, siteId, [&](Site &site) {
        site.down = down;
        return std::string();
    });
}

Edited setSpanLength(const Scenario &s, const std::string &spanId, std::optional<double> length_km)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (length_km && !(std::isfinite(*length_km) && *length_km > 0.0))
            return "expected a fiber length in km (a finite number > 0), got " + plainNumber(*length_km);
        span.length_km = length_km;
        return std::string();
    });
}

Edited setSpanOptic(const Scenario &s, const Catalog &catalog, const std::string &spanId, const std::string &optic)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (!catalog.optic(optic)) {
            std::string names;
            for (const std::string &name : catalog.opticNames())
                names += (names.empty() ? "" : ", ") + name;
            return "unknown optic \"" + optic + "\"; the catalog has: " + names;
        }
        span.optic = optic;
        return std::string();
    });
}

Edited setSpanWavelengths(const Scenario &s, const std::string &spanId, std::optional<double> wavelengths)
{
    return editSpan(s, spanId, [&](Span &span) {
        // Capped where the reader's int field ends; no band holds nearly that many.
        if (wavelengths && !(isWhole(*wavelengths) && *wavelengths >= 1.0 && *wavelengths <= kMaxIntCount))
            return "expected lit wavelengths per fiber pair (a whole number >= 1), got " + plainNumber(*wavelengths);
        span.wavelengths = wavelengths ? std::optional<int>(static_cast<int>(*wavelengths)) : std::nullopt;
        return std::string();
    });
}

Edited setSiteGpus(const Scenario &s, const std::string &siteId, double gpus)
{
    return editSite(s, siteId, [&](Site &site) {
        if (!(isWhole(gpus) && gpus >= 0.0 && gpus <= kMaxWholeNumber))
            return "expected a GPU count (a whole number >= 0), got " + plainNumber(gpus);
        site.gpus = static_cast<std::int64_t>(gpus);
        return std::string();
    });
}

Edited setJobNumber(const Scenario &s, const std::string &key, std::optional<double> value)
{
    if (!s.job)
        return refused(s, "the scenario has no training job");
    Edited out{s, {}};
    Job &job = *out.scenario.job;
    if (key == "model_params" || key == "tokens_per_step") {
        if (!value)
            return refused(s, key + " is required");
        (key == "model_params" ? job.model_params : job.tokens_per_step) = *value;
    } else if (key == "total_tokens") {
        job.total_tokens = value;
    } else if (std::optional<double> *field = jobNumberField(job, key)) {
        *field = value;
    } else {
        std::string keys;
        for (const std::string &k : jobNumberKeys())
            keys += (keys.empty() ? "" : ", ") + k;
        return refused(s, "no numeric job field \"" + key + "\"; the job's numbers are: " + keys);
    }
    return out;
}

Edited setJobConnections(const Scenario &s, std::optional<double> connections)
{
    if (!s.job)
        return refused(s, "the scenario has no training job");
    if (connections) {
        if (std::string problem = jobConnectionsProblem(*connections); !problem.empty())
            return refused(s, std::move(problem));
    }
    Edited out{s, {}};
    out.scenario.job->connections_per_pair = connections;
    return out;
}

FigureRange figureRange(const std::string &key)
{
    if (key == "route_factor" || key == "pue")
        return FigureRange::AtLeastOne;
    if (key == "mfu" || key == "overlap" || key == "target_utilization")
        return FigureRange::UnitOpenClosed;
    if (key == "loss_rate")
        return FigureRange::Probability;
    if (key == "inner_steps" || key == "fragments" || key == "microbatches" || key == "hidden_size"
        || key == "flows_per_pair" || key == "connections_per_pair" || key == "mtu_bytes" || key == "gpus_per_server"
        || key == "flow_window_bytes" || key == "dci_ranks_per_dc" || key == "nccl_channels" || key == "qps_per_connection")
        return FigureRange::AtLeastOne;
    if (key == "amp_spacing_km" || key == "max_span_loss_db" || key == "fiber_latency_us_per_km" || key == "grad_bytes"
        || key == "sync_bytes" || key == "act_bytes")
        return FigureRange::Positive;
    return FigureRange::NonNegative;
}

std::string assumptionProblem(const Catalog &catalog, const std::string &key, double value)
{
    const bool derived = std::any_of(std::begin(kDerivedAssumptionKeys), std::end(kDerivedAssumptionKeys),
                                     [&](const char *k) { return key == k; });
    if (derived)
        return isWhole(value) && value >= 1.0 ? std::string() : "expected a whole number >= 1, got " + plainNumber(value);
    if (!catalog.findFigure(key))
        return "no catalog figure \"" + key + "\"";
    const char *expected = "a finite number >= 0";
    bool ok = std::isfinite(value);
    switch (figureRange(key)) {
    case FigureRange::NonNegative: ok = ok && value >= 0.0; break;
    case FigureRange::Positive: expected = "a finite number > 0"; ok = ok && value > 0.0; break;
    case FigureRange::AtLeastOne: expected = "a finite number >= 1"; ok = ok && value >= 1.0; break;
    case FigureRange::UnitOpenClosed: expected = "a number in (0, 1]"; ok = ok && value > 0.0 && value <= 1.0; break;
    case FigureRange::Probability: expected = "a number in [0, 1]"; ok = ok && value >= 0.0 && value <= 1.0; break;
    }
    return ok ? std::string() : std::string("expected ") + expected + ", got " + plainNumber(value);
}

Edited setAssumption(const Scenario &s, const Catalog &catalog, const std::string &key, std::optional<double> value)
{
    // Any value tells a known key from an unknown one; 1 is in every range.
    if (std::string problem = assumptionProblem(catalog, key, value.value_or(1.0)); !problem.empty())
        return refused(s, std::move(problem));
    Edited out{s, {}};
    if (value)
        out.scenario.assumptions.figures[key] = *value;
    else
        out.scenario.assumptions.figures.erase(key);
    return out;
}

Edited setPlanName(const Scenario &s, const std::string &name)
{
    Edited out{s, {}};
    out.scenario.name = trimmed(name);
    return out;
}

Edited setPlanDescription(const Scenario &s, const std::string &description)
{
    Edited out{s, {}};
    out.scenario.description = description;
    return out;
}

Scenario addSite(const Scenario &s, const Catalog &catalog, double lat, double lon, std::string *newId)
{
    Scenario out = s;
    int n = static_cast<int>(s.sites.size()) + 1;
    while (s.site("site-" + std::to_string(n)))
        ++n;
    Site site;
    site.id = "site-" + std::to_string(n);
    site.name = "Site " + std::to_string(n);
    site.lat = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    site.lon = wrapLongitude(lon);
    site.gpu = catalog.gpus.empty() ? std::string() : catalog.gpus.front().name;
    site.gpus = 0;
    out.sites.push_back(site);
    if (newId)
        *newId = site.id;
    return out;
}

Scenario addNamedSite(const Scenario &s, const Catalog &catalog, const std::string &name, double lat, double lon,
                      std::string *newId)
{
    Scenario out = addSite(s, catalog, lat, lon, nullptr);
    Site &site = out.sites.back();
    site.id = freeId(readableId(name), [&](const std::string &id) { return s.site(id) != nullptr; });
    site.name = name;
    if (newId)
        *newId = site.id;
    return out;
}

std::string readableId(const std::string &name)
{
    std::string id;
    for (const unsigned char c : name) {
        if (c >= 0x80)
            id += static_cast<char>(c);
        else if (std::isalnum(c))
            id += static_cast<char>(std::tolower(c));
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    return id.empty() ? "site" : id;
}

Scenario addSpan(const Scenario &s, const Catalog &catalog, const std::string &a, const std::string &b,
                 std::string *newId)
{
    if (a == b || !s.site(a) || !s.site(b))
        return s;
    Scenario out = s;
    Span span;
    span.id = freeId(a + "-" + b, [&](const std::string &id) { return s.span(id) != nullptr; });
    span.a = a;
    span.b = b;
    span.band = catalog.band(kPreferredBand) || catalog.bands.empty() ? kPreferredBand : catalog.bands.front().name;
    // 400ZR where it reaches; a longer span gets the fastest optic that reaches it, or
    // the longest-reach one when none does (the reach diagnostic then says so). Length
    // and reaches as the engine will see them: the scenario's assumptions applied.
    const Catalog effective = applyOverrides(catalog, s.assumptions);
    const Optic *preferred = effective.optic(kPreferredOptic);
    span.optic = preferred || effective.optics.empty() ? kPreferredOptic : effective.optics.front().name;
    const double length_km = spanLengthKm(span, s, effective);
    if (!preferred || preferred->reach_km < length_km) {
        const Optic *reaching = effective.fastestOpticReaching(length_km);
        if (!reaching)
            reaching = effective.longestReachOptic();
        if (reaching)
            span.optic = reaching->name;
    }
    span.fiber_pairs = kNewSpanFiberPairs;
    span.wavelengths = kNewSpanWavelengths;
    out.spans.push_back(span);
    if (newId)
        *newId = span.id;
    return out;
}

Scenario moveSites(const Scenario &s, const std::vector<Position> &positions)
{
    Scenario out = s;
    for (const Position &p : positions) {
        const int i = out.siteIndex(p.site_id);
        if (i < 0)
            continue;
        Site &site = out.sites[static_cast<std::size_t>(i)];
        site.lat = std::clamp(p.lat, -kMaxLatitude, kMaxLatitude);
        site.lon = wrapLongitude(p.lon);
    }
    return out;
}

Scenario removeElements(const Scenario &s, const std::vector<std::string> &siteIds,
                        const std::vector<std::string> &spanIds)
{
    Scenario out = s;
    std::erase_if(out.sites, [&](const Site &site) { return contains(siteIds, site.id); });
    std::erase_if(out.spans, [&](const Span &span) {
        return contains(spanIds, span.id) || contains(siteIds, span.a) || contains(siteIds, span.b);
    });
    std::erase_if(out.demands,
                  [&](const Demand &d) { return contains(siteIds, d.from) || contains(siteIds, d.to); });
    if (out.job)
        std::erase_if(out.job->ring_order, [&](const std::string &id) { return contains(siteIds, id); });
    return out;
}

} // namespace dci::edits
