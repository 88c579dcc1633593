// The scenario reader: JSON syntax, nesting, types, keys and the format marker here; every
// rule on the values in validateScenario (model/validate.h), which the GUI's edits pass too.
#include "scenariojson.h"

#include "edit/edits.h"
#include "io/jsondom.h"
#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <tuple>
#include <unordered_set>

namespace dci {

namespace {

using nlohmann::json;


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

// One message of the reader: where, and the full text.
struct Message {
    std::string pointer;
    std::string text;
};

// Reads the parsed JSON into a Scenario, checking what the struct cannot hold: types,
// unknown and missing keys. A value it cannot read is left at its default and its pointer
// is noted as unread, so validateScenario's verdict on that default is not reported too.
// Every array element gets a place in the struct (a default one when it is not an
// object), so the struct's indices are the file's.
class Reader {
public:
    explicit Reader(std::vector<Message> &messages) : m_messages(messages) {}

    void error(const std::string &pointer, const std::string &what) { m_messages.push_back({pointer, what}); }
    // A value that could not be read: reported here, left out of validateScenario's verdict.
    void refuse(const std::string &pointer, const std::string &what)
    {
        error(pointer, what);
        unread(pointer);
    }
    void unread(const std::string &pointer) { m_unread.insert(pointer); }
    bool isUnread(const std::string &pointer) const
    {
        // The pointer itself or any object or array it is inside.
        for (std::size_t at = pointer.size(); at != std::string::npos && at > 0; at = pointer.rfind('/', at - 1))
            if (m_unread.count(pointer.substr(0, at)))
                return true;
        return false;
    }

    bool expectObject(const json &v, const std::string &ptr, const char *what)
    {
        if (v.is_object())
            return true;
        refuse(ptr, std::string("expected ") + what + " (a JSON object), got " + typeName(v));
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
            error(ptr + "/" + pointerToken(key), msg);
        }
    }

    // A string; a missing required key is reported at the object.
    bool text(const json &obj, const char *key, const std::string &ptr, bool required, const char *meaning,
              std::string &out)
    {
        const std::string p = ptr + "/" + key;
        const auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) {
                error(ptr, std::string("missing required key ") + inQuotes(key) + " (" + meaning + ")");
                unread(p);
            }
            return false;
        }
        if (!it->is_string()) {
            refuse(p, std::string("expected ") + meaning + " (a string), got " + typeName(*it));
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    bool number(const json &obj, const char *key, const std::string &ptr, bool required, const NumberRule &rule,
                double &out)
    {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) {
                // "(latitude, a latitude in degrees, -90 to 90)": the expectation without its parentheses.
                std::string expected = expectedNumber(rule);
                if (const std::size_t open = expected.rfind(" ("); open != std::string::npos && expected.back() == ')')
                    expected = expected.substr(0, open) + ", " + expected.substr(open + 2, expected.size() - open - 3);
                error(ptr, std::string("missing required key ") + inQuotes(key) + " (" + expected + ")");
                unread(ptr + "/" + key);
            }
            return false;
        }
        if (!it->is_number()) {
            refuse(ptr + "/" + key, "expected " + expectedNumber(rule) + ", got " + typeName(*it));
            return false;
        }
        out = it->get<double>();
        return true;
    }

    bool optionalNumber(const json &obj, const char *key, const std::string &ptr, const NumberRule &rule,
                        std::optional<double> &out)
    {
        double v = 0.0;
        if (!number(obj, key, ptr, false, rule, v))
            return false;
        out = v;
        return true;
    }

    // A whole number the struct holds in T; "auto" (when allowed) gives nullopt in *isAuto.
    // Values T cannot hold are refused here with the rule's own message.
    template<typename T>
    std::optional<T> count(const json &obj, const char *key, const std::string &ptr, const NumberRule &rule,
                           bool *isAuto = nullptr)
    {
        const std::string p = ptr + "/" + key;
        const json &v = obj.at(key);
        if (rule.allowAuto && v.is_string() && v.get<std::string>() == "auto") {
            *isAuto = true;
            return std::nullopt;
        }
        if (!v.is_number()) {
            refuse(p, "expected " + expectedNumber(rule) + ", got " + typeName(v));
            return std::nullopt;
        }
        const double d = v.get<double>();
        constexpr double limit = sizeof(T) >= 8 ? 9.0e15 : static_cast<double>(INT_MAX);
        if (d != std::floor(d) || std::fabs(d) > limit) {
            std::string problem = numberProblem(rule, d);
            refuse(p, problem.empty() ? "expected " + expectedNumber(rule) + ", got " + v.dump() : problem);
            return std::nullopt;
        }
        return static_cast<T>(d);
    }

    void boolean(const json &obj, const char *key, const std::string &ptr, bool &out)
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return;
        if (!it->is_boolean()) {
            refuse(ptr + "/" + key, "expected true or false, got " + typeName(*it));
            return;
        }
        out = it->get<bool>();
    }

    // An optional array of strings; an element of another type keeps an empty place.
    void strings(const json &obj, const char *key, const std::string &ptr, const std::string &notAList,
                 const std::string &element, std::vector<std::string> &out)
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return;
        const std::string p = ptr + "/" + key;
        if (!it->is_array()) {
            refuse(p, notAList + ", got " + typeName(*it));
            return;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json &v = it->at(i);
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            } else {
                refuse(p + "/" + std::to_string(i), element + ", got " + typeName(v));
                out.emplace_back();
            }
        }
    }

