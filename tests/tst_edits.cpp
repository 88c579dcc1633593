// The GUI's scenario edits (core/edit/edits.h) and the check every edit passes before it is
// stored (checkScenario): pure functions, tested without a window.
#include "edit/edits.h"

#include "io/scenariojson.h"
#include "model/textformat.h"
#include "testutil.h"

#include <QDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace dci;
using dci::test::parse;

namespace {

const std::string kThree = R"({"format": "dci-scenario", "version": 1, "name": "three",
  "sites": [{"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 1024}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 1024},
            {"id": "c", "lat": 41.88, "lon": -87.63, "gpus": 1024}],
  "spans": [{"id": "a-b", "a": "a", "b": "b", "length_km": 100}, {"id": "b-c", "a": "b", "b": "c"}],
  "demands": [{"from": "a", "to": "c", "gbps": 10}, {"from": "a", "to": "b", "gbps": 5}],
  "job": {"model_params": 7e9, "tokens_per_step": 1048576, "dc_pattern": "ring", "ring_order": ["c", "b", "a"]}})";

// Every kind of edit of core/edit/edits.h on a plan, with ordinary and extreme values: what
// the GUI or a sweep may ask for. Refused edits are left out.
std::vector<std::pair<std::string, Scenario>> editsOf(const Scenario &s)
{
    const Catalog &catalog = Catalog::builtin();
    std::vector<std::pair<std::string, Scenario>> out;
    auto add = [&](const std::string &what, const edits::Edited &e) {
        if (e.ok())
            out.emplace_back(what, e.scenario);
    };
    auto plain = [&](const std::string &what, const Scenario &after) { out.emplace_back(what, after); };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::string site0 = s.sites.empty() ? "a" : s.sites.front().id;
    const std::string siteN = s.sites.empty() ? "b" : s.sites.back().id;
    const std::string span0 = s.spans.empty() ? "a-b" : s.spans.front().id;

    plain("addSite", edits::addSite(s, catalog, 45.5, 190.0, nullptr));
    plain("addSite far off", edits::addSite(s, catalog, 1e9, -1e9, nullptr));
    plain("addNamedSite", edits::addNamedSite(s, catalog, "São Paulo", -23.55, -46.63, nullptr));
    plain("addNamedSite odd name", edits::addNamedSite(s, catalog, " ~/x ", 10.0, 10.0, nullptr));
    plain("addSpan", edits::addSpan(s, catalog, site0, siteN, nullptr));
    plain("moveSites", edits::moveSites(s, {{site0, 95.0, 400.0}, {siteN, -12.5, 33.25}}));
    plain("removeElements site", edits::removeElements(s, {site0}, {}));
    plain("removeElements span", edits::removeElements(s, {}, {span0}));
    for (const double m : {1.0, 64.0, static_cast<double>(kMaxSpanMetric), static_cast<double>(kMaxSpanMetric) + 1, 0.0})
        add("setSpanMetric " + plainNumber(m), edits::setSpanMetric(s, span0, static_cast<std::int64_t>(m)));
    add("setSpanMetric none", edits::setSpanMetric(s, span0, std::nullopt));
    for (const std::string region : {"west", "  east  ", "", "\xff\xfe"})
        add("setSiteRegion", edits::setSiteRegion(s, site0, region));
    for (const bool down : {true, false}) {
        add("setSpanDown", edits::setSpanDown(s, span0, down));
        add("setSiteDown", edits::setSiteDown(s, site0, down));
    }
    for (const double km : {1e-9, 1.0, 20037.5, 20037.6, 1e38, 1e308, 0.0, -5.0, nan, inf})
        add("setSpanLength " + plainNumber(km), edits::setSpanLength(s, span0, km));
    add("setSpanLength auto", edits::setSpanLength(s, span0, std::nullopt));
    for (const std::string &optic : catalog.opticNames())
        add("setSpanOptic " + optic, edits::setSpanOptic(s, catalog, span0, optic));
    add("setSpanOptic unknown", edits::setSpanOptic(s, catalog, span0, "nope"));
    for (const double n : {1.0, 1000.0, 1001.0, 2147483647.0, 2147483648.0, 2.5, 0.0})
        add("setSpanWavelengths " + plainNumber(n), edits::setSpanWavelengths(s, span0, n));
    add("setSpanWavelengths auto", edits::setSpanWavelengths(s, span0, std::nullopt));
    for (const double n : {0.0, 16384.0, 1e7, 1e7 + 1, 1e15, 9e15, -1.0, 0.5})
        add("setSiteGpus " + plainNumber(n), edits::setSiteGpus(s, site0, n));
    const std::vector<std::optional<double>> values = {std::nullopt, 0.0, 1e-300, 1e-6, 0.5, 1.0, 2.5, 64.0,
                                                       1e6, 1e12 + 1, 1e15, 1e300, -1.0, nan, inf};
    for (const std::string &key : jobNumberKeys())
        for (const std::optional<double> &v : values)
            add("setJobNumber " + key + " " + (v ? plainNumber(*v) : "none"), edits::setJobNumber(s, key, v));
    for (const std::optional<double> &v : values)
        add("setJobConnections " + (v ? plainNumber(*v) : "none"), edits::setJobConnections(s, v));
    std::vector<std::string> keys = catalog.figureKeys();
    keys.insert(keys.end(), std::begin(kDerivedAssumptionKeys), std::end(kDerivedAssumptionKeys));
    for (const std::string &key : keys)
        for (const std::optional<double> &v : values)
            add("setAssumption " + key + " " + (v ? plainNumber(*v) : "none"), edits::setAssumption(s, catalog, key, v));
    for (const std::string name : {"Iowa - Ohio", "   ", "\xc3\x28 broken", "tab\there"}) {
        add("setPlanName", edits::setPlanName(s, name));
        add("setPlanDescription", edits::setPlanDescription(s, name + "\n\nsecond line"));
    }
    return out;
}

} // namespace

