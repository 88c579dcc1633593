#include "catalog.h"
#include "validate.h"

#include "textformat.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace dci {

// Generated at build time from resources/catalog/catalog.json (cmake/EmbedFile.cmake).
extern const char *const kBuiltinCatalogJson;

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string &origin, const std::string &pointer, const std::string &what)
{
    throw std::runtime_error(origin + ": " + pointer + ": " + what);
}

// Refuses a catalog entry's numeric field outside the bounds a scenario's override of it
// has (catalogEntryProblem, docs/SCENARIO-FORMAT.md "Bounds").
void checkEntry(const char *section, const char *field, double value, const std::string &origin,
                const std::string &ptr)
{
    if (const std::string problem = catalogEntryProblem(section, field, value); !problem.empty())
        fail(origin, ptr + "/" + field, problem);
}

const json &member(const json &obj, const char *key, const std::string &origin, const std::string &ptr)
{
    if (!obj.is_object() || !obj.contains(key))
        fail(origin, ptr + "/" + key, "missing");
    return obj.at(key);
}

double number(const json &obj, const char *key, const std::string &origin, const std::string &ptr)
{
    const json &v = member(obj, key, origin, ptr);
    if (!v.is_number())
        fail(origin, ptr + "/" + key, "expected a number");
    return v.get<double>();
}

std::string text(const json &obj, const char *key, const std::string &origin, const std::string &ptr)
{
    const json &v = member(obj, key, origin, ptr);
    if (!v.is_string())
        fail(origin, ptr + "/" + key, "expected a string");
    return v.get<std::string>();
}

std::vector<std::string> placeholders(const json &obj)
{
    std::vector<std::string> out;
    if (obj.contains("placeholders") && obj.at("placeholders").is_array())
        for (const json &p : obj.at("placeholders"))
            if (p.is_string())
                out.push_back(p.get<std::string>());
    return out;
}

// An optional array of strings; `fallback` when the key is absent.
std::vector<std::string> nameList(const json &obj, const char *key, std::vector<std::string> fallback,
                                  const std::string &origin, const std::string &ptr)
{
    if (!obj.contains(key))
        return fallback;
    const json &v = obj.at(key);
    if (!v.is_array() || v.empty())
        fail(origin, ptr + "/" + key, "expected a non-empty array of names");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v.at(i).is_string())
            fail(origin, ptr + "/" + key + "/" + std::to_string(i), "expected a string");
        out.push_back(v.at(i).get<std::string>());
    }
    return out;
}

// An optional plausible range of `value`: `rangeKey` is [low, high], finite, with low <=
// value <= high, and `sourceKey` says what it rests on (docs/MODEL.md "Sensitivity").
// Neither key = no range; one without the other is an error.
void readRange(const json &obj, const char *rangeKey, const char *sourceKey, double value,
               std::optional<std::pair<double, double>> &range, std::string &source, const std::string &origin,
               const std::string &ptr)
{
    if (!obj.contains(rangeKey) && !obj.contains(sourceKey))
        return;
    const std::string p = ptr + "/" + rangeKey;
    if (!obj.contains(rangeKey))
        fail(origin, p, std::string("missing: ") + sourceKey + " is given without a range");
    const json &r = obj.at(rangeKey);
    if (!r.is_array() || r.size() != 2 || !r.at(0).is_number() || !r.at(1).is_number())
        fail(origin, p, "expected [low, high], two numbers, got " + r.dump());
    const double low = r.at(0).get<double>();
    const double high = r.at(1).get<double>();
    if (!std::isfinite(low) || !std::isfinite(high))
        fail(origin, p, "expected two finite numbers");
    if (!(low <= value && value <= high))
        fail(origin, p, formatText("expected low <= value <= high, got [%.10g, %.10g] around the value %.10g", low, high, value));
    source = text(obj, sourceKey, origin, ptr);
    if (source.empty())
        fail(origin, ptr + "/" + sourceKey, "expected what the range rests on (or \"placeholder range\")");
    range = std::pair{low, high};
}

