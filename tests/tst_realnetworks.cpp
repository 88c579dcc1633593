// Real networks: the Topology Zoo GraphML files the repository ships (resources/networks)
// and our SNDlib-format fixtures (tests/data/sndlib) are
// built into scenarios here (the project has no importers yet), evaluated, and every span
// length, capacity, load per direction and demand path is compared with a reference computed
// independently in this file (docs/MODEL.md "Geometry", "Capacity", "Routing"): haversine
// lengths, Floyd-Warshall distances, and the documented next-hop rules of `shortest`
// (lowest-numbered span on a shortest path) and `ecmp` (equal split over all of them).
//
// SNDlib's own files carry no licence and are not shipped. Given DCI_SNDLIB_REAL_DIR (CTest's
// tst_realnetworks_sndlib_real, only where ../shared/data/sndlib exists), every test reads
// SNDlib's abilene.txt and germany50.txt there instead of the files above.
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <tuple>

using namespace dci;

namespace {

// The reference's own constants (docs/MODEL.md), not the engine's.
constexpr double kEarthRadiusKm = 6371.0088; // IUGG mean radius
constexpr double kRouteFactor = 1.25;
constexpr double kFiberUsPerKm = 4.9;
constexpr double kCompareTolerance = 1e-6; // relative, engine against reference
constexpr int kWavelengths = 8;
constexpr std::size_t kRefMaxPathsListed = 64; // "up to 64 listed" per demand
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kNoHops = std::numeric_limits<int>::max();

// SNDlib's own files, when the test is run on them (see the top of this file); else empty.
QString sndlibRealDir() { return qEnvironmentVariable("DCI_SNDLIB_REAL_DIR"); }

// Deviation as near() measures it: relative, absolute below 1.
double deviation(double got, double want) { return std::fabs(got - want) / std::max(1.0, std::fabs(want)); }

bool near(double got, double want) { return deviation(got, want) <= kCompareTolerance; }

// ---- Reading the files ---------------------------------------------------------------

// What a file held and what the scenario built from it kept.
struct Imported {
    Scenario scenario;
    int fileNodes = 0;
    int fileLinks = 0;
    int fileDemands = 0;      // SNDlib; Topology Zoo files have none
    QStringList droppedNodes; // "id (label)" of nodes without coordinates
    int droppedLinks = 0;     // links touching a dropped node
    int selfLoops = 0;        // links from a node to itself (not a valid span)
    QString unit;             // SNDlib META unit
    QString error;
};

// Site ids as the scenario format accepts them: no leading/trailing or inner whitespace.
std::string sanitiseId(const QString &raw, const QString &fallback)
{
    QString id = raw.simplified();
    id.replace(QLatin1Char(' '), QLatin1Char('_'));
    return (id.isEmpty() ? fallback : id).toStdString();
}

std::string uniqueSpanId(const std::string &base, std::set<std::string> &used)
{
    std::string id = base;
    for (int n = 2; used.count(id); ++n)
        id = base + "#" + std::to_string(n);
    used.insert(id);
    return id;
}

Span newSpan(const std::string &id, const std::string &a, const std::string &b)
{
    Span s;
    s.id = id;
    s.a = a;
    s.b = b; // no length_km: great circle x route_factor
    s.fiber_pairs = 1;
    s.band = "C";
    s.wavelengths = kWavelengths;
    return s; // the optic is chosen by length in equip()
}

// Topology Zoo GraphML. Attributes are looked up by attr.name (key ids differ per file).
Imported readGraphMl(const QString &path)
{
    Imported out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return out;
    }
    struct Element {
        QString id, source, target;
        std::map<QString, QString> attrs; // attr.name -> text
    };
    std::map<QString, std::pair<QString, QString>> keys; // key id -> (for, attr.name)
    std::vector<Element> nodes, edges;
    enum class In { Nothing, Node, Edge } in = In::Nothing;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QXmlStreamAttributes at = xml.attributes();
            if (xml.name() == u"key") {
                keys[at.value(QLatin1String("id")).toString()] = {at.value(QLatin1String("for")).toString(),
                                                                  at.value(QLatin1String("attr.name")).toString()};
            } else if (xml.name() == u"node") {
                nodes.push_back({at.value(QLatin1String("id")).toString(), {}, {}, {}});
                in = In::Node;
            } else if (xml.name() == u"edge") {
                edges.push_back({at.value(QLatin1String("id")).toString(), at.value(QLatin1String("source")).toString(),
                                 at.value(QLatin1String("target")).toString(), {}});
                in = In::Edge;
            } else if (xml.name() == u"data" && in != In::Nothing) {
                const QString key = at.value(QLatin1String("key")).toString();
                const QString text = xml.readElementText();
                const auto k = keys.find(key);
                const QString owner = in == In::Node ? QStringLiteral("node") : QStringLiteral("edge");
                if (k != keys.end() && (k->second.first == owner || k->second.first == u"all"))
                    (in == In::Node ? nodes.back() : edges.back()).attrs[k->second.second] = text;
            }
        } else if (xml.isEndElement() && (xml.name() == u"node" || xml.name() == u"edge")) {
            in = In::Nothing;
        }
    }
    if (xml.hasError()) {
        out.error = QStringLiteral("%1: line %2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return out;
    }
    out.fileNodes = static_cast<int>(nodes.size());
    out.fileLinks = static_cast<int>(edges.size());

    Scenario &s = out.scenario;
    s.name = QFileInfo(path).completeBaseName().toStdString();
    std::map<QString, std::string> siteOf; // GraphML node id -> site id (kept nodes only)
    std::set<std::string> siteIds;
    for (const Element &n : nodes) {
        const auto lat = n.attrs.find(QStringLiteral("Latitude"));
        const auto lon = n.attrs.find(QStringLiteral("Longitude"));
        bool latOk = false, lonOk = false;
        const double latDeg = lat == n.attrs.end() ? 0.0 : lat->second.toDouble(&latOk);
        const double lonDeg = lon == n.attrs.end() ? 0.0 : lon->second.toDouble(&lonOk);
        const auto label = n.attrs.find(QStringLiteral("label"));
        const QString name = label == n.attrs.end() ? n.id : label->second;
        if (!latOk || !lonOk) {
            out.droppedNodes << QStringLiteral("%1 (%2)").arg(n.id, name);
            continue;
        }
        Site site;
        site.id = sanitiseId(n.id, QStringLiteral("node%1").arg(s.sites.size()));
        for (int k = 2; siteIds.count(site.id); ++k)
            site.id = sanitiseId(n.id, {}) + "#" + std::to_string(k);
        siteIds.insert(site.id);
        site.name = name.toStdString();
        site.lat = latDeg;
        site.lon = lonDeg;
        site.gpus = 0;
        siteOf[n.id] = site.id;
        s.sites.push_back(site);
    }
    std::set<std::string> spanIds;
    for (const Element &e : edges) {
        const auto a = siteOf.find(e.source), b = siteOf.find(e.target);
        if (a == siteOf.end() || b == siteOf.end()) {
            ++out.droppedLinks;
            continue;
        }
        if (a->second == b->second) {
            ++out.selfLoops;
            continue;
        }
        // Parallel edges stay separate spans: "<a>-<b>", then "<a>-<b>#2", ...
        s.spans.push_back(newSpan(uniqueSpanId(a->second + "-" + b->second, spanIds), a->second, b->second));
    }
    // No demands in the Zoo: every ordered pair of sites, with rates that differ by direction.
    for (std::size_t i = 0; i < s.sites.size(); ++i)
        for (std::size_t j = 0; j < s.sites.size(); ++j)
            if (i != j) {
                Demand d;
                d.from = s.sites[i].id;
                d.to = s.sites[j].id;
                d.gbps = static_cast<double>(1 + (3 * i + 7 * j) % 11);
                s.demands.push_back(d);
            }
    return out;
}

