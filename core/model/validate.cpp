#include "validate.h"

#include "edit/edits.h"
#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dci {

namespace {

using Kind = NumberRule::Kind;

// ---- the bounds (docs/SCENARIO-FORMAT.md "Bounds": each range and why) ------------------

// Half of Earth's equatorial circumference (WGS84 a = 6,378.137 km: pi x a = 20,037.5 km):
// no two points on Earth are further apart along the surface.
constexpr double kHalfEarthKm = 20037.5;
constexpr double kMaxSiteGpus = 1e7;     // ten times the largest cluster announced (~1M GPUs)
constexpr double kMinDemandGbps = 1e-6;  // 1 kb/s
constexpr double kMaxDemandGbps = 1e9;   // 1 Eb/s
// Shares whose inverse the engine takes (1 / mfu, load / target): 1e-6 keeps them finite.
constexpr double kMinShare = 1e-6;

// Text: ids and names are labels on a drawing, a description a few paragraphs; a 10 MB
// name made every message and output that quotes it 10 MB long.
constexpr std::size_t kMaxNameBytes = 1000;
constexpr std::size_t kMaxDescriptionBytes = 100000;
constexpr const char *kWhyText = "ids and names label a drawing; a description is a few paragraphs";

const NumberRule kSiteLat{"latitude", Kind::Latitude};
const NumberRule kSiteLon{"longitude", Kind::Longitude};
const NumberRule kSiteGpus{"a GPU count", Kind::NonNegative, 0, kMaxSiteGpus,
                           "ten times the largest cluster announced", true};
const NumberRule kPowerCap{"a power cap in MW", Kind::NonNegative, 0, 1e6, "a thousand times the largest campus"};
const NumberRule kSitePue{"a PUE", Kind::AtLeastOne, 1, 100, "a PUE of 100 wastes 99% of the power"};
const NumberRule kSpanLength{"a fiber length in km, or \"auto\"", Kind::Positive, 0, kHalfEarthKm,
                             "half of Earth's circumference: no two places are further apart"};
const NumberRule kFiberPairs{"a fiber-pair count", Kind::AtLeastOne, 1, kMaxFiberPairs,
                             "more than the largest cables hold", true, true};
const NumberRule kWavelengths{"lit wavelengths per fiber pair", Kind::AtLeastOne, 1, kMaxWavelengths,
                              "ten times what a band holds", true, true};
// Its bound (IS-IS wide metrics are 24 bits, RFC 5305) is in its meaning, so spans() words it.
const NumberRule kMetric{"an IGP metric up to 16777215", Kind::AtLeastOne, 1, 1e308, "", true};
const NumberRule kDemandGbps{"a rate in Gbps", Kind::NonNegative};
// At least 1: a step of 1e-292 tokens computed in 0 s, so its sync needed infinite Gbps
// (fuzz regression scenario_bytes/tokens-per-step-3e-292-infinite-rate.json).
const NumberRule kModelParams{"the model's parameter count", Kind::Positive, 1, 1e15,
                              "a thousand times the largest models trained; at least one parameter"};
const NumberRule kTokensPerStep{"tokens per optimizer step", Kind::Positive, 1, 1e12,
                                "ten thousand times the largest batches used; at least one token"};
const NumberRule kTotalTokens{"total training tokens", Kind::Positive, 0, 1e18,
                              "ten thousand times the largest runs"};
const NumberRule kTargetEfficiency{"the scaling efficiency \"auto\" spans are sized for", Kind::UnitOpenClosed,
                                   kMinShare, 1, "sizing divides by it"};
const NumberRule kRegionSouth{"the region's southern edge", Kind::Latitude};
const NumberRule kRegionNorth{"the region's northern edge", Kind::Latitude};
const NumberRule kRegionWest{"the region's western edge", Kind::Longitude};
const NumberRule kRegionEast{"the region's eastern edge", Kind::Longitude};

// Bounds of the figures a scenario may override (catalog assumptions, job defaults, prices)
// and of the job's fields of the same name. Lower limits are those of edits::figureRange
// (the Assumptions page's), bounds only cap what no plan needs, so sweeps and sensitivity
// keep their room: every upper bound is at least 64 times the catalog's value.
struct FigureBound {
    const char *key;
    double low;
    double high;
    const char *why;
};
constexpr const char *kWhyFar = "far beyond any real network";
constexpr FigureBound kFigureBounds[] = {
    {"largest_campus_mw", 0, 1e6, kWhyFar},
    {"route_factor", 1, 100, kWhyFar},
    {"fiber_latency_us_per_km", 0, 1000, "light in fiber takes 4.9 us/km"},
    {"flow_window_bytes", 1, 1e12, kWhyFar},
    {"nvlink_hop_latency_us", 0, 1e6, "one second"},
    {"network_hop_latency_us", 0, 1e6, "one second"},
    {"gpus_per_server", 1, 1e6, kWhyFar},
    {"amp_spacing_km", 1e-6, 1e5, kWhyFar},
    {"pue", 1, 100, "a PUE of 100 wastes 99% of the power"},
    {"target_utilization", kMinShare, 1, "sizing divides by it"},
    {"loss_rate", 0, 1, "a probability"},
    {"mtu_bytes", 1, 1e6, kWhyFar},
    {"switch_buffer_mb", 0, 1e6, kWhyFar},
    {"fiber_loss_db_per_km", 0, 100, kWhyFar},
    {"max_span_loss_db", 0, 1000, kWhyFar},
    {"span_margin_db", 0, 1000, kWhyFar},
    {"metro_max_km", 0, 1e5, kWhyFar},
    {"mfu", kMinShare, 1, "step time divides by it"},
    {"grad_bytes", 0, 1024, kWhyFar},
    {"overlap", kMinShare, 1, "the sync's rate divides by it (1.4e-309 needed infinite Gbps, fuzz)"},
    {"inner_steps", 1, 1e6, kWhyFar},
    {"sync_bytes", 0, 1024, kWhyFar},
    {"fragments", 1, 1e6, kWhyFar},
    {"overlap_steps", kMinShare, 1e6, "the sync window divides by it: a denormal needed infinite Gbps"},
    {"hidden_size", 1, 1e7, kWhyFar},
    {"act_bytes", 0, 1024, kWhyFar},
    {"microbatches", 1, 1e6, kWhyFar},
    {"connections_per_pair", 1, 1e6, kWhyFar},
    {"flows_per_pair", 1, 1e6, kWhyFar},
    {"dci_ranks_per_dc", 1, 1e6, kWhyFar},
    {"nccl_channels", 1, 1e4, kWhyFar},
    {"qps_per_connection", 1, 1e4, kWhyFar},
    {"amplifier_usd", 0, 1e9, kWhyFar},
    {"terminal_amplifier_usd", 0, 1e9, kWhyFar},
    {"mux_usd", 0, 1e9, kWhyFar},
    {"fiber_lease_usd_per_pair_km_year", 0, 1e9, kWhyFar},
    {"fiber_lease_metro_usd_per_pair_km_year", 0, 1e9, kWhyFar},
    {"power_usd_per_kwh", 0, 1000, kWhyFar},
    {"maintenance_share_per_year", 0, 100, kWhyFar},
    {"amplifier_power_w", 0, 1e6, kWhyFar},
};
constexpr FigureBound kDefaultFigureBound{"the figure", -1e15, 1e15, kWhyFar};

const FigureBound &figureBound(const std::string &key)
{
    for (const FigureBound &b : kFigureBounds)
        if (key == b.key)
            return b;
    return kDefaultFigureBound;
}

// Bounds of the numeric fields of catalog entries a scenario may override: the low ends
// keep every division by them finite (D04: spacing 1e-300 GHz, reach 0 km, 1e308 TFLOPS).
constexpr FigureBound kEntryBounds[] = {
    {"gpus/bf16_dense_tflops", 1e-3, 1e6, "one GFLOPS to a thousand times today's GPUs"},
    {"gpus/tdp_w", 0, 1e6, kWhyFar},
    {"gpus/it_kw_per_gpu", 0, 1000, kWhyFar},
    {"gpus/price_usd", 0, 1e9, kWhyFar},
    {"optics/rate_gbps", 1, 1e5, "1 Gbps to 100 Tbps per wavelength"},
    {"optics/baud_gbd", 0, 1e5, kWhyFar},
    {"optics/spacing_ghz", 1, 1e5, "channels of less than 1 GHz hold no coherent signal"},
    {"optics/reach_km", 1, 1e5, "1 km to 100,000 km"},
    {"optics/power_w", 0, 1e5, kWhyFar},
    {"optics/price_usd", 0, 1e9, kWhyFar},
    {"bands/width_thz", 1e-3, 1000, "1 GHz to 1,000 THz"},
};

const FigureBound &entryBound(const std::string &section, const std::string &field)
{
    const std::string key = section + "/" + field;
    for (const FigureBound &b : kEntryBounds)
        if (key == b.key)
            return b;
    return kDefaultFigureBound;
}

Kind kindOf(edits::FigureRange r)
{
    switch (r) {
    case edits::FigureRange::NonNegative: return Kind::NonNegative;
    case edits::FigureRange::Positive: return Kind::Positive;
    case edits::FigureRange::AtLeastOne: return Kind::AtLeastOne;
    case edits::FigureRange::UnitOpenClosed: return Kind::UnitOpenClosed;
    case edits::FigureRange::Probability: return Kind::Probability;
    }
    return Kind::NonNegative;
}

NumberRule figureRule(const std::string &key, const char *meaning)
{
    const FigureBound &b = figureBound(key);
    NumberRule rule{meaning, kindOf(edits::figureRange(key)), b.low, b.high, b.why};
    rule.name = b.key;
    return rule;
}

// ---- message helpers ------------------------------------------------------------------

const char *kindText(Kind k)
{
    switch (k) {
    case Kind::NonNegative: return "a finite number >= 0";
    case Kind::Positive: return "a finite number > 0";
    case Kind::AtLeastOne: return "a finite number >= 1";
    case Kind::UnitOpenClosed: return "a number in (0, 1]";
    case Kind::Probability: return "a number in [0, 1]";
    case Kind::Latitude: return "a latitude in degrees, -90 to 90";
    case Kind::Longitude: return "a longitude in degrees, -180 to 180";
    case Kind::Any: break;
    }
    return "a finite number";
}

bool inKind(double v, Kind k)
{
    if (!std::isfinite(v))
        return false;
    switch (k) {
    case Kind::Any: return true;
    case Kind::NonNegative: return v >= 0;
    case Kind::Positive: return v > 0;
    case Kind::AtLeastOne: return v >= 1;
    case Kind::UnitOpenClosed: return v > 0 && v <= 1;
    case Kind::Probability: return v >= 0 && v <= 1;
    case Kind::Latitude: return v >= -90 && v <= 90;
    case Kind::Longitude: return v >= -180 && v <= 180;
    }
    return true;
}


std::string withHint(std::string msg, const std::string &name, const std::vector<std::string> &candidates)
{
    const std::string hint = closestName(name, candidates);
    if (!hint.empty())
        msg += " (did you mean " + inQuotes(hint) + "?)";
    return msg;
}

bool isId(const std::string &v)
{
    return !v.empty() && v.find_first_of(" \t\n\r") != 0 && v.find_last_of(" \t\n\r") != v.size() - 1;
}

// Deepest nesting of arrays and objects in JSON text (strings skipped).

// ---- the checks -------------------------------------------------------------------------

std::size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1]))
                == std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

