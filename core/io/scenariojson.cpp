#include "scenariojson.h"

#include "edit/edits.h"
#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace dci {

namespace {

// A demand's rate, when not 0: 1 kb/s to 1 Eb/s, far beyond any DCI either way.
constexpr double kMinDemandGbps = 1e-6;
constexpr double kMaxDemandGbps = 1e9;

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// ---- helpers for messages -------------------------------------------------------------

std::string joinNames(const std::vector<std::string> &names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i)
            out += ", ";
        out += names[i];
    }
    return out.empty() ? "none" : out;
}

std::string inQuotes(const std::string &s) { return "\"" + s + "\""; }

std::string typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: return "a string (" + v.dump() + ")";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number (" + v.dump() + ")";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    default: return "an unsupported value";
    }
}

std::string escapePointerToken(const std::string &key)
{
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

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

// ---- the validating reader ------------------------------------------------------------

enum class Range { Any, NonNegative, Positive, AtLeastOne, UnitOpenClosed, Probability, Latitude, Longitude };

const char *rangeText(Range r)
{
    switch (r) {
    case Range::NonNegative: return "a finite number >= 0";
    case Range::Positive: return "a finite number > 0";
    case Range::AtLeastOne: return "a finite number >= 1";
    case Range::UnitOpenClosed: return "a number in (0, 1]";
    case Range::Probability: return "a number in [0, 1]";
    case Range::Latitude: return "a latitude in degrees, -90 to 90";
    case Range::Longitude: return "a longitude in degrees, -180 to 180";
    case Range::Any: break;
    }
    return "a finite number";
}

bool inRange(double v, Range r)
{
    if (!std::isfinite(v))
        return false;
    switch (r) {
    case Range::Any: return true;
    case Range::NonNegative: return v >= 0;
    case Range::Positive: return v > 0;
    case Range::AtLeastOne: return v >= 1;
    case Range::UnitOpenClosed: return v > 0 && v <= 1;
    case Range::Probability: return v >= 0 && v <= 1;
    case Range::Latitude: return v >= -90 && v <= 90;
    case Range::Longitude: return v >= -180 && v <= 180;
    }
    return true;
}

class Reader {
public:
    Reader(std::string origin, std::vector<std::string> &errors)
        : m_origin(std::move(origin)), m_errors(errors) {}

    void error(const std::string &pointer, const std::string &what)
    {
        m_errors.push_back(m_origin + ": " + (pointer.empty() ? "/" : pointer) + ": " + what);
    }

    bool expectObject(const json &v, const std::string &ptr, const char *what)
    {
        if (v.is_object())
            return true;
        error(ptr, std::string("expected ") + what + " (a JSON object), got " + typeName(v));
        return false;
    }

    // Keys outside `allowed`: "x-" keys are kept in `ext`; others are errors with a suggestion.
    void checkKeys(const json &obj, const std::string &ptr, const std::vector<std::string> &allowed, Extensions *ext)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string &key = it.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
                continue;
            if (key.rfind("x-", 0) == 0) {
                if (ext)
                    (*ext)[key] = it.value().dump();
                continue;
            }
            std::string msg = "unknown key " + inQuotes(key);
            const std::string hint = closestName(key, allowed);
            if (!hint.empty())
                msg += " (did you mean " + inQuotes(hint) + "?)";
            msg += "; keys here are: " + joinNames(allowed) + "; prefix your own keys with \"x-\" to keep them";
            error(ptr + "/" + escapePointerToken(key), msg);
        }
    }

    std::optional<std::string> text(const json &obj, const char *key, const std::string &ptr, bool required,
                                    const char *meaning)
    {
        const std::string p = ptr + "/" + key;
        if (!obj.contains(key)) {
            if (required)
                error(ptr, std::string("missing required key ") + inQuotes(key) + " (" + meaning + ")");
            return std::nullopt;
        }
        const json &v = obj.at(key);
        if (!v.is_string()) {
            error(p, std::string("expected ") + meaning + " (a string), got " + typeName(v));
            return std::nullopt;
        }
        return v.get<std::string>();
    }

    std::optional<std::string> id(const json &obj, const char *key, const std::string &ptr, const char *meaning)
    {
        auto v = text(obj, key, ptr, true, meaning);
        if (v && (v->empty() || v->find_first_of(" \t\n\r") == 0
                  || v->find_last_of(" \t\n\r") == v->size() - 1)) {
            error(ptr + "/" + key, std::string("expected ") + meaning
                                       + " (a non-empty string without leading or trailing spaces), got " + inQuotes(*v));
            return std::nullopt;
        }
        return v;
    }

    std::optional<double> number(const json &obj, const char *key, const std::string &ptr, bool required,
                                 Range range, const char *meaning)
    {
        if (!obj.contains(key)) {
            if (required)
                error(ptr, std::string("missing required key ") + inQuotes(key) + " (" + meaning + ", " + rangeText(range) + ")");
            return std::nullopt;
        }
        return numberValue(obj.at(key), ptr + "/" + key, range, meaning);
    }

    std::optional<double> numberValue(const json &v, const std::string &p, Range range, const char *meaning)
    {
        if (!v.is_number()) {
            error(p, std::string("expected ") + meaning + " (" + rangeText(range) + "), got " + typeName(v));
            return std::nullopt;
        }
        const double d = v.get<double>();
        if (!inRange(d, range)) {
            error(p, std::string("expected ") + meaning + " (" + rangeText(range) + "), got " + v.dump());
            return std::nullopt;
        }
        return d;
    }

    // A whole number >= minimum; with allowAuto the string "auto" gives (true, nullopt).
    std::optional<std::int64_t> count(const json &obj, const char *key, const std::string &ptr, std::int64_t minimum,
                                      const char *meaning, bool allowAuto, bool *isAuto)
    {
        const std::string p = ptr + "/" + key;
        const json &v = obj.at(key);
        if (allowAuto && v.is_string() && v.get<std::string>() == "auto") {
            *isAuto = true;
            return std::nullopt;
        }
        const std::string expected = std::string("expected ") + meaning + " (a whole number >= " + std::to_string(minimum)
            + (allowAuto ? ", or \"auto\")" : ")");
        if (!v.is_number()) {
            error(p, expected + ", got " + typeName(v));
            return std::nullopt;
        }
        const double d = v.get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(minimum) || d > 9.0e15) {
            error(p, expected + ", got " + v.dump());
            return std::nullopt;
        }
        return static_cast<std::int64_t>(d);
    }

    // An optional true/false; false (and `out` untouched) when present but not a boolean.
    bool boolean(const json &obj, const char *key, const std::string &ptr, bool &out)
    {
        if (!obj.contains(key))
            return true;
        const json &v = obj.at(key);
        if (!v.is_boolean()) {
            error(ptr + "/" + key, "expected true or false, got " + typeName(v));
            return false;
        }
        out = v.get<bool>();
        return true;
    }

    // An optional array of distinct names (non-empty strings without surrounding spaces).
    bool names(const json &obj, const char *key, const std::string &ptr, const char *meaning,
               std::vector<std::string> &out)
    {
        if (!obj.contains(key))
            return true;
        const std::string p = ptr + "/" + key;
        const json &arr = obj.at(key);
        if (!arr.is_array()) {
            error(p, std::string("expected a list of ") + meaning + "s (an array of strings), got " + typeName(arr));
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string at = p + "/" + std::to_string(i);
            const json &v = arr.at(i);
            const std::string name = v.is_string() ? v.get<std::string>() : std::string();
            if (!v.is_string() || name.empty() || name.find_first_of(" \t\n\r") == 0
                || name.find_last_of(" \t\n\r") == name.size() - 1) {
                error(at, std::string("expected ") + meaning
                              + " (a non-empty string without leading or trailing spaces), got "
                              + (v.is_string() ? inQuotes(name) : typeName(v)));
                ok = false;
            } else if (std::find(out.begin(), out.end(), name) != out.end()) {
                error(at, std::string(meaning) + " " + inQuotes(name) + " appears twice here; name each once");
                ok = false;
            } else {
                out.push_back(name);
            }
        }
        return ok;
    }

    std::optional<std::string> choice(const json &obj, const char *key, const std::string &ptr,
                                      const std::vector<std::string> &options, const char *meaning)
    {
        auto v = text(obj, key, ptr, false, meaning);
        if (!v)
            return std::nullopt;
        if (std::find(options.begin(), options.end(), *v) != options.end())
            return v;
        std::string msg = "unknown " + std::string(meaning) + " " + inQuotes(*v);
        const std::string hint = closestName(*v, options);
        if (!hint.empty())
            msg += " (did you mean " + inQuotes(hint) + "?)";
        msg += "; expected one of: " + joinNames(options);
        error(ptr + "/" + key, msg);
        return std::nullopt;
    }

