// Failures, elephant flows on lanes and loss over distance: docs/MODEL.md "Resilience" and
// "Transport" worked examples.
#include "engine/evaluate.h"
#include "engine/resilience.h"
#include "engine/transport.h"

#include "plans.h"
#include "testutil.h"

#include <QTest>

using namespace dci;
using dci::test::kRingWithGroups;
using dci::test::parse;

namespace {

// Ring A-B-C-D-A plus a bridge C-E, 100 km spans of 8 x 400ZR (3,200 Gbps) but B-C with 4
// (1,600). Demands A -> B 2,000 and A -> E 500 Gbps.
const std::string kRingAndBridge = R"({"format": "dci-scenario", "version": 1,
  "sites": [{"id": "A", "lat": 40, "lon": -90}, {"id": "B", "lat": 40, "lon": -89}, {"id": "C", "lat": 41, "lon": -89},
            {"id": "D", "lat": 41, "lon": -90}, {"id": "E", "lat": 42, "lon": -89}],
  "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100, "wavelengths": 8},
            {"id": "BC", "a": "B", "b": "C", "length_km": 100, "wavelengths": 4},
            {"id": "CD", "a": "C", "b": "D", "length_km": 100, "wavelengths": 8},
            {"id": "DA", "a": "D", "b": "A", "length_km": 100, "wavelengths": 8},
            {"id": "CE", "a": "C", "b": "E", "length_km": 100, "wavelengths": 8}],
  "demands": [{"from": "A", "to": "B", "gbps": 2000}, {"from": "A", "to": "E", "gbps": 500}],
  "routing": {"policy": "shortest", "load_balancing": "spray"}})";

// Full mesh of four sites, every span 100 km of 8 x 400ZR (3,200 Gbps) but C-B with 2
// (800). ECMP. Demands A -> B 2,000 and C -> D 1,200 Gbps, each direct at first.
const std::string kMesh = R"({"format": "dci-scenario", "version": 1,
  "sites": [{"id": "A", "lat": 40, "lon": -90}, {"id": "B", "lat": 40, "lon": -89}, {"id": "C", "lat": 41, "lon": -89},
            {"id": "D", "lat": 41, "lon": -90}],
  "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100, "wavelengths": 8},
            {"id": "AC", "a": "A", "b": "C", "length_km": 100, "wavelengths": 8},
            {"id": "AD", "a": "A", "b": "D", "length_km": 100, "wavelengths": 8},
            {"id": "CB", "a": "C", "b": "B", "length_km": 100, "wavelengths": 2},
            {"id": "BD", "a": "B", "b": "D", "length_km": 100, "wavelengths": 8},
            {"id": "CD", "a": "C", "b": "D", "length_km": 100, "wavelengths": 8}],
  "demands": [{"from": "A", "to": "B", "gbps": 2000}, {"from": "C", "to": "D", "gbps": 1200}],
  "routing": {"policy": "ecmp", "load_balancing": "spray"}})";

// Three campuses of 16,384 H100 in a line a - b - c (100 km spans of 8 x 400ZR), the 70B
// job (overlap 1.0, no window limit) and a checkpoint copy c -> a.
const std::string kThreeCampuses = R"({"format": "dci-scenario", "version": 1,
  "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 16384}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 16384},
            {"id": "c", "lat": 40.5, "lon": -97.5, "gpus": 16384, "down": true}],
  "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "wavelengths": 8},
            {"id": "b-c", "a": "b", "b": "c", "length_km": 100, "wavelengths": 8}],
  "demands": [{"from": "c", "to": "a", "gbps": 100, "label": "checkpoint copy"}],
  "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0},
  "routing": {"load_balancing": "spray"}, "assumptions": {"flow_window_bytes": 1e12}})";

bool hasDiagnostic(const Results &r, const std::string &code, const std::string &element, const std::string &text)
{
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic &d) {
        return d.code == code && d.element == element && d.message.find(text) != std::string::npos;
    });
}

// Two campuses (the 70B worked example) joined by two parallel 100 km spans of 4 x 400ZR.
std::string parallelCampuses(const std::string &routing, const std::string &job = "", const std::string &assumptions = "{}")
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 16384}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 16384}],
      "spans": [{"id": "p1", "a": "a", "b": "b", "length_km": 100, "wavelengths": 4},
                {"id": "p2", "a": "a", "b": "b", "length_km": 100, "wavelengths": 4}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0)" + job + R"(},
      "routing": )" + routing + R"(, "assumptions": )" + assumptions + "}";
}

