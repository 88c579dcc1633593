// Sizing a plan for the job's efficiency and for single span failures: docs/MODEL.md
// "Dimensioning" worked examples.
#include "engine/dimensionjob.h"
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "engine/resilience.h"

#include "testutil.h"

#include <QTest>

using namespace dci;
using dci::test::parse;

namespace {

// Two campuses of 16,384 H100, one 100 km span of 400ZR (latency 2 x 0.49 ms per sync),
// spraying; the 70B job (compute 0.5435794 s) with the given job fields and assumptions.
std::string twoCampus(const std::string &job, const std::string &assumptions, const std::string &pairs = "1")
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpu": "H100-SXM", "gpus": 16384},
                {"id": "b", "lat": 40.81, "lon": -96.70, "gpu": "H100-SXM", "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "optic": "400ZR", "band": "C",
                 "fiber_pairs": )" + pairs + R"(, "wavelengths": 8}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, )"
        + job + R"(},
      "routing": {"policy": "shortest", "load_balancing": "spray"},
      "assumptions": )" + assumptions + "}";
}

const std::string kDiloco = R"("strategy": "diloco")";
const std::string kNoWindowLimit = R"({"flow_window_bytes": 1e12})";

// Ring A-B-C-D-A of 100 km 400ZR spans on one pair; A -> B and D -> C both run clockwise.
std::string ring(double ab, double dc)
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "A", "lat": 40, "lon": -90}, {"id": "B", "lat": 40, "lon": -89},
                {"id": "C", "lat": 41, "lon": -89}, {"id": "D", "lat": 41, "lon": -90}],
      "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "BC", "a": "B", "b": "C", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "CD", "a": "C", "b": "D", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "DA", "a": "D", "b": "A", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1}],
      "demands": [{"from": "A", "to": "B", "gbps": )" + std::to_string(ab) + R"(},
                  {"from": "D", "to": "C", "gbps": )" + std::to_string(dc) + R"(}],
      "routing": {"policy": "shortest", "load_balancing": "spray"}})";
}

const Diagnostic *diagnostic(const Results &r, const std::string &code, const std::string &element = "")
{
    for (const Diagnostic &d : r.diagnostics)
        if (d.code == code && (element.empty() || d.element == element))
            return &d;
    return nullptr;
}

DimensionGoals efficiencyGoal(double e)
{
    DimensionGoals g;
    g.efficiency = e;
    return g;
}

} // namespace

class TstDimension : public QObject {
    Q_OBJECT

private slots:
    void utilizationAloneIsTodaysSizing();
    void efficiencyWorkedExamples_data();
    void efficiencyWorkedExamples();
    void efficiencyUnreachable_data();
    void efficiencyUnreachable();
    void n1WorkedExample();
    void n1Infeasible();
    void n1ThenEfficiency();
    void planSizingBlockSizesAutoSpans();
};

void TstDimension::utilizationAloneIsTodaysSizing()
{
    // Hierarchical, overlap 1.0: 2,060.42 / 0.7 = 2,943.45 Gbps -> 8 wavelengths (3,200).
    const DimensionForJob d =
        dimensionForJob(parse(twoCampus(R"("overlap": 1.0)", kNoWindowLimit)), Catalog::builtin(), {});
    QCOMPARE(*d.scenario.spans[0].wavelengths, 8);
    QVERIFY(d.results.spans[0].dimensioned);
    QVERIFY(!d.start_efficiency);
    QCOMPARE(d.steps, 0);
}

