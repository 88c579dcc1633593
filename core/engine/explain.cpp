#include "explain.h"

#include "engine/traffic.h"
#include "model/geo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace dci {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerGbit = 1e9;
constexpr double kMsPerS = 1000.0;
constexpr double kSecondsPerDay = 86400.0;
constexpr double kHoursPerYear = 8760.0;
constexpr double kWattsPerKw = 1000.0;
// Bounds that keep a trace readable and finite: inputs listed per sum (the largest first),
// nesting depth, and traces per explanation. Memoised (ref, figure) pairs never loop.
constexpr std::size_t kMaxListed = 8;
constexpr int kMaxDepth = 12;
constexpr std::size_t kMaxTraces = 400;
constexpr std::size_t kMaxIdsInError = 20;

const char *kRatio = "ratio"; // shown as a percentage

// ---- numbers as a person reads them ----

std::string groupThousands(const std::string &digits)
{
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            out += ',';
    }
    return out;
}

std::string number(double v)
{
    if (std::isnan(v))
        return "unknown";
    if (std::isinf(v))
        return v > 0 ? "unlimited" : "-unlimited";
    const double a = std::fabs(v);
    char buf[64];
    if (a != 0.0 && (a >= 1e9 || a < 1e-3)) {
        std::snprintf(buf, sizeof buf, "%.4g", v);
        std::string s = buf; // 7e+10 -> 7e10, 1e-05 -> 1e-5
        const auto e = s.find('e');
        if (e != std::string::npos) {
            std::string mant = s.substr(0, e), exp = s.substr(e + 1);
            const bool neg = !exp.empty() && exp[0] == '-';
            if (!exp.empty() && (exp[0] == '+' || exp[0] == '-'))
                exp.erase(0, 1);
            exp.erase(0, std::min(exp.find_first_not_of('0'), exp.size() - 1));
            s = mant + "e" + (neg ? "-" : "") + exp;
        }
        return s;
    }
    const int decimals = a >= 100.0 ? 1 : a >= 1.0 ? 3 : 4;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
    }
    const bool neg = s[0] == '-';
    if (neg)
        s.erase(0, 1);
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
    return (neg ? "-" : "") + groupThousands(whole) + frac;
}

std::string valueText(double v, const std::string &unit)
{
    if (unit == kRatio) {
        if (!std::isfinite(v))
            return number(v);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f %%", v * 100.0);
        return buf;
    }
    if (unit.empty() || !std::isfinite(v))
        return number(v);
    return number(v) + " " + unit;
}

double orNaN(const std::optional<double> &v) { return v ? *v : kNaN; }
double orNaN(const std::optional<int> &v) { return v ? static_cast<double>(*v) : kNaN; }

std::string quoted(const std::string &s) { return "\"" + s + "\""; }

std::string idList(const std::vector<std::string> &ids)
{
    if (ids.empty())
        return "none";
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < kMaxIdsInError; ++i)
        out += (i ? ", " : "") + ids[i];
    if (ids.size() > kMaxIdsInError)
        out += ", ... (" + std::to_string(ids.size()) + " in all)";
    return out;
}

std::optional<double> jobField(const Job &job, const std::string &key) { return jobNumber(job, key); }

const std::map<std::string, std::string> &costItemFigures()
{
    // cost breakdown item -> the figure that explains it
    static const std::map<std::string, std::string> m = {
        {"optics", "optics_usd"},
        {"in-line amplifiers", "inline_amplifiers_usd"},
        {"terminal amplifiers", "terminal_amplifiers_usd"},
        {"mux/demux", "mux_demux_usd"},
        {"fiber lease (metro)", "fiber_lease_metro_usd_per_year"},
        {"fiber lease (long-haul)", "fiber_lease_longhaul_usd_per_year"},
        {"power", "power_usd_per_year"},
        {"maintenance", "maintenance_usd_per_year"},
    };
    return m;
}

// ---- the builder: one explanation, traces memoised by (ref, figure) ----

class Builder {
public:
    Builder(const Scenario &scenario, const Catalog &base, const Results &results)
        : m_scenario(scenario), m_base(base), m_catalog(applyOverrides(base, scenario.assumptions)), m_results(results)
    {
    }

    std::size_t build(const ElementRef &ref, const std::string &figure, int depth)
    {
        const std::string key = ref.text() + "\n" + figure;
        if (const auto it = m_memo.find(key); it != m_memo.end())
            return it->second;
        const std::size_t index = m_out.traces.size();
        m_memo[key] = index;
        m_out.traces.emplace_back();
        Trace t;
        t.ref = ref.text();
        t.figure = figure;
        const int callerDepth = m_depth;
        m_depth = depth;
        if (figure.empty())
            headline(ref, t);
        else if (ref.kind == "site")
            site(ref, figure, t);
        else if (ref.kind == "span")
            span(ref, figure, t);
        else if (ref.kind == "demand")
            demand(ref, figure, t);
        else if (ref.kind == "job")
            job(figure, t);
        else if (ref.kind == "cost")
            cost(figure, t);
        m_depth = callerDepth;
        m_out.traces[index] = std::move(t);
        return index;
    }

    Explanation take() { return std::move(m_out); }

private:
    const Scenario &m_scenario;
    const Catalog &m_base;
    const Catalog m_catalog; // with the scenario's assumptions applied, as evaluate() sees it
    const Results &m_results;
    std::optional<TrafficResult> m_traffic;
    std::map<std::string, std::size_t> m_memo;
    Explanation m_out;
    int m_depth = 0;

    // The traffic stage's own output, for the intermediates the Results do not hold
    // (sizing window, regions, GPUs per DC): the same function evaluate() ran.
    const TrafficResult &traffic()
    {
        if (!m_traffic)
            m_traffic = jobTraffic(m_scenario, m_catalog);
        return *m_traffic;
    }

    static void set(Trace &t, double value, const std::string &unit, const std::string &formula,
                    const std::string &section)
    {
        t.value = value;
        t.has_value = !std::isnan(value);
        t.unit = unit;
        t.formula = formula;
        t.model_section = section;
    }
    static void set(Trace &t, const std::optional<double> &value, const std::string &unit, const std::string &formula,
                    const std::string &section)
    {
        set(t, orNaN(value), unit, formula, section);
    }

    // ---- inputs ----

    static TraceInput input(const std::string &name, double value, const std::string &unit, const std::string &origin,
                            const std::string &source)
    {
        TraceInput in;
        in.name = name;
        in.value = value;
        in.unit = unit;
        in.value_text = valueText(value, unit);
        in.origin = origin;
        in.source = source;
        return in;
    }

    static TraceInput fromScenario(const std::string &name, double value, const std::string &unit,
                                   const std::string &pointer)
    {
        return input(name, value, unit, "scenario", pointer);
    }

    static TraceInput text(const std::string &name, const std::string &value, const std::string &origin,
                           const std::string &source)
    {
        TraceInput in = input(name, kNaN, "", origin, source);
        in.value_text = value;
        return in;
    }

    // A catalog figure (assumptions, job defaults, prices), or the scenario's override of it.
    TraceInput catalogFigure(const std::string &key) const
    {
        const Figure *applied = m_catalog.findFigure(key);
        const Figure *base = m_base.findFigure(key);
        if (!applied)
            return input(key, kNaN, "", "catalog", "not in this catalog");
        TraceInput in = input(key, applied->value, applied->unit, "catalog", applied->source);
        in.confidence = applied->confidence;
        if (m_scenario.assumptions.figures.count(key)) {
            in.origin = "assumption";
            in.source = "/assumptions/" + key
                + (base ? " (catalog: " + valueText(base->value, base->unit) + ", " + base->source + ")" : "");
            in.confidence.clear();
        }
        return in;
    }

    // A field of a catalog entry (GPU, optic, band), or the scenario's override of it.
    TraceInput entryField(const char *section, const std::map<std::string, std::map<std::string, double>> &overrides,
                          const std::string &entry, const std::string &field, double value, const std::string &unit,
                          const std::string &source, const std::string &confidence) const
    {
        TraceInput in = input(field + " of " + entry, value, unit, "catalog", entry + ": " + source);
        in.confidence = confidence;
        const auto it = overrides.find(entry);
        if (it != overrides.end() && it->second.count(field)) {
            in.origin = "assumption";
            in.source = std::string("/assumptions/") + section + "/" + entry + "/" + field;
            in.confidence.clear();
        }
        return in;
    }
    TraceInput gpuField(const std::string &name, const std::string &field, double value, const std::string &unit) const
    {
        const GpuType *g = m_catalog.gpu(name);
        return entryField("gpus", m_scenario.assumptions.gpus, name, field, value, unit, g ? g->source : "",
                          g ? g->confidence : "");
    }
    TraceInput opticField(const std::string &name, const std::string &field, double value, const std::string &unit) const
    {
        const Optic *o = m_catalog.optic(name);
        return entryField("optics", m_scenario.assumptions.optics, name, field, value, unit, o ? o->source : "",
                          o ? o->confidence : "");
    }

    // A job parameter: the job's own value, else the catalog default (or its override).
    TraceInput jobParam(const std::string &key, double value, const std::string &unit = "") const
    {
        if (m_scenario.job && jobField(*m_scenario.job, key))
            return fromScenario(key, value, unit, "/job/" + key);
        TraceInput in = catalogFigure(key);
        in.value = value;
        in.value_text = valueText(value, in.unit.empty() ? unit : in.unit);
        return in;
    }

    // An input computed by the engine, traced in turn (unless the explanation is deep or long).
    TraceInput computed(const std::string &name, double value, const std::string &unit, const ElementRef &ref,
                        const std::string &figure, const std::string &source = {})
    {
        TraceInput in = input(name, value, unit, "computed", source);
        in.ref = ref.text();
        in.figure = figure;
        if (m_depth < kMaxDepth && m_out.traces.size() < kMaxTraces)
            in.trace = build(ref, figure, m_depth + 1);
        return in;
    }