const FailureCase &caseFor(const ResilienceResult &r, const std::string &element)
{
    for (const FailureCase &c : r.cases)
        if (c.element == element)
            return c;
    qFatal("no case %s", element.c_str());
}

} // namespace

class TstResilience : public QObject {
    Q_OBJECT

private slots:
    void ringAndBridgeSpans();
    void ringAndBridgeSites();
    void meshReroutesOverEqualPaths();
    void siteDownSitsOutOfTheJob();
    void sharedRiskGroupWorkedExample();
    void parallelSpanFailureSlowsTheJob();
    void goBackNWorkedExample_data();
    void goBackNWorkedExample();
    void pfcHeadroom();
    void hashedFlowsOverloadTheHottestLane();
    void lossOverDistanceSlowsTheJob();
};

void TstResilience::ringAndBridgeSpans()
{
    const ResilienceResult r = analyseFailures(parse(kRingAndBridge), Catalog::builtin(), false);
    QCOMPARE(r.cases.size(), std::size_t(5));
    QNEAR(*r.baseline_worst_utilization, 2500.0 / 3200.0); // AB carries both demands
    // Worst first: CE cuts A -> E off; AB pushes 2,000 Gbps round D-C onto the 1,600 Gbps B-C.
    QCOMPARE(r.cases[0].element, std::string("CE"));
    QCOMPARE(r.cases[0].cut_demands, (std::vector<std::string>{"A -> E"}));
    QNEAR(*r.cases[0].worst_utilization, 2000.0 / 3200.0);
    QCOMPARE(r.cases[1].element, std::string("AB"));
    QCOMPARE(r.cases[1].worst_span, std::string("BC"));
    QNEAR(*r.cases[1].worst_utilization, 1.25);
    QCOMPARE(r.cases[1].overloaded_spans, 1);
    QCOMPARE(r.cases[2].element, std::string("CD")); // A -> E back on AB: 2,500
    QNEAR(*r.cases[2].worst_utilization, 2500.0 / 3200.0);
    QCOMPARE(r.cases[3].element, std::string("DA"));
    QCOMPARE(r.cases[4].element, std::string("BC")); // A -> E via D: AB keeps 2,000
    QNEAR(*r.cases[4].worst_utilization, 2000.0 / 3200.0);
    QCOMPARE(r.overloading, 1);
    QCOMPARE(r.cutting, 1);
}

void TstResilience::ringAndBridgeSites()
{
    const ResilienceResult r = analyseFailures(parse(kRingAndBridge), Catalog::builtin(), true);
    QCOMPARE(r.cases.size(), std::size_t(10));
    // Losing C cuts E off (A -> E) and leaves A -> B on AB.
    const FailureCase &c = caseFor(r, "C");
    QCOMPARE(c.kind, std::string("site"));
    QCOMPARE(c.cut_demands, (std::vector<std::string>{"A -> E"}));
    // Losing E ends its own demand: nothing is cut.
    QVERIFY(caseFor(r, "E").cut_demands.empty());
    QNEAR(*caseFor(r, "E").worst_utilization, 2000.0 / 3200.0);
}

