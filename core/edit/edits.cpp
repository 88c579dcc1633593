#include "edits.h"

#include "model/validate.h"

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
// A new job is the worked example of docs/MODEL.md: a 70B model, 16M-token (2^24) batches.
constexpr double kNewJobModelParams = 70e9;
constexpr double kNewJobTokensPerStep = 16777216.0;

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

std::string joined(const std::vector<std::string> &names)
{
    std::string out;
    for (const std::string &name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

template<std::size_t N>
bool isOneOf(const std::string &value, const char *const (&items)[N])
{
    return std::any_of(std::begin(items), std::end(items), [&](const char *item) { return value == item; });
}

template<std::size_t N>
std::string listOf(const char *const (&items)[N])
{
    return joined(std::vector<std::string>(std::begin(items), std::end(items)));
}

// "unknown strategy \"x\"; expected one of: a, b" when value is not one of items.
template<std::size_t N>
std::string choiceProblem(const char *meaning, const std::string &value, const char *const (&items)[N])
{
    if (isOneOf(value, items))
        return {};
    return std::string("unknown ") + meaning + " \"" + value + "\"; expected one of: " + listOf(items);
}

const char *rangeText(FigureRange range)
{
    switch (range) {
    case FigureRange::NonNegative: return "a finite number >= 0";
    case FigureRange::Positive: return "a finite number > 0";
    case FigureRange::AtLeastOne: return "a finite number >= 1";
    case FigureRange::UnitOpenClosed: return "a number in (0, 1]";
    case FigureRange::Probability: return "a number in [0, 1]";
    }
    return "a finite number";
}

bool inRange(double v, FigureRange range)
{
    if (!std::isfinite(v))
        return false;
    switch (range) {
    case FigureRange::NonNegative: return v >= 0.0;
    case FigureRange::Positive: return v > 0.0;
    case FigureRange::AtLeastOne: return v >= 1.0;
    case FigureRange::UnitOpenClosed: return v > 0.0 && v <= 1.0;
    case FigureRange::Probability: return v >= 0.0 && v <= 1.0;
    }
    return true;
}

// "expected <meaning> (<range>), got <v>" as the reader words it, or empty when v is in range.
std::string rangeProblem(double v, FigureRange range, const char *meaning)
{
    if (inRange(v, range))
        return {};
    return std::string("expected ") + meaning + " (" + rangeText(range) + "), got " + plainNumber(v);
}

// A job number's rule as the reader applies it (core/io/scenariojson.cpp readJob): its range,
// what it means in a message, and the name of its unit when it must be whole.
struct JobNumberRule {
    const char *key;
    FigureRange range;
    const char *meaning;
    const char *wholeOf = nullptr; // "inner steps": "expected a whole number of inner steps"
};

constexpr JobNumberRule kJobNumberRules[] = {
    {"model_params", FigureRange::AtLeastOne, "the model's parameter count"}, // >= 1 as the reader (fuzz)
    {"tokens_per_step", FigureRange::AtLeastOne, "tokens per optimizer step"},
    {"total_tokens", FigureRange::Positive, "total training tokens"},
    {"mfu", FigureRange::UnitOpenClosed, "a model FLOPs utilisation"},
    {"grad_bytes", FigureRange::Positive, "bytes per gradient element"},
    {"overlap", FigureRange::UnitOpenClosed, "the share of compute that hides communication"},
    {"inner_steps", FigureRange::AtLeastOne, "inner steps H between syncs", "inner steps"},
    {"sync_bytes", FigureRange::Positive, "bytes per pseudo-gradient element"},
    {"fragments", FigureRange::AtLeastOne, "streaming fragments F"},
    {"overlap_steps", FigureRange::Positive, "steps a sync may overlap"},
    {"hidden_size", FigureRange::AtLeastOne, "the model's hidden size"},
    {"act_bytes", FigureRange::Positive, "bytes per activation element"},
    {"microbatches", FigureRange::AtLeastOne, "micro-batches per step"},
    {"connections_per_pair", FigureRange::AtLeastOne, "transport connections between two DCs", "connections"},
    {"flows_per_pair", FigureRange::AtLeastOne, "flows between two DCs", "flows"},
};

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
        if (length_km) {
            if (std::string problem = spanLengthProblem(*length_km); !problem.empty())
                return problem;
        }
        span.length_km = length_km;
        return std::string();
    });
}

Edited setSpanOptic(const Scenario &s, const Catalog &catalog, const std::string &spanId, const std::string &optic)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (std::string problem = spanOpticProblem(catalog, optic); !problem.empty())
            return problem;
        span.optic = optic;
        return std::string();
    });
}

Edited setSpanWavelengths(const Scenario &s, const std::string &spanId, std::optional<double> wavelengths)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (wavelengths) {
            if (std::string problem = spanWavelengthsProblem(*wavelengths); !problem.empty())
                return problem;
        }
        span.wavelengths = wavelengths ? std::optional<int>(static_cast<int>(*wavelengths)) : std::nullopt;
        return std::string();
    });
}

