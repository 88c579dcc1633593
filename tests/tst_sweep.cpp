// Sweeps (core/engine/sweep.h, docs/MODEL.md "Sweeps"): every point equals a separate
// evaluation of the plan edited by hand; paths, ranges and invalid points.
#include "engine/evaluate.h"
#include "engine/headline.h"
#include "engine/sweep.h"

#include "plans.h"
#include "testutil.h"

#include <QTest>

#include <atomic>

using namespace dci;
using dci::test::kTwoCampuses;
using dci::test::parse;

namespace {

// The figures of a plan evaluated on its own, read off the results without headlineFigures.
struct Single {
    std::optional<double> efficiency, step_s, capex_usd;
    double dci_gbps = 0.0;
    std::map<std::string, double> modules;
};

Single evaluateAlone(const Scenario &s)
{
    const Results r = evaluate(s, Catalog::builtin());
    Single out{r.job.efficiency, r.job.step_s, r.cost.capex_usd, 0.0, {}};
    for (const DemandResult &d : r.demands)
        out.dci_gbps += d.gbps;
    for (const SpanResult &span : r.spans)
        out.modules[span.optic] += span.modules.value_or(0);
    return out;
}

void compareWith(const SweepPoint &p, const Single &single)
{
    QVERIFY2(p.error.empty(), p.error.c_str());
    QCOMPARE(p.figures.efficiency.has_value(), single.efficiency.has_value());
    if (single.efficiency) {
        QNEAR(*p.figures.efficiency, *single.efficiency);
        QNEAR(*p.figures.step_s, *single.step_s);
    }
    QNEAR(*p.figures.capex_usd, *single.capex_usd);
    QNEAR(p.figures.dci_tbps, single.dci_gbps / 1000.0);
    for (const auto &[optic, count] : single.modules)
        QCOMPARE(p.figures.modules.at(optic), count);
}

SweepParam param(const Scenario &s, const std::string &path)
{
    const SweepParamParse parsed = parseSweepPath(s, Catalog::builtin(), path);
    if (!parsed.param)
        qFatal("%s", parsed.error.c_str());
    return *parsed.param;
}

std::vector<double> numbers(const SweepValues &v)
{
    std::vector<double> out;
    for (const SweepValue &x : v.values)
        out.push_back(x.number);
    return out;
}

} // namespace

class TstSweep : public QObject {
    Q_OBJECT

private slots:
    void headlineWorkedExample();
    void pointsEqualSingleEvaluations_data();
    void pointsEqualSingleEvaluations();
    void opticNamesSweep();
    void invalidPointKeepsTheRest();
    void badPaths_data();
    void badPaths();
    void everyListedPathParses();
    void linearAndGeometricValues();
    void badRanges();
    void progressAndCancel();
};

// docs/MODEL.md "Headline figures": DCI demand = 2 x 2,060.42 Gbps (the job, each way) +
// 100 Gbps (the copy) = 4.22083 Tb/s; 16 modules of 400ZR; capex $272,000 (docs/MODEL.md "Cost").
void TstSweep::headlineWorkedExample()
{
    const Headline h = headlineFigures(evaluate(parse(kTwoCampuses), Catalog::builtin()));
    QNEAR(h.dci_tbps, (2.0 * 140e9 * 8.0 / 0.5435793731 / 1e9 + 100.0) / 1000.0);
    QCOMPARE(h.gpus, std::int64_t(32768));
    QCOMPARE(h.modules.at("400ZR"), 16.0);
    QNEAR(*h.capex_usd, 272000.0);
    QNEAR(*h.efficiency, 1.0);
}

void TstSweep::pointsEqualSingleEvaluations_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<double>>("values");
    QTest::newRow("span length") << "spans/a-b/length_km" << QList<double>{10, 100, 500, 2000};
    QTest::newRow("span wavelengths") << "spans/a-b/wavelengths" << QList<double>{2, 8, 32};
    QTest::newRow("site gpus") << "sites/a/gpus" << QList<double>{8192, 16384, 65536};
    QTest::newRow("job inner steps") << "job/inner_steps" << QList<double>{10, 100};
    QTest::newRow("job model params") << "job/model_params" << QList<double>{7e9, 70e9, 405e9};
    QTest::newRow("loss rate") << "assumptions/loss_rate" << QList<double>{0, 1e-5, 1e-4};
    QTest::newRow("flow window") << "assumptions/flow_window_bytes" << QList<double>{1048576, 4194304};
    QTest::newRow("connections") << "assumptions/connections_per_pair" << QList<double>{8, 64, 512};
}

