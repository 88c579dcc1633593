// The scenario file: reading with validation, canonical writing, round trips, extensions.
#include "errorcases.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace dci;

namespace {

QStringList samplePaths()
{
    QDir dir(QStringLiteral(DCI_SOURCE_DIR "/samples"));
    QStringList out;
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

std::string readAll(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int occurrences(const std::string &text, const std::string &needle)
{
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

QString joined(const std::vector<std::string> &lines)
{
    QStringList out;
    for (const std::string &l : lines)
        out << QString::fromStdString(l);
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TstScenarioFile : public QObject {
    Q_OBJECT

private slots:
    // A file saved on Windows (a UTF-8 byte order mark, CRLF line ends) reads as the same
    // plan as the original, on every sample (issue 16: such files keep opening).
    // Older files keep opening (issue 16 item 7): each fixture of tests/data/format is read
    // as it was written, every key added since takes its default, and it evaluates.
    void versionOneFixturesOpen()
    {
        const QString path = QStringLiteral(DCI_TEST_DATA_DIR "/format/v1-2026-11-28-two-campus.json");
        const ScenarioLoad load = readScenarioFile(path.toStdString(), Catalog::builtin());
        QVERIFY2(load.ok(), load.errors.empty() ? "" : load.errors.front().c_str());
        const Scenario &s = *load.scenario;
        QCOMPARE(s.name, std::string("Two campuses, 100 km apart"));
        QCOMPARE(s.sites.size(), std::size_t(2));
        QCOMPARE(s.sites[0].gpus, std::int64_t(16384));
        QCOMPARE(*s.sites[1].power_cap_mw, 40.0);
        QCOMPARE(s.spans.size(), std::size_t(1));
        QCOMPARE(*s.spans[0].length_km, 100.0);
        QCOMPARE(*s.spans[0].wavelengths, 8);
        QCOMPARE(s.spans[0].optic, std::string("400ZR"));
        QCOMPARE(s.demands.size(), std::size_t(1));
        QCOMPARE(s.demands[0].gbps, 100.0);
        QVERIFY(s.job);
        QCOMPARE(s.job->model_params, 70e9);
        QCOMPARE(s.job->strategy, std::string("hierarchical"));
        QCOMPARE(s.routing.policy, std::string("shortest"));
        // Keys added within version 1 since: absent, so their defaults.
        for (const Site &site : s.sites) {
            QVERIFY(site.region.empty());
            QVERIFY(!site.down);
        }
        QVERIFY(!s.spans[0].metric);
        QVERIFY(!s.spans[0].down);
        QVERIFY(s.spans[0].srlg.empty());
        QVERIFY(!s.sizing.any());
        QVERIFY(!s.job->connections_per_pair);
        // It evaluates: 8 x 400ZR is 3,200 Gbps each way, and no error.
        const Results r = evaluate(s, Catalog::builtin());
        QVERIFY(!hasErrors(r.diagnostics));
        QCOMPARE(*r.spans[0].capacity_gbps, 3200.0);
    }

    void bomAndCrlfFilesOpen()
    {
        for (const QString &path : samplePaths()) {
            const std::string text = readAll(path);
            std::string windows = "\xEF\xBB\xBF";
            for (char c : text) {
                if (c == '\n')
                    windows += '\r';
                windows += c;
            }
            const ScenarioLoad original = parseScenario(text, "a.json", Catalog::builtin());
            const ScenarioLoad saved = parseScenario(windows, "b.json", Catalog::builtin());
            QVERIFY2(saved.ok(), qPrintable(path));
            QVERIFY(original.ok());
            QVERIFY2(*saved.scenario == *original.scenario, qPrintable(path));
        }
    }

    // Reliability finding D06a (90,000 levels crashed validate) and D06b (10,000 levels:
    // `format` wrote 200 MB): refused before parsing, with the line and column.
    void deepNestingRefused_data()
    {
        QTest::addColumn<int>("levels");
        QTest::newRow("65 levels") << 65;
        QTest::newRow("D06b 10,000") << 10000;
        QTest::newRow("D06a 90,000") << 90000;
    }
    void deepNestingRefused()
    {
        QFETCH(int, levels);
        const std::string head = R"({"format": "dci-scenario", "version": 1, "name": "deep", "sites": [], "spans": [], )";
        const std::string text = head + "\"x-deep\": " + std::string(static_cast<std::size_t>(levels), '[')
                                 + std::string(static_cast<std::size_t>(levels), ']') + "}";
        const dci::ScenarioLoad load = dci::parseScenario(text, "deep.json", dci::Catalog::builtin());
        QVERIFY(!load.ok());
        QCOMPARE(load.errors.size(), std::size_t(1));
        // The 64th bracket of the x- value is level 65 (the root object is level 1).
        const std::string expected = "deep.json: line 1, column " + std::to_string(head.size() + 10 + 64)
                                     + ": arrays and objects nested deeper than 64 levels; a scenario needs a few";
        QCOMPARE(load.errors.front(), expected);
        // 64 levels in all is still a scenario (the x- value is kept).
        const std::string fits = head + "\"x-deep\": " + std::string(63, '[') + std::string(63, ']') + "}";
        QVERIFY(dci::parseScenario(fits, "fits.json", dci::Catalog::builtin()).ok());
    }

    // Reliability finding D09: reading was quadratic in an array's length (100,000 demands
    // took 5.2 s, 1M over 400 s). Not timed: the CTest timeout is the guard.
    void hundredThousandDemands()
    {
        std::string text = R"({"format": "dci-scenario", "version": 1,
          "sites": [{"id": "s0", "lat": 0, "lon": 0}, {"id": "s1", "lat": 1, "lon": 1}],
          "spans": [{"id": "e", "a": "s0", "b": "s1", "length_km": 10}], "demands": [)";
        constexpr int kDemands = 100000;
        for (int i = 0; i < kDemands; ++i)
            text += std::string(i ? ", " : "") + R"({"from": "s0", "to": "s1", "gbps": )" + std::to_string(1 + i % 7) + "}";
        text += "]}";
        const dci::ScenarioLoad load = dci::parseScenario(text, "d09.json", dci::Catalog::builtin());
        QVERIFY2(load.ok(), load.errors.empty() ? "" : load.errors.front().c_str());
        QCOMPARE(load.scenario->demands.size(), std::size_t(kDemands));
        QCOMPARE(load.scenario->demands.back().gbps, double(1 + (kDemands - 1) % 7));
        // A problem in the last demand is still named by its index.
        const std::string bad = text.substr(0, text.rfind(R"("gbps")")) + R"("gbps": -1}]})";
        const dci::ScenarioLoad refused = dci::parseScenario(bad, "d09.json", dci::Catalog::builtin());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.errors.size(), std::size_t(1));
        QVERIFY2(refused.errors.front().rfind("d09.json: /demands/99999/gbps: expected", 0) == 0,
                 refused.errors.front().c_str());
    }

    void samplesLoad_data();
    void samplesLoad();
    void roundTripIsIdentity_data();
    void roundTripIsIdentity();
    void readsTheContractExample();
    void defaultsAndAutoValues();
    void extensionsAreKept();
    void siteDownAndSharedRiskGroups();
    void errorMessages_data();
    void errorMessages();
    void oneMessagePerProblem();
    void missingFileAndDirectory();
    void atomicSaveKeepsOldFileOnFailure();
    void samplesAreCanonical_data() { samplesLoad_data(); }
    void samplesAreCanonical();
};

// Samples are stored exactly as the app saves them, so opening one and saving it without
// edits changes no byte (and a diff of an edited sample shows only the edit).
void TstScenarioFile::samplesAreCanonical()
{
    QFETCH(QString, path);
    const ScenarioLoad load = readScenarioFile(path.toStdString(), Catalog::builtin());
    QVERIFY(load.ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromStdString(writeScenario(*load.scenario)), QString::fromUtf8(f.readAll()));
}

void TstScenarioFile::samplesLoad_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : samplePaths())
        QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
    QVERIFY(samplePaths().size() >= 3);
}

void TstScenarioFile::samplesLoad()
{
    QFETCH(QString, path);
    const ScenarioLoad load = readScenarioFile(path.toStdString(), Catalog::builtin());
    QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    QVERIFY(!load.scenario->name.empty());
    QVERIFY2(load.scenario->description.size() > 80, "each sample says what it teaches");
    QVERIFY(!load.scenario->sites.empty()); // power-wall.json is one campus, on purpose
}

void TstScenarioFile::roundTripIsIdentity_data() { samplesLoad_data(); }

void TstScenarioFile::roundTripIsIdentity()
{
    QFETCH(QString, path);
    const Catalog &catalog = Catalog::builtin();
    const ScenarioLoad first = readScenarioFile(path.toStdString(), catalog);
    QVERIFY(first.ok());
    const std::string text1 = writeScenario(*first.scenario);
    const ScenarioLoad second = parseScenario(text1, "saved.json", catalog);
    QVERIFY2(second.ok(), qPrintable(joined(second.errors)));
    const std::string text2 = writeScenario(*second.scenario);
    QCOMPARE(QString::fromStdString(text2), QString::fromStdString(text1));

    // Same content: counts and a few fields survive the trip.
    QCOMPARE(second.scenario->sites.size(), first.scenario->sites.size());
    QCOMPARE(second.scenario->spans.size(), first.scenario->spans.size());
    QCOMPARE(second.scenario->demands.size(), first.scenario->demands.size());
    for (std::size_t i = 0; i < first.scenario->sites.size(); ++i) {
        QCOMPARE(second.scenario->sites[i].lat, first.scenario->sites[i].lat);
        QCOMPARE(second.scenario->sites[i].gpus, first.scenario->sites[i].gpus);
    }
}

void TstScenarioFile::readsTheContractExample()
{
    // The example of docs/SCENARIO-FORMAT.md, with its second site.
    const std::string text = R"({
      "format": "dci-scenario", "version": 1, "name": "Two campuses", "description": "...",
      "sites": [ {"id": "a", "name": "Campus A", "lat": 41.26, "lon": -95.86,
                  "gpu": "H100-SXM", "gpus": 16384, "power_cap_mw": 40, "pue": 1.2},
                 {"id": "b", "name": "Campus B", "lat": 40.81, "lon": -96.70,
                  "gpu": "H100-SXM", "gpus": 16384, "power_cap_mw": 40, "pue": 1.2} ],
      "spans": [ {"id": "a-b", "a": "a", "b": "b", "length_km": 100, "optic": "400ZR",
                  "fiber_pairs": 1, "band": "C", "wavelengths": 8} ],
      "demands": [ {"from": "a", "to": "b", "gbps": 100, "label": "checkpoint copy"} ],
      "job": { "model_params": 70e9, "tokens_per_step": 16777216, "total_tokens": 15e12,
               "mfu": 0.40, "grad_bytes": 2, "overlap": 1.0, "strategy": "hierarchical" },
      "routing": {"policy": "shortest"},
      "assumptions": {}
    })";
    const ScenarioLoad load = parseScenario(text, "two.json", Catalog::builtin());
    QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    const Scenario &s = *load.scenario;
    QCOMPARE(s.name, std::string("Two campuses"));
    QCOMPARE(s.sites.size(), std::size_t(2));
    QCOMPARE(s.sites[0].gpus, std::int64_t(16384));
    QCOMPARE(*s.sites[0].power_cap_mw, 40.0);
    QCOMPARE(*s.spans[0].length_km, 100.0);
    QCOMPARE(*s.spans[0].wavelengths, 8);
    QCOMPARE(s.demands[0].gbps, 100.0);
    QCOMPARE(s.demands[0].label, std::string("checkpoint copy"));
    QVERIFY(s.job.has_value());
    QCOMPARE(s.job->model_params, 70e9);
    QCOMPARE(*s.job->mfu, 0.40);
    QCOMPARE(s.routing.policy, std::string("shortest"));
}