private:
    std::string m_origin;
    std::vector<std::string> &m_errors;
};

template<std::size_t N>
std::vector<std::string> toVector(const char *const (&items)[N])
{
    return std::vector<std::string>(items, items + N);
}

// ---- duplicate JSON keys (nlohmann keeps the last silently; we refuse them) -------------

struct KeyFrame {
    bool array = false;
    long index = -1;
    std::string key;
    std::set<std::string> keys;
};

std::string framePointer(const std::vector<KeyFrame> &frames)
{
    std::string p;
    for (const KeyFrame &f : frames)
        p += "/" + (f.array ? std::to_string(f.index) : escapePointerToken(f.key));
    return p;
}

// ---- reading each part --------------------------------------------------------------

void readSites(Reader &r, const json &root, const Catalog &catalog, Scenario &s)
{
    if (!root.contains("sites")) {
        r.error("", "missing required key \"sites\" (an array of DC sites)");
        return;
    }
    const json &arr = root.at("sites");
    if (!arr.is_array()) {
        r.error("/sites", "expected an array of sites, got " + typeName(arr));
        return;
    }
    std::map<std::string, std::string> seen; // id -> pointer of first use
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string ptr = "/sites/" + std::to_string(i);
        const json &o = arr.at(i);
        if (!r.expectObject(o, ptr, "a site"))
            continue;
        Site site;
        r.checkKeys(o, ptr, {"id", "name", "lat", "lon", "gpu", "gpus", "power_cap_mw", "pue", "region", "down"},
                    &site.extensions);
        bool ok = true;
        auto id = r.id(o, "id", ptr, "a site id");
        auto lat = r.number(o, "lat", ptr, true, Range::Latitude, "latitude");
        auto lon = r.number(o, "lon", ptr, true, Range::Longitude, "longitude");
        ok = id && lat && lon;
        if (id) {
            auto [it, fresh] = seen.emplace(*id, ptr + "/id");
            if (!fresh) {
                r.error(ptr + "/id", "duplicate site id " + inQuotes(*id) + " (first used at " + it->second + ")");
                ok = false;
            }
            site.id = *id;
        }
        site.name = r.text(o, "name", ptr, false, "a display name").value_or(site.id);
        site.lat = lat.value_or(0.0);
        site.lon = lon.value_or(0.0);
        site.gpu = catalog.defaultGpu;
        if (auto gpu = r.text(o, "gpu", ptr, false, "a GPU name from the catalog")) {
            if (catalog.gpu(*gpu)) {
                site.gpu = *gpu;
            } else {
                std::string msg = "unknown GPU " + inQuotes(*gpu);
                const std::string hint = closestName(*gpu, catalog.gpuNames());
                if (!hint.empty())
                    msg += " (did you mean " + inQuotes(hint) + "?)";
                r.error(ptr + "/gpu", msg + "; the catalog has: " + joinNames(catalog.gpuNames()));
                ok = false;
            }
        }
        if (o.contains("gpus")) {
            bool isAuto = false;
            auto n = r.count(o, "gpus", ptr, 0, "a GPU count", false, &isAuto);
            ok = ok && n;
            site.gpus = n.value_or(0);
        }
        if (o.contains("power_cap_mw")) {
            site.power_cap_mw = r.number(o, "power_cap_mw", ptr, false, Range::NonNegative, "a power cap in MW");
            ok = ok && site.power_cap_mw;
        }
        if (o.contains("pue")) {
            site.pue = r.number(o, "pue", ptr, false, Range::AtLeastOne, "a PUE");
            ok = ok && site.pue;
        }
        if (o.contains("region")) {
            auto region = r.text(o, "region", ptr, false, "a region name");
            ok = ok && region;
            site.region = region.value_or("");
        }
        ok = r.boolean(o, "down", ptr, site.down) && ok;
        if (ok)
            s.sites.push_back(std::move(site));
    }
}

