// dciplanner-cli: commands, output contract and exit codes, through dci::cli::run.
#include "errorcases.h"
#include "plans.h"

#include "cli/cli.h"
#include "clirun.h"
#include "io/importer.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>

#include <fstream>
#include <iterator>
#include <QTest>

#include <cmath>
#include <sstream>

using namespace dci;

namespace {

using Run = test::CliRun;
using test::runCli;

std::string sample(const char *name) { return std::string(DCI_SOURCE_DIR "/samples/") + name; }

QString writeFile(const QTemporaryDir &dir, const QString &name, const std::string &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text.data(), static_cast<qint64>(text.size()));
    return path;
}

} // namespace

class TstCli : public QObject {
    Q_OBJECT

private slots:
    void helpAndVersion();
    void usageErrors_data();
    void usageErrors();
    void validateSamples();
    void validateReportsEveryFile();
    void everyErrorClassExitsTwo_data();
    void everyErrorClassExitsTwo();
    void evaluateJsonContract();
    void evaluateTextReport();
    void evaluateExitsOneOnErrors();
    void failFlag();
    void overrides();
    void dimension();
    void dimensionEfficiency();
    void dimensionEfficiencyBadValues_data();
    void dimensionEfficiencyBadValues();
    void dimensionN1();
    void resilienceCommand();
    void resilienceSharedRiskGroups();
    void sweepEqualsSingleEvaluations();
    void sweepModesAndCsv();
    void diffCommand();
    void transportJson();
    void bench();
    void benchJson();
    void generate();
    void formatRewritesCanonically();
    void importCommand();
    void importRefusesBinaryData();
    void explainCommand();
    void sensitivityCommand();
};

void TstCli::helpAndVersion()
{
    Run r = runCli({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.find("Usage: dciplanner-cli") != std::string::npos);
    QVERIFY(r.out.find("evaluate FILE") != std::string::npos);
    r = runCli({"evaluate", "--help"});
    QCOMPARE(r.code, 0);
    r = runCli({"--version"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.rfind("dciplanner-cli ", 0) == 0);
}

void TstCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no command") << QStringList{} << "expected a command";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList{"--colour"} << "unknown option --colour";
    QTest::newRow("validate without file") << QStringList{"validate"} << "validate: expected at least one FILE";
    QTest::newRow("evaluate without file") << QStringList{"evaluate", "--json"} << "evaluate: expected a scenario FILE";
    QTest::newRow("evaluate two files") << QStringList{"evaluate", "a.json", "b.json"} << "expected one FILE";
    QTest::newRow("flag without value") << QStringList{"evaluate", "x.json", "--routing"} << "--routing needs a value";
    QTest::newRow("bad routing") << QStringList{"evaluate", QString::fromStdString(sample("two-campus-teaching.json")),
                                                "--routing", "fastest"}
                                 << "--routing: unknown value \"fastest\"; expected one of: shortest, ecmp, balanced";
    QTest::newRow("bad strategy") << QStringList{"evaluate", QString::fromStdString(sample("two-campus-teaching.json")),
                                                 "--strategy", "async"}
                                  << "--strategy: unknown value \"async\"";
    QTest::newRow("fail unknown span") << QStringList{"evaluate", QString::fromStdString(sample("two-campus-teaching.json")),
                                                      "--fail", "zz"}
                                       << "has no span or site \"zz\" (spans are: a-b; sites are: a, b)";
    const QString two = QString::fromStdString(sample("two-campus-teaching.json"));
    QTest::newRow("sweep without param") << QStringList{"sweep", two, "--values", "1,2"} << "sweep: expected --param P";
    QTest::newRow("sweep without range")
        << QStringList{"sweep", two, "--param", "spans/a-b/length_km"}
        << "sweep: give either --from A --to B with --steps N or --factor F, or --values A,B,C";
    QTest::newRow("sweep steps and factor")
        << QStringList{"sweep", two, "--param", "spans/a-b/length_km", "--from", "1", "--to", "9", "--steps", "3", "--factor", "2"}
        << "give --steps N (linear) or --factor F (geometric)";
    QTest::newRow("sweep bad path")
        << QStringList{"sweep", two, "--param", "spans/zz/length_km", "--values", "1"}
        << "--param: " + two + ": \"spans/zz/length_km\": no span \"zz\" (spans are: a-b)";
    QTest::newRow("sweep unknown form")
        << QStringList{"sweep", two, "--param", "links/a-b/length_km", "--values", "1"}
        << "unknown parameter \"links/a-b/length_km\"; valid paths: spans/ID/length_km, spans/ID/optic, "
           "spans/ID/wavelengths (spans: a-b); sites/ID/gpus (sites: a, b); job/KEY";
    QTest::newRow("sweep optic range")
        << QStringList{"sweep", two, "--param", "spans/a-b/optic", "--from", "1", "--to", "2", "--steps", "2"}
        << "spans/a-b/optic takes optic names: give them with --values";
    QTest::newRow("sweep one step")
        << QStringList{"sweep", two, "--param", "spans/a-b/length_km", "--from", "1", "--to", "2", "--steps", "1"}
        << "--steps: expected 2 to 1000 steps";
    QTest::newRow("sweep value not a number")
        << QStringList{"sweep", two, "--param", "sites/a/gpus", "--values", "8,many"}
        << "--values (sites/a/gpus takes numbers): expected a number, got \"many\"";
    QTest::newRow("sweep bad set") << QStringList{"sweep", two, "--param", "sites/a/gpus", "--values", "8", "--set",
                                                  "spans/a-b/optic=900ZR"}
                                   << "--set spans/a-b/optic=900ZR: spans/a-b/optic: unknown optic \"900ZR\"";
    QTest::newRow("diff one file") << QStringList{"diff", two} << "diff: expected two scenario files, A.json B.json, got 1";
    QTest::newRow("resilience without file") << QStringList{"resilience", "--sites"} << "resilience: expected a scenario FILE";
    QTest::newRow("resilience bad option") << QStringList{"resilience", "x.json", "--span"} << "resilience: unknown option --span";
    QTest::newRow("sensitivity without file") << QStringList{"sensitivity", "--json"}
                                              << "sensitivity: expected a scenario FILE";
    QTest::newRow("sensitivity bad option") << QStringList{"sensitivity", "x.json", "--csv"}
                                            << "sensitivity: unknown option --csv";
    QTest::newRow("sensitivity two files") << QStringList{"sensitivity", "a.json", "b.json"}
                                           << "sensitivity: expected one FILE, got \"a.json\" and \"b.json\"";
    QTest::newRow("bench without file") << QStringList{"bench"} << "bench: expected at least one FILE";
    QTest::newRow("bench bad runs") << QStringList{"bench", "x.json", "--runs", "0"}
                                    << "--runs: expected a whole number from 1 to 100000, got \"0\"";
    QTest::newRow("bench bad runs text") << QStringList{"bench", "x.json", "--runs", "many"}
                                         << "--runs: expected a whole number from 1 to 100000, got \"many\"";
    QTest::newRow("generate without sites") << QStringList{"generate", "--spans", "9", "--gpu-sites", "2", "-o", "x.json"}
                                            << "generate: expected --sites S";
    QTest::newRow("generate without output") << QStringList{"generate", "--sites", "10", "--spans", "9", "--gpu-sites", "2"}
                                             << "generate: expected -o OUT.json";
    QTest::newRow("generate too few spans")
        << QStringList{"generate", "--sites", "10", "--spans", "8", "--gpu-sites", "2", "-o", "x.json"}
        << "--spans: expected a whole number from 9 (a spanning tree) to 45 for 10 sites, got 8";
    QTest::newRow("generate too many spans")
        << QStringList{"generate", "--sites", "10", "--spans", "46", "--gpu-sites", "2", "-o", "x.json"}
        << "--spans: expected a whole number from 9 (a spanning tree) to 45 for 10 sites, got 46";
    QTest::newRow("generate bad sites") << QStringList{"generate", "--sites", "ten", "--spans", "9", "--gpu-sites", "2"}
                                        << "--sites: expected a whole number from 2 to 20000, got \"ten\"";
    QTest::newRow("generate too many DCs")
        << QStringList{"generate", "--sites", "10", "--spans", "9", "--gpu-sites", "11", "-o", "x.json"}
        << "--gpu-sites: expected a whole number from 1 to 10 (the sites), got 11";
    QTest::newRow("generate bad routing")
        << QStringList{"generate", "--sites", "10", "--spans", "9", "--gpu-sites", "2", "--routing", "ospf", "-o", "x.json"}
        << "--routing: expected shortest, ecmp or balanced, got \"ospf\"";
    QTest::newRow("generate stray argument") << QStringList{"generate", "plan.json"}
                                             << "generate: unexpected argument \"plan.json\"";
    QTest::newRow("import without file") << QStringList{"import", "-o", "x.json"} << "import: expected a FILE to import";
    QTest::newRow("import bad format") << QStringList{"import", "x", "--format", "visio"}
                                       << "--format: unknown format \"visio\"";
    QTest::newRow("import bad SNDlib unit") << QStringList{"import", "x", "--sndlib-unit", "MBPS"}
                                            << "--sndlib-unit: expected one of BITPERSEC, KBITPERSEC, MBITPERSEC, "
                                               "GBITPERSEC, TBITPERSEC, got \"MBPS\"";
    QTest::newRow("import bad route factor") << QStringList{"import", "x", "--route-factor", "0.5"}
                                             << "--route-factor: expected a number from 1 to 5";
    QTest::newRow("missing catalog") << QStringList{"--catalog", "/nonexistent/catalog.json", "validate", "x"}
                                     << "/nonexistent/catalog.json: cannot open the catalog file";
}

void TstCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    const Run r = runCli(a);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.empty());
    QVERIFY2(QString::fromStdString(r.err).contains(expected), r.err.c_str());
}

