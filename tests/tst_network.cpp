// Capacity and routing stages: docs/MODEL.md "Capacity" and "Routing" worked examples on
// hand-drawn graphs (diamond, parallel spans, ring), loads by direction, overload.
#include "engine/capacity.h"
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <QTest>

#include <cmath>

using namespace dci;
using dci::test::parse;

namespace {

// Sites s, a, b, t; spans given; demands given; no job.
std::string graph(const std::string &spans, const std::string &demands, const std::string &policy = "shortest")
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "s", "lat": 40, "lon": -90}, {"id": "a", "lat": 41, "lon": -89},
                {"id": "b", "lat": 39, "lon": -89}, {"id": "t", "lat": 40, "lon": -88}],
      "spans": [)" + spans + R"(], "demands": [)" + demands + R"(], "routing": {"load_balancing": "spray", "policy": ")" + policy + "\"}}";
}

std::string span(const char *id, const char *a, const char *b, double km, int lambdas = 8)
{
    return std::string(R"({"id": ")") + id + R"(", "a": ")" + a + R"(", "b": ")" + b + R"(", "length_km": )"
        + std::to_string(km) + R"(, "wavelengths": )" + std::to_string(lambdas) + "}";
}

const SpanResult &spanById(const Results &r, const std::string &id)
{
    for (const SpanResult &s : r.spans)
        if (s.id == id)
            return s;
    qFatal("no span %s", id.c_str());
}

bool hasDiagnostic(const Results &r, const std::string &code, const std::string &element)
{
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == code && d.element == element)
            return true;
    return false;
}


const std::string kDiamond = span("s-a", "s", "a", 100) + "," + span("a-t", "a", "t", 100) + ","
    + span("s-b", "s", "b", 100) + "," + span("b-t", "b", "t", 100);

} // namespace

class TstNetwork : public QObject {
    Q_OBJECT

private slots:
    void channels_data();
    void channels();
    void capacityWorkedExample();
    void inlineAmplifiers_data();
    void inlineAmplifiers();
    void longHaulWorkedExample();
    void cPlusLWorkedExample();
    void bandUnsupported();
    void bandFilling();
    void lossBudgetLeftEmpty();
    void bandLimit();
    void reachLimit();
    void shortestOnDiamondIsDeterministic();
    void ecmpSplitsTheDiamond();
    void ecmpSplitsParallelSpans();
    void ecmpIgnoresLongerPaths();
    void loadsByDirection();
    void ringWithFailure();
    void overloadSlowsTheJob();
    void noPathIsAnError();
    void ecmpSplitsOverEveryMinimumMetricNextHop();
    void metricSteersTraffic();
    void defaultMetricIsLatencyInMicroseconds();
    void manyEqualPathsStayFast();
    void longChainAndManySitesStayCheap();
};

void TstNetwork::channels_data()
{
    QTest::addColumn<double>("width_thz");
    QTest::addColumn<double>("spacing_ghz");
    QTest::addColumn<int>("channels");
    // domain-facts §1.2: C 4.8 THz, C-ext 6.0, C+L 9.6.
    QTest::newRow("C @75") << 4.8 << 75.0 << 64;
    QTest::newRow("C @50") << 4.8 << 50.0 << 96;
    QTest::newRow("C @100") << 4.8 << 100.0 << 48;
    QTest::newRow("C @150") << 4.8 << 150.0 << 32;
    QTest::newRow("C-ext @75") << 6.0 << 75.0 << 80;
    QTest::newRow("C-ext @150") << 6.0 << 150.0 << 40;
    QTest::newRow("C+L @75") << 9.6 << 75.0 << 128;
}

void TstNetwork::channels()
{
    QFETCH(double, width_thz);
    QFETCH(double, spacing_ghz);
    QFETCH(int, channels);
    QCOMPARE(channelsPerFiberPair(width_thz, spacing_ghz), channels);
}