void readSpans(Reader &r, const json &root, const Catalog &catalog, const std::vector<std::string> &siteIds, Scenario &s)
{
    if (!root.contains("spans"))
        return;
    const json &arr = root.at("spans");
    if (!arr.is_array()) {
        r.error("/spans", "expected an array of spans, got " + typeName(arr));
        return;
    }
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string ptr = "/spans/" + std::to_string(i);
        const json &o = arr.at(i);
        if (!r.expectObject(o, ptr, "a span"))
            continue;
        Span span;
        r.checkKeys(o, ptr,
                    {"id", "a", "b", "length_km", "optic", "fiber_pairs", "band", "wavelengths", "metric", "down", "srlg"},
                    &span.extensions);
        auto id = r.id(o, "id", ptr, "a span id");
        auto a = r.id(o, "a", ptr, "the id of the site at one end");
        auto b = r.id(o, "b", ptr, "the id of the site at the other end");
        bool ok = id && a && b;
        if (id) {
            auto [it, fresh] = seen.emplace(*id, ptr + "/id");
            if (!fresh) {
                r.error(ptr + "/id", "duplicate span id " + inQuotes(*id) + " (first used at " + it->second + ")");
                ok = false;
            }
            span.id = *id;
        }
        for (auto [end, key] : {std::pair{&a, "a"}, std::pair{&b, "b"}}) {
            if (*end && std::find(siteIds.begin(), siteIds.end(), **end) == siteIds.end()) {
                std::string msg = "unknown site " + inQuotes(**end);
                const std::string hint = closestName(**end, siteIds);
                if (!hint.empty())
                    msg += " (did you mean " + inQuotes(hint) + "?)";
                r.error(ptr + "/" + key, msg + " (sites are: " + joinNames(siteIds) + ")");
                ok = false;
            }
        }
        if (a && b && *a == *b) {
            r.error(ptr + "/b", "span " + inQuotes(span.id) + " connects site " + inQuotes(*a)
                                    + " to itself; a span joins two different sites");
            ok = false;
        }
        span.a = a.value_or("");
        span.b = b.value_or("");
        if (o.contains("length_km")) {
            const json &v = o.at("length_km");
            if (!(v.is_string() && v.get<std::string>() == "auto")) {
                span.length_km = r.numberValue(v, ptr + "/length_km", Range::Positive, "a fiber length in km, or \"auto\"");
                ok = ok && span.length_km;
            }
        }
        span.optic = catalog.defaultOptic;
        if (auto optic = r.text(o, "optic", ptr, false, "an optic name from the catalog")) {
            if (catalog.optic(*optic)) {
                span.optic = *optic;
            } else {
                std::string msg = "unknown optic " + inQuotes(*optic);
                const std::string hint = closestName(*optic, catalog.opticNames());
                if (!hint.empty())
                    msg += " (did you mean " + inQuotes(hint) + "?)";
                r.error(ptr + "/optic", msg + "; the catalog has: " + joinNames(catalog.opticNames()));
                ok = false;
            }
        }
        span.band = catalog.defaultBand;
        if (auto band = r.choice(o, "band", ptr, catalog.bandNames(), "band"))
            span.band = *band;
        else if (o.contains("band"))
            ok = false;
        span.fiber_pairs = 1;
        if (o.contains("fiber_pairs")) {
            bool isAuto = false;
            auto n = r.count(o, "fiber_pairs", ptr, 1, "a fiber-pair count", true, &isAuto);
            if (isAuto)
                span.fiber_pairs.reset();
            else if (n)
                span.fiber_pairs = static_cast<int>(*n);
            else
                ok = false;
        }
        if (o.contains("wavelengths")) {
            bool isAuto = false;
            auto n = r.count(o, "wavelengths", ptr, 1, "lit wavelengths per fiber pair", true, &isAuto);
            if (isAuto)
                span.wavelengths.reset();
            else if (n)
                span.wavelengths = static_cast<int>(*n);
            else
                ok = false;
        }
        if (o.contains("metric")) {
            // IS-IS wide metrics are 24 bits (RFC 5305): an IGP metric a router could hold.
            if (auto n = r.count(o, "metric", ptr, 1, "an IGP metric up to 16777215", false, nullptr);
                n && *n <= kMaxSpanMetric)
                span.metric = *n;
            else {
                if (n)
                    r.error(ptr + "/metric", "expected an IGP metric up to 16777215 (a whole number >= 1), got "
                                                 + o.at("metric").dump());
                ok = false;
            }
        }
        ok = r.boolean(o, "down", ptr, span.down) && ok;
        ok = r.names(o, "srlg", ptr, "shared-risk group name", span.srlg) && ok;
        if (ok)
            s.spans.push_back(std::move(span));
    }
}

