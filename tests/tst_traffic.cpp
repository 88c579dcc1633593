// Traffic and timing stages: the worked examples of docs/MODEL.md "Traffic" and "Timing".
#include "engine/evaluate.h"
#include "engine/rates.h"
#include "engine/resilience.h"
#include "engine/timing.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <QTest>

#include <cmath>
#include <map>
#include <set>

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
      "job": {"model_params": 10e9, "tokens_per_step": 4194304, "mfu": 0.40, "grad_bytes": 2, "overlap": 1.0)" + job + R"(}, "routing": {"load_balancing": "spray"}})";
}

// Four equal sites of 8,192 H100 on a square of 100 km spans.
std::string square(const std::string &job)
{
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "A", "lat": 40, "lon": -90, "gpus": 8192}, {"id": "B", "lat": 40, "lon": -89, "gpus": 8192},
                {"id": "C", "lat": 41, "lon": -89, "gpus": 8192}, {"id": "D", "lat": 41, "lon": -90, "gpus": 8192}],
      "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100}, {"id": "BC", "a": "B", "b": "C", "length_km": 100},
                {"id": "CD", "a": "C", "b": "D", "length_km": 100}, {"id": "DA", "a": "D", "b": "A", "length_km": 100}],
      "job": {"model_params": 10e9, "tokens_per_step": 4194304, "mfu": 0.40, "grad_bytes": 2, "overlap": 1.0)" + job + R"(}, "routing": {"load_balancing": "spray"}})";
}

// Two regions 1,000 km apart: east e1, e2, e3 and west w1, w2, w3 (each a chain of 50 km
// metro spans), joined e3-w3 by 1,000 km; 8,192 H100 each, 10e9 parameters. With
// `twoEast` only e1 and e2 are in the east region (e3 becomes a hub without GPUs).
std::string sixInTwoRegions(const std::string &pattern, bool twoEast = false)
{
    const std::string e3 = twoEast ? R"("gpus": 0)" : R"("gpus": 8192, "region": "east")";
    return R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "e1", "lat": 40, "lon": -83, "gpus": 8192, "region": "east"},
                {"id": "e2", "lat": 40, "lon": -82.5, "gpus": 8192, "region": "east"},
                {"id": "e3", "lat": 40, "lon": -82, )" + e3 + R"(},
                {"id": "w1", "lat": 41, "lon": -96, "gpus": 8192, "region": "west"},
                {"id": "w2", "lat": 41, "lon": -95.5, "gpus": 8192, "region": "west"},
                {"id": "w3", "lat": 41, "lon": -95, "gpus": 8192, "region": "west"}],
      "spans": [{"id": "e1-e2", "a": "e1", "b": "e2", "length_km": 50}, {"id": "e2-e3", "a": "e2", "b": "e3", "length_km": 50},
                {"id": "w3-w2", "a": "w3", "b": "w2", "length_km": 50}, {"id": "w2-w1", "a": "w2", "b": "w1", "length_km": 50},
                {"id": "e3-w3", "a": "e3", "b": "w3", "length_km": 1000, "optic": "OpenZR+ 300G"}],
      "job": {"model_params": 10e9, "tokens_per_step": 4194304, "mfu": 0.40, "grad_bytes": 2, "overlap": 1.0,
              "dc_pattern": ")" + pattern + R"("}, "routing": {"load_balancing": "spray"}})";
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
    void ringLatencyWorkedExample();
    void ratesWorkedExamples();
    void maxMinFairSharing();
    void defaultOverlapIsTheBackwardPass();
    void regionsMoveLessBetweenRegions();
    void samplesSayWhatTheyShow();
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
    // 64 derived connections (8 ranks x 8 channels x 1 QP) of 4 MiB over an RTT of 0.98 ms:
    // 2,191.31 Gb/s, under the dimensioned 3,200: the window binds; 140 GB take 0.5111 s,
    // hidden with the 0.98 ms latency inside the 0.5436 s window.
    QCOMPARE(*r.job.connections_per_pair, 64.0);
    QNEAR(*d[0]->window_limit_gbps, 2191.3098449);
    QNEAR(*d[0]->rate_gbps, 2191.3098449);
    QCOMPARE(d[0]->limited_by, std::string("window"));
    QNEAR(*r.job.transfer_s, 0.5111098289);
    QNEAR(*r.job.latency_s, 0.00098);
    QCOMPARE(*r.job.exposed_s, 0.0);
    QCOMPARE(*r.job.efficiency, 1.0);
    QNEAR(*r.job.training_days, 5.624974903);
    QCOMPARE(r.job.limited_by, std::string("window"));
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
    // Vanilla DiLoCo blocks: window 0. The span is dimensioned to 4 x 400ZR = 1,600 Gb/s,
    // below the window limit: 560 Gbit / 1,600 = 0.35 s + 0.98 ms, once every 100 steps.
    QCOMPARE(*d[0]->window_s, 0.0);
    QNEAR(*d[0]->rate_gbps, 1600.0);
    QCOMPARE(d[0]->limited_by, std::string("capacity"));
    QCOMPARE(d[0]->limiting_span, std::string("a-b"));
    QNEAR(*r.job.exposed_s, 0.0035098);
    QNEAR(*r.job.efficiency, 0.9935845925);
    // overlap_steps 1 hides it behind the next inner step.
    const Results o = evaluate(
        parse(twoCampus(R"(, "strategy": "diloco", "inner_steps": 100, "sync_bytes": 1, "overlap_steps": 1)")),
        Catalog::builtin());
    QCOMPARE(*o.job.exposed_s, 0.0);
}