private:
    std::vector<Message> &m_messages;
    std::unordered_set<std::string> m_unread;
};

template<std::size_t N>
std::vector<std::string> toVector(const char *const (&items)[N])
{
    return std::vector<std::string>(items, items + N);
}

// Frees an array element's JSON once it is read into the struct: the struct then grows into
// the memory the document gives back (1M demands: peak 644 MB instead of 718 MB).
struct Released {
    json &value;
    ~Released() { value = nullptr; }
};

// The array at root[key] (absent: nullptr; not an array: reported, nullptr).
json *arrayAt(Reader &r, json &root, const char *key, const std::string &what)
{
    const auto it = root.find(key);
    if (it == root.end())
        return nullptr;
    if (!it->is_array()) {
        r.error(std::string("/") + key, "expected an array of " + what + ", got " + typeName(*it));
        return nullptr;
    }
    return &*it;
}

// ---- reading each part --------------------------------------------------------------

// The rule of a number by its place, for type messages (validate.h has the values' rules).
NumberRule rule(const char *meaning, NumberRule::Kind kind)
{
    NumberRule r;
    r.meaning = meaning;
    r.kind = kind;
    return r;
}
using Kind = NumberRule::Kind;

// The keys of an array element, built once: the lists are checked per element.
const std::vector<std::string> kSiteKeys = {"id", "name", "lat", "lon", "gpu", "gpus", "power_cap_mw", "pue", "region",
                                            "down"};
const std::vector<std::string> kSpanKeys = {"id", "a", "b", "length_km", "optic", "fiber_pairs", "band", "wavelengths",
                                            "metric", "down", "srlg"};
const std::vector<std::string> kDemandKeys = {"from", "to", "gbps", "label"};

void readSites(Reader &r, json &root, const Catalog &catalog, Scenario &s)
{
    if (!root.contains("sites")) {
        r.error("", "missing required key \"sites\" (an array of DC sites)");
        return;
    }
    json *arr = arrayAt(r, root, "sites", "sites");
    if (!arr)
        return;
    s.sites.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string ptr = "/sites/" + std::to_string(i);
        json &o = (*arr)[i];
        const Released released{o};
        Site &site = s.sites.emplace_back();
        if (!r.expectObject(o, ptr, "a site"))
            continue;
        r.checkKeys(o, ptr, kSiteKeys, &site.extensions);
        r.text(o, "id", ptr, true, "a site id", site.id);
        r.number(o, "lat", ptr, true, rule("latitude", Kind::Latitude), site.lat);
        r.number(o, "lon", ptr, true, rule("longitude", Kind::Longitude), site.lon);
        if (!r.text(o, "name", ptr, false, "a display name", site.name))
            site.name = site.id;
        site.gpu = catalog.defaultGpu;
        r.text(o, "gpu", ptr, false, "a GPU name from the catalog", site.gpu);
        if (o.contains("gpus"))
            site.gpus = r.count<std::int64_t>(o, "gpus", ptr, siteGpusRule()).value_or(0);
        r.optionalNumber(o, "power_cap_mw", ptr, rule("a power cap in MW", Kind::NonNegative), site.power_cap_mw);
        r.optionalNumber(o, "pue", ptr, rule("a PUE", Kind::AtLeastOne), site.pue);
        r.text(o, "region", ptr, false, "a region name", site.region);
        r.boolean(o, "down", ptr, site.down);
    }
}

