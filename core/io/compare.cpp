#include "compare.h"

#include "engine/headline.h"
#include "io/scenariojson.h"
#include "model/textformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace dci {

namespace {

using ojson = nlohmann::ordered_json;

// Figures equal to ~12 digits are the same: both plans ran the same arithmetic.
constexpr double kSameRelative = 1e-12;
constexpr std::size_t kShownValueChars = 48; // longer values (a description) are cut in the text form

bool same(const std::optional<double> &x, const std::optional<double> &y)
{
    if (!x || !y)
        return x.has_value() == y.has_value();
    return std::fabs(*x - *y) <= kSameRelative * std::max({1.0, std::fabs(*x), std::fabs(*y)});
}

// Every leaf of a JSON object as "prefix/key" -> JSON text; arrays are leaves, an empty
// object has none (an empty assumptions block says what an absent one does).
void flatten(const ojson &value, const std::string &prefix, std::map<std::string, std::string> &out,
             std::vector<std::string> &order)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flatten(it.value(), prefix.empty() ? it.key() : prefix + "/" + it.key(), out, order);
        return;
    }
    out.emplace(prefix, value.dump());
    if (std::find(order.begin(), order.end(), prefix) == order.end())
        order.push_back(prefix);
}

// The keys whose values differ between two objects: a's keys in order, then b's new ones.
std::vector<FieldChange> fieldChanges(const ojson &a, const ojson &b, const std::string &prefix = "")
{
    std::map<std::string, std::string> va, vb;
    std::vector<std::string> order;
    flatten(a, prefix, va, order);
    flatten(b, prefix, vb, order);
    std::vector<FieldChange> out;
    for (const std::string &key : order) {
        const auto x = va.find(key), y = vb.find(key);
        const std::string ta = x == va.end() ? std::string() : x->second;
        const std::string tb = y == vb.end() ? std::string() : y->second;
        if (ta != tb)
            out.push_back({key, ta, tb});
    }
    return out;
}

// What `key` is paired with in a list of (key, pointer) pairs; null when it is not there.
template<typename T>
const T *findKeyed(const std::vector<std::pair<std::string, const T *>> &list, const std::string &key)
{
    for (const auto &[k, item] : list)
        if (k == key)
            return item;
    return nullptr;
}

// Sites or spans matched by id: removed and changed in a's order, then b's additions.
std::vector<ElementChange> elementChanges(const ojson &a, const ojson &b)
{
    auto byId = [](const ojson &array) {
        std::vector<std::pair<std::string, const ojson *>> out;
        for (const ojson &o : array)
            out.emplace_back(o.at("id").get<std::string>(), &o);
        return out;
    };
    const auto ea = byId(a), eb = byId(b);
    std::vector<ElementChange> out;
    for (const auto &[id, o] : ea) {
        ElementChange c;
        c.id = id;
        const ojson *other = findKeyed(eb, id);
        if (!other) {
            c.change = "removed";
        } else {
            c.change = "changed";
            c.fields = fieldChanges(*o, *other);
        }
        out.push_back(std::move(c));
    }
    for (const auto &[id, o] : eb)
        if (!findKeyed(ea, id)) {
            ElementChange c;
            c.id = id;
            c.change = "added";
            out.push_back(std::move(c));
        }
    return out;
}

std::optional<double> utilizationOf(const Results &r, const std::string &spanId)
{
    for (const SpanResult &s : r.spans)
        if (s.id == spanId)
            return s.utilization;
    return std::nullopt;
}

// Matching key of a demand: job demands by their ends, explicit ones by ends and label.
std::string demandKey(const DemandResult &d)
{
    return d.source + "\n" + d.from + "\n" + d.to + (d.source == "job" ? std::string() : "\n" + d.label);
}

std::vector<DemandChange> demandChanges(const Results &ra, const Results &rb)
{
    // The k-th demand of a key in a matches the k-th of that key in b.
    auto keyed = [](const Results &r) {
        std::vector<std::pair<std::string, const DemandResult *>> out;
        std::map<std::string, int> seen;
        for (const DemandResult &d : r.demands) {
            const std::string key = demandKey(d);
            out.emplace_back(key + "\n#" + std::to_string(seen[key]++), &d);
        }
        return out;
    };
    const auto da = keyed(ra), db = keyed(rb);
    auto change = [](const DemandResult *x, const DemandResult *y, const char *kind) {
        const DemandResult &d = y ? *y : *x;
        DemandChange c{d.source, d.from, d.to, d.label, kind, {}, {}, {}, {}};
        if (x) {
            c.gbps_a = x->gbps;
            c.rate_gbps_a = x->rate_gbps;
        }
        if (y) {
            c.gbps_b = y->gbps;
            c.rate_gbps_b = y->rate_gbps;
        }
        return c;
    };
    std::vector<DemandChange> out;
    for (const auto &[key, d] : da) {
        const DemandResult *other = findKeyed(db, key);
        if (!other)
            out.push_back(change(d, nullptr, "removed"));
        else if (!same(d->gbps, other->gbps) || !same(d->rate_gbps, other->rate_gbps))
            out.push_back(change(d, other, "changed"));
    }
    for (const auto &[key, d] : db)
        if (!findKeyed(da, key))
            out.push_back(change(nullptr, d, "added"));
    return out;
}