template<std::size_t N>
std::vector<std::string> toVector(const char *const (&items)[N])
{
    return std::vector<std::string>(items, items + N);
}

class Validator {
public:
    Validator(const Scenario &s, const Catalog &c) : m_s(s), m_catalog(c) {}

    std::vector<Problem> run()
    {
        text("", "name", m_s.name);
        text("", "description", m_s.description, kMaxDescriptionBytes);
        sites();
        spans();
        demands();
        job();
        routing();
        sizing();
        presentation();
        assumptions();
        extensions("", m_s.extensions, 1);
        return std::move(m_problems);
    }

private:
    void problem(const std::string &pointer, const std::string &field, std::string message)
    {
        m_problems.push_back({pointer, field, std::move(message)});
    }

    bool number(const std::string &ptr, const char *field, const NumberRule &rule, double v)
    {
        std::string p = numberProblem(rule, v);
        if (p.empty())
            return true;
        problem(ptr + "/" + field, field, std::move(p));
        return false;
    }

    // False (with the problem) for text that is not UTF-8 or longer than `most` bytes.
    bool text(const std::string &ptr, const char *field, const std::string &v, std::size_t most = kMaxNameBytes)
    {
        if (!validUtf8(v)) {
            problem(ptr + "/" + field, field, "expected text in UTF-8, got bytes that are not");
            return false;
        }
        if (v.size() > most) {
            problem(ptr + "/" + field, field,
                    "expected at most " + withThousands(std::int64_t(most)) + " bytes of text (" + kWhyText + "), got "
                        + inQuotes(v));
            return false;
        }
        return true;
    }