void readSpans(Reader &r, json &root, const Catalog &catalog, Scenario &s)
{
    json *arr = arrayAt(r, root, "spans", "spans");
    if (!arr)
        return;
    s.spans.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string ptr = "/spans/" + std::to_string(i);
        json &o = (*arr)[i];
        const Released released{o};
        Span &span = s.spans.emplace_back();
        if (!r.expectObject(o, ptr, "a span"))
            continue;
        r.checkKeys(o, ptr, kSpanKeys, &span.extensions);
        r.text(o, "id", ptr, true, "a span id", span.id);
        r.text(o, "a", ptr, true, "the id of the site at one end", span.a);
        r.text(o, "b", ptr, true, "the id of the site at the other end", span.b);
        if (o.contains("length_km") && !(o.at("length_km").is_string() && o.at("length_km").get<std::string>() == "auto"))
            r.optionalNumber(o, "length_km", ptr, rule("a fiber length in km, or \"auto\"", Kind::Positive), span.length_km);
        span.optic = catalog.defaultOptic;
        r.text(o, "optic", ptr, false, "an optic name from the catalog", span.optic);
        span.band = catalog.defaultBand;
        r.text(o, "band", ptr, false, "band", span.band);
        span.fiber_pairs = 1;
        for (auto [key, field, fieldRule] :
             {std::tuple{"fiber_pairs", &span.fiber_pairs, &spanFiberPairsRule()},
              std::tuple{"wavelengths", &span.wavelengths, &spanWavelengthsRule()}}) {
            if (!o.contains(key))
                continue;
            bool isAuto = false;
            const std::optional<int> n = r.count<int>(o, key, ptr, *fieldRule, &isAuto);
            if (isAuto)
                field->reset();
            else if (n)
                *field = *n;
        }
        if (o.contains("metric"))
            if (const auto n = r.count<std::int64_t>(o, "metric", ptr, spanMetricRule()))
                span.metric = *n;
        r.boolean(o, "down", ptr, span.down);
        r.strings(o, "srlg", ptr, "expected a list of shared-risk group names (an array of strings)",
                  "expected shared-risk group name (a non-empty string without leading or trailing spaces)", span.srlg);
    }
}

void readDemands(Reader &r, json &root, Scenario &s)
{
    json *arr = arrayAt(r, root, "demands", "demands");
    if (!arr)
        return;
    s.demands.reserve(arr->size());
    const NumberRule gbps = rule("a rate in Gbps", Kind::NonNegative);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string ptr = "/demands/" + std::to_string(i);
        json &o = (*arr)[i];
        const Released released{o};
        Demand &d = s.demands.emplace_back();
        if (!r.expectObject(o, ptr, "a demand"))
            continue;
        r.checkKeys(o, ptr, kDemandKeys, &d.extensions);
        r.text(o, "from", ptr, true, "the id of the sending site", d.from);
        r.text(o, "to", ptr, true, "the id of the receiving site", d.to);
        r.number(o, "gbps", ptr, true, gbps, d.gbps);
        r.text(o, "label", ptr, false, "a label", d.label);
    }
}

