// GNPy importers (docs/IMPORT.md, "GNPy topology" and "GNPy equipment"): a topology's
// ROADM/transceiver cities become hub sites and its fiber chains spans with the file's
// lengths; an equipment file's transceiver modes become catalog optics.

#include "importer.h"
#include "importnetwork.h"

#include "io/scenariojson.h"
#include "edit/edits.h"
#include "model/geo.h"
#include "model/textformat.h"
#include "model/validate.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace dci {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// Elements of one city closer than this are one site: GNPy files put a city's "trx X" and
// "roadm X" at the same coordinates; 1 km allows for rounding, not for a second campus.
constexpr double kMergeKm = 1.0;
// Channel plan of an imported span: GNPy topologies carry none (docs/IMPORT.md).
constexpr const char *kSpanBand = "C";
constexpr int kSpanWavelengths = 8;
constexpr int kSpanFiberPairs = 1;
// GNPy's line elements that are not fibers; other unknown types are resolved through too,
// and the report says so.
constexpr const char *kPassThroughTypes[] = {"Edfa", "Fused", "Multiband_amplifier"};
// Two directions of a link whose lengths differ by less than this are "the same length".
constexpr double kSameLengthKm = 1e-6;


std::string typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

// A JSON pointer for a message: "" (the whole document) is written "/".
std::string where(const std::string &pointer) { return pointer.empty() ? "/" : pointer; }

// Problems that stop an import, each "<origin>: <pointer>: <what>".
class Problems {
public:
    Problems(std::string origin, std::vector<std::string> &out) : m_origin(std::move(origin)), m_out(out) {}
    void add(const std::string &pointer, const std::string &what) { m_out.push_back(m_origin + ": " + where(pointer) + ": " + what); }
    bool any() const { return !m_out.empty(); }

private:
    std::string m_origin;
    std::vector<std::string> &m_out;
};

// Parses the text; on failure adds "<origin>: line L, column C: JSON syntax error: ..." and
// returns nullopt (the same form as the scenario reader's messages).
std::optional<json> parseJson(const std::string &text, const std::string &origin, std::vector<std::string> &errors)
{
    try {
        return json::parse(text);
    } catch (const json::parse_error &e) {
        errors.push_back(jsonSyntaxError(text, origin, e.byte, e.what()));
    } catch (const json::exception &e) {
        // Valid JSON that cannot be represented, e.g. 1e999.
        const std::string what = e.what();
        errors.push_back(origin + ": " + what.substr(what.find(']') + 2) + "; expected finite numbers");
    }
    return std::nullopt;
}

// A number field: present, a finite number; nullopt (and a problem) otherwise.
std::optional<double> number(const json &obj, const char *key, const std::string &ptr, Problems &problems,
                             const std::string &what)
{
    if (!obj.is_object() || !obj.contains(key)) {
        problems.add(ptr, "missing " + inQuotes(key) + " (" + what + ")");
        return std::nullopt;
    }
    const json &v = obj.at(key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
        problems.add(ptr + "/" + key, "expected " + what + " as a number, got " + typeName(v));
        return std::nullopt;
    }
    return v.get<double>();
}

// A city as people write it: GNPy files spell "St_Louis" with underscores.
std::string cityName(std::string city)
{
    std::replace(city.begin(), city.end(), '_', ' ');
    return city;
}

// An optic name not taken yet: wanted, or "wanted (2)", "wanted (3)", ...
std::string uniqueOpticName(const std::string &wanted, std::set<std::string> &taken)
{
    std::string name = wanted;
    for (int n = 2; taken.count(name); ++n)
        name = wanted + " (" + std::to_string(n) + ")";
    taken.insert(name);
    return name;
}

std::string kmText(double km) { return formatText("%.1f km", km); }
std::string numberText(double v) { return formatText("%.10g", v); }


// ---- GNPy topology ---------------------------------------------------------------------

enum class Kind { Site, Fiber, PassThrough };

struct Element {
    std::string uid;
    std::string type;
    Kind kind = Kind::PassThrough;
    double length_km = 0.0; // fibers
    std::string city;       // sites
    double lat = 0.0, lon = 0.0;
    int site = -1; // index of the merged site (site elements)
    std::vector<int> out; // targets of its connections, in file order
};

std::string elementRef(int i) { return "/elements/" + std::to_string(i); }

std::string describe(const Element &e) { return e.type + " " + inQuotes(e.uid); }

// A directed chain of line elements from one site to another.
struct Chain {
    int from = -1;
    int to = -1;
    std::vector<int> elements;
    int fibers = 0;
    double length_km = 0.0;
};