void TstCli::validateSamples()
{
    const Run r = runCli({"validate", sample("two-campus-teaching.json"), sample("midwest-region.json"),
                          sample("nationwide-multicampus.json")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.empty());
    QCOMPARE(QString::fromStdString(r.out).count(QStringLiteral(": OK\n")), 3);
}

void TstCli::validateReportsEveryFile()
{
    QTemporaryDir dir;
    const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"({"format": "dci-scenario", "version": 7})");
    const Run r = runCli({"validate", sample("two-campus-teaching.json"), bad.toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.find("two-campus-teaching.json: OK") != std::string::npos);
    QVERIFY2(r.err.find(bad.toStdString() + ": /version: unsupported version 7") != std::string::npos, r.err.c_str());
}

void TstCli::everyErrorClassExitsTwo_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    for (const test::ErrorCase &c : test::errorCases())
        QTest::newRow(c.name) << QString::fromStdString(c.json) << QString::fromStdString(c.expected);
}

void TstCli::everyErrorClassExitsTwo()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("case.json"), json.toStdString());
    for (const char *command : {"validate", "evaluate", "sensitivity"}) {
        const Run r = runCli({command, path.toStdString()});
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromStdString(r.err).contains(path + QStringLiteral(": ") + expected), r.err.c_str());
        QVERIFY(r.out.empty());
    }
}