void TstNetwork::capacityWorkedExample()
{
    // 2 pairs x 10 x 400ZR over 200 km: 8,000 Gbps; 2 x 64 = 128 channels; 40 modules.
    // 200 km is past 400ZR's single span (120 km), so the loss budget places amplifiers:
    // 200 x 0.22 = 44 dB over 28 - 3 = 25 dB per amplified span: ceil(1.76) = 2 spans, and
    // ceil(200 / 150) = 2: 1 in-line site; 2 pairs x (1 + 4) = 10 amplifiers, 8 terminal.
    const Scenario s = parse(graph(R"({"id": "s-t", "a": "s", "b": "t", "length_km": 100, "fiber_pairs": 2,
                                      "wavelengths": 10})",
                                   ""));
    CapacityResult c = spanCapacity(s, Catalog::builtin(), {200.0});
    QCOMPARE(*c.spans[0].capacity_gbps, 8000.0);
    QCOMPARE(*c.spans[0].max_wavelengths, 128);
    QCOMPARE(*c.spans[0].modules, 40);
    QCOMPARE(*c.spans[0].inline_amp_sites, 1);
    QCOMPARE(*c.spans[0].amplifiers, 10);
    QCOMPARE(*c.spans[0].terminal_amplifiers, 8);
    QVERIFY(c.spans[0].reach_ok == false); // 200 km > 120 km
    // Within reach, 400ZR's one amplified span: 0 in-line sites, 2 pairs x 4 terminal.
    c = spanCapacity(s, Catalog::builtin(), {80.0});
    QCOMPARE(*c.spans[0].inline_amp_sites, 0);
    QCOMPARE(*c.spans[0].amplifiers, 8);
    QVERIFY(c.spans[0].reach_ok);
    QVERIFY(c.diagnostics.empty());
}

void TstNetwork::inlineAmplifiers_data()
{
    QTest::addColumn<QString>("optic");
    QTest::addColumn<double>("length_km");
    QTest::addColumn<int>("sites");
    // docs/MODEL.md "Capacity": 0.22 dB/km, 28 dB per amplified span less a 3 dB margin.
    QTest::newRow("400ZR 100 km: single span") << "400ZR" << 100.0 << 0;
    QTest::newRow("400ZR 120 km: at reach") << "400ZR" << 120.0 << 0;
    QTest::newRow("800ZR 120 km: single span") << "800ZR" << 120.0 << 0;
    QTest::newRow("ZR+ 100 km: 22 dB, one span") << "OpenZR+ 400G" << 100.0 << 0;
    QTest::newRow("ZR+ 113 km: 24.86 dB") << "OpenZR+ 400G" << 113.0 << 0;
    QTest::newRow("ZR+ 114 km: 25.08 dB") << "OpenZR+ 400G" << 114.0 << 1;
    QTest::newRow("ZR+ 120 km: 26.4 dB") << "OpenZR+ 400G" << 120.0 << 1;
    QTest::newRow("ZR+ 1,000 km: 220 dB") << "OpenZR+ 300G" << 1000.0 << 8;
    QTest::newRow("ZR+ 0 km") << "OpenZR+ 300G" << 0.0 << 0;
}

void TstNetwork::inlineAmplifiers()
{
    QFETCH(QString, optic);
    QFETCH(double, length_km);
    QFETCH(int, sites);
    const Catalog &catalog = Catalog::builtin();
    const std::optional<int> got
        = inlineAmpSites(length_km, *catalog.optic(optic.toStdString()), SpanLossBudget::fromCatalog(catalog));
    QVERIFY(got);
    QCOMPARE(*got, sites);
}

void TstNetwork::longHaulWorkedExample()
{
    // 1,000 km of OpenZR+ 300G on one pair, 64 wavelengths: 1,000 x 0.22 = 220 dB;
    // 220 / 25 = 8.8 -> 9 amplified spans (ceil(1,000 / 150) = 7 binds less): 8 in-line
    // sites; 1 pair x (8 + 4) = 12 amplifiers; 64 x 300 = 19,200 Gbps; 128 modules.
    const Scenario s = parse(graph(R"({"id": "s-t", "a": "s", "b": "t", "length_km": 1000, "fiber_pairs": 1,
                                      "wavelengths": 64, "optic": "OpenZR+ 300G"})",
                                   ""));
    const CapacityResult c = spanCapacity(s, Catalog::builtin(), {1000.0});
    QCOMPARE(*c.spans[0].inline_amp_sites, 8);
    QCOMPARE(*c.spans[0].amplifiers, 12);
    QCOMPARE(*c.spans[0].terminal_amplifiers, 4);
    QCOMPARE(*c.spans[0].capacity_gbps, 19200.0);
    QCOMPARE(*c.spans[0].modules, 128);
    QVERIFY(c.spans[0].reach_ok);
    QVERIFY(c.diagnostics.empty());
    // A file that keeps amplifiers every 80 km still gets them: ceil(1,000 / 80) = 13
    // amplified spans, 12 in-line sites.
    Catalog every80 = Catalog::builtin();
    every80.assumptions["amp_spacing_km"].value = 80.0;
    QCOMPARE(*spanCapacity(s, every80, {1000.0}).spans[0].inline_amp_sites, 12);
}

