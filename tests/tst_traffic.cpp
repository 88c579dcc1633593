// Traffic and timing stages: the worked examples of docs/MODEL.md "Traffic" and "Timing".
#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <QTest>

#include <cmath>

using namespace dci;
using dci::test::parse;

namespace {

// Two campuses of 16,384 H100, 100 km apart: the worked example, with job fields appended.
std::string twoCampus(const std::string &job)
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpu": "H100-SXM", "gpus": 16384},
                {"id": "b", "lat": 40.81, "lon": -96.70, "gpu": "H100-SXM", "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "total_tokens": 15e12,
              "mfu": 0.40, "grad_bytes": 2, "overlap": 1.0)" + job + R"(}, "routing": {"load_balancing": "spray"}})";
}

// Three unequal sites on a triangle of 100, 200 and 300 km.
std::string triangle(const std::string &job)
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "A", "lat": 40, "lon": -90, "gpu": "H100-SXM", "gpus": 16384},
                {"id": "B", "lat": 40, "lon": -89, "gpu": "B200", "gpus": 8192},
                {"id": "C", "lat": 41, "lon": -89, "gpu": "MI300X", "gpus": 4096},
                {"id": "hub", "lat": 41, "lon": -90, "gpus": 0}],
      "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100},
                {"id": "BC", "a": "B", "b": "C", "length_km": 200},
                {"id": "CA", "a": "C", "b": "A", "length_km": 300}],
      "job": {"model_params": 10e9, "tokens_per_step": 4194304, "mfu": 0.40, "grad_bytes": 2)" + job + R"(}, "routing": {"load_balancing": "spray"}})";
}

// Four equal sites of 8,192 H100 on a square of 100 km spans.
std::string square(const std::string &job)
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "A", "lat": 40, "lon": -90, "gpus": 8192}, {"id": "B", "lat": 40, "lon": -89, "gpus": 8192},
                {"id": "C", "lat": 41, "lon": -89, "gpus": 8192}, {"id": "D", "lat": 41, "lon": -90, "gpus": 8192}],
      "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100}, {"id": "BC", "a": "B", "b": "C", "length_km": 100},
                {"id": "CD", "a": "C", "b": "D", "length_km": 100}, {"id": "DA", "a": "D", "b": "A", "length_km": 100}],
      "job": {"model_params": 10e9, "tokens_per_step": 4194304, "mfu": 0.40, "grad_bytes": 2)" + job + R"(}, "routing": {"load_balancing": "spray"}})";
}

std::vector<const DemandResult *> jobDemands(const Results &r)
{
    std::vector<const DemandResult *> out;
    for (const DemandResult &d : r.demands)
        if (d.source == "job")
            out.push_back(&d);
    return out;
}


} // namespace

class TstTraffic : public QObject {
    Q_OBJECT

private slots:
    void workedExampleHierarchical();
    void workedExampleDiloco();
    void streamingDiloco();
    void flatRingCollapsesOverDistance();
    void pipeline();
    void unequalSitesDirect();
    void directVersusRingOnFourSites();
    void ringOrderIsRespected();
    void singleDcHasNoTraffic();
    void cutOffDcIsAnError();
    void noJob();
};

void TstTraffic::workedExampleHierarchical()
{
    const Results r = evaluate(parse(twoCampus(R"(, "strategy": "hierarchical")")), Catalog::builtin());
    QVERIFY(r.job.present);
    QNEAR(*r.job.compute_s, 0.5435793731);
    QNEAR(*r.job.exchanged_bytes, 140e9);
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2));
    QCOMPARE(d[0]->from, std::string("a"));
    QCOMPARE(d[0]->to, std::string("b"));
    QNEAR(*d[0]->bytes_per_event, 140e9);
    QNEAR(d[0]->gbps, 2060.4166667);
    QNEAR(*d[0]->avg_gbps, 2060.4166667);
    QCOMPARE(*d[0]->period_steps, 1.0);
    // Timing: full rate hides the transfer; 2 x 0.49 ms of latency stays exposed.
    QNEAR(*r.job.latency_s, 0.00098);
    QNEAR(*r.job.exposed_s, 0.00098);
    QNEAR(*r.job.step_s, 0.5445593731);
    QNEAR(*r.job.efficiency, 0.9982003799);
    QNEAR(*r.job.training_days, 5.635115971);
}