std::vector<FigureDiff> headlineDiffs(const Results &ra, const Results &rb)
{
    const Headline a = headlineFigures(ra), b = headlineFigures(rb);
    std::vector<FigureDiff> out = {
        {"gpus", "GPUs", static_cast<double>(a.gpus), static_cast<double>(b.gpus)},
        {"power_mw", "MW", a.power_mw, b.power_mw},
        {"dci_tbps", "Tb/s", a.dci_tbps, b.dci_tbps},
        {"step_s", "s", a.step_s, b.step_s},
        {"efficiency", "", a.efficiency, b.efficiency},
        {"capex_usd", "USD", a.capex_usd, b.capex_usd},
        {"opex_usd_per_year", "USD/year", a.opex_usd_per_year, b.opex_usd_per_year},
    };
    std::set<std::string> optics;
    for (const Headline *h : {&a, &b})
        for (const auto &[optic, count] : h->modules)
            optics.insert(optic);
    for (const std::string &optic : optics) {
        auto count = [&](const Headline &h) {
            const auto it = h.modules.find(optic);
            return it == h.modules.end() ? 0.0 : it->second;
        };
        out.push_back({"modules:" + optic, "modules", count(a), count(b)});
    }
    return out;
}

ojson optionalJson(const std::optional<double> &v) { return v && std::isfinite(*v) ? ojson(*v) : ojson(nullptr); }

ojson fieldValueJson(const std::string &text) { return text.empty() ? ojson(nullptr) : ojson::parse(text); }

ojson fieldsJson(const std::vector<FieldChange> &fields)
{
    ojson out = ojson::array();
    for (const FieldChange &f : fields)
        out.push_back({{"field", f.field}, {"a", fieldValueJson(f.a)}, {"b", fieldValueJson(f.b)}});
    return out;
}

// A figure as the text form shows it; differences get a sign.
std::string figureText(const FigureDiff &f, const std::optional<double> &v, bool signedDifference = false)
{
    if (!v)
        return "-";
    const std::string sign = signedDifference && *v > 0.0 ? "+" : "";
    if (f.figure == "efficiency")
        return formatText(signedDifference ? "%+.2f pp" : "%.2f%%", *v * 100.0);
    if (f.unit == "USD" || f.unit == "USD/year")
        return sign + usd(*v);
    if (f.unit == "s")
        return sign + secondsText(*v);
    if (f.unit == "GPUs" || f.unit == "modules")
        return sign + withThousands(static_cast<std::int64_t>(std::llround(*v)));
    return formatText(signedDifference ? "%+.3f" : "%.3f", *v);
}

std::string figureLabel(const FigureDiff &f)
{
    if (f.figure.rfind("modules:", 0) == 0)
        return f.figure.substr(8) + " modules";
    static const std::map<std::string, std::string> labels = {
        {"gpus", "GPUs"},          {"power_mw", "power MW"},   {"dci_tbps", "DCI demand Tb/s"},
        {"step_s", "step time"},   {"efficiency", "efficiency"}, {"capex_usd", "capex"},
        {"opex_usd_per_year", "opex per year"}};
    const auto it = labels.find(f.figure);
    return it == labels.end() ? f.figure : it->second;
}

std::string shown(const std::string &jsonText)
{
    if (jsonText.empty())
        return "(none)";
    return jsonText.size() > kShownValueChars ? jsonText.substr(0, kShownValueChars - 3) + "..." : jsonText;
}

std::string fieldsText(const std::vector<FieldChange> &fields)
{
    std::string out;
    for (const FieldChange &f : fields)
        out += (out.empty() ? "" : "; ") + f.field + " " + shown(f.a) + " -> " + shown(f.b);
    return out;
}

std::string gbpsText(const std::optional<double> &v) { return v ? formatText("%.1f", *v) : std::string("-"); }

std::string percentText(const std::optional<double> &v) { return v ? formatText("%.1f%%", *v * 100.0) : std::string("-"); }

} // namespace

std::optional<double> FigureDiff::difference() const
{
    if (!a || !b)
        return std::nullopt;
    return *b - *a;
}

bool FigureDiff::differs() const { return !same(a, b); }

bool Comparison::identical() const
{
    return settings.empty() && sites.empty() && spans.empty() && demands.empty()
        && std::none_of(headline.begin(), headline.end(), [](const FigureDiff &f) { return f.differs(); });
}