    static TraceInput derived(const std::string &name, double value, const std::string &unit, const std::string &source)
    {
        return input(name, value, unit, "computed", source);
    }

    static ElementRef siteRef(const Scenario &s, std::size_t i) { return {"site", s.sites[i].id, i}; }
    static ElementRef spanRef(const Scenario &s, std::size_t i) { return {"span", s.spans[i].id, i}; }
    static ElementRef demandRef(std::size_t i) { return {"demand", std::to_string(i), i}; }
    static ElementRef jobRef() { return {"job", "", 0}; }
    static ElementRef costRef() { return {"cost", "", 0}; }

    ElementRef spanRefById(const std::string &id) const
    {
        const int i = m_scenario.spanIndex(id);
        return {"span", id, static_cast<std::size_t>(std::max(i, 0))};
    }

    std::size_t jobDemandCount() const
    {
        return static_cast<std::size_t>(std::count_if(m_results.demands.begin(), m_results.demands.end(),
                                                      [](const DemandResult &d) { return d.source == "job"; }));
    }

    std::string demandName(std::size_t i) const
    {
        const DemandResult &d = m_results.demands[i];
        return "demand " + std::to_string(i) + " (" + d.from + " -> " + d.to + ")";
    }

    // ---- headline: the element's main figures, each traced ----

    void headline(const ElementRef &ref, Trace &t)
    {
        t.formula = "headline figures";
        t.has_value = false;
        const std::vector<std::string> &figs = explainableFigures(ref.kind);
        const std::size_t count = ref.kind == "site" ? 2 : ref.kind == "span" ? 6 : ref.kind == "demand" ? 7 : ref.kind == "job" ? 7 : 3;
        for (std::size_t k = 0; k < count && k < figs.size(); ++k) {
            const std::size_t child = build(ref, figs[k], m_depth + 1);
            const Trace &c = m_out.traces[child];
            TraceInput in = input(figs[k], c.has_value ? c.value : kNaN, c.unit, "computed", c.formula);
            in.trace = child;
            in.ref = ref.text();
            in.figure = figs[k];
            t.inputs.push_back(std::move(in));
        }
    }

    // ---- sites: docs/MODEL.md "Power" ----

    void site(const ElementRef &ref, const std::string &figure, Trace &t)
    {
        const Site &s = m_scenario.sites[ref.index];
        const SiteResult &r = m_results.sites[ref.index];
        const std::string at = "/sites/" + std::to_string(ref.index);
        const GpuType *gpu = m_catalog.gpu(s.gpu);
        if (figure == "gpus") {
            set(t, static_cast<double>(r.gpus), "", "as given", "Power");
            t.inputs.push_back(fromScenario("gpus", static_cast<double>(s.gpus), "", at + "/gpus"));
        } else if (figure == "it_power_mw") {
            set(t, r.it_power_mw, "MW", "gpus x it_kw_per_gpu / 1000", "Power");
            t.inputs.push_back(fromScenario("gpus", static_cast<double>(s.gpus), "", at + "/gpus"));
            t.inputs.push_back(gpuField(s.gpu, "it_kw_per_gpu", gpu ? gpu->it_kw_per_gpu : kNaN, "kW"));
            t.note = "it_kw_per_gpu is the all-in IT power of one GPU: server, network and storage share.";
        } else if (figure == "pue") {
            set(t, r.pue, "", s.pue ? "the site's PUE" : "the plan's default PUE", "Power");
            t.inputs.push_back(s.pue ? fromScenario("pue", *s.pue, "", at + "/pue") : catalogFigure("pue"));
        } else if (figure == "power_mw") {
            set(t, r.power_mw, "MW", "it_power_mw x pue", "Power");
            t.inputs.push_back(computed("it_power_mw", r.it_power_mw, "MW", ref, "it_power_mw"));
            t.inputs.push_back(computed("pue", r.pue, "", ref, "pue"));
            if (r.power_cap_mw)
                t.note = "Cap " + valueText(*r.power_cap_mw, "MW") + ": "
                    + (r.over_cap ? "over the cap (an error)." : "within the cap.");
            else
                t.note = "No power cap given.";
        } else if (figure == "power_cap_mw") {
            set(t, r.power_cap_mw, "MW", "as given (none = unlimited)", "Power");
            if (s.power_cap_mw)
                t.inputs.push_back(fromScenario("power_cap_mw", *s.power_cap_mw, "MW", at + "/power_cap_mw"));
        }
    }

    // ---- spans: "Geometry", "Capacity", "Routing", "Transport" ----

    // Gb/s each demand puts on span k in one direction (forward = a -> b), from its routed
    // paths; sums to the span's load unless a demand has more paths than are listed.
    std::vector<std::pair<std::size_t, double>> contributions(std::size_t k, bool forward) const
    {
        const std::string &id = m_scenario.spans[k].id;
        std::vector<std::pair<std::size_t, double>> out;
        for (std::size_t i = 0; i < m_results.demands.size(); ++i) {
            const DemandResult &d = m_results.demands[i];
            double share = 0.0;
            for (const DemandResult::Path &p : d.paths) {
                std::string at = d.from;
                for (const std::string &sid : p.spans) {
                    const Span *sp = m_scenario.span(sid);
                    if (!sp)
                        break;
                    const bool fwd = sp->a == at;
                    if (sid == id && fwd == forward)
                        share += p.fraction;
                    at = fwd ? sp->b : sp->a;
                }
            }
            if (share > 0.0)
                out.emplace_back(i, d.gbps * share);
        }
        std::stable_sort(out.begin(), out.end(), [](const auto &x, const auto &y) { return x.second > y.second; });
        return out;
    }