    bool id(const std::string &ptr, const char *field, const char *meaning, const std::string &v)
    {
        if (!text(ptr, field, v))
            return false;
        if (isId(v))
            return true;
        problem(ptr + "/" + field, field,
                std::string("expected ") + meaning + " (a non-empty string without leading or trailing spaces), got "
                    + inQuotes(v));
        return false;
    }

    void choice(const std::string &ptr, const char *field, const std::string &v, const std::vector<std::string> &options,
                const char *meaning)
    {
        if (std::find(options.begin(), options.end(), v) != options.end())
            return;
        problem(ptr + "/" + field, field,
                withHint("unknown " + std::string(meaning) + " " + inQuotes(v), v, options) + "; expected one of: "
                    + joinNames(options));
    }

    // Extensions: "x-" keys holding JSON text a file can carry at this depth (1 = the root).
    void extensions(const std::string &ptr, const Extensions &ext, int depth)
    {
        for (const auto &[key, value] : ext) {
            const std::string p = ptr + "/" + pointerToken(key);
            if (key.rfind("x-", 0) != 0 || !validUtf8(key)) {
                problem(p, key, "expected an extension key starting with \"x-\" in UTF-8, got " + inQuotes(key));
                continue;
            }
            if (!nlohmann::json::accept(value)) {
                problem(p, key, "expected a JSON value, got text that is not JSON");
                continue;
            }
            if (jsonTooDeepAt(value, kMaxNestingDepth - depth) != std::string::npos)
                problem(p, key, "arrays and objects nested deeper than " + std::to_string(kMaxNestingDepth)
                                    + " levels; a scenario needs a few");
        }
    }

