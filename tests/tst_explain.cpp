// Traces of figures (core/engine/explain): values from the Results, origins of inputs,
// intermediates equal to the engine's, every element of every sample, REF/FIGURE errors.
#include "engine/evaluate.h"
#include "engine/explain.h"
#include "engine/traffic.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include "testutil.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace dci;

namespace {

Scenario readSample(const std::string &name)
{
    ScenarioLoad load = readScenarioFile(std::string(DCI_SOURCE_DIR "/samples/") + name, Catalog::builtin());
    for (const std::string &e : load.errors)
        qWarning("%s", e.c_str());
    return load.ok() ? *load.scenario : Scenario{};
}

const TraceInput *findInput(const Trace &t, const std::string &name)
{
    for (const TraceInput &in : t.inputs)
        if (in.name == name)
            return &in;
    return nullptr;
}

// The input of t whose name starts with prefix.
const TraceInput *inputStarting(const Trace &t, const std::string &prefix)
{
    for (const TraceInput &in : t.inputs)
        if (in.name.rfind(prefix, 0) == 0)
            return &in;
    return nullptr;
}

Explanation explain(const Scenario &s, const Results &r, const std::string &ref, const std::string &figure)
{
    return explainFigure(s, Catalog::builtin(), r, ref, figure);
}

// Every trace is well formed: inputs that point at a trace point forward into the list,
// and no NaN reaches the JSON.
void checkWellFormed(const Explanation &e, const QString &what)
{
    QVERIFY2(e.ok(), qPrintable(what + ": " + QString::fromStdString(e.errors.empty() ? "" : e.errors.front())));
    for (std::size_t k = 0; k < e.traces.size(); ++k)
        for (const TraceInput &in : e.traces[k].inputs) {
            QVERIFY2(!in.name.empty(), qPrintable(what));
            QVERIFY2(!in.origin.empty(), qPrintable(what + " " + QString::fromStdString(in.name)));
            if (in.trace)
                QVERIFY2(*in.trace > 0 && *in.trace < e.traces.size(), qPrintable(what));
        }
    const std::string json = explanationJson(e);
    for (const char *bad : {"NaN", "Infinity", ": nan", ": inf", ": -inf"})
        QVERIFY2(json.find(bad) == std::string::npos, qPrintable(what + " " + bad));
    const std::string text = explanationText(e);
    for (const char *bad : {" nan", " inf", " -nan"})
        QVERIFY2(text.find(bad) == std::string::npos, qPrintable(what + " text " + bad));
    const nlohmann::json j = nlohmann::json::parse(json);
    QCOMPARE(j.at("traces").size(), e.traces.size());
    QVERIFY(!explanationText(e).empty());
}

} // namespace

class TstExplain : public QObject {
    Q_OBJECT

private slots:
    void spanUtilizationTwoCampus();
    void spanLoadSumsItsDemands();
    void inlineAmplifierSitesFollowTheLossBudget();
    void jobEfficiencyReproducesTiming();
    void demandChain();
    void assumptionOrigin();
    void costAddsUp();
    void sitePower();
    void everyElementOfEverySample_data();
    void everyElementOfEverySample();
    void badRefAndFigure_data();
    void badRefAndFigure();
    void bareIdAmbiguous();
    void jsonShape();
};