void readDemands(Reader &r, const json &root, const std::vector<std::string> &siteIds, Scenario &s)
{
    if (!root.contains("demands"))
        return;
    const json &arr = root.at("demands");
    if (!arr.is_array()) {
        r.error("/demands", "expected an array of demands, got " + typeName(arr));
        return;
    }
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string ptr = "/demands/" + std::to_string(i);
        const json &o = arr.at(i);
        if (!r.expectObject(o, ptr, "a demand"))
            continue;
        Demand d;
        r.checkKeys(o, ptr, {"from", "to", "gbps", "label"}, &d.extensions);
        auto from = r.id(o, "from", ptr, "the id of the sending site");
        auto to = r.id(o, "to", ptr, "the id of the receiving site");
        auto gbps = r.number(o, "gbps", ptr, true, Range::NonNegative, "a rate in Gbps");
        // Physical bounds (docs/SCENARIO-FORMAT.md "Demands"): 1e-300 or 1e300 Gbps made
        // balanced routing's LP solver abort (../shared/reliability D15).
        const double rate = gbps.value_or(0.0);
        const bool physical = rate == 0.0 || (rate >= kMinDemandGbps && rate <= kMaxDemandGbps);
        if (!physical)
            r.error(ptr + "/gbps", "expected 0 or a rate from " + plainNumber(kMinDemandGbps) + " to "
                                       + plainNumber(kMaxDemandGbps) + " Gbps (1 kb/s to 1 Eb/s), got "
                                       + plainNumber(rate));
        bool ok = from && to && gbps && physical;
        for (auto [end, key] : {std::pair{&from, "from"}, std::pair{&to, "to"}}) {
            if (*end && std::find(siteIds.begin(), siteIds.end(), **end) == siteIds.end()) {
                r.error(ptr + "/" + key, "unknown site " + inQuotes(**end) + " (sites are: " + joinNames(siteIds) + ")");
                ok = false;
            }
        }
        if (from && to && *from == *to) {
            r.error(ptr + "/to", "demand goes from site " + inQuotes(*from) + " to itself; it must join two different sites");
            ok = false;
        }
        d.from = from.value_or("");
        d.to = to.value_or("");
        d.gbps = gbps.value_or(0.0);
        d.label = r.text(o, "label", ptr, false, "a label").value_or("");
        if (ok)
            s.demands.push_back(std::move(d));
    }
}

void readJob(Reader &r, const json &root, const std::vector<std::string> &siteIds, Scenario &s)
{
    if (!root.contains("job") || root.at("job").is_null())
        return;
    const json &o = root.at("job");
    const std::string ptr = "/job";
    if (!r.expectObject(o, ptr, "the training job"))
        return;
    Job job;
    r.checkKeys(o, ptr,
                {"model_params", "tokens_per_step", "total_tokens", "strategy", "dc_pattern", "ring_order", "mfu",
                 "grad_bytes", "overlap", "inner_steps", "sync_bytes", "fragments", "overlap_steps", "hidden_size",
                 "act_bytes", "microbatches", "connections_per_pair", "flows_per_pair", "transport"},
                &job.extensions);
    auto params = r.number(o, "model_params", ptr, true, Range::Positive, "the model's parameter count");
    auto tokens = r.number(o, "tokens_per_step", ptr, true, Range::Positive, "tokens per optimizer step");
    bool ok = params && tokens;
    job.model_params = params.value_or(0.0);
    job.tokens_per_step = tokens.value_or(0.0);
    auto optionalNumber = [&](const char *key, Range range, const char *meaning) {
        std::optional<double> v;
        if (o.contains(key)) {
            v = r.number(o, key, ptr, false, range, meaning);
            ok = ok && v;
        }
        return v;
    };
    job.total_tokens = optionalNumber("total_tokens", Range::Positive, "total training tokens");
    job.mfu = optionalNumber("mfu", Range::UnitOpenClosed, "a model FLOPs utilisation");
    job.grad_bytes = optionalNumber("grad_bytes", Range::Positive, "bytes per gradient element");
    job.overlap = optionalNumber("overlap", Range::UnitOpenClosed, "the share of compute that hides communication");
    job.inner_steps = optionalNumber("inner_steps", Range::AtLeastOne, "inner steps H between syncs");
    job.sync_bytes = optionalNumber("sync_bytes", Range::Positive, "bytes per pseudo-gradient element");
    job.fragments = optionalNumber("fragments", Range::AtLeastOne, "streaming fragments F");
    job.overlap_steps = optionalNumber("overlap_steps", Range::Positive, "steps a sync may overlap");
    job.hidden_size = optionalNumber("hidden_size", Range::AtLeastOne, "the model's hidden size");
    job.act_bytes = optionalNumber("act_bytes", Range::Positive, "bytes per activation element");
    job.microbatches = optionalNumber("microbatches", Range::AtLeastOne, "micro-batches per step");
    job.connections_per_pair = optionalNumber("connections_per_pair", Range::AtLeastOne, "transport connections between two DCs");
    if (job.connections_per_pair && *job.connections_per_pair != std::floor(*job.connections_per_pair)) {
        r.error(ptr + "/connections_per_pair", "expected a whole number of connections, got " + o.at("connections_per_pair").dump());
        ok = false;
    }
    job.flows_per_pair = optionalNumber("flows_per_pair", Range::AtLeastOne, "flows between two DCs");
    if (job.flows_per_pair && *job.flows_per_pair != std::floor(*job.flows_per_pair)) {
        r.error(ptr + "/flows_per_pair", "expected a whole number of flows, got " + o.at("flows_per_pair").dump());
        ok = false;
    }
    if (o.contains("transport")) {
        auto v = r.choice(o, "transport", ptr, toVector(kTransports), "transport");
        ok = ok && v;
        job.transport = v.value_or(job.transport);
    }
    if (job.inner_steps && *job.inner_steps != std::floor(*job.inner_steps)) {
        r.error(ptr + "/inner_steps", "expected a whole number of inner steps, got " + o.at("inner_steps").dump());
        ok = false;
    }
    if (job.fragments && job.inner_steps && *job.fragments > *job.inner_steps) {
        r.error(ptr + "/fragments", "fragments (" + o.at("fragments").dump() + ") cannot exceed inner_steps ("
                                        + o.at("inner_steps").dump() + "): one fragment is sent at most every step");
        ok = false;
    }
    if (o.contains("strategy")) {
        auto v = r.choice(o, "strategy", ptr, toVector(kStrategies), "strategy");
        ok = ok && v;
        job.strategy = v.value_or(job.strategy);
    }
    if (o.contains("dc_pattern")) {
        auto v = r.choice(o, "dc_pattern", ptr, toVector(kDcPatterns), "DC pattern");
        ok = ok && v;
        job.dc_pattern = v.value_or(job.dc_pattern);
    }
    if (o.contains("ring_order")) {
        const json &arr = o.at("ring_order");
        if (!arr.is_array()) {
            r.error(ptr + "/ring_order", "expected an array of site ids, got " + typeName(arr));
            ok = false;
        } else {
            std::set<std::string> used;
            for (std::size_t i = 0; i < arr.size(); ++i) {
                const std::string p = ptr + "/ring_order/" + std::to_string(i);
                if (!arr.at(i).is_string()) {
                    r.error(p, "expected a site id, got " + typeName(arr.at(i)));
                    ok = false;
                    continue;
                }
                const std::string id = arr.at(i).get<std::string>();
                if (std::find(siteIds.begin(), siteIds.end(), id) == siteIds.end()) {
                    r.error(p, "unknown site " + inQuotes(id) + " (sites are: " + joinNames(siteIds) + ")");
                    ok = false;
                } else if (!used.insert(id).second) {
                    r.error(p, "site " + inQuotes(id) + " appears twice in the ring order");
                    ok = false;
                } else {
                    job.ring_order.push_back(id);
                }
            }
        }
    }
    if (ok)
        s.job = std::move(job);
}