void TstCli::evaluateJsonContract()
{
    const Run r = runCli({"evaluate", sample("two-campus-teaching.json"), "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("sites").size(), std::size_t(2));
    const auto &site = j.at("sites").at(0);
    QCOMPARE(site.at("id").get<std::string>(), std::string("a"));
    QCOMPARE(site.at("gpus").get<long long>(), 16384LL);
    QVERIFY(std::fabs(site.at("power_mw").get<double>() - 26.54208) < 1e-9);
    const auto &span = j.at("spans").at(0);
    for (const char *key : {"id", "a", "b", "length_km", "capacity_gbps", "load_gbps", "utilization", "latency_ms", "reach_ok"})
        QVERIFY2(span.contains(key), key);
    QCOMPARE(span.at("length_km").get<double>(), 100.0);
    QVERIFY(std::fabs(span.at("latency_ms").get<double>() - 0.49) < 1e-12);
    QCOMPARE(span.at("capacity_gbps").get<double>(), 3200.0); // 1 pair x 8 x 400ZR
    QVERIFY(span.at("reach_ok").get<bool>());
    QCOMPARE(j.at("cost").at("capex_usd").get<double>(), 272000.0); // docs/MODEL.md "Cost"
    // Job demands first (the worked example of docs/MODEL.md "Traffic"), then the explicit ones.
    const auto &demands = j.at("demands");
    QCOMPARE(demands.size(), std::size_t(3));
    QCOMPARE(demands.at(0).at("source").get<std::string>(), std::string("job"));
    QVERIFY(std::fabs(demands.at(0).at("gbps").get<double>() - 2060.4166667) < 1e-6);
    for (const char *key : {"bytes_per_event", "period_steps", "gbps", "avg_gbps", "source"})
        QVERIFY2(demands.at(0).contains(key), key);
    const auto &demand = demands.at(2);
    QCOMPARE(demand.at("from").get<std::string>(), std::string("a"));
    QCOMPARE(demand.at("gbps").get<double>(), 100.0);
    QCOMPARE(demand.at("source").get<std::string>(), std::string("explicit"));
    QVERIFY(demand.at("bytes_per_event").is_null());
    for (const char *key : {"compute_s", "comm_s", "exposed_s", "step_s", "efficiency", "training_days", "strategy"})
        QVERIFY2(j.at("job").contains(key), key);
    QVERIFY(std::fabs(j.at("job").at("compute_s").get<double>() - 0.5435793731) < 1e-9);
    QCOMPARE(j.at("job").at("strategy").get<std::string>(), std::string("hierarchical"));
    for (const char *key : {"capex_usd", "opex_usd_per_year"})
        QVERIFY2(j.at("cost").contains(key), key);
    QVERIFY(j.at("diagnostics").is_array());
}

void TstCli::evaluateTextReport()
{
    const Run r = runCli({"evaluate", sample("midwest-region.json")});
    QCOMPARE(r.code, 0);
    const QString text = QString::fromStdString(r.out);
    QVERIFY(text.startsWith(QStringLiteral("Scenario: Midwest")));
    QVERIFY(text.contains(QStringLiteral("440,000 GPUs")));
    QVERIFY(text.contains(QStringLiteral("council-bluffs")));
    QVERIFY(text.contains(QStringLiteral("length from the map")));
    QVERIFY(text.contains(QStringLiteral("Most loaded: na-col (32%)")));
}

void TstCli::evaluateExitsOneOnErrors()
{
    QTemporaryDir dir;
    const std::string text = test::wrapSites(
        R"({"id": "a", "lat": 1, "lon": 1, "gpu": "H100-SXM", "gpus": 100000, "power_cap_mw": 10}, {"id": "b", "lat": 2, "lon": 2})");
    const QString path = writeFile(dir, QStringLiteral("hot.json"), text);
    Run r = runCli({"evaluate", path.toStdString(), "--json"});
    QCOMPARE(r.code, 1);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("diagnostics").at(0).at("severity").get<std::string>(), std::string("error"));
    QCOMPARE(j.at("diagnostics").at(0).at("code").get<std::string>(), std::string("power-over-cap"));
    QCOMPARE(j.at("diagnostics").at(0).at("element").get<std::string>(), std::string("a"));
    r = runCli({"validate", path.toStdString()}); // valid file, even if the plan is not
    QCOMPARE(r.code, 0);
}

void TstCli::failFlag()
{
    const Run r = runCli({"evaluate", sample("midwest-region.json"), "--json", "--fail", "col-cb"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    for (const auto &span : j.at("spans"))
        QCOMPARE(span.at("down").get<bool>(), span.at("id").get<std::string>() == "col-cb");
    // The cross-region traffic moves to the Chicago route: without the failure it carries
    // only the 200 Gbps ingest; with it, what col-cb carried (47,607 Gbps) plus that.
    const Run before = runCli({"evaluate", sample("midwest-region.json"), "--json"});
    const nlohmann::json b = nlohmann::json::parse(before.out);
    auto load = [](const nlohmann::json &doc, const std::string &id) {
        for (const auto &span : doc.at("spans"))
            if (span.at("id").get<std::string>() == id)
                return span.at("load_gbps").is_null() ? -1.0 : span.at("load_gbps").get<double>();
        return -2.0;
    };
    QCOMPARE(load(b, "na-chi"), 200.0);
    QVERIFY(std::fabs(load(j, "na-chi") - (load(b, "col-cb") + 200.0)) < 1e-6);
    QCOMPARE(load(j, "col-cb"), -1.0); // a down span carries nothing: null

    // A site: its spans go down with it and its GPUs sit out of the job.
    const Run site = runCli({"evaluate", sample("midwest-region.json"), "--json", "--fail", "lancaster"});
    const nlohmann::json s = nlohmann::json::parse(site.out);
    for (const auto &span : s.at("spans")) {
        const bool atLancaster = span.at("a") == "lancaster" || span.at("b") == "lancaster";
        QCOMPARE(span.at("down").get<bool>(), atLancaster);
    }
    for (const auto &st : s.at("sites"))
        QCOMPARE(st.at("down").get<bool>(), st.at("id") == "lancaster");
    QVERIFY(std::find(s.at("job").at("dcs").begin(), s.at("job").at("dcs").end(), "lancaster") == s.at("job").at("dcs").end());
    QCOMPARE(s.at("job").at("dcs").size(), b.at("job").at("dcs").size() - 1);
    bool said = false;
    for (const auto &d : s.at("diagnostics"))
        said = said || (d.at("code") == "site-down-job" && d.at("element") == "lancaster");
    QVERIFY(said);
}

void TstCli::overrides()
{
    Run r = runCli({"evaluate", sample("two-campus-teaching.json"), "--strategy", "diloco", "--routing", "ecmp"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("strategy diloco") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("one event every 100 steps") != std::string::npos, r.out.c_str());
    // --strategy changes the numbers, not just the label: DiLoCo int8 halves the peak.
    r = runCli({"evaluate", sample("two-campus-teaching.json"), "--json", "--strategy", "diloco"});
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(std::fabs(j.at("demands").at(0).at("gbps").get<double>() - 1030.2083333) < 1e-6);
    QCOMPARE(j.at("job").at("strategy").get<std::string>(), std::string("diloco"));
}

void TstCli::dimension()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("dimensioned.json"));
    // The two-campus plan needs 8 x 400ZR at <= 70% (docs/MODEL.md "Dimensioning").
    Run r = runCli({"dimension", sample("two-campus-teaching.json"), "-o", out.toStdString()});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("Wrote the dimensioned scenario to") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("16 400ZR modules") != std::string::npos, r.out.c_str());
    r = runCli({"evaluate", out.toStdString(), "--json"});
    QCOMPARE(r.code, 0);
    nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("spans").at(0).at("wavelengths").get<int>(), 8);
    QVERIFY(j.at("spans").at(0).at("utilization").get<double>() <= 0.7);
    QCOMPARE(j.at("bom").at(0).at("item").get<std::string>(), std::string("400ZR"));
    QCOMPARE(j.at("bom").at(0).at("quantity").get<double>(), 16.0);

    // The midwest long haul cannot be held at 70% on its two fixed pairs when the job
    // all-reduces directly (not by regions): exit 1, and the message names the span and
    // what it would need.
    {
        std::ifstream in(sample("midwest-region.json"));
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string regions = R"("dc_pattern": "regions")";
        text.replace(text.find(regions), regions.size(), R"("dc_pattern": "direct")");
        std::ofstream(dir.filePath("midwest-direct.json").toStdString()) << text;
    }
    r = runCli({"dimension", dir.filePath("midwest-direct.json").toStdString()});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.find("Span \"col-cb\" needs") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("would need 6 fiber pairs") != std::string::npos, r.out.c_str());

    r = runCli({"dimension", sample("two-campus-teaching.json"), "-o", dir.filePath("no/such/dir.json").toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.find("cannot write") != std::string::npos);
    r = runCli({"dimension"});
    QCOMPARE(r.code, 2);
}