// Reads one element; adds a problem and returns false when it cannot be used.
bool readElement(const json &o, const std::string &ptr, Element &e, Problems &problems)
{
    if (!o.is_object()) {
        problems.add(ptr, "expected an element object, got " + typeName(o));
        return false;
    }
    if (!o.contains("uid") || !o.at("uid").is_string() || o.at("uid").get<std::string>().empty()) {
        problems.add(ptr + "/uid", "expected the element's uid as a non-empty string");
        return false;
    }
    e.uid = o.at("uid").get<std::string>();
    if (!o.contains("type") || !o.at("type").is_string()) {
        problems.add(ptr + "/type", "element " + inQuotes(e.uid) + " has no type (Roadm, Transceiver, Fiber, Edfa, ...)");
        return false;
    }
    e.type = o.at("type").get<std::string>();
    const std::string who = describe(e);

    if (e.type == "Roadm" || e.type == "Transceiver") {
        e.kind = Kind::Site;
        const json *location = nullptr;
        if (o.contains("metadata") && o.at("metadata").is_object() && o.at("metadata").contains("location"))
            location = &o.at("metadata").at("location");
        const std::string lptr = ptr + "/metadata/location";
        if (!location || !location->is_object()) {
            problems.add(lptr, who + " has no location; a site needs its latitude and longitude");
            return false;
        }
        auto lat = number(*location, "latitude", lptr, problems, "the latitude of " + who);
        auto lon = number(*location, "longitude", lptr, problems, "the longitude of " + who);
        if (!lat || !lon)
            return false;
        if (std::fabs(*lat) > 90.0 || std::fabs(*lon) > 180.0) {
            problems.add(lptr, who + " lies at latitude " + formatText("%g", *lat) + ", longitude "
                                   + formatText("%g", *lon) + "; expected latitude in [-90, 90], longitude in [-180, 180]");
            return false;
        }
        e.lat = *lat;
        e.lon = *lon;
        if (location->contains("city") && location->at("city").is_string())
            e.city = location->at("city").get<std::string>();
        return true;
    }
    if (e.type == "Fiber" || e.type == "RamanFiber") {
        e.kind = Kind::Fiber;
        const std::string pptr = ptr + "/params";
        if (!o.contains("params") || !o.at("params").is_object()) {
            problems.add(pptr, who + " has no params; a fiber needs params.length and params.length_units");
            return false;
        }
        const json &params = o.at("params");
        auto length = number(params, "length", pptr, problems, "the length of " + who);
        if (!length)
            return false;
        if (*length < 0) {
            problems.add(pptr + "/length", who + " has a negative length " + formatText("%g", *length));
            return false;
        }
        if (!params.contains("length_units") || !params.at("length_units").is_string()) {
            problems.add(pptr + "/length_units", who + " has no length_units (\"km\" or \"m\")");
            return false;
        }
        const std::string units = params.at("length_units").get<std::string>();
        if (units == "km" || units == "kilometer")
            e.length_km = *length;
        else if (units == "m" || units == "meter")
            e.length_km = *length / 1000.0;
        else {
            problems.add(pptr + "/length_units", who + " has length_units " + inQuotes(units) + "; expected \"km\" or \"m\"");
            return false;
        }
        return true;
    }
    // Amplifiers, fused connectors and anything else on a line are resolved through.
    e.kind = Kind::PassThrough;
    return true;
}

struct Walked {
    std::vector<Chain> chains;
    int internal = 0; // connections between two elements of one site
};

// Follows every connection leaving a site element through line elements to the next site.
Walked walkChains(std::vector<Element> &elements, Problems &problems)
{
    Walked w;
    std::vector<int> usedBy(elements.size(), -1); // line element -> the site element whose chain has it
    bool anyBroken = false;
    for (int s = 0; s < static_cast<int>(elements.size()); ++s) {
        if (elements[s].kind != Kind::Site)
            continue;
        for (int next : elements[s].out) {
            Chain chain;
            chain.from = elements[s].site;
            bool broken = false;
            while (elements[next].kind != Kind::Site) {
                const Element &e = elements[next];
                if (usedBy[next] >= 0) {
                    // The same site twice is a loop on this link, or two of its links joining
                    // ("reached from "ra" and from "ra"" said neither, ../shared/reliability D14).
                    const bool loop = std::find(chain.elements.begin(), chain.elements.end(), next)
                        != chain.elements.end();
                    std::string how;
                    if (loop) {
                        how = " is reached again on the link from " + inQuotes(elements[s].uid) + ": its connections loop (";
                        for (auto it = std::find(chain.elements.begin(), chain.elements.end(), next);
                             it != chain.elements.end(); ++it)
                            how += inQuotes(elements[*it].uid) + " -> ";
                        how += inQuotes(e.uid) + ") without reaching a ROADM or transceiver";
                    } else if (usedBy[next] == s) {
                        how = " is reached by two links leaving " + inQuotes(elements[s].uid);
                    } else {
                        how = " is reached from " + inQuotes(elements[usedBy[next]].uid) + " and from "
                            + inQuotes(elements[s].uid);
                    }
                    problems.add(elementRef(next),
                                 describe(e) + how + "; a fiber or amplifier lies on one link in one direction");
                    broken = true;
                    break;
                }
                usedBy[next] = s;
                chain.elements.push_back(next);
                if (e.kind == Kind::Fiber) {
                    ++chain.fibers;
                    chain.length_km += e.length_km;
                    // Fibers each within bounds can still add up past them, even to inf
                    // (which was written as null, ../shared/reliability D11b).
                    if (!(chain.length_km <= spanLengthRule().high)) {
                        problems.add(elementRef(next), "the fibers of the link from " + inQuotes(elements[s].uid)
                                                           + " add up to " + numberText(chain.length_km) + " km by "
                                                           + describe(e) + "; a span's length_km: "
                                                           + numberProblem(spanLengthRule(), chain.length_km));
                        broken = true;
                        break;
                    }
                }
                if (e.out.size() != 1) {
                    problems.add(elementRef(next),
                                 e.out.empty()
                                     ? describe(e) + " has no connection leaving it: the link from "
                                           + inQuotes(elements[s].uid) + " ends there without reaching a ROADM or transceiver"
                                     : describe(e) + " has " + std::to_string(e.out.size())
                                           + " connections leaving it; a fiber or amplifier has one");
                    broken = true;
                    break;
                }
                next = e.out.front();
            }
            anyBroken = anyBroken || broken;
            if (broken)
                continue;
            chain.to = elements[next].site;
            if (chain.elements.empty() && chain.from == chain.to)
                ++w.internal;
            else
                w.chains.push_back(std::move(chain));
        }
    }
    // Elements after a link that broke off are unreached too: that link's message says why.
    for (int i = 0; i < static_cast<int>(elements.size()) && !anyBroken; ++i)
        if (elements[i].kind != Kind::Site && usedBy[i] < 0)
            problems.add(elementRef(i), describe(elements[i])
                                                      + " is on no link from a ROADM or transceiver (no connection "
                                                        "path from a site reaches it); the file seems incomplete");
    return w;
}

} // namespace