    // The known site ids in file order, once, for messages.
    const std::vector<std::string> &siteIdList()
    {
        if (!m_siteIdsListed) {
            m_siteIdsListed = true;
            for (std::size_t i = 0; i < m_s.sites.size(); ++i)
                if (const auto it = m_siteIds.find(m_s.sites[i].id); it != m_siteIds.end() && it->second == i)
                    m_siteIdList.push_back(m_s.sites[i].id);
        }
        return m_siteIdList;
    }

    // "(sites are: a, b, c)"; a long list is cut after kListedSites names, so the messages of a
    // large plan stay short.
    const std::string &sitesAre()
    {
        constexpr std::size_t kListedSites = 50;
        if (m_sitesAre.empty()) {
            const std::vector<std::string> &ids = siteIdList();
            std::vector<std::string> shown(ids.begin(), ids.begin() + static_cast<long>(std::min(ids.size(), kListedSites)));
            m_sitesAre = " (sites are: " + joinNames(shown)
                + (ids.size() > kListedSites ? ", ... " + std::to_string(ids.size()) + " in all" : std::string()) + ")";
        }
        return m_sitesAre;
    }

    bool knownSite(const std::string &id) const { return m_siteIds.count(id) != 0; }

    void sites()
    {
        m_siteIds.reserve(m_s.sites.size());
        for (std::size_t i = 0; i < m_s.sites.size(); ++i) {
            const Site &site = m_s.sites[i];
            const std::string ptr = "/sites/" + std::to_string(i);
            if (id(ptr, "id", "a site id", site.id)) {
                auto [it, fresh] = m_siteIds.emplace(site.id, i);
                if (!fresh)
                    problem(ptr + "/id", "id",
                            "duplicate site id " + inQuotes(site.id) + " (first used at /sites/"
                                + std::to_string(it->second) + "/id)");
            }
            text(ptr, "name", site.name);
            number(ptr, "lat", kSiteLat, site.lat);
            number(ptr, "lon", kSiteLon, site.lon);
            if (!m_catalog.gpu(site.gpu))
                problem(ptr + "/gpu", "gpu",
                        withHint("unknown GPU " + inQuotes(site.gpu), site.gpu, m_catalog.gpuNames())
                            + "; the catalog has: " + joinNames(m_catalog.gpuNames()));
            number(ptr, "gpus", kSiteGpus, static_cast<double>(site.gpus));
            if (site.power_cap_mw)
                number(ptr, "power_cap_mw", kPowerCap, *site.power_cap_mw);
            if (site.pue)
                number(ptr, "pue", kSitePue, *site.pue);
            text(ptr, "region", site.region);
            extensions(ptr, site.extensions, 3);
        }
    }