std::map<std::string, Figure> figures(const json &root, const char *section, const std::string &origin)
{
    std::map<std::string, Figure> out;
    const std::string ptr = std::string("/") + section;
    const json &obj = member(root, section, origin, "");
    if (!obj.is_object())
        fail(origin, ptr, "expected an object");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string p = ptr + "/" + it.key();
        Figure f;
        f.value = number(it.value(), "value", origin, p);
        f.unit = text(it.value(), "unit", origin, p);
        f.description = text(it.value(), "description", origin, p);
        f.source = text(it.value(), "source", origin, p);
        f.confidence = text(it.value(), "confidence", origin, p);
        readRange(it.value(), "range", "range_source", f.value, f.range, f.range_source, origin, p);
        out.emplace(it.key(), f);
    }
    return out;
}

template<typename T>
const T *byName(const std::vector<T> &items, const std::string &name)
{
    for (const T &item : items)
        if (item.name == name)
            return &item;
    return nullptr;
}

template<typename T>
std::vector<std::string> names(const std::vector<T> &items)
{
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const T &item : items)
        out.push_back(item.name);
    return out;
}

} // namespace

const GpuType *Catalog::gpu(const std::string &name) const { return byName(gpus, name); }
const Optic *Catalog::optic(const std::string &name) const { return byName(optics, name); }
const Band *Catalog::band(const std::string &name) const { return byName(bands, name); }

const Optic *Catalog::fastestOpticReaching(double length_km) const
{
    const Optic *best = nullptr;
    for (const Optic &o : optics)
        if (o.reach_km >= length_km
            && (!best || o.rate_gbps > best->rate_gbps || (o.rate_gbps == best->rate_gbps && o.price_usd < best->price_usd)))
            best = &o;
    return best;
}

const Optic *Catalog::longestReachOptic() const
{
    const Optic *best = nullptr;
    for (const Optic &o : optics)
        if (!best || o.reach_km > best->reach_km)
            best = &o;
    return best;
}
std::vector<std::string> Catalog::gpuNames() const { return names(gpus); }
std::vector<std::string> Catalog::opticNames() const { return names(optics); }
std::vector<std::string> Catalog::bandNames() const { return names(bands); }

std::vector<std::string> Catalog::figureKeys() const
{
    std::vector<std::string> keys;
    for (const auto *section : {&assumptions, &jobDefaults, &prices})
        for (const auto &entry : *section)
            keys.push_back(entry.first);
    return keys;
}

const Figure *Catalog::findFigure(const std::string &key) const
{
    for (const auto *section : {&assumptions, &jobDefaults, &prices}) {
        auto it = section->find(key);
        if (it != section->end())
            return &it->second;
    }
    return nullptr;
}

double Catalog::figure(const std::string &key) const
{
    const Figure *f = findFigure(key);
    if (!f)
        throw std::out_of_range("catalog has no figure \"" + key + "\"");
    return f->value;
}