void TstScenarioFile::defaultsAndAutoValues()
{
    const std::string text = test::wrapSites(
        test::kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "length_km": "auto", "wavelengths": "auto",
                                        "fiber_pairs": "auto"}])");
    const ScenarioLoad load = parseScenario(text, "auto.json", Catalog::builtin());
    QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    const Span &span = load.scenario->spans[0];
    QVERIFY(!span.length_km.has_value());
    QVERIFY(!span.wavelengths.has_value());
    QVERIFY(!span.fiber_pairs.has_value());
    QCOMPARE(span.optic, Catalog::builtin().defaultOptic);
    QCOMPARE(span.band, Catalog::builtin().defaultBand);
    QCOMPARE(load.scenario->sites[0].name, std::string("a")); // name defaults to the id
    QCOMPARE(load.scenario->sites[0].gpu, Catalog::builtin().defaultGpu);
    QVERIFY(!load.scenario->job.has_value());
    const std::string saved = writeScenario(*load.scenario);
    QVERIFY(saved.find("\"wavelengths\": \"auto\"") != std::string::npos);
    QVERIFY(saved.find("\"fiber_pairs\": \"auto\"") != std::string::npos);
    QVERIFY(saved.find("length_km") == std::string::npos); // auto length is simply absent
}

void TstScenarioFile::extensionsAreKept()
{
    const std::string text = R"({"format": "dci-scenario", "version": 1, "x-owner": {"team": "net", "rev": 3},
        "sites": [{"id": "a", "lat": 1, "lon": 2, "x-rack-count": 12}, {"id": "b", "lat": 3, "lon": 4}],
        "assumptions": {"x-note": "from the 2026 RFP"}})";
    const ScenarioLoad load = parseScenario(text, "ext.json", Catalog::builtin());
    QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    QCOMPARE(load.scenario->extensions.at("x-owner"), std::string(R"({"rev":3,"team":"net"})"));
    const std::string saved = writeScenario(*load.scenario);
    QVERIFY(saved.find("\"x-rack-count\": 12") != std::string::npos);
    QVERIFY(saved.find("\"x-note\": \"from the 2026 RFP\"") != std::string::npos);
    QVERIFY(saved.find("\"team\": \"net\"") != std::string::npos);
}