void TstTraffic::streamingDiloco()
{
    // H = 100, F = 4, fp4: fragments of 70e9 x 0.5 / 4 = 8.75 GB every 25 steps, overlapped
    // with one inner step by default: 70 Gbit / 0.5436 s = 128.78 Gb/s, one 400ZR carries it
    // in 0.175 s: hidden.
    const Results r = evaluate(
        parse(twoCampus(R"(, "strategy": "streaming-diloco", "inner_steps": 100, "fragments": 4, "sync_bytes": 0.5)")),
        Catalog::builtin());
    const auto d = jobDemands(r);
    QNEAR(*d[0]->bytes_per_event, 8.75e9);
    QCOMPARE(*d[0]->period_steps, 25.0);
    QNEAR(*d[0]->window_s, 0.5435793731);
    QNEAR(d[0]->gbps, 128.7760417);
    QNEAR(*d[0]->avg_gbps, 5.1510416667);
    QNEAR(*d[0]->rate_gbps, 400.0);
    QNEAR(*r.job.transfer_s, 0.175);
    QCOMPARE(*r.job.exposed_s, 0.0);
}

void TstTraffic::flatRingCollapsesOverDistance()
{
    // N = 32,768: each crossing carries 2 x 32,767 / 32,768 x 140 GB. Latency: a chunk's
    // chain of 2(N-1) hops = 2 x (28,672 NVLink hops x 3.4 us + 4,094 network hops x 9.6 us
    // + 2 crossings x 0.49 ms) - the cheapest adjacent pair (2 x 3.4 us) = 275.5276 ms.
    // Rate: the ring crosses each boundary on 8 connections: 8 x 4 MiB x 8 / 0.98 ms =
    // 273.91 Gb/s, so the 280 GB take 8.1775 s: distance, through the window, sinks it.
    const Results r = evaluate(parse(twoCampus(R"(, "strategy": "flat-ring")")), Catalog::builtin());
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2)); // a -> b and b -> a, both in ring direction
    QNEAR(*d[0]->bytes_per_event, 279991455078.125);
    QNEAR(d[0]->gbps, 4120.7075755);
    QCOMPARE(*r.job.connections_per_pair, 8.0);
    QNEAR(*r.job.latency_s, 0.2755276);
    QNEAR(*d[0]->rate_gbps, 273.9137306);
    QNEAR(*r.job.transfer_s, 8.1775076978);
    QNEAR(*r.job.step_s, 8.4530352978);
    QNEAR(*r.job.efficiency, 0.0643058208);
    bool warned = false;
    for (const Diagnostic &diag : r.diagnostics)
        warned = warned || (diag.code == "job-low-efficiency" && diag.message.find("in flight") != std::string::npos);
    QVERIFY(warned);
}