void readJob(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("job") || root.at("job").is_null())
        return;
    const json &o = root.at("job");
    const std::string ptr = "/job";
    if (!r.expectObject(o, ptr, "the training job"))
        return;
    Job &job = s.job.emplace();
    r.checkKeys(o, ptr,
                {"model_params", "tokens_per_step", "total_tokens", "strategy", "dc_pattern", "ring_order", "mfu",
                 "grad_bytes", "overlap", "inner_steps", "sync_bytes", "fragments", "overlap_steps", "hidden_size",
                 "act_bytes", "microbatches", "connections_per_pair", "flows_per_pair", "transport"},
                &job.extensions);
    r.number(o, "model_params", ptr, true, rule("the model's parameter count", Kind::Positive), job.model_params);
    r.number(o, "tokens_per_step", ptr, true, rule("tokens per optimizer step", Kind::Positive), job.tokens_per_step);
    struct Field {
        const char *key;
        const char *meaning;
        Kind kind;
    };
    const Field fields[] = {
        {"total_tokens", "total training tokens", Kind::Positive},
        {"mfu", "a model FLOPs utilisation", Kind::UnitOpenClosed},
        {"grad_bytes", "bytes per gradient element", Kind::Positive},
        {"overlap", "the share of compute that hides communication", Kind::UnitOpenClosed},
        {"inner_steps", "inner steps H between syncs", Kind::AtLeastOne},
        {"sync_bytes", "bytes per pseudo-gradient element", Kind::Positive},
        {"fragments", "streaming fragments F", Kind::AtLeastOne},
        {"overlap_steps", "steps a sync may overlap", Kind::Positive},
        {"hidden_size", "the model's hidden size", Kind::AtLeastOne},
        {"act_bytes", "bytes per activation element", Kind::Positive},
        {"microbatches", "micro-batches per step", Kind::AtLeastOne},
        {"connections_per_pair", "transport connections between two DCs", Kind::AtLeastOne},
        {"flows_per_pair", "flows between two DCs", Kind::AtLeastOne},
    };
    for (const Field &f : fields) {
        std::optional<double> *field = std::string(f.key) == "total_tokens" ? &job.total_tokens : jobNumberField(job, f.key);
        r.optionalNumber(o, f.key, ptr, rule(f.meaning, f.kind), *field);
    }
    r.text(o, "transport", ptr, false, "transport", job.transport);
    r.text(o, "strategy", ptr, false, "strategy", job.strategy);
    r.text(o, "dc_pattern", ptr, false, "DC pattern", job.dc_pattern);
    if (o.contains("ring_order") && !o.at("ring_order").is_array())
        r.refuse(ptr + "/ring_order", "expected an array of site ids, got " + typeName(o.at("ring_order")));
    else
        r.strings(o, "ring_order", ptr, "", "expected a site id", job.ring_order);
}

void readRouting(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("routing"))
        return;
    const json &o = root.at("routing");
    if (!r.expectObject(o, "/routing", "routing settings"))
        return;
    r.checkKeys(o, "/routing", {"policy", "load_balancing"}, &s.routing.extensions);
    r.text(o, "policy", "/routing", false, "routing policy", s.routing.policy);
    r.text(o, "load_balancing", "/routing", false, "load balancing", s.routing.load_balancing);
}

void readSizing(Reader &r, const json &root, Scenario &s)
{
    if (!root.contains("sizing"))
        return;
    const json &o = root.at("sizing");
    if (!r.expectObject(o, "/sizing", "the sizing goals of \"auto\" spans"))
        return;
    r.checkKeys(o, "/sizing", {"target_efficiency", "n1"}, &s.sizing.extensions);
    r.optionalNumber(o, "target_efficiency", "/sizing",
                     rule("the scaling efficiency \"auto\" spans are sized for", Kind::UnitOpenClosed),
                     s.sizing.target_efficiency);
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
        PresentationView &view = s.presentation.views.emplace_back();
        if (!r.expectObject(v, p, "a saved view"))
            continue;
        r.checkKeys(v, p, {"title", "show", "region"}, &view.extensions);
        r.text(v, "title", p, false, "the view's title", view.title);
        r.text(v, "show", p, false, "what the view shows", view.show);
        if (!v.contains("region"))
            continue;
        const std::string rp = p + "/region";
        const json &g = v.at("region");
        if (!r.expectObject(g, rp, "a map region in degrees (south, west, north, east)"))
            continue;
        r.checkKeys(g, rp, {"south", "west", "north", "east"}, nullptr);
        PresentationView::Region region;
        const bool south = r.number(g, "south", rp, true, rule("the region's southern edge", Kind::Latitude), region.south);
        const bool north = r.number(g, "north", rp, true, rule("the region's northern edge", Kind::Latitude), region.north);
        const bool west = r.number(g, "west", rp, true, rule("the region's western edge", Kind::Longitude), region.west);
        const bool east = r.number(g, "east", rp, true, rule("the region's eastern edge", Kind::Longitude), region.east);
        if (south && north && west && east)
            view.region = region;
    }
}