// Additive keys of version 1: a site's "down" and a span's "srlg" are read, written back
// (omitted at their defaults) and survive load -> save -> load.
void TstScenarioFile::siteDownAndSharedRiskGroups()
{
    const std::string text = test::wrapSites(
        R"({"id": "a", "lat": 1, "lon": 2, "down": true}, {"id": "b", "lat": 3, "lon": 4, "down": false})",
        R"(, "spans": [{"id": "s", "a": "a", "b": "b", "srlg": ["conduit-i80", "bridge-x"]},
                      {"id": "t", "a": "a", "b": "b", "srlg": []}])");
    const ScenarioLoad load = parseScenario(text, "srlg.json", Catalog::builtin());
    QVERIFY2(load.ok(), qPrintable(joined(load.errors)));
    const Scenario &s = *load.scenario;
    QVERIFY(s.sites[0].down);
    QVERIFY(!s.sites[1].down);
    QCOMPARE(s.spans[0].srlg, (std::vector<std::string>{"conduit-i80", "bridge-x"}));
    QVERIFY(s.spans[1].srlg.empty());
    QVERIFY(s.spanOutOfService(s.spans[0])); // at a site that is down
    QVERIFY(!s.spans[0].down);

    const std::string saved = writeScenario(s);
    QCOMPARE(occurrences(saved, "\"down\""), 1);
    QVERIFY(saved.find("\"srlg\": [\n        \"conduit-i80\",\n        \"bridge-x\"\n      ]") != std::string::npos);
    QCOMPARE(occurrences(saved, "\"srlg\""), 1); // an empty list is not written
    const ScenarioLoad again = parseScenario(saved, "saved.json", Catalog::builtin());
    QVERIFY2(again.ok(), qPrintable(joined(again.errors)));
    QCOMPARE(QString::fromStdString(writeScenario(*again.scenario)), QString::fromStdString(saved));
}