class TstEdits : public QObject {
    Q_OBJECT

private slots:
    void checkScenarioAcceptsWhatTheReaderAccepts()
    {
        const Scenario s = parse(kThree);
        QVERIFY(checkScenario(s, Catalog::builtin()).empty());
    }

    void checkScenarioNamesTheField()
    {
        Scenario s = parse(kThree);
        s.sites[1].gpus = -5;
        s.spans[0].optic = "401ZR";
        const std::vector<std::string> problems = checkScenario(s, Catalog::builtin());
        QCOMPARE(problems.size(), std::size_t(2));
        QVERIFY2(problems[0].rfind("/sites/1/gpus: ", 0) == 0, problems[0].c_str());
        QVERIFY2(problems[1].rfind("/spans/0/optic: ", 0) == 0, problems[1].c_str());
        QVERIFY2(problems[1].find("400ZR") != std::string::npos, problems[1].c_str()); // the suggestion
    }

    void addSiteGetsAFreeIdAndStaysValid()
    {
        Scenario s = parse(kThree);
        s.sites[0].id = "site-4"; // the id a naive count would pick
        s.spans[0].a = "site-4";
        s.demands[0].from = s.demands[1].from = "site-4";
        s.job->ring_order[2] = "site-4";
        std::string id;
        const Scenario after = edits::addSite(s, Catalog::builtin(), 45.5, 190.0, &id);
        QCOMPARE(id, std::string("site-5"));
        QCOMPARE(after.sites.size(), std::size_t(4));
        const Site &site = after.sites.back();
        QCOMPARE(site.name, std::string("Site 5"));
        QCOMPARE(site.lat, 45.5);
        QCOMPARE(site.lon, -170.0); // wrapped
        QCOMPARE(site.gpus, std::int64_t(0));
        QCOMPARE(site.gpu, Catalog::builtin().gpus.front().name);
        QVERIFY(checkScenario(after, Catalog::builtin()).empty());
    }

    // File > New then a click: an empty plan and its first site are both valid.
    void firstSiteOfAnEmptyPlan()
    {
        Scenario empty;
        empty.name = "Untitled plan";
        QVERIFY(checkScenario(empty, Catalog::builtin()).empty());
        std::string id;
        const Scenario after = edits::addSite(empty, Catalog::builtin(), 41.0, -95.0, &id);
        QCOMPARE(id, std::string("site-1"));
        QVERIFY(checkScenario(after, Catalog::builtin()).empty());
    }

    void addSpanDefaultsAndParallelIds()
    {
        const Scenario s = parse(kThree);
        std::string id;
        Scenario after = edits::addSpan(s, Catalog::builtin(), "a", "b", &id);
        QCOMPARE(id, std::string("a-b-2")); // "a-b" is taken: a parallel span
        const Span &span = after.spans.back();
        QCOMPARE(span.optic, std::string("400ZR"));
        QCOMPARE(span.band, std::string("C"));
        QCOMPARE(span.fiber_pairs, std::optional<int>(1));
        QCOMPARE(span.wavelengths, std::optional<int>(8));
        QVERIFY(!span.length_km.has_value()); // from the map
        QVERIFY(checkScenario(after, Catalog::builtin()).empty());
        after = edits::addSpan(after, Catalog::builtin(), "a", "b", &id);
        QCOMPARE(id, std::string("a-b-3"));
        // A span to itself or to an unknown site is no edit.
        id.clear();
        QCOMPARE(writeScenario(edits::addSpan(s, Catalog::builtin(), "a", "a", &id)), writeScenario(s));
        QCOMPARE(writeScenario(edits::addSpan(s, Catalog::builtin(), "a", "zz", &id)), writeScenario(s));
        QVERIFY(id.empty());
    }