    void span(const ElementRef &ref, const std::string &figure, Trace &t)
    {
        const Span &s = m_scenario.spans[ref.index];
        const SpanResult &r = m_results.spans[ref.index];
        const std::string at = "/spans/" + std::to_string(ref.index);
        const Optic *optic = m_catalog.optic(s.optic);
        auto pairsInput = [&]() {
            if (s.fiber_pairs)
                return fromScenario("fiber_pairs", *s.fiber_pairs, "", at + "/fiber_pairs");
            return derived("fiber_pairs", orNaN(r.fiber_pairs), "", "chosen by dimensioning (\"auto\")");
        };
        auto wavelengthsInput = [&]() {
            if (s.wavelengths)
                return fromScenario("wavelengths", *s.wavelengths, "", at + "/wavelengths");
            return derived("wavelengths", orNaN(r.wavelengths), "",
                           "chosen by dimensioning (\"auto\"): the fewest that keep the span at or below target_utilization");
        };
        if (figure == "length_km") {
            if (s.length_km) {
                set(t, r.length_km, "km", "as given", "Geometry");
                t.inputs.push_back(fromScenario("length_km", *s.length_km, "km", at + "/length_km"));
            } else {
                set(t, r.length_km, "km", "great_circle_km x route_factor", "Geometry");
                t.inputs.push_back(computed("great_circle_km", r.length_km / m_catalog.figure("route_factor"), "km", ref,
                                            "great_circle_km"));
                t.inputs.push_back(catalogFigure("route_factor"));
                t.note = "No length in the file: estimated from the map (fiber runs longer than the great circle).";
            }
        } else if (figure == "great_circle_km") {
            const Site *a = m_scenario.site(s.a);
            const Site *b = m_scenario.site(s.b);
            set(t, a && b ? geo::greatCircleKm(a->lat, a->lon, b->lat, b->lon) : kNaN, "km",
                "great-circle distance between the two sites' coordinates", "Geometry");
            for (const Site *site : {a, b})
                if (site) {
                    const std::string p = "/sites/" + std::to_string(m_scenario.siteIndex(site->id));
                    t.inputs.push_back(fromScenario("lat of " + site->id, site->lat, "deg", p + "/lat"));
                    t.inputs.push_back(fromScenario("lon of " + site->id, site->lon, "deg", p + "/lon"));
                }
            if (s.length_km)
                t.note = "Not used: the span's length is given in the file.";
        } else if (figure == "latency_ms") {
            set(t, r.latency_ms, "ms", "length_km x fiber_latency_us_per_km / 1000", "Geometry");
            t.inputs.push_back(computed("length_km", r.length_km, "km", ref, "length_km"));
            t.inputs.push_back(catalogFigure("fiber_latency_us_per_km"));
            t.note = "One way.";
        } else if (figure == "metric") {
            if (s.metric) {
                set(t, static_cast<double>(r.metric), "", "as given", "Routing");
                t.inputs.push_back(fromScenario("metric", static_cast<double>(*s.metric), "", at + "/metric"));
            } else {
                set(t, static_cast<double>(r.metric), "", "round(latency_ms x 1000), at least 1 (latency in us)", "Routing");
                t.inputs.push_back(computed("latency_ms", r.latency_ms, "ms", ref, "latency_ms"));
            }
        } else if (figure == "fiber_pairs") {
            set(t, r.fiber_pairs ? std::optional<double>(*r.fiber_pairs) : std::nullopt, "", "as given, or dimensioned", "Capacity");
            t.inputs.push_back(pairsInput());
        } else if (figure == "wavelengths") {
            set(t, r.wavelengths ? std::optional<double>(*r.wavelengths) : std::nullopt, "", "lit per fiber pair: as given, or dimensioned", "Capacity");
            t.inputs.push_back(wavelengthsInput());
        } else if (figure == "capacity_gbps") {
            set(t, r.capacity_gbps, "Gb/s", "fiber_pairs x wavelengths x rate_gbps of the optic", "Capacity");
            t.inputs.push_back(pairsInput());
            t.inputs.push_back(wavelengthsInput());
            t.inputs.push_back(opticField(s.optic, "rate_gbps", optic ? optic->rate_gbps : kNaN, "Gb/s"));
            t.note = "Per direction; rate_gbps is the optic's net client rate per wavelength.";
        } else if (figure == "modules") {
            set(t, orNaN(r.modules), "", "2 x fiber_pairs x wavelengths (a module at each end of each wavelength)", "Capacity");
            t.inputs.push_back(pairsInput());
            t.inputs.push_back(wavelengthsInput());
        } else if (figure == "inline_amp_sites") {
            // The count comes from the Results: the line-system rule lives in the capacity stage.
            const bool oneSpan = optic && optic->single_span && r.reach_ok.value_or(false);
            set(t, orNaN(r.inline_amp_sites), "",
                oneSpan ? "0: a single-span optic within its reach (a booster and a pre-amplifier at the ends)"
                        : "max(0, max(ceil(length_km x fiber_loss_db_per_km / (max_span_loss_db - span_margin_db)), "
                          "ceil(length_km / amp_spacing_km)) - 1)",
                "Capacity");
            if (optic)
                t.inputs.push_back(text("optic", s.optic, "scenario",
                                        "/spans/" + std::to_string(ref.index) + "/optic: "
                                            + (optic->single_span ? "a single-span optic (400ZR, 800ZR)"
                                                                  : "over an amplified line (ZR+ modes)")));
            if (!oneSpan) {
                t.inputs.push_back(computed("length_km", r.length_km, "km", ref, "length_km"));
                for (const char *key : {"fiber_loss_db_per_km", "max_span_loss_db", "span_margin_db", "amp_spacing_km"})
                    t.inputs.push_back(catalogFigure(key));
                t.note = "Amplified spans: as many as the span-loss budget or the longest spacing asks for, whichever "
                         "is more; the in-line sites are the joints between them.";
            }
        } else if (figure == "amplifiers") {
            set(t, orNaN(r.amplifiers), "", "amplifier_chains x fiber_pairs x (inline_amp_sites + 4)", "Capacity");
            t.inputs.push_back(computed("inline_amp_sites", orNaN(r.inline_amp_sites), "", ref, "inline_amp_sites"));
            t.inputs.push_back(pairsInput());
            t.note = "An in-line unit per fiber pair and chain at every in-line site, a booster and a pre-amplifier "
                     "per pair and chain at each end; C+L bands have two chains (MODEL.md \"Capacity\").";
        } else if (figure == "load_ab_gbps" || figure == "load_ba_gbps") {
            const bool forward = figure == "load_ab_gbps";
            const std::string dir = forward ? r.a + " -> " + r.b : r.b + " -> " + r.a;
            set(t, forward ? r.load_ab_gbps : r.load_ba_gbps, "Gb/s",
                "sum over the demands routed " + dir + " of gbps x their share on this span", "Routing");
            const auto parts = contributions(ref.index, forward);
            double rest = 0.0;
            for (std::size_t k = 0; k < parts.size(); ++k) {
                const auto [i, gbps] = parts[k];
                if (k >= kMaxListed) {
                    rest += gbps;
                    continue;
                }
                const DemandResult &d = m_results.demands[i];
                TraceInput in = computed(demandName(i) + (d.label.empty() ? "" : " " + d.label), gbps, "Gb/s",
                                         demandRef(i), "gbps");
                const double share = d.gbps > 0.0 ? gbps / d.gbps : 0.0;
                in.source = valueText(share, kRatio) + " of its " + valueText(d.gbps, "Gb/s");
                t.inputs.push_back(std::move(in));
            }
            if (parts.size() > kMaxListed)
                t.inputs.push_back(derived(std::to_string(parts.size() - kMaxListed) + " smaller demands", rest, "Gb/s",
                                           "their shares summed"));
            if (r.down)
                t.note = "The span is down: it carries nothing.";
            else if (parts.empty())
                t.note = "No demand is routed " + dir + ".";
            else
                t.note = "Demands are routed at their sized gbps (MODEL.md \"Traffic\"), whatever rate they then get.";
        } else if (figure == "load_gbps") {
            set(t, r.load_gbps, "Gb/s", "max(load_ab_gbps, load_ba_gbps): the busier direction", "Routing");
            t.inputs.push_back(computed("load_ab_gbps (" + r.a + " -> " + r.b + ")", orNaN(r.load_ab_gbps), "Gb/s", ref, "load_ab_gbps"));
            t.inputs.push_back(computed("load_ba_gbps (" + r.b + " -> " + r.a + ")", orNaN(r.load_ba_gbps), "Gb/s", ref, "load_ba_gbps"));
            if (r.down)
                t.note = "The span is down: no load.";
        } else if (figure == "utilization") {
            set(t, r.utilization, kRatio, "load_gbps / capacity_gbps", "Routing");
            t.inputs.push_back(computed("load_gbps", orNaN(r.load_gbps), "Gb/s", ref, "load_gbps"));
            t.inputs.push_back(computed("capacity_gbps", orNaN(r.capacity_gbps), "Gb/s", ref, "capacity_gbps"));
            if (r.utilization && *r.utilization > 1.0)
                t.note = "Over 100 %: the span is overloaded (an error).";
            else if (!r.utilization)
                t.note = r.down ? "The span is down." : "Unknown until the span's capacity is known.";
        } else if (figure == "lanes") {
            set(t, orNaN(r.lanes), "", "fiber_pairs x wavelengths (each wavelength a lane the hash picks)", "Transport");
            t.inputs.push_back(pairsInput());
            t.inputs.push_back(wavelengthsInput());
        } else if (figure == "flows") {
            set(t, r.flows, "", "flows_per_pair x the demands' shares in the hotter direction", "Transport");
            t.inputs.push_back(flowsPerPair());
        } else if (figure == "ecmp_imbalance") {
            const bool spray = m_scenario.routing.load_balancing == "spray";
            set(t, r.ecmp_imbalance, "",
                spray ? "1: packets are sprayed evenly over the lanes"
                      : "hottest lane / mean lane when the span's flows hash onto its lanes (expected maximum)",
                "Transport");
            t.inputs.push_back(text("load_balancing", m_scenario.routing.load_balancing, "scenario",
                                    "/routing/load_balancing"));
            if (!spray) {
                t.inputs.push_back(computed("flows", orNaN(r.flows), "", ref, "flows"));
                t.inputs.push_back(computed("lanes", orNaN(r.lanes), "", ref, "lanes"));
            }
        } else if (figure == "hot_lane_utilization") {
            set(t, r.hot_lane_utilization, kRatio, "load of the hotter direction x ecmp_imbalance / capacity_gbps", "Transport");
            double hotLoad = orNaN(r.load_gbps);
            std::string dirFigure = "load_gbps";
            if (r.hot_lane_utilization && r.capacity_gbps && r.ecmp_imbalance && *r.ecmp_imbalance > 0.0) {
                const double want = *r.hot_lane_utilization * *r.capacity_gbps / *r.ecmp_imbalance;
                for (const auto &[fig, v] : {std::pair{"load_ab_gbps", r.load_ab_gbps}, std::pair{"load_ba_gbps", r.load_ba_gbps}})
                    if (v && std::fabs(*v - want) <= 1e-9 * std::max(1.0, want)) {
                        hotLoad = *v;
                        dirFigure = fig;
                    }
            }
            t.inputs.push_back(computed(dirFigure, hotLoad, "Gb/s", ref, dirFigure));
            t.inputs.push_back(computed("ecmp_imbalance", orNaN(r.ecmp_imbalance), "", ref, "ecmp_imbalance"));
            t.inputs.push_back(computed("capacity_gbps", orNaN(r.capacity_gbps), "Gb/s", ref, "capacity_gbps"));
            t.note = "The hottest lane fills before the span's average does.";
        }
    }

    // ---- connections and flows between two DCs: "Traffic" ----

    TraceInput connectionsPerPair()
    {
        if (m_results.job.present)
            return computed("connections_per_pair", orNaN(m_results.job.connections_per_pair), "", jobRef(),
                            "connections_per_pair");
        const JobParams p = resolveJob(Job{}, m_catalog, m_scenario.assumptions);
        return p.connections_from == "assumptions"
            ? catalogFigureAs("connections_per_pair", p.connections_per_pair)
            : derived("connections_per_pair", p.connections_per_pair, "",
                      "no job: dci_ranks_per_dc x nccl_channels x qps_per_connection, as for a hierarchical job");
    }
    TraceInput flowsPerPair()
    {
        if (m_results.job.present)
            return computed("flows_per_pair", orNaN(m_results.job.flows_per_pair), "", jobRef(), "flows_per_pair");
        const JobParams p = resolveJob(Job{}, m_catalog, m_scenario.assumptions);
        return p.flows_from == "assumptions" ? catalogFigureAs("flows_per_pair", p.flows_per_pair)
                                             : derived("flows_per_pair", p.flows_per_pair, "", "= connections_per_pair");
    }
    // An assumption key that is not a catalog figure (connections_per_pair, flows_per_pair).
    static TraceInput catalogFigureAs(const std::string &key, double value)
    {
        TraceInput in = input(key, value, "", "assumption", "/assumptions/" + key);
        return in;
    }

    // ---- demands: "Traffic", "Routing", "Rates", "Transport" ----