    void siteRef(const std::string &ptr, const char *field, const std::string &id, bool hint)
    {
        if (knownSite(id))
            return;
        std::string msg = "unknown site " + inQuotes(id);
        constexpr std::size_t kMostSitesToSuggest = 1000; // the suggestion compares with each
        if (hint && siteIdList().size() <= kMostSitesToSuggest)
            msg = withHint(std::move(msg), id, siteIdList());
        problem(ptr + "/" + field, field, msg + sitesAre());
    }

    void spans()
    {
        std::unordered_map<std::string_view, std::size_t> first; // id -> index of first use
        first.reserve(m_s.spans.size());
        const std::vector<std::string> bands = m_catalog.bandNames();
        for (std::size_t i = 0; i < m_s.spans.size(); ++i) {
            const Span &span = m_s.spans[i];
            const std::string ptr = "/spans/" + std::to_string(i);
            if (id(ptr, "id", "a span id", span.id)) {
                auto [it, fresh] = first.emplace(span.id, i);
                if (!fresh)
                    problem(ptr + "/id", "id",
                            "duplicate span id " + inQuotes(span.id) + " (first used at /spans/"
                                + std::to_string(it->second) + "/id)");
            }
            const bool a = id(ptr, "a", "the id of the site at one end", span.a);
            const bool b = id(ptr, "b", "the id of the site at the other end", span.b);
            if (a)
                siteRef(ptr, "a", span.a, true);
            if (b)
                siteRef(ptr, "b", span.b, true);
            if (a && b && span.a == span.b)
                problem(ptr + "/b", "b",
                        "span " + inQuotes(span.id) + " connects site " + inQuotes(span.a)
                            + " to itself; a span joins two different sites");
            if (span.length_km)
                number(ptr, "length_km", kSpanLength, *span.length_km);
            if (!m_catalog.optic(span.optic))
                problem(ptr + "/optic", "optic",
                        withHint("unknown optic " + inQuotes(span.optic), span.optic, m_catalog.opticNames())
                            + "; the catalog has: " + joinNames(m_catalog.opticNames()));
            choice(ptr, "band", span.band, bands, "band");
            if (span.fiber_pairs)
                number(ptr, "fiber_pairs", kFiberPairs, *span.fiber_pairs);
            if (span.wavelengths)
                number(ptr, "wavelengths", kWavelengths, *span.wavelengths);
            if (span.metric && number(ptr, "metric", kMetric, static_cast<double>(*span.metric))
                && *span.metric > kMaxSpanMetric)
                problem(ptr + "/metric", "metric",
                        "expected " + expectedNumber(kMetric) + ", got " + std::to_string(*span.metric));
            std::unordered_set<std::string> groups;
            for (std::size_t g = 0; g < span.srlg.size(); ++g) {
                const std::string &name = span.srlg[g];
                const std::string at = ptr + "/srlg/" + std::to_string(g);
                if (!validUtf8(name) || !isId(name))
                    problem(at, "srlg",
                            "expected shared-risk group name (a non-empty string without leading or trailing "
                            "spaces), got " + inQuotes(name));
                else if (!groups.insert(name).second)
                    problem(at, "srlg", "shared-risk group name " + inQuotes(name) + " appears twice here; name each once");
            }
            extensions(ptr, span.extensions, 3);
        }
    }

    void demands()
    {
        for (std::size_t i = 0; i < m_s.demands.size(); ++i) {
            const Demand &d = m_s.demands[i];
            const std::string ptr = "/demands/" + std::to_string(i);
            const bool from = id(ptr, "from", "the id of the sending site", d.from);
            const bool to = id(ptr, "to", "the id of the receiving site", d.to);
            // Physical bounds: 1e-300 or 1e300 Gbps made balanced routing's LP solver abort
            // (../shared/reliability D15).
            if (number(ptr, "gbps", kDemandGbps, d.gbps))
                if (std::string m = demandGbpsProblem(d.gbps); !m.empty())
                    problem(ptr + "/gbps", "gbps", std::move(m));
            if (from)
                siteRef(ptr, "from", d.from, false);
            if (to)
                siteRef(ptr, "to", d.to, false);
            if (from && to && d.from == d.to)
                problem(ptr + "/to", "to",
                        "demand goes from site " + inQuotes(d.from) + " to itself; it must join two different sites");
            text(ptr, "label", d.label);
            extensions(ptr, d.extensions, 3);
        }
    }