void TstDimension::efficiencyWorkedExamples_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("assumptions");
    QTest::addColumn<QString>("pairs");
    QTest::addColumn<double>("target");
    QTest::addColumn<int>("fiberPairs");
    QTest::addColumn<int>("wavelengths");
    QTest::addColumn<int>("steps");
    QTest::addColumn<double>("efficiency");
    const QString diloco = QString::fromStdString(kDiloco);
    const QString noLimit = QString::fromStdString(kNoWindowLimit);
    // 0.35 s + 0.98 ms against a 0.5436 s window: hidden, nothing grows.
    QTest::newRow("hierarchical, nothing to grow") << R"("overlap": 1.0)" << noLimit << "1" << 1.0 << 1 << 8 << 0 << 1.0;
    // DiLoCo blocks once every 100 steps: 4 wavelengths give 99.358%; 99.5% needs
    // 560 Gbit / (0.273155 - 0.00098 s) = 2,057.5 Gbps -> 6 wavelengths, 99.571%.
    QTest::newRow("diloco 99.5%") << diloco << noLimit << "1" << 0.995 << 1 << 6 << 2 << 0.9957079378;
    // 99.9% needs 10,480.5 Gbps -> 27 wavelengths (10,800), 99.903%.
    QTest::newRow("diloco 99.9%") << diloco << noLimit << "1" << 0.999 << 1 << 27 << 23 << 0.9990290185;
    // The default window: 6 wavelengths, the window limit (2,191.3 Gbps) binds at 99.530%.
    QTest::newRow("diloco 99.5%, 4 MiB window") << diloco << "{}" << "1" << 0.995 << 1 << 6 << 2 << 0.9953028034;
    // 99.96% needs 26,959.5 Gbps: past a full band (25,600), so a second pair with
    // 64 x 1 / 2 + 1 = 33 each (26,400), then 34 each (27,200): 99.960%.
    QTest::newRow("diloco 99.96%, auto pairs") << diloco << noLimit << R"("auto")" << 0.9996 << 2 << 34 << 62
                                                << 0.9996033757;
    // 99.99% needs 125,665 Gbps: pairs are added as each fills (2 x 33, 3 x 43, 4 x 49,
    // 5 x 52), then 5 x 63 = 315 wavelengths (126,000 Gbps) after 142 steps: 99.990%.
    QTest::newRow("diloco 99.99%, auto pairs") << diloco << noLimit << R"("auto")" << 0.9999 << 5 << 63 << 142
                                                << 0.9999002187;
}

void TstDimension::efficiencyWorkedExamples()
{
    QFETCH(QString, job);
    QFETCH(QString, assumptions);
    QFETCH(QString, pairs);
    QFETCH(double, target);
    QFETCH(int, fiberPairs);
    QFETCH(int, wavelengths);
    QFETCH(int, steps);
    QFETCH(double, efficiency);
    const DimensionForJob d =
        dimensionForJob(parse(twoCampus(job.toStdString(), assumptions.toStdString(), pairs.toStdString())),
                        Catalog::builtin(), efficiencyGoal(target));
    QVERIFY(d.efficiency_reached);
    QCOMPARE(*d.scenario.spans[0].fiber_pairs, fiberPairs);
    QCOMPARE(*d.scenario.spans[0].wavelengths, wavelengths);
    QCOMPARE(d.steps, steps);
    QCOMPARE(d.spans[0].grown_steps, steps);
    QCOMPARE(d.spans[0].utilization_wavelengths, wavelengths == 8 ? 8 : 4);
    QNEAR(*d.results.job.efficiency, efficiency);
    QVERIFY(!diagnostic(d.results, "efficiency-unreachable"));
    QVERIFY(!d.results.hasErrors());
}

void TstDimension::efficiencyUnreachable_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("assumptions");
    QTest::addColumn<double>("target");
    QTest::addColumn<QString>("binding");
    QTest::addColumn<int>("wavelengths");
    QTest::addColumn<int>("steps");
    QTest::addColumn<double>("efficiency");
    QTest::addColumn<QString>("help");
    const QString diloco = QString::fromStdString(kDiloco);
    // Overlap 0.5: 4,120.83 / 0.7 -> 15 wavelengths, but 1,120 Gbit at the 2,191.3 Gbps
    // window limit take 0.5111 s against a 0.2718 s window: 69.345%.
    QTest::newRow("window") << R"("overlap": 0.5)" << "{}" << 1.0 << "window" << 15 << 0 << 0.6934476056
                            << "job.connections_per_pair";
    QTest::newRow("window after growing") << diloco << "{}" << 0.999 << "window" << 6 << 2 << 0.9953028034
                                          << "assumptions.flow_window_bytes";
    // Even with unlimited bandwidth 0.98 ms exposed every 100 steps caps it at 99.998%.
    QTest::newRow("latency") << diloco << QString::fromStdString(kNoWindowLimit) << 0.99999 << "latency" << 4 << 0
                             << 0.9935845925 << "overlapping the sync with inner steps (job.overlap_steps)";
    // One fixed pair: the band fills at 64 wavelengths (25,600 Gbps, 99.958%) and nothing can grow.
    QTest::newRow("full band, fixed pair") << diloco << QString::fromStdString(kNoWindowLimit) << 0.9996 << "capacity"
                                           << 64 << 60 << 0.9995797229 << "band is full on its 1 fixed fiber pair";
    QTest::newRow("loss") << diloco << R"({"loss_rate": 1e-3})" << 0.999 << "loss" << 4 << 0 << -1.0
                          << "selective repeat or a lower loss rate";
}