void TstScenarioFile::errorMessages_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    for (const test::ErrorCase &c : test::errorCases())
        QTest::newRow(c.name) << QString::fromStdString(c.json) << QString::fromStdString(c.expected);
}

void TstScenarioFile::errorMessages()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const ScenarioLoad load = parseScenario(json.toStdString(), "bad.json", Catalog::builtin());
    QVERIFY(!load.ok());
    const QString all = joined(load.errors);
    QVERIFY2(all.contains(QStringLiteral("bad.json: ") + expected), qPrintable(all));
    for (const std::string &e : load.errors) // every message names the file first
        QVERIFY(QString::fromStdString(e).startsWith(QStringLiteral("bad.json: ")));
}

void TstScenarioFile::oneMessagePerProblem()
{
    // Three independent problems give three messages; a bad site does not cascade into
    // "unknown site" messages on the spans that use it.
    const std::string text = test::wrapSites(
        R"({"id": "a", "lat": 100, "lon": 1}, {"id": "b", "lat": 1, "lon": 1, "gpu": "X"})",
        R"(, "spans": [{"id": "s", "a": "a", "b": "b", "optic": "Y"}])");
    const ScenarioLoad load = parseScenario(text, "three.json", Catalog::builtin());
    QCOMPARE(load.errors.size(), std::size_t(3));
    QVERIFY(QString::fromStdString(load.errors[0]).contains(QStringLiteral("/sites/0/lat")));
    QVERIFY(QString::fromStdString(load.errors[1]).contains(QStringLiteral("/sites/1/gpu")));
    QVERIFY(QString::fromStdString(load.errors[2]).contains(QStringLiteral("/spans/0/optic")));
}