ImportResult importGnpyTopology(const std::string &text, const std::string &origin, const Catalog &catalog,
                                const ImportOptions &options)
{
    const double routeFactor = options.routeFactor(catalog);
    ImportResult result;
    std::optional<json> parsed = parseJson(text, origin, result.errors);
    if (!parsed)
        return result;
    const json &root = *parsed;
    Problems problems(origin, result.errors);
    if (!root.is_object() || !root.contains("elements") || !root.at("elements").is_array()) {
        problems.add(root.is_object() && root.contains("elements") ? "/elements" : "",
                     "expected a GNPy topology: an object with an \"elements\" array and a \"connections\" array");
        return result;
    }
    if (!root.contains("connections") || !root.at("connections").is_array()) {
        problems.add(root.contains("connections") ? "/connections" : "",
                     "expected a \"connections\" array (from_node/to_node pairs) beside \"elements\"");
        return result;
    }
    if (catalog.optics.empty() || catalog.gpus.empty()) {
        problems.add("", "the catalog has no optics or no GPUs to give the imported spans and sites");
        return result;
    }

    // Elements.
    const json &elementArr = root.at("elements");
    std::vector<Element> elements;
    std::map<std::string, int> byUid;
    std::map<std::string, int> typeCounts;
    for (std::size_t i = 0; i < elementArr.size(); ++i) {
        const std::string ptr = "/elements/" + std::to_string(i);
        Element e;
        if (!readElement(elementArr.at(i), ptr, e, problems))
            continue;
        auto [it, fresh] = byUid.emplace(e.uid, static_cast<int>(elements.size()));
        if (!fresh) {
            problems.add(ptr + "/uid", "duplicate uid " + inQuotes(e.uid) + " (first used at /elements/"
                                           + std::to_string(it->second) + "); connections could not tell them apart");
            continue;
        }
        ++typeCounts[e.type];
        elements.push_back(std::move(e));
    }
    if (problems.any())
        return result;

    // Connections.
    std::vector<std::string> uids;
    uids.reserve(elements.size());
    for (const Element &e : elements)
        uids.push_back(e.uid);
    const json &connArr = root.at("connections");
    int duplicateConnections = 0;
    std::set<std::pair<int, int>> seenConnections;
    for (std::size_t i = 0; i < connArr.size(); ++i) {
        const std::string ptr = "/connections/" + std::to_string(i);
        const json &c = connArr.at(i);
        if (!c.is_object()) {
            problems.add(ptr, "expected a connection object {\"from_node\", \"to_node\"}, got " + typeName(c));
            continue;
        }
        int ends[2] = {-1, -1};
        const char *keys[2] = {"from_node", "to_node"};
        for (int k = 0; k < 2; ++k) {
            if (!c.contains(keys[k]) || !c.at(keys[k]).is_string()) {
                problems.add(ptr + "/" + keys[k], std::string("expected the uid of an element in \"") + keys[k] + "\"");
                continue;
            }
            const std::string uid = c.at(keys[k]).get<std::string>();
            auto it = byUid.find(uid);
            if (it == byUid.end()) {
                std::string msg = "unknown uid " + inQuotes(uid) + "; no element has it";
                const std::string hint = closestName(uid, uids);
                if (!hint.empty())
                    msg += " (did you mean " + inQuotes(hint) + "?)";
                problems.add(ptr + "/" + keys[k], msg);
                continue;
            }
            ends[k] = it->second;
        }
        if (ends[0] < 0 || ends[1] < 0)
            continue;
        if (ends[0] == ends[1]) {
            problems.add(ptr, "connects " + inQuotes(elements[ends[0]].uid) + " to itself");
            continue;
        }
        if (!seenConnections.insert({ends[0], ends[1]}).second) {
            ++duplicateConnections;
            continue;
        }
        elements[ends[0]].out.push_back(ends[1]);
    }
    if (problems.any())
        return result;

    // Sites: ROADMs and transceivers of one city at one location (within kMergeKm) merge;
    // elements without a city merge only with others without one at the same location.
    Scenario s;
    s.name = importnet::fileBaseName(origin);
    s.description = "Imported from the GNPy topology " + importnet::fileName(origin)
        + ": ROADM/transceiver cities as hub sites (no GPUs), fiber chains as spans with the file's lengths.";
    std::vector<std::vector<int>> siteMembers;
    std::set<std::string> siteIds;
    int roadms = 0, transceivers = 0;
    for (int i = 0; i < static_cast<int>(elements.size()); ++i) {
        Element &e = elements[i];
        if (e.kind != Kind::Site)
            continue;
        (e.type == "Roadm" ? roadms : transceivers) += 1;
        for (std::size_t k = 0; k < siteMembers.size() && e.site < 0; ++k) {
            const Element &first = elements[siteMembers[k].front()];
            if (first.city == e.city && geo::greatCircleKm(first.lat, first.lon, e.lat, e.lon) <= kMergeKm)
                e.site = static_cast<int>(k);
        }
        if (e.site >= 0) {
            siteMembers[e.site].push_back(i);
            continue;
        }
        e.site = static_cast<int>(s.sites.size());
        siteMembers.push_back({i});
        Site site;
        site.name = e.city.empty() ? e.uid : cityName(e.city);
        site.id = importnet::uniqueId(edits::readableId(site.name), siteIds);
        site.lat = e.lat;
        site.lon = e.lon;
        site.gpu = catalog.gpus.front().name;
        site.gpus = 0;
        s.sites.push_back(std::move(site));
    }
    for (std::size_t k = 0; k < siteMembers.size(); ++k) {
        json members = json::array();
        for (int i : siteMembers[k])
            members.push_back(elements[i].uid);
        s.sites[k].extensions["x-gnpy-uids"] = members.dump();
    }

    Walked walked = walkChains(elements, problems);
    if (problems.any())
        return result;

    // Links: the chains between two sites, both directions. Chains of a direction are
    // paired shortest with shortest; a link takes the longer of its two directions.
    struct Link {
        int a = -1, b = -1;
        std::vector<Chain> ab, ba;
    };
    std::vector<Link> links;
    std::map<std::pair<int, int>, std::size_t> linkOf;
    int loops = 0;
    for (Chain &c : walked.chains) {
        if (c.from == c.to) {
            ++loops;
            continue;
        }
        const std::pair<int, int> key{std::min(c.from, c.to), std::max(c.from, c.to)};
        auto [it, fresh] = linkOf.emplace(key, links.size());
        if (fresh) {
            links.push_back({});
            links.back().a = c.from;
            links.back().b = c.to;
        }
        Link &link = links[it->second];
        (c.from == link.a ? link.ab : link.ba).push_back(std::move(c));
    }

    auto uidList = [&](const Chain &c) {
        json list = json::array();
        for (int i : c.elements)
            list.push_back(elements[i].uid);
        return list;
    };
    std::set<std::string> spanIds;
    std::map<std::string, int> opticCounts;
    std::vector<std::string> opticOrder;
    int passThrough = 0, differing = 0, oneWay = 0, tooLong = 0, fiberless = 0, samePlace = 0,
        shorterThanGeodesic = 0;
    double maxDifference = 0.0, longest = 0.0, totalKm = 0.0;
    const Optic *fallback = nullptr;
    const std::string band = catalog.band(kSpanBand) ? std::string(kSpanBand) : catalog.defaultBand;
    for (Link &link : links) {
        auto byLength = [](const Chain &x, const Chain &y) { return x.length_km < y.length_km; };
        std::stable_sort(link.ab.begin(), link.ab.end(), byLength);
        std::stable_sort(link.ba.begin(), link.ba.end(), byLength);
        const std::size_t n = std::max(link.ab.size(), link.ba.size());
        for (std::size_t k = 0; k < n; ++k) {
            const Chain *ab = k < link.ab.size() ? &link.ab[k] : nullptr;
            const Chain *ba = k < link.ba.size() ? &link.ba[k] : nullptr;
            double length = 0.0;
            json uidsExt = json::object();
            for (const Chain *c : {ab, ba}) {
                if (!c)
                    continue;
                length = std::max(length, c->length_km);
                passThrough += static_cast<int>(c->elements.size()) - c->fibers;
                uidsExt[c == ab ? "a_to_b" : "b_to_a"] = uidList(*c);
            }
            if (ab && ba && std::fabs(ab->length_km - ba->length_km) > kSameLengthKm) {
                ++differing;
                maxDifference = std::max(maxDifference, std::fabs(ab->length_km - ba->length_km));
            }
            if (!ab || !ba)
                ++oneWay;
            const Site &sa = s.sites[link.a];
            const Site &sb = s.sites[link.b];
            if (length <= 0.0) {
                // No fiber between two sites: the Geometry rule of docs/MODEL.md with the
                // import's route factor, unless they share a location.
                length = geo::greatCircleKm(sa.lat, sa.lon, sb.lat, sb.lon) * routeFactor;
                if (length <= 0.0) {
                    ++samePlace;
                    continue;
                }
                ++fiberless;
            }
            Span span;
            span.id = importnet::uniqueId(sa.id + "-" + sb.id, spanIds);
            span.a = sa.id;
            span.b = sb.id;
            span.length_km = length;
            bool closes = false;
            const Optic *optic = catalog.fastestOpticReaching(length);
            closes = optic != nullptr;
            if (!optic)
                optic = catalog.longestReachOptic();
            if (!closes) {
                ++tooLong;
                fallback = optic;
            }
            if (length < geo::greatCircleKm(sa.lat, sa.lon, sb.lat, sb.lon))
                ++shorterThanGeodesic;
            longest = std::max(longest, length);
            totalKm += length;
            span.optic = optic->name;
            if (!opticCounts[optic->name]++)
                opticOrder.push_back(optic->name);
            span.fiber_pairs = kSpanFiberPairs;
            span.band = band;
            span.wavelengths = kSpanWavelengths;
            span.extensions["x-gnpy-uids"] = uidsExt.dump();
            s.spans.push_back(std::move(span));
        }
    }

    // The report: one sentence per line.
    ImportReport &r = result.report;
    const int fibers = typeCounts["Fiber"] + typeCounts["RamanFiber"];
    r.kept.push_back(formatText("%zu ROADM/transceiver cities -> %zu sites (%d ROADMs and %d transceivers; the elements "
                                "of one city at one location are one site)",
                                s.sites.size(), s.sites.size(), roadms, transceivers));
    r.kept.push_back(formatText("%d fibers -> %zu spans (the fiber chain of each direction between two sites; the two "
                                "directions of a link are one span)",
                                fibers, s.spans.size()));
    r.kept.push_back("span lengths: the sum of the fiber lengths along each chain, " + kmText(totalKm)
                     + " of routes in total, longest " + kmText(longest));
    r.kept.push_back("site coordinates and names: the file's metadata.location (latitude, longitude, city; "
                       "'_' in a city read as a space: St_Louis -> St Louis)");
    if (shorterThanGeodesic)
        r.kept.push_back(formatText("%d spans shorter than the great circle between their sites: the file's length "
                                    "kept (check the file's lengths or coordinates)",
                                    shorterThanGeodesic));
    if (differing)
        r.guessed.push_back(formatText("%d links whose two directions differ in length: the longer direction used "
                                       "(largest difference %.3f km)",
                                       differing, maxDifference));
    if (oneWay)
        r.guessed.push_back(formatText("%d links with a fiber chain in one direction only: each kept as a span", oneWay));
    if (fiberless)
        r.guessed.push_back(formatText("%d links without a fiber: length = great circle x route factor %g", fiberless,
                                       routeFactor));
    std::string optics;
    for (const std::string &name : opticOrder)
        optics += (optics.empty() ? "" : ", ") + std::to_string(opticCounts[name]) + " x " + name;
    r.guessed.push_back("optic: the catalog's highest-rate optic whose reach covers the span (" + optics + ")");
    if (tooLong)
        r.guessed.push_back(formatText("%d spans longer than every catalog optic's reach: given %s (%.0f km), they "
                                       "cannot close (reach-exceeded)",
                                       tooLong, fallback->name.c_str(), fallback->reach_km));
    r.guessed.push_back(formatText("every span: band %s, %d fiber pair, %d wavelengths (GNPy topologies carry no "
                                   "channel plan)",
                                   band.c_str(), kSpanFiberPairs, kSpanWavelengths));
    r.guessed.push_back("every site: a hub with 0 GPUs, gpu " + catalog.gpus.front().name);
    std::string lineTypes, unknownTypes;
    for (const auto &[type, count] : typeCounts) {
        if (type == "Roadm" || type == "Transceiver" || type == "Fiber" || type == "RamanFiber")
            continue;
        const std::string entry = std::to_string(count) + " " + type;
        lineTypes += (lineTypes.empty() ? "" : ", ") + entry;
        if (std::find(std::begin(kPassThroughTypes), std::end(kPassThroughTypes), type) == std::end(kPassThroughTypes))
            unknownTypes += (unknownTypes.empty() ? "" : ", ") + entry;
    }
    if (passThrough)
        r.dropped.push_back(formatText("%d amplifiers and other line elements (", passThrough) + lineTypes
                            + "): resolved through, not kept as sites");
    else
        r.dropped.push_back("amplifiers: none in the file (they would be resolved through, not kept as sites)");
    if (!unknownTypes.empty())
        r.guessed.push_back("element types resolved through like amplifiers: " + unknownTypes);
    r.dropped.push_back(formatText("%d connections between elements of one site (transceiver-ROADM): no span", walked.internal));
    r.dropped.push_back("fiber parameters other than length (type_variety, loss_coef, connector losses), amplifier and "
                        "ROADM settings: not used by DCI Planner; the GNPy uids are kept in x-gnpy-uids");
    if (loops)
        r.dropped.push_back(formatText("%d fiber chains from a site back to itself", loops));
    if (samePlace)
        r.dropped.push_back(formatText("%d links without a fiber between sites at the same location", samePlace));
    if (duplicateConnections)
        r.dropped.push_back(formatText("%d repeated connections", duplicateConnections));
    if (root.contains("metadata"))
        r.dropped.push_back("the file's top-level metadata");

    result.scenario = std::move(s);
    return result;
}