// SNDlib native format: one entry per line inside NODES ( ... ), LINKS ( ... ), DEMANDS ( ... ).
Imported readSndlib(const QString &path)
{
    Imported out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        out.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return out;
    }
    Scenario &s = out.scenario;
    s.name = QFileInfo(path).completeBaseName().toStdString();
    QString section;
    std::set<std::string> kept, spanIds;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        QString line = QString::fromUtf8(file.readLine());
        if (const qsizetype hash = line.indexOf(QLatin1Char('#')); hash >= 0)
            line.truncate(hash);
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('?')))
            continue;
        if (section.isEmpty()) {
            if (line.endsWith(QLatin1Char('(')))
                section = line.chopped(1).trimmed();
            continue;
        }
        if (line == u")") {
            section.clear();
            continue;
        }
        line.replace(QLatin1Char('('), QStringLiteral(" ( ")).replace(QLatin1Char(')'), QStringLiteral(" ) "));
        const QStringList t = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString bad = QStringLiteral("%1: line %2: cannot read \"%3\"").arg(path).arg(lineNo).arg(line.simplified());
        if (section == u"META") {
            if (t.size() >= 3 && t[0] == u"unit")
                out.unit = t[2];
        } else if (section == u"NODES") {
            ++out.fileNodes;
            bool lonOk = false, latOk = false;
            const double lon = t.size() >= 5 && t[1] == u"(" ? t[2].toDouble(&lonOk) : 0.0;
            const double lat = t.size() >= 5 && t[1] == u"(" ? t[3].toDouble(&latOk) : 0.0;
            if (!lonOk || !latOk) {
                out.droppedNodes << (t.isEmpty() ? QString() : t[0]);
                continue;
            }
            Site site;
            site.id = sanitiseId(t[0], QStringLiteral("node%1").arg(s.sites.size()));
            site.name = t[0].toStdString();
            site.lat = lat; // longitude first in the file
            site.lon = lon;
            kept.insert(site.id);
            s.sites.push_back(site);
        } else if (section == u"LINKS") {
            ++out.fileLinks;
            if (t.size() < 5 || t[1] != u"(" || t[4] != u")") {
                out.error = bad;
                return out;
            }
            const std::string a = sanitiseId(t[2], {}), b = sanitiseId(t[3], {});
            if (!kept.count(a) || !kept.count(b)) {
                ++out.droppedLinks;
                continue;
            }
            if (a == b) {
                ++out.selfLoops;
                continue;
            }
            s.spans.push_back(newSpan(uniqueSpanId(sanitiseId(t[0], {}), spanIds), a, b));
        } else if (section == u"DEMANDS") {
            ++out.fileDemands;
            bool ok = false;
            const double value = t.size() >= 7 ? t[6].toDouble(&ok) : 0.0;
            if (t.size() < 7 || t[1] != u"(" || t[4] != u")" || !ok) {
                out.error = bad;
                return out;
            }
            Demand d;
            d.from = sanitiseId(t[2], {});
            d.to = sanitiseId(t[3], {});
            d.gbps = value; // the file's unit; a load comparison does not care
            d.label = t[0].toStdString();
            if (kept.count(d.from) && kept.count(d.to))
                s.demands.push_back(d);
        }
    }
    return out;
}

// ---- The independent reference -------------------------------------------------------