void TstTraffic::pipeline()
{
    // 16,777,216 tokens x 8,192 hidden x 2 B = 274.88 GB each way at the 2,191.31 Gb/s
    // window limit: 1.00352 s; exposed 1.00352 + 0.00098 - 0.5435794 = 0.4609206 s; bubble
    // 1/32 of compute.
    const Results r = evaluate(
        parse(twoCampus(R"(, "strategy": "pipeline", "hidden_size": 8192, "act_bytes": 2, "microbatches": 32)")),
        Catalog::builtin());
    const auto d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(2));
    QNEAR(*d[0]->bytes_per_event, 274877906944.0);
    QNEAR(d[0]->gbps, 4045.4501483);
    QNEAR(*r.job.bubble_s, 0.0169868554);
    QNEAR(*r.job.transfer_s, 1.00352);
    QNEAR(*r.job.exposed_s, 0.4609206269);
    QNEAR(*r.job.step_s, 1.0214868554);
    QNEAR(*r.job.efficiency, 0.5321452452);
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

    r = evaluate(parse(square(R"(, "dc_pattern": "ring")")), Catalog::builtin());
    d = jobDemands(r);
    QCOMPARE(d.size(), std::size_t(8)); // each DC to its two neighbours, (D-1)/D S = 15 GB
    for (const DemandResult *x : d) {
        QNEAR(*x->bytes_per_event, 15e9);
        QNEAR(x->gbps, 6181.25);
        QVERIFY(!((x->from == "A" && x->to == "C") || (x->from == "B" && x->to == "D")));
    }
    // A chunk travels 2 (D-1) = 6 consecutive hops of 0.49 ms.
    QNEAR(*r.job.latency_s, 0.00294);
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
    // Hops A-C 0.98, C-B 0.49, B-D 0.98, D-A 0.49 ms: the longest 6 consecutive hops are
    // twice the ring less its cheapest adjacent pair: 2 x 2.94 - 1.47 = 4.41 ms.
    QNEAR(*r.job.latency_s, 0.00441);
}

void TstTraffic::ringLatencyWorkedExample()
{
    // MODEL.md "Timing": four DCs on a ring of 100, 200, 100, 100 km (0.49, 0.98, 0.49,
    // 0.49 ms): the largest sum of 6 consecutive hops starts at the 200 km hop:
    // 0.98 + 0.49 + 0.49 + 0.49 + 0.98 + 0.49 = 3.92 ms (2(D-1) x the slowest hop: 5.88).
    std::string text = square(R"(, "dc_pattern": "ring")");
    const std::string bc = R"("BC", "a": "B", "b": "C", "length_km": 100)";
    text.replace(text.find(bc), bc.size(), R"("BC", "a": "B", "b": "C", "length_km": 200)");
    const Results r = evaluate(parse(text), Catalog::builtin());
    QNEAR(*r.job.latency_s, 0.00392);
    QNEAR(longestChainMs({0.49, 0.98, 0.49, 0.49}, 6), 3.92);
    QNEAR(longestChainMs({0.49, 0.98}, 2), 1.47); // D = 2: the whole ring once
}