// A site that is down: its spans carry nothing, its GPUs sit out of the job (which runs on
// the other two campuses exactly as a plan without the site would), its demands are cut.
void TstResilience::siteDownSitsOutOfTheJob()
{
    const Scenario withDown = parse(kThreeCampuses);
    const Results r = evaluate(withDown, Catalog::builtin());
    QCOMPARE(r.job.dcs, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(r.job.gpus, std::int64_t(32768));
    QNEAR(*r.job.compute_s, 0.5435793731); // two campuses: docs/MODEL.md "Traffic"
    QVERIFY(r.sites[2].down);
    QCOMPARE(r.sites[2].gpus, std::int64_t(16384)); // still built: power and cost count it
    QVERIFY(r.spans[1].down);
    QVERIFY(!r.spans[1].load_gbps);
    QVERIFY(hasDiagnostic(r, "site-down", "c", "its spans (b-c) carry no traffic"));
    QVERIFY(hasDiagnostic(r, "site-down-job", "c", "its 16384 GPUs sit out of the job, which runs over the remaining 2 GPU sites"));
    QVERIFY(hasDiagnostic(r, "no-path", "c", "site \"c\" is down, so this demand is cut"));
    const DemandResult &copy = r.demands.back();
    QCOMPARE(copy.label, std::string("checkpoint copy"));
    QVERIFY(copy.paths.empty());

    // Independently: the same plan without site c at all.
    Scenario without = withDown;
    without.sites.pop_back();
    without.spans.pop_back();
    without.demands.clear();
    const Results w = evaluate(without, Catalog::builtin());
    QNEAR(*r.job.step_s, *w.job.step_s);
    QNEAR(*r.job.efficiency, *w.job.efficiency);
    QNEAR(*r.spans[0].load_gbps, *w.spans[0].load_gbps);
    QNEAR(*r.spans[0].load_gbps, 2060.4166667); // 140 GB each way per 0.5436 s step

    // The resilience analysis fails sites the same way, and a site already down stays so.
    Scenario up = withDown;
    up.sites[2].down = false;
    const ResilienceResult res = analyseFailures(up, Catalog::builtin(), true);
    const FailureCase &c = caseFor(res, "c");
    QCOMPARE(c.spans, (std::vector<std::string>{"b-c"}));
    QVERIFY(c.cut_demands.empty()); // its own checkpoint copy ends with it
    QNEAR(*c.efficiency, *r.job.efficiency);
    QCOMPARE(analyseFailures(withDown, Catalog::builtin(), true).cases.size(), std::size_t(3)); // a-b, a, b
}

// docs/MODEL.md "Resilience", shared-risk groups: every single failure reroutes under 100%,
// but conduit-x (AB and CD at once) leaves the chord for both demands: 187.5%, and
// bridge-y (CD and DA) leaves D without a span: D -> C is cut.
void TstResilience::sharedRiskGroupWorkedExample()
{
    const Scenario plan = parse(kRingWithGroups);
    const ResilienceResult r = analyseFailures(plan, Catalog::builtin(), false);
    QCOMPARE(r.cases.size(), std::size_t(7)); // 5 spans, 2 groups
    QNEAR(*r.baseline_worst_utilization, 2000.0 / 3200.0);

    QCOMPARE(r.cases[0].kind, std::string("srlg"));
    QCOMPARE(r.cases[0].element, std::string("bridge-y"));
    QCOMPARE(r.cases[0].spans, (std::vector<std::string>{"CD", "DA"}));
    QCOMPARE(r.cases[0].cut_demands, (std::vector<std::string>{"D -> C"}));
    QCOMPARE(r.cases[0].worst_span, std::string("AB"));
    QNEAR(*r.cases[0].worst_utilization, 2000.0 / 3200.0);

    QCOMPARE(r.cases[1].element, std::string("conduit-x"));
    QCOMPARE(r.cases[1].spans, (std::vector<std::string>{"AB", "CD"}));
    QVERIFY(r.cases[1].cut_demands.empty());
    QCOMPARE(r.cases[1].worst_span, std::string("AC"));
    QNEAR(*r.cases[1].worst_utilization, 3000.0 / 1600.0); // A -> C 2,000 + D -> A -> C 1,000
    QCOMPARE(r.cases[1].overloaded_spans, 1);

    // Single failures: AB sends A -> B round D-C (CD 3,000), CD sends D -> C round A-B (AB
    // 3,000): 93.75%; BC, DA, AC move nothing.
    QCOMPARE(r.cases[2].element, std::string("AB"));
    QCOMPARE(r.cases[2].worst_span, std::string("CD"));
    QNEAR(*r.cases[2].worst_utilization, 3000.0 / 3200.0);
    QCOMPARE(r.cases[3].element, std::string("CD"));
    QCOMPARE(r.cases[3].worst_span, std::string("AB"));
    QNEAR(*r.cases[3].worst_utilization, 3000.0 / 3200.0);
    for (std::size_t i = 4; i < r.cases.size(); ++i) {
        QCOMPARE(r.cases[i].kind, std::string("span"));
        QNEAR(*r.cases[i].worst_utilization, 2000.0 / 3200.0);
        QVERIFY(r.cases[i].cut_demands.empty());
    }
    QCOMPARE(r.overloading, 1);
    QCOMPARE(r.cutting, 1);

    // A group's case is the plan evaluated with all its spans down.
    Scenario both = plan;
    both.spans[0].down = both.spans[2].down = true;
    const Results direct = evaluate(both, Catalog::builtin());
    QNEAR(*direct.spans[4].utilization, *r.cases[1].worst_utilization);
    QCOMPARE(writeScenario(withFailure(plan, r.cases[1])), writeScenario(both));

    // A span already down is not failed again, alone or in its group.
    Scenario cut = plan;
    cut.spans[0].down = true;
    const ResilienceResult rest = analyseFailures(cut, Catalog::builtin(), false);
    QCOMPARE(rest.cases.size(), std::size_t(6));
    QCOMPARE(caseFor(rest, "conduit-x").spans, (std::vector<std::string>{"CD"}));
}

void TstResilience::meshReroutesOverEqualPaths()
{
    const ResilienceResult r = analyseFailures(parse(kMesh), Catalog::builtin(), false);
    QCOMPARE(r.cases.size(), std::size_t(6));
    QNEAR(*r.baseline_worst_utilization, 2000.0 / 3200.0); // AB: 62.5%
    // Losing AB: A -> B splits evenly over A-C-B and A-D-B (two 200 km paths), 1,000 Gbps
    // each; C-B carries 1,000 on 800: 125%, the only overload.
    QCOMPARE(r.cases[0].element, std::string("AB"));
    QCOMPARE(r.cases[0].worst_span, std::string("CB"));
    QNEAR(*r.cases[0].worst_utilization, 1000.0 / 800.0);
    QCOMPARE(r.cases[0].overloaded_spans, 1);
    QVERIFY(r.cases[0].cut_demands.empty());
    // Losing CD: C -> D splits over C-A-D and C-B-D, 600 each: C-B at 600 / 800 = 75%.
    QCOMPARE(r.cases[1].element, std::string("CD"));
    QCOMPARE(r.cases[1].worst_span, std::string("CB"));
    QNEAR(*r.cases[1].worst_utilization, 600.0 / 800.0);
    // Any other span: nothing reroutes, AB stays the busiest at 62.5%.
    for (std::size_t i = 2; i < r.cases.size(); ++i) {
        QCOMPARE(r.cases[i].worst_span, std::string("AB"));
        QNEAR(*r.cases[i].worst_utilization, 2000.0 / 3200.0);
    }
    QCOMPARE(r.overloading, 1);
    QCOMPARE(r.cutting, 0);
}

void TstResilience::parallelSpanFailureSlowsTheJob()
{
    // Spraying, ECMP, a window too large to bind: 2,060.42 Gbps split over p1 and p2
    // (1,030.21 each, 64.4%); the sync gets both spans, 3,200 Gb/s, and hides. Losing p1
    // leaves 1,600 Gb/s: 140 GB take 0.7 s, exposed 0.7 + 0.00098 - 0.5435794 = 0.1574 s,
    // efficiency 77.55%.
    const ResilienceResult r = analyseFailures(
        parse(parallelCampuses(R"({"policy": "ecmp", "load_balancing": "spray"})", "", R"({"flow_window_bytes": 1e12})")),
        Catalog::builtin(), false);
    QNEAR(*r.baseline_worst_utilization, 1030.2083333 / 1600.0);
    QCOMPARE(*r.baseline_efficiency, 1.0);
    QCOMPARE(r.cases.size(), std::size_t(2));
    QNEAR(*r.cases[0].efficiency, 0.7754563227);
    QNEAR(*r.cases[0].worst_utilization, 2060.4166667 / 1600.0);
    QVERIFY(!r.cases[0].job_cut);
    QCOMPARE(r.overloading, 2);
}

void TstResilience::goBackNWorkedExample_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("goodput");
    // 400 Gb/s, RTT 1 ms, MTU 4,096 B: W = 12,207.03 packets.
    QTest::newRow("gbn 1e-5") << "roce-gbn" << 1e-5 << 0.8912097476;
    QTest::newRow("gbn 1e-4") << "roce-gbn" << 1e-4 << 0.4503078276;
    QTest::newRow("gbn lossless") << "roce-gbn" << 0.0 << 1.0;
    QTest::newRow("selective 1e-4") << "selective-repeat" << 1e-4 << 0.9999;
}