// ---- GNPy equipment --------------------------------------------------------------------

namespace {

// Bits per symbol and polarisation of the densest modulation modulationFor names.
constexpr int kMostBitsPerSymbol = 6;

// The lowest DP-M-QAM whose raw bits per symbol and polarisation cover the net rate:
// bit_rate / (2 x baud) bits are needed, FEC overhead comes on top.
std::string modulationFor(double rate_gbps, double baud_gbd, double *bitsPerSymbol)
{
    *bitsPerSymbol = rate_gbps / (2.0 * baud_gbd);
    static const std::pair<double, const char *> kFormats[] = {
        {1, "DP-BPSK"}, {2, "DP-QPSK"}, {3, "DP-8QAM"}, {4, "DP-16QAM"}, {5, "DP-32QAM"}, {kMostBitsPerSymbol, "DP-64QAM"}};
    for (const auto &[bits, name] : kFormats)
        if (*bitsPerSymbol <= bits)
            return name;
    return "";
}

// A modulation named in the mode's text ("DP-16QAM", "16QAM", "QPSK"), or "".
std::string namedModulation(const std::string &text)
{
    static const char *kNames[] = {"64QAM", "32QAM", "16QAM", "8QAM", "QPSK", "BPSK"};
    for (const char *name : kNames)
        if (text.find(name) != std::string::npos)
            return std::string("DP-") + name;
    return "";
}

// The catalog optic most like a mode: the same rate and the closest baud, else the
// closest rate (then baud).
const Optic *comparableOptic(const Catalog &catalog, double rate_gbps, double baud_gbd)
{
    const Optic *best = nullptr;
    auto score = [&](const Optic &o) { return std::pair{std::fabs(o.rate_gbps - rate_gbps), std::fabs(o.baud_gbd - baud_gbd)}; };
    for (const Optic &o : catalog.optics)
        if (!best || score(o) < score(*best))
            best = &o;
    return best;
}


// The file's figures are a secondary source (example data of another tool).
const std::string kImportedConfidence = "M";

} // namespace