double haversineKm(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180.0;
    const double sdp = std::sin((lat2 - lat1) * rad / 2.0);
    const double sdl = std::sin((lon2 - lon1) * rad / 2.0);
    const double h = sdp * sdp + std::cos(lat1 * rad) * std::cos(lat2 * rad) * sdl * sdl;
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

struct Reference {
    struct Hop {
        int span;
        int to;
        bool forward; // from the span's site a towards b
    };
    int n = 0;
    std::vector<double> length;          // per span, km
    std::vector<double> weight;          // per span, its metric (MODEL.md "Routing")
    std::vector<std::vector<Hop>> adj;   // per site, spans in file order
    std::vector<double> dist;            // n x n, km
    std::vector<int> hops;               // n x n: fewest spans among the shortest paths
    std::vector<std::vector<Hop>> next;  // n x n: next hops of u towards t, span order
    int multiHopSites = 0;               // (u, t) with more than one equal-cost next hop
    double loosestTie = 0.0;             // largest relative slack of an accepted next hop
    double closestMiss = kInf;           // smallest relative slack of a rejected one

    double d(int u, int t) const { return dist[static_cast<std::size_t>(u * n + t)]; }
    int h(int u, int t) const { return hops[static_cast<std::size_t>(u * n + t)]; }
    const std::vector<Hop> &nextHops(int u, int t) const { return next[static_cast<std::size_t>(u * n + t)]; }
};

Reference buildReference(const Scenario &s)
{
    Reference r;
    r.n = static_cast<int>(s.sites.size());
    std::map<std::string, int> index;
    for (int i = 0; i < r.n; ++i)
        index[s.sites[static_cast<std::size_t>(i)].id] = i;
    const auto n = static_cast<std::size_t>(r.n);
    r.adj.assign(n, {});
    r.dist.assign(n * n, kInf);
    for (std::size_t i = 0; i < n; ++i)
        r.dist[i * n + i] = 0.0;
    for (std::size_t k = 0; k < s.spans.size(); ++k) {
        const int a = index.at(s.spans[k].a), b = index.at(s.spans[k].b);
        const Site &sa = s.sites[static_cast<std::size_t>(a)], &sb = s.sites[static_cast<std::size_t>(b)];
        // MODEL.md "Geometry": the span's length_km when given, else great circle x route factor;
        // MODEL.md "Routing": its metric is the latency in microseconds (4.9 us/km), rounded,
        // at least 1. The reference works in metrics: whole numbers, compared exactly.
        const double length_km = s.spans[k].length_km ? *s.spans[k].length_km
                                                      : haversineKm(sa.lat, sa.lon, sb.lat, sb.lon) * kRouteFactor;
        const double km = std::max(1.0, std::round(length_km * 4.9));
        r.length.push_back(length_km);
        r.weight.push_back(km);
        r.adj[static_cast<std::size_t>(a)].push_back({static_cast<int>(k), b, true});
        r.adj[static_cast<std::size_t>(b)].push_back({static_cast<int>(k), a, false});
        double &ab = r.dist[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)];
        ab = std::min(ab, km);
        r.dist[static_cast<std::size_t>(b) * n + static_cast<std::size_t>(a)] = ab;
    }
    // Floyd-Warshall.
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const double ik = r.dist[i * n + k];
            if (!std::isfinite(ik))
                continue;
            for (std::size_t j = 0; j < n; ++j) {
                const double via = ik + r.dist[k * n + j];
                if (via < r.dist[i * n + j])
                    r.dist[i * n + j] = via;
            }
        }
    auto tie = [](double via, double best) { return via == best; };
    // Fewest spans among the shortest paths: the routing rule's second key, which also
    // orders sites at the same distance (a span of length 0: sites at the same coordinates).
    r.hops.assign(n * n, kNoHops);
    for (int t = 0; t < r.n; ++t) {
        r.hops[static_cast<std::size_t>(t * r.n + t)] = 0;
        for (bool changed = true; changed;) {
            changed = false;
            for (int u = 0; u < r.n; ++u) {
                if (!std::isfinite(r.d(u, t)))
                    continue;
                for (const Reference::Hop &hop : r.adj[static_cast<std::size_t>(u)]) {
                    const int hv = r.h(hop.to, t);
                    if (hv != kNoHops && tie(r.weight[static_cast<std::size_t>(hop.span)] + r.d(hop.to, t), r.d(u, t))
                        && hv + 1 < r.h(u, t)) {
                        r.hops[static_cast<std::size_t>(u * r.n + t)] = hv + 1;
                        changed = true;
                    }
                }
            }
        }
    }
    // Next hops: every span on a best path to t (MODEL.md "Routing": shortest latency, then
    // fewest spans), i.e. on a shortest path and one span fewer from t.
    r.next.assign(n * n, {});
    for (int t = 0; t < r.n; ++t)
        for (int u = 0; u < r.n; ++u) {
            if (u == t || !std::isfinite(r.d(u, t)))
                continue;
            auto &out = r.next[static_cast<std::size_t>(u * r.n + t)];
            for (const Reference::Hop &hop : r.adj[static_cast<std::size_t>(u)]) {
                const double via = r.weight[static_cast<std::size_t>(hop.span)] + r.d(hop.to, t);
                const double slack = r.d(u, t) > 0.0 ? std::fabs(via - r.d(u, t)) / r.d(u, t) : 0.0;
                if (!tie(via, r.d(u, t))) {
                    r.closestMiss = std::min(r.closestMiss, slack);
                } else {
                    out.push_back(hop);
                    r.loosestTie = std::max(r.loosestTie, slack);
                }
            }
            if (out.size() > 1)
                ++r.multiHopSites;
        }
    return r;
}

struct ReferenceLoads {
    std::vector<double> ab, ba;                   // per span
    std::vector<std::vector<int>> shortestPath;   // per demand, span indices ("shortest")
    std::vector<bool> reachable;                  // per demand
};