void TstDimension::efficiencyUnreachable()
{
    QFETCH(QString, job);
    QFETCH(QString, assumptions);
    QFETCH(double, target);
    QFETCH(QString, binding);
    QFETCH(int, wavelengths);
    QFETCH(int, steps);
    QFETCH(double, efficiency);
    QFETCH(QString, help);
    const DimensionForJob d = dimensionForJob(parse(twoCampus(job.toStdString(), assumptions.toStdString())),
                                              Catalog::builtin(), efficiencyGoal(target));
    QVERIFY(!d.efficiency_reached);
    QCOMPARE(QString::fromStdString(d.binding), binding);
    QCOMPARE(*d.scenario.spans[0].wavelengths, wavelengths);
    QCOMPARE(d.steps, steps);
    if (efficiency >= 0.0)
        QNEAR(*d.results.job.efficiency, efficiency);
    QVERIFY(*d.results.job.efficiency < target);
    const Diagnostic *e = diagnostic(d.results, "efficiency-unreachable", "job");
    QVERIFY(e);
    QVERIFY(e->severity == Severity::Error);
    QVERIFY2(e->message.find(help.toStdString()) != std::string::npos, e->message.c_str());
}

void TstDimension::n1WorkedExample()
{
    // Intact: AB carries 1,000, CD 300 -> 4, 1, 2, 1 wavelengths. Losing AB sends A -> B
    // round A-D-C-B: DA 1,000, CD 1,300, BC 1,000; losing CD sends D -> C round D-A-B-C:
    // AB 1,300. 1,300 / 0.7 = 1,857.1 -> 5; 1,000 / 0.7 = 1,428.6 -> 4.
    const Scenario s = parse(ring(1000, 300));
    DimensionGoals n1;
    n1.n1 = true;
    const DimensionForJob plain = dimensionForJob(s, Catalog::builtin(), {});
    const DimensionForJob d = dimensionForJob(s, Catalog::builtin(), n1);
    const int utilization[] = {4, 1, 2, 1};
    const int sized[] = {5, 4, 5, 4};
    const double worst[] = {1300, 1000, 1300, 1000};
    const char *by[] = {"CD", "AB", "AB", "AB"};
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(*plain.scenario.spans[i].wavelengths, utilization[i]);
        QCOMPARE(d.spans[i].utilization_wavelengths, utilization[i]);
        QCOMPARE(*d.scenario.spans[i].wavelengths, sized[i]);
        QNEAR(*d.spans[i].n1_load_gbps, worst[i]);
        QCOMPARE(d.spans[i].n1_sized_by, std::string(by[i]));
        QVERIFY(d.results.spans[i].dimensioned);
    }
    QVERIFY(!d.results.hasErrors());
    // Every single failure now leaves every span at or under 70%: 1,300 / 2,000 = 65%.
    const ResilienceResult after = analyseFailures(d.scenario, Catalog::builtin(), false);
    QCOMPARE(after.cases.size(), std::size_t(4));
    for (const FailureCase &c : after.cases)
        QVERIFY2(*c.worst_utilization <= 0.7, c.element.c_str());
    QNEAR(*after.cases.front().worst_utilization, 0.65);
}