    void job()
    {
        if (!m_s.job)
            return;
        const Job &j = *m_s.job;
        const std::string ptr = "/job";
        number(ptr, "model_params", kModelParams, j.model_params);
        number(ptr, "tokens_per_step", kTokensPerStep, j.tokens_per_step);
        if (j.total_tokens)
            number(ptr, "total_tokens", kTotalTokens, *j.total_tokens);
        struct Optional {
            const char *key;
            const std::optional<double> &value;
            const char *meaning;
        };
        const Optional fields[] = {
            {"mfu", j.mfu, "a model FLOPs utilisation"},
            {"grad_bytes", j.grad_bytes, "bytes per gradient element"},
            {"overlap", j.overlap, "the share of compute that hides communication"},
            {"inner_steps", j.inner_steps, "inner steps H between syncs"},
            {"sync_bytes", j.sync_bytes, "bytes per pseudo-gradient element"},
            {"fragments", j.fragments, "streaming fragments F"},
            {"overlap_steps", j.overlap_steps, "steps a sync may overlap"},
            {"hidden_size", j.hidden_size, "the model's hidden size"},
            {"act_bytes", j.act_bytes, "bytes per activation element"},
            {"microbatches", j.microbatches, "micro-batches per step"},
            {"connections_per_pair", j.connections_per_pair, "transport connections between two DCs"},
            {"flows_per_pair", j.flows_per_pair, "flows between two DCs"},
        };
        std::unordered_map<std::string, bool> fine;
        for (const Optional &f : fields) {
            if (!f.value)
                continue;
            NumberRule rule = figureRule(f.key, f.meaning);
            rule.name = nullptr; // the job's own wording
            if (std::string(f.key) == "overlap_steps")
                rule.kind = Kind::Positive;
            fine[f.key] = number(ptr, f.key, rule, *f.value);
        }
        auto whole = [&](const char *key, const std::optional<double> &v, const char *what) {
            if (v && fine[key] && *v != std::floor(*v))
                problem(ptr + "/" + key, key, std::string("expected a whole number of ") + what + ", got " + jsonNumberText(*v));
        };
        whole("connections_per_pair", j.connections_per_pair, "connections");
        whole("flows_per_pair", j.flows_per_pair, "flows");
        choice(ptr, "transport", j.transport, toVector(kTransports), "transport");
        whole("inner_steps", j.inner_steps, "inner steps");
        if (j.fragments && j.inner_steps && fine["fragments"] && fine["inner_steps"] && *j.fragments > *j.inner_steps)
            problem(ptr + "/fragments", "fragments",
                    "fragments (" + jsonNumberText(*j.fragments) + ") cannot exceed inner_steps (" + jsonNumberText(*j.inner_steps)
                        + "): one fragment is sent at most every step");
        choice(ptr, "strategy", j.strategy, toVector(kStrategies), "strategy");
        choice(ptr, "dc_pattern", j.dc_pattern, toVector(kDcPatterns), "DC pattern");
        std::unordered_set<std::string> used;
        for (std::size_t i = 0; i < j.ring_order.size(); ++i) {
            const std::string &site = j.ring_order[i];
            const std::string p = ptr + "/ring_order/" + std::to_string(i);
            if (!knownSite(site))
                problem(p, "ring_order", "unknown site " + inQuotes(site) + sitesAre());
            else if (!used.insert(site).second)
                problem(p, "ring_order", "site " + inQuotes(site) + " appears twice in the ring order");
        }
        extensions(ptr, j.extensions, 2);
    }

    void routing()
    {
        choice("/routing", "policy", m_s.routing.policy, toVector(kRoutingPolicies), "routing policy");
        choice("/routing", "load_balancing", m_s.routing.load_balancing, toVector(kLoadBalancing), "load balancing");
        extensions("/routing", m_s.routing.extensions, 2);
    }

    void sizing()
    {
        if (m_s.sizing.target_efficiency)
            number("/sizing", "target_efficiency", kTargetEfficiency, *m_s.sizing.target_efficiency);
        extensions("/sizing", m_s.sizing.extensions, 2);
    }