ImportResult importGnpyEquipment(const std::string &text, const std::string &origin, const Catalog &catalog,
                                 const ImportOptions &)
{
    ImportResult result;
    std::optional<json> parsed = parseJson(text, origin, result.errors);
    if (!parsed)
        return result;
    const json &root = *parsed;
    Problems problems(origin, result.errors);
    if (!root.is_object() || !root.contains("Transceiver")) {
        problems.add("", "expected a GNPy equipment file: an object with a \"Transceiver\" list");
        return result;
    }
    const json &trxs = root.at("Transceiver");
    if (!trxs.is_array()) {
        problems.add("/Transceiver", "expected an array of transceivers, got " + typeName(trxs));
        return result;
    }

    std::vector<Optic> optics;
    std::set<std::string> names;
    std::vector<std::string> skipped, comparables;
    int modes = 0, inferred = 0;
    for (std::size_t i = 0; i < trxs.size(); ++i) {
        const std::string tptr = "/Transceiver/" + std::to_string(i);
        const json &t = trxs.at(i);
        if (!t.is_object() || !t.contains("type_variety") || !t.at("type_variety").is_string()) {
            problems.add(tptr + "/type_variety", "expected the transceiver's type_variety as a string");
            continue;
        }
        const std::string type = t.at("type_variety").get<std::string>();
        if (!t.contains("mode") || !t.at("mode").is_array()) {
            problems.add(tptr + "/mode", "transceiver " + inQuotes(type) + " has no mode list");
            continue;
        }
        const json &modeArr = t.at("mode");
        for (std::size_t j = 0; j < modeArr.size(); ++j) {
            const std::string mptr = tptr + "/mode/" + std::to_string(j);
            const json &m = modeArr.at(j);
            ++modes;
            if (!m.is_object() || !m.contains("format") || !m.at("format").is_string()) {
                problems.add(mptr + "/format", "expected the mode's format (its name) as a string");
                continue;
            }
            const std::string format = m.at("format").get<std::string>();
            const std::string who = "transceiver " + inQuotes(type) + " mode " + inQuotes(format);
            if (!m.contains("bit_rate") || m.at("bit_rate").is_null()) {
                skipped.push_back(type + " " + format);
                continue;
            }
            auto bitRate = number(m, "bit_rate", mptr, problems, "the bit rate in bit/s of " + who);
            auto baudRate = number(m, "baud_rate", mptr, problems, "the baud rate in baud of " + who);
            auto spacing = number(m, "min_spacing", mptr, problems, "the channel spacing in Hz of " + who);
            if (!bitRate || !baudRate || !spacing)
                continue;
            bool bad = false;
            for (auto [value, key] : {std::pair{*bitRate, "bit_rate"}, {*baudRate, "baud_rate"}, {*spacing, "min_spacing"}})
                if (value <= 0) {
                    problems.add(mptr + "/" + key, who + ": expected a positive " + key + ", got " + numberText(value));
                    bad = true;
                }
            if (bad)
                continue;

            Optic o;
            o.name = uniqueOpticName(type + " " + format, names);
            o.rate_gbps = *bitRate / 1e9;
            o.baud_gbd = *baudRate / 1e9;
            o.spacing_ghz = *spacing / 1e9;
            // Physical bounds, as for a catalog file's optics: baud_rate 5e-324 and
            // min_spacing 1e-300 made a catalog that loaded (../shared/reliability D12).
            for (auto [key, field, value, unit] :
                 {std::tuple{"bit_rate", "rate_gbps", o.rate_gbps, " Gb/s"},
                  {"baud_rate", "baud_gbd", o.baud_gbd, " GBd"},
                  {"min_spacing", "spacing_ghz", o.spacing_ghz, " GHz"}})
                if (const std::string problem = catalogEntryProblem("optics", field, value); !problem.empty()) {
                    problems.add(mptr + "/" + key, who + ": " + key + " is " + numberText(value) + unit + "; "
                                     + problem);
                    bad = true;
                }
            double bits = 0.0;
            const std::string inferredModulation = modulationFor(o.rate_gbps, o.baud_gbd, &bits);
            if (!bad && inferredModulation.empty()) {
                problems.add(mptr + "/bit_rate", who + formatText(": bit_rate / (2 x baud_rate) is %s bits per symbol "
                                                                  "and polarisation; no modulation DCI Planner knows "
                                                                  "carries more than %d (DP-64QAM)",
                                                                  numberText(bits).c_str(), kMostBitsPerSymbol));
                bad = true;
            }
            if (bad)
                continue;
            o.modulation = namedModulation(format + " " + type);
            if (o.modulation.empty()) {
                o.modulation = inferredModulation;
                ++inferred;
                o.placeholders.push_back("modulation");
            }

            std::string figures = formatText("bit_rate %s Gb/s, baud_rate %s GBd, min_spacing %s GHz",
                                             numberText(o.rate_gbps).c_str(), numberText(o.baud_gbd).c_str(),
                                             numberText(o.spacing_ghz).c_str());
            for (auto [key, label, unit] : {std::tuple{"OSNR", "required OSNR", " dB"}, {"tx_osnr", "tx OSNR", " dB"},
                                            {"roll_off", "roll-off", ""}})
                if (m.contains(key) && m.at(key).is_number())
                    figures += std::string(", ") + label + " " + numberText(m.at(key).get<double>()) + unit;
            double cdTolerance = -1.0;
            if (m.contains("penalties") && m.at("penalties").is_array())
                for (const json &p : m.at("penalties"))
                    if (p.is_object() && p.contains("chromatic_dispersion") && p.at("chromatic_dispersion").is_number())
                        cdTolerance = std::max(cdTolerance, p.at("chromatic_dispersion").get<double>());
            if (cdTolerance > 0)
                figures += ", penalties given up to " + numberText(cdTolerance) + " ps/nm chromatic dispersion";

            std::string source = "GNPy equipment file " + origin + ", Transceiver " + type + ", mode " + format + ": "
                + figures + ". ";
            if (o.placeholders.empty())
                source += "Modulation named in the mode. ";
            else
                source += formatText("Modulation inferred: %.2f bit/symbol/polarisation needs at least %s. ", bits,
                                     o.modulation.c_str());
            if (const Optic *like = comparableOptic(catalog, o.rate_gbps, o.baud_gbd)) {
                o.reach_km = like->reach_km;
                o.power_w = like->power_w;
                o.price_usd = like->price_usd;
                o.price_range_usd = like->price_range_usd;
                if (like->price_range_usd)
                    o.price_range_source = "The price range of the comparable catalog optic " + like->name + ": "
                                           + like->price_range_source;
                source += "GNPy gives a required OSNR, not a reach: reach_km, power_w and price_usd are placeholders "
                          "copied from the comparable catalog optic "
                    + like->name + " (same rate, closest baud).";
                comparables.push_back(o.name + " <- " + like->name);
            } else {
                source += "GNPy gives a required OSNR, not a reach; the catalog has no optic to copy reach_km, "
                          "power_w and price_usd from: they are 0 (placeholders).";
            }
            o.placeholders.insert(o.placeholders.end(), {"reach_km", "power_w", "price_usd"});
            o.source = source;
            o.confidence = kImportedConfidence;
            optics.push_back(std::move(o));
        }
    }
    if (problems.any())
        return result;
    if (optics.empty()) {
        problems.add("/Transceiver", "no transceiver mode with a bit rate; nothing to import");
        return result;
    }

    ImportReport &r = result.report;
    r.kept.push_back(formatText("%d transceiver modes -> %zu optics (rate, baud and spacing from the file; required "
                                "OSNR, tx OSNR, roll-off and dispersion penalties in each optic's source text)",
                                modes, optics.size()));
    std::string like;
    for (const std::string &c : comparables)
        like += (like.empty() ? "" : ", ") + c;
    r.guessed.push_back("reach, power and price: GNPy gives a required OSNR, not a reach; copied from the comparable "
                        "catalog optic (same rate, closest baud) and listed as placeholders: "
                        + like);
    if (inferred)
        r.guessed.push_back(formatText("modulation of %d optics inferred as the lowest DP-QAM whose bits per symbol "
                                       "cover bit_rate / (2 x baud_rate)",
                                       inferred));
    if (!skipped.empty()) {
        std::string list;
        for (const std::string &s : skipped)
            list += (list.empty() ? "" : ", ") + s;
        r.dropped.push_back(formatText("%zu modes without a bit rate: skipped (", skipped.size()) + list + ")");
    }
    std::string sections;
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != "Transceiver")
            sections += (sections.empty() ? "" : ", ") + it.key();
    if (!sections.empty())
        r.dropped.push_back("sections " + sections
                            + ": not used (the line system, amplifiers and bands come from the catalog)");
    r.dropped.push_back("transceiver frequency ranges and mode costs: not used");

    result.optics = std::move(optics);
    return result;
}