NumberRule::Kind figureKind(const std::string &key)
{
    switch (edits::figureRange(key)) {
    case edits::FigureRange::NonNegative: return Kind::NonNegative;
    case edits::FigureRange::Positive: return Kind::Positive;
    case edits::FigureRange::AtLeastOne: return Kind::AtLeastOne;
    case edits::FigureRange::UnitOpenClosed: return Kind::UnitOpenClosed;
    case edits::FigureRange::Probability: return Kind::Probability;
    }
    return Kind::NonNegative;
}

// Overrides of catalog entries: names and values are judged by validateScenario; an entry
// without fields is kept, so it is saved as it was read.
void readEntryOverrides(Reader &r, const json &o, const std::string &ptr, const std::vector<std::string> &fields,
                        std::map<std::string, std::map<std::string, double>> &out)
{
    if (!r.expectObject(o, ptr, "overrides by catalog name"))
        return;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string p = ptr + "/" + pointerToken(it.key());
        if (!r.expectObject(it.value(), p, "field overrides"))
            continue;
        r.checkKeys(it.value(), p, fields, nullptr);
        std::map<std::string, double> &entry = out[it.key()];
        for (const std::string &field : fields) {
            double v = 0.0;
            if (r.number(it.value(), field.c_str(), p, false, rule(field.c_str(), Kind::NonNegative), v))
                entry[field] = v;
        }
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
        double v = 0.0;
        if (r.number(o, key.c_str(), ptr, false, rule(catalog.findFigure(key)->description.c_str(), figureKind(key)), v))
            s.assumptions.figures[key] = v;
    }
    // Figures whose default the engine derives from the job (docs/MODEL.md "Traffic").
    for (const char *key : kDerivedAssumptionKeys) {
        double v = 0.0;
        if (r.number(o, key, ptr, false, rule("a whole number of connections or flows", figureKind(key)), v))
            s.assumptions.figures[key] = v;
    }
    if (o.contains("gpus"))
        readEntryOverrides(r, o.at("gpus"), ptr + "/gpus", gpuOverrideFields(), s.assumptions.gpus);
    if (o.contains("optics"))
        readEntryOverrides(r, o.at("optics"), ptr + "/optics", opticOverrideFields(), s.assumptions.optics);
    if (o.contains("bands"))
        readEntryOverrides(r, o.at("bands"), ptr + "/bands", bandOverrideFields(), s.assumptions.bands);
}

// ---- parsing ----------------------------------------------------------------------------

// Where a message sorts to follow the file as the reader reads it: the top-level part, the
// array element, then the key in the order of docs/SCENARIO-FORMAT.md ("" and unknown keys
// first, as the key check runs first).
struct FileOrder {
    int part = 0;
    long index = -1;
    int key = -1;
    auto tie() const { return std::tie(part, index, key); }
};