void readRouting(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("routing"))
        return;
    const json &o = root.at("routing");
    if (!r.expectObject(o, "/routing", "routing settings"))
        return;
    r.checkKeys(o, "/routing", {"policy", "load_balancing"}, &s.routing.extensions);
    if (auto v = r.choice(o, "policy", "/routing", toVector(kRoutingPolicies), "routing policy"))
        s.routing.policy = *v;
    if (auto v = r.choice(o, "load_balancing", "/routing", toVector(kLoadBalancing), "load balancing"))
        s.routing.load_balancing = *v;
}

void readSizing(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("sizing"))
        return;
    const json &o = root.at("sizing");
    if (!r.expectObject(o, "/sizing", "the sizing goals of \"auto\" spans"))
        return;
    r.checkKeys(o, "/sizing", {"target_efficiency", "n1"}, &s.sizing.extensions);
    if (o.contains("target_efficiency"))
        s.sizing.target_efficiency = r.number(o, "target_efficiency", "/sizing", false, Range::UnitOpenClosed,
                                              "the scaling efficiency \"auto\" spans are sized for");
    r.boolean(o, "n1", "/sizing", s.sizing.n1);
}

void readPresentation(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("presentation"))
        return;
    const json &o = root.at("presentation");
    if (!r.expectObject(o, "/presentation", "the saved views of presentation mode"))
        return;
    r.checkKeys(o, "/presentation", {"views"}, &s.presentation.extensions);
    if (!o.contains("views"))
        return;
    const json &views = o.at("views");
    if (!views.is_array()) {
        r.error("/presentation/views", "expected a list of views (an array of objects), got " + typeName(views));
        return;
    }
    for (std::size_t i = 0; i < views.size(); ++i) {
        const std::string p = "/presentation/views/" + std::to_string(i);
        const json &v = views.at(i);
        if (!r.expectObject(v, p, "a saved view"))
            continue;
        PresentationView view;
        r.checkKeys(v, p, {"title", "show", "region"}, &view.extensions);
        if (auto t = r.text(v, "title", p, false, "the view's title"))
            view.title = *t;
        if (auto show = r.choice(v, "show", p, toVector(kPresentationShows), "what the view shows"))
            view.show = *show;
        if (v.contains("region")) {
            const std::string rp = p + "/region";
            const json &g = v.at("region");
            if (r.expectObject(g, rp, "a map region in degrees (south, west, north, east)")) {
                r.checkKeys(g, rp, {"south", "west", "north", "east"}, nullptr);
                PresentationView::Region region;
                const auto south = r.number(g, "south", rp, true, Range::Latitude, "the region's southern edge");
                const auto north = r.number(g, "north", rp, true, Range::Latitude, "the region's northern edge");
                const auto west = r.number(g, "west", rp, true, Range::Longitude, "the region's western edge");
                const auto east = r.number(g, "east", rp, true, Range::Longitude, "the region's eastern edge");
                if (south && north && west && east) {
                    if (!(*south < *north))
                        r.error(rp + "/north", "expected a latitude north of south (" + plainNumber(*south) + "), got "
                                                   + plainNumber(*north));
                    else if (!(*west < *east))
                        r.error(rp + "/east", "expected a longitude east of west (" + plainNumber(*west) + "), got "
                                                  + plainNumber(*east));
                    else
                        view.region = PresentationView::Region{*south, *west, *north, *east};
                }
            }
        }
        s.presentation.views.push_back(std::move(view));
    }
}