namespace {

// The built-in catalog with OpenZR+ 400G tuning C and L: no such module is in the
// reference, so only tests use it.
Catalog withCPlusLOptic()
{
    Catalog catalog = Catalog::builtin();
    for (Optic &o : catalog.optics)
        if (o.name == "OpenZR+ 400G")
            o.bands = {"C", "L"};
    return catalog;
}

// 200 km, 2 pairs of C+L at 100 wavelengths per pair.
const char *const kCPlusLSpan = R"({"id": "s-t", "a": "s", "b": "t", "length_km": 200, "fiber_pairs": 2,
                                    "band": "C+L", "wavelengths": 100, "optic": "%1"})";

Scenario cPlusLSpan(const char *optic)
{
    return parse(graph(QString::fromLatin1(kCPlusLSpan).arg(QString::fromLatin1(optic)).toStdString(), ""));
}

} // namespace

void TstNetwork::cPlusLWorkedExample()
{
    // OpenZR+ 400G tuning C and L; C+L = 2 amplifier chains. 44 dB / 25 dB -> 2 amplified
    // spans: 1 in-line site; 2 chains x 2 pairs x (1 + 4) = 20 amplifiers, 16 of them
    // terminal; 2 ends x 2 pairs x 2 chains = 8 mux/demux; 2 x 128 = 256 channels;
    // 2 x 100 x 400 = 80,000 Gbps.
    const Catalog catalog = withCPlusLOptic();
    const CapacityResult c = spanCapacity(cPlusLSpan("OpenZR+ 400G"), catalog, {200.0});
    QCOMPARE(*c.spans[0].inline_amp_sites, 1);
    QCOMPARE(*c.spans[0].amplifiers, 20);
    QCOMPARE(*c.spans[0].terminal_amplifiers, 16);
    QCOMPARE(*c.spans[0].max_wavelengths, 256);
    QCOMPARE(*c.spans[0].capacity_gbps, 80000.0);
    QCOMPARE(muxUnits(*catalog.band("C+L"), 2), 8);
    QVERIFY(c.diagnostics.empty());
    // A span its optic cannot fill still counts its equipment, so the cost shows.
    QCOMPARE(*spanCapacity(cPlusLSpan("OpenZR+ 400G"), Catalog::builtin(), {200.0}).spans[0].amplifiers, 20);
}

void TstNetwork::bandUnsupported()
{
    // The built-in OpenZR+ 400G tunes C only: the C+L span is band-unsupported, and the
    // message says what would hold its 2 x 100 = 200 wavelengths: ceil(200 / 64) = 4 pairs in C.
    CapacityResult c = spanCapacity(cPlusLSpan("OpenZR+ 400G"), Catalog::builtin(), {200.0});
    QCOMPARE(c.diagnostics.size(), std::size_t(1));
    const Diagnostic &d = c.diagnostics[0];
    QCOMPARE(d.code, std::string("band-unsupported"));
    QVERIFY(d.severity == Severity::Error);
    QCOMPARE(d.element, std::string("s-t"));
    for (const char *part : {"Span \"s-t\" is lit in the C+L band, but OpenZR+ 400G tunes only C.",
                             "Light its 200 wavelengths on 4 fiber pairs in the C band",
                             "or use an optic that tunes C and L (the catalog has none)."})
        QVERIFY2(d.message.find(part) != std::string::npos, d.message.c_str());
    // A catalog optic that fills the band is named as the alternative.
    c = spanCapacity(cPlusLSpan("OpenZR+ 300G"), withCPlusLOptic(), {200.0});
    QCOMPARE(c.diagnostics.size(), std::size_t(1));
    QVERIFY2(c.diagnostics[0].message.find("or use an optic that tunes C and L: OpenZR+ 400G.") != std::string::npos,
             c.diagnostics[0].message.c_str());
    // Through evaluate(): an error of the plan.
    const Results r = evaluate(cPlusLSpan("OpenZR+ 400G"), Catalog::builtin());
    QVERIFY(hasDiagnostic(r, "band-unsupported", "s-t"));
    QVERIFY(r.hasErrors());
}