void TstTraffic::ratesWorkedExamples()
{
    // MODEL.md "Rates": two campuses, one 100 km span of 64 x 400ZR (25.6 Tb/s), the 70B job
    // with overlap 1.0, spray, loss 0, 64 connections.
    auto run = [](const std::string &extra, const std::string &assumptions, const std::string &span) {
        std::string text = twoCampus(R"(, "strategy": "hierarchical", "connections_per_pair": 64)" + extra);
        text.replace(text.find(R"("length_km": 100})"), 17, span);
        text.insert(text.rfind('}'), R"(, "assumptions": )" + assumptions);
        return evaluate(parse(text), Catalog::builtin());
    };
    const std::string span100 = R"("length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 64})";
    // A window of 1e12 B: capacity binds, 1,120 Gbit / 25,600 Gb/s = 43.75 ms.
    Results r = run("", R"({"flow_window_bytes": 1e12})", span100);
    QNEAR(*r.demands[0].rate_gbps, 25600.0);
    QCOMPARE(r.demands[0].limited_by, std::string("capacity"));
    QNEAR(*r.job.transfer_s, 0.04375);
    QCOMPARE(*r.job.exposed_s, 0.0);
    // 4 MiB: 64 x 4,194,304 x 8 / 0.98 ms = 2,191.31 Gb/s, 0.5111 s, still hidden.
    r = run("", R"({"flow_window_bytes": 4194304})", span100);
    QNEAR(*r.demands[0].rate_gbps, 2191.3098449);
    QCOMPARE(r.demands[0].limited_by, std::string("window"));
    QNEAR(*r.job.transfer_s, 0.5111098289);
    QCOMPARE(*r.job.efficiency, 1.0);
    // 1,000 km on 64 x OpenZR+ 300G: 219.13 Gb/s, 5.1111 s, latency 9.8 ms, exposed
    // 5.1111 + 0.0098 - 0.5436 = 4.5773 s, efficiency 10.61%.
    r = run("", R"({"flow_window_bytes": 4194304})",
            R"("length_km": 1000, "optic": "OpenZR+ 300G", "fiber_pairs": 1, "wavelengths": 64})");
    QNEAR(*r.demands[0].rate_gbps, 219.1309845);
    QNEAR(*r.job.transfer_s, 5.1110982895);
    QNEAR(*r.job.latency_s, 0.0098);
    QNEAR(*r.job.exposed_s, 4.5773189164);
    QNEAR(*r.job.efficiency, 0.1061492227);
}

void TstTraffic::maxMinFairSharing()
{
    // MODEL.md "Rates": a span direction of 1,000 Gb/s shared by a demand capped at 200 and
    // two uncapped ones: all grow to 200, the capped one stops (window), the others share
    // the remaining 600: 400 each (capacity). A demand split half over a full span and half
    // over an idle one is held where the full span stops it.
    std::vector<RateDemand> demands(3);
    demands[0].shares = {{0, true, 1.0}};
    demands[0].cap_gbps = 200.0;
    demands[1].shares = {{0, true, 1.0}};
    demands[2].shares = {{0, true, 0.5}, {1, true, 0.5}};
    const auto out = maxMinRates(demands, {1000.0, 1e9}, {1000.0, 1e9});
    QNEAR(out[0].rate_gbps, 200.0);
    QCOMPARE(out[0].limited_by, std::string("window"));
    // After 200 each: 1,000 - 200 - 200 - 100 = 500 left for weights 1 + 0.5: +333.33.
    QNEAR(out[1].rate_gbps, 533.3333333);
    QCOMPARE(out[1].limited_by, std::string("capacity"));
    QNEAR(out[2].rate_gbps, 533.3333333);
    QCOMPARE(*out[2].span, std::size_t(0));
    // Fixed background loads come off first: nothing left means no rate.
    const auto starved = maxMinRates({demands[1]}, {0.0}, {0.0});
    QCOMPARE(starved[0].rate_gbps, 0.0);
    QCOMPARE(starved[0].limited_by, std::string("capacity"));
}

void TstTraffic::defaultOverlapIsTheBackwardPass()
{
    // overlap absent: 2/3 of the step (4 N D of 6 N D is the backward pass): the triangle's
    // demands need 1.5 x the rate they need with overlap 1.
    std::string text = triangle(R"(, "strategy": "hierarchical")");
    text.replace(text.find(R"(, "overlap": 1.0)"), 16, "");
    const Results r = evaluate(parse(text), Catalog::builtin());
    QNEAR(*r.job.window_s, 0.01573222443 * 2.0 / 3.0);
    QNEAR(jobDemands(r)[0]->gbps, 6780.1388889 * 1.5);
}