    // Omaha to Chicago: 687.8 km of great circle (haversine, R = 6,371 km), 859.8 km of
    // route at the catalog's factor 1.25.
    // 400ZR does not reach that far; the new span gets the fastest optic that does.
    void longSpanGetsAnOpticThatReaches()
    {
        const Scenario s = parse(kThree);
        const Catalog &catalog = Catalog::builtin();
        std::string id;
        const Scenario after = edits::addSpan(s, catalog, "a", "c", &id);
        const Span &span = *after.span(id);
        const double length_km = 687.8 * catalog.figure("route_factor");
        QVERIFY(catalog.optic("400ZR")->reach_km < length_km);
        const Optic *optic = catalog.optic(span.optic);
        QVERIFY(optic);
        QVERIFY2(optic->reach_km >= length_km, span.optic.c_str());
        for (const Optic &other : catalog.optics)
            QVERIFY2(other.reach_km < length_km || other.rate_gbps <= optic->rate_gbps, other.name.c_str());
        QVERIFY(checkScenario(after, catalog).empty());
    }

    void namedSiteGetsAReadableId()
    {
        const Scenario s = parse(kThree);
        std::string id;
        Scenario after = edits::addNamedSite(s, Catalog::builtin(), "Des Moines", 41.58, -93.62, &id);
        QCOMPARE(id, std::string("des-moines"));
        QCOMPARE(after.sites.back().name, std::string("Des Moines"));
        QCOMPARE(after.sites.back().lat, 41.58);
        QCOMPARE(after.sites.back().gpus, std::int64_t(0));
        after = edits::addNamedSite(after, Catalog::builtin(), "Des Moines", 41.6, -93.6, &id);
        QCOMPARE(id, std::string("des-moines-2"));
        QVERIFY(checkScenario(after, Catalog::builtin()).empty());
        QCOMPARE(edits::readableId("St_Louis"), std::string("st-louis"));
        QCOMPARE(edits::readableId("  Winston-Salem, NC "), std::string("winston-salem-nc"));
        QCOMPARE(edits::readableId("S\u00e3o Paulo"), std::string("s\u00e3o-paulo"));
        QCOMPARE(edits::readableId("!!!"), std::string("site"));
    }

    void moveSitesClampsAndIgnoresUnknownIds()
    {
        const Scenario s = parse(kThree);
        const Scenario after = edits::moveSites(s, {{"b", 95.0, -181.0}, {"zz", 1.0, 1.0}});
        QCOMPARE(after.sites[1].lat, 90.0);
        QCOMPARE(after.sites[1].lon, 179.0);
        QCOMPARE(after.sites[0].lat, s.sites[0].lat);
        QCOMPARE(after.sites.size(), s.sites.size());
    }

    void removeSiteTakesItsSpansDemandsAndRingPlace()
    {
        const Scenario s = parse(kThree);
        const Scenario after = edits::removeElements(s, {"c"}, {"a-b"});
        QCOMPARE(after.sites.size(), std::size_t(2));
        QVERIFY(after.spans.empty()); // a-b removed, b-c went with c
        QCOMPARE(after.demands.size(), std::size_t(1));
        QCOMPARE(after.demands[0].to, std::string("b"));
        QCOMPARE(after.job->ring_order, (std::vector<std::string>{"b", "a"}));
        QVERIFY(checkScenario(after, Catalog::builtin()).empty());
    }

    // The Properties dock's span metric: set, back to auto (latency), refused out of the
    // IS-IS wide range or for an unknown span; the result is what the reader accepts.
    void setSpanMetric_data()
    {
        QTest::addColumn<qint64>("metric"); // 0 = none (auto)
        QTest::addColumn<QString>("error");
        QTest::newRow("set") << qint64(1000) << QString();
        QTest::newRow("smallest") << qint64(1) << QString();
        QTest::newRow("largest") << qint64(kMaxSpanMetric) << QString();
        QTest::newRow("auto") << qint64(0) << QString();
        QTest::newRow("too large") << qint64(kMaxSpanMetric + 1)
                                   << "expected an IGP metric from 1 to 16777215 (a whole number), got 16777216";
        QTest::newRow("negative") << qint64(-5) << "expected an IGP metric from 1 to 16777215 (a whole number), got -5";
    }
    void setSpanMetric()
    {
        QFETCH(qint64, metric);
        QFETCH(QString, error);
        Scenario s = parse(kThree);
        s.spans[0].metric = 77;
        const std::optional<std::int64_t> value = metric == 0 ? std::nullopt : std::optional<std::int64_t>(metric);
        const edits::Edited e = edits::setSpanMetric(s, "a-b", value);
        QCOMPARE(QString::fromStdString(e.error), error);
        QCOMPARE(e.ok(), error.isEmpty());
        Scenario expected = s;
        if (e.ok())
            expected.spans[0].metric = value;
        QCOMPARE(writeScenario(e.scenario), writeScenario(expected)); // refused: unchanged
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
    }

    void spanMetricProblemRefusesFractions()
    {
        QCOMPARE(edits::spanMetricProblem(2.5),
                 std::string("expected an IGP metric from 1 to 16777215 (a whole number), got 2.5"));
        QVERIFY(!edits::spanMetricProblem(0.0).empty());
        QVERIFY(edits::spanMetricProblem(490.0).empty());
    }