    void presentation()
    {
        for (std::size_t i = 0; i < m_s.presentation.views.size(); ++i) {
            const PresentationView &v = m_s.presentation.views[i];
            const std::string p = "/presentation/views/" + std::to_string(i);
            text(p, "title", v.title);
            choice(p, "show", v.show, toVector(kPresentationShows), "what the view shows");
            if (v.region) {
                const std::string rp = p + "/region";
                const PresentationView::Region &g = *v.region;
                const bool ok = number(rp, "south", kRegionSouth, g.south) & number(rp, "north", kRegionNorth, g.north)
                    & number(rp, "west", kRegionWest, g.west) & number(rp, "east", kRegionEast, g.east);
                if (ok && !(g.south < g.north))
                    problem(rp + "/north", "north",
                            "expected a latitude north of south (" + plainNumber(g.south) + "), got " + plainNumber(g.north));
                else if (ok && !(g.west < g.east))
                    problem(rp + "/east", "east",
                            "expected a longitude east of west (" + plainNumber(g.west) + "), got " + plainNumber(g.east));
            }
            extensions(p, v.extensions, 4);
        }
        extensions("/presentation", m_s.presentation.extensions, 2);
    }

    void entryOverrides(const char *section, const std::map<std::string, std::map<std::string, double>> &entries,
                        const std::vector<std::string> &names, const std::vector<std::string> &fields, const char *what)
    {
        const std::string ptr = std::string("/assumptions/") + section;
        for (const auto &[name, values] : entries) {
            const std::string p = ptr + "/" + pointerToken(name);
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                problem(p, name,
                        withHint(std::string("unknown ") + what + " " + inQuotes(name), name, names)
                            + "; the catalog has: " + joinNames(names));
                continue;
            }
            for (const auto &[field, value] : values) {
                if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
                    problem(p + "/" + pointerToken(field), field,
                            withHint("unknown key " + inQuotes(field), field, fields) + "; keys here are: "
                                + joinNames(fields) + "; prefix your own keys with \"x-\" to keep them");
                    continue;
                }
                if (const std::string m = catalogEntryProblem(section, field, value); !m.empty())
                    problem(p + "/" + pointerToken(field), field, m);
            }
        }
    }

    void assumptions()
    {
        const Assumptions &a = m_s.assumptions;
        const std::string ptr = "/assumptions";
        for (const auto &[key, value] : a.figures) {
            const bool derived = std::any_of(std::begin(kDerivedAssumptionKeys), std::end(kDerivedAssumptionKeys),
                                             // Named in the capture: clang 14 cannot capture a structured binding.
                                             [&key = key](const char *k) { return key == k; });
            const Figure *f = derived ? nullptr : m_catalog.findFigure(key);
            if (!derived && !f) {
                std::vector<std::string> allowed = m_catalog.figureKeys();
                allowed.insert(allowed.end(), {"gpus", "optics", "bands"});
                allowed.insert(allowed.end(), std::begin(kDerivedAssumptionKeys), std::end(kDerivedAssumptionKeys));
                problem(ptr + "/" + pointerToken(key), key,
                        withHint("unknown key " + inQuotes(key), key, allowed) + "; keys here are: " + joinNames(allowed)
                            + "; prefix your own keys with \"x-\" to keep them");
                continue;
            }
            const std::string meaning = derived ? "a whole number of connections or flows" : f->description;
            if (number(ptr, key.c_str(), figureRule(key, meaning.c_str()), value) && derived && value != std::floor(value))
                problem(ptr + "/" + key, key, "expected a whole number, got " + jsonNumberText(value));
        }
        entryOverrides("gpus", a.gpus, m_catalog.gpuNames(), gpuOverrideFields(), "GPU");
        entryOverrides("optics", a.optics, m_catalog.opticNames(), opticOverrideFields(), "optic");
        entryOverrides("bands", a.bands, m_catalog.bandNames(), bandOverrideFields(), "band");
        extensions(ptr, a.extensions, 2);
    }

    const Scenario &m_s;
    const Catalog &m_catalog;
    std::vector<Problem> m_problems;
    // Ids a span, demand or ring may name -> index of first use; views of the scenario's own
    // strings, which outlive the check.
    std::unordered_map<std::string_view, std::size_t> m_siteIds;
    std::vector<std::string> m_siteIdList;     // the same in file order, for messages
    bool m_siteIdsListed = false;
    std::string m_sitesAre;
};

} // namespace