void TstTraffic::regionsMoveLessBetweenRegions()
{
    // MODEL.md "Traffic", regions: two regions of three equal DCs; S = 20 GB. Direct: each
    // DC sends 2S/6 = 6.667 GB to each of the 5 others; between the regions 3 x 3 x 2 pairs
    // x 6.667 = 120 GB. Regions: inside a region 2S/3 = 13.333 GB to each of the 2 peers;
    // between regions each DC exchanges its shard S/3 with its counterpart: 2 (S/3) / 2 =
    // 6.667 GB, 6 such pairs = 40 GB: one third.
    auto cross = [](const Results &r, const std::set<std::string> &east) {
        double bytes = 0.0;
        for (const DemandResult &d : r.demands)
            if (d.source == "job" && east.count(d.from) != east.count(d.to))
                bytes += *d.bytes_per_event;
        return bytes;
    };
    const Results direct = evaluate(parse(sixInTwoRegions("direct")), Catalog::builtin());
    const Results regions = evaluate(parse(sixInTwoRegions("regions")), Catalog::builtin());
    const std::set<std::string> east{"e1", "e2", "e3"};
    QNEAR(cross(direct, east), 120e9);
    QNEAR(cross(regions, east), 40e9);
    QCOMPARE(regions.job.latency_pattern, std::string("regions"));
    int inside = 0, between = 0;
    for (const DemandResult &d : regions.demands) {
        if (d.source != "job")
            continue;
        if (east.count(d.from) == east.count(d.to)) {
            QNEAR(*d.bytes_per_event, 2.0 * 20e9 / 3.0);
            ++inside;
        } else {
            QNEAR(*d.bytes_per_event, 20e9 / 3.0);
            ++between;
        }
    }
    QCOMPARE(inside, 12);
    QCOMPARE(between, 6);
    // Latency: 2 x the longest metro path (e1-e3, 2 x 50 km = 0.49 ms) + 2 x the longest
    // path between counterparts (e1-w1: 50 + 50 + 1,000 + 50 + 50 km = 5.88 ms) = 12.74 ms.
    QNEAR(*regions.job.latency_s, 0.01274);

    // Unequal: east of 2 DCs, west of 3. East shards [0, 1/2), [1/2, 1); west thirds. e1
    // exchanges with w1 (1/3 of S) and w2 (1/6 of S): 2 x S x overlap / 2 regions.
    const Results unequal = evaluate(parse(sixInTwoRegions("regions", true)), Catalog::builtin());
    std::map<std::pair<std::string, std::string>, double> bytes;
    for (const DemandResult &d : unequal.demands)
        if (d.source == "job")
            bytes[{d.from, d.to}] = *d.bytes_per_event;
    QNEAR(bytes[std::make_pair(std::string("e1"), std::string("w1"))], 20e9 / 3.0);
    QNEAR((bytes[std::make_pair(std::string("e1"), std::string("w2"))]), 20e9 / 6.0);
    QVERIFY(bytes.find(std::make_pair(std::string("e1"), std::string("w3"))) == bytes.end());
    QNEAR((bytes[std::make_pair(std::string("e2"), std::string("w2"))]), 20e9 / 6.0);
    QNEAR((bytes[std::make_pair(std::string("e2"), std::string("w3"))]), 20e9 / 3.0);
    QNEAR((bytes[std::make_pair(std::string("e1"), std::string("e2"))]), 20e9); // 2S/2 inside the two-DC region
    QNEAR((bytes[std::make_pair(std::string("w1"), std::string("w2"))]), 2.0 * 20e9 / 3.0);
}