    void demand(const ElementRef &ref, const std::string &figure, Trace &t)
    {
        const std::size_t i = ref.index;
        const DemandResult &d = m_results.demands[i];
        const bool isJob = d.source == "job";
        const std::size_t explicitIndex = i - std::min(i, jobDemandCount());
        const std::string at = "/demands/" + std::to_string(explicitIndex);
        const JobResult &job = m_results.job;
        auto jobOnly = [&]() {
            if (!isJob)
                t.note = "An explicit demand (" + d.from + " -> " + d.to + (d.label.empty() ? "" : ", " + d.label)
                    + "): it has no per-event figures.";
        };
        if (figure == "gbps") {
            if (!isJob) {
                set(t, d.gbps, "Gb/s", "as given", "Traffic");
                t.inputs.push_back(fromScenario("gbps", d.gbps, "Gb/s", at + "/gbps"));
                return;
            }
            const double sizing = traffic().sizing_window_s;
            set(t, d.gbps, "Gb/s", "bytes_per_event x 8 / sizing_window_s / 1e9", "Traffic");
            t.inputs.push_back(computed("bytes_per_event", orNaN(d.bytes_per_event), "B", ref, "bytes_per_event"));
            t.inputs.push_back(computed("sizing_window_s", sizing, "s", jobRef(), "sizing_window_s"));
            t.note = "The rate that moves a sync event's bytes in the time it may take (" + d.label + ").";
        } else if (figure == "bytes_per_event") {
            set(t, d.bytes_per_event, "B", "", "Traffic");
            jobOnly();
            if (!isJob)
                return;
            bytesPerEvent(d, t);
        } else if (figure == "window_s") {
            set(t, d.window_s, "s", "the job's window: the time a sync event may take and stay hidden", "Traffic");
            jobOnly();
            if (isJob)
                t.inputs.push_back(computed("window_s", orNaN(job.window_s), "s", jobRef(), "window_s"));
        } else if (figure == "period_steps") {
            set(t, d.period_steps, "", "the job's steps between sync events", "Traffic");
            jobOnly();
            if (isJob)
                t.inputs.push_back(computed("period_steps", orNaN(job.period_steps), "", jobRef(), "period_steps"));
        } else if (figure == "avg_gbps") {
            if (!isJob) {
                set(t, d.avg_gbps, "Gb/s", "= gbps (an explicit demand is steady)", "Traffic");
                t.inputs.push_back(fromScenario("gbps", d.gbps, "Gb/s", at + "/gbps"));
                return;
            }
            set(t, d.avg_gbps, "Gb/s", "bytes_per_event x 8 / (period_steps x compute_s) / 1e9", "Traffic");
            t.inputs.push_back(computed("bytes_per_event", orNaN(d.bytes_per_event), "B", ref, "bytes_per_event"));
            t.inputs.push_back(computed("period_steps", orNaN(d.period_steps), "", ref, "period_steps"));
            t.inputs.push_back(computed("compute_s", orNaN(job.compute_s), "s", jobRef(), "compute_s"));
        } else if (figure == "latency_ms") {
            set(t, d.latency_ms, "ms", "sum of span latency_ms along the longest path it is routed on", "Routing");
            const DemandResult::Path *longest = nullptr;
            double best = -1.0;
            for (const DemandResult::Path &p : d.paths) {
                double sum = 0.0;
                for (const std::string &sid : p.spans)
                    if (const int k = m_scenario.spanIndex(sid); k >= 0)
                        sum += m_results.spans[static_cast<std::size_t>(k)].latency_ms;
                if (sum > best) {
                    best = sum;
                    longest = &p;
                }
            }
            if (!longest) {
                t.note = "No path carries it.";
                return;
            }
            for (std::size_t k = 0; k < longest->spans.size(); ++k) {
                const ElementRef sr = spanRefById(longest->spans[k]);
                const double v = m_results.spans[sr.index].latency_ms;
                if (k < 2 * kMaxListed)
                    t.inputs.push_back(computed("latency_ms of span " + sr.id, v, "ms", sr, "latency_ms"));
            }
            if (longest->spans.size() > 2 * kMaxListed)
                t.note = "The path has " + std::to_string(longest->spans.size()) + " spans; the first "
                    + std::to_string(2 * kMaxListed) + " are listed.";
            else if (d.paths.size() > 1)
                t.note = "Routed over " + std::to_string(d.paths.size()) + " paths; the longest sets the latency.";
        } else if (figure == "rtt_ms") {
            set(t, d.rtt_ms, "ms", "2 x latency_ms", "Rates");
            t.inputs.push_back(computed("latency_ms", orNaN(d.latency_ms), "ms", ref, "latency_ms"));
        } else if (figure == "window_limit_gbps") {
            set(t, d.window_limit_gbps, "Gb/s", "connections_per_pair x flow_window_bytes x 8 / (rtt_ms / 1000) / 1e9", "Rates");
            jobOnly();
            if (!isJob)
                return;
            t.inputs.push_back(connectionsPerPair());
            t.inputs.push_back(catalogFigure("flow_window_bytes"));
            t.inputs.push_back(computed("rtt_ms", orNaN(d.rtt_ms), "ms", ref, "rtt_ms"));
            t.note = "A connection never has more than its window in flight per round trip.";
        } else if (figure == "goodput") {
            const std::string transport = m_scenario.job ? m_scenario.job->transport : kTransports[0];
            const bool sr = transport == "selective-repeat";
            set(t, d.goodput, kRatio,
                sr ? "1 - loss_rate" : "1 / (1 + loss_rate x min(bdp_bytes, flow_window_bytes) / mtu_bytes)", "Transport");
            t.inputs.push_back(m_scenario.job ? text("transport", transport, "scenario", "/job/transport")
                                              : text("transport", transport, "computed", "no job: the default transport"));
            t.inputs.push_back(catalogFigure("loss_rate"));
            if (!sr) {
                t.inputs.push_back(computed("bdp_bytes", orNaN(d.bdp_bytes), "B", ref, "bdp_bytes"));
                t.inputs.push_back(catalogFigure("flow_window_bytes"));
                t.inputs.push_back(catalogFigure("mtu_bytes"));
                t.note = "Go-back-N resends the whole window in flight after each loss.";
            }
        } else if (figure == "bdp_bytes") {
            const double before = d.rate_gbps && d.goodput && *d.goodput > 0.0 ? *d.rate_gbps / *d.goodput : kNaN;
            set(t, d.bdp_bytes, "B", "rate before goodput / max(1, connections_per_pair) x 1e9 / 8 x rtt_ms / 1000", "Transport");
            t.inputs.push_back(derived("rate before goodput", before, "Gb/s", "rate_gbps / goodput"));
            t.inputs.push_back(connectionsPerPair());
            t.inputs.push_back(computed("rtt_ms", orNaN(d.rtt_ms), "ms", ref, "rtt_ms"));
            t.note = "Bytes in flight per connection at its rate.";
        } else if (figure == "rate_gbps") {
            rate(ref, d, t);
        }
    }

    void bytesPerEvent(const DemandResult &d, Trace &t)
    {
        const JobResult &job = m_results.job;
        const TrafficResult &tr = traffic();
        const double D = static_cast<double>(job.dcs.size());
        const ElementRef j = jobRef();
        t.inputs.push_back(computed("exchanged_bytes", orNaN(job.exchanged_bytes), "B", j, "exchanged_bytes"));
        if (job.strategy == "flat-ring") {
            t.formula = "2 x (N - 1) / N x exchanged_bytes (one ring through all N GPUs)";
            t.inputs.push_back(derived("N", static_cast<double>(job.gpus), "", "GPUs of the participating sites"));
        } else if (job.strategy == "pipeline") {
            t.formula = "= exchanged_bytes (activations forward, their gradients back)";
        } else if (job.dc_pattern == "ring") {
            t.formula = D == 2.0 ? "2 x (D - 1) / D x exchanged_bytes (both halves to the one neighbour)"
                                 : "(D - 1) / D x exchanged_bytes to each ring neighbour";
            t.inputs.push_back(derived("D", D, "", "participating DCs"));
        } else if (job.dc_pattern == "regions") {
            const auto pos = [&](const std::string &id) {
                return static_cast<std::size_t>(std::find(tr.dcs.begin(), tr.dcs.end(), id) - tr.dcs.begin());
            };
            const std::size_t a = pos(d.from), b = pos(d.to);
            const bool same = a < tr.regions.size() && b < tr.regions.size() && tr.regions[a] == tr.regions[b];
            if (same) {
                const double k = static_cast<double>(std::count(tr.regions.begin(), tr.regions.end(), tr.regions[a]));
                t.formula = "2 x exchanged_bytes / k (reduce-scatter and all-gather inside region " + tr.regions[a] + ")";
                t.inputs.push_back(derived("k", k, "", "DCs in the region"));
            } else {
                const double m = static_cast<double>(std::set<std::string>(tr.regions.begin(), tr.regions.end()).size());
                t.formula = "2 x exchanged_bytes x overlap of the two DCs' shards / m (all-reduce between regions)";
                t.inputs.push_back(derived("m", m, "", "regions"));
                if (d.bytes_per_event && job.exchanged_bytes && *job.exchanged_bytes > 0.0)
                    t.inputs.push_back(derived("overlap of the shards", *d.bytes_per_event * m / (2.0 * *job.exchanged_bytes),
                                               kRatio, "the byte ranges both DCs own"));
            }
        } else {
            t.formula = "2 x exchanged_bytes / D (reduce-scatter + all-gather between the DCs)";
            t.inputs.push_back(derived("D", D, "", "participating DCs"));
        }
    }