// ---- catalog with extra optics -----------------------------------------------------------

namespace {

ojson num(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15)
        return ojson(static_cast<std::int64_t>(v));
    return ojson(v);
}

ojson placeholderList(const std::vector<std::string> &fields)
{
    ojson out = ojson::array();
    for (const std::string &f : fields)
        out.push_back(f);
    return out;
}

ojson figureSection(const std::map<std::string, Figure> &figures)
{
    ojson out = ojson::object();
    for (const auto &[key, f] : figures) {
        out[key] = ojson{{"value", num(f.value)}, {"unit", f.unit}, {"description", f.description},
                         {"source", f.source}, {"confidence", f.confidence}};
        if (f.range) {
            out[key]["range"] = ojson::array({num(f.range->first), num(f.range->second)});
            out[key]["range_source"] = f.range_source;
        }
    }
    return out;
}

ojson opticJson(const Optic &o)
{
    ojson out = {{"name", o.name},           {"rate_gbps", num(o.rate_gbps)}, {"baud_gbd", num(o.baud_gbd)},
                 {"modulation", o.modulation}, {"spacing_ghz", num(o.spacing_ghz)}, {"reach_km", num(o.reach_km)},
                 {"power_w", num(o.power_w)},  {"price_usd", num(o.price_usd)}, {"source", o.source},
                 {"confidence", o.confidence}};
    if (o.price_range_usd) {
        out["price_range_usd"] = ojson::array({num(o.price_range_usd->first), num(o.price_range_usd->second)});
        out["price_range_source"] = o.price_range_source;
    }
    out["bands"] = o.bands;
    out["single_span"] = o.single_span;
    if (!o.placeholders.empty())
        out["placeholders"] = placeholderList(o.placeholders);
    return out;
}

} // namespace