ReferenceLoads referenceLoads(const Scenario &s, const Reference &r, bool ecmp)
{
    ReferenceLoads out;
    out.ab.assign(s.spans.size(), 0.0);
    out.ba.assign(s.spans.size(), 0.0);
    out.shortestPath.assign(s.demands.size(), {});
    out.reachable.assign(s.demands.size(), false);
    std::map<std::string, int> index;
    for (int i = 0; i < r.n; ++i)
        index[s.sites[static_cast<std::size_t>(i)].id] = i;
    auto carry = [&](const Reference::Hop &hop, double gbps) {
        (hop.forward ? out.ab : out.ba)[static_cast<std::size_t>(hop.span)] += gbps;
    };
    std::map<int, std::vector<std::size_t>> byDestination;
    for (std::size_t i = 0; i < s.demands.size(); ++i) {
        const int from = index.at(s.demands[i].from), to = index.at(s.demands[i].to);
        out.reachable[i] = std::isfinite(r.d(from, to));
        if (!out.reachable[i])
            continue;
        if (!ecmp) {
            // One path: at every site the lowest-numbered span on a shortest path.
            for (int u = from; u != to;) {
                const Reference::Hop &hop = r.nextHops(u, to).front();
                out.shortestPath[i].push_back(hop.span);
                carry(hop, s.demands[i].gbps);
                u = hop.to;
            }
        } else {
            byDestination[to].push_back(i);
        }
    }
    // ECMP, per destination: the flow entering each site splits equally over its next hops;
    // sites are taken farthest first, so a site has all its flow before it splits it.
    for (const auto &[t, demands] : byDestination) {
        std::vector<double> flow(static_cast<std::size_t>(r.n), 0.0);
        for (std::size_t i : demands)
            flow[static_cast<std::size_t>(index.at(s.demands[i].from))] += s.demands[i].gbps;
        std::vector<int> order;
        for (int u = 0; u < r.n; ++u)
            if (std::isfinite(r.d(u, t)))
                order.push_back(u);
        // t named in the capture: clang 14 cannot capture a structured binding.
        std::sort(order.begin(), order.end(), [&r, t = t](int x, int y) {
            return r.d(x, t) != r.d(y, t) ? r.d(x, t) > r.d(y, t) : r.h(x, t) > r.h(y, t);
        });
        for (int u : order) {
            const double f = flow[static_cast<std::size_t>(u)];
            if (u == t || f == 0.0)
                continue;
            const auto &hops = r.nextHops(u, t);
            for (const Reference::Hop &hop : hops) {
                const double share = f / static_cast<double>(hops.size());
                carry(hop, share);
                flow[static_cast<std::size_t>(hop.to)] += share;
            }
        }
    }
    return out;
}

// Number of ECMP paths from every site to t (capped; the engine lists up to 64).
std::vector<double> ecmpPathCounts(const Reference &r, int t)
{
    std::vector<int> order;
    for (int u = 0; u < r.n; ++u)
        if (std::isfinite(r.d(u, t)))
            order.push_back(u);
    std::sort(order.begin(), order.end(), [&](int x, int y) {
        return r.d(x, t) != r.d(y, t) ? r.d(x, t) < r.d(y, t) : r.h(x, t) < r.h(y, t);
    });
    std::vector<double> count(static_cast<std::size_t>(r.n), 0.0);
    for (int u : order) {
        double c = u == t ? 1.0 : 0.0;
        for (const Reference::Hop &hop : r.nextHops(u, t))
            c += count[static_cast<std::size_t>(hop.to)];
        count[static_cast<std::size_t>(u)] = std::min(c, 1e12);
    }
    return count;
}

// The optic: the highest rate whose reach covers the span; none reaches: the longest reach.
const Optic &chooseOptic(const Catalog &catalog, double km)
{
    const Optic *best = nullptr;
    for (const Optic &o : catalog.optics)
        if (o.reach_km >= km && (!best || o.rate_gbps > best->rate_gbps))
            best = &o;
    if (best)
        return *best;
    for (const Optic &o : catalog.optics)
        if (!best || o.reach_km > best->reach_km)
            best = &o;
    return *best;
}

void equip(Scenario &s, const Reference &r, const Catalog &catalog)
{
    for (Site &site : s.sites)
        site.gpu = catalog.defaultGpu; // gpus stay 0: hubs only
    for (std::size_t k = 0; k < s.spans.size(); ++k)
        s.spans[k].optic = chooseOptic(catalog, r.length[k]).name;
}

// ---- Running a file through the engine -----------------------------------------------

QString firstFew(const QStringList &list, int n = 8)
{
    QStringList head = list.mid(0, n);
    if (list.size() > n)
        head << QStringLiteral("... (%1 in all)").arg(list.size());
    return head.join(u'\n');
}

struct Case {
    Imported imported;
    Scenario scenario; // as the reader returns it
    Reference reference;
};

// Reads a data file, builds the scenario and checks it by writing and reading it back
// (the reader validates). QFAILs in the calling test function on any problem.
// uniformKm > 0 gives every span that length_km (hop-count routing: many equal-cost paths).
bool load(const QString &format, const QString &path, const QString &policy, double uniformKm, Case *c)
{
    if (!QFileInfo::exists(path)) {
        QTest::qFail(qPrintable(QStringLiteral("data file %1 is missing").arg(path)), __FILE__, __LINE__);
        return false;
    }
    c->imported = format == u"graphml" ? readGraphMl(path) : readSndlib(path);
    if (!c->imported.error.isEmpty()) {
        QTest::qFail(qPrintable(c->imported.error), __FILE__, __LINE__);
        return false;
    }
    Scenario built = c->imported.scenario;
    built.routing.policy = policy.toStdString();
    if (uniformKm > 0.0)
        for (Span &span : built.spans)
            span.length_km = uniformKm;
    c->reference = buildReference(built);
    equip(built, c->reference, Catalog::builtin());
    const ScenarioLoad read =
        parseScenario(writeScenario(built), QFileInfo(path).fileName().toStdString(), Catalog::builtin());
    if (!read.ok()) {
        QStringList all;
        for (const std::string &e : read.errors)
            all << QString::fromStdString(e);
        QTest::qFail(qPrintable(QStringLiteral("the scenario built from %1 does not read back:\n%2")
                                    .arg(path, firstFew(all))),
                     __FILE__, __LINE__);
        return false;
    }
    c->scenario = *read.scenario;
    return true;
}