    void rate(const ElementRef &ref, const DemandResult &d, Trace &t)
    {
        const bool isJob = d.source == "job";
        const double before = d.rate_gbps && d.goodput && *d.goodput > 0.0 ? *d.rate_gbps / *d.goodput : kNaN;
        if (!isJob) {
            set(t, d.rate_gbps, "Gb/s", "gbps x min(1, effective capacity / load on its busiest span direction) x goodput", "Rates");
            t.inputs.push_back(computed("gbps", d.gbps, "Gb/s", ref, "gbps"));
            t.inputs.push_back(derived("share it gets", d.gbps > 0.0 ? before / d.gbps : kNaN, kRatio,
                                       "effective capacity = capacity_gbps / ecmp_imbalance"));
            t.inputs.push_back(computed("goodput", orNaN(d.goodput), kRatio, ref, "goodput"));
            t.note = "Explicit demands are fixed loads: they take their Gb/s before the job's demands share the rest.";
            return;
        }
        set(t, d.rate_gbps, "Gb/s", "min(max-min fair share of the span directions it crosses, window_limit_gbps) x goodput", "Rates");
        t.inputs.push_back(text("limited_by", d.limited_by.empty() ? "none" : d.limited_by, "computed",
                                "what stopped its rate from growing"));
        t.inputs.push_back(derived("rate before goodput", before, "Gb/s", "its fair share, or its window limit"));
        t.inputs.push_back(computed("window_limit_gbps", orNaN(d.window_limit_gbps), "Gb/s", ref, "window_limit_gbps"));
        if (!d.limiting_span.empty()) {
            const ElementRef sr = spanRefById(d.limiting_span);
            const SpanResult &s = m_results.spans[sr.index];
            TraceInput cap = computed("capacity_gbps of span " + sr.id, orNaN(s.capacity_gbps), "Gb/s", sr, "capacity_gbps");
            t.inputs.push_back(std::move(cap));
            t.inputs.push_back(computed("ecmp_imbalance of span " + sr.id, orNaN(s.ecmp_imbalance), "", sr, "ecmp_imbalance"));
            if (s.capacity_gbps && s.ecmp_imbalance && *s.ecmp_imbalance > 0.0)
                t.inputs.push_back(derived("effective capacity of span " + sr.id, *s.capacity_gbps / *s.ecmp_imbalance,
                                           "Gb/s", "capacity_gbps / ecmp_imbalance (its busier direction), "
                                                   "less explicit demands, shared with the job demands crossing it"));
        }
        t.inputs.push_back(computed("goodput", orNaN(d.goodput), kRatio, ref, "goodput"));
        t.note = "Explicit demands take their Gb/s first; the job's demands then grow together until a span direction "
                 "(capacity / ecmp_imbalance) is full or they reach their window limit.";
        if (d.limited_by == "capacity" && !d.limiting_span.empty())
            t.note += " This one stopped at the full span " + d.limiting_span + ".";
        else if (d.limited_by == "window")
            t.note += " This one stopped at its window limit: more wavelengths would not help.";
        else if (d.limited_by == "loss")
            t.note += " Loss keeps its goodput low.";
    }

    // ---- the job: "Traffic", "Timing" ----

    void job(const std::string &figure, Trace &t)
    {
        const JobResult &j = m_results.job;
        const JobParams &p = traffic().params;
        const ElementRef me = jobRef();
        const std::string &strategy = j.strategy;
        const bool diloco = strategy == "diloco" || strategy == "streaming-diloco";
        const bool streaming = strategy == "streaming-diloco";
        if (figure == "step_flop") {
            set(t, j.step_flop, "FLOP", "6 x model_params x tokens_per_step", "Traffic");
            t.inputs.push_back(fromScenario("model_params", p.model_params, "", "/job/model_params"));
            t.inputs.push_back(fromScenario("tokens_per_step", p.tokens_per_step, "", "/job/tokens_per_step"));
            t.note = "Training costs about 6 FLOP per parameter per token (Kaplan et al. 2020).";
        } else if (figure == "cluster_flops") {
            set(t, j.cluster_flops, "FLOP/s", "sum over the DCs of gpus x bf16_dense_tflops x 1e12 x mfu", "Traffic");
            std::set<std::string> gpuTypes;
            std::size_t listed = 0;
            for (const std::string &id : j.dcs) {
                const int k = m_scenario.siteIndex(id);
                if (k < 0)
                    continue;
                const Site &s = m_scenario.sites[static_cast<std::size_t>(k)];
                if (listed++ < kMaxListed)
                    t.inputs.push_back(fromScenario("gpus at " + id, static_cast<double>(s.gpus), "",
                                                    "/sites/" + std::to_string(k) + "/gpus"));
                gpuTypes.insert(s.gpu);
            }
            if (listed > kMaxListed)
                t.note = std::to_string(listed) + " DCs, " + std::to_string(j.gpus) + " GPUs in all; the first "
                    + std::to_string(kMaxListed) + " are listed.";
            for (const std::string &g : gpuTypes) {
                const GpuType *gpu = m_catalog.gpu(g);
                t.inputs.push_back(gpuField(g, "bf16_dense_tflops", gpu ? gpu->bf16_dense_tflops : kNaN, "TFLOP/s"));
            }
            t.inputs.push_back(jobParam("mfu", p.mfu));
        } else if (figure == "compute_s") {
            set(t, j.compute_s, "s", "step_flop / cluster_flops", "Traffic");
            t.inputs.push_back(computed("step_flop", orNaN(j.step_flop), "FLOP", me, "step_flop"));
            t.inputs.push_back(computed("cluster_flops", orNaN(j.cluster_flops), "FLOP/s", me, "cluster_flops"));
        } else if (figure == "exchanged_bytes") {
            set(t, j.exchanged_bytes, "B", "", "Traffic");
            t.inputs.push_back(fromScenario("model_params", p.model_params, "", "/job/model_params"));
            if (strategy == "pipeline") {
                t.formula = "tokens_per_step x hidden_size x act_bytes (activations at a stage boundary)";
                t.inputs.clear();
                t.inputs.push_back(fromScenario("tokens_per_step", p.tokens_per_step, "", "/job/tokens_per_step"));
                t.inputs.push_back(jobParam("hidden_size", p.hidden_size));
                t.inputs.push_back(jobParam("act_bytes", p.act_bytes, "B"));
            } else if (diloco) {
                t.formula = streaming ? "model_params x sync_bytes / fragments (one fragment of the pseudo-gradient S')"
                                      : "model_params x sync_bytes (the pseudo-gradient S')";
                t.inputs.push_back(jobParam("sync_bytes", p.sync_bytes, "B"));
                if (streaming)
                    t.inputs.push_back(jobParam("fragments", p.fragments));
            } else {
                t.formula = "model_params x grad_bytes (the gradient S)";
                t.inputs.push_back(jobParam("grad_bytes", p.grad_bytes, "B"));
            }
        } else if (figure == "period_steps") {
            set(t, j.period_steps, "", diloco ? (streaming ? "inner_steps / fragments" : "inner_steps") : "1: every step",
                "Traffic");
            if (diloco)
                t.inputs.push_back(jobParam("inner_steps", p.inner_steps));
            if (streaming)
                t.inputs.push_back(jobParam("fragments", p.fragments));
        } else if (figure == "sizing_window_s") {
            set(t, traffic().sizing_window_s, "s", diloco ? "overlap_steps x compute_s (overlap_steps default 1)" : "overlap x compute_s",
                "Traffic");
            if (diloco)
                t.inputs.push_back(p.overlap_steps ? jobParam("overlap_steps", *p.overlap_steps)
                                                   : derived("overlap_steps", 1.0, "", "default: one inner step"));
            else
                t.inputs.push_back(jobParam("overlap", p.overlap));
            t.inputs.push_back(computed("compute_s", orNaN(j.compute_s), "s", me, "compute_s"));
            t.note = "The time the demands are sized to move a sync event in (their gbps).";
        } else if (figure == "window_s") {
            if (diloco && !streaming && !p.overlap_steps) {
                set(t, j.window_s, "s", "0: vanilla DiLoCo blocks at its outer step", "Traffic");
                t.inputs.push_back(text("strategy", strategy, "scenario", "/job/strategy"));
                t.note = "Give overlap_steps to let the sync overlap inner steps.";
            } else if (diloco) {
                set(t, j.window_s, "s", "overlap_steps x compute_s", "Traffic");
                t.inputs.push_back(computed("sizing_window_s", traffic().sizing_window_s, "s", me, "sizing_window_s"));
            } else {
                set(t, j.window_s, "s", "overlap x compute_s (the backward pass the sync can hide behind)", "Traffic");
                t.inputs.push_back(jobParam("overlap", p.overlap));
                t.inputs.push_back(computed("compute_s", orNaN(j.compute_s), "s", me, "compute_s"));
            }
        } else if (figure == "connections_per_pair") {
            set(t, j.connections_per_pair, "", "", "Traffic");
            if (p.connections_from == "job") {
                t.formula = "as given";
                t.inputs.push_back(fromScenario("connections_per_pair", p.connections_per_pair, "", "/job/connections_per_pair"));
            } else if (p.connections_from == "assumptions") {
                t.formula = "the plan's assumption";
                t.inputs.push_back(catalogFigureAs("connections_per_pair", p.connections_per_pair));
            } else {
                t.formula = strategy == "flat-ring" ? "1 x nccl_channels x qps_per_connection (one rank at each DC boundary)"
                                                    : "dci_ranks_per_dc x nccl_channels x qps_per_connection";
                if (strategy != "flat-ring")
                    t.inputs.push_back(catalogFigure("dci_ranks_per_dc"));
                t.inputs.push_back(catalogFigure("nccl_channels"));
                t.inputs.push_back(catalogFigure("qps_per_connection"));
            }
        } else if (figure == "flows_per_pair") {
            set(t, j.flows_per_pair, "", "", "Traffic");
            if (p.flows_from == "job") {
                t.formula = "as given";
                t.inputs.push_back(fromScenario("flows_per_pair", p.flows_per_pair, "", "/job/flows_per_pair"));
            } else if (p.flows_from == "assumptions") {
                t.formula = "the plan's assumption";
                t.inputs.push_back(catalogFigureAs("flows_per_pair", p.flows_per_pair));
            } else {
                t.formula = "= connections_per_pair";
                t.inputs.push_back(computed("connections_per_pair", orNaN(j.connections_per_pair), "", me, "connections_per_pair"));
            }
        } else if (figure == "transfer_s") {
            transfer(t);
        } else if (figure == "latency_s") {
            latency(t);
        } else if (figure == "comm_s") {
            set(t, j.comm_s, "s", "transfer_s + latency_s (per sync event)", "Timing");
            t.inputs.push_back(computed("transfer_s", orNaN(j.transfer_s), "s", me, "transfer_s"));
            t.inputs.push_back(computed("latency_s", orNaN(j.latency_s), "s", me, "latency_s"));
        } else if (figure == "exposed_s") {
            set(t, j.exposed_s, "s", "max(0, comm_s - window_s) / period_steps", "Timing");
            t.inputs.push_back(computed("comm_s", orNaN(j.comm_s), "s", me, "comm_s"));
            t.inputs.push_back(computed("window_s", orNaN(j.window_s), "s", me, "window_s"));
            t.inputs.push_back(computed("period_steps", orNaN(j.period_steps), "", me, "period_steps"));
            t.note = "The part of a sync event the compute cannot hide, spread over the steps between events.";
        } else if (figure == "bubble_s") {
            if (strategy == "pipeline") {
                set(t, j.bubble_s, "s", "(D - 1) / microbatches x compute_s", "Timing");
                t.inputs.push_back(derived("D", static_cast<double>(j.dcs.size()), "", "pipeline stages (DCs)"));
                t.inputs.push_back(jobParam("microbatches", p.microbatches));
                t.inputs.push_back(computed("compute_s", orNaN(j.compute_s), "s", me, "compute_s"));
            } else {
                set(t, j.bubble_s, "s", "0: only a pipeline has a bubble", "Timing");
            }
        } else if (figure == "step_s") {
            set(t, j.step_s, "s", "compute_s + exposed_s + bubble_s", "Timing");
            t.inputs.push_back(computed("compute_s", orNaN(j.compute_s), "s", me, "compute_s"));
            t.inputs.push_back(computed("exposed_s", orNaN(j.exposed_s), "s", me, "exposed_s"));
            t.inputs.push_back(computed("bubble_s", orNaN(j.bubble_s), "s", me, "bubble_s"));
        } else if (figure == "efficiency") {
            set(t, j.efficiency, kRatio, "compute_s / step_s", "Timing");
            t.inputs.push_back(computed("compute_s", orNaN(j.compute_s), "s", me, "compute_s"));
            t.inputs.push_back(computed("step_s", orNaN(j.step_s), "s", me, "step_s"));
        } else if (figure == "training_days") {
            set(t, j.training_days, "days", "total_tokens / tokens_per_step x step_s / 86400", "Timing");
            if (p.total_tokens)
                t.inputs.push_back(fromScenario("total_tokens", *p.total_tokens, "", "/job/total_tokens"));
            else
                t.note = "The job gives no total_tokens.";
            t.inputs.push_back(fromScenario("tokens_per_step", p.tokens_per_step, "", "/job/tokens_per_step"));
            t.inputs.push_back(computed("step_s", orNaN(j.step_s), "s", me, "step_s"));
        }
        if (!j.step_s && (figure == "transfer_s" || figure == "latency_s" || figure == "comm_s" || figure == "exposed_s"
                          || figure == "step_s" || figure == "efficiency" || figure == "training_days"))
            t.note = "Not timed: a DC is cut off from another, or a sync gets no bandwidth (see the diagnostics).";
    }