void TstDimension::n1Infeasible()
{
    // A -> B 17,000 fits one pair intact (24,285.7 -> 61 of 64), but after a cut AB or CD
    // carries 18,000: 25,714.3 Gbps, 65 wavelengths, more than the band holds.
    DimensionGoals n1;
    n1.n1 = true;
    const Scenario s = parse(ring(17000, 1000));
    QVERIFY(!dimensionForJob(s, Catalog::builtin(), {}).results.hasErrors());
    const DimensionForJob d = dimensionForJob(s, Catalog::builtin(), n1);
    for (const char *id : {"AB", "CD"}) {
        const Diagnostic *e = diagnostic(d.results, "dimension-infeasible", id);
        QVERIFY2(e, id);
        QVERIFY2(e->message.find("65 wavelengths per pair") != std::string::npos, e->message.c_str());
        QVERIFY2(e->message.find("would need 2 fiber pairs") != std::string::npos, e->message.c_str());
    }
    QVERIFY(!diagnostic(d.results, "dimension-infeasible", "BC"));
    QCOMPARE(*d.scenario.spans[0].wavelengths, 64); // lit full, as today
    QCOMPARE(*d.scenario.spans[1].wavelengths, 61);
}

void TstDimension::n1ThenEfficiency()
{
    // One span: its failure cuts the job, so N-1 keeps the utilisation sizing (4) and the
    // efficiency loop grows from there (DiLoCo 99.5%: 6).
    DimensionGoals goals = efficiencyGoal(0.995);
    goals.n1 = true;
    const DimensionForJob d =
        dimensionForJob(parse(twoCampus(kDiloco, kNoWindowLimit)), Catalog::builtin(), goals);
    QCOMPARE(d.spans[0].n1_wavelengths, 4);
    QVERIFY(d.spans[0].n1_sized_by.empty());
    QCOMPARE(*d.scenario.spans[0].wavelengths, 6);
    QVERIFY(d.efficiency_reached);
}

void TstDimension::planSizingBlockSizesAutoSpans()
{
    // A plan whose "sizing" block asks for 99.5%: evaluate() sizes its "auto" span for it,
    // as `dimension --efficiency 0.995` does (blocking DiLoCo, no window limit: 4 ->
    // 6 wavelengths, MODEL.md "Dimensioning"), and the block survives a save.
    std::string text = twoCampus(kDiloco, kNoWindowLimit);
    text.replace(text.find(R"("wavelengths": 8)"), 16, R"("wavelengths": "auto")");
    text.insert(text.rfind('}'), R"(, "sizing": {"target_efficiency": 0.995})");
    const Scenario plan = parse(text);
    QCOMPARE(*plan.sizing.target_efficiency, 0.995);
    const Results r = evaluate(plan, Catalog::builtin());
    QCOMPARE(*r.spans[0].wavelengths, 6);
    QVERIFY(r.spans[0].dimensioned);
    QVERIFY(*r.job.efficiency >= 0.995);
    QCOMPARE(*parse(writeScenario(plan)).sizing.target_efficiency, 0.995);
    // Without the block the same auto span is sized for utilisation only: 4.
    Scenario plain = plan;
    plain.sizing = {};
    QCOMPARE(*evaluate(plain, Catalog::builtin()).spans[0].wavelengths, 4);
    // A span the plan fixes is not grown: the goal is reported unreachable, naming it.
    std::string fixedText = twoCampus(kDiloco, kNoWindowLimit);
    fixedText.insert(fixedText.rfind('}'), R"(, "sizing": {"target_efficiency": 0.995}, "demands": [])");
    const Scenario fixedPlan = parse(fixedText);
    const Results fixed = evaluate(fixedPlan, Catalog::builtin());
    QCOMPARE(*fixed.spans[0].wavelengths, 8); // no "auto" span: nothing to size
    // Out of range goals are refused by the reader.
    std::string bad = text;
    bad.replace(bad.find("0.995"), 5, "1.5");
    QVERIFY(!parseScenario(bad, "bad.json", Catalog::builtin()).ok());
}

QTEST_GUILESS_MAIN(TstDimension)
#include "tst_dimension.moc"