void TstTraffic::workedExampleDiloco()
{
    const Results r = evaluate(parse(twoCampus(R"(, "strategy": "diloco", "inner_steps": 100, "sync_bytes": 1)")),
                               Catalog::builtin());
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2));
    QNEAR(*d[0]->bytes_per_event, 70e9);
    QNEAR(d[0]->gbps, 1030.2083333);
    QNEAR(*d[0]->avg_gbps, 10.3020833);
    QCOMPARE(*d[0]->period_steps, 100.0);
    QNEAR(*r.job.exposed_s, 9.8e-6); // 0.98 ms once every 100 steps
    QNEAR(*r.job.efficiency, 0.9999819717);
}

void TstTraffic::streamingDiloco()
{
    // H = 100, F = 4, fp4: fragments of 70e9 x 0.5 / 4 = 8.75 GB every 25 steps, window 25 steps.
    const Results r = evaluate(
        parse(twoCampus(R"(, "strategy": "streaming-diloco", "inner_steps": 100, "fragments": 4, "sync_bytes": 0.5)")),
        Catalog::builtin());
    const auto d = jobDemands(r);
    QNEAR(*d[0]->bytes_per_event, 8.75e9);
    QCOMPARE(*d[0]->period_steps, 25.0);
    QNEAR(*d[0]->window_s, 13.5894843276);
    QNEAR(d[0]->gbps, 5.1510416667);
    QNEAR(*d[0]->avg_gbps, 5.1510416667);
    QNEAR(*r.job.exposed_s, 3.92e-5);
}

void TstTraffic::flatRingCollapsesOverDistance()
{
    // N = 32,768: each crossing carries 2 x 32,767 / 32,768 x 140 GB; 2 x 32,767 hops of 0.49 ms.
    const Results r = evaluate(parse(twoCampus(R"(, "strategy": "flat-ring")")), Catalog::builtin());
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2)); // a -> b and b -> a, both in ring direction
    QNEAR(*d[0]->bytes_per_event, 279991455078.125);
    QNEAR(d[0]->gbps, 4120.7075755);
    QNEAR(*r.job.latency_s, 32.11166);
    QNEAR(*r.job.step_s, 32.6552393731);
    QNEAR(*r.job.efficiency, 0.0166460079);
    QVERIFY(*r.job.efficiency < 0.02);
    bool warned = false;
    for (const Diagnostic &diag : r.diagnostics)
        warned = warned || (diag.code == "job-low-efficiency" && diag.message.find("latency") != std::string::npos);
    QVERIFY(warned);
}

void TstTraffic::pipeline()
{
    // 16,777,216 tokens x 8,192 hidden x 2 B = 274.88 GB each way; bubble 1/32 of compute.
    const Results r = evaluate(
        parse(twoCampus(R"(, "strategy": "pipeline", "hidden_size": 8192, "act_bytes": 2, "microbatches": 32)")),
        Catalog::builtin());
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2));
    QNEAR(*d[0]->bytes_per_event, 274877906944.0);
    QNEAR(d[0]->gbps, 4045.4501483);
    QNEAR(*r.job.bubble_s, 0.0169868554);
    QNEAR(*r.job.step_s, 0.5615462285);
    QNEAR(*r.job.efficiency, 0.9680046726);
}

void TstTraffic::unequalSitesDirect()
{
    // FLOP/s = (16,384 x 989 + 8,192 x 2,250 + 4,096 x 1,307.4) TFLOPS x 0.4 = 1.599635456e19.
    const Results r = evaluate(parse(triangle(R"(, "strategy": "hierarchical")")), Catalog::builtin());
    QNEAR(*r.job.cluster_flops, 1.599635456e19);
    QNEAR(*r.job.compute_s, 0.01573222443);
    QCOMPARE(r.job.dcs, (std::vector<std::string>{"A", "B", "C"})); // the hub has no GPUs
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(6)); // every ordered pair
    for (const DemandResult *x : d) {
        QNEAR(*x->bytes_per_event, 2.0 * 20e9 / 3.0);
        QNEAR(x->gbps, 6780.1388889);
    }
    // Longest DC-to-DC path: A-C, 300 km either way round -> 2 x 1.47 ms.
    QNEAR(*r.job.latency_s, 0.00294);
    QNEAR(*r.job.efficiency, 0.8425468797);
}