// Each point is the plan edited by hand (the struct, not the edits) and evaluated alone.
void TstSweep::pointsEqualSingleEvaluations()
{
    QFETCH(QString, path);
    QFETCH(QList<double>, values);
    Scenario plan = parse(kTwoCampuses);
    if (path == "job/inner_steps")
        plan.job->strategy = "diloco";
    std::vector<SweepValue> sweepValues;
    for (double v : values) {
        SweepValue x;
        x.number = v;
        sweepValues.push_back(x);
    }
    const SweepResult sweep = runSweep(plan, Catalog::builtin(), param(plan, path.toStdString()), sweepValues);
    QCOMPARE(sweep.param, path.toStdString());
    QCOMPARE(sweep.points.size(), sweepValues.size());
    for (std::size_t i = 0; i < sweepValues.size(); ++i) {
        const double v = values[static_cast<qsizetype>(i)];
        Scenario edited = plan;
        if (path == "spans/a-b/length_km")
            edited.spans[0].length_km = v;
        else if (path == "spans/a-b/wavelengths")
            edited.spans[0].wavelengths = static_cast<int>(v);
        else if (path == "sites/a/gpus")
            edited.sites[0].gpus = static_cast<std::int64_t>(v);
        else if (path == "job/inner_steps")
            edited.job->inner_steps = v;
        else if (path == "job/model_params")
            edited.job->model_params = v;
        else
            edited.assumptions.figures[path.toStdString().substr(12)] = v;
        QCOMPARE(sweep.points[i].value.number, v);
        compareWith(sweep.points[i], evaluateAlone(edited));
    }
    // The sweep moves what it sweeps: its points are not all the same plan.
    QVERIFY(std::any_of(sweep.points.begin(), sweep.points.end(), [&](const SweepPoint &p) {
        return p.figures.capex_usd != sweep.points[0].figures.capex_usd
            || p.figures.efficiency != sweep.points[0].figures.efficiency
            || p.figures.dci_tbps != sweep.points[0].figures.dci_tbps;
    }));
}

void TstSweep::opticNamesSweep()
{
    const Scenario plan = parse(kTwoCampuses);
    const SweepParam p = param(plan, "spans/a-b/optic");
    QVERIFY(p.takesNames());
    std::vector<SweepValue> values(2);
    values[0].name = "400ZR";
    values[1].name = "800ZR";
    const SweepResult sweep = runSweep(plan, Catalog::builtin(), p, values);
    Scenario zr800 = plan;
    zr800.spans[0].optic = "800ZR";
    compareWith(sweep.points[0], evaluateAlone(plan));
    compareWith(sweep.points[1], evaluateAlone(zr800));
    QCOMPARE(sweep.points[1].figures.modules.at("800ZR"), 16.0);
    QCOMPARE(sweep.points[1].value.text(), std::string("800ZR"));
    // A number where a name belongs is that point's error.
    SweepValue number;
    number.number = 400;
    QVERIFY(!applySweepValue(plan, Catalog::builtin(), p, number).ok());
}

// A value the file reader would refuse is reported on its point; the others still run.
void TstSweep::invalidPointKeepsTheRest()
{
    const Scenario plan = parse(kTwoCampuses);
    auto run = [&](const std::string &path, std::vector<double> v) {
        std::vector<SweepValue> values;
        for (double x : v) {
            SweepValue s;
            s.number = x;
            values.push_back(s);
        }
        return runSweep(plan, Catalog::builtin(), param(plan, path), values);
    };
    SweepResult r = run("spans/a-b/length_km", {100, -5, 200});
    QCOMPARE(r.points.size(), std::size_t(3));
    QCOMPARE(r.points[1].error, std::string("spans/a-b/length_km: expected a fiber length in km (a finite number > 0), got -5"));
    QVERIFY(r.points[0].error.empty() && r.points[2].error.empty());
    QVERIFY(r.points[2].figures.efficiency.has_value());
    // Reach: 200 km is past 400ZR's 120 km, a valid plan that evaluates with an error.
    QCOMPARE(r.points[2].error_codes, (std::vector<std::string>{"reach-exceeded"}));

    r = run("sites/b/gpus", {2.5});
    QCOMPARE(r.points[0].error, std::string("sites/b/gpus: expected a GPU count (a whole number >= 0), got 2.5"));
    r = run("job/mfu", {1.5}); // the edit takes it; the reader's check refuses it
    QVERIFY2(r.points[0].error.find("/job/mfu: expected a model FLOPs utilisation (a number in (0, 1]), got 1.5")
                 != std::string::npos,
             r.points[0].error.c_str());
    r = run("assumptions/loss_rate", {2});
    QCOMPARE(r.points[0].error, std::string("assumptions/loss_rate: expected a number in [0, 1], got 2"));
}