void TstNetwork::bandFilling()
{
    const Catalog &c = Catalog::builtin();
    for (const Optic &o : c.optics) {
        QVERIFY2(opticFillsBand(o, *c.band("C")), o.name.c_str());
        QVERIFY2(!opticFillsBand(o, *c.band("C-ext")), o.name.c_str()); // C-ext reaches past 196.1 THz
        QVERIFY2(!opticFillsBand(o, *c.band("C+L")), o.name.c_str());
    }
    Optic extended = *c.optic("400ZR");
    extended.bands = {"C", "C-ext"};
    QVERIFY(opticFillsBand(extended, *c.band("C-ext")));
    QVERIFY(!opticFillsBand(extended, *c.band("C+L")));
    // The band-full hint names a wider band only where the optic can fill one.
    Catalog wide = c;
    for (Optic &o : wide.optics)
        o.bands = {"C", "C-ext"};
    const Scenario s = parse(graph(span("s-t", "s", "t", 50, 70), ""));
    const CapacityResult full = spanCapacity(s, wide, {50.0});
    QCOMPARE(full.diagnostics.size(), std::size_t(1));
    QVERIFY2(full.diagnostics[0].message.find("use more fiber pairs, the C-ext band or fewer wavelengths")
                 != std::string::npos,
             full.diagnostics[0].message.c_str());
}

void TstNetwork::lossBudgetLeftEmpty()
{
    // A margin as large as the span loss leaves no amplified span: an error, and the
    // amplifiers of spans that need the budget stay unknown (400ZR within reach does not).
    Catalog catalog = Catalog::builtin();
    catalog.assumptions["span_margin_db"].value = 28.0;
    const Scenario s = parse(graph(span("s-t", "s", "t", 100) + "," + span("s-a", "s", "a", 200), ""));
    const CapacityResult c = spanCapacity(s, catalog, {100.0, 200.0});
    QCOMPARE(*c.spans[0].amplifiers, 4);
    QVERIFY(!c.spans[1].inline_amp_sites);
    QVERIFY(!c.spans[1].amplifiers);
    bool named = false;
    for (const Diagnostic &d : c.diagnostics)
        named = named || (d.code == "span-loss-budget" && d.severity == Severity::Error);
    QVERIFY(named);
}

void TstNetwork::bandLimit()
{
    const Results r = evaluate(parse(graph(span("s-t", "s", "t", 50, 70), "")), Catalog::builtin());
    QVERIFY(hasDiagnostic(r, "band-full", "s-t"));
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == "band-full")
            QVERIFY2(d.message.find("only 64 channels of 75 GHz fit the C band: use more fiber pairs or fewer wavelengths.")
                         != std::string::npos,
                     d.message.c_str());
}

void TstNetwork::reachLimit()
{
    const Results r = evaluate(parse(graph(span("s-t", "s", "t", 150), "")), Catalog::builtin());
    QCOMPARE(*spanById(r, "s-t").reach_ok, false);
    QVERIFY(r.hasErrors());
    bool named = false;
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == "reach-exceeded")
            named = d.element == "s-t" && d.message.find("150 km long but 400ZR reaches 120 km") != std::string::npos
                && d.message.find("1 intermediate site") != std::string::npos;
    QVERIFY(named);
}

void TstNetwork::shortestOnDiamondIsDeterministic()
{
    // Two equal paths; ties go to the lower span (file order): s-a, a-t.
    const Results r = evaluate(parse(graph(kDiamond, R"({"from": "s", "to": "t", "gbps": 1000})")), Catalog::builtin());
    QCOMPARE(*spanById(r, "s-a").load_gbps, 1000.0);
    QCOMPARE(*spanById(r, "a-t").load_gbps, 1000.0);
    QCOMPARE(*spanById(r, "s-b").load_gbps, 0.0);
    QCOMPARE(r.demands[0].paths.size(), std::size_t(1));
    QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"s-a", "a-t"}));
    QCOMPARE(*spanById(r, "s-a").utilization, 1000.0 / 3200.0);
}