struct FileRow {
    const char *tag;
    const char *format;
    const char *path; // in its folder: DCI_NETWORKS_DIR, DCI_TEST_DATA_DIR or DCI_SNDLIB_REAL_DIR
    int nodes;        // in the file
    int links;        // in the file
    int demands;      // in the file (-1: none, every ordered pair is generated)
    int noCoordinates;
    int droppedLinks; // links touching a node without coordinates
    int components;   // connected components once those are dropped
};

// Counts from resources/networks/README.md and tests/data/README.md, and counted
// independently of the readers in this file.
const FileRow kFiles[] = {
    {"zoo Abilene", "graphml", DCI_NETWORKS_DIR "/topologyzoo/Abilene.graphml", 11, 14, -1, 0, 0, 1},
    {"zoo Geant2009", "graphml", DCI_NETWORKS_DIR "/topologyzoo/Geant2009.graphml", 34, 52, -1, 0, 0, 1},
    {"zoo UsCarrier", "graphml", DCI_NETWORKS_DIR "/topologyzoo/UsCarrier.graphml", 158, 189, -1, 6, 18, 5},
    {"zoo Dfn", "graphml", DCI_NETWORKS_DIR "/topologyzoo/Dfn.graphml", 58, 87, -1, 7, 7, 1},
    {"sndlib iberia", "sndlib", DCI_TEST_DATA_DIR "/sndlib/iberia.txt", 7, 10, 14, 0, 0, 1},
    {"sndlib nordic", "sndlib", DCI_TEST_DATA_DIR "/sndlib/nordic.txt", 9, 12, 18, 0, 0, 1},
};
// SNDlib's own files (../shared/data/README.md), relative to DCI_SNDLIB_REAL_DIR.
const FileRow kSndlibRealFiles[] = {
    {"sndlib abilene", "sndlib", "abilene.txt", 12, 15, 130, 0, 0, 1},
    {"sndlib germany50", "sndlib", "germany50.txt", 50, 88, 662, 0, 0, 1},
};

// The rows this run checks: the shipped networks and our fixtures, or SNDlib's own files.
std::span<const FileRow> fileRows()
{
    return sndlibRealDir().isEmpty() ? std::span<const FileRow>(kFiles) : std::span<const FileRow>(kSndlibRealFiles);
}

QString rowPath(const FileRow &row)
{
    const QString path = QString::fromUtf8(row.path);
    return sndlibRealDir().isEmpty() ? path : QDir(sndlibRealDir()).filePath(path);
}

void addFileColumns()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("fileRow");
    QTest::addColumn<double>("uniformKm");
}

int components(const Reference &r)
{
    std::vector<int> root(static_cast<std::size_t>(r.n), -1);
    int count = 0;
    for (int u = 0; u < r.n; ++u)
        if (root[static_cast<std::size_t>(u)] < 0) {
            ++count;
            for (int v = 0; v < r.n; ++v)
                if (std::isfinite(r.d(u, v)))
                    root[static_cast<std::size_t>(v)] = u;
        }
    return count;
}

QString diagnosticSummary(const Results &r)
{
    std::map<std::string, int> codes;
    for (const Diagnostic &d : r.diagnostics)
        ++codes[std::string(severityName(d.severity)) + " " + d.code];
    QStringList parts;
    for (const auto &[code, n] : codes)
        parts << QStringLiteral("%1 x%2").arg(QString::fromStdString(code)).arg(n);
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

} // namespace

class TstRealNetworks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void import_data();
    void import();
    void geometry_data();
    void geometry();
    void loads_data();
    void loads();
};

void TstRealNetworks::initTestCase()
{
    if (!sndlibRealDir().isEmpty() && !QFileInfo(sndlibRealDir()).isDir())
        QFAIL(qPrintable(QStringLiteral("DCI_SNDLIB_REAL_DIR %1 is not a folder").arg(sndlibRealDir())));
    // The reference hard-codes the documented figures; a catalog change must show here first.
    QCOMPARE(Catalog::builtin().figure("route_factor"), kRouteFactor);
    QCOMPARE(Catalog::builtin().figure("fiber_latency_us_per_km"), kFiberUsPerKm);
}

void TstRealNetworks::import_data()
{
    addFileColumns();
    const std::span<const FileRow> rows = fileRows();
    for (int i = 0; i < int(rows.size()); ++i)
        QTest::newRow(rows[i].tag) << rows[i].format << rowPath(rows[i]) << QStringLiteral("shortest") << i << 0.0;
}