void TstSweep::badPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown form") << "span/a-b/length_km"
                                  << "unknown parameter \"span/a-b/length_km\"; valid paths: spans/ID/length_km, "
                                     "spans/ID/optic, spans/ID/wavelengths (spans: a-b); sites/ID/gpus (sites: a, b); "
                                     "job/KEY (KEY: model_params, tokens_per_step, total_tokens, mfu,";
    QTest::newRow("unknown span") << "spans/zz/length_km" << "\"spans/zz/length_km\": no span \"zz\" (spans are: a-b)";
    QTest::newRow("unknown site") << "sites/c/gpus" << "\"sites/c/gpus\": no site \"c\" (sites are: a, b)";
    QTest::newRow("span field") << "spans/a-b/colour"
                                << "a span's parameters are length_km, optic and wavelengths";
    QTest::newRow("site field") << "sites/a/power_cap_mw" << "a site's parameter is gpus (sites/a/gpus)";
    QTest::newRow("job field") << "job/strategy" << "no numeric job field \"strategy\" (job/KEY with KEY one of: model_params,";
    QTest::newRow("assumption") << "assumptions/los_rate" << "no assumption \"los_rate\" (did you mean \"loss_rate\"?)";
}

void TstSweep::badPaths()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const SweepParamParse p = parseSweepPath(parse(kTwoCampuses), Catalog::builtin(), path.toStdString());
    QVERIFY(!p.param);
    QVERIFY2(QString::fromStdString(p.error).contains(expected), p.error.c_str());
    // Without a job, job/ paths are refused and not offered.
    Scenario noJob = parse(kTwoCampuses);
    noJob.job.reset();
    QVERIFY(!parseSweepPath(noJob, Catalog::builtin(), "job/mfu").param);
    for (const std::string &listed : sweepPaths(noJob, Catalog::builtin()))
        QVERIFY(listed.rfind("job/", 0) != 0);
}

void TstSweep::everyListedPathParses()
{
    const Scenario plan = parse(kTwoCampuses);
    const std::vector<std::string> paths = sweepPaths(plan, Catalog::builtin());
    QCOMPARE(paths.front(), std::string("spans/a-b/length_km"));
    QVERIFY(std::find(paths.begin(), paths.end(), "sites/b/gpus") != paths.end());
    QVERIFY(std::find(paths.begin(), paths.end(), "job/inner_steps") != paths.end());
    QVERIFY(std::find(paths.begin(), paths.end(), "assumptions/flow_window_bytes") != paths.end());
    for (const std::string &path : paths)
        QVERIFY2(parseSweepPath(plan, Catalog::builtin(), path).param, path.c_str());
}

void TstSweep::linearAndGeometricValues()
{
    QCOMPARE(numbers(linearSweepValues(10, 2000, 5)), (std::vector<double>{10, 507.5, 1005, 1502.5, 2000}));
    QCOMPARE(numbers(linearSweepValues(8, 2, 4)), (std::vector<double>{8, 6, 4, 2})); // downwards too
    // Geometric: from, from x F, ... while <= to; `to` itself when it is on the grid.
    QCOMPARE(numbers(geometricSweepValues(16384, 262144, 2)), (std::vector<double>{16384, 32768, 65536, 131072, 262144}));
    QCOMPARE(numbers(geometricSweepValues(10, 2000, 3)), (std::vector<double>{10, 30, 90, 270, 810}));
    QCOMPARE(numbers(geometricSweepValues(0.1, 1.0, 10)).size(), std::size_t(2)); // 0.1 x 10 rounds to 1
}

void TstSweep::badRanges()
{
    QCOMPARE(linearSweepValues(1, 2, 1).error, std::string("expected 2 to 1000 steps (both ends included), got 1"));
    QVERIFY(!linearSweepValues(1, 2, 1001).error.empty());
    QCOMPARE(geometricSweepValues(0, 10, 2).error, std::string("a geometric sweep needs 0 < from <= to, got 0 to 10"));
    QCOMPARE(geometricSweepValues(10, 1, 2).error, std::string("a geometric sweep needs 0 < from <= to, got 10 to 1"));
    QCOMPARE(geometricSweepValues(1, 10, 1).error, std::string("expected a factor > 1, got 1"));
    QVERIFY(geometricSweepValues(1, 1e300, 1.001).values.empty());
}

// The GUI runs a sweep on a worker: each point reports, and a cancel stops it between points.
void TstSweep::progressAndCancel()
{
    const Scenario plan = parse(kTwoCampuses);
    const SweepValues values = linearSweepValues(10, 100, 10);
    std::atomic<bool> cancel{false};
    std::vector<std::size_t> seen;
    Progress progress;
    progress.cancel = &cancel;
    progress.onStep = [&](std::size_t done, std::size_t total) {
        QCOMPARE(total, std::size_t(10));
        seen.push_back(done);
        if (done == 3)
            cancel = true;
    };
    const SweepResult r = runSweep(plan, Catalog::builtin(), param(plan, "spans/a-b/length_km"), values.values, progress);
    QVERIFY(r.cancelled);
    QCOMPARE(r.points.size(), std::size_t(3));
    QCOMPARE(seen, (std::vector<std::size_t>{1, 2, 3}));
}

QTEST_GUILESS_MAIN(TstSweep)
#include "tst_sweep.moc"