    // The job demand that takes longest to move its bytes, as the timing stage picks it.
    std::optional<std::size_t> slowestDemand() const
    {
        std::optional<std::size_t> best;
        double bestS = 0.0;
        for (std::size_t i = 0; i < m_results.demands.size(); ++i) {
            const DemandResult &d = m_results.demands[i];
            if (d.source != "job" || !d.bytes_per_event || !(*d.bytes_per_event > 0.0))
                continue;
            const double s = d.rate_gbps ? *d.bytes_per_event * kBitsPerByte / (*d.rate_gbps * kBitsPerGbit) : 0.0;
            if (!best || s > bestS) {
                best = i;
                bestS = s;
            }
        }
        return best;
    }

    void transfer(Trace &t)
    {
        const JobResult &j = m_results.job;
        set(t, j.transfer_s, "s", "max over the job's demands of bytes_per_event x 8 / (rate_gbps x 1e9)", "Timing");
        const auto slow = slowestDemand();
        if (!slow) {
            t.note = "No job demand crosses the DCI.";
            return;
        }
        const DemandResult &d = m_results.demands[*slow];
        const ElementRef dr = demandRef(*slow);
        t.inputs.push_back(computed("bytes_per_event of " + demandName(*slow), orNaN(d.bytes_per_event), "B", dr, "bytes_per_event"));
        t.inputs.push_back(computed("rate_gbps of " + demandName(*slow), orNaN(d.rate_gbps), "Gb/s", dr, "rate_gbps"));
        t.note = "The slowest of " + std::to_string(jobDemandCount()) + " job demands is " + demandName(*slow)
            + (d.limited_by.empty() ? "" : ", limited by " + d.limited_by) + ".";
    }

    // The job demand from a to b (the hop between two DCs), if any.
    std::optional<std::size_t> jobDemand(const std::string &a, const std::string &b) const
    {
        for (std::size_t i = 0; i < m_results.demands.size(); ++i)
            if (m_results.demands[i].source == "job" && m_results.demands[i].from == a && m_results.demands[i].to == b)
                return i;
        return std::nullopt;
    }

    TraceInput hopInput(std::size_t i)
    {
        const DemandResult &d = m_results.demands[i];
        return computed("latency_ms " + d.from + " -> " + d.to, orNaN(d.latency_ms), "ms", demandRef(i), "latency_ms");
    }

    void latency(Trace &t)
    {
        const JobResult &j = m_results.job;
        const TrafficResult &tr = traffic();
        const std::string &pattern = j.latency_pattern;
        set(t, j.latency_s, "s", "", "Timing");
        t.inputs.push_back(text("latency_pattern", pattern, "computed", "from strategy and dc_pattern"));
        const std::size_t D = j.dcs.size();
        auto longestOf = [&](const std::function<bool(const DemandResult &)> &which) {
            std::optional<std::size_t> best;
            for (std::size_t i = 0; i < m_results.demands.size(); ++i) {
                const DemandResult &d = m_results.demands[i];
                if (d.source == "job" && d.latency_ms && which(d)
                    && (!best || *d.latency_ms > *m_results.demands[*best].latency_ms))
                    best = i;
            }
            return best;
        };
        auto ringHops = [&](std::size_t hops) {
            for (std::size_t k = 0; k < hops && k < 2 * kMaxListed; ++k)
                if (const auto i = jobDemand(j.dcs[k], j.dcs[(k + 1) % D]))
                    t.inputs.push_back(hopInput(*i));
        };
        if (pattern == "none") {
            t.formula = "0: one DC, no sync crosses the DCI";
        } else if (pattern == "direct") {
            t.formula = "2 x the longest one-way latency_ms between two DCs / 1000";
            if (const auto i = longestOf([](const DemandResult &) { return true; }))
                t.inputs.push_back(hopInput(*i));
        } else if (pattern == "ring") {
            t.formula = "the largest sum of 2(D - 1) consecutive hops of the DC ring (latency_ms) / 1000";
            t.inputs.push_back(derived("D", static_cast<double>(D), "", "DCs on the ring"));
            ringHops(D);
        } else if (pattern == "flat-ring") {
            t.formula = "2(N - 1) consecutive hops of the GPU ring: NVLink hops inside servers, network hops between "
                        "servers, one DCI crossing (latency_ms) from each DC to the next; / 1000";
            t.inputs.push_back(derived("N", static_cast<double>(j.gpus), "", "GPUs on the ring"));
            t.inputs.push_back(catalogFigure("nvlink_hop_latency_us"));
            t.inputs.push_back(catalogFigure("network_hop_latency_us"));
            t.inputs.push_back(catalogFigure("gpus_per_server"));
            ringHops(D);
        } else if (pattern == "pipeline") {
            t.formula = "2 x the sum of the stage boundaries' latency_ms (fill and drain) / 1000";
            ringHops(D > 0 ? D - 1 : 0);
        } else if (pattern == "regions") {
            t.formula = "(2 x the longest latency_ms inside a region + 2 x the longest between regions) / 1000";
            auto regionOf = [&](const std::string &id) {
                const auto k = static_cast<std::size_t>(std::find(tr.dcs.begin(), tr.dcs.end(), id) - tr.dcs.begin());
                return k < tr.regions.size() ? tr.regions[k] : id;
            };
            if (const auto i = longestOf([&](const DemandResult &d) { return regionOf(d.from) == regionOf(d.to); }))
                t.inputs.push_back(hopInput(*i));
            if (const auto i = longestOf([&](const DemandResult &d) { return regionOf(d.from) != regionOf(d.to); }))
                t.inputs.push_back(hopInput(*i));
        }
        t.note = "Propagation paid on every sync event, whatever the bandwidth.";
    }

    // ---- cost: "Cost" ----

    std::optional<double> breakdown(const std::string &item) const
    {
        for (const CostItem &c : m_results.cost.breakdown)
            if (c.item == item)
                return c.usd;
        return std::nullopt;
    }

    // Spans the cost counts (the rest are in cost.incomplete).
    std::vector<const SpanResult *> pricedSpans() const
    {
        std::vector<const SpanResult *> out;
        for (const SpanResult &s : m_results.spans)
            if (std::find(m_results.cost.incomplete.begin(), m_results.cost.incomplete.end(), s.id)
                == m_results.cost.incomplete.end())
                out.push_back(&s);
        return out;
    }

    void itemInput(Trace &t, const std::string &item)
    {
        const auto it = costItemFigures().find(item);
        bool yearly = false;
        for (const CostItem &c : m_results.cost.breakdown)
            yearly = yearly || (c.item == item && c.yearly);
        const std::string unit = yearly ? "USD/year" : "USD";
        if (it == costItemFigures().end())
            t.inputs.push_back(derived(item, orNaN(breakdown(item)), unit, "cost breakdown"));
        else
            t.inputs.push_back(computed(item, orNaN(breakdown(item)), unit, costRef(), it->second));
    }

