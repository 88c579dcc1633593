// Cost and dimensioning stages: docs/MODEL.md "Cost" and "Dimensioning" worked examples.
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <QTest>

#include <cmath>

using namespace dci;
using dci::test::parse;

namespace {

// The two-campus sample's plan: 100 km, one pair, C band, 400ZR; span fields appended.
std::string twoCampus(const std::string &spanFields, const std::string &demands = "")
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpu": "H100-SXM", "gpus": 16384},
                {"id": "b", "lat": 40.81, "lon": -96.70, "gpu": "H100-SXM", "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "optic": "400ZR", "band": "C")"
        + spanFields + R"(}],
      "demands": [{"from": "a", "to": "b", "gbps": 100})" + demands + R"(],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "overlap": 1.0}})";
}


double item(const CostResult &c, const std::string &name)
{
    for (const CostItem &i : c.breakdown)
        if (i.item == name)
            return i.usd;
    return -1.0;
}

double bom(const Results &r, const std::string &name)
{
    for (const BomLine &l : r.bom)
        if (l.item == name)
            return l.quantity;
    return -1.0;
}

bool hasDiagnostic(const Results &r, const std::string &code)
{
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == code)
            return true;
    return false;
}

} // namespace

class TstCost : public QObject {
    Q_OBJECT

private slots:
    void costWorkedExample();
    void longHaulWorkedExample();
    void cPlusLPaysForBothBands();
    void overridesChangeTheCost();
    void dimensionWavelengths();
    void dimensionFiberPairs();
    void dimensionInfeasible();
};

void TstCost::costWorkedExample()
{
    const Results r = evaluate(parse(twoCampus(R"(, "fiber_pairs": 1, "wavelengths": 8)")), Catalog::builtin());
    const CostResult &c = r.cost;
    // 16 modules x $4,500; 100 km is within 400ZR's single amplified span: no in-line
    // amplifier, 4 terminal ones (booster + pre-amplifier at each end) x $25,000; 2 mux x $50,000.
    QNEAR(item(c, "optics"), 72000.0);
    QNEAR(item(c, "in-line amplifiers"), 0.0);
    QNEAR(item(c, "terminal amplifiers"), 100000.0);
    QNEAR(item(c, "mux/demux"), 100000.0);
    QNEAR(*c.capex_usd, 272000.0);
    // 100 km <= 120 km: metro lease, 100 pair-km x $500; power (16 x 15 W + 4 x 100 W) =
    // 0.64 kW x 1.2 x 8,760 h x $0.08; maintenance 10% of capex.
    QNEAR(item(c, "fiber lease (metro)"), 50000.0);
    QNEAR(item(c, "fiber lease (long-haul)"), 0.0);
    QNEAR(item(c, "power"), 538.2144);
    QNEAR(item(c, "maintenance"), 27200.0);
    QNEAR(*c.opex_usd_per_year, 77738.2144);
    QNEAR(*c.usd_per_gbps, 85.0);
    QNEAR(*c.gpu_capex_usd, 819.2e6);
    QNEAR(*c.dci_share_of_gpu_capex, 0.00033203125);
    QCOMPARE(bom(r, "400ZR"), 16.0);
    QCOMPARE(bom(r, "amplifier"), 4.0);
    QCOMPARE(bom(r, "mux/demux"), 2.0);
    QCOMPARE(bom(r, "fiber pair"), 1.0);
    QCOMPARE(*r.spans[0].inline_amp_sites, 0);
    QCOMPARE(*r.spans[0].amplifiers, 4);
    for (const CostItem &i : c.breakdown)
        QVERIFY2(i.placeholder, i.item.c_str()); // every price in the catalog is a placeholder today
}

void TstCost::longHaulWorkedExample()
{
    // 1,000 km of OpenZR+ 300G, one pair, 64 wavelengths (docs/MODEL.md "Capacity": 8
    // in-line sites, 12 amplifiers). 128 modules x $9,000 = $1,152,000; 8 x $40,000 =
    // $320,000; 4 x $25,000 = $100,000; 2 x $50,000 = $100,000: capex $1,672,000.
    // Long-haul lease 1,000 pair-km x $262.5 = $262,500; power (128 x 21 W + 12 x 100 W) =
    // 3.888 kW x 1.2 x 8,760 h x $0.08 = $3,269.65248; maintenance $167,200.
    const Results r = evaluate(parse(R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 40, "lon": -90}, {"id": "b", "lat": 40, "lon": -80}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 1000, "optic": "OpenZR+ 300G", "band": "C",
                 "fiber_pairs": 1, "wavelengths": 64}]})"),
                               Catalog::builtin());
    const CostResult &c = r.cost;
    QNEAR(item(c, "optics"), 1152000.0);
    QNEAR(item(c, "in-line amplifiers"), 320000.0);
    QNEAR(item(c, "terminal amplifiers"), 100000.0);
    QNEAR(item(c, "mux/demux"), 100000.0);
    QNEAR(*c.capex_usd, 1672000.0);
    QNEAR(item(c, "fiber lease (metro)"), 0.0);
    QNEAR(item(c, "fiber lease (long-haul)"), 262500.0);
    QNEAR(item(c, "power"), 3269.65248);
    QNEAR(item(c, "maintenance"), 167200.0);
    QNEAR(*c.opex_usd_per_year, 432969.65248);
    QNEAR(*c.usd_per_gbps, 1672000.0 / 19200.0);
    QCOMPARE(bom(r, "amplifier"), 12.0);
}