void TstNetwork::ecmpSplitsTheDiamond()
{
    const Results r = evaluate(parse(graph(kDiamond, R"({"from": "s", "to": "t", "gbps": 1000})", "ecmp")),
                               Catalog::builtin());
    for (const char *id : {"s-a", "a-t", "s-b", "b-t"})
        QCOMPARE(*spanById(r, id).load_gbps, 500.0);
    QCOMPARE(r.demands[0].paths.size(), std::size_t(2));
    QCOMPARE(r.demands[0].paths[0].fraction, 0.5);
    QCOMPARE(r.demands[0].paths[1].spans, (std::vector<std::string>{"s-b", "b-t"}));
}

void TstNetwork::ecmpSplitsParallelSpans()
{
    const std::string spans = span("p1", "s", "t", 100) + "," + span("p2", "s", "t", 100) + "," + span("p3", "s", "t", 100);
    const Results r = evaluate(parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 900})", "ecmp")), Catalog::builtin());
    for (const char *id : {"p1", "p2", "p3"})
        QNEAR(*spanById(r, id).load_gbps, 300.0);
    const Results one = evaluate(parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 900})")), Catalog::builtin());
    QCOMPARE(*spanById(one, "p1").load_gbps, 900.0);
    QCOMPARE(*spanById(one, "p2").load_gbps, 0.0);
}

void TstNetwork::ecmpIgnoresLongerPaths()
{
    // s-b-t is 1 km longer: not an equal-cost path.
    const std::string spans = span("s-a", "s", "a", 100) + "," + span("a-t", "a", "t", 100) + ","
        + span("s-b", "s", "b", 100) + "," + span("b-t", "b", "t", 101);
    const Results r = evaluate(parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 1000})", "ecmp")), Catalog::builtin());
    QCOMPARE(*spanById(r, "a-t").load_gbps, 1000.0);
    QCOMPARE(*spanById(r, "b-t").load_gbps, 0.0);
}

void TstNetwork::loadsByDirection()
{
    const Results r = evaluate(parse(graph(span("s-t", "s", "t", 50),
                                           R"({"from": "s", "to": "t", "gbps": 100}, {"from": "t", "to": "s", "gbps": 30})")),
                               Catalog::builtin());
    const SpanResult &s = spanById(r, "s-t");
    QCOMPARE(*s.load_ab_gbps, 100.0);
    QCOMPARE(*s.load_ba_gbps, 30.0);
    QCOMPARE(*s.load_gbps, 100.0);
}

void TstNetwork::ringWithFailure()
{
    // Ring s-a-t-b-s of 100 km spans. s to a is one hop; with s-a down it goes s-b-t-a.
    const std::string spans = span("s-a", "s", "a", 100) + "," + span("a-t", "a", "t", 100) + ","
        + span("t-b", "t", "b", 100) + "," + span("b-s", "b", "s", 100);
    Scenario sc = parse(graph(spans, R"({"from": "s", "to": "a", "gbps": 400})"));
    Results r = evaluate(sc, Catalog::builtin());
    QCOMPARE(*spanById(r, "s-a").load_gbps, 400.0);
    QCOMPARE(*spanById(r, "t-b").load_gbps, 0.0);
    sc.spans[0].down = true; // what --fail s-a does
    r = evaluate(sc, Catalog::builtin());
    QVERIFY(!spanById(r, "s-a").load_gbps.has_value());
    QCOMPARE(r.demands[0].paths[0].spans, (std::vector<std::string>{"b-s", "t-b", "a-t"}));
    QCOMPARE(*spanById(r, "b-s").load_ba_gbps, 400.0); // from s (site b of "b-s") towards b
    QCOMPARE(*spanById(r, "t-b").load_ba_gbps, 400.0);
    QCOMPARE(*spanById(r, "a-t").load_ba_gbps, 400.0);
}