void TstRealNetworks::import()
{
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, policy);
    QFETCH(int, fileRow);
    const FileRow &row = fileRows()[std::size_t(fileRow)];
    Case c;
    if (!load(format, path, policy, 0.0, &c))
        return;
    const Imported &im = c.imported;
    QCOMPARE(im.fileNodes, row.nodes);
    QCOMPARE(im.fileLinks, row.links);
    QCOMPARE(int(im.droppedNodes.size()), row.noCoordinates);
    QCOMPARE(im.droppedLinks, row.droppedLinks);
    QCOMPARE(im.selfLoops, 0);
    const std::size_t sites = std::size_t(row.nodes - row.noCoordinates);
    QCOMPARE(c.scenario.sites.size(), sites);
    QCOMPARE(c.scenario.spans.size(), std::size_t(row.links - row.droppedLinks));
    if (row.demands >= 0) {
        QCOMPARE(im.fileDemands, row.demands);
        QCOMPARE(c.scenario.demands.size(), std::size_t(row.demands));
    } else {
        QCOMPARE(c.scenario.demands.size(), sites * (sites - 1));
    }
    QCOMPARE(components(c.reference), row.components);
    if (!im.droppedNodes.isEmpty())
        qInfo("%s: %lld nodes without coordinates dropped (%s) with %d links", qPrintable(path),
              static_cast<long long>(im.droppedNodes.size()), qPrintable(im.droppedNodes.join(u", ")), im.droppedLinks);
    if (!im.unit.isEmpty())
        QCOMPARE(im.unit, QStringLiteral("MBITPERSEC")); // README: SNDlib demand values in Mbit/s

    const Results r = evaluate(c.scenario, Catalog::builtin());
    QCOMPARE(r.sites.size(), c.scenario.sites.size());
    QCOMPARE(r.spans.size(), c.scenario.spans.size());
    QCOMPARE(r.demands.size(), c.scenario.demands.size());
    QCOMPARE(r.totals.sites, int(sites));
    QCOMPARE(r.totals.spans, row.links - row.droppedLinks);
    QCOMPARE(r.totals.gpus, std::int64_t(0));
    QVERIFY(!r.job.present);
    for (std::size_t i = 0; i < r.spans.size(); ++i)
        QCOMPARE(r.spans[i].id, c.scenario.spans[i].id);
}

void TstRealNetworks::geometry_data() { import_data(); }

void TstRealNetworks::geometry()
{
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, policy);
    Case c;
    if (!load(format, path, policy, 0.0, &c))
        return;
    Scenario spansOnly = c.scenario; // lengths and capacity do not depend on the demands
    spansOnly.demands.clear();
    const Results r = evaluate(spansOnly, Catalog::builtin());
    QCOMPARE(r.spans.size(), c.reference.length.size());
    double worst = 0.0, shortest = kInf, longest = 0.0;
    QStringList zeroLength;
    std::set<std::string> beyondReach;
    for (std::size_t k = 0; k < r.spans.size(); ++k) {
        const SpanResult &got = r.spans[k];
        const double km = c.reference.length[k];
        const QString what = QStringLiteral("span %1 (%2 - %3)")
                                 .arg(QString::fromStdString(got.id), QString::fromStdString(got.a),
                                      QString::fromStdString(got.b));
        QVERIFY2(got.length_estimated, qPrintable(what));
        QVERIFY2(std::fabs(got.length_km - km) <= kCompareTolerance * km,
                 qPrintable(QStringLiteral("%1: length %2 km, reference %3 km")
                                .arg(what)
                                .arg(got.length_km, 0, 'g', 12)
                                .arg(km, 0, 'g', 12)));
        const double ms = km * kFiberUsPerKm / 1000.0;
        QVERIFY2(std::fabs(got.latency_ms - ms) <= kCompareTolerance * ms,
                 qPrintable(QStringLiteral("%1: latency %2 ms, reference %3 ms")
                                .arg(what)
                                .arg(got.latency_ms, 0, 'g', 12)
                                .arg(ms, 0, 'g', 12)));
        worst = std::max(worst, km > 0.0 ? std::fabs(got.length_km - km) / km : std::fabs(got.length_km));
        shortest = std::min(shortest, km);
        longest = std::max(longest, km);
        if (km == 0.0)
            zeroLength << QStringLiteral("%1 (%2 - %3)").arg(QString::fromStdString(got.id),
                                                          QString::fromStdString(c.scenario.site(got.a)->name),
                                                          QString::fromStdString(c.scenario.site(got.b)->name));
        // Capacity: 1 pair x 8 wavelengths of the chosen optic; reach by length.
        const Optic &optic = chooseOptic(Catalog::builtin(), km);
        QCOMPARE(got.optic, optic.name);
        QVERIFY2(got.capacity_gbps && *got.capacity_gbps == kWavelengths * optic.rate_gbps, qPrintable(what));
        QVERIFY2(got.reach_ok && *got.reach_ok == (km <= optic.reach_km), qPrintable(what));
        if (km > optic.reach_km)
            beyondReach.insert(got.id);
    }
    std::set<std::string> reported;
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == "reach-exceeded")
            reported.insert(d.element);
    QCOMPARE(reported, beyondReach);
    qInfo("%s: %zu spans, %.1f to %.1f km, %zu beyond every optic's reach; max relative length deviation %.2e%s",
          qPrintable(path), r.spans.size(), shortest, longest, beyondReach.size(), worst,
          zeroLength.isEmpty() ? ""
                               : qPrintable(QStringLiteral("; %1 of length 0 (sites at the same coordinates): %2")
                                                .arg(zeroLength.size())
                                                .arg(zeroLength.join(u", "))));
}

void TstRealNetworks::loads_data()
{
    addFileColumns();
    // Great-circle lengths leave no equal-cost paths on these graphs (the reference reports
    // the closest call); the same graphs with every span 100 km long route by hop count,
    // where ties abound: they exercise the tie rule of `shortest` and the splits of `ecmp`.
    for (const double uniformKm : {0.0, 100.0})
        for (const char *policy : {"shortest", "ecmp"})
            for (int i = 0; i < int(fileRows().size()); ++i) {
                const FileRow &row = fileRows()[std::size_t(i)];
                QString tag = QStringLiteral("%1 %2").arg(QLatin1String(row.tag), QLatin1String(policy));
                if (uniformKm > 0.0)
                    tag += QStringLiteral(" %1km").arg(uniformKm);
                QTest::newRow(qPrintable(tag)) << row.format << rowPath(row) << QString::fromLatin1(policy) << i
                                               << uniformKm;
            }
}