// The ranges per key live with the GUI's edit of an assumption (edit/edits.h), so the
// reader and the Assumptions page refuse the same values.
Range figureRange(const std::string &key)
{
    switch (edits::figureRange(key)) {
    case edits::FigureRange::NonNegative: return Range::NonNegative;
    case edits::FigureRange::Positive: return Range::Positive;
    case edits::FigureRange::AtLeastOne: return Range::AtLeastOne;
    case edits::FigureRange::UnitOpenClosed: return Range::UnitOpenClosed;
    case edits::FigureRange::Probability: return Range::Probability;
    }
    return Range::NonNegative;
}

void readEntryOverrides(Reader &r, const json &o, const std::string &ptr, const std::vector<std::string> &names,
                        const std::vector<std::string> &fields, const char *what,
                        std::map<std::string, std::map<std::string, double>> &out)
{
    if (!r.expectObject(o, ptr, "overrides by catalog name"))
        return;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string p = ptr + "/" + escapePointerToken(it.key());
        if (std::find(names.begin(), names.end(), it.key()) == names.end()) {
            std::string msg = std::string("unknown ") + what + " " + inQuotes(it.key());
            const std::string hint = closestName(it.key(), names);
            if (!hint.empty())
                msg += " (did you mean " + inQuotes(hint) + "?)";
            r.error(p, msg + "; the catalog has: " + joinNames(names));
            continue;
        }
        if (!r.expectObject(it.value(), p, "field overrides"))
            continue;
        r.checkKeys(it.value(), p, fields, nullptr);
        for (const std::string &field : fields)
            if (auto v = r.number(it.value(), field.c_str(), p, false, Range::NonNegative, field.c_str()))
                out[it.key()][field] = *v;
    }
}

void readAssumptions(Reader &r, const json &root, const Catalog &catalog, Scenario &s)
{
    if (!root.contains("assumptions"))
        return;
    const json &o = root.at("assumptions");
    const std::string ptr = "/assumptions";
    if (!r.expectObject(o, ptr, "the assumptions block"))
        return;
    const std::vector<std::string> figureKeys = catalog.figureKeys();
    std::vector<std::string> allowed = figureKeys;
    allowed.insert(allowed.end(), {"gpus", "optics", "bands"});
    for (const char *key : kDerivedAssumptionKeys)
        allowed.emplace_back(key);
    r.checkKeys(o, ptr, allowed, &s.assumptions.extensions);
    for (const std::string &key : figureKeys) {
        const Figure *f = catalog.findFigure(key);
        if (auto v = r.number(o, key.c_str(), ptr, false, figureRange(key), f->description.c_str()))
            s.assumptions.figures[key] = *v;
    }
    // Figures whose default the engine derives from the job (docs/MODEL.md "Traffic").
    for (const char *key : kDerivedAssumptionKeys) {
        const auto v = r.number(o, key, ptr, false, figureRange(key), "a whole number of connections or flows");
        if (v && *v != std::floor(*v))
            r.error(ptr + "/" + key, "expected a whole number, got " + o.at(key).dump());
        else if (v)
            s.assumptions.figures[key] = *v;
    }
    if (o.contains("gpus"))
        readEntryOverrides(r, o.at("gpus"), ptr + "/gpus", catalog.gpuNames(), gpuOverrideFields(), "GPU",
                           s.assumptions.gpus);
    if (o.contains("optics"))
        readEntryOverrides(r, o.at("optics"), ptr + "/optics", catalog.opticNames(), opticOverrideFields(), "optic",
                           s.assumptions.optics);
    if (o.contains("bands"))
        readEntryOverrides(r, o.at("bands"), ptr + "/bands", catalog.bandNames(), bandOverrideFields(), "band",
                           s.assumptions.bands);
}

// ---- writing --------------------------------------------------------------------------

// Whole numbers are written without a fraction so files read naturally ("gbps": 100).
ojson num(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15)
        return ojson(static_cast<std::int64_t>(v));
    return ojson(v);
}

void putExtensions(ojson &o, const Extensions &ext)
{
    for (const auto &[key, text] : ext)
        o[key] = ojson::parse(text);
}

void putOptional(ojson &o, const char *key, const std::optional<double> &v)
{
    if (v)
        o[key] = num(*v);
}

} // namespace