void TstNetwork::overloadSlowsTheJob()
{
    // The two-campus worked example on 4 x 400ZR = 1,600 Gbps: the flow needs 2,060.42 Gbps,
    // gets 1,600 (share 0.776542); 140 GB take 0.7 s; exposed 0.7 + 0.00098 - 0.5435794.
    const std::string text = R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 16384}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "wavelengths": 4}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0},
      "routing": {"load_balancing": "spray"}})";
    const Results r = evaluate(parse(text), Catalog::builtin());
    const SpanResult &s = spanById(r, "a-b");
    QNEAR(*s.utilization, 2060.4166667 / 1600.0);
    QVERIFY(hasDiagnostic(r, "span-overloaded", "a-b"));
    QNEAR(*r.demands[0].rate_gbps, 1600.0);
    QNEAR(*r.job.transfer_s, 0.7);
    QNEAR(*r.job.exposed_s, 0.1574006269);
    QNEAR(*r.job.efficiency, 0.7754563227);
}

void TstNetwork::noPathIsAnError()
{
    const Results r = evaluate(parse(graph(span("s-a", "s", "a", 100), R"({"from": "s", "to": "t", "gbps": 10})")),
                               Catalog::builtin());
    QVERIFY(hasDiagnostic(r, "no-path", "s"));
    QVERIFY(r.demands[0].paths.empty());
    QVERIFY(!r.demands[0].rate_gbps.has_value());
}

void TstNetwork::ecmpSplitsOverEveryMinimumMetricNextHop()
{
    // MODEL.md "Routing" (the Sprint case): s-t direct 100 km and two paths of 50 + 50 km
    // through a and b. Metrics 490, 245 + 245, 245 + 245: three equal paths; s has three
    // next hops, each gets 1/3 (no fewer-spans tie-break).
    const std::string spans = span("s-t", "s", "t", 100) + "," + span("s-a", "s", "a", 50) + ","
        + span("a-t", "a", "t", 50) + "," + span("s-b", "s", "b", 50) + "," + span("b-t", "b", "t", 50);
    const Results r = evaluate(parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 900})", "ecmp")), Catalog::builtin());
    for (const char *id : {"s-t", "s-a", "a-t", "s-b", "b-t"})
        QNEAR(*spanById(r, id).load_gbps, 300.0);
    QCOMPARE(r.demands[0].paths.size(), std::size_t(3));
    QCOMPARE(spanById(r, "s-t").metric, std::int64_t(490));
    QCOMPARE(spanById(r, "s-a").metric, std::int64_t(245));
    // Shortest takes the lowest-numbered next hop on a minimum-metric path: the direct span.
    const Results one = evaluate(parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 900})")), Catalog::builtin());
    QCOMPARE(*spanById(one, "s-t").load_gbps, 900.0);
    QCOMPARE(*spanById(one, "s-a").load_gbps, 0.0);
}

void TstNetwork::metricSteersTraffic()
{
    // The diamond with s-a given metric 1000: s-a-t costs 1000 + 490, s-b-t 980: all of it
    // goes by b, although both are 200 km; the demand's latency is still 0.98 ms.
    std::string spans = kDiamond;
    const std::string first = R"("wavelengths": 8})";
    spans.replace(spans.find(first), first.size(), R"("wavelengths": 8, "metric": 1000})");
    const Scenario sc = parse(graph(spans, R"({"from": "s", "to": "t", "gbps": 1000})", "ecmp"));
    QCOMPARE(*sc.spans[0].metric, std::int64_t(1000));
    const Results r = evaluate(sc, Catalog::builtin());
    QCOMPARE(*spanById(r, "s-b").load_gbps, 1000.0);
    QCOMPARE(*spanById(r, "s-a").load_gbps, 0.0);
    QNEAR(*r.demands[0].latency_ms, 0.98);
    // Saved and read back, the metric stays.
    QCOMPARE(*parse(writeScenario(sc)).spans[0].metric, std::int64_t(1000));
}

void TstNetwork::defaultMetricIsLatencyInMicroseconds()
{
    // 100.04 km: 490.196 us -> 490; a 0.05 km span (0.245 us) still costs 1.
    const Results r = evaluate(parse(graph(span("s-a", "s", "a", 100.04) + "," + span("a-t", "a", "t", 0.05), "")),
                               Catalog::builtin());
    QCOMPARE(spanById(r, "s-a").metric, std::int64_t(490));
    QCOMPARE(spanById(r, "a-t").metric, std::int64_t(1));
}