void TstRealNetworks::loads()
{
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, policy);
    QFETCH(double, uniformKm);
    Case c;
    if (!load(format, path, policy, uniformKm, &c))
        return;
    const bool ecmp = policy == u"ecmp";
    const Scenario &s = c.scenario;
    const Reference &ref = c.reference;

    QElapsedTimer timer;
    timer.start();
    const Results r = evaluate(s, Catalog::builtin());
    const qint64 engineMs = timer.elapsed();
    timer.restart();
    const ReferenceLoads want = referenceLoads(s, ref, ecmp);
    const qint64 referenceMs = timer.elapsed();
    QCOMPARE(r.spans.size(), s.spans.size());
    QCOMPARE(r.demands.size(), s.demands.size());

    // Loads per span and direction.
    QStringList loadMismatches;
    double worst = 0.0, heaviest = 0.0;
    std::set<std::string> overloaded;
    for (std::size_t k = 0; k < s.spans.size(); ++k) {
        const SpanResult &got = r.spans[k];
        QVERIFY2(got.load_ab_gbps && got.load_ba_gbps && got.load_gbps, got.id.c_str());
        for (const auto &[value, expected, dir] : {std::tuple{*got.load_ab_gbps, want.ab[k], "a->b"},
                                                   std::tuple{*got.load_ba_gbps, want.ba[k], "b->a"}}) {
            worst = std::max(worst, deviation(value, expected));
            if (!near(value, expected))
                loadMismatches << QStringLiteral("span %1 (%2 - %3) %4: engine %5, reference %6")
                                      .arg(QString::fromStdString(got.id), QString::fromStdString(got.a),
                                           QString::fromStdString(got.b), QLatin1String(dir))
                                      .arg(value, 0, 'g', 12)
                                      .arg(expected, 0, 'g', 12);
        }
        const double load = std::max(want.ab[k], want.ba[k]);
        heaviest = std::max(heaviest, load);
        if (got.capacity_gbps && load > *got.capacity_gbps)
            overloaded.insert(got.id);
    }

    // Paths per demand: shortest = the one reconstructed path; ECMP = every listed path walks
    // equal-cost next hops, with the product of the equal shares as its fraction.
    std::map<std::string, int> siteIndex, spanIndex;
    for (std::size_t i = 0; i < s.sites.size(); ++i)
        siteIndex[s.sites[i].id] = int(i);
    for (std::size_t k = 0; k < s.spans.size(); ++k)
        spanIndex[s.spans[k].id] = int(k);
    QStringList pathMismatches;
    std::set<std::string> noPathWanted;
    std::map<int, std::vector<double>> counts; // per destination
    std::size_t unreachable = 0, multiPath = 0, truncated = 0;
    for (std::size_t i = 0; i < s.demands.size(); ++i) {
        const Demand &dem = s.demands[i];
        const DemandResult &got = r.demands[i];
        const QString what = QStringLiteral("demand %1 %2 -> %3")
                                 .arg(i)
                                 .arg(QString::fromStdString(dem.from), QString::fromStdString(dem.to));
        QVERIFY2(got.from == dem.from && got.to == dem.to && got.source == "explicit", qPrintable(what));
        if (!want.reachable[i]) {
            ++unreachable;
            noPathWanted.insert("No path from \"" + dem.from + "\" to \"" + dem.to + "\"");
            if (!got.paths.empty())
                pathMismatches << what + QStringLiteral(": no path, yet the engine lists %1").arg(got.paths.size());
            continue;
        }
        const int from = siteIndex.at(dem.from), to = siteIndex.at(dem.to);
        if (!ecmp) {
            std::vector<std::string> ids;
            for (int k : want.shortestPath[i])
                ids.push_back(s.spans[std::size_t(k)].id);
            if (got.paths.size() != 1 || got.paths[0].spans != ids || got.paths[0].fraction != 1.0) {
                QStringList g;
                for (const auto &p : got.paths) {
                    QStringList hops;
                    for (const std::string &id : p.spans)
                        hops << QString::fromStdString(id);
                    g << hops.join(u' ');
                }
                QStringList w;
                for (const std::string &id : ids)
                    w << QString::fromStdString(id);
                pathMismatches << what + QStringLiteral(": engine [%1], reference [%2]").arg(g.join(u" | "), w.join(u' '));
            }
            continue;
        }
        auto cit = counts.find(to);
        if (cit == counts.end())
            cit = counts.emplace(to, ecmpPathCounts(ref, to)).first;
        const double total = cit->second[std::size_t(from)];
        multiPath += total > 1.0 ? 1 : 0;
        truncated += total > double(kRefMaxPathsListed) ? 1 : 0;
        // The listing decomposes the engine's split into paths (largest share first), so a
        // path's fraction need not be the product of the equal shares: each listed path must
        // walk next hops, and together they cover the demand unless the listing was cut.
        const std::size_t listed = std::size_t(std::min(total, double(kRefMaxPathsListed)));
        if (got.paths.empty() || got.paths.size() > listed) {
            pathMismatches << what
                    + QStringLiteral(": engine lists %1 paths, reference at most %2 (of %3)")
                          .arg(got.paths.size())
                          .arg(listed)
                          .arg(total);
            continue;
        }
        double sum = 0.0;
        std::set<std::vector<std::string>> distinct;
        for (const DemandResult::Path &p : got.paths) {
            int u = from;
            bool valid = true;
            for (const std::string &id : p.spans) {
                const auto &hops = ref.nextHops(u, to);
                const auto k = spanIndex.find(id);
                const auto hop = std::find_if(hops.begin(), hops.end(), [&](const Reference::Hop &h) {
                    return k != spanIndex.end() && h.span == k->second;
                });
                if (hop == hops.end()) {
                    valid = false;
                    break;
                }
                u = hop->to;
            }
            valid = valid && u == to && p.fraction > 0.0;
            if (!valid)
                pathMismatches << what + QStringLiteral(": listed path %1 is not an equal-cost path").arg(distinct.size());
            distinct.insert(p.spans);
            sum += p.fraction;
        }
        if (distinct.size() != got.paths.size())
            pathMismatches << what + QStringLiteral(": the same path is listed twice");
        if (total <= double(kRefMaxPathsListed) && std::fabs(sum - 1.0) > 1e-9)
            pathMismatches << what + QStringLiteral(": fractions sum to %1").arg(sum, 0, 'g', 12);
    }

    // Diagnostics: no-path exactly for the demands the reference cannot connect; overloads
    // exactly where the reference's load exceeds the capacity.
    std::multiset<std::string> noPathGot;
    std::set<std::string> overloadedGot;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.code == "no-path") {
            const std::size_t cut = d.message.find(" over the spans");
            noPathGot.insert(d.message.substr(0, cut));
        } else if (d.code == "span-overloaded") {
            overloadedGot.insert(d.element);
        }
    }
    const std::multiset<std::string> noPathWantedMulti(noPathWanted.begin(), noPathWanted.end());

    // Flow conservation, whatever the tie rule: at every site the engine's loads leaving minus
    // those entering equal the traffic of the connected demands it sends minus what it receives.
    std::vector<double> net(s.sites.size(), 0.0), gross(s.sites.size(), 0.0); // gross: sent + received
    for (std::size_t k = 0; k < s.spans.size(); ++k) {
        const std::size_t a = std::size_t(siteIndex.at(s.spans[k].a)), b = std::size_t(siteIndex.at(s.spans[k].b));
        const double ab = r.spans[k].load_ab_gbps.value_or(0.0), ba = r.spans[k].load_ba_gbps.value_or(0.0);
        net[a] += ab - ba;
        net[b] += ba - ab;
    }
    for (std::size_t i = 0; i < s.demands.size(); ++i)
        if (want.reachable[i]) {
            const auto from = std::size_t(siteIndex.at(s.demands[i].from));
            const auto to = std::size_t(siteIndex.at(s.demands[i].to));
            net[from] -= s.demands[i].gbps;
            net[to] += s.demands[i].gbps;
            gross[from] += s.demands[i].gbps;
            gross[to] += s.demands[i].gbps;
        }
    QStringList leaks;
    for (std::size_t u = 0; u < s.sites.size(); ++u)
        if (std::fabs(net[u]) > kCompareTolerance * std::max(1.0, gross[u]))
            leaks << QStringLiteral("site %1 (%2): loads out - in differ by %3 Gbps from the connected demands it "
                                    "sends - receives")
                         .arg(QString::fromStdString(s.sites[u].id), QString::fromStdString(s.sites[u].name))
                         .arg(net[u], 0, 'g', 10);

    qInfo("%s %s%s: %zu sites, %zu spans, %zu demands (%zu without a path, %zu over several equal-cost paths, %zu with "
          "over 64); %d (site, destination) pairs with several next hops, loosest accepted tie %.1e, closest rejected "
          "%.1e; heaviest span direction %.6g; max relative load deviation %.2e; engine %lld ms, reference %lld ms; "
          "diagnostics: %s",
          qPrintable(path), qPrintable(policy),
          uniformKm > 0.0 ? qPrintable(QStringLiteral(" (every span %1 km)").arg(uniformKm)) : "", s.sites.size(),
          s.spans.size(), s.demands.size(), unreachable, multiPath,
          truncated, ref.multiHopSites, ref.loosestTie, ref.closestMiss, heaviest, worst, static_cast<long long>(engineMs),
          static_cast<long long>(referenceMs), qPrintable(diagnosticSummary(r)));

    QVERIFY2(noPathGot == noPathWantedMulti,
             qPrintable(QStringLiteral("no-path diagnostics: engine %1, reference %2")
                            .arg(noPathGot.size())
                            .arg(noPathWanted.size())));
    QCOMPARE(overloadedGot, overloaded);

    // Known engine defect: a span of length 0 (two sites at the same coordinates, as in Dfn)
    // is never taken as a next hop (routing.cpp requires the next site to be strictly closer),
    // so traffic that must cross it is dropped: no load, no path, no no-path diagnostic.
    if (!leaks.isEmpty())
        qInfo("flow not conserved at %lld sites:\n%s", static_cast<long long>(leaks.size()), qPrintable(firstFew(leaks)));
    if (!loadMismatches.isEmpty() || !pathMismatches.isEmpty())
        qInfo("%lld load and %lld path mismatches:\n%s\n%s", static_cast<long long>(loadMismatches.size()),
              static_cast<long long>(pathMismatches.size()), qPrintable(firstFew(loadMismatches)),
              qPrintable(firstFew(pathMismatches)));
    QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("flow not conserved at %1 sites").arg(leaks.size())));
    QVERIFY2(loadMismatches.isEmpty() && pathMismatches.isEmpty(),
             qPrintable(QStringLiteral("%1 load and %2 path mismatches:\n%3\n%4")
                            .arg(loadMismatches.size())
                            .arg(pathMismatches.size())
                            .arg(firstFew(loadMismatches), firstFew(pathMismatches))));
}

QTEST_GUILESS_MAIN(TstRealNetworks)
#include "tst_realnetworks.moc"