void TstScenarioFile::missingFileAndDirectory()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath(QStringLiteral("nope.json")).toStdString();
    ScenarioLoad load = readScenarioFile(missing, Catalog::builtin());
    QVERIFY(!load.ok());
    QCOMPARE(QString::fromStdString(load.errors.at(0)), QString::fromStdString(missing + ": cannot open the file (no such file)"));
    load = readScenarioFile(dir.path().toStdString(), Catalog::builtin());
    QVERIFY(!load.ok());
    QVERIFY(QString::fromStdString(load.errors.at(0)).contains(QStringLiteral("is a directory")));
}

void TstScenarioFile::atomicSaveKeepsOldFileOnFailure()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.json"));
    const ScenarioLoad load = readScenarioFile(samplePaths().first().toStdString(), Catalog::builtin());
    QVERIFY(load.ok());
    std::string error;
    QVERIFY(writeScenarioFile(path.toStdString(), *load.scenario, &error));
    QCOMPARE(readAll(path), writeScenario(*load.scenario));
    QVERIFY(!QFile::exists(path + QStringLiteral(".saving")));

    // A save into a folder that does not exist fails with a message and touches nothing.
    const QString bad = dir.filePath(QStringLiteral("missing/plan.json"));
    QVERIFY(!writeScenarioFile(bad.toStdString(), *load.scenario, &error));
    QVERIFY(QString::fromStdString(error).startsWith(bad));
    QCOMPARE(readAll(path), writeScenario(*load.scenario));
}

QTEST_GUILESS_MAIN(TstScenarioFile)
#include "tst_scenariofile.moc"