void TstTraffic::samplesSayWhatTheyShow()
{
    // The figures the samples' descriptions quote (issue 12, point 9).
    auto load = [](const char *name) {
        const ScenarioLoad l = readScenarioFile(std::string(DCI_SOURCE_DIR "/samples/") + name, Catalog::builtin());
        if (!l.ok())
            qFatal("%s does not load", name);
        return *l.scenario;
    };
    // power-wall: 131,072 B200 x 1.8 kW x 1.2 = 283.1 MW against a 150 MW cap.
    Results r = evaluate(load("power-wall.json"), Catalog::builtin());
    QNEAR(r.sites[0].power_mw, 131072 * 1.8 / 1000 * 1.2);
    QVERIFY(r.sites[0].over_cap);
    // power-wall-split: each campus 141.6 MW, under its cap; the 64 default connections
    // bind (window), more of them give way to the span.
    Scenario split = load("power-wall-split.json");
    r = evaluate(split, Catalog::builtin());
    for (const SiteResult &site : r.sites)
        QVERIFY(!site.over_cap && site.power_mw < 150.0);
    QCOMPARE(r.job.limited_by, std::string("window"));
    QVERIFY(*r.job.efficiency < 0.2);
    split.job->connections_per_pair = 1024;
    QCOMPARE(*evaluate(split, Catalog::builtin()).job.efficiency, 1.0);
    // midwest-region: regions move a third of direct's bytes between the regions; col-cb
    // at 32% instead of 93%.
    Scenario mw = load("midwest-region.json");
    const std::set<std::string> ohio{"new-albany", "columbus", "lancaster"};
    auto crossBytes = [&](const Results &res) {
        double bytes = 0.0;
        for (const DemandResult &d : res.demands)
            if (d.source == "job" && ohio.count(d.from) != ohio.count(d.to))
                bytes += *d.bytes_per_event;
        return bytes;
    };
    auto utilisationOf = [](const Results &res, const char *id) {
        for (const SpanResult &s : res.spans)
            if (s.id == id)
                return *s.utilization;
        return -1.0;
    };
    const Results regions = evaluate(mw, Catalog::builtin());
    QNEAR(crossBytes(regions), 7.2e12);
    QVERIFY(std::fabs(utilisationOf(regions, "col-cb") - 0.32) < 0.005);
    mw.job->dc_pattern = "direct";
    const Results direct = evaluate(mw, Catalog::builtin());
    QNEAR(crossBytes(direct), 21.6e12);
    QVERIFY(std::fabs(utilisationOf(direct, "col-cb") - 0.93) < 0.005);
    // loss-over-distance: 38% goodput with go-back-N; the 4 MiB default would leave 219 Gb/s.
    Scenario loss = load("loss-over-distance.json");
    r = evaluate(loss, Catalog::builtin());
    QVERIFY(std::fabs(*r.demands[0].goodput - 0.379) < 0.001);
    QCOMPARE(r.demands[0].limited_by, std::string("loss"));
    loss.assumptions.figures["flow_window_bytes"] = 4194304;
    r = evaluate(loss, Catalog::builtin());
    QVERIFY(std::fabs(*r.demands[0].window_limit_gbps - 219.13) < 0.01);
    // single-failure: intact at 31% (the window limit binds), 11-12% after any cut, every
    // cut loading a span to 110%; strategies-compared (same ring, hierarchical): window.
    const Scenario ring = load("single-failure.json");
    r = evaluate(ring, Catalog::builtin());
    QVERIFY(std::fabs(*r.job.efficiency - 0.311) < 0.001);
    QCOMPARE(r.job.limited_by, std::string("window"));
    const ResilienceResult cuts = analyseFailures(ring, Catalog::builtin(), false);
    QCOMPARE(cuts.cases.size(), std::size_t(4));
    for (const FailureCase &c : cuts.cases) {
        QVERIFY(*c.efficiency > 0.105 && *c.efficiency < 0.125);
        QVERIFY(std::fabs(*c.worst_utilization - 1.104) < 0.001);
    }
    QCOMPARE(evaluate(load("strategies-compared.json"), Catalog::builtin()).job.limited_by, std::string("window"));
    // elephant-flows: capacity (the hottest lane) limits the hashed sync; at 100 km its 64
    // connections could carry 2.2 Tb/s.
    r = evaluate(load("elephant-flows.json"), Catalog::builtin());
    QCOMPARE(r.demands[0].limited_by, std::string("capacity"));
    QVERIFY(std::fabs(*r.demands[0].window_limit_gbps - 2191.3) < 0.1);
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