// docs/MODEL.md "Dimensioning": the two-campus DiLoCo job (blocking outer sync every 100
// steps) on one pair of 400ZR, spraying; the window limit lifted unless `window` is empty.
std::string dilocoTwoCampus(bool liftWindow)
{
    return std::string(R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpu": "H100-SXM", "gpus": 16384},
                {"id": "b", "lat": 40.81, "lon": -96.70, "gpu": "H100-SXM", "gpus": 16384}],
      "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100, "optic": "400ZR", "band": "C",
                 "fiber_pairs": 1, "wavelengths": 8}],
      "job": {"model_params": 70e9, "tokens_per_step": 16777216, "mfu": 0.4, "grad_bytes": 2, "strategy": "diloco"},
      "routing": {"policy": "shortest", "load_balancing": "spray"},
      "assumptions": )") + (liftWindow ? R"({"flow_window_bytes": 1e12})" : "{}") + "}";
}

void TstCli::dimensionEfficiency()
{
    QTemporaryDir dir;
    const std::string file = writeFile(dir, "diloco.json", dilocoTwoCampus(true)).toStdString();
    const std::string out = dir.filePath(QStringLiteral("sized.json")).toStdString();
    // 4 wavelengths hold the load at 64% but give 99.358%; 99.5% takes 6 (99.571%).
    Run r = runCli({"dimension", file, "--efficiency", "0.995", "-o", out});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("Efficiency target 99.5%: reached, 99.571% (99.358% before) after 2 capacity steps.")
                 != std::string::npos,
             r.out.c_str());
    QVERIFY2(r.out.find("a-b grew: 1 x 4 -> 1 x 6 (pairs x wavelengths)") != std::string::npos, r.out.c_str());
    r = runCli({"evaluate", out, "--json"});
    QCOMPARE(r.code, 0);
    QCOMPARE(nlohmann::json::parse(r.out).at("spans").at(0).at("wavelengths").get<int>(), 6);

    // At the default 4 MiB window 99.9% is out of reach: the window limit binds (exit 1).
    const std::string windowed = writeFile(dir, "windowed.json", dilocoTwoCampus(false)).toStdString();
    r = runCli({"dimension", windowed, "--efficiency", "0.999"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.find("error: The job cannot reach 99.9% scaling efficiency: it reaches 99.53%") != std::string::npos,
             r.out.c_str());
    QVERIFY2(r.out.find("More connections per DC pair (job.connections_per_pair), a larger flow window "
                        "(assumptions.flow_window_bytes), a closer site, or DiLoCo would help.")
                 != std::string::npos,
             r.out.c_str());
    r = runCli({"dimension", windowed, "--efficiency", "0.999", "--json"});
    QCOMPARE(r.code, 1);
    bool found = false;
    const nlohmann::json diagnostics = nlohmann::json::parse(r.out).at("diagnostics");
    for (const nlohmann::json &d : diagnostics)
        found = found || d.at("code").get<std::string>() == "efficiency-unreachable";
    QVERIFY(found);
}

void TstCli::dimensionEfficiencyBadValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("zero") << "0";
    QTest::newRow("above one") << "1.5";
    QTest::newRow("a percentage") << "95";
    QTest::newRow("negative") << "-0.5";
    QTest::newRow("not a number") << "high";
    QTest::newRow("trailing text") << "0.9x";
}