std::string closestName(const std::string &name, const std::vector<std::string> &candidates)
{
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const std::string &c : candidates) {
        const std::size_t d = editDistance(name, c);
        if (d < bestDistance && d < name.size()) { // "c" is no typo of "a"
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

std::string jsonSyntaxError(const std::string &text, const std::string &origin, std::size_t byte,
                            const std::string &what)
{
    // Position from the byte offset; nlohmann's own text follows its "column N: ".
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min<std::size_t>(byte == 0 ? 0 : byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    const std::size_t cut = what.find(": ", what.find("column"));
    return origin + ": line " + std::to_string(line) + ", column " + std::to_string(column)
           + ": JSON syntax error: " + (cut == std::string::npos ? what : what.substr(cut + 2));
}

std::vector<std::string> checkScenario(const Scenario &scenario, const Catalog &catalog)
{
    ScenarioLoad load = parseScenario(writeScenario(scenario), "", catalog);
    for (std::string &e : load.errors)
        if (e.rfind(": ", 0) == 0)
            e.erase(0, 2);
    return load.errors;
}

namespace {

// A scenario nests a few levels (root, sites, a site, its extensions); anything past this
// is refused before parsing: deep values crashed the key check and made `format` write
// hundreds of MB (../shared/reliability D06a, D06b).
constexpr int kMaxNestingDepth = 64;

// The byte where the text's arrays and objects first nest deeper than `limit` (strings
// skipped), or npos.
std::size_t tooDeepAt(const std::string &text, int limit)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string::npos;
}

} // namespace

ScenarioLoad parseScenario(const std::string &text, const std::string &origin, const Catalog &catalog)
{
    ScenarioLoad result;
    Reader r(origin, result.errors);
    if (const std::size_t at = tooDeepAt(text, kMaxNestingDepth); at != std::string::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
        const std::size_t lineStart = text.rfind('\n', at);
        const std::size_t column = at - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
        result.errors.push_back(origin + ": line " + std::to_string(line) + ", column " + std::to_string(column)
                                + ": arrays and objects nested deeper than " + std::to_string(kMaxNestingDepth)
                                + " levels; a scenario needs a few");
        return result;
    }

    std::vector<KeyFrame> frames;
    std::vector<std::string> duplicateKeys;
    json::parser_callback_t watchKeys = [&](int, json::parse_event_t event, json &parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            if (!frames.empty() && frames.back().array)
                ++frames.back().index;
            frames.push_back(KeyFrame{event == json::parse_event_t::array_start, -1, {}, {}});
            break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            if (!frames.empty())
                frames.pop_back();
            break;
        case json::parse_event_t::key:
            if (!frames.empty()) {
                const std::string key = parsed.get<std::string>();
                frames.back().key = key;
                if (!frames.back().keys.insert(key).second)
                    duplicateKeys.push_back(framePointer(frames));
            }
            break;
        case json::parse_event_t::value:
            if (!frames.empty() && frames.back().array)
                ++frames.back().index;
            break;
        }
        return true;
    };

    json root;
    try {
        root = json::parse(text, watchKeys);
    } catch (const json::parse_error &e) {
        result.errors.push_back(jsonSyntaxError(text, origin, e.byte, e.what()));
        return result;
    } catch (const json::exception &e) {
        // Valid JSON that cannot be represented, e.g. 1e999 ("number overflow parsing '1e999'").
        std::string where = "/";
        const std::string what = e.what();
        const std::size_t q1 = what.find('\'');
        const std::size_t q2 = q1 == std::string::npos ? q1 : what.find('\'', q1 + 1);
        if (q2 != std::string::npos) {
            const std::size_t at = text.find(what.substr(q1 + 1, q2 - q1 - 1));
            if (at != std::string::npos) {
                const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
                const std::size_t lineStart = text.rfind('\n', at);
                const std::size_t column = at - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
                where = "line " + std::to_string(line) + ", column " + std::to_string(column);
            }
        }
        result.errors.push_back(origin + ": " + where + ": a number is too large to represent ("
                                + what.substr(what.find(']') + 2) + "); expected a finite number");
        return result;
    }
    for (const std::string &p : duplicateKeys)
        r.error(p, "duplicate key; JSON would keep only the last value, so the file is ambiguous");

    if (!root.is_object()) {
        r.error("", "expected a DCI scenario (a JSON object with \"format\": \"dci-scenario\"), got " + typeName(root));
        return result;
    }

    Scenario s;
    r.checkKeys(root, "",
                {"format", "version", "name", "description", "sites", "spans", "demands", "job", "routing", "sizing", "presentation",
                 "assumptions"},
                &s.extensions);
    if (auto format = r.text(root, "format", "", true, "the file format, \"dci-scenario\"");
        format && *format != kScenarioFormat)
        r.error("/format", "expected \"dci-scenario\", got " + inQuotes(*format) + "; this is not a DCI Planner scenario");
    if (!root.contains("version")) {
        r.error("", "missing required key \"version\" (the format version, 1)");
    } else if (!root.at("version").is_number_integer()) {
        r.error("/version", "expected the format version as a whole number, got " + typeName(root.at("version")));
    } else if (root.at("version").get<long long>() != kScenarioVersion) {
        r.error("/version", "unsupported version " + root.at("version").dump() + "; this DCI Planner reads version "
                                + std::to_string(kScenarioVersion));
        return result; // the rest may follow other rules; don't drown the one real message
    }
    s.name = r.text(root, "name", "", false, "a scenario name").value_or("");
    s.description = r.text(root, "description", "", false, "a description").value_or("");

    const std::size_t before = result.errors.size();
    readSites(r, root, catalog, s);
    // Spans, demands and the job are checked against the ids that were read, so a bad site
    // reports once and does not cascade into "unknown site" everywhere.
    std::vector<std::string> siteIds = s.siteIds();
    if (root.contains("sites") && root.at("sites").is_array() && result.errors.size() > before)
        for (const json &o : root.at("sites"))
            if (o.is_object() && o.contains("id") && o.at("id").is_string())
                if (std::find(siteIds.begin(), siteIds.end(), o.at("id").get<std::string>()) == siteIds.end())
                    siteIds.push_back(o.at("id").get<std::string>());
    readSpans(r, root, catalog, siteIds, s);
    readDemands(r, root, siteIds, s);
    readJob(r, root, siteIds, s);
    readRouting(r, root, s);
    readSizing(r, root, s);
    readPresentation(r, root, s);
    readAssumptions(r, root, catalog, s);

    if (result.errors.empty())
        result.scenario = std::move(s);
    return result;
}

ScenarioLoad readScenarioFile(const std::string &path, const Catalog &catalog)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        ScenarioLoad r;
        r.errors.push_back(path + ": is a directory, expected a scenario file (.json)");
        return r;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ScenarioLoad r;
        r.errors.push_back(path + ": cannot open the file (" + (std::filesystem::exists(path, ec) ? "permission denied"
                                                                                                 : "no such file")
                           + ")");
        return r;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parseScenario(buffer.str(), path, catalog);
}