std::string catalogWithOptics(const Catalog &catalog, const std::vector<Optic> &optics)
{
    // Written from the Catalog itself (not the embedded text), so a catalog loaded with
    // --catalog or carrying overrides is kept as it is.
    ojson root = ojson::object();
    root["format"] = "dci-catalog";
    root["version"] = catalog.version;
    root["about"] = "DCI Planner catalog with optics imported from another tool appended; each entry names its source "
                    "and confidence, and lists its placeholder fields (docs/IMPORT.md).";
    root["default_gpu"] = catalog.defaultGpu;
    root["default_optic"] = catalog.defaultOptic;
    root["default_band"] = catalog.defaultBand;
    ojson gpus = ojson::array();
    for (const GpuType &g : catalog.gpus) {
        ojson o = {{"name", g.name},
                   {"bf16_dense_tflops", num(g.bf16_dense_tflops)},
                   {"tdp_w", num(g.tdp_w)},
                   {"it_kw_per_gpu", num(g.it_kw_per_gpu)},
                   {"price_usd", num(g.price_usd)},
                   {"source", g.source},
                   {"confidence", g.confidence}};
        if (!g.placeholders.empty())
            o["placeholders"] = placeholderList(g.placeholders);
        gpus.push_back(std::move(o));
    }
    root["gpus"] = std::move(gpus);
    ojson opticArr = ojson::array();
    std::set<std::string> names;
    for (const Optic &o : catalog.optics) {
        names.insert(o.name);
        opticArr.push_back(opticJson(o));
    }
    for (Optic o : optics) {
        o.name = uniqueOpticName(o.name, names);
        opticArr.push_back(opticJson(o));
    }
    root["optics"] = std::move(opticArr);
    ojson bands = ojson::array();
    for (const Band &b : catalog.bands)
        bands.push_back({{"name", b.name},
                         {"width_thz", num(b.width_thz)},
                         {"sub_bands", b.sub_bands},
                         {"amplifier_chains", b.amplifier_chains},
                         {"source", b.source},
                         {"confidence", b.confidence}});
    root["bands"] = std::move(bands);
    root["assumptions"] = figureSection(catalog.assumptions);
    root["job_defaults"] = figureSection(catalog.jobDefaults);
    root["prices"] = figureSection(catalog.prices);
    return root.dump(2) + "\n";
}

} // namespace dci