void TstCost::cPlusLPaysForBothBands()
{
    // The C+L span of docs/MODEL.md "Capacity" (200 km, 2 pairs, an optic that tunes C and
    // L): 4 in-line units x $40,000 = $160,000; 16 terminal x $25,000 = $400,000; 2 ends x
    // 2 pairs x 2 chains = 8 mux x $50,000 = $400,000. The same pairs in C pay half of each.
    Catalog catalog = Catalog::builtin();
    for (Optic &o : catalog.optics)
        if (o.name == "OpenZR+ 400G")
            o.bands = {"C", "L"};
    auto plan = [&](const char *band, int lambdas) {
        return evaluate(parse(std::string(R"({"format": "dci-scenario", "version": 1,
          "sites": [{"id": "a", "lat": 40, "lon": -90}, {"id": "b", "lat": 40, "lon": -88}],
          "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 200, "optic": "OpenZR+ 400G", "band": ")")
                              + band + R"(", "fiber_pairs": 2, "wavelengths": )" + std::to_string(lambdas) + "}]}"),
                        catalog);
    };
    const Results cl = plan("C+L", 100);
    QVERIFY(!cl.hasErrors());
    QNEAR(item(cl.cost, "in-line amplifiers"), 160000.0);
    QNEAR(item(cl.cost, "terminal amplifiers"), 400000.0);
    QNEAR(item(cl.cost, "mux/demux"), 400000.0);
    QCOMPARE(bom(cl, "mux/demux"), 8.0);
    QCOMPARE(bom(cl, "amplifier"), 20.0);
    const Results c = plan("C", 50);
    QNEAR(item(c.cost, "in-line amplifiers"), 80000.0);
    QNEAR(item(c.cost, "terminal amplifiers"), 200000.0);
    QNEAR(item(c.cost, "mux/demux"), 200000.0);
    QCOMPARE(bom(c, "mux/demux"), 4.0);
}

void TstCost::overridesChangeTheCost()
{
    Scenario s = parse(twoCampus(R"(, "fiber_pairs": 1, "wavelengths": 8)"));
    s.assumptions.optics["400ZR"]["price_usd"] = 6000.0;
    s.assumptions.figures["terminal_amplifier_usd"] = 0.0;
    s.assumptions.figures["metro_max_km"] = 50.0; // the 100 km span now leases at the long-haul rate
    const Results r = evaluate(s, Catalog::builtin());
    QNEAR(item(r.cost, "optics"), 96000.0);
    QNEAR(*r.cost.capex_usd, 196000.0); // $96,000 + 0 + 2 x $50,000
    QNEAR(item(r.cost, "fiber lease (metro)"), 0.0);
    QNEAR(item(r.cost, "fiber lease (long-haul)"), 26250.0); // 100 pair-km x $262.5
}

void TstCost::dimensionWavelengths()
{
    // Load a -> b: 2,060.42 (job) + 100 (explicit) = 2,160.42 Gbps; / 0.7 = 3,086.31 Gbps;
    // ceil(3,086.31 / 400) = 8 wavelengths: 3,200 Gbps at 67.5%.
    const Results r = evaluate(parse(twoCampus(R"(, "fiber_pairs": 1, "wavelengths": "auto")")), Catalog::builtin());
    const SpanResult &s = r.spans[0];
    QVERIFY(s.dimensioned);
    QCOMPARE(*s.wavelengths, 8);
    QCOMPARE(*s.capacity_gbps, 3200.0);
    QNEAR(*s.utilization, 2160.4166667 / 3200.0);
    QVERIFY(*s.utilization <= 0.7);
    QVERIFY(!r.hasErrors());
    QCOMPARE(bom(r, "400ZR"), 16.0);
}

void TstCost::dimensionFiberPairs()
{
    // 30,000 Gbps explicit on top of the job: a -> b carries 32,160.42; / 0.7 = 45,943.45 Gbps.
    // C band at 75 GHz holds 64 x 400 = 25,600 Gbps a pair: ceil(1.7947) = 2 pairs,
    // then ceil(45,943.45 / 800) = 58 wavelengths a pair: 46,400 Gbps at 69.3%.
    const Results r = evaluate(
        parse(twoCampus(R"(, "fiber_pairs": "auto", "wavelengths": "auto")", R"(, {"from": "a", "to": "b", "gbps": 30000})")),
        Catalog::builtin());
    const SpanResult &s = r.spans[0];
    QCOMPARE(*s.fiber_pairs, 2);
    QCOMPARE(*s.wavelengths, 58);
    QCOMPARE(*s.capacity_gbps, 46400.0);
    QNEAR(*s.utilization, 32160.4166667 / 46400.0);
    QCOMPARE(bom(r, "fiber pair"), 2.0);
    QCOMPARE(bom(r, "400ZR"), 232.0);
}

void TstCost::dimensionInfeasible()
{
    // Same load on one fixed pair: 115 wavelengths would be needed, 64 fit.
    const Results r = evaluate(
        parse(twoCampus(R"(, "fiber_pairs": 1, "wavelengths": "auto")", R"(, {"from": "a", "to": "b", "gbps": 30000})")),
        Catalog::builtin());
    QVERIFY(hasDiagnostic(r, "dimension-infeasible"));
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == "dimension-infeasible") {
            QCOMPARE(d.element, std::string("a-b"));
            QVERIFY2(d.message.find("115 wavelengths per pair") != std::string::npos, d.message.c_str());
            QVERIFY2(d.message.find("only 64 fit the C band") != std::string::npos, d.message.c_str());
            QVERIFY2(d.message.find("would need 2 fiber pairs") != std::string::npos, d.message.c_str());
        }
    QCOMPARE(*r.spans[0].wavelengths, 64); // the band lit full; the overload shows
    QVERIFY(*r.spans[0].utilization > 1.0);
}

QTEST_GUILESS_MAIN(TstCost)
#include "tst_cost.moc"
