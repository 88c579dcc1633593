// N-1 at scale (docs/MODEL.md "Resilience"): analyseFailures reroutes only the demands a
// failure touches and runs the cases on worker threads; every case must still be exactly
// what a full evaluate() of the plan with that failure gives.
#include "engine/evaluate.h"
#include "engine/generate.h"
#include "engine/resilience.h"
#include "io/scenariojson.h"

#include <QDir>
#include <QTest>

#include <atomic>
#include <mutex>

using namespace dci;

Q_DECLARE_METATYPE(dci::Scenario)

namespace {

// The figures of one failure, read off a full evaluation of the plan with it applied, by
// the rules of docs/MODEL.md "Resilience" (written out again here, independently).
FailureCase fullCase(const Scenario &plan, const FailureCase &planned)
{
    const Scenario failed = withFailure(plan, planned);
    const Results r = evaluate(failed, Catalog::builtin());
    FailureCase c;
    for (const SpanResult &s : r.spans) {
        if (!s.utilization)
            continue;
        if (!c.worst_utilization || *s.utilization > *c.worst_utilization) {
            c.worst_utilization = s.utilization;
            c.worst_span = s.id;
        }
        c.overloaded_spans += *s.utilization > 1.0 ? 1 : 0;
    }
    auto down = [&](const std::string &id) { return failed.site(id) && failed.site(id)->down; };
    for (const DemandResult &d : r.demands)
        if (d.paths.empty() && d.gbps > 0.0 && !down(d.from) && !down(d.to)) {
            c.cut_demands.push_back(d.from + " -> " + d.to + (d.label.empty() ? "" : " (" + d.label + ")"));
            c.job_cut = c.job_cut || d.source == "job";
        }
    c.step_s = r.job.step_s;
    c.efficiency = r.job.efficiency;
    return c;
}

// Exactly equal, optional or not (no tolerance: the same arithmetic must give the same bits).
template<typename T>
bool same(const std::optional<T> &a, const std::optional<T> &b)
{
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

// A generated plan with what the generator leaves out: explicit demands between hubs (one
// from a hub to itself), shared-risk groups, and, on request, every metric equal so that
// ECMP splits over many equal paths (ties).
Scenario generated(int sites, int spans, int dcs, std::uint64_t seed, const std::string &routing, bool equalMetrics)
{
    GenerateOptions o;
    o.sites = sites;
    o.spans = spans;
    o.gpu_sites = dcs;
    o.seed = seed;
    o.routing = routing;
    Scenario s = generatePlan(o, Catalog::builtin());
    std::vector<std::string> hubs;
    for (const Site &site : s.sites)
        if (site.gpus == 0)
            hubs.push_back(site.id);
    if (hubs.size() >= 4) {
        s.demands.push_back({hubs[0], hubs[hubs.size() - 1], 400.0, "ingest", {}});
        s.demands.push_back({hubs[1], hubs[2], 2500.0, "", {}});
        s.demands.push_back({hubs[3], hubs[3], 100.0, "local", {}});
    }
    for (std::size_t i = 0; i < s.spans.size(); i += 7)
        s.spans[i].srlg.push_back("conduit-" + std::to_string(i % 3));
    if (equalMetrics)
        for (Span &span : s.spans)
            span.metric = 1;
    return s;
}

} // namespace

class TstFailures : public QObject {
    Q_OBJECT

private slots:
    void incrementalEqualsFullEvaluation_data();
    void incrementalEqualsFullEvaluation();
    void progressFromWorkers();
    void cancelStopsTheWorkers();
};

void TstFailures::incrementalEqualsFullEvaluation_data()
{
    QTest::addColumn<Scenario>("plan");
    const QDir samples(QStringLiteral(DCI_SOURCE_DIR "/samples"));
    for (const QString &name : samples.entryList({QStringLiteral("*.json")})) {
        ScenarioLoad load = readScenarioFile(samples.filePath(name).toStdString(), Catalog::builtin());
        QVERIFY2(load.ok(), qPrintable(name));
        QTest::newRow(qPrintable(name)) << *load.scenario;
    }
    for (const char *routing : {"ecmp", "shortest", "balanced"}) {
        QTest::newRow(qPrintable(QStringLiteral("generated 40/52/6 %1").arg(routing)))
            << generated(40, 52, 6, 11, routing, false);
        QTest::newRow(qPrintable(QStringLiteral("generated 30/45/5 equal metrics %1").arg(routing)))
            << generated(30, 45, 5, 12, routing, true);
    }
    QTest::newRow("generated 120/150/9 ecmp") << generated(120, 150, 9, 13, "ecmp", false);
    QTest::newRow("generated 60/59/5 tree (every span cuts)") << generated(60, 59, 5, 14, "ecmp", false);
}

// Every case of analyseFailures (spans, shared-risk groups and sites) against a full
// evaluation of withFailure(plan, case): worst utilisation and span (ties included), spans
// overloaded, demands cut, job cut, step time and efficiency, to the last bit.
void TstFailures::incrementalEqualsFullEvaluation()
{
    QFETCH(Scenario, plan);
    const ResilienceResult r = analyseFailures(plan, Catalog::builtin(), true);
    QVERIFY(!r.cancelled);
    QVERIFY(!r.cases.empty());
    for (const FailureCase &c : r.cases) {
        const FailureCase want = fullCase(plan, c);
        const QByteArray what = QByteArray::fromStdString(c.kind + " " + c.element);
        QVERIFY2(same(c.worst_utilization, want.worst_utilization), what);
        QVERIFY2(c.worst_span == want.worst_span, what);
        QVERIFY2(c.overloaded_spans == want.overloaded_spans, what);
        QVERIFY2(c.cut_demands == want.cut_demands, what);
        QVERIFY2(c.job_cut == want.job_cut, what);
        QVERIFY2(same(c.step_s, want.step_s), what);
        QVERIFY2(same(c.efficiency, want.efficiency), what);
    }
}

// Progress::onStep comes from the worker threads one call at a time, done rising 1..N.
void TstFailures::progressFromWorkers()
{
    const Scenario plan = generated(80, 100, 6, 21, "ecmp", false);
    std::mutex mutex;
    std::vector<std::size_t> steps;
    std::size_t total = 0;
    std::atomic<int> inside{0};
    bool overlapped = false;
    Progress progress;
    progress.onStep = [&](std::size_t done, std::size_t of) {
        overlapped = overlapped || inside.fetch_add(1) != 0;
        {
            const std::lock_guard lock(mutex);
            steps.push_back(done);
            total = of;
        }
        inside.fetch_sub(1);
    };
    const ResilienceResult r = analyseFailures(plan, Catalog::builtin(), false, progress);
    QVERIFY(!overlapped);
    QCOMPARE(total, r.cases.size());
    QCOMPARE(steps.size(), r.cases.size());
    for (std::size_t i = 0; i < steps.size(); ++i)
        QCOMPARE(steps[i], i + 1);
}

// Cancel set during the run stops every worker: the result says so and lists only the
// cases finished (the one the other worker was in may still finish).
void TstFailures::cancelStopsTheWorkers()
{
    const Scenario plan = generated(80, 100, 6, 22, "ecmp", false);
    std::atomic<bool> cancel{false};
    Progress progress;
    progress.cancel = &cancel;
    constexpr std::size_t kCancelAfter = 3;
    progress.onStep = [&](std::size_t done, std::size_t) {
        if (done == kCancelAfter)
            cancel = true;
    };
    const ResilienceResult r = analyseFailures(plan, Catalog::builtin(), false, progress);
    QVERIFY(r.cancelled);
    QVERIFY(r.cases.size() >= kCancelAfter);
    QVERIFY(r.cases.size() <= kCancelAfter + 1);
}

QTEST_GUILESS_MAIN(TstFailures)
#include "tst_failures.moc"
