// Synthetic plans (engine/generate.h, `dciplanner-cli generate`): the counts asked for, one
// connected network, the same plan for the same seed, a file the reader accepts, an
// evaluation that routes every demand of the job.
#include "engine/evaluate.h"
#include "engine/generate.h"
#include "io/scenariojson.h"

#include <QTest>

#include <algorithm>
#include <set>
#include <unordered_map>

using namespace dci;

namespace {

GenerateOptions options(int sites, long long spans, int gpuSites, std::uint64_t seed = 1)
{
    GenerateOptions o;
    o.sites = sites;
    o.spans = spans;
    o.gpu_sites = gpuSites;
    o.seed = seed;
    return o;
}

// Sites reached from the first one over the spans.
std::size_t reachedSites(const Scenario &s)
{
    std::unordered_map<std::string, std::vector<std::string>> adjacent;
    for (const Span &span : s.spans) {
        adjacent[span.a].push_back(span.b);
        adjacent[span.b].push_back(span.a);
    }
    std::set<std::string> seen{s.sites.front().id};
    std::vector<std::string> todo{s.sites.front().id};
    while (!todo.empty()) {
        const std::string u = todo.back();
        todo.pop_back();
        for (const std::string &v : adjacent[u])
            if (seen.insert(v).second)
                todo.push_back(v);
    }
    return seen.size();
}

} // namespace

class TstGenerate : public QObject {
    Q_OBJECT
private slots:
    void countsAndConnectivity_data();
    void countsAndConnectivity();
    void deterministicPerSeed();
    void validatesAndEvaluates();
    void refusesImpossibleOptions_data();
    void refusesImpossibleOptions();
};

void TstGenerate::countsAndConnectivity_data()
{
    QTest::addColumn<int>("sites");
    QTest::addColumn<qlonglong>("spans");
    QTest::addColumn<int>("gpuSites");
    QTest::newRow("a tree") << 30 << qlonglong(29) << 3;
    QTest::newRow("sparse") << 120 << qlonglong(144) << 8;
    QTest::newRow("every pair") << 12 << qlonglong(66) << 12;
    QTest::newRow("two sites") << 2 << qlonglong(1) << 2;
    QTest::newRow("many neighbours") << 40 << qlonglong(500) << 5;
}

void TstGenerate::countsAndConnectivity()
{
    QFETCH(int, sites);
    QFETCH(qlonglong, spans);
    QFETCH(int, gpuSites);
    const Scenario s = generatePlan(options(sites, spans, gpuSites), Catalog::builtin());
    QCOMPARE(s.sites.size(), std::size_t(sites));
    QCOMPARE(s.spans.size(), std::size_t(spans));
    QCOMPARE(std::count_if(s.sites.begin(), s.sites.end(), [](const Site &x) { return x.gpus == kGeneratedDcGpus; }),
             std::ptrdiff_t(gpuSites));
    QCOMPARE(std::count_if(s.sites.begin(), s.sites.end(), [](const Site &x) { return x.gpus == 0; }),
             std::ptrdiff_t(sites - gpuSites));
    QCOMPARE(reachedSites(s), std::size_t(sites));
    std::set<std::pair<std::string, std::string>> pairs;
    for (const Span &span : s.spans) {
        QVERIFY(span.a != span.b);
        QVERIFY2(pairs.insert(std::minmax(span.a, span.b)).second, span.id.c_str()); // no pair twice
        QCOMPARE(span.fiber_pairs, std::optional<int>(2));
        QCOMPARE(span.wavelengths, std::optional<int>(32));
    }
    for (const Site &site : s.sites) { // the continental US
        QVERIFY(site.lat >= 25.0 && site.lat <= 49.5);
        QVERIFY(site.lon >= -125.0 && site.lon <= -66.0);
    }
    QVERIFY(s.job);
    QCOMPARE(s.job->model_params, 70e9);
    QCOMPARE(s.job->strategy, std::string("hierarchical"));
    QCOMPARE(s.routing.policy, std::string("ecmp"));
}

void TstGenerate::deterministicPerSeed()
{
    const Catalog catalog = Catalog::builtin();
    const std::string first = writeScenario(generatePlan(options(200, 240, 14, 7), catalog));
    QCOMPARE(writeScenario(generatePlan(options(200, 240, 14, 7), catalog)), first);
    QVERIFY(writeScenario(generatePlan(options(200, 240, 14, 8), catalog)) != first);
}

// The file passes the reader; every span's optic reaches it; every job demand is routed.
void TstGenerate::validatesAndEvaluates()
{
    const Catalog catalog = Catalog::builtin();
    for (const char *routing : {"ecmp", "shortest", "balanced"}) {
        GenerateOptions o = options(60, 75, 6, 3);
        o.routing = routing;
        const Scenario s = generatePlan(o, catalog);
        const std::vector<std::string> problems = checkScenario(s, catalog);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
        const Results r = evaluate(s, catalog);
        QVERIFY(r.job.present);
        QCOMPARE(r.job.dcs.size(), std::size_t(6));
        QCOMPARE(r.demands.size(), std::size_t(6 * 5)); // hierarchical, direct: every ordered DC pair
        for (const DemandResult &d : r.demands)
            QVERIFY2(!d.paths.empty(), (d.from + " -> " + d.to).c_str());
        for (const SpanResult &span : r.spans)
            QVERIFY2(span.reach_ok, span.id.c_str());
        QVERIFY(r.job.efficiency && *r.job.efficiency > 0.0 && *r.job.efficiency <= 1.0);
    }
}

void TstGenerate::refusesImpossibleOptions_data()
{
    QTest::addColumn<int>("sites");
    QTest::addColumn<qlonglong>("spans");
    QTest::addColumn<int>("gpuSites");
    QTest::addColumn<QString>("expected");
    QTest::newRow("too few spans") << 10 << qlonglong(8) << 2 << "--spans: expected a whole number from 9 (a spanning tree) to 45";
    QTest::newRow("too many spans") << 10 << qlonglong(46) << 2 << "--spans: expected a whole number from 9 (a spanning tree) to 45";
    QTest::newRow("one site") << 1 << qlonglong(0) << 1 << "--sites: expected a whole number from 2 to 20000";
    QTest::newRow("no DCs") << 10 << qlonglong(12) << 0 << "--gpu-sites: expected a whole number from 1 to 10";
    QTest::newRow("more DCs than sites") << 10 << qlonglong(12) << 11 << "--gpu-sites: expected a whole number from 1 to 10";
}

void TstGenerate::refusesImpossibleOptions()
{
    QFETCH(int, sites);
    QFETCH(qlonglong, spans);
    QFETCH(int, gpuSites);
    QFETCH(QString, expected);
    const auto problem = generateProblem(options(sites, spans, gpuSites));
    QVERIFY(problem);
    QVERIFY2(QString::fromStdString(*problem).startsWith(expected), problem->c_str());
    QVERIFY(!generateProblem(options(10, 45, 10)));
}

QTEST_GUILESS_MAIN(TstGenerate)
#include "tst_generate.moc"