FileOrder fileOrder(const std::string &pointer)
{
    struct Part {
        const char *name;
        std::vector<const char *> keys;
    };
    static const Part kParts[] = {
        {"format", {}}, {"version", {}}, {"name", {}}, {"description", {}},
        {"sites", {"id", "lat", "lon", "name", "gpu", "gpus", "power_cap_mw", "pue", "region", "down"}},
        {"spans", {"id", "a", "b", "length_km", "optic", "band", "fiber_pairs", "wavelengths", "metric", "down", "srlg"}},
        {"demands", {"from", "to", "gbps", "label"}},
        {"job", {"model_params", "tokens_per_step", "total_tokens", "mfu", "grad_bytes", "overlap", "inner_steps",
                 "sync_bytes", "fragments", "overlap_steps", "hidden_size", "act_bytes", "microbatches",
                 "connections_per_pair", "flows_per_pair", "transport", "strategy", "dc_pattern", "ring_order"}},
        {"routing", {"policy", "load_balancing"}}, {"sizing", {"target_efficiency", "n1"}},
        {"presentation", {"title", "show", "region"}}, {"assumptions", {"gpus", "optics", "bands"}},
    };
    std::vector<std::string> tokens;
    for (std::size_t at = 1; at <= pointer.size();) {
        const std::size_t next = std::min(pointer.find('/', at), pointer.size());
        tokens.push_back(pointer.substr(at, next - at));
        at = next + 1;
    }
    FileOrder order;
    if (tokens.empty())
        return order;
    const auto isIndex = [](const std::string &t) {
        return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (std::size_t i = 0; i < std::size(kParts); ++i) {
        if (tokens[0] != kParts[i].name)
            continue;
        order.part = static_cast<int>(i) + 1;
        std::size_t k = 1;
        while (k < tokens.size() && !isIndex(tokens[k]) && tokens[0] == "presentation")
            ++k; // "/presentation/views/2/...": the index after "views"
        if (k < tokens.size() && isIndex(tokens[k]))
            order.index = std::stol(tokens[k++]);
        else
            k = 1;
        if (k < tokens.size()) {
            const auto &keys = kParts[i].keys;
            const auto it = std::find(keys.begin(), keys.end(), tokens[k]);
            order.key = it == keys.end() ? -1 : static_cast<int>(it - keys.begin());
        }
    }
    return order;
}

} // namespace

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
    // The parser quotes what it last read: bytes of a binary file would make the message
    // itself unreadable, so they are shown as \xNN.
    std::string message = printableText(cut == std::string::npos ? what : what.substr(cut + 2));
    // Python's json module writes NaN and Infinity, which JSON does not have.
    constexpr std::size_t kAround = 10; // the parser stops a few bytes into the word
    const std::string around = text.substr(end > kAround ? end - kAround : 0, 2 * kAround);
    if (around.find("NaN") != std::string::npos || around.find("Infinity") != std::string::npos)
        message += "; NaN and Infinity are not JSON numbers: write a finite number";
    return origin + ": line " + std::to_string(line) + ", column " + std::to_string(column) + ": JSON syntax error: "
           + message;
}

std::vector<std::string> checkScenario(const Scenario &scenario, const Catalog &catalog)
{
    std::vector<std::string> out;
    for (const Problem &p : validateScenario(scenario, catalog))
        out.push_back((p.pointer.empty() ? "/" : p.pointer) + ": " + p.message);
    return out;
}