std::string jsonNumberText(double v)
{
    if (!std::isfinite(v))
        return plainNumber(v);
    if (v == std::floor(v) && std::fabs(v) < 9.0e15)
        return std::to_string(static_cast<std::int64_t>(v));
    return nlohmann::json(v).dump();
}

std::string expectedNumber(const NumberRule &rule)
{
    if (rule.whole) {
        std::string range = "a whole number >= " + jsonNumberText(rule.kind == Kind::AtLeastOne ? 1 : 0);
        if (rule.allowAuto)
            range += ", or \"auto\"";
        return std::string(rule.meaning) + " (" + range + ")";
    }
    return std::string(rule.meaning) + " (" + kindText(rule.kind) + ")";
}

std::string numberProblem(const NumberRule &rule, double v)
{
    if (!inKind(v, rule.kind) || (rule.whole && v != std::floor(v)))
        return "expected " + expectedNumber(rule) + ", got " + jsonNumberText(v);
    if (v < rule.low || v > rule.high)
        return "expected " + std::string(rule.name ? rule.name : rule.meaning)
            + (v > rule.high ? ": at most " + plainNumber(rule.high) : ": at least " + plainNumber(rule.low)) + " ("
            + rule.why + "), got " + jsonNumberText(v);
    return {};
}

std::string demandGbpsProblem(double gbps)
{
    if (gbps == 0.0 || (gbps >= kMinDemandGbps && gbps <= kMaxDemandGbps))
        return {};
    return "expected 0 or a rate from " + plainNumber(kMinDemandGbps) + " to " + plainNumber(kMaxDemandGbps)
        + " Gbps (1 kb/s to 1 Eb/s), got " + plainNumber(gbps);
}

std::string catalogEntryProblem(const std::string &section, const std::string &field, double value)
{
    const FigureBound &b = entryBound(section, field);
    return numberProblem(NumberRule{field.c_str(), Kind::NonNegative, b.low, b.high, b.why}, value);
}

const NumberRule &siteGpusRule() { return kSiteGpus; }
const NumberRule &spanFiberPairsRule() { return kFiberPairs; }
const NumberRule &spanWavelengthsRule() { return kWavelengths; }
const NumberRule &spanMetricRule() { return kMetric; }
const NumberRule &spanLengthRule() { return kSpanLength; }
const NumberRule &sitePowerCapRule() { return kPowerCap; }
const NumberRule &sitePueRule() { return kSitePue; }

std::string figureBoundProblem(const std::string &key, double value)
{
    // The job's required numbers have their own rules; every other key is a figure's.
    const std::pair<const char *, const NumberRule *> jobRules[] = {
        {"model_params", &kModelParams}, {"tokens_per_step", &kTokensPerStep}, {"total_tokens", &kTotalTokens}};
    NumberRule rule = figureRule(key, key.c_str());
    for (const auto &[name, jobRule] : jobRules)
        if (key == name)
            rule = *jobRule;
    rule.kind = Kind::Any;
    return numberProblem(rule, value);
}

std::string pointerToken(const std::string &key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string closestName(const std::string &name, const std::vector<std::string> &candidates)
{
    // Every call costs |name| x |candidate| per candidate, and importers call it once per
    // unknown name: a GNPy file with hundreds of long unknown uids took seconds (fuzz
    // regression import_gnpy_topology/many-long-unknown-uids-slow-hints.json). No hint for a
    // name beyond kMaxHintedName characters; a candidate whose length alone puts it out of
    // reach is skipped.
    constexpr std::size_t kMaxHintedName = 100;
    std::string best;
    if (name.size() > kMaxHintedName)
        return best;
    std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const std::string &c : candidates) {
        const std::size_t lengthGap = name.size() > c.size() ? name.size() - c.size() : c.size() - name.size();
        if (lengthGap >= bestDistance)
            continue;
        const std::size_t d = editDistance(name, c);
        if (d < bestDistance && d < name.size()) { // "c" is no typo of "a"
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

std::vector<Problem> validateScenario(const Scenario &scenario, const Catalog &catalog)
{
    return Validator(scenario, catalog).run();
}

} // namespace dci