void TstNetwork::manyEqualPathsStayFast()
{
    // 40 diamonds in a chain: 2^40 equal paths. Routing splits on the DAG, so it ends at once
    // (it used to enumerate every path); the listing decomposes the same span loads into
    // two paths of one half each (all upper, all lower).
    std::string sites, spans;
    for (int k = 0; k <= 40; ++k) {
        sites += (k ? "," : "") + std::string(R"({"id": "n)") + std::to_string(k) + R"(", "lat": 40, "lon": )" + std::to_string(-90 + k * 0.1) + "}";
        if (k < 40) {
            sites += R"(, {"id": "u)" + std::to_string(k) + R"(", "lat": 40.05, "lon": )" + std::to_string(-90 + k * 0.1 + 0.05) + "}";
            sites += R"(, {"id": "d)" + std::to_string(k) + R"(", "lat": 39.95, "lon": )" + std::to_string(-90 + k * 0.1 + 0.05) + "}";
            const std::string n = std::to_string(k), m = std::to_string(k + 1);
            for (const char *via : {"u", "d"})
                spans += (spans.empty() ? "" : ",") + std::string(R"({"id": ")") + via + n + "a" + R"(", "a": "n)" + n
                    + R"(", "b": ")" + via + n + R"(", "length_km": 10}, {"id": ")" + via + n + "b" + R"(", "a": ")" + via + n
                    + R"(", "b": "n)" + m + R"(", "length_km": 10})";
        }
    }
    const std::string text = R"({"format": "dci-scenario", "version": 1, "sites": [)" + sites + R"(], "spans": [)" + spans
        + R"(], "demands": [{"from": "n0", "to": "n40", "gbps": 100}], "routing": {"policy": "ecmp"}})";
    const Results r = evaluate(parse(text), Catalog::builtin());
    QCOMPARE(r.demands[0].paths.size(), std::size_t(2));
    QCOMPARE(r.demands[0].paths[0].fraction, 0.5);
    QCOMPARE(r.demands[0].paths[0].spans.size(), std::size_t(80));
    QNEAR(*spanById(r, "u0a").load_gbps, 50.0);
    QNEAR(*spanById(r, "d39b").load_gbps, 50.0);
    QNEAR(*r.demands[0].latency_ms, 80 * 10 * 4.9e-3);
}

void TstNetwork::longChainAndManySitesStayCheap()
{
    // Reliability findings D08 and D10 (tests/data/reliability/README.md): a chain of 50,000 sites
    // with one end-to-end demand crashed path listing (recursion per hop); 20,000 sites
    // built an N x N latency matrix (3 GB). Routing now walks the DAG iteratively and
    // timing uses the routed latencies, so both evaluate in a moment.
    Scenario chain;
    const int n = 50000;
    for (int i = 0; i < n; ++i) {
        Site site;
        site.id = "s" + std::to_string(i);
        site.lon = -179.0 + i * 0.00716;
        chain.sites.push_back(site);
        if (i > 0) {
            Span span;
            span.id = "e" + std::to_string(i - 1);
            span.a = "s" + std::to_string(i - 1);
            span.b = site.id;
            span.length_km = 0.8;
            span.optic = "400ZR";
            span.band = "C";
            span.fiber_pairs = 1;
            span.wavelengths = 1;
            chain.spans.push_back(span);
        }
    }
    chain.demands.push_back({"s0", "s" + std::to_string(n - 1), 1.0, "", {}});
    const Results r = evaluate(chain, Catalog::builtin());
    QCOMPARE(r.demands[0].paths.size(), std::size_t(1));
    QCOMPARE(r.demands[0].paths[0].spans.size(), std::size_t(n - 1));
    QNEAR(*r.demands[0].latency_ms, (n - 1) * 0.8 * 4.9e-3);

    Scenario many;
    for (int i = 0; i < 20000; ++i) {
        Site site;
        site.id = "s" + std::to_string(i);
        site.lat = -60.0 + (i % 130);
        site.lon = -170.0 + (i / 130) * 2.0;
        many.sites.push_back(site);
    }
    const Results m = evaluate(many, Catalog::builtin());
    QCOMPARE(m.sites.size(), std::size_t(20000));
    QVERIFY(!m.hasErrors());
}

QTEST_GUILESS_MAIN(TstNetwork)
#include "tst_network.moc"