// docs/CLI.md "diff".
Comparison comparePlans(const Scenario &a, const Results &ra, const Scenario &b, const Results &rb)
{
    Comparison c;
    c.headline = headlineDiffs(ra, rb);
    const ojson ja = ojson::parse(writeScenario(a)), jb = ojson::parse(writeScenario(b));
    ojson settingsA = ja, settingsB = jb;
    for (const char *key : {"format", "version", "sites", "spans", "demands"}) {
        settingsA.erase(key);
        settingsB.erase(key);
    }
    c.settings = fieldChanges(settingsA, settingsB);
    for (ElementChange &site : elementChanges(ja.at("sites"), jb.at("sites")))
        if (site.change != "changed" || !site.fields.empty())
            c.sites.push_back(std::move(site));
    for (ElementChange &span : elementChanges(ja.at("spans"), jb.at("spans"))) {
        span.utilization_a = span.change == "added" ? std::nullopt : utilizationOf(ra, span.id);
        span.utilization_b = span.change == "removed" ? std::nullopt : utilizationOf(rb, span.id);
        if (span.change != "changed" || !span.fields.empty() || !same(span.utilization_a, span.utilization_b))
            c.spans.push_back(std::move(span));
    }
    c.demands = demandChanges(ra, rb);
    return c;
}

std::string comparisonToJson(const Comparison &c, const std::string &labelA, const std::string &labelB)
{
    ojson root;
    root["a"] = labelA;
    root["b"] = labelB;
    root["identical"] = c.identical();
    ojson headline = ojson::array();
    for (const FigureDiff &f : c.headline)
        headline.push_back({{"figure", f.figure}, {"unit", f.unit}, {"a", optionalJson(f.a)}, {"b", optionalJson(f.b)},
                            {"difference", optionalJson(f.difference())}});
    root["headline"] = std::move(headline);
    root["settings"] = fieldsJson(c.settings);
    for (const auto &[key, list] : {std::pair{"sites", &c.sites}, std::pair{"spans", &c.spans}}) {
        ojson items = ojson::array();
        for (const ElementChange &e : *list) {
            ojson o = {{"id", e.id}, {"change", e.change}, {"fields", fieldsJson(e.fields)}};
            if (list == &c.spans) {
                o["utilization_a"] = optionalJson(e.utilization_a);
                o["utilization_b"] = optionalJson(e.utilization_b);
            }
            items.push_back(std::move(o));
        }
        root[key] = std::move(items);
    }
    ojson demands = ojson::array();
    for (const DemandChange &d : c.demands)
        demands.push_back({{"source", d.source}, {"from", d.from}, {"to", d.to}, {"label", d.label},
                           {"change", d.change}, {"gbps_a", optionalJson(d.gbps_a)}, {"gbps_b", optionalJson(d.gbps_b)},
                           {"rate_gbps_a", optionalJson(d.rate_gbps_a)}, {"rate_gbps_b", optionalJson(d.rate_gbps_b)}});
    root["demands"] = std::move(demands);
    return root.dump(2) + "\n";
}

std::string comparisonReport(const Comparison &c, const std::string &labelA, const std::string &labelB)
{
    std::string out = "A: " + labelA + "\nB: " + labelB + "\n\n";
    out += formatText("  %-20s %14s %14s %14s\n", "figure", "A", "B", "B - A");
    for (const FigureDiff &f : c.headline)
        out += formatText("  %-20s %14s %14s %14s\n", figureLabel(f).c_str(), figureText(f, f.a).c_str(),
                          figureText(f, f.b).c_str(),
                          f.differs() ? figureText(f, f.difference(), true).c_str() : "");
    out += "\n";
    if (c.identical())
        return out + "No differences: the same settings, sites, spans and demands, and the same figures.\n";

    if (!c.settings.empty()) {
        out += formatText("Settings (%zu changed):\n", c.settings.size());
        for (const FieldChange &f : c.settings)
            out += "  " + f.field + ": " + shown(f.a) + " -> " + shown(f.b) + "\n";
    }
    for (const auto &[title, list] : {std::pair{"Sites", &c.sites}, std::pair{"Spans", &c.spans}}) {
        if (list->empty())
            continue;
        out += formatText("%s (%zu):\n", title, list->size());
        for (const ElementChange &e : *list) {
            std::string line = "  " + e.id + " " + e.change;
            if (!e.fields.empty())
                line += ": " + fieldsText(e.fields);
            if (list == &c.spans && !same(e.utilization_a, e.utilization_b))
                line += (e.fields.empty() && e.change == "changed" ? ": " : "; ") + std::string("utilisation ")
                    + percentText(e.utilization_a) + " -> " + percentText(e.utilization_b);
            out += line + "\n";
        }
    }
    if (!c.demands.empty()) {
        out += formatText("Demands (%zu):\n", c.demands.size());
        for (const DemandChange &d : c.demands)
            out += "  " + d.from + " -> " + d.to + " (" + (d.label.empty() ? d.source : d.source + ", " + d.label) + ") "
                + d.change + ": required " + gbpsText(d.gbps_a) + " -> " + gbpsText(d.gbps_b) + " Gb/s; rate "
                + gbpsText(d.rate_gbps_a) + " -> " + gbpsText(d.rate_gbps_b) + " Gb/s\n";
    }
    return out;
}

} // namespace dci