Catalog Catalog::fromJson(const std::string &textIn, const std::string &origin)
{
    json root;
    try {
        root = json::parse(textIn);
    } catch (const json::parse_error &e) {
        throw std::runtime_error(origin + ": " + e.what());
    }
    if (!root.is_object() || root.value("format", "") != "dci-catalog")
        fail(origin, "/format", "expected \"dci-catalog\"");

    Catalog c;
    c.version = static_cast<int>(number(root, "version", origin, ""));
    c.defaultGpu = text(root, "default_gpu", origin, "");
    c.defaultOptic = text(root, "default_optic", origin, "");
    c.defaultBand = text(root, "default_band", origin, "");

    const json &gpus = member(root, "gpus", origin, "");
    for (std::size_t i = 0; i < gpus.size(); ++i) {
        const json &g = gpus.at(i);
        const std::string p = "/gpus/" + std::to_string(i);
        GpuType t;
        t.name = text(g, "name", origin, p);
        t.bf16_dense_tflops = number(g, "bf16_dense_tflops", origin, p);
        t.tdp_w = number(g, "tdp_w", origin, p);
        t.it_kw_per_gpu = number(g, "it_kw_per_gpu", origin, p);
        t.price_usd = number(g, "price_usd", origin, p);
        t.source = text(g, "source", origin, p);
        t.confidence = text(g, "confidence", origin, p);
        t.placeholders = placeholders(g);
        for (const auto &[field, value] : {std::pair{"bf16_dense_tflops", t.bf16_dense_tflops}, {"tdp_w", t.tdp_w},
                                           {"it_kw_per_gpu", t.it_kw_per_gpu}, {"price_usd", t.price_usd}})
            checkEntry("gpus", field, value, origin, p);
        c.gpus.push_back(t);
    }
    const json &optics = member(root, "optics", origin, "");
    for (std::size_t i = 0; i < optics.size(); ++i) {
        const json &o = optics.at(i);
        const std::string p = "/optics/" + std::to_string(i);
        Optic t;
        t.name = text(o, "name", origin, p);
        t.rate_gbps = number(o, "rate_gbps", origin, p);
        t.baud_gbd = number(o, "baud_gbd", origin, p);
        t.modulation = text(o, "modulation", origin, p);
        t.spacing_ghz = number(o, "spacing_ghz", origin, p);
        t.reach_km = number(o, "reach_km", origin, p);
        t.power_w = number(o, "power_w", origin, p);
        t.price_usd = number(o, "price_usd", origin, p);
        t.source = text(o, "source", origin, p);
        t.confidence = text(o, "confidence", origin, p);
        t.placeholders = placeholders(o);
        readRange(o, "price_range_usd", "price_range_source", t.price_usd, t.price_range_usd, t.price_range_source,
                  origin, p);
        t.bands = nameList(o, "bands", t.bands, origin, p);
        if (o.contains("single_span")) {
            if (!o.at("single_span").is_boolean())
                fail(origin, p + "/single_span", "expected true or false");
            t.single_span = o.at("single_span").get<bool>();
        }
        for (const auto &[field, value] : {std::pair{"rate_gbps", t.rate_gbps}, {"baud_gbd", t.baud_gbd},
                                           {"spacing_ghz", t.spacing_ghz}, {"reach_km", t.reach_km},
                                           {"power_w", t.power_w}, {"price_usd", t.price_usd}})
            checkEntry("optics", field, value, origin, p);
        c.optics.push_back(t);
    }
    const json &bands = member(root, "bands", origin, "");
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const json &b = bands.at(i);
        const std::string p = "/bands/" + std::to_string(i);
        Band t;
        t.name = text(b, "name", origin, p);
        t.width_thz = number(b, "width_thz", origin, p);
        checkEntry("bands", "width_thz", t.width_thz, origin, p);
        t.source = text(b, "source", origin, p);
        t.confidence = text(b, "confidence", origin, p);
        t.sub_bands = nameList(b, "sub_bands", {t.name}, origin, p);
        t.amplifier_chains = static_cast<int>(t.sub_bands.size());
        if (b.contains("amplifier_chains")) {
            const json &v = b.at("amplifier_chains");
            if (!v.is_number_integer() || v.get<int>() < 1)
                fail(origin, p + "/amplifier_chains", "expected a whole number of at least 1");
            t.amplifier_chains = v.get<int>();
        }
        c.bands.push_back(t);
    }
    c.assumptions = figures(root, "assumptions", origin);
    c.jobDefaults = figures(root, "job_defaults", origin);
    c.prices = figures(root, "prices", origin);

    if (!c.gpu(c.defaultGpu))
        fail(origin, "/default_gpu", "names no GPU of the catalog");
    if (!c.optic(c.defaultOptic))
        fail(origin, "/default_optic", "names no optic of the catalog");
    if (!c.band(c.defaultBand))
        fail(origin, "/default_band", "names no band of the catalog");
    return c;
}

const Catalog &Catalog::builtin()
{
    static const Catalog catalog = fromJson(kBuiltinCatalogJson, "catalog.json");
    return catalog;
}

} // namespace dci