    void cost(const std::string &figure, Trace &t)
    {
        const CostResult &c = m_results.cost;
        const std::vector<const SpanResult *> spans = pricedSpans();
        double modules = 0.0, amps = 0.0, terminal = 0.0, muxUnits = 0.0, metroPairKm = 0.0, longPairKm = 0.0,
               capacity = 0.0;
        std::map<std::string, double> byOptic;
        const Figure *metroMax = m_catalog.findFigure("metro_max_km");
        for (const SpanResult *s : spans) {
            modules += orNaN(s->modules);
            amps += orNaN(s->amplifiers);
            terminal += s->terminal_amplifiers.value_or(0);
            const Band *band = m_catalog.band(s->band);
            muxUnits += 2.0 * orNaN(s->fiber_pairs) * (band ? band->amplifier_chains : 1);
            const bool metro = metroMax && s->length_km <= metroMax->value;
            (metro ? metroPairKm : longPairKm) += orNaN(s->fiber_pairs) * s->length_km;
            capacity += s->capacity_gbps.value_or(0.0);
            byOptic[s->optic] += orNaN(s->modules);
        }
        const std::string over = "summed over " + std::to_string(spans.size()) + " spans";
        if (!c.incomplete.empty())
            t.note = std::to_string(c.incomplete.size()) + " span(s) left out, their equipment not known yet: "
                + idList(c.incomplete) + ".";
        if (figure == "capex_usd") {
            set(t, c.capex_usd, "USD", "optics + in-line amplifiers + terminal amplifiers + mux/demux", "Cost");
            for (const CostItem &item : c.breakdown)
                if (!item.yearly)
                    itemInput(t, item.item);
        } else if (figure == "opex_usd_per_year") {
            set(t, c.opex_usd_per_year, "USD/year", "fiber lease + power + maintenance", "Cost");
            for (const CostItem &item : c.breakdown)
                if (item.yearly)
                    itemInput(t, item.item);
        } else if (figure == "usd_per_gbps") {
            set(t, c.usd_per_gbps, "USD per Gb/s", "capex_usd / the spans' capacity_gbps summed", "Cost");
            t.inputs.push_back(computed("capex_usd", orNaN(c.capex_usd), "USD", costRef(), "capex_usd"));
            t.inputs.push_back(derived("capacity_gbps", capacity, "Gb/s", over + " (per direction)"));
        } else if (figure == "gpu_capex_usd") {
            set(t, c.gpu_capex_usd, "USD", "sum over the sites of gpus x price_usd of their GPU", "Cost");
            std::map<std::string, double> gpus;
            for (const Site &s : m_scenario.sites)
                gpus[s.gpu] += static_cast<double>(s.gpus);
            for (const auto &[name, count] : gpus) {
                const GpuType *g = m_catalog.gpu(name);
                t.inputs.push_back(derived(name + " GPUs", count, "", "sites' gpus summed"));
                t.inputs.push_back(gpuField(name, "price_usd", g ? g->price_usd : kNaN, "USD"));
            }
        } else if (figure == "dci_share_of_gpu_capex") {
            set(t, c.dci_share_of_gpu_capex, kRatio, "capex_usd / gpu_capex_usd", "Cost");
            t.inputs.push_back(computed("capex_usd", orNaN(c.capex_usd), "USD", costRef(), "capex_usd"));
            t.inputs.push_back(computed("gpu_capex_usd", orNaN(c.gpu_capex_usd), "USD", costRef(), "gpu_capex_usd"));
        } else if (figure == "optics_usd") {
            set(t, breakdown("optics"), "USD", "sum over the optics of modules x price_usd", "Cost");
            for (const auto &[name, count] : byOptic) {
                const Optic *o = m_catalog.optic(name);
                t.inputs.push_back(derived(name + " modules", count, "", over));
                t.inputs.push_back(opticField(name, "price_usd", o ? o->price_usd : kNaN, "USD"));
            }
        } else if (figure == "inline_amplifiers_usd") {
            set(t, breakdown("in-line amplifiers"), "USD", "in-line amplifiers x amplifier_usd", "Cost");
            t.inputs.push_back(derived("in-line amplifiers", amps - terminal, "", over + " (amplifiers - terminal amplifiers)"));
            t.inputs.push_back(catalogFigure("amplifier_usd"));
        } else if (figure == "terminal_amplifiers_usd") {
            set(t, breakdown("terminal amplifiers"), "USD", "terminal amplifiers x terminal_amplifier_usd", "Cost");
            t.inputs.push_back(derived("terminal amplifiers", terminal, "",
                                       over + " (a booster and a pre-amplifier per fiber pair, band and end)"));
            t.inputs.push_back(catalogFigure("terminal_amplifier_usd"));
        } else if (figure == "mux_demux_usd") {
            set(t, breakdown("mux/demux"), "USD", "mux/demux units x mux_usd (2 ends x fiber pairs x the band's amplifier chains)", "Cost");
            t.inputs.push_back(derived("mux/demux units", muxUnits, "", over));
            t.inputs.push_back(catalogFigure("mux_usd"));
        } else if (figure == "fiber_lease_metro_usd_per_year") {
            set(t, breakdown("fiber lease (metro)"), "USD/year",
                "pair-km of spans up to metro_max_km x fiber_lease_metro_usd_per_pair_km_year", "Cost");
            t.inputs.push_back(derived("metro fiber pair-km", metroPairKm, "pair-km", over + ": fiber_pairs x length_km"));
            t.inputs.push_back(catalogFigure("metro_max_km"));
            t.inputs.push_back(catalogFigure("fiber_lease_metro_usd_per_pair_km_year"));
        } else if (figure == "fiber_lease_longhaul_usd_per_year") {
            set(t, breakdown("fiber lease (long-haul)"), "USD/year",
                "pair-km of spans over metro_max_km x fiber_lease_usd_per_pair_km_year", "Cost");
            t.inputs.push_back(derived("long-haul fiber pair-km", longPairKm, "pair-km", over + ": fiber_pairs x length_km"));
            t.inputs.push_back(catalogFigure("metro_max_km"));
            t.inputs.push_back(catalogFigure("fiber_lease_usd_per_pair_km_year"));
        } else if (figure == "power_usd_per_year") {
            const Figure *ampPower = m_catalog.findFigure("amplifier_power_w");
            double watts = amps * (ampPower ? ampPower->value : kNaN);
            for (const auto &[name, count] : byOptic)
                if (const Optic *o = m_catalog.optic(name))
                    watts += count * o->power_w;
            set(t, breakdown("power"), "USD/year",
                "(modules x power_w + amplifiers x amplifier_power_w) / 1000 x pue x 8760 h x power_usd_per_kwh", "Cost");
            for (const auto &[name, count] : byOptic) {
                const Optic *o = m_catalog.optic(name);
                t.inputs.push_back(derived(name + " modules", count, "", over));
                t.inputs.push_back(opticField(name, "power_w", o ? o->power_w : kNaN, "W"));
            }
            t.inputs.push_back(derived("amplifiers", amps, "", over));
            t.inputs.push_back(catalogFigure("amplifier_power_w"));
            t.inputs.push_back(derived("DCI power", watts / kWattsPerKw, "kW", "modules and amplifiers"));
            t.inputs.push_back(catalogFigure("pue"));
            t.inputs.push_back(derived("hours per year", kHoursPerYear, "h", "365 x 24"));
            t.inputs.push_back(catalogFigure("power_usd_per_kwh"));
        } else if (figure == "maintenance_usd_per_year") {
            set(t, breakdown("maintenance"), "USD/year", "maintenance_share_per_year x capex_usd", "Cost");
            t.inputs.push_back(catalogFigure("maintenance_share_per_year"));
            t.inputs.push_back(computed("capex_usd", orNaN(c.capex_usd), "USD", costRef(), "capex_usd"));
        }
        for (const CostItem &item : c.breakdown)
            if (costItemFigures().count(item.item) && costItemFigures().at(item.item) == figure && item.placeholder)
                t.note += std::string(t.note.empty() ? "" : " ") + "Priced with a placeholder figure (unverified).";
    }
};

// Traces renumbered breadth first from the asked figure: its own inputs' traces come
// right after it, their inputs' after those (the builder appends depth first).
Explanation inReadingOrder(Explanation e)
{
    const std::size_t n = e.traces.size();
    std::vector<std::size_t> order{0}, newIndex(n, n);
    if (n == 0)
        return e;
    newIndex[0] = 0;
    for (std::size_t k = 0; k < order.size(); ++k)
        for (const TraceInput &in : e.traces[order[k]].inputs)
            if (in.trace && newIndex[*in.trace] == n) {
                newIndex[*in.trace] = order.size();
                order.push_back(*in.trace);
            }
    std::vector<Trace> traces;
    for (std::size_t old : order) {
        traces.push_back(std::move(e.traces[old]));
        for (TraceInput &in : traces.back().inputs)
            if (in.trace)
                in.trace = newIndex[*in.trace];
    }
    e.traces = std::move(traces);
    return e;
}

