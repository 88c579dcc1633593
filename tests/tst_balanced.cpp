// Balanced routing: docs/MODEL.md "Routing" (Balanced). Every expected figure is worked out
// by hand in the comments (400ZR: 400 Gbps per wavelength, one fiber pair, so a span of
// n wavelengths carries 400 n Gbps each way), and the mesh cases are checked against
// an independent cut bound and against ECMP.
#include "engine/balanced.h"
#include "engine/capacity.h"
#include "engine/evaluate.h"
#include "engine/geometry.h"
#include "engine/routing.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace dci;
using dci::test::parse;

namespace {

constexpr int kAuto = -1; // "wavelengths": "auto"
constexpr double kTolerance = 1e-6; // relative; the LP's ε moves the optimum by at most 1e-6

std::string span(const char *id, const char *a, const char *b, double km, int lambdas)
{
    return std::string(R"({"id": ")") + id + R"(", "a": ")" + a + R"(", "b": ")" + b + R"(", "length_km": )"
        + std::to_string(km) + R"(, "wavelengths": )" + (lambdas == kAuto ? std::string("\"auto\"") : std::to_string(lambdas))
        + "}";
}

std::string demand(const char *from, const char *to, double gbps)
{
    return std::string(R"({"from": ")") + from + R"(", "to": ")" + to + R"(", "gbps": )" + std::to_string(gbps) + "}";
}

std::string join(const std::vector<std::string> &parts)
{
    std::string out;
    for (const std::string &p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

// Sites placed on a small grid (lengths are given, so positions only draw the map).
std::string scenario(const std::vector<std::string> &sites, const std::vector<std::string> &spans,
                     const std::vector<std::string> &demands, const std::string &policy)
{
    std::vector<std::string> siteJson;
    for (std::size_t i = 0; i < sites.size(); ++i)
        siteJson.push_back(R"({"id": ")" + sites[i] + R"(", "lat": )" + std::to_string(40.0 + static_cast<double>(i % 3))
                           + R"(, "lon": )" + std::to_string(-90.0 + static_cast<double>(i)) + "}");
    return R"({"format": "dci-scenario", "version": 1, "sites": [)" + join(siteJson) + R"(], "spans": [)" + join(spans)
        + R"(], "demands": [)" + join(demands) + R"(], "routing": {"load_balancing": "spray", "policy": ")" + policy
        + "\"}}";
}

Results run(const std::string &text) { return evaluate(parse(text), Catalog::builtin()); }

// Span results as the routing stage first sees them: geometry and capacity, "auto" spans
// still without a capacity (evaluate() dimensions those before its final routing).
std::vector<SpanResult> undimensionedSpans(const Scenario &sc)
{
    GeometryResult geometry = spanGeometry(sc, Catalog::builtin());
    std::vector<double> lengths;
    for (const SpanResult &s : geometry.spans)
        lengths.push_back(s.length_km);
    const CapacityResult capacity = spanCapacity(sc, Catalog::builtin(), lengths);
    for (std::size_t i = 0; i < geometry.spans.size(); ++i)
        geometry.spans[i].capacity_gbps = capacity.spans[i].capacity_gbps;
    return geometry.spans;
}

// The routing stage on its own, for max_utilization_bound (evaluate() does not export it).
RoutingResult balancedOf(const std::string &text)
{
    const Scenario sc = parse(text);
    std::vector<FlowDemand> flows;
    for (const Demand &d : sc.demands)
        flows.push_back({d.from, d.to, d.gbps});
    return balancedRouting(sc, undimensionedSpans(sc), flows);
}

const SpanResult &spanById(const Results &r, const std::string &id)
{
    for (const SpanResult &s : r.spans)
        if (s.id == id)
            return s;
    qFatal("no span %s", id.c_str());
}

double worstUtilization(const Results &r)
{
    double worst = 0.0;
    for (const SpanResult &s : r.spans)
        if (s.utilization)
            worst = std::max(worst, *s.utilization);
    return worst;
}

int count(const std::vector<Diagnostic> &diagnostics, const std::string &code)
{
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                          [&](const Diagnostic &d) { return d.code == code; }));
}


// Every routed demand's paths are chains of spans that are up, from its source to its
// destination, with fractions summing to 1: the decomposition is a valid routing.
void checkPaths(const Scenario &sc, const Results &r)
{
    for (const DemandResult &d : r.demands) {
        if (d.paths.empty())
            continue;
        double sum = 0.0;
        for (const DemandResult::Path &p : d.paths) {
            sum += p.fraction;
            QVERIFY(p.fraction > 0.0);
            std::string at = d.from;
            for (const std::string &id : p.spans) {
                const Span &s = sc.spans[static_cast<std::size_t>(sc.spanIndex(id))];
                QVERIFY2(!s.down, id.c_str());
                QVERIFY2(s.a == at || s.b == at, id.c_str());
                at = s.a == at ? s.b : s.a;
            }
            QCOMPARE(at, d.to);
        }
        QNEAR(sum, 1.0);
    }
}

// An independent lower bound on the worst utilisation: for every split of the sites into
// S and the rest, all demand from S to the rest must cross the span directions leaving S,
// so some direction is at least (that demand) / (their capacity) loaded. Spans without a
// capacity make a cut unbounded (skipped); down spans are absent.
double cutBound(const Scenario &sc, const Results &r)
{
    const std::size_t n = sc.sites.size();
    double best = 0.0;
    for (unsigned mask = 1; mask + 1 < (1U << n); ++mask) {
        auto inS = [&](const std::string &site) { return ((mask >> sc.siteIndex(site)) & 1U) != 0; };
        double crossing = 0.0, capacity = 0.0;
        bool unbounded = false;
        for (const Demand &d : sc.demands)
            if (inS(d.from) && !inS(d.to))
                crossing += d.gbps;
        for (std::size_t i = 0; i < sc.spans.size(); ++i) {
            const Span &s = sc.spans[i];
            if (s.down || inS(s.a) == inS(s.b))
                continue;
            if (!r.spans[i].capacity_gbps)
                unbounded = true;
            else
                capacity += *r.spans[i].capacity_gbps;
        }
        if (!unbounded && capacity > 0.0)
            best = std::max(best, crossing / capacity);
    }
    return best;
}

const std::vector<std::string> kDiamondSites{"s", "a", "b", "t"};

} // namespace

class TstBalanced : public QObject {
    Q_OBJECT

private slots:
    void diamondEqualisesUtilisation();
    void diamondOverloadedSharesTheRate();
    void competingDemands();
    void ringWithSpanDown();
    void autoSpansAreUnconstrained();
    void sixNodeMeshMeetsTheCutBound();
    void eightNodeMeshBetweenCutAndEcmp();
    void noPathAndZeroRate();
    void solverFailureFallsBackToEcmp();
};

void TstBalanced::diamondEqualisesUtilisation()
{
    // MODEL.md worked example. s-a, a-t: 100 km, 8 wavelengths = 3,200 Gbps; s-b, b-t:
    // 110 km, 4 wavelengths = 1,600 Gbps; 4,000 Gbps s -> t.
    // shortest (and ECMP: the paths are not equal) put it all on s-a-t: 4,000 / 3,200 = 1.25.
    // balanced: x on s-a-t, 4,000 - x on s-b-t with x / 3,200 = (4,000 - x) / 1,600
    // -> x = 8,000 / 3 = 2,666.67 (2/3), 1,333.33 (1/3); U = 4,000 / 4,800 = 0.833333.
    const std::vector<std::string> spans{span("s-a", "s", "a", 100, 8), span("a-t", "a", "t", 100, 8),
                                         span("s-b", "s", "b", 110, 4), span("b-t", "b", "t", 110, 4)};
    const std::vector<std::string> dem{demand("s", "t", 4000)};
    const std::string text = scenario(kDiamondSites, spans, dem, "balanced");
    const Results r = run(text);
    for (const char *id : {"s-a", "a-t"})
        QNEAR(*spanById(r, id).load_ab_gbps, 8000.0 / 3.0);
    for (const char *id : {"s-b", "b-t"})
        QNEAR(*spanById(r, id).load_ab_gbps, 4000.0 / 3.0);
    for (const char *id : {"s-a", "a-t", "s-b", "b-t"}) {
        QNEAR(*spanById(r, id).utilization, 5.0 / 6.0);
        QCOMPARE(*spanById(r, id).load_ba_gbps, 0.0);
    }
    QCOMPARE(r.demands[0].paths.size(), std::size_t(2));
    QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-a", "a-t"})); // shortest first
    QNEAR(r.demands[0].paths[0].fraction, 2.0 / 3.0);
    QCOMPARE(r.demands[0].paths[1].spans, (std::vector<std::string>{"s-b", "b-t"}));
    QNEAR(r.demands[0].paths[1].fraction, 1.0 / 3.0);
    QNEAR(*r.demands[0].rate_gbps, 4000.0); // nothing overloaded: the full rate
    QCOMPARE(count(r.diagnostics, "span-overloaded"), 0);
    QCOMPARE(count(r.diagnostics, "balanced-fallback"), 0);
    checkPaths(parse(text), r);

    const RoutingResult routing = balancedOf(text);
    QVERIFY(routing.max_utilization_bound.has_value());
    QNEAR(*routing.max_utilization_bound, 5.0 / 6.0);

    const Results shortest = run(scenario(kDiamondSites, spans, dem, "shortest"));
    const Results ecmp = run(scenario(kDiamondSites, spans, dem, "ecmp"));
    QCOMPARE(worstUtilization(shortest), 1.25);
    QCOMPARE(worstUtilization(ecmp), 1.25);
    QVERIFY(worstUtilization(r) <= worstUtilization(ecmp));
    QCOMPARE(*shortest.demands[0].rate_gbps, 3200.0);
}

void TstBalanced::diamondOverloadedSharesTheRate()
{
    // The same diamond with 6,000 Gbps: U = 6,000 / 4,800 = 1.25 on all four spans (4,000
    // over s-a-t, 2,000 over s-b-t). Each path is held to 1 / 1.25 = 0.8 of its flow, so the
    // demand gets 0.8 x 6,000 = 4,800 Gbps (shortest: 3,200, the s-a-t capacity).
    const std::vector<std::string> spans{span("s-a", "s", "a", 100, 8), span("a-t", "a", "t", 100, 8),
                                         span("s-b", "s", "b", 110, 4), span("b-t", "b", "t", 110, 4)};
    const Results r = run(scenario(kDiamondSites, spans, {demand("s", "t", 6000)}, "balanced"));
    QNEAR(*spanById(r, "s-a").load_gbps, 4000.0);
    QNEAR(*spanById(r, "b-t").load_gbps, 2000.0);
    for (const char *id : {"s-a", "a-t", "s-b", "b-t"})
        QNEAR(*spanById(r, id).utilization, 1.25);
    QCOMPARE(count(r.diagnostics, "span-overloaded"), 4);
    QNEAR(*r.demands[0].rate_gbps, 4800.0);
}

void TstBalanced::competingDemands()
{
    // Triangle: s-t 100 km 8 wavelengths (3,200), s-a 60 km 8 (3,200), a-t 60 km 4 (1,600).
    // D1 = 3,000 s -> t (direct, or s-a-t 120 km); D2 = 1,000 a -> t (direct, or a-s-t 160 km).
    // Shortest: both direct: s-t 3,000 / 3,200 = 0.9375, a-t 1,000 / 1,600 = 0.625.
    // Everything enters t over s->t or a->t: 4,000 over 4,800, so U >= 0.833333; reached
    // with s->t 2,666.67 and a->t 1,333.33: D1 sends 333.33 (1/9) over s-a-t, which competes
    // with D2 for a-t; D2 stays direct, since sending some of it round a-s-t only adds
    // latency (the ε term: with y over a-s-t, D1 must move y back to s-a-t; +20y + 100y km).
    const std::vector<std::string> sites{"s", "a", "t"};
    const std::vector<std::string> spans{span("s-t", "s", "t", 100, 8), span("s-a", "s", "a", 60, 8),
                                         span("a-t", "a", "t", 60, 4)};
    const std::vector<std::string> dem{demand("s", "t", 3000), demand("a", "t", 1000)};
    const std::string text = scenario(sites, spans, dem, "balanced");
    const Results r = run(text);
    QNEAR(*spanById(r, "s-t").load_ab_gbps, 8000.0 / 3.0);
    QNEAR(*spanById(r, "a-t").load_ab_gbps, 4000.0 / 3.0);
    QNEAR(*spanById(r, "s-a").load_ab_gbps, 1000.0 / 3.0);
    QCOMPARE(*spanById(r, "s-a").load_ba_gbps, 0.0); // D2 never goes round
    QNEAR(*spanById(r, "s-t").utilization, 5.0 / 6.0);
    QNEAR(*spanById(r, "a-t").utilization, 5.0 / 6.0);
    QNEAR(*spanById(r, "s-a").utilization, 1.0 / 9.6);
    QCOMPARE(r.demands[0].paths.size(), std::size_t(2));
    QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-t"}));
    QNEAR(r.demands[0].paths[0].fraction, 8.0 / 9.0);
    QCOMPARE(r.demands[0].paths[1].spans, (std::vector<std::string>{"s-a", "a-t"}));
    QNEAR(r.demands[0].paths[1].fraction, 1.0 / 9.0);
    QCOMPARE(r.demands[1].paths.size(), std::size_t(1));
    QCOMPARE(r.demands[1].paths[0].spans, (std::vector<std::string>{"a-t"}));
    QCOMPARE(r.demands[1].paths[0].fraction, 1.0);
    QNEAR(*balancedOf(text).max_utilization_bound, 5.0 / 6.0);
    checkPaths(parse(text), r);

    const Results shortest = run(scenario(sites, spans, dem, "shortest"));
    QCOMPARE(worstUtilization(shortest), 0.9375);
    QVERIFY(worstUtilization(r) < worstUtilization(shortest));
}

void TstBalanced::ringWithSpanDown()
{
    // Ring s-a-t-b-s of 100 km spans, 4 wavelengths (1,600). s -> t 800, a -> b 400.
    // All up: every path of either demand uses a->t or s->b (s-a-t, s-b-t; a-t-b, a-s-b),
    // so those two directions carry 1,200 together: U >= 1,200 / 3,200 = 0.375, reached by
    // 600 each (ECMP's halves also give 400 + 200 = 600 on each).
    // b-s down: a line s-a-t-b; s -> t over s-a, a-t; a -> b over a-t, t-b:
    // a-t carries 800 + 400 = 1,200 / 1,600 = 0.75; s-a 0.5; t-b 0.25.
    const std::vector<std::string> sites{"s", "a", "t", "b"};
    const std::vector<std::string> spans{span("s-a", "s", "a", 100, 4), span("a-t", "a", "t", 100, 4),
                                         span("t-b", "t", "b", 100, 4), span("b-s", "b", "s", 100, 4)};
    const std::vector<std::string> dem{demand("s", "t", 800), demand("a", "b", 400)};
    Scenario sc = parse(scenario(sites, spans, dem, "balanced"));
    Results r = evaluate(sc, Catalog::builtin());
    QNEAR(worstUtilization(r), 0.375);
    QNEAR(*spanById(r, "a-t").load_ab_gbps, 600.0);
    QNEAR(*spanById(r, "b-s").load_ba_gbps, 600.0); // s -> b runs from site b of "b-s" to its site a
    const Results ecmp = run(scenario(sites, spans, dem, "ecmp"));
    QNEAR(worstUtilization(ecmp), 0.375);
    QVERIFY(worstUtilization(r) <= worstUtilization(ecmp) * (1.0 + kTolerance));
    checkPaths(sc, r);

    sc.spans[3].down = true; // b-s, as --fail does
    r = evaluate(sc, Catalog::builtin());
    QVERIFY(!spanById(r, "b-s").load_gbps.has_value());
    QNEAR(*spanById(r, "s-a").load_ab_gbps, 800.0);
    QNEAR(*spanById(r, "a-t").load_ab_gbps, 1200.0);
    QNEAR(*spanById(r, "t-b").load_ab_gbps, 400.0);
    QNEAR(*spanById(r, "a-t").utilization, 0.75);
    QNEAR(*spanById(r, "s-a").utilization, 0.5);
    QNEAR(*spanById(r, "t-b").utilization, 0.25);
    QNEAR(worstUtilization(r), 0.75);
    QCOMPARE(r.demands[0].paths.size(), std::size_t(1));
    QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-a", "a-t"}));
    QCOMPARE(r.demands[1].paths[0].spans, (std::vector<std::string>{"a-t", "t-b"}));
    QCOMPARE(r.demands[1].paths[0].fraction, 1.0);
    checkPaths(sc, r);
}

void TstBalanced::autoSpansAreUnconstrained()
{
    // The routing stage on span results whose "auto" spans have no capacity yet (in
    // evaluate() this is the pass that the dimensioning stage sizes them from).
    // Spans in file order: 0 s-a, 1 a-t, 2 s-b, 3 b-t.
    // Diamond: s-a-t of 100 km spans with "auto" wavelengths (no capacity), s-b-t of 90 km
    // spans with 4 wavelengths (1,600); 1,000 Gbps s -> t.
    // Shortest takes s-b-t: 1,000 / 1,600 = 0.625. Balanced: s-a-t enters no capacity
    // constraint, so everything goes there and the worst utilisation is 0.
    {
        const std::vector<std::string> spans{span("s-a", "s", "a", 100, kAuto), span("a-t", "a", "t", 100, kAuto),
                                             span("s-b", "s", "b", 90, 4), span("b-t", "b", "t", 90, 4)};
        const Scenario sc = parse(scenario(kDiamondSites, spans, {}, "balanced"));
        const std::vector<SpanResult> before = undimensionedSpans(sc);
        QVERIFY(!before[0].capacity_gbps.has_value());
        QCOMPARE(*before[2].capacity_gbps, 1600.0);
        const RoutingResult r = balancedRouting(sc, before, {{"s", "t", 1000.0}});
        QNEAR(r.spans[0].ab_gbps, 1000.0);
        QNEAR(r.spans[1].ab_gbps, 1000.0);
        QCOMPARE(r.spans[2].ab_gbps, 0.0);
        QCOMPARE(r.spans[3].ab_gbps, 0.0);
        QNEAR(*r.max_utilization_bound, 0.0);
        const RoutingResult shortest = routeDemands(sc, before, {{"s", "t", 1000.0}}, "shortest");
        QCOMPARE(shortest.spans[2].ab_gbps / *before[2].capacity_gbps, 0.625);
    }
    // a-t given 2 wavelengths (800), s-a still auto: the s-a-t path is held by a-t alone.
    // x / 800 = (1,000 - x) / 1,600 -> x = 333.33; U = 1,000 / 2,400 = 0.416667.
    // Paths listed shortest first: s-b-t (2/3), then s-a-t (1/3).
    {
        const std::vector<std::string> spans{span("s-a", "s", "a", 100, kAuto), span("a-t", "a", "t", 100, 2),
                                             span("s-b", "s", "b", 90, 4), span("b-t", "b", "t", 90, 4)};
        const Scenario sc = parse(scenario(kDiamondSites, spans, {}, "balanced"));
        const std::vector<SpanResult> before = undimensionedSpans(sc);
        const RoutingResult r = balancedRouting(sc, before, {{"s", "t", 1000.0}});
        QNEAR(r.spans[0].ab_gbps, 1000.0 / 3.0);
        QNEAR(r.spans[1].ab_gbps / *before[1].capacity_gbps, 1.0 / 2.4);
        QNEAR(r.spans[2].ab_gbps / *before[2].capacity_gbps, 1.0 / 2.4);
        QNEAR(*r.max_utilization_bound, 1.0 / 2.4);
        QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-b", "b-t"}));
        QNEAR(r.demands[0].paths[0].fraction, 2.0 / 3.0);
        QCOMPARE(r.demands[0].paths[1].spans, (std::vector<std::string>{"s-a", "a-t"}));
        QNEAR(r.demands[0].paths[1].fraction, 1.0 / 3.0);
    }
    // All spans auto: no objective but latency, so the flow takes the shortest path (s-b-t,
    // 180 km against 200) whole, and there is no bound to report.
    {
        const std::vector<std::string> spans{span("s-a", "s", "a", 100, kAuto), span("a-t", "a", "t", 100, kAuto),
                                             span("s-b", "s", "b", 90, kAuto), span("b-t", "b", "t", 90, kAuto)};
        const Scenario sc = parse(scenario(kDiamondSites, spans, {}, "balanced"));
        const RoutingResult r = balancedRouting(sc, undimensionedSpans(sc), {{"s", "t", 1000.0}});
        QNEAR(r.spans[3].ab_gbps, 1000.0);
        QCOMPARE(r.spans[1].ab_gbps, 0.0);
        QCOMPARE(r.demands[0].paths.size(), std::size_t(1));
        QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-b", "b-t"}));
        QCOMPARE(r.demands[0].paths[0].fraction, 1.0);
        QVERIFY(!r.max_utilization_bound.has_value());
    }
}

void TstBalanced::sixNodeMeshMeetsTheCutBound()
{
    // Two triangles of 60 km, 16-wavelength spans (6,400): A1 A2 A3 (west), B1 B2 B3 (east);
    // between them A1-B1 100 km 4 wl (1,600), A2-B2 90 km 8 wl (3,200), A3-B3 100 km 2 wl
    // (800), A1-B2 110 km 2 wl (800): 6,400 Gbps eastward.
    // Demands: A1->B1 2,400, A3->B3 1,600, A2->B3 800 (4,800 eastward), B2->A1 800.
    // Cut bound: 4,800 / 6,400 = 0.75. It is reached: A1->B1 1,200 direct + 600 A1-B2-B1 +
    // 600 A1-A2-B2-B1; A3->B3 600 direct + 1,000 A3-A2-B2-B3; A2->B3 800 A2-B2-B3: the four
    // crossings carry 1,200 / 600 / 2,400 / 600 = 0.75 of capacity; triangle spans at most
    // 1,800 / 6,400; B2->A1's 800 westward spreads at 800 / 6,400 = 0.125. So U = 0.75.
    // ECMP (one shortest path each): A3->B3 direct, 1,600 / 800 = 2.0 the worst
    // (A1-B1 2,400 / 1,600 = 1.5; A1-B2 westward 800 / 800 = 1.0).
    const std::vector<std::string> sites{"A1", "A2", "A3", "B1", "B2", "B3"};
    const std::vector<std::string> spans{
        span("A1-A2", "A1", "A2", 60, 16), span("A2-A3", "A2", "A3", 60, 16), span("A1-A3", "A1", "A3", 60, 16),
        span("B1-B2", "B1", "B2", 60, 16), span("B2-B3", "B2", "B3", 60, 16), span("B1-B3", "B1", "B3", 60, 16),
        span("A1-B1", "A1", "B1", 100, 4), span("A2-B2", "A2", "B2", 90, 8),  span("A3-B3", "A3", "B3", 100, 2),
        span("A1-B2", "A1", "B2", 110, 2)};
    const std::vector<std::string> dem{demand("A1", "B1", 2400), demand("A3", "B3", 1600), demand("A2", "B3", 800),
                                       demand("B2", "A1", 800)};
    const std::string text = scenario(sites, spans, dem, "balanced");
    const Scenario sc = parse(text);
    const Results r = evaluate(sc, Catalog::builtin());
    const double bound = cutBound(sc, r);
    QNEAR(bound, 0.75); // the enumeration finds the west/east cut
    const RoutingResult routing = balancedOf(text);
    QNEAR(*routing.max_utilization_bound, 0.75);
    QVERIFY(*routing.max_utilization_bound >= bound * (1.0 - kTolerance));
    QNEAR(worstUtilization(r), 0.75);
    for (const char *id : {"A1-B1", "A2-B2", "A3-B3", "A1-B2"})
        QNEAR(*spanById(r, id).utilization, 0.75); // every crossing saturates equally
    checkPaths(sc, r);

    const Results ecmp = run(scenario(sites, spans, dem, "ecmp"));
    QCOMPARE(worstUtilization(ecmp), 2.0);
    QCOMPARE(*spanById(ecmp, "A1-B1").utilization, 1.5);
    QVERIFY(*routing.max_utilization_bound <= worstUtilization(ecmp));
}

void TstBalanced::eightNodeMeshBetweenCutAndEcmp()
{
    // Ring N0..N7 of 80 km, 4-wavelength spans (1,600) with chords N0-N4 110 km 2 wl (800),
    // N2-N6 110 km 2 wl (800), N1-N5 120 km 8 wl (3,200).
    // Demands N0->N4 2,000, N1->N5 1,000, N2->N6 1,500, N3->N7 500, N6->N1 700.
    // Cut {N0..N3} / {N4..N7}: 5,000 Gbps must cross N3-N4, N7-N0, N0-N4, N2-N6, N1-N5
    // (1,600 + 1,600 + 800 + 800 + 3,200 = 8,000): U >= 0.625.
    // ECMP: N0->N4 takes its 110 km chord (the ring ways are 320 km): 2,000 / 800 = 2.5.
    const std::vector<std::string> sites{"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7"};
    const std::vector<std::string> spans{
        span("N0-N1", "N0", "N1", 80, 4), span("N1-N2", "N1", "N2", 80, 4), span("N2-N3", "N2", "N3", 80, 4),
        span("N3-N4", "N3", "N4", 80, 4), span("N4-N5", "N4", "N5", 80, 4), span("N5-N6", "N5", "N6", 80, 4),
        span("N6-N7", "N6", "N7", 80, 4), span("N7-N0", "N7", "N0", 80, 4), span("N0-N4", "N0", "N4", 110, 2),
        span("N2-N6", "N2", "N6", 110, 2), span("N1-N5", "N1", "N5", 120, 8)};
    const std::vector<std::string> dem{demand("N0", "N4", 2000), demand("N1", "N5", 1000), demand("N2", "N6", 1500),
                                       demand("N3", "N7", 500), demand("N6", "N1", 700)};
    const std::string text = scenario(sites, spans, dem, "balanced");
    const Scenario sc = parse(text);
    const Results r = evaluate(sc, Catalog::builtin());
    const double bound = cutBound(sc, r);
    QVERIFY2(bound >= 0.625 * (1.0 - kTolerance), qPrintable(QString::number(bound)));
    const RoutingResult routing = balancedOf(text);
    const double lp = *routing.max_utilization_bound;
    QVERIFY2(lp >= bound * (1.0 - kTolerance), qPrintable(QStringLiteral("LP %1 < cut %2").arg(lp).arg(bound)));
    QNEAR(worstUtilization(r), lp); // the decomposed paths load the spans as the LP did
    checkPaths(sc, r);
    const Results ecmp = run(scenario(sites, spans, dem, "ecmp"));
    const Results shortest = run(scenario(sites, spans, dem, "shortest"));
    QCOMPARE(worstUtilization(ecmp), 2.5);
    QVERIFY(lp <= worstUtilization(ecmp));
    QVERIFY(lp <= worstUtilization(shortest));
}

void TstBalanced::noPathAndZeroRate()
{
    // Only s-a and a-t exist (100 km, 8 wl). s -> b has no path: the no-path error, as for
    // the other policies; s -> t 0 Gbps is routed (s-a, a-t, fraction 1) and loads nothing;
    // s -> a 800 loads s-a alone: 800 / 3,200 = 0.25.
    const std::vector<std::string> spans{span("s-a", "s", "a", 100, 8), span("a-t", "a", "t", 100, 8)};
    const Scenario sc = parse(scenario(kDiamondSites, spans, {}, "balanced"));
    const RoutingResult routing = balancedRouting(sc, undimensionedSpans(sc), {{"s", "b", 100.0}, {"s", "t", 0.0}, {"s", "a", 800.0}});
    QCOMPARE(count(routing.diagnostics, "no-path"), 1);
    QCOMPARE(routing.diagnostics[0].element, std::string("s"));
    QVERIFY(!routing.demands[0].routed);
    QVERIFY(routing.demands[0].paths.empty());
    QVERIFY(routing.demands[1].routed);
    QCOMPARE(routing.demands[1].paths.size(), std::size_t(1));
    QCOMPARE(routing.demands[1].paths[0].spans, (std::vector<std::string>{"s-a", "a-t"}));
    QCOMPARE(routing.demands[1].paths[0].fraction, 1.0);
    QNEAR(routing.spans[0].ab_gbps, 800.0);
    QCOMPARE(routing.spans[1].ab_gbps, 0.0);
    QNEAR(*routing.max_utilization_bound, 0.25);
    QCOMPARE(routing.demands[2].shares.size(), std::size_t(1)); // all of it on s-a, a to b
    QCOMPARE(routing.demands[2].shares[0].span, std::size_t(0));
    QVERIFY(routing.demands[2].shares[0].forward);
    QCOMPARE(routing.demands[2].shares[0].fraction, 1.0);
    QNEAR(routing.demands[2].latency_ms, 0.49);
}

void TstBalanced::solverFailureFallsBackToEcmp()
{
    // A span whose latency is not a number the LP can take: the demands go by ECMP, with a
    // warning. On the diamond of the first case with s-b unusable, ECMP sends all 4,000
    // over s-a-t.
    const std::vector<std::string> spans{span("s-a", "s", "a", 100, 8), span("a-t", "a", "t", 100, 8),
                                         span("s-b", "s", "b", 110, 4), span("b-t", "b", "t", 110, 4)};
    const Scenario sc = parse(scenario(kDiamondSites, spans, {}, "balanced"));
    std::vector<SpanResult> before = undimensionedSpans(sc);
    before[2].latency_ms = std::numeric_limits<double>::infinity();
    const RoutingResult routing = balancedRouting(sc, before, {{"s", "t", 4000.0}});
    QCOMPARE(count(routing.diagnostics, "balanced-fallback"), 1);
    QCOMPARE(routing.diagnostics[0].severity, Severity::Warning);
    QVERIFY(!routing.max_utilization_bound.has_value());
    QCOMPARE(routing.spans[0].ab_gbps, 4000.0);
    QCOMPARE(routing.spans[2].ab_gbps, 0.0);
    QCOMPARE(routing.demands[0].shares.size(), std::size_t(2)); // s-a and a-t, whole
    QCOMPARE(routing.demands[0].shares[0].fraction, 1.0);
    QCOMPARE(routing.demands[0].shares[1].fraction, 1.0);
    QNEAR(routing.demands[0].latency_ms, 0.98);
}

QTEST_GUILESS_MAIN(TstBalanced)
#include "tst_balanced.moc"