ScenarioLoad parseScenario(const std::string &text, const std::string &origin, const Catalog &catalog)
{
    ScenarioLoad result;
    auto fail = [&](const std::string &message) {
        result.errors.push_back(origin + ": " + message);
        return result;
    };
    constexpr const char *kExpected = "expected a DCI Planner scenario (JSON text: an object with \"format\": "
                                      "\"dci-scenario\")";
    if (text.find_first_not_of(" \t\r\n\f") == std::string::npos || text == "\xEF\xBB\xBF")
        return fail("line 1, column 1: the file is empty; " + std::string(kExpected));
    if (looksBinary(text)) {
        const std::size_t at = std::find_if(text.begin(), text.end(), [](char c) {
                                   const auto u = static_cast<unsigned char>(c);
                                   return u == 0 || u == 0x7f || (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f');
                               }) - text.begin();
        return fail(lineAndColumn(text, at) + ": the file holds binary data (a byte " + printableText(text.substr(at, 1))
                    + "), not text; " + kExpected);
    }
    if (const std::size_t at = jsonTooDeepAt(text, kMaxNestingDepth); at != std::string::npos)
        return fail(lineAndColumn(text, at) + ": arrays and objects nested deeper than "
                    + std::to_string(kMaxNestingDepth) + " levels; a scenario needs a few");

    JsonDom dom = parseJsonDom(text);
    if (dom.failed && dom.errorId == 406) {
        // Valid JSON that cannot be represented, e.g. 1e999 ("number overflow parsing '1e999'").
        std::string where = "/";
        const std::string &what = dom.errorWhat;
        const std::size_t q1 = what.find('\'');
        const std::size_t q2 = q1 == std::string::npos ? q1 : what.find('\'', q1 + 1);
        if (q2 != std::string::npos)
            if (const std::size_t at = text.find(what.substr(q1 + 1, q2 - q1 - 1)); at != std::string::npos)
                where = lineAndColumn(text, at);
        return fail(where + ": a number is too large to represent (" + what.substr(what.find(']') + 2)
                    + "); expected a finite number");
    }
    if (dom.failed) {
        result.errors.push_back(jsonSyntaxError(text, origin, dom.errorByte, dom.errorWhat));
        return result;
    }
    json &root = dom.root;
    std::vector<Message> messages;
    for (const std::string &p : dom.duplicateKeys)
        messages.push_back({p, "duplicate key; JSON would keep only the last value, so the file is ambiguous"});
    const std::size_t duplicates = messages.size();
    auto finish = [&] {
        for (const Message &m : messages)
            result.errors.push_back(origin + ": " + (m.pointer.empty() ? "/" : m.pointer) + ": " + m.text);
        return result;
    };

    Reader r(messages);
    if (!root.is_object()) {
        r.error("", "expected a DCI scenario (a JSON object with \"format\": \"dci-scenario\"), got " + typeName(root));
        return finish();
    }

    Scenario s;
    r.checkKeys(root, "",
                {"format", "version", "name", "description", "sites", "spans", "demands", "job", "routing", "sizing", "presentation",
                 "assumptions"},
                &s.extensions);
    if (std::string format; r.text(root, "format", "", true, "the file format, \"dci-scenario\"", format)
                            && format != kScenarioFormat)
        r.error("/format", "expected \"dci-scenario\", got " + inQuotes(format) + "; this is not a DCI Planner scenario");
    if (!root.contains("version")) {
        r.error("", "missing required key \"version\" (the format version, 1)");
    } else if (!root.at("version").is_number_integer()) {
        r.error("/version", "expected the format version as a whole number, got " + typeName(root.at("version")));
    } else if (root.at("version").get<long long>() != kScenarioVersion) {
        r.error("/version", "unsupported version " + root.at("version").dump() + "; this DCI Planner reads version "
                                + std::to_string(kScenarioVersion));
        return finish(); // the rest may follow other rules; don't drown the one real message
    }
    r.text(root, "name", "", false, "a scenario name", s.name);
    r.text(root, "description", "", false, "a description", s.description);
    readSites(r, root, catalog, s);
    readSpans(r, root, catalog, s);
    readDemands(r, root, s);
    readJob(r, root, s);
    readRouting(r, root, s);
    readSizing(r, root, s);
    readPresentation(r, root, s);
    readAssumptions(r, root, catalog, s);

    for (Problem &p : validateScenario(s, catalog))
        if (!r.isUnread(p.pointer))
            messages.push_back({std::move(p.pointer), std::move(p.message)});
    if (messages.empty()) {
        result.scenario = std::move(s);
        return result;
    }
    // The file's order (docs/SCENARIO-FORMAT.md "Validation and messages"), duplicate keys first.
    struct Keyed {
        FileOrder order;
        std::size_t seq;
    };
    std::vector<Keyed> keys;
    for (std::size_t i = duplicates; i < messages.size(); ++i)
        keys.push_back({fileOrder(messages[i].pointer), i});
    std::stable_sort(keys.begin(), keys.end(),
                     [](const Keyed &a, const Keyed &b) { return a.order.tie() < b.order.tie(); });
    std::vector<Message> sorted(messages.begin(), messages.begin() + static_cast<long>(duplicates));
    for (const Keyed &k : keys)
        sorted.push_back(std::move(messages[k.seq]));
    messages = std::move(sorted);
    return finish();
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
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parseScenario(text, path, catalog);
}

} // namespace dci