Edited setSiteGpus(const Scenario &s, const std::string &siteId, double gpus)
{
    return editSite(s, siteId, [&](Site &site) {
        if (std::string problem = siteGpusProblem(gpus); !problem.empty())
            return problem;
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

std::string spanLengthProblem(double length_km)
{
    if (std::string problem = rangeProblem(length_km, FigureRange::Positive, "a fiber length in km"); !problem.empty())
        return problem;
    return numberProblem(spanLengthRule(), length_km); // the bounds a file has
}

std::string spanOpticProblem(const Catalog &catalog, const std::string &optic)
{
    if (catalog.optic(optic))
        return {};
    return "unknown optic \"" + optic + "\"; the catalog has: " + joined(catalog.opticNames());
}

std::string spanBandProblem(const Catalog &catalog, const std::string &band)
{
    if (catalog.band(band))
        return {};
    return "unknown band \"" + band + "\"; the catalog has: " + joined(catalog.bandNames());
}

// Capped where the reader's int fields end; no band or cable holds nearly that many.
std::string spanFiberPairsProblem(double fiberPairs)
{
    if (isWhole(fiberPairs) && fiberPairs >= 1.0 && fiberPairs <= kMaxIntCount)
        return numberProblem(spanFiberPairsRule(), fiberPairs); // the bounds a file has
    return "expected a fiber-pair count (a whole number >= 1), got " + plainNumber(fiberPairs);
}

std::string spanWavelengthsProblem(double wavelengths)
{
    if (isWhole(wavelengths) && wavelengths >= 1.0 && wavelengths <= kMaxIntCount)
        return numberProblem(spanWavelengthsRule(), wavelengths); // the bounds a file has
    return "expected lit wavelengths per fiber pair (a whole number >= 1), got " + plainNumber(wavelengths);
}

Edited setSpanBand(const Scenario &s, const Catalog &catalog, const std::string &spanId, const std::string &band)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (std::string problem = spanBandProblem(catalog, band); !problem.empty())
            return problem;
        span.band = band;
        return std::string();
    });
}

Edited setSpanFiberPairs(const Scenario &s, const std::string &spanId, std::optional<double> fiberPairs)
{
    return editSpan(s, spanId, [&](Span &span) {
        if (fiberPairs) {
            if (std::string problem = spanFiberPairsProblem(*fiberPairs); !problem.empty())
                return problem;
        }
        span.fiber_pairs = fiberPairs ? std::optional<int>(static_cast<int>(*fiberPairs)) : std::nullopt;
        return std::string();
    });
}

Edited setSiteName(const Scenario &s, const std::string &siteId, const std::string &name)
{
    return editSite(s, siteId, [&](Site &site) {
        site.name = trimmed(name).empty() ? site.id : name;
        return std::string();
    });
}

std::string sitePositionProblem(double lat, double lon)
{
    if (!(std::isfinite(lat) && lat >= -kMaxLatitude && lat <= kMaxLatitude))
        return "expected a latitude in degrees, -90 to 90, got " + plainNumber(lat);
    if (!(std::isfinite(lon) && lon >= -kHalfTurn && lon <= kHalfTurn))
        return "expected a longitude in degrees, -180 to 180, got " + plainNumber(lon);
    return {};
}

Edited setSitePosition(const Scenario &s, const std::string &siteId, double lat, double lon)
{
    return editSite(s, siteId, [&](Site &site) {
        if (std::string problem = sitePositionProblem(lat, lon); !problem.empty())
            return problem;
        site.lat = lat;
        site.lon = lon;
        return std::string();
    });
}

std::string siteGpusProblem(double gpus)
{
    if (isWhole(gpus) && gpus >= 0.0 && gpus <= kMaxWholeNumber)
        return numberProblem(siteGpusRule(), gpus); // the bounds a file has
    return "expected a GPU count (a whole number >= 0), got " + plainNumber(gpus);
}

std::string siteGpuTypeProblem(const Catalog &catalog, const std::string &gpu)
{
    if (catalog.gpu(gpu))
        return {};
    return "unknown GPU \"" + gpu + "\"; the catalog has: " + joined(catalog.gpuNames());
}

Edited setSiteGpuType(const Scenario &s, const Catalog &catalog, const std::string &siteId, const std::string &gpu)
{
    return editSite(s, siteId, [&](Site &site) {
        if (std::string problem = siteGpuTypeProblem(catalog, gpu); !problem.empty())
            return problem;
        site.gpu = gpu;
        return std::string();
    });
}

std::string sitePowerCapProblem(double power_cap_mw)
{
    if (std::string problem = rangeProblem(power_cap_mw, FigureRange::NonNegative, "a power cap in MW");
        !problem.empty())
        return problem;
    return numberProblem(sitePowerCapRule(), power_cap_mw); // the bounds a file has
}