bool isNumber(const std::string &s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

nlohmann::ordered_json jsonNumber(double v, bool has = true)
{
    return has && std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

} // namespace

const std::vector<std::string> &explainableFigures(const std::string &kind)
{
    static const std::map<std::string, std::vector<std::string>> figures = {
        {"site", {"power_mw", "it_power_mw", "pue", "gpus", "power_cap_mw"}},
        {"span", {"utilization", "load_gbps", "capacity_gbps", "latency_ms", "length_km", "hot_lane_utilization",
                  "load_ab_gbps", "load_ba_gbps", "metric", "fiber_pairs", "wavelengths", "modules", "amplifiers",
                  "inline_amp_sites", "lanes", "flows", "ecmp_imbalance", "great_circle_km"}},
        {"demand", {"gbps", "rate_gbps", "bytes_per_event", "window_s", "window_limit_gbps", "rtt_ms", "goodput",
                    "avg_gbps", "period_steps", "latency_ms", "bdp_bytes"}},
        {"job", {"efficiency", "step_s", "compute_s", "exposed_s", "transfer_s", "latency_s", "training_days",
                 "comm_s", "bubble_s", "window_s", "sizing_window_s", "period_steps", "exchanged_bytes", "step_flop",
                 "cluster_flops", "connections_per_pair", "flows_per_pair"}},
        {"cost", {"capex_usd", "opex_usd_per_year", "usd_per_gbps", "gpu_capex_usd", "dci_share_of_gpu_capex",
                  "optics_usd", "inline_amplifiers_usd", "terminal_amplifiers_usd", "mux_demux_usd",
                  "fiber_lease_metro_usd_per_year", "fiber_lease_longhaul_usd_per_year", "power_usd_per_year",
                  "maintenance_usd_per_year"}},
    };
    static const std::vector<std::string> none;
    const auto it = figures.find(kind);
    return it == figures.end() ? none : it->second;
}

std::optional<ElementRef> resolveRef(const Scenario &scenario, const Results &results, const std::string &ref,
                                     std::string &error)
{
    const std::string kinds = "site:ID, span:ID, demand:N, demand:FROM>TO, job or cost";
    auto demandRange = [&]() {
        return results.demands.empty() ? std::string("the plan has no demands")
                                       : "demands are 0 to " + std::to_string(results.demands.size() - 1)
                + " (their order in evaluate --json)";
    };
    if (ref == "job") {
        if (!results.job.present) {
            error = scenario.job ? "the job is not evaluated (it has no GPUs to run on)" : "the plan describes no job";
            return std::nullopt;
        }
        return ElementRef{"job", "", 0};
    }
    if (ref == "cost")
        return ElementRef{"cost", "", 0};
    const auto colon = ref.find(':');
    if (colon != std::string::npos) {
        const std::string kind = ref.substr(0, colon), id = ref.substr(colon + 1);
        if (kind == "site") {
            const int i = scenario.siteIndex(id);
            if (i < 0) {
                error = "no site " + quoted(id) + " (sites are: " + idList(scenario.siteIds()) + ")";
                return std::nullopt;
            }
            return ElementRef{"site", id, static_cast<std::size_t>(i)};
        }
        if (kind == "span") {
            const int i = scenario.spanIndex(id);
            if (i < 0) {
                std::vector<std::string> ids;
                for (const Span &s : scenario.spans)
                    ids.push_back(s.id);
                error = "no span " + quoted(id) + " (spans are: " + idList(ids) + ")";
                return std::nullopt;
            }
            return ElementRef{"span", id, static_cast<std::size_t>(i)};
        }
        if (kind == "demand" && id.find('>') != std::string::npos) {
            // demand:FROM>TO: the job's demand between two DCs (else an explicit one), which
            // keeps its meaning when the demands are numbered again (another DC pattern).
            const std::string from = id.substr(0, id.find('>')), to = id.substr(id.find('>') + 1);
            std::optional<std::size_t> found;
            for (std::size_t i = 0; i < results.demands.size(); ++i) {
                const DemandResult &d = results.demands[i];
                if (d.from == from && d.to == to && (!found || (d.source == "job" && results.demands[*found].source != "job")))
                    found = i;
            }
            if (!found) {
                std::vector<std::string> pairs;
                for (const DemandResult &d : results.demands)
                    pairs.push_back(d.from + ">" + d.to);
                error = "no demand from " + quoted(from) + " to " + quoted(to) + " (demands are: " + idList(pairs) + ")";
                return std::nullopt;
            }
            return ElementRef{"demand", std::to_string(*found), *found};
        }
        if (kind == "demand") {
            if (!isNumber(id) || id.size() > 9 || std::stoul(id) >= results.demands.size()) {
                error = "no demand " + quoted(id) + ": " + demandRange();
                return std::nullopt;
            }
            const std::size_t n = std::stoul(id);
            return ElementRef{"demand", std::to_string(n), n};
        }
        error = "unknown kind " + quoted(kind) + " in " + quoted(ref) + ": expected " + kinds;
        return std::nullopt;
    }
    const int site = scenario.siteIndex(ref);
    const int span = scenario.spanIndex(ref);
    if (site >= 0 && span >= 0) {
        error = quoted(ref) + " names both site:" + ref + " and span:" + ref + ": write one of them";
        return std::nullopt;
    }
    if (site >= 0)
        return ElementRef{"site", ref, static_cast<std::size_t>(site)};
    if (span >= 0)
        return ElementRef{"span", ref, static_cast<std::size_t>(span)};
    std::vector<std::string> spans;
    for (const Span &s : scenario.spans)
        spans.push_back(s.id);
    error = "no element " + quoted(ref) + ": expected " + kinds + "; sites are: " + idList(scenario.siteIds())
        + "; spans are: " + idList(spans) + "; " + demandRange();
    return std::nullopt;
}

Explanation explainFigure(const Scenario &scenario, const Catalog &base, const Results &results, const std::string &ref,
                          const std::string &figure)
{
    Explanation out;
    std::string error;
    const std::optional<ElementRef> element = resolveRef(scenario, results, ref, error);
    if (!element) {
        out.errors.push_back(error);
        return out;
    }
    if (!figure.empty()) {
        const std::vector<std::string> &figs = explainableFigures(element->kind);
        if (std::find(figs.begin(), figs.end(), figure) == figs.end()) {
            std::string list;
            for (const std::string &f : figs)
                list += (list.empty() ? "" : ", ") + f;
            out.errors.push_back("unknown figure " + quoted(figure) + " for " + element->kind + ": expected one of " + list);
            return out;
        }
    }
    // The Results must be the scenario's own: the engine's element lists match it.
    if (results.sites.size() != scenario.sites.size() || results.spans.size() != scenario.spans.size()) {
        out.errors.push_back("the results do not belong to this scenario");
        return out;
    }
    Builder builder(scenario, base, results);
    builder.build(*element, figure, 0);
    return inReadingOrder(builder.take());
}

namespace {
// The text form keeps a catalog source to its first sentence (the JSON has it whole).
std::string shortSource(const std::string &source)
{
    constexpr std::size_t kMaxChars = 100;
    std::size_t end = source.find(". ");
    if (end == std::string::npos || end > kMaxChars)
        end = std::min(source.size(), kMaxChars);
    return end < source.size() ? source.substr(0, end) + " ..." : source;
}
} // namespace

std::string traceValueText(const Trace &t)
{
    return t.has_value ? valueText(t.value, t.unit) : "unknown (null)";
}

std::string explanationText(const Explanation &e)
{
    std::string out;
    for (const std::string &err : e.errors)
        out += "error: " + err + "\n";
    for (std::size_t k = 0; k < e.traces.size(); ++k) {
        const Trace &t = e.traces[k];
        const std::string label = k == 0 ? "" : "[" + std::to_string(k) + "] ";
        if (t.figure.empty()) {
            out += label + t.ref + ": its headline figures\n";
        } else {
            out += label + t.ref + " " + t.figure + " = " + traceValueText(t);
            out += "\n";
            if (!t.formula.empty())
                out += "  = " + t.formula + (t.model_section.empty() ? "" : "   (MODEL.md \"" + t.model_section + "\")")
                    + "\n";
        }
        std::size_t nameWidth = 0, valueWidth = 0;
        for (const TraceInput &in : t.inputs) {
            nameWidth = std::max(nameWidth, in.name.size());
            valueWidth = std::max(valueWidth, in.value_text.size());
        }
        for (const TraceInput &in : t.inputs) {
            std::string line = "    " + in.name + std::string(nameWidth - in.name.size() + 2, ' ') + in.value_text
                + std::string(valueWidth - in.value_text.size() + 2, ' ') + in.origin;
            if (!in.source.empty())
                line += ": " + (in.origin == "catalog" ? shortSource(in.source) : in.source);
            if (!in.confidence.empty())
                line += " (confidence " + in.confidence + ")";
            if (in.trace)
                line += "   [see " + std::to_string(*in.trace) + "]";
            else if (!in.ref.empty() && in.origin == "computed")
                line += "   (explain " + in.ref + " " + in.figure + ")";
            out += line + "\n";
        }
        if (!t.note.empty())
            out += "  " + t.note + "\n";
        if (k + 1 < e.traces.size())
            out += "\n";
    }
    return out;
}

std::string explanationJson(const Explanation &e)
{
    using ojson = nlohmann::ordered_json;
    ojson root;
    root["ref"] = e.traces.empty() ? ojson(nullptr) : ojson(e.traces.front().ref);
    root["figure"] = e.traces.empty() || e.traces.front().figure.empty() ? ojson(nullptr) : ojson(e.traces.front().figure);
    ojson traces = ojson::array();
    for (const Trace &t : e.traces) {
        ojson o;
        o["ref"] = t.ref;
        o["figure"] = t.figure.empty() ? ojson(nullptr) : ojson(t.figure);
        o["value"] = jsonNumber(t.value, t.has_value);
        o["value_text"] = t.has_value ? valueText(t.value, t.unit) : "unknown";
        o["unit"] = t.unit;
        o["formula"] = t.formula;
        o["section"] = t.model_section.empty() ? ojson(nullptr) : ojson(t.model_section);
        ojson inputs = ojson::array();
        for (const TraceInput &in : t.inputs) {
            ojson i;
            i["name"] = in.name;
            i["value"] = jsonNumber(in.value);
            i["value_text"] = in.value_text;
            i["unit"] = in.unit;
            i["origin"] = in.origin;
            i["source"] = in.source;
            i["confidence"] = in.confidence.empty() ? ojson(nullptr) : ojson(in.confidence);
            i["trace"] = in.trace ? ojson(*in.trace) : ojson(nullptr);
            i["ref"] = in.ref.empty() ? ojson(nullptr) : ojson(in.ref);
            i["figure"] = in.figure.empty() ? ojson(nullptr) : ojson(in.figure);
            inputs.push_back(std::move(i));
        }
        o["inputs"] = std::move(inputs);
        o["note"] = t.note.empty() ? ojson(nullptr) : ojson(t.note);
        traces.push_back(std::move(o));
    }
    root["traces"] = std::move(traces);
    if (!e.errors.empty())
        root["errors"] = e.errors;
    return root.dump(2) + "\n";
}

} // namespace dci