void TstTraffic::directVersusRingOnFourSites()
{
    Results r = evaluate(parse(square(R"(, "dc_pattern": "direct")")), Catalog::builtin());
    QNEAR(*r.job.compute_s, 0.01941354904);
    auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(12)); // 4 x 3 ordered pairs of 2S/D = 10 GB
    QNEAR(*d[0]->bytes_per_event, 10e9);
    QNEAR(d[0]->gbps, 4120.8333333);
    QNEAR(*r.job.latency_s, 0.00196); // A to C: 200 km
    QNEAR(*r.job.efficiency, 0.9082978687);

    r = evaluate(parse(square(R"(, "dc_pattern": "ring")")), Catalog::builtin());
    d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(8)); // each DC to its two neighbours, (D-1)/D S = 15 GB
    for (const DemandResult *x : d) {
        QNEAR(*x->bytes_per_event, 15e9);
        QNEAR(x->gbps, 6181.25);
        QVERIFY(!((x->from == "A" && x->to == "C") || (x->from == "B" && x->to == "D")));
    }
    QNEAR(*r.job.latency_s, 0.00294); // 2 (D-1) = 6 hops of 0.49 ms
    QNEAR(*r.job.efficiency, 0.8684772608);
}

void TstTraffic::ringOrderIsRespected()
{
    const Results r = evaluate(parse(square(R"(, "dc_pattern": "ring", "ring_order": ["A", "C", "B", "D"])")),
                               Catalog::builtin());
    QCOMPARE(r.job.dcs, (std::vector<std::string>{"A", "C", "B", "D"}));
    bool acDemand = false;
    for (const DemandResult *x : jobDemands(r))
        acDemand = acDemand || (x->from == "A" && x->to == "C");
    QVERIFY(acDemand);
    // The A-C ring hop is 200 km: 6 x 0.98 ms.
    QNEAR(*r.job.latency_s, 6 * 200 * 4.9e-6);
}

void TstTraffic::singleDcHasNoTraffic()
{
    std::string text = twoCampus(R"(, "strategy": "hierarchical")");
    text.replace(text.find("\"gpus\": 16384}]"), 15, "\"gpus\": 0}]");
    const Results r = evaluate(parse(text), Catalog::builtin());
    QVERIFY(jobDemands(r).empty());
    QCOMPARE(*r.job.step_s, *r.job.compute_s);
    QCOMPARE(*r.job.efficiency, 1.0);
    QNEAR(*r.job.compute_s, 2 * 0.5435793731); // half the GPUs
}

void TstTraffic::cutOffDcIsAnError()
{
    Scenario s = parse(twoCampus(R"(, "strategy": "hierarchical")"));
    s.spans[0].down = true;
    const Results r = evaluate(s, Catalog::builtin());
    QVERIFY(r.hasErrors());
    QVERIFY(!r.job.step_s.has_value());
    bool named = false;
    for (const Diagnostic &d : r.diagnostics)
        named = named || (d.code == "no-path" && d.message.find("\"a\"") != std::string::npos
                          && d.message.find("\"b\"") != std::string::npos);
    QVERIFY(named);
}

void TstTraffic::noJob()
{
    std::string text = twoCampus("");
    text = text.substr(0, text.find(",\n      \"job\"")) + "}";
    const Scenario s = parse(text);
    QVERIFY(!s.job.has_value());
    const Results r = evaluate(s, Catalog::builtin());
    QVERIFY(!r.job.present);
    QVERIFY(jobDemands(r).empty());
}

QTEST_GUILESS_MAIN(TstTraffic)
#include "tst_traffic.moc"