Edited setSitePowerCap(const Scenario &s, const std::string &siteId, std::optional<double> power_cap_mw)
{
    return editSite(s, siteId, [&](Site &site) {
        if (power_cap_mw) {
            if (std::string problem = sitePowerCapProblem(*power_cap_mw); !problem.empty())
                return problem;
        }
        site.power_cap_mw = power_cap_mw;
        return std::string();
    });
}

std::string sitePueProblem(double pue)
{
    if (std::string problem = rangeProblem(pue, FigureRange::AtLeastOne, "a PUE"); !problem.empty())
        return problem;
    return numberProblem(sitePueRule(), pue); // the bounds a file has
}

Edited setSitePue(const Scenario &s, const std::string &siteId, std::optional<double> pue)
{
    return editSite(s, siteId, [&](Site &site) {
        if (pue) {
            if (std::string problem = sitePueProblem(*pue); !problem.empty())
                return problem;
        }
        site.pue = pue;
        return std::string();
    });
}

std::string jobNumberProblem(const Job &job, const std::string &key, std::optional<double> value)
{
    const auto rule = std::find_if(std::begin(kJobNumberRules), std::end(kJobNumberRules),
                                   [&](const JobNumberRule &r) { return key == r.key; });
    if (rule == std::end(kJobNumberRules)) {
        std::string keys;
        for (const JobNumberRule &r : kJobNumberRules)
            keys += (keys.empty() ? "" : ", ") + std::string(r.key);
        return "no numeric job field \"" + key + "\"; the job's numbers are: " + keys;
    }
    if (!value) {
        if (key == "model_params" || key == "tokens_per_step")
            return key + " is required";
        return {};
    }
    if (std::string problem = rangeProblem(*value, rule->range, rule->meaning); !problem.empty())
        return problem;
    if (rule->wholeOf && !isWhole(*value))
        return std::string("expected a whole number of ") + rule->wholeOf + ", got " + plainNumber(*value);
    if (std::string problem = figureBoundProblem(key, *value); !problem.empty())
        return problem; // the bounds a file has
    // The reader's rule across two fields: one fragment is sent at most every inner step.
    const std::optional<double> fragments = key == "fragments" ? value : job.fragments;
    const std::optional<double> innerSteps = key == "inner_steps" ? value : job.inner_steps;
    if ((key == "fragments" || key == "inner_steps") && fragments && innerSteps && *fragments > *innerSteps)
        return "fragments (" + plainNumber(*fragments) + ") cannot exceed inner_steps (" + plainNumber(*innerSteps)
            + "): one fragment is sent at most every step";
    return {};
}

std::string jobTextProblem(const std::string &key, const std::string &value)
{
    if (key == "strategy")
        return choiceProblem("strategy", value, kStrategies);
    if (key == "dc_pattern")
        return choiceProblem("DC pattern", value, kDcPatterns);
    if (key == "transport")
        return choiceProblem("transport", value, kTransports);
    return "no keyword job field \"" + key + "\"; the job's keywords are: strategy, dc_pattern, transport";
}

Edited setJobText(const Scenario &s, const std::string &key, const std::string &value)
{
    if (!s.job)
        return refused(s, "the scenario has no training job");
    if (std::string problem = jobTextProblem(key, value); !problem.empty())
        return refused(s, std::move(problem));
    Edited out{s, {}};
    Job &job = *out.scenario.job;
    (key == "strategy" ? job.strategy : key == "dc_pattern" ? job.dc_pattern : job.transport) = value;
    return out;
}

std::string routingProblem(const std::string &key, const std::string &value)
{
    if (key == "policy")
        return choiceProblem("routing policy", value, kRoutingPolicies);
    if (key == "load_balancing")
        return choiceProblem("load balancing", value, kLoadBalancing);
    return "no routing field \"" + key + "\"; the routing's fields are: policy, load_balancing";
}

Edited setRouting(const Scenario &s, const std::string &key, const std::string &value)
{
    if (std::string problem = routingProblem(key, value); !problem.empty())
        return refused(s, std::move(problem));
    Edited out{s, {}};
    (key == "policy" ? out.scenario.routing.policy : out.scenario.routing.load_balancing) = value;
    return out;
}

Edited addJob(const Scenario &s)
{
    if (s.job)
        return refused(s, "the scenario has a training job already");
    Edited out{s, {}};
    Job job;
    job.model_params = kNewJobModelParams;
    job.tokens_per_step = kNewJobTokensPerStep;
    out.scenario.job = job;
    return out;
}

Edited setPresentationViews(const Scenario &s, const std::vector<PresentationView> &views)
{
    for (const PresentationView &view : views) {
        if (!isOneOf(view.show, kPresentationShows))
            return refused(s, "unknown view \"" + view.show + "\"; expected one of: " + listOf(kPresentationShows));
    }
    Edited out{s, {}};
    out.scenario.presentation.views = views;
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
        return isWhole(value) && value >= 1.0 ? figureBoundProblem(key, value)
                                              : "expected a whole number >= 1, got " + plainNumber(value);
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
    if (!ok)
        return std::string("expected ") + expected + ", got " + plainNumber(value);
    return figureBoundProblem(key, value); // the bounds a file has
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