std::string writeScenario(const Scenario &s)
{
    ojson root;
    root["format"] = kScenarioFormat;
    root["version"] = kScenarioVersion;
    root["name"] = s.name;
    root["description"] = s.description;

    ojson sites = ojson::array();
    for (const Site &site : s.sites) {
        ojson o;
        o["id"] = site.id;
        o["name"] = site.name;
        o["lat"] = num(site.lat);
        o["lon"] = num(site.lon);
        o["gpu"] = site.gpu;
        o["gpus"] = site.gpus;
        putOptional(o, "power_cap_mw", site.power_cap_mw);
        putOptional(o, "pue", site.pue);
        if (!site.region.empty())
            o["region"] = site.region;
        if (site.down)
            o["down"] = true;
        putExtensions(o, site.extensions);
        sites.push_back(std::move(o));
    }
    root["sites"] = std::move(sites);

    ojson spans = ojson::array();
    for (const Span &span : s.spans) {
        ojson o;
        o["id"] = span.id;
        o["a"] = span.a;
        o["b"] = span.b;
        putOptional(o, "length_km", span.length_km);
        o["optic"] = span.optic;
        o["fiber_pairs"] = span.fiber_pairs ? ojson(*span.fiber_pairs) : ojson("auto");
        o["band"] = span.band;
        o["wavelengths"] = span.wavelengths ? ojson(*span.wavelengths) : ojson("auto");
        if (span.metric)
            o["metric"] = *span.metric;
        if (span.down)
            o["down"] = true;
        if (!span.srlg.empty())
            o["srlg"] = span.srlg;
        putExtensions(o, span.extensions);
        spans.push_back(std::move(o));
    }
    root["spans"] = std::move(spans);

    ojson demands = ojson::array();
    for (const Demand &d : s.demands) {
        ojson o;
        o["from"] = d.from;
        o["to"] = d.to;
        o["gbps"] = num(d.gbps);
        if (!d.label.empty())
            o["label"] = d.label;
        putExtensions(o, d.extensions);
        demands.push_back(std::move(o));
    }
    root["demands"] = std::move(demands);

    if (s.job) {
        const Job &j = *s.job;
        ojson o;
        o["model_params"] = num(j.model_params);
        o["tokens_per_step"] = num(j.tokens_per_step);
        putOptional(o, "total_tokens", j.total_tokens);
        o["strategy"] = j.strategy;
        o["dc_pattern"] = j.dc_pattern;
        if (!j.ring_order.empty())
            o["ring_order"] = j.ring_order;
        putOptional(o, "mfu", j.mfu);
        putOptional(o, "grad_bytes", j.grad_bytes);
        putOptional(o, "overlap", j.overlap);
        putOptional(o, "inner_steps", j.inner_steps);
        putOptional(o, "sync_bytes", j.sync_bytes);
        putOptional(o, "fragments", j.fragments);
        putOptional(o, "overlap_steps", j.overlap_steps);
        putOptional(o, "hidden_size", j.hidden_size);
        putOptional(o, "act_bytes", j.act_bytes);
        putOptional(o, "microbatches", j.microbatches);
        putOptional(o, "connections_per_pair", j.connections_per_pair);
        putOptional(o, "flows_per_pair", j.flows_per_pair);
        o["transport"] = j.transport;
        putExtensions(o, j.extensions);
        root["job"] = std::move(o);
    }

    ojson routing;
    routing["policy"] = s.routing.policy;
    routing["load_balancing"] = s.routing.load_balancing;
    putExtensions(routing, s.routing.extensions);
    root["routing"] = std::move(routing);

    if (s.sizing.any() || !s.sizing.extensions.empty()) {
        ojson sizing = ojson::object();
        putOptional(sizing, "target_efficiency", s.sizing.target_efficiency);
        if (s.sizing.n1)
            sizing["n1"] = true;
        putExtensions(sizing, s.sizing.extensions);
        root["sizing"] = std::move(sizing);
    }

    if (!s.presentation.empty()) {
        ojson presentation = ojson::object();
        ojson views = ojson::array();
        for (const PresentationView &v : s.presentation.views) {
            ojson view = ojson::object();
            if (!v.title.empty())
                view["title"] = v.title;
            view["show"] = v.show;
            if (v.region) {
                ojson region = ojson::object();
                region["south"] = num(v.region->south);
                region["west"] = num(v.region->west);
                region["north"] = num(v.region->north);
                region["east"] = num(v.region->east);
                view["region"] = std::move(region);
            }
            putExtensions(view, v.extensions);
            views.push_back(std::move(view));
        }
        presentation["views"] = std::move(views);
        putExtensions(presentation, s.presentation.extensions);
        root["presentation"] = std::move(presentation);
    }

    ojson assumptions = ojson::object();
    for (const auto &[key, value] : s.assumptions.figures)
        assumptions[key] = num(value);
    auto putEntries = [&](const char *key, const std::map<std::string, std::map<std::string, double>> &entries) {
        if (entries.empty())
            return;
        ojson section = ojson::object();
        for (const auto &[name, fields] : entries) {
            ojson e = ojson::object();
            for (const auto &[field, value] : fields)
                e[field] = num(value);
            section[name] = std::move(e);
        }
        assumptions[key] = std::move(section);
    };
    putEntries("gpus", s.assumptions.gpus);
    putEntries("optics", s.assumptions.optics);
    putEntries("bands", s.assumptions.bands);
    putExtensions(assumptions, s.assumptions.extensions);
    root["assumptions"] = std::move(assumptions);

    putExtensions(root, s.extensions);
    return root.dump(2) + "\n";
}

bool writeScenarioFile(const std::string &path, const Scenario &scenario, std::string *error)
{
    const std::string text = writeScenario(scenario);
    const std::string temp = path + ".saving";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            if (error)
                *error = path + ": cannot write (the folder is missing or not writable)";
            return false;
        }
        out << text;
        out.flush();
        if (!out) {
            if (error)
                *error = path + ": writing failed (disk full?); the existing file is unchanged";
            std::remove(temp.c_str());
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        if (error)
            *error = path + ": cannot replace the file: " + ec.message();
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

} // namespace dci