void TstResilience::goBackNWorkedExample()
{
    QFETCH(QString, transport);
    QFETCH(double, loss);
    QFETCH(double, goodput);
    const FlowTransport t = flowTransport(400.0, 1.0, loss, 4096.0, transport.toStdString());
    QNEAR(t.bdp_bytes, 50e6);
    QNEAR(t.window_packets, 12207.03125);
    QNEAR(t.goodput, goodput);
}

void TstResilience::pfcHeadroom()
{
    // 400 Gb/s over 100 km: RTT 0.98 ms -> 49 MB + 2 x 4,096 B; 800 Gb/s over 1,000 km ~ 1 GB.
    QNEAR(pfcHeadroomBytes(400.0, 0.98, 4096.0), 49008192.0);
    QNEAR(pfcHeadroomBytes(800.0, 9.8, 4096.0), 980008192.0);
}

void TstResilience::hashedFlowsOverloadTheHottestLane()
{
    // One span, 8 lanes, the job's 8 flows a -> b hashed: imbalance 2.597 (balls into bins);
    // 2,060.42 Gbps on 3,200 is 64.4% on average but 167% on the hottest lane.
    const std::string one = R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 16384}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "wavelengths": 8}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0,
              "flows_per_pair": 8}, "routing": {"load_balancing": "hash"}, "assumptions": {"flow_window_bytes": 1e12}})";
    Results r = evaluate(parse(one), Catalog::builtin());
    const SpanResult &s = r.spans[0];
    QCOMPARE(*s.lanes, 8);
    QNEAR(*s.flows, 8.0);
    QVERIFY(std::fabs(*s.ecmp_imbalance - 2.597) < 1e-3);
    QNEAR(*s.hot_lane_utilization, *s.utilization * *s.ecmp_imbalance);
    QVERIFY(*s.hot_lane_utilization > 1.0);
    // The sync gets capacity / imbalance = 3,200 / 2.597 = 1,232 Gbps: the job slows.
    QNEAR(*r.demands[0].rate_gbps, 3200.0 / *s.ecmp_imbalance);
    QVERIFY(*r.job.efficiency < 0.7);
    bool warned = false;
    for (const Diagnostic &d : r.diagnostics)
        warned = warned || (d.code == "hot-lane-overloaded" && d.element == "a-b");
    QVERIFY(warned);

    // Spraying spreads every flow over every lane: imbalance 1, the whole span, hidden.
    std::string sprayed = one;
    sprayed.replace(sprayed.find("\"hash\""), 6, "\"spray\"");
    r = evaluate(parse(sprayed), Catalog::builtin());
    QCOMPARE(*r.spans[0].ecmp_imbalance, 1.0);
    QNEAR(*r.demands[0].rate_gbps, 3200.0);
    QCOMPARE(*r.job.efficiency, 1.0);
}