void TstExplain::spanUtilizationTwoCampus()
{
    const Scenario s = readSample("two-campus-teaching.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "span:a-b", "utilization");
    QVERIFY(e.ok());
    const Trace &t = e.traces.front();
    QCOMPARE(t.ref, std::string("span:a-b"));
    QCOMPARE(t.model_section, std::string("Routing"));
    QCOMPARE(t.value, *r.spans[0].utilization);
    const TraceInput *load = findInput(t, "load_gbps");
    const TraceInput *cap = findInput(t, "capacity_gbps");
    QVERIFY(load && cap && load->trace && cap->trace);
    QCOMPARE(load->value, *r.spans[0].load_gbps);
    QCOMPARE(cap->value, *r.spans[0].capacity_gbps);
    QCOMPARE(load->origin, std::string("computed"));
    // capacity: 1 pair x 8 wavelengths x the 400ZR rate, from the catalog with its source.
    const Trace &capTrace = e.traces[*cap->trace];
    const TraceInput *rate = findInput(capTrace, "rate_gbps of 400ZR");
    QVERIFY(rate);
    QCOMPARE(rate->origin, std::string("catalog"));
    QCOMPARE(rate->value, Catalog::builtin().optic("400ZR")->rate_gbps);
    QVERIFY(!rate->source.empty() && !rate->confidence.empty());
    QCOMPARE(findInput(capTrace, "fiber_pairs")->origin, std::string("scenario"));
    QCOMPARE(findInput(capTrace, "wavelengths")->value, 8.0);
    QCOMPARE(e.traces[*cap->trace].value, 1 * 8 * rate->value);
    const std::string text = explanationText(e);
    QVERIFY2(text.find("span:a-b utilization = ") == 0, text.c_str());
    QVERIFY(text.find("MODEL.md \"Routing\"") != std::string::npos);
}

// A span direction's load is the sum of the demands over it, each traced to its gbps.
// The in-line amplifier count's trace states MODEL.md's rule with every input, and the
// inputs give the count: abi-dal (OpenZR+ 400G, 346.8 km) needs 4 amplified spans by its
// loss (346.8 x 0.22 = 76.3 dB over 25 dB each) but 3 by the longest spacing (150 km): 3 sites.
void TstExplain::inlineAmplifierSitesFollowTheLossBudget()
{
    const Scenario s = readSample("single-failure.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "span:abi-dal", "inline_amp_sites");
    checkWellFormed(e, QStringLiteral("abi-dal inline_amp_sites"));
    const Trace &t = e.traces.front();
    QCOMPARE(t.value, 3.0);
    QVERIFY(t.formula.find("max_span_loss_db - span_margin_db") != std::string::npos);
    auto value = [&](const char *name) {
        const TraceInput *in = findInput(t, name);
        return in ? in->value : std::nan("");
    };
    const double length = value("length_km");
    const double bySpacing = std::ceil(length / value("amp_spacing_km"));
    const double byLoss = std::ceil(length * value("fiber_loss_db_per_km")
                                    / (value("max_span_loss_db") - value("span_margin_db")));
    QCOMPARE(byLoss, 4.0);
    QCOMPARE(bySpacing, 3.0);
    QCOMPARE(std::max(byLoss, bySpacing) - 1.0, t.value);
    // A single-span optic within its reach has none, and says why.
    const Scenario two = readSample("two-campus-teaching.json");
    const Explanation zr = explain(two, evaluate(two, Catalog::builtin()), "span:a-b", "inline_amp_sites");
    QCOMPARE(zr.traces.front().value, 0.0);
    QVERIFY(zr.traces.front().formula.find("single-span optic within its reach") != std::string::npos);
}

void TstExplain::spanLoadSumsItsDemands()
{
    for (const char *name : {"two-campus-teaching.json", "midwest-region.json", "nationwide-multicampus.json"}) {
        const Scenario s = readSample(name);
        const Results r = evaluate(s, Catalog::builtin());
        for (const SpanResult &span : r.spans) {
            if (!span.load_ab_gbps)
                continue;
            for (const auto &[fig, want] : {std::pair{"load_ab_gbps", *span.load_ab_gbps}, std::pair{"load_ba_gbps", *span.load_ba_gbps}}) {
                const Explanation e = explain(s, r, "span:" + span.id, fig);
                QVERIFY(e.ok());
                double sum = 0.0;
                for (const TraceInput &in : e.traces.front().inputs) {
                    sum += in.value;
                    if (in.trace)
                        QCOMPARE(e.traces[*in.trace].figure, std::string("gbps"));
                }
                QNEAR(sum, want);
            }
        }
    }
}

void TstExplain::jobEfficiencyReproducesTiming()
{
    const Scenario s = readSample("two-campus-teaching.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "job", "efficiency");
    QVERIFY(e.ok());
    const Trace &t = e.traces.front();
    const TraceInput *compute = findInput(t, "compute_s");
    const TraceInput *step = findInput(t, "step_s");
    QVERIFY(compute && step && step->trace && compute->trace);
    QCOMPARE(t.value, *r.job.efficiency);
    QCOMPARE(compute->value / step->value, *r.job.efficiency);
    // step = compute + exposed + bubble, exposed = max(0, comm - window) / period
    const Trace &st = e.traces[*step->trace];
    double sum = 0.0;
    for (const TraceInput &in : st.inputs)
        sum += in.value;
    QNEAR(sum, *r.job.step_s);
    // compute_s = step_flop / cluster_flops = 6 N D / sum(gpus x peak x mfu)
    const Trace &ct = e.traces[*compute->trace];
    QNEAR(findInput(ct, "step_flop")->value / findInput(ct, "cluster_flops")->value, *r.job.compute_s);
    const Trace &flops = e.traces[*findInput(ct, "cluster_flops")->trace];
    double gpus = 0.0;
    for (const TraceInput &in : flops.inputs)
        if (in.name.rfind("gpus at ", 0) == 0)
            gpus += in.value;
    QNEAR(gpus * findInput(flops, "bf16_dense_tflops of H100-SXM")->value * 1e12 * findInput(flops, "mfu")->value,
          *r.job.cluster_flops);
    QCOMPARE(findInput(flops, "mfu")->origin, std::string("scenario")); // the sample gives mfu
    // transfer_s from the slowest demand's bytes and rate
    const Explanation tr = explain(s, r, "job", "transfer_s");
    const Trace &tt = tr.traces.front();
    QNEAR(inputStarting(tt, "bytes_per_event")->value * 8.0 / (inputStarting(tt, "rate_gbps")->value * 1e9),
          *r.job.transfer_s);
    // the sizing window the engine used
    const TrafficResult traffic = jobTraffic(s, applyOverrides(Catalog::builtin(), s.assumptions));
    const Explanation sw = explain(s, r, "job", "sizing_window_s");
    QCOMPARE(sw.traces.front().value, traffic.sizing_window_s);
    QNEAR(findInput(sw.traces.front(), "overlap")->value * *r.job.compute_s, traffic.sizing_window_s);
}

// A job demand: gbps <- bytes and window <- exchanged bytes <- params; its rate and goodput.
void TstExplain::demandChain()
{
    const Scenario s = readSample("loss-over-distance.json");
    const Results r = evaluate(s, Catalog::builtin());
    const DemandResult &d = r.demands.at(0);
    QCOMPARE(d.source, std::string("job"));
    const Explanation e = explain(s, r, "demand:0", "gbps");
    QVERIFY(e.ok());
    const Trace &t = e.traces.front();
    const TraceInput *bytes = findInput(t, "bytes_per_event");
    const TraceInput *window = findInput(t, "sizing_window_s");
    QVERIFY(bytes && window && bytes->trace);
    QNEAR(bytes->value * 8.0 / window->value / 1e9, d.gbps);
    const Trace &bt = e.traces[*bytes->trace];
    const TraceInput *S = findInput(bt, "exchanged_bytes");
    const TraceInput *D = findInput(bt, "D");
    QVERIFY(S && D && S->trace);
    QNEAR(2.0 * S->value / D->value, *d.bytes_per_event);
    const Trace &st = e.traces[*S->trace];
    QNEAR(findInput(st, "model_params")->value * findInput(st, "grad_bytes")->value, *r.job.exchanged_bytes);

    // goodput = 1 / (1 + loss x min(bdp, window) / mtu); loss_rate is the sample's assumption.
    const Explanation g = explain(s, r, "demand:0", "goodput");
    const Trace &gt = g.traces.front();
    const double loss = findInput(gt, "loss_rate")->value;
    QCOMPARE(findInput(gt, "loss_rate")->origin, std::string("assumption"));
    const double packets = std::min(findInput(gt, "bdp_bytes")->value, findInput(gt, "flow_window_bytes")->value)
        / findInput(gt, "mtu_bytes")->value;
    QNEAR(1.0 / (1.0 + loss * packets), *d.goodput);
    // window limit = connections x window x 8 / RTT
    const Explanation w = explain(s, r, "demand:0", "window_limit_gbps");
    const Trace &wt = w.traces.front();
    QNEAR(findInput(wt, "connections_per_pair")->value * findInput(wt, "flow_window_bytes")->value * 8.0
              / (findInput(wt, "rtt_ms")->value / 1000.0) / 1e9,
          *d.window_limit_gbps);
    // rtt = 2 x latency = 2 x the spans' latency on the longest path
    const Explanation rt = explain(s, r, "demand:0", "rtt_ms");
    const Trace &lat = rt.traces[*findInput(rt.traces.front(), "latency_ms")->trace];
    double ms = 0.0;
    for (const TraceInput &in : lat.inputs)
        ms += in.value;
    QNEAR(2.0 * ms, *d.rtt_ms);
    // rate: limited_by and the goodput
    const Explanation ra = explain(s, r, "demand:0", "rate_gbps");
    QCOMPARE(findInput(ra.traces.front(), "limited_by")->value_text, d.limited_by);
    QNEAR(findInput(ra.traces.front(), "rate before goodput")->value * findInput(ra.traces.front(), "goodput")->value,
          *d.rate_gbps);
}

void TstExplain::assumptionOrigin()
{
    Scenario s = readSample("two-campus-teaching.json");
    s.assumptions.figures["fiber_latency_us_per_km"] = 5.0;
    s.assumptions.optics["400ZR"]["rate_gbps"] = 350.0;
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "span:a-b", "latency_ms");
    const TraceInput *us = findInput(e.traces.front(), "fiber_latency_us_per_km");
    QVERIFY(us);
    QCOMPARE(us->origin, std::string("assumption"));
    QCOMPARE(us->value, 5.0);
    QVERIFY(us->source.find("/assumptions/fiber_latency_us_per_km") != std::string::npos);
    QNEAR(e.traces.front().value, 100.0 * 5.0 / 1000.0);
    const Explanation c = explain(s, r, "span:a-b", "capacity_gbps");
    const TraceInput *rate = findInput(c.traces.front(), "rate_gbps of 400ZR");
    QCOMPARE(rate->origin, std::string("assumption"));
    QCOMPARE(rate->value, 350.0);
    QCOMPARE(c.traces.front().value, 8 * 350.0);
    // An unchanged figure stays "catalog".
    const Explanation m = explain(s, r, "site:a", "pue");
    QCOMPARE(m.traces.front().inputs.front().origin, std::string("scenario")); // the site's own PUE
}

void TstExplain::costAddsUp()
{
    const Scenario s = readSample("midwest-region.json");
    const Results r = evaluate(s, Catalog::builtin());
    for (const char *fig : {"capex_usd", "opex_usd_per_year"}) {
        const Explanation e = explain(s, r, "cost", fig);
        QVERIFY(e.ok());
        double sum = 0.0;
        for (const TraceInput &in : e.traces.front().inputs) {
            QVERIFY(in.trace);
            sum += in.value;
        }
        QNEAR(sum, e.traces.front().value);
    }
    QCOMPARE(explain(s, r, "cost", "capex_usd").traces.front().value, *r.cost.capex_usd);
    // in-line amplifiers x amplifier_usd, terminal x terminal_amplifier_usd, from the catalog
    const Explanation a = explain(s, r, "cost", "inline_amplifiers_usd");
    QNEAR(findInput(a.traces.front(), "in-line amplifiers")->value * findInput(a.traces.front(), "amplifier_usd")->value,
          a.traces.front().value);
    const Explanation ta = explain(s, r, "cost", "terminal_amplifiers_usd");
    QNEAR(findInput(ta.traces.front(), "terminal amplifiers")->value
              * findInput(ta.traces.front(), "terminal_amplifier_usd")->value,
          ta.traces.front().value);
    const Explanation lease = explain(s, r, "cost", "fiber_lease_longhaul_usd_per_year");
    QNEAR(findInput(lease.traces.front(), "long-haul fiber pair-km")->value
              * findInput(lease.traces.front(), "fiber_lease_usd_per_pair_km_year")->value,
          lease.traces.front().value);
    QCOMPARE(findInput(a.traces.front(), "amplifier_usd")->origin, std::string("catalog"));
    const Explanation o = explain(s, r, "cost", "optics_usd");
    double optics = 0.0;
    const auto &in = o.traces.front().inputs;
    for (std::size_t k = 0; k + 1 < in.size(); k += 2)
        optics += in[k].value * in[k + 1].value;
    QNEAR(optics, o.traces.front().value);
    const Explanation p = explain(s, r, "cost", "power_usd_per_year");
    const Trace &pt = p.traces.front();
    QNEAR(findInput(pt, "DCI power")->value * findInput(pt, "pue")->value * 8760.0
              * findInput(pt, "power_usd_per_kwh")->value,
          pt.value);
    const Explanation u = explain(s, r, "cost", "usd_per_gbps");
    QNEAR(findInput(u.traces.front(), "capex_usd")->value / findInput(u.traces.front(), "capacity_gbps")->value,
          *r.cost.usd_per_gbps);
}

void TstExplain::sitePower()
{
    const Scenario s = readSample("two-campus-teaching.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "a", "power_mw"); // a bare site id
    QVERIFY(e.ok());
    QCOMPARE(e.traces.front().ref, std::string("site:a"));
    QCOMPARE(e.traces.front().value, r.sites[0].power_mw);
    const Trace &it = e.traces[*findInput(e.traces.front(), "it_power_mw")->trace];
    QNEAR(findInput(it, "gpus")->value * findInput(it, "it_kw_per_gpu of H100-SXM")->value / 1000.0, r.sites[0].it_power_mw);
    QCOMPARE(findInput(it, "it_kw_per_gpu of H100-SXM")->origin, std::string("catalog"));
}

void TstExplain::everyElementOfEverySample_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(DCI_SOURCE_DIR "/samples"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 7);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f;
}

// Every site, span, demand, the job and the cost, headline and every figure, in every sample.
void TstExplain::everyElementOfEverySample()
{
    QFETCH(QString, file);
    const Scenario s = readSample(file.toStdString());
    QVERIFY(!s.sites.empty());
    const Results r = evaluate(s, Catalog::builtin());
    std::vector<std::pair<std::string, std::string>> refs; // ref, kind
    for (const Site &site : s.sites)
        refs.emplace_back("site:" + site.id, "site");
    for (const Span &span : s.spans)
        refs.emplace_back("span:" + span.id, "span");
    for (std::size_t i = 0; i < r.demands.size(); ++i)
        refs.emplace_back("demand:" + std::to_string(i), "demand");
    if (r.job.present)
        refs.emplace_back("job", "job");
    refs.emplace_back("cost", "cost");
    for (const auto &[ref, kind] : refs) {
        const Explanation headline = explain(s, r, ref, "");
        checkWellFormed(headline, QString::fromStdString(ref));
        QVERIFY(!headline.traces.front().inputs.empty());
        for (const std::string &fig : explainableFigures(kind)) {
            const Explanation e = explain(s, r, ref, fig);
            const QString what = file + " " + QString::fromStdString(ref + " " + fig);
            checkWellFormed(e, what);
            QCOMPARE(e.traces.front().figure, fig);
            QVERIFY2(!e.traces.front().formula.empty() || !e.traces.front().has_value, qPrintable(what));
            QVERIFY2(!e.traces.front().model_section.empty(), qPrintable(what));
        }
    }
    // The values the traces show are the Results': a few spot checks per element kind.
    for (std::size_t k = 0; k < r.spans.size(); ++k) {
        const Explanation e = explain(s, r, "span:" + r.spans[k].id, "latency_ms");
        QCOMPARE(e.traces.front().value, r.spans[k].latency_ms);
        QNEAR(findInput(e.traces.front(), "length_km")->value * findInput(e.traces.front(), "fiber_latency_us_per_km")->value
                  / 1000.0,
              r.spans[k].latency_ms);
        const Explanation len = explain(s, r, "span:" + r.spans[k].id, "length_km");
        if (!s.spans[k].length_km)
            QNEAR(findInput(len.traces.front(), "great_circle_km")->value * findInput(len.traces.front(), "route_factor")->value,
                  r.spans[k].length_km);
    }
    for (std::size_t i = 0; i < r.demands.size(); ++i)
        QCOMPARE(explain(s, r, "demand:" + std::to_string(i), "gbps").traces.front().value, r.demands[i].gbps);
    // demand:FROM>TO names the job's demand between the two sites, whatever its number.
    for (std::size_t i = 0; i < r.demands.size(); ++i) {
        if (r.demands[i].source != "job")
            continue;
        const Explanation e = explain(s, r, "demand:" + r.demands[i].from + ">" + r.demands[i].to, "gbps");
        QVERIFY(e.ok());
        QCOMPARE(e.traces.front().ref, "demand:" + std::to_string(i));
    }
}

void TstExplain::badRefAndFigure_data()
{
    QTest::addColumn<QString>("ref");
    QTest::addColumn<QString>("figure");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown site") << "site:zz" << "" << "no site \"zz\" (sites are: a, b)";
    QTest::newRow("unknown span") << "span:zz" << "" << "no span \"zz\" (spans are: a-b)";
    QTest::newRow("demand out of range") << "demand:9" << "" << "demands are 0 to 2";
    QTest::newRow("demand not a number") << "demand:x" << "" << "no demand \"x\"";
    QTest::newRow("unknown kind") << "link:a-b" << "" << "expected site:ID, span:ID, demand:N, demand:FROM>TO, job or cost";
    QTest::newRow("no demand between") << "demand:a>zz" << "" << "no demand from \"a\" to \"zz\" (demands are: a>b, b>a, a>b)";
    QTest::newRow("unknown bare id") << "zz" << "" << "sites are: a, b; spans are: a-b";
    QTest::newRow("unknown figure") << "span:a-b" << "speed"
                                    << "unknown figure \"speed\" for span: expected one of utilization, load_gbps";
    QTest::newRow("job figure on a site") << "site:a" << "efficiency" << "unknown figure \"efficiency\" for site";
}

void TstExplain::badRefAndFigure()
{
    QFETCH(QString, ref);
    QFETCH(QString, figure);
    QFETCH(QString, message);
    const Scenario s = readSample("two-campus-teaching.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, ref.toStdString(), figure.toStdString());
    QVERIFY(!e.ok());
    QVERIFY(e.traces.empty());
    QVERIFY2(e.errors.front().find(message.toStdString()) != std::string::npos, e.errors.front().c_str());
}

void TstExplain::bareIdAmbiguous()
{
    Scenario s = readSample("two-campus-teaching.json");
    s.spans[0].id = "a";
    const Results r = evaluate(s, Catalog::builtin());
    Explanation e = explain(s, r, "a", "");
    QVERIFY(!e.ok());
    QVERIFY2(e.errors.front().find("names both site:a and span:a") != std::string::npos, e.errors.front().c_str());
    e = explain(s, r, "span:a", "");
    QVERIFY(e.ok());
    s.job.reset();
    const Results noJob = evaluate(s, Catalog::builtin());
    e = explain(s, noJob, "job", "");
    QVERIFY(!e.ok());
    QVERIFY(e.errors.front().find("no job") != std::string::npos);
}

void TstExplain::jsonShape()
{
    const Scenario s = readSample("two-campus-teaching.json");
    const Results r = evaluate(s, Catalog::builtin());
    const Explanation e = explain(s, r, "span:a-b", "utilization");
    const nlohmann::json j = nlohmann::json::parse(explanationJson(e));
    QCOMPARE(j.at("ref").get<std::string>(), std::string("span:a-b"));
    QCOMPARE(j.at("figure").get<std::string>(), std::string("utilization"));
    const auto &t0 = j.at("traces").at(0);
    for (const char *key : {"ref", "figure", "value", "unit", "formula", "section", "inputs"})
        QVERIFY2(t0.contains(key), key);
    QCOMPARE(t0.at("value").get<double>(), *r.spans[0].utilization);
    const auto &in = t0.at("inputs").at(0);
    for (const char *key : {"name", "value", "unit", "origin", "source", "confidence", "trace", "ref"})
        QVERIFY2(in.contains(key), key);
    QCOMPARE(in.at("ref").get<std::string>(), std::string("span:a-b"));
    QVERIFY(in.at("trace").is_number_unsigned());
    // A figure without a value is null, not NaN: an explicit demand's bytes per event.
    QCOMPARE(r.demands.at(2).source, std::string("explicit"));
    const Explanation x = explain(s, r, "demand:2", "bytes_per_event");
    QVERIFY(nlohmann::json::parse(explanationJson(x)).at("traces").at(0).at("value").is_null());
}

QTEST_GUILESS_MAIN(TstExplain)
#include "tst_explain.moc"