void TstCli::dimensionEfficiencyBadValues()
{
    QFETCH(QString, value);
    Run r = runCli({"dimension", sample("two-campus-teaching.json"), "--efficiency", value.toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.empty());
    QVERIFY2(r.err.find("--efficiency: expected a number greater than 0 and at most 1") != std::string::npos,
             r.err.c_str());
    r = runCli({"dimension", sample("two-campus-teaching.json"), "--efficiency"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("--efficiency needs a value") != std::string::npos, r.err.c_str());
}

void TstCli::dimensionN1()
{
    // The ring of docs/MODEL.md "Dimensioning": A -> B 1,000 and D -> C 300 Gbps clockwise.
    QTemporaryDir dir;
    const std::string file = writeFile(dir, "ring.json", R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "A", "lat": 40, "lon": -90}, {"id": "B", "lat": 40, "lon": -89},
                {"id": "C", "lat": 41, "lon": -89}, {"id": "D", "lat": 41, "lon": -90}],
      "spans": [{"id": "AB", "a": "A", "b": "B", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "BC", "a": "B", "b": "C", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "CD", "a": "C", "b": "D", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1},
                {"id": "DA", "a": "D", "b": "A", "length_km": 100, "optic": "400ZR", "fiber_pairs": 1, "wavelengths": 1}],
      "demands": [{"from": "A", "to": "B", "gbps": 1000}, {"from": "D", "to": "C", "gbps": 300}],
      "routing": {"policy": "shortest", "load_balancing": "spray"}})").toStdString();
    const std::string out = dir.filePath(QStringLiteral("n1.json")).toStdString();
    Run r = runCli({"dimension", file, "--n1", "-o", out});
    QCOMPARE(r.code, 0);
    for (const char *line : {"AB: worst 1300 Gbps (span \"CD\" down); 1 x 4 -> 1 x 5 (pairs x wavelengths)",
                             "BC: worst 1000 Gbps (span \"AB\" down); 1 x 1 -> 1 x 4",
                             "CD: worst 1300 Gbps (span \"AB\" down); 1 x 2 -> 1 x 5",
                             "DA: worst 1000 Gbps (span \"AB\" down); 1 x 1 -> 1 x 4"})
        QVERIFY2(r.out.find(line) != std::string::npos, r.out.c_str());
    r = runCli({"resilience", out, "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("failures").get<int>(), 4);
    for (const nlohmann::json &c : j.at("cases")) // every cut leaves every span at or under 70%
        QVERIFY2(c.at("worst_utilization").get<double>() <= 0.7, r.out.c_str());
    // Combined with --efficiency on a plan without a job: refused.
    r = runCli({"dimension", file, "--n1", "--efficiency", "0.9"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("describes no job") != std::string::npos, r.err.c_str());
}

// The single-failure sample: a ring of four DCs, each sending (D-1)/D x S = 105 GB per step to
// each ring neighbour, 1,545.31 Gbps on every 2,800 Gbps span (55.2%). Any cut sends the lost
// pair the long way, so the three spans left carry two such flows: 110.4%.
void TstCli::resilienceCommand()
{
    constexpr double kComputeS = 0.5435793731; // docs/MODEL.md "Traffic" worked example
    const double neighbourGbps = 105e9 * 8.0 / kComputeS / 1e9;
    Run r = runCli({"resilience", sample("single-failure.json"), "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(std::fabs(j.at("baseline_worst_utilization").get<double>() - neighbourGbps / 2800.0) < 1e-6);
    QCOMPARE(j.at("failures").get<int>(), 4);
    QCOMPARE(j.at("overloading").get<int>(), 4);
    QCOMPARE(j.at("cutting").get<int>(), 0);
    for (const auto &c : j.at("cases")) {
        QCOMPARE(c.at("kind").get<std::string>(), std::string("span"));
        QVERIFY(std::fabs(c.at("worst_utilization").get<double>() - 2.0 * neighbourGbps / 2800.0) < 1e-6);
        QCOMPARE(c.at("overloaded_spans").get<int>(), 3);
        QVERIFY(c.at("cut_demands").empty());
        QVERIFY(c.at("efficiency").get<double>() < j.at("baseline_efficiency").get<double>());
    }
    r = runCli({"resilience", sample("single-failure.json"), "--sites"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("8 failures (4 spans, 4 sites); 4 overload a span") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("site abilene") != std::string::npos, r.out.c_str());
}

// docs/MODEL.md "Resilience", shared-risk groups: the ring with conduit-x (AB, CD) and
// bridge-y (CD, DA) from tst_resilience, through the CLI's JSON and text.
void TstCli::resilienceSharedRiskGroups()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, "ring.json", test::kRingWithGroups);
    Run r = runCli({"resilience", path.toStdString(), "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("failures").get<int>(), 7);
    const auto &first = j.at("cases").at(0);
    QCOMPARE(first.at("kind").get<std::string>(), std::string("srlg"));
    QCOMPARE(first.at("element").get<std::string>(), std::string("bridge-y"));
    QVERIFY(first.at("spans") == nlohmann::json::array({"CD", "DA"}));
    QVERIFY(first.at("cut_demands") == nlohmann::json::array({"D -> C"}));
    const auto &second = j.at("cases").at(1);
    QCOMPARE(second.at("element").get<std::string>(), std::string("conduit-x"));
    QVERIFY(std::fabs(second.at("worst_utilization").get<double>() - 3000.0 / 1600.0) < 1e-9);
    r = runCli({"resilience", path.toStdString()});
    QVERIFY2(r.out.find("7 failures (5 spans, 2 shared-risk groups)") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("Worst case: losing shared-risk group \"bridge-y\" (CD, DA) cuts off 1 demand") != std::string::npos,
             r.out.c_str());
    QVERIFY2(r.out.find("srlg conduit-x (AB, CD)") != std::string::npos, r.out.c_str());
}

// Every point of a sweep equals evaluate --json of the sample edited to that value.
void TstCli::sweepEqualsSingleEvaluations()
{
    const Run r = runCli({"sweep", sample("two-campus-teaching.json"), "--param", "spans/a-b/length_km", "--values",
                          "50,500", "--strategy", "diloco", "--json"});
    QCOMPARE(r.code, 1); // 500 km is past 400ZR's reach: that point has an error diagnostic
    const nlohmann::json sweep = nlohmann::json::parse(r.out);
    QCOMPARE(sweep.at("param").get<std::string>(), std::string("spans/a-b/length_km"));
    QCOMPARE(sweep.at("points").size(), std::size_t(2));
    std::ifstream in(sample("two-campus-teaching.json"));
    const nlohmann::json plan = nlohmann::json::parse(in);
    QTemporaryDir dir;
    for (const auto &point : sweep.at("points")) {
        nlohmann::json edited = plan;
        edited["spans"][0]["length_km"] = point.at("value");
        edited["job"]["strategy"] = "diloco";
        const QString path = writeFile(dir, "edited.json", edited.dump());
        const nlohmann::json single = nlohmann::json::parse(runCli({"evaluate", path.toStdString(), "--json"}).out);
        QCOMPARE(point.at("efficiency").get<double>(), single.at("job").at("efficiency").get<double>());
        QCOMPARE(point.at("step_s").get<double>(), single.at("job").at("step_s").get<double>());
        QCOMPARE(point.at("capex_usd").get<double>(), single.at("cost").at("capex_usd").get<double>());
        double gbps = 0.0;
        for (const auto &d : single.at("demands"))
            gbps += d.at("gbps").get<double>();
        QVERIFY(std::fabs(point.at("dci_tbps").get<double>() - gbps / 1000.0) < 1e-12);
        QCOMPARE(point.at("modules").at("400ZR").get<int>(), single.at("spans").at(0).at("modules").get<int>());
        QVERIFY(point.at("error").is_null());
    }
    QVERIFY(sweep.at("points").at(1).at("error_codes") == nlohmann::json::array({"reach-exceeded"}));
}

void TstCli::sweepModesAndCsv()
{
    // Geometric: 16,384 x 2^k up to 131,072; each campus of the sample keeps its own count.
    Run r = runCli({"sweep", sample("two-campus-teaching.json"), "--param", "sites/a/gpus", "--from", "16384", "--to",
                    "131072", "--factor", "2", "--json"});
    nlohmann::json j = nlohmann::json::parse(r.out);
    std::vector<double> values;
    for (const auto &p : j.at("points"))
        values.push_back(p.at("value").get<double>());
    QCOMPARE(values, (std::vector<double>{16384, 32768, 65536, 131072}));

    // A list of optic names, as CSV: one module column per optic met, then errors.
    r = runCli({"sweep", sample("two-campus-teaching.json"), "--param", "spans/a-b/optic", "--values", "400ZR,800ZR,900ZR",
                "--csv"});
    QCOMPARE(r.code, 1); // 900ZR is not in the catalog: that point is invalid
    std::istringstream lines(r.out);
    std::string header, zr400, zr800, bad;
    std::getline(lines, header);
    std::getline(lines, zr400);
    std::getline(lines, zr800);
    std::getline(lines, bad);
    QCOMPARE(header, std::string("value,efficiency,step_s,dci_tbps,capex_usd,modules_400ZR,modules_800ZR,error_codes,error"));
    QVERIFY2(zr400.rfind("400ZR,1,", 0) == 0 && zr400.find(",272000,16,0,,") != std::string::npos, zr400.c_str());
    QVERIFY2(zr800.find(",0,16,,") != std::string::npos, zr800.c_str());
    QVERIFY2(bad.rfind("900ZR,,,,,,,,\"spans/a-b/optic: unknown optic \"\"900ZR\"\"", 0) == 0, bad.c_str());

    // Linear, readable table, and --set applied before the sweep.
    r = runCli({"sweep", sample("two-campus-teaching.json"), "--param", "spans/a-b/wavelengths", "--from", "4", "--to",
                "16", "--steps", "4", "--set", "spans/a-b/optic=800ZR"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("Sweep of spans/a-b/wavelengths over 4 points") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("800ZR") != std::string::npos && r.out.find("400ZR") == std::string::npos, r.out.c_str());
}

// diff of a plan with itself has nothing to list; of two samples, their differences.
void TstCli::diffCommand()
{
    Run r = runCli({"diff", sample("two-campus-teaching.json"), sample("two-campus-teaching.json")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("No differences") != std::string::npos, r.out.c_str());
    r = runCli({"diff", sample("two-campus-teaching.json"), sample("two-campus-teaching.json"), "--json"});
    nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(j.at("identical").get<bool>());
    for (const char *list : {"settings", "sites", "spans", "demands"})
        QVERIFY2(j.at(list).empty(), list);
    for (const auto &f : j.at("headline"))
        QVERIFY(f.at("difference").is_null() || f.at("difference").get<double>() == 0.0);

    // The teaching sample against the elephant-flows one: 16 wavelengths and hashing
    // instead of 8 and spraying, no checkpoint copy, 8 flows a pair.
    r = runCli({"diff", sample("two-campus-teaching.json"), sample("elephant-flows.json"), "--json"});
    QCOMPARE(r.code, 0);
    j = nlohmann::json::parse(r.out);
    QVERIFY(!j.at("identical").get<bool>());
    const nlohmann::json a = nlohmann::json::parse(runCli({"evaluate", sample("two-campus-teaching.json"), "--json"}).out);
    const nlohmann::json b = nlohmann::json::parse(runCli({"evaluate", sample("elephant-flows.json"), "--json"}).out);
    for (const auto &f : j.at("headline"))
        if (f.at("figure") == "capex_usd")
            QCOMPARE(f.at("difference").get<double>(),
                     b.at("cost").at("capex_usd").get<double>() - a.at("cost").at("capex_usd").get<double>());
    QCOMPARE(j.at("spans").size(), std::size_t(1));
    QCOMPARE(j.at("spans").at(0).at("fields").at(0).at("field").get<std::string>(), std::string("wavelengths"));
    QCOMPARE(j.at("spans").at(0).at("utilization_b").get<double>(), b.at("spans").at(0).at("utilization").get<double>());
    bool copyRemoved = false, loadBalancing = false;
    for (const auto &d : j.at("demands"))
        copyRemoved = copyRemoved || (d.at("label") == "checkpoint copy" && d.at("change") == "removed");
    for (const auto &s : j.at("settings"))
        loadBalancing = loadBalancing || s.at("field") == "routing/load_balancing";
    QVERIFY(copyRemoved);
    QVERIFY(loadBalancing);
    r = runCli({"diff", sample("two-campus-teaching.json"), sample("elephant-flows.json")});
    QVERIFY2(r.out.find("a-b changed: wavelengths 8 -> 16; utilisation 67.5% -> 32.2%") != std::string::npos, r.out.c_str());
}

// The loss-over-distance sample: 64 flows a pair, 2,060.42 Gbps over a 1,000 km span (RTT
// 9.8 ms) at loss 1e-4 with go-back-N (docs/MODEL.md "Transport").
void TstCli::transportJson()
{
    const Run r = runCli({"evaluate", sample("loss-over-distance.json"), "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const auto &span = j.at("spans").at(0);
    QCOMPARE(span.at("lanes").get<int>(), 12);
    QCOMPARE(span.at("ecmp_imbalance").get<double>(), 1.0); // spraying
    QVERIFY(std::fabs(span.at("hot_lane_utilization").get<double>() - span.at("utilization").get<double>()) < 1e-12);
    QVERIFY(std::fabs(span.at("pfc_headroom_bytes").get<double>() - (300e9 / 8.0 * 9.8e-3 + 2 * 4096)) < 1e-3);
    const auto &demand = j.at("demands").at(0);
    QVERIFY(std::fabs(demand.at("rtt_ms").get<double>() - 9.8) < 1e-12);
    // 64 connections with 64 MiB windows over 9.8 ms: the window binds, so each connection
    // has its whole window in flight (docs/MODEL.md "Rates").
    const double bdp = 67108864.0;
    QVERIFY(std::fabs(demand.at("bdp_bytes").get<double>() - bdp) < 1.0);
    QVERIFY(std::fabs(demand.at("goodput").get<double>() - 1.0 / (1.0 + 1e-4 * bdp / 4096.0)) < 1e-6);
    bool pfcWarning = false;
    for (const auto &d : j.at("diagnostics"))
        pfcWarning = pfcWarning || d.at("code").get<std::string>() == "pfc-headroom";
    QVERIFY(pfcWarning);
}

// bench times evaluate(), checkScenario and the N-1 analysis; the figures vary, the table's shape does not.
void TstCli::bench()
{
    const Run r = runCli({"bench", sample("two-campus-teaching.json"), sample("midwest-region.json"), "--runs", "2"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("evaluate best/median ms") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("check best/median ms") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("two-campus-teaching.json") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("midwest-region.json") != std::string::npos, r.out.c_str());
    // The table (a header and a line per file), a blank line, then per file its name and
    // a line per stage of evaluate.
    constexpr long kStages = 12;
    QCOMPARE(std::count(r.out.begin(), r.out.end(), '\n'), 3L + 2L + 2L * (1L + kStages));
    const std::string stages = r.out.substr(r.out.find("\n\n") + 2);
    QVERIFY2(stages.rfind("stages of evaluate, best / median / max ms\n", 0) == 0, stages.c_str());
    for (const char *stage : {"assumptions", "power", "geometry", "traffic", "capacity", "routing", "dimension",
                              "transport", "rates", "timing", "results", "cost"})
        QVERIFY2(stages.find(std::string("\n  ") + stage + " ") != std::string::npos, stage);
}

// bench --json: every file with its counts, and best <= median <= max for evaluate, the
// check, N-1 and every stage.
void TstCli::benchJson()
{
    const Run r = runCli({"bench", sample("two-campus-teaching.json"), sample("midwest-region.json"), "--runs", "3", "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(r.out); // keeps the stages' order
    QCOMPARE(j.size(), std::size_t(1));
    const nlohmann::ordered_json &files = j.at("files");
    QCOMPARE(files.size(), std::size_t(2));
    QCOMPARE(files[0].at("file").get<std::string>(), sample("two-campus-teaching.json"));
    QCOMPARE(files[0].at("sites").get<int>(), 2);
    QCOMPARE(files[0].at("spans").get<int>(), 1);
    QCOMPARE(files[0].at("demands").get<int>(), 3); // two job directions and the checkpoint copy
    auto checkSpread = [](const nlohmann::ordered_json &t) {
        QCOMPARE(t.size(), std::size_t(3));
        const double best = t.at("best"), median = t.at("median"), max = t.at("max");
        QVERIFY(best >= 0.0 && best <= median && median <= max);
    };
    for (const nlohmann::ordered_json &f : files) {
        QCOMPARE(f.size(), std::size_t(8));
        for (const char *key : {"evaluate_ms", "check_ms", "n1_ms"})
            checkSpread(f.at(key));
        const nlohmann::ordered_json &stages = f.at("stages_ms");
        std::vector<std::string> names;
        for (const auto &[name, t] : stages.items()) {
            names.push_back(name);
            checkSpread(t);
        }
        QCOMPARE(names, (std::vector<std::string>{"assumptions", "power", "geometry", "traffic", "capacity", "routing",
                                                  "dimension", "transport", "rates", "timing", "results", "cost"}));
        QVERIFY(f.at("evaluate_ms").at("median").get<double>() > 0.0);
    }
    // --no-n1: N-1 not timed, null in the JSON, "-" in the table.
    const Run skipped = runCli({"bench", sample("two-campus-teaching.json"), "--runs", "1", "--json", "--no-n1"});
    QCOMPARE(skipped.code, 0);
    QVERIFY(nlohmann::json::parse(skipped.out).at("files")[0].at("n1_ms").is_null());
    const Run table = runCli({"bench", sample("two-campus-teaching.json"), "--runs", "1", "--no-n1"});
    QCOMPARE(table.code, 0);
    QVERIFY2(table.out.find("       - / -") != std::string::npos, table.out.c_str());
}

// generate writes a plan the reader accepts, the same one for the same seed.
void TstCli::generate()
{
    QTemporaryDir dir;
    const std::string a = dir.filePath(QStringLiteral("a.json")).toStdString();
    const std::string b = dir.filePath(QStringLiteral("b.json")).toStdString();
    Run r = runCli({"generate", "--sites", "50", "--spans", "60", "--gpu-sites", "5", "--seed", "9", "-o", a});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, a + ": 50 sites, 60 spans, 5 DCs written\n");
    r = runCli({"generate", "--seed", "9", "--gpu-sites", "5", "--spans", "60", "--sites", "50", "--output", b});
    QCOMPARE(r.code, 0);
    auto text = [](const std::string &path) {
        std::ifstream in(path, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    QCOMPARE(text(b), text(a));
    r = runCli({"validate", a});
    QCOMPARE(r.code, 0);
    r = runCli({"evaluate", a, "--json"});
    QVERIFY2(r.code == 0 || r.code == 1, r.err.c_str());
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("demands").size(), std::size_t(5 * 4));
}

// format rewrites a valid file in the app's canonical form, leaves a canonical one and an
// invalid one byte for byte as they were.
void TstCli::formatRewritesCanonically()
{
    QTemporaryDir dir;
    const std::string loose = R"({"version": 1, "format": "dci-scenario", "name": "x",
        "sites": [{"lon": -95.86, "lat": 41.26, "id": "a", "gpus": 8.0}]})";
    const QString path = writeFile(dir, QStringLiteral("loose.json"), loose);
    const std::string bad = R"({"format": "dci-scenario", "version": 1, "sites": [{"id": "a"}]})";
    const QString badPath = writeFile(dir, QStringLiteral("bad.json"), bad);
    Run r = runCli({"format", path.toStdString(), badPath.toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.out.find(path.toStdString() + ": rewritten") != std::string::npos, r.out.c_str());
    QVERIFY2(r.err.find(badPath.toStdString() + ": ") != std::string::npos, r.err.c_str());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const std::string text = f.readAll().toStdString();
    const ScenarioLoad load = parseScenario(text, "x", Catalog::builtin());
    QVERIFY(load.ok());
    QCOMPARE(text, writeScenario(*load.scenario));
    QVERIFY(text.find("\"gpus\": 8\n") != std::string::npos);
    QFile b(badPath);
    QVERIFY(b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll().toStdString(), bad);
    r = runCli({"format", path.toStdString()});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find(": already canonical") != std::string::npos, r.out.c_str());
}

// import: format detected from the content, the report on standard output when writing a
// file, the written scenario valid; an unknown file named with a clear message.
void TstCli::importCommand()
{
    QTemporaryDir dir;
    const std::string graphml = DCI_NETWORKS_DIR "/topologyzoo/Abilene.graphml";
    const std::string out = dir.filePath(QStringLiteral("abilene.json")).toStdString();
    Run r = runCli({"import", graphml, "-o", out, "--route-factor", "1.3"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find(out + ": scenario written") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find(graphml + ": kept: ") != std::string::npos, r.out.c_str());
    const ScenarioLoad load = readScenarioFile(out, Catalog::builtin());
    QVERIFY(load.ok());
    QCOMPARE(load.scenario->sites.size(), std::size_t(11));
    QCOMPARE(load.scenario->spans.size(), std::size_t(14));

    // Without -o the JSON goes to standard output, the report to standard error.
    const std::string sndlib = DCI_TEST_DATA_DIR "/sndlib/iberia.txt"; // our fixture
    r = runCli({"import", sndlib});
    QCOMPARE(r.code, 0);
    const ScenarioLoad fromStdout = parseScenario(r.out, "stdout", Catalog::builtin());
    QVERIFY(fromStdout.ok());
    QCOMPARE(fromStdout.scenario->demands.size(), std::size_t(14));
    QVERIFY(r.err.find(": kept: ") != std::string::npos);

    // --sndlib-unit over the file's unit: iberia.txt says Mbit/s in META; read as Gbit/s
    // every demand is 1,000 times larger.
    r = runCli({"import", sndlib, "--sndlib-unit", "gbitpersec"});
    QCOMPARE(r.code, 0);
    const ScenarioLoad inGbps = parseScenario(r.out, "stdout", Catalog::builtin());
    QVERIFY(inGbps.ok());
    QCOMPARE(inGbps.scenario->demands.size(), fromStdout.scenario->demands.size());
    for (std::size_t i = 0; i < inGbps.scenario->demands.size(); ++i)
        QVERIFY(std::abs(inGbps.scenario->demands[i].gbps - 1000.0 * fromStdout.scenario->demands[i].gbps)
                <= 1e-9 * inGbps.scenario->demands[i].gbps);
    QVERIFY2(r.err.find("kept: demand unit GBITPERSEC as given for the import") != std::string::npos, r.err.c_str());

    // A file the importer recognises but refuses: exit 2, the reason, nothing written.
    const std::string noLinks = DCI_TEST_DATA_DIR "/sndlib/nolinks.txt";
    r = runCli({"import", noLinks});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("no LINKS section") != std::string::npos, r.err.c_str());
    QVERIFY(r.out.empty());

    const QString junk = writeFile(dir, QStringLiteral("junk.txt"), "hello\n");
    r = runCli({"import", junk.toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find(junk.toStdString() + ": not a file DCI Planner can import") != std::string::npos, r.err.c_str());
    QVERIFY(r.out.empty());
}

// A program or archive is not text: refused as such before any importer (issue 13 #15:
// an ELF binary contains "NODES (" and was read as SNDlib, asking a route factor first).
void TstCli::importRefusesBinaryData()
{
    QTemporaryDir dir;
    QByteArray bytes("\x7f" "ELF\x02\x01\x01", 7);
    bytes.append(QByteArray(64, '\0'));
    bytes.append("NODES ( a ( 1 2 ) ) LINKS ( ) <graphml");
    const QString path = writeFile(dir, QStringLiteral("program.bin"), bytes.toStdString());
    const Run r = runCli({"import", path.toStdString()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("not a network file DCI Planner can read: it holds binary data") != std::string::npos,
             r.err.c_str());
    QVERIFY2(r.err.find("SNDlib file") == std::string::npos, r.err.c_str());
    QCOMPARE(detectImportFormat(bytes.toStdString()), ImportFormat::Auto);
    QVERIFY(r.out.empty());
}

// explain: the text derivation, the JSON traces, and exit 2 naming the valid choices.
void TstCli::explainCommand()
{
    Run r = runCli({"explain", sample("two-campus-teaching.json"), "span:a-b", "utilization"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.rfind("span:a-b utilization = ", 0) == 0, r.out.c_str());
    QVERIFY(r.out.find("load_gbps") != std::string::npos);
    QVERIFY(r.out.find("rate_gbps of 400ZR") != std::string::npos);
    QVERIFY(r.out.find("catalog: ") != std::string::npos);

    r = runCli({"explain", sample("two-campus-teaching.json"), "job", "efficiency", "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(j.at("ref").get<std::string>(), std::string("job"));
    QCOMPARE(j.at("figure").get<std::string>(), std::string("efficiency"));
    const nlohmann::json eval = nlohmann::json::parse(runCli({"evaluate", sample("two-campus-teaching.json"), "--json"}).out);
    QCOMPARE(j.at("traces").at(0).at("value").get<double>(), eval.at("job").at("efficiency").get<double>());

    r = runCli({"explain", sample("midwest-region.json"), "demand:0"}); // headline figures
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.find("demand:0: its headline figures") == 0);

    r = runCli({"explain", sample("two-campus-teaching.json"), "span:a-b", "speed"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.empty());
    QVERIFY2(r.err.find("unknown figure \"speed\" for span: expected one of utilization") != std::string::npos, r.err.c_str());
    r = runCli({"explain", sample("two-campus-teaching.json"), "zz"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("sites are: a, b") != std::string::npos, r.err.c_str());
    r = runCli({"explain", sample("two-campus-teaching.json")});
    QCOMPARE(r.code, 2);
    r = runCli({"explain", "no-such-file.json", "job"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.find("no-such-file.json") != std::string::npos);
}

// docs/CLI.md "sensitivity". The two-campus sample has 16 400ZR modules and capex $272,000
// (docs/MODEL.md "Cost"): 400ZR at $3,000-6,000 moves capex by 16 x $1,500 either way.
void TstCli::sensitivityCommand()
{
    const std::string plan = sample("two-campus-teaching.json");
    Run r = runCli({"sensitivity", plan, "--json"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.empty());
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const nlohmann::json eval = nlohmann::json::parse(runCli({"evaluate", plan, "--json"}).out);
    QCOMPARE(j.at("baseline").at("efficiency").get<double>(), eval.at("job").at("efficiency").get<double>());
    QCOMPARE(j.at("baseline").at("capex_usd").get<double>(), eval.at("cost").at("capex_usd").get<double>());
    QVERIFY(j.at("skipped").is_array() && j.at("skipped").empty());
    QVERIFY(j.at("rows").size() > 20);
    double previousSwing = 1e300;
    for (const auto &row : j.at("rows")) {
        for (const char *key : {"key", "section", "value", "unit", "low", "high", "confidence", "range_source",
                                "efficiency_low", "efficiency_high", "capex_usd_low", "capex_usd_high", "swing"})
            QVERIFY2(row.contains(key), key);
        QVERIFY(row.at("low").get<double>() <= row.at("value").get<double>());
        QVERIFY(row.at("value").get<double>() <= row.at("high").get<double>());
        QVERIFY(row.at("swing").get<double>() <= previousSwing);
        previousSwing = row.at("swing").get<double>();
    }
    const auto zr = std::find_if(j.at("rows").begin(), j.at("rows").end(),
                                 [](const auto &row) { return row.at("key") == "optics/400ZR/price_usd"; });
    QVERIFY(zr != j.at("rows").end());
    QCOMPARE(zr->at("section").get<std::string>(), std::string("optics"));
    QCOMPARE(zr->at("capex_usd_low").get<double>(), 272000.0 - 16 * 1500.0);
    QCOMPARE(zr->at("capex_usd_high").get<double>(), 272000.0 + 16 * 1500.0);
    QCOMPARE(zr->at("efficiency_low").get<double>(), eval.at("job").at("efficiency").get<double>());

    r = runCli({"sensitivity", plan});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("Baseline: efficiency 100.0%, capex $272.0k") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("$248.0k / $296.0k") != std::string::npos, r.out.c_str());
    QVERIFY(r.out.find("-- no effect on this plan's efficiency or capex") != std::string::npos);
    QVERIFY(r.out.find("What each range rests on:") != std::string::npos);

    // The plan's own choices are listed, not varied.
    QTemporaryDir dir;
    nlohmann::json file = nlohmann::json::parse(std::ifstream(plan));
    file["assumptions"]["route_factor"] = 1.4;
    const QString overridden = writeFile(dir, QStringLiteral("overridden.json"), file.dump());
    r = runCli({"sensitivity", overridden.toStdString(), "--json"});
    QCOMPARE(r.code, 0);
    const nlohmann::json skipped = nlohmann::json::parse(r.out).at("skipped");
    QCOMPARE(skipped.size(), std::size_t(1));
    QCOMPARE(skipped.at(0).at("key").get<std::string>(), std::string("route_factor"));
    QCOMPARE(skipped.at(0).at("plan_value").get<double>(), 1.4);
    QCOMPARE(skipped.at(0).at("set_in").get<std::string>(), std::string("assumptions"));
    r = runCli({"sensitivity", overridden.toStdString()});
    QVERIFY2(r.out.find("route_factor = 1.4 in its assumptions (catalog 1.25)") != std::string::npos, r.out.c_str());

    // A plan that evaluates with errors: the table, then exit 1.
    const QString hot = writeFile(dir, QStringLiteral("hot.json"),
                                  test::wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "gpu": "H100-SXM", "gpus": 100000, )"
                                                  R"("power_cap_mw": 10}, {"id": "b", "lat": 2, "lon": 2})"));
    r = runCli({"sensitivity", hot.toStdString()});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.find("Sensitivity of ") == 0);

    r = runCli({"sensitivity", "no-such-file.json"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.empty());
    QVERIFY(r.err.find("no-such-file.json") != std::string::npos);
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