    void setSpanMetricOfAnUnknownSpan()
    {
        const Scenario s = parse(kThree);
        const edits::Edited e = edits::setSpanMetric(s, "zz", 10);
        QVERIFY(!e.ok());
        QCOMPARE(e.error, std::string("no span \"zz\""));
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));
    }

    void setSiteRegion()
    {
        const Scenario s = parse(kThree);
        edits::Edited e = edits::setSiteRegion(s, "b", "  west ");
        QVERIFY(e.ok());
        QCOMPARE(e.scenario.sites[1].region, std::string("west")); // surrounding spaces go
        QCOMPARE(e.scenario.sites[0].region, std::string());
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
        // Cleared: a region of its own, as before.
        e = edits::setSiteRegion(e.scenario, "b", " ");
        QVERIFY(e.ok());
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));

        e = edits::setSiteRegion(s, "zz", "west");
        QVERIFY(!e.ok());
        QCOMPARE(e.error, std::string("no site \"zz\""));
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));
    }

    void setSpanAndSiteDown()
    {
        const Scenario s = parse(kThree);
        edits::Edited e = edits::setSiteDown(s, "c", true);
        QVERIFY(e.ok());
        QVERIFY(e.scenario.sites[2].down);
        QVERIFY(!e.scenario.spans[1].down); // the span keeps its own state; the site takes it out
        QVERIFY(e.scenario.spanOutOfService(e.scenario.spans[1]));
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
        e = edits::setSiteDown(e.scenario, "c", false); // restored: the file as it was
        QVERIFY(e.ok());
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));

        e = edits::setSpanDown(s, "a-b", true);
        QVERIFY(e.ok());
        QVERIFY(e.scenario.spans[0].down);
        QVERIFY(!e.scenario.spanOutOfService(e.scenario.spans[1]));

        e = edits::setSiteDown(s, "zz", true);
        QVERIFY(!e.ok());
        QCOMPARE(e.error, std::string("no site \"zz\""));
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));
        e = edits::setSpanDown(s, "zz", true);
        QCOMPARE(e.error, std::string("no span \"zz\""));
    }

    // The edits a sweep point makes (and a Properties field can): each sets its one field,
    // and refuses what the file reader would, saying why.
    void setSpanSiteAndJobNumbers()
    {
        const Scenario s = parse(kThree);
        const Catalog &catalog = Catalog::builtin();
        edits::Edited e = edits::setSpanLength(s, "b-c", 250.0);
        QVERIFY(e.ok());
        QCOMPARE(*e.scenario.spans[1].length_km, 250.0);
        e = edits::setSpanLength(e.scenario, "b-c", std::nullopt); // back to the map's length
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));
        QCOMPARE(edits::setSpanLength(s, "b-c", 0.0).error,
                 std::string("expected a fiber length in km (a finite number > 0), got 0"));

        e = edits::setSpanOptic(s, catalog, "a-b", "800ZR");
        QCOMPARE(e.scenario.spans[0].optic, std::string("800ZR"));
        QVERIFY(edits::setSpanOptic(s, catalog, "a-b", "900ZR").error.rfind("unknown optic \"900ZR\"; the catalog has: 400ZR", 0)
                == 0);

        e = edits::setSpanWavelengths(s, "a-b", 16.0);
        QCOMPARE(*e.scenario.spans[0].wavelengths, 16);
        QVERIFY(!edits::setSpanWavelengths(s, "a-b", std::nullopt).scenario.spans[0].wavelengths); // "auto"
        QCOMPARE(edits::setSpanWavelengths(s, "a-b", 0.5).error,
                 std::string("expected lit wavelengths per fiber pair (a whole number >= 1), got 0.5"));

        e = edits::setSiteGpus(s, "c", 4096.0);
        QCOMPARE(e.scenario.sites[2].gpus, std::int64_t(4096));
        QCOMPARE(edits::setSiteGpus(s, "c", -1.0).error, std::string("expected a GPU count (a whole number >= 0), got -1"));
        QCOMPARE(edits::setSiteGpus(s, "zz", 1.0).error, std::string("no site \"zz\""));

        e = edits::setJobNumber(s, "inner_steps", 50.0);
        QCOMPARE(*e.scenario.job->inner_steps, 50.0);
        e = edits::setJobNumber(e.scenario, "inner_steps", std::nullopt); // follows the catalog again
        QCOMPARE(writeScenario(e.scenario), writeScenario(s));
        e = edits::setJobNumber(s, "model_params", 405e9);
        QCOMPARE(e.scenario.job->model_params, 405e9);
        QCOMPARE(edits::setJobNumber(s, "model_params", std::nullopt).error, std::string("model_params is required"));
        QVERIFY(edits::setJobNumber(s, "strategy", 1.0).error.rfind("no numeric job field \"strategy\"", 0) == 0);
        Scenario noJob = s;
        noJob.job.reset();
        QCOMPARE(edits::setJobNumber(noJob, "mfu", 0.5).error, std::string("the scenario has no training job"));
    }

    void setJobConnections_data()
    {
        QTest::addColumn<double>("connections"); // 0 = none (derived)
        QTest::addColumn<QString>("error");
        QTest::newRow("set") << 512.0 << QString();
        QTest::newRow("one") << 1.0 << QString();
        QTest::newRow("derived") << 0.0 << QString();
        QTest::newRow("fraction") << 2.5 << "expected a whole number of connections >= 1, got 2.5";
        QTest::newRow("below one") << 0.5 << "expected a whole number of connections >= 1, got 0.5";
        QTest::newRow("infinite") << qInf() << "expected a whole number of connections >= 1, got inf";
    }
    void setJobConnections()
    {
        QFETCH(double, connections);
        QFETCH(QString, error);
        Scenario s = parse(kThree);
        s.job->connections_per_pair = 16.0;
        const std::optional<double> value = connections == 0.0 ? std::nullopt : std::optional<double>(connections);
        const edits::Edited e = edits::setJobConnections(s, value);
        QCOMPARE(QString::fromStdString(e.error), error);
        Scenario expected = s;
        if (e.ok())
            expected.job->connections_per_pair = value;
        QCOMPARE(writeScenario(e.scenario), writeScenario(expected));
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
    }

    void setJobConnectionsWithoutAJob()
    {
        Scenario s = parse(kThree);
        s.job.reset();
        const edits::Edited e = edits::setJobConnections(s, 64.0);
        QVERIFY(!e.ok());
        QCOMPARE(e.error, std::string("the scenario has no training job"));
        QVERIFY(!e.scenario.job);
    }

    void setAssumption_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value"); // NaN = none (back to the catalog)
        QTest::addColumn<QString>("error");
        const double none = qQNaN();
        QTest::newRow("loss rate") << "loss_rate" << 1e-6 << QString();
        QTest::newRow("loss rate zero") << "loss_rate" << 0.0 << QString();
        QTest::newRow("loss rate cleared") << "loss_rate" << none << QString();
        QTest::newRow("loss rate above one") << "loss_rate" << 1.5 << "expected a number in [0, 1], got 1.5";
        QTest::newRow("mtu zero") << "mtu_bytes" << 0.0 << "expected a finite number >= 1, got 0";
        QTest::newRow("price") << "amplifier_usd" << 55000.0 << QString();
        QTest::newRow("negative price") << "amplifier_usd" << -1.0 << "expected a finite number >= 0, got -1";
        QTest::newRow("job default") << "mfu" << 0.35 << QString();
        QTest::newRow("mfu zero") << "mfu" << 0.0 << "expected a number in (0, 1], got 0";
        QTest::newRow("infinite buffer") << "switch_buffer_mb" << qInf() << "expected a finite number >= 0, got inf";
        QTest::newRow("connections") << "connections_per_pair" << 64.0 << QString();
        QTest::newRow("flows cleared") << "flows_per_pair" << none << QString();
        QTest::newRow("connections fraction") << "connections_per_pair" << 2.5 << "expected a whole number >= 1, got 2.5";
        QTest::newRow("flows zero") << "flows_per_pair" << 0.0 << "expected a whole number >= 1, got 0";
        QTest::newRow("unknown key") << "loss" << 0.1 << "no catalog figure \"loss\"";
        QTest::newRow("unknown key cleared") << "loss" << none << "no catalog figure \"loss\"";
        QTest::newRow("entry overrides are no figure") << "gpus" << 1.0 << "no catalog figure \"gpus\"";
    }
    void setAssumption()
    {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QString, error);
        Scenario s = parse(kThree);
        s.assumptions.figures["loss_rate"] = 1e-4;
        s.assumptions.figures["flows_per_pair"] = 8.0;
        const std::optional<double> v = std::isnan(value) ? std::nullopt : std::optional<double>(value);
        const edits::Edited e = edits::setAssumption(s, Catalog::builtin(), key.toStdString(), v);
        QCOMPARE(QString::fromStdString(e.error), error);
        Scenario expected = s;
        if (e.ok() && v)
            expected.assumptions.figures[key.toStdString()] = *v;
        else if (e.ok())
            expected.assumptions.figures.erase(key.toStdString());
        QCOMPARE(writeScenario(e.scenario), writeScenario(expected));
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
    }

    // The edit refuses exactly what the file reader refuses, for every key it knows.
    void setAssumptionAgreesWithTheReader()
    {
        std::vector<std::string> keys;
        for (const auto *section : {&Catalog::builtin().assumptions, &Catalog::builtin().jobDefaults,
                                    &Catalog::builtin().prices})
            for (const auto &entry : *section)
                keys.push_back(entry.first);
        for (const char *key : kDerivedAssumptionKeys)
            keys.emplace_back(key);
        for (const std::string &key : keys) {
            for (const double v : {-1.0, 0.0, 1e-6, 0.5, 1.0, 1.5, 64.0}) {
                Scenario s = parse(kThree);
                s.assumptions.figures[key] = v;
                const bool readerAccepts = checkScenario(s, Catalog::builtin()).empty();
                const std::string problem = edits::assumptionProblem(Catalog::builtin(), key, v);
                QVERIFY2(readerAccepts == problem.empty(), (key + " = " + std::to_string(v) + ": " + problem).c_str());
            }
        }
    }

    // The save-and-reopen guarantee (issue 15): after any edit of any sample, either
    // validateScenario refuses the plan, and so does the reader on its saved bytes at the
    // same places, or the saved plan reads back equal and saves to the same bytes again.
    void everyEditSavesAndReopens_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(DCI_SOURCE_DIR "/samples"));
        for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void everyEditSavesAndReopens()
    {
        QFETCH(QString, path);
        const Catalog &catalog = Catalog::builtin();
        const ScenarioLoad load = readScenarioFile(path.toStdString(), catalog);
        QVERIFY(load.ok());
        int accepted = 0, refused = 0;
        for (const auto &[what, after] : editsOf(*load.scenario)) {
            const std::vector<Problem> problems = validateScenario(after, catalog);
            std::string text;
            try {
                text = writeScenario(after);
            } catch (const std::exception &e) { // text that is not UTF-8 cannot be written as JSON
                QVERIFY2(!problems.empty(), (what + ": " + e.what()).c_str());
                ++refused;
                continue;
            }
            const ScenarioLoad back = parseScenario(text, "edited.json", catalog);
            QVERIFY2(back.ok() == problems.empty(), what.c_str());
            if (back.ok()) {
                QVERIFY2(writeScenario(*back.scenario) == text, what.c_str());
                ++accepted;
                continue;
            }
            // The same places (the wording may differ: a NaN is saved as null, a type error).
            std::vector<std::string> expected;
            for (const Problem &p : problems)
                expected.push_back("edited.json: " + p.pointer + ": ");
            std::vector<std::string> got;
            for (const std::string &e : back.errors)
                got.push_back(e.substr(0, e.find(": ", std::string("edited.json: ").size()) + 2));
            std::sort(expected.begin(), expected.end());
            std::sort(got.begin(), got.end());
            QVERIFY2(got == expected, (what + ": " + (got.empty() ? std::string() : got.front())).c_str());
            ++refused;
        }
        QVERIFY(accepted > 100);
        QVERIFY(refused > 10);
    }

    // A problem names the pointer of the value as the file has it, and its key.
    void validateScenarioGivesPointerAndField()
    {
        Scenario s = parse(kThree);
        s.spans[1].fiber_pairs = 1001;
        s.assumptions.optics["400ZR"]["spacing_ghz"] = 1e-300;
        const std::vector<Problem> problems = validateScenario(s, Catalog::builtin());
        QCOMPARE(problems.size(), std::size_t(2));
        QCOMPARE(problems[0].pointer, std::string("/spans/1/fiber_pairs"));
        QCOMPARE(problems[0].field, std::string("fiber_pairs"));
        QCOMPARE(problems[0].message,
                 std::string("expected a fiber-pair count: at most 1000 (more than the largest cables hold), got 1001"));
        QCOMPARE(problems[1].pointer, std::string("/assumptions/optics/400ZR/spacing_ghz"));
        QCOMPARE(problems[1].field, std::string("spacing_ghz"));
    }

    void setPlanNameAndDescription()
    {
        const Scenario s = parse(kThree);
        const edits::Edited named = edits::setPlanName(s, "  Iowa - Ohio  ");
        QVERIFY(named.ok());
        QCOMPARE(named.scenario.name, std::string("Iowa - Ohio"));
        const std::string text = "Set the loss rate to 1e-6.\n\nThen compare.";
        const edits::Edited described = edits::setPlanDescription(named.scenario, text);
        QVERIFY(described.ok());
        QCOMPARE(described.scenario.description, text);
        QCOMPARE(described.scenario.name, std::string("Iowa - Ohio"));
        // Both survive a save and a read.
        const Scenario back = parse(writeScenario(described.scenario));
        QCOMPARE(back.description, text);
        QCOMPARE(back.name, std::string("Iowa - Ohio"));
        QVERIFY(edits::setPlanDescription(s, std::string()).scenario.description.empty());
    }

    // ---- the Properties fields' edits (issue 15): accepted, refused saying why, unknown id ----

    void setSiteFields()
    {
        const Scenario s = parse(kThree);
        const Catalog &catalog = Catalog::builtin();
        edits::Edited e = edits::setSiteName(s, "b", "Lincoln");
        QVERIFY(e.ok());
        QCOMPARE(e.scenario.sites[1].name, std::string("Lincoln"));
        QCOMPARE(edits::setSiteName(e.scenario, "b", "  ").scenario.sites[1].name, std::string("b")); // the id back
        QCOMPARE(edits::setSiteName(s, "zz", "x").error, std::string("no site \"zz\""));

        e = edits::setSitePosition(s, "a", 45.5, -100.25);
        QCOMPARE(e.scenario.sites[0].lat, 45.5);
        QCOMPARE(e.scenario.sites[0].lon, -100.25);
        QCOMPARE(edits::setSitePosition(s, "a", 95.0, 0.0).error, std::string("expected a latitude in degrees, -90 to 90, got 95"));
        QCOMPARE(edits::setSitePosition(s, "a", 0.0, -181.0).error,
                 std::string("expected a longitude in degrees, -180 to 180, got -181"));
        QCOMPARE(edits::setSitePosition(s, "zz", 0.0, 0.0).error, std::string("no site \"zz\""));

        const std::string gpu = catalog.gpus.back().name;
        e = edits::setSiteGpuType(s, catalog, "c", gpu);
        QCOMPARE(e.scenario.sites[2].gpu, gpu);
        QVERIFY(edits::setSiteGpuType(s, catalog, "c", "Z9000").error.rfind("unknown GPU \"Z9000\"; the catalog has: ", 0) == 0);
        QCOMPARE(edits::setSiteGpuType(s, catalog, "zz", gpu).error, std::string("no site \"zz\""));
        QCOMPARE(edits::siteGpusProblem(2.5), std::string("expected a GPU count (a whole number >= 0), got 2.5"));
        QVERIFY(edits::siteGpusProblem(0.0).empty());

        e = edits::setSitePowerCap(s, "a", 40.0);
        QCOMPARE(e.scenario.sites[0].power_cap_mw, std::optional<double>(40.0));
        QVERIFY(!edits::setSitePowerCap(e.scenario, "a", std::nullopt).scenario.sites[0].power_cap_mw); // unlimited
        QCOMPARE(edits::setSitePowerCap(s, "a", -1.0).error, std::string("expected a power cap in MW (a finite number >= 0), got -1"));
        QCOMPARE(edits::setSitePowerCap(s, "zz", 1.0).error, std::string("no site \"zz\""));

        e = edits::setSitePue(s, "a", 1.3);
        QCOMPARE(e.scenario.sites[0].pue, std::optional<double>(1.3));
        QVERIFY(!edits::setSitePue(e.scenario, "a", std::nullopt).scenario.sites[0].pue); // the plan's PUE
        QCOMPARE(edits::setSitePue(s, "a", 0.5).error, std::string("expected a PUE (a finite number >= 1), got 0.5"));
        QCOMPARE(edits::setSitePue(s, "zz", 1.2).error, std::string("no site \"zz\""));
        for (const edits::Edited &ok : {edits::setSiteName(s, "b", "Lincoln"), edits::setSitePosition(s, "a", 45.5, -100.25),
                                        edits::setSiteGpuType(s, catalog, "c", gpu), edits::setSitePowerCap(s, "a", 40.0),
                                        edits::setSitePue(s, "a", 1.3)})
            QVERIFY(checkScenario(ok.scenario, catalog).empty());
    }

    void setSpanBandAndFiberPairs()
    {
        const Scenario s = parse(kThree);
        const Catalog &catalog = Catalog::builtin();
        const std::string band = catalog.bands.back().name;
        edits::Edited e = edits::setSpanBand(s, catalog, "a-b", band);
        QVERIFY(e.ok());
        QCOMPARE(e.scenario.spans[0].band, band);
        QVERIFY(checkScenario(e.scenario, catalog).empty());
        QVERIFY(edits::setSpanBand(s, catalog, "a-b", "Q").error.rfind("unknown band \"Q\"; the catalog has: ", 0) == 0);
        QCOMPARE(edits::setSpanBand(s, catalog, "zz", band).error, std::string("no span \"zz\""));

        e = edits::setSpanFiberPairs(s, "a-b", 4.0);
        QCOMPARE(e.scenario.spans[0].fiber_pairs, std::optional<int>(4));
        QVERIFY(!edits::setSpanFiberPairs(s, "a-b", std::nullopt).scenario.spans[0].fiber_pairs); // "auto"
        QCOMPARE(edits::setSpanFiberPairs(s, "a-b", 0.0).error,
                 std::string("expected a fiber-pair count (a whole number >= 1), got 0"));
        QCOMPARE(edits::setSpanFiberPairs(s, "a-b", 1.5).error,
                 std::string("expected a fiber-pair count (a whole number >= 1), got 1.5"));
        QCOMPARE(edits::setSpanFiberPairs(s, "zz", 1.0).error, std::string("no span \"zz\""));
        QCOMPARE(edits::spanLengthProblem(-5.0), std::string("expected a fiber length in km (a finite number > 0), got -5"));
        QVERIFY(edits::spanOpticProblem(catalog, "400ZR").empty());
        QVERIFY(edits::spanWavelengthsProblem(8.0).empty());
    }

    // The job number rule refuses exactly what the file reader refuses, for every key.
    void jobNumberProblemAgreesWithTheReader()
    {
        for (const std::string &key : jobNumberKeys()) {
            for (const double v : {-1.0, 0.0, 0.5, 1.0, 1.5, 2.5, 64.0}) {
                Scenario s = parse(kThree);
                if (key == "model_params")
                    s.job->model_params = v;
                else if (key == "tokens_per_step")
                    s.job->tokens_per_step = v;
                else if (key == "total_tokens")
                    s.job->total_tokens = v;
                else
                    *jobNumberField(*s.job, key) = v;
                const bool readerAccepts = checkScenario(s, Catalog::builtin()).empty();
                const std::string problem = edits::jobNumberProblem(*parse(kThree).job, key, v);
                QVERIFY2(readerAccepts == problem.empty(), (key + " = " + std::to_string(v) + ": " + problem).c_str());
            }
        }
        Job job = *parse(kThree).job;
        job.inner_steps = 4.0;
        QCOMPARE(edits::jobNumberProblem(job, "fragments", 8.0),
                 std::string("fragments (8) cannot exceed inner_steps (4): one fragment is sent at most every step"));
        job.fragments = 4.0;
        QCOMPARE(edits::jobNumberProblem(job, "inner_steps", 2.0),
                 std::string("fragments (4) cannot exceed inner_steps (2): one fragment is sent at most every step"));
        QCOMPARE(edits::jobNumberProblem(job, "mfu", 1.5),
                 std::string("expected a model FLOPs utilisation (a number in (0, 1]), got 1.5"));
        QCOMPARE(edits::jobNumberProblem(job, "model_params", std::nullopt), std::string("model_params is required"));
        QVERIFY(edits::jobNumberProblem(job, "mfu", std::nullopt).empty()); // back to the catalog
        QVERIFY(edits::jobNumberProblem(job, "strategy", 1.0).rfind("no numeric job field \"strategy\"", 0) == 0);
    }

    void setJobTextAndRouting()
    {
        const Scenario s = parse(kThree);
        edits::Edited e = edits::setJobText(s, "strategy", "diloco");
        QVERIFY(e.ok());
        QCOMPARE(e.scenario.job->strategy, std::string("diloco"));
        QCOMPARE(edits::setJobText(s, "dc_pattern", "regions").scenario.job->dc_pattern, std::string("regions"));
        QCOMPARE(edits::setJobText(s, "transport", "selective-repeat").scenario.job->transport,
                 std::string("selective-repeat"));
        QCOMPARE(edits::setJobText(s, "strategy", "gossip").error,
                 std::string("unknown strategy \"gossip\"; expected one of: hierarchical, flat-ring, diloco, "
                             "streaming-diloco, pipeline"));
        QVERIFY(edits::setJobText(s, "mfu", "x").error.rfind("no keyword job field \"mfu\"", 0) == 0);
        Scenario noJob = s;
        noJob.job.reset();
        QCOMPARE(edits::setJobText(noJob, "strategy", "diloco").error, std::string("the scenario has no training job"));

        e = edits::setRouting(s, "policy", "ecmp");
        QCOMPARE(e.scenario.routing.policy, std::string("ecmp"));
        QCOMPARE(edits::setRouting(s, "load_balancing", "spray").scenario.routing.load_balancing, std::string("spray"));
        QCOMPARE(edits::setRouting(s, "policy", "fastest").error,
                 std::string("unknown routing policy \"fastest\"; expected one of: shortest, ecmp, balanced"));
        QVERIFY(edits::setRouting(s, "metric", "x").error.rfind("no routing field \"metric\"", 0) == 0);
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
    }

    void addJobAndPresentationViews()
    {
        Scenario noJob = parse(kThree);
        noJob.job.reset();
        const edits::Edited e = edits::addJob(noJob);
        QVERIFY(e.ok());
        QCOMPARE(e.scenario.job->model_params, 70e9);
        QCOMPARE(e.scenario.job->tokens_per_step, 16777216.0);
        QVERIFY(!e.scenario.job->mfu); // follows the catalog
        QVERIFY(checkScenario(e.scenario, Catalog::builtin()).empty());
        QCOMPARE(edits::addJob(e.scenario).error, std::string("the scenario has a training job already"));

        PresentationView view;
        view.title = "Heat";
        view.show = "utilisation";
        const edits::Edited saved = edits::setPresentationViews(noJob, {view});
        QVERIFY(saved.ok());
        QCOMPARE(saved.scenario.presentation.views.size(), std::size_t(1));
        QVERIFY(checkScenario(saved.scenario, Catalog::builtin()).empty());
        view.show = "movie";
        QVERIFY(edits::setPresentationViews(noJob, {view}).error.rfind("unknown view \"movie\"; expected one of: plan", 0) == 0);
    }

    // The GUI drops an edit whose outcome equals the scenario: equality is field by field.
    void scenarioEquality()
    {
        const Scenario s = parse(kThree);
        QVERIFY(s == parse(kThree));
        QVERIFY(edits::setSiteGpus(s, "a", 1024.0).scenario == s); // the same value
        QVERIFY(!(edits::setSiteGpus(s, "a", 2048.0).scenario == s));
        Scenario withExtension = s;
        withExtension.sites[0].extensions["x-note"] = "1";
        QVERIFY(!(withExtension == s));
    }
};

QTEST_GUILESS_MAIN(TstEdits)
#include "tst_edits.moc"