void TstResilience::lossOverDistanceSlowsTheJob()
{
    // Spraying, both spans up, 8 connections, a window too large to bind, loss 1e-4: the
    // sync gets 3,200 Gb/s, 400 Gb/s per connection over RTT 0.98 ms: BDP 49 MB, W =
    // 49e6 / 4,096 = 11,962.9 packets, goodput 1 / (1 + 1e-4 x 11,962.9) = 0.45531;
    // selective repeat keeps 0.9999.
    const std::string assumptions = R"({"loss_rate": 1e-4, "flow_window_bytes": 1e12})";
    const Results gbn = evaluate(parse(parallelCampuses(R"({"policy": "ecmp", "load_balancing": "spray"})",
                                                        R"(, "connections_per_pair": 8)", assumptions)),
                                 Catalog::builtin());
    const DemandResult &d = gbn.demands[0];
    QNEAR(*d.rtt_ms, 0.98);
    QNEAR(*d.bdp_bytes, 49e6);
    const double goodput = 1.0 / (1.0 + 1e-4 * 49e6 / 4096.0);
    QNEAR(*d.goodput, goodput);
    QNEAR(*d.rate_gbps, 3200.0 * goodput);
    QCOMPARE(d.limited_by, std::string("loss"));
    const double compute = 0.5435793731;
    QNEAR(*gbn.job.efficiency, compute / (1120.0 / (3200.0 * goodput) + 0.00098));
    QVERIFY(*gbn.job.efficiency < 0.75);
    // A 4 MiB window caps what one loss resends: W = 1,024 packets, goodput 0.907.
    const Results capped = evaluate(parse(parallelCampuses(R"({"policy": "ecmp", "load_balancing": "spray"})",
                                                           R"(, "connections_per_pair": 8)", R"({"loss_rate": 1e-4})")),
                                    Catalog::builtin());
    QNEAR(*capped.demands[0].goodput, 1.0 / (1.0 + 1e-4 * 1024.0));
    const Results sr = evaluate(parse(parallelCampuses(R"({"policy": "ecmp", "load_balancing": "spray"})",
                                                       R"(, "connections_per_pair": 8, "transport": "selective-repeat")",
                                                       assumptions)),
                                Catalog::builtin());
    QNEAR(*sr.demands[0].goodput, 0.9999);
    QCOMPARE(*sr.job.efficiency, 1.0);
}

QTEST_GUILESS_MAIN(TstResilience)
#include "tst_resilience.moc"
