// The catalog, scenario overrides, and the first engine stages (power, geometry),
// checked against the worked examples of docs/MODEL.md.
#include "engine/evaluate.h"
#include "engine/geometry.h"
#include "engine/power.h"
#include "io/scenariojson.h"
#include "model/catalog.h"
#include "edit/edits.h"
#include "model/geo.h"
#include "model/textformat.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>

namespace dci {
extern const char *const kBuiltinCatalogJson; // resources/catalog/catalog.json, compiled in
}

using namespace dci;

namespace {

Scenario twoSites(std::int64_t gpus, double capMw)
{
    Scenario s;
    Site a;
    a.id = "a";
    a.name = "A";
    a.lat = 0.0;
    a.lon = 0.0;
    a.gpu = "H100-SXM";
    a.gpus = gpus;
    a.power_cap_mw = capMw;
    a.pue = 1.2;
    Site b = a;
    b.id = "b";
    b.name = "B";
    b.lon = 1.0;
    b.pue.reset();
    s.sites = {a, b};
    Span span;
    span.id = "a-b";
    span.a = "a";
    span.b = "b";
    span.optic = "400ZR";
    span.band = "C";
    span.fiber_pairs = 1;
    span.wavelengths = 8;
    s.spans = {span};
    return s;
}

} // namespace

class TstCatalog : public QObject {
    Q_OBJECT

private slots:
    // Messages name elements by id, and ids can be long: the formatter never cuts text off.
    void formatTextKeepsLongText()
    {
        const std::string id(3000, 'x');
        const std::string text = formatText("Span \"%s\" at %.0f%%", id.c_str(), 110.0);
        QCOMPARE(text.size(), id.size() + 15);
        QCOMPARE(text.substr(text.size() - 9), std::string("\" at 110%"));
        QCOMPARE(formatText("%s", ""), std::string());
    }

    void builtinCatalogIsComplete();
    void figuresFromTheReference();
    void lineSystemFieldsAreOptional();
    void everyEntryHasASource();
    void rangesAroundUnsourcedFigures();
    void rangesFromTheReference();
    void badRanges_data();
    void badRanges();
    void overridesApply();
    void jobDefaultsResolve();
    void greatCircle_data();
    void greatCircle();
    void mercatorRoundTrip();
    void powerWorkedExample();
    void powerOverCap();
    void geometryWorkedExample();
    void evaluateTotals();
    void implausibleCampusWarns();
};

void TstCatalog::builtinCatalogIsComplete()
{
    const Catalog &c = Catalog::builtin();
    for (const char *gpu : {"H100-SXM", "H200-SXM", "B200", "GB200", "MI300X", "TPU-v5p"})
        QVERIFY2(c.gpu(gpu), gpu);
    for (const char *optic : {"400ZR", "OpenZR+ 400G", "OpenZR+ 300G", "OpenZR+ 200G", "OpenZR+ 100G", "800ZR", "800ZR+"})
        QVERIFY2(c.optic(optic), optic);
    for (const char *band : {"C", "C-ext", "C+L"})
        QVERIFY2(c.band(band), band);
    for (const char *key : {"route_factor", "fiber_latency_us_per_km", "amp_spacing_km", "pue", "target_utilization",
                            "mfu", "grad_bytes", "overlap", "inner_steps", "sync_bytes", "amplifier_usd",
                            "power_usd_per_kwh", "fiber_loss_db_per_km", "max_span_loss_db", "span_margin_db",
                            "metro_max_km", "terminal_amplifier_usd", "mux_usd", "fiber_lease_usd_per_pair_km_year",
                            "fiber_lease_metro_usd_per_pair_km_year"})
        QVERIFY2(c.findFigure(key), key);
    QVERIFY(!c.findFigure("no_such_figure"));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, c.figure("no_such_figure"));
}

void TstCatalog::figuresFromTheReference()
{
    // shared/reference/domain-facts.md sections 1, 2 and 5.
    const Catalog &c = Catalog::builtin();
    QCOMPARE(c.gpu("H100-SXM")->bf16_dense_tflops, 989.0);
    QCOMPARE(c.gpu("MI300X")->bf16_dense_tflops, 1307.4);
    QCOMPARE(c.optic("400ZR")->rate_gbps, 400.0);
    QCOMPARE(c.optic("400ZR")->baud_gbd, 59.84375);
    QCOMPARE(c.optic("800ZR")->spacing_ghz, 150.0);
    QCOMPARE(c.band("C")->width_thz, 4.8);
    QCOMPARE(c.band("C+L")->width_thz, 9.6);
    QCOMPARE(c.figure("fiber_latency_us_per_km"), 4.9);
    QCOMPARE(c.figure("route_factor"), 1.25);
    // Line system (§1.1, §2): ZR optics close one amplified span; all tune the C band only.
    for (const Optic &o : c.optics) {
        QCOMPARE(o.single_span, o.name == "400ZR" || o.name == "800ZR");
        QCOMPARE(o.bands, std::vector<std::string>{"C"});
    }
    QCOMPARE(c.band("C")->sub_bands, std::vector<std::string>{"C"});
    QCOMPARE(c.band("C-ext")->sub_bands, std::vector<std::string>{"C-ext"});
    QCOMPARE(c.band("C+L")->sub_bands, (std::vector<std::string>{"C", "L"}));
    QCOMPARE(c.band("C")->amplifier_chains, 1);
    QCOMPARE(c.band("C-ext")->amplifier_chains, 1);
    QCOMPARE(c.band("C+L")->amplifier_chains, 2);
    QCOMPARE(c.figure("fiber_loss_db_per_km"), 0.22);
    QCOMPARE(c.figure("max_span_loss_db"), 28.0);
    QCOMPARE(c.figure("amp_spacing_km"), 150.0);
    // Lease rates: ($500-2,000 midpoint / 20 years) + $200 and ($2,000-10,000 midpoint / 20) + $200.
    QCOMPARE(c.figure("fiber_lease_usd_per_pair_km_year"), 1250.0 / 20 + 200);
    QCOMPARE(c.figure("fiber_lease_metro_usd_per_pair_km_year"), 6000.0 / 20 + 200);
    // The $100K per terminal per band midpoint (§2.1) = mux + booster + pre-amplifier.
    QCOMPARE(c.figure("mux_usd") + 2 * c.figure("terminal_amplifier_usd"), 100000.0);
}

void TstCatalog::lineSystemFieldsAreOptional()
{
    // A catalog written before the line-system fields still loads: optics tune C and are
    // not single-span; a band is its own sub-band with one amplifier chain per sub-band.
    nlohmann::json j = nlohmann::json::parse(kBuiltinCatalogJson);
    for (auto &o : j["optics"]) {
        o.erase("bands");
        o.erase("single_span");
    }
    for (auto &b : j["bands"]) {
        b.erase("sub_bands");
        b.erase("amplifier_chains");
    }
    const Catalog old = Catalog::fromJson(j.dump(), "old.json");
    QCOMPARE(old.optic("400ZR")->bands, std::vector<std::string>{"C"});
    QVERIFY(!old.optic("400ZR")->single_span);
    QCOMPARE(old.band("C+L")->sub_bands, std::vector<std::string>{"C+L"});
    QCOMPARE(old.band("C+L")->amplifier_chains, 1);

    // Chains default to the number of sub-bands; wrong types name the field.
    j["bands"][2]["sub_bands"] = {"C", "L"};
    QCOMPARE(Catalog::fromJson(j.dump(), "c.json").band("C+L")->amplifier_chains, 2);
    auto failure = [](nlohmann::json bad) -> std::string {
        try {
            Catalog::fromJson(bad.dump(), "bad.json");
        } catch (const std::runtime_error &e) {
            return e.what();
        }
        return {};
    };
    nlohmann::json bad = j;
    bad["optics"][0]["single_span"] = "yes";
    QCOMPARE(failure(bad), std::string("bad.json: /optics/0/single_span: expected true or false"));
    bad = j;
    bad["optics"][1]["bands"] = nlohmann::json::array();
    QCOMPARE(failure(bad), std::string("bad.json: /optics/1/bands: expected a non-empty array of names"));
    bad = j;
    bad["bands"][0]["sub_bands"] = {"C", 7};
    QCOMPARE(failure(bad), std::string("bad.json: /bands/0/sub_bands/1: expected a string"));
    bad = j;
    bad["bands"][2]["amplifier_chains"] = 0;
    QCOMPARE(failure(bad), std::string("bad.json: /bands/2/amplifier_chains: expected a whole number of at least 1"));
}

void TstCatalog::everyEntryHasASource()
{
    const Catalog &c = Catalog::builtin();
    const QStringList confidences = {QStringLiteral("H"), QStringLiteral("M"), QStringLiteral("L"),
                                     QStringLiteral("unverified")};
    for (const GpuType &g : c.gpus) {
        QVERIFY2(!g.source.empty(), g.name.c_str());
        QVERIFY2(confidences.contains(QString::fromStdString(g.confidence)), g.name.c_str());
    }
    for (const Optic &o : c.optics) {
        QVERIFY2(!o.source.empty(), o.name.c_str());
        QVERIFY2(confidences.contains(QString::fromStdString(o.confidence)), o.name.c_str());
        // Prices are placeholders in the reference and must say so.
        QVERIFY2(std::find(o.placeholders.begin(), o.placeholders.end(), "price_usd") != o.placeholders.end(),
                 o.name.c_str());
    }
    for (const auto *section : {&c.assumptions, &c.jobDefaults, &c.prices})
        for (const auto &[key, f] : *section) {
            QVERIFY2(!f.source.empty() && !f.description.empty(), key.c_str());
            QVERIFY2(confidences.contains(QString::fromStdString(f.confidence)), key.c_str());
        }
}

// docs/MODEL.md "Sensitivity": every figure below M confidence, and every optic price (a
// placeholder), has a plausible range around its value, with what it rests on: a
// domain-facts entry or the words "placeholder range".
void TstCatalog::rangesAroundUnsourcedFigures()
{
    const Catalog &c = Catalog::builtin();
    auto honestBasis = [](const std::string &source) {
        return source.find("domain-facts §") != std::string::npos || source.rfind("placeholder range", 0) == 0;
    };
    for (const auto *section : {&c.assumptions, &c.jobDefaults, &c.prices})
        for (const auto &[key, f] : *section) {
            if (f.confidence == "H" || f.confidence == "M") {
                QVERIFY2(!f.range, key.c_str()); // well sourced: not what the analysis is for
                continue;
            }
            QVERIFY2(f.range, key.c_str());
            const auto [low, high] = *f.range;
            QVERIFY2(low <= f.value && f.value <= high && low < high, key.c_str());
            QVERIFY2(honestBasis(f.range_source), key.c_str());
            // Both ends are values a scenario may override the figure with.
            QVERIFY2(edits::assumptionProblem(c, key, low).empty(), key.c_str());
            QVERIFY2(edits::assumptionProblem(c, key, high).empty(), key.c_str());
        }
    for (const Optic &o : c.optics) {
        QVERIFY2(o.price_range_usd, o.name.c_str());
        const auto [low, high] = *o.price_range_usd;
        QVERIFY2(0.0 <= low && low <= o.price_usd && o.price_usd <= high && low < high, o.name.c_str());
        QVERIFY2(honestBasis(o.price_range_source), o.name.c_str());
    }
}

// The ranges that rest on figures of shared/reference/domain-facts.md, recomputed here.
void TstCatalog::rangesFromTheReference()
{
    const Catalog &c = Catalog::builtin();
    using Range = std::pair<double, double>;
    auto range = [&](const char *key) { return *c.findFigure(key)->range; };
    QCOMPARE(range("route_factor"), Range(1.2, 1.5));            // §2 rule of thumb
    QCOMPARE(range("loss_rate"), Range(0.0, 1e-5));              // §6.2 vendor guidance
    QCOMPARE(range("metro_max_km"), Range(80.0, 120.0));         // §1.1 single amplified span
    QCOMPARE(range("largest_campus_mw"), Range(5000.0, 10000.0)); // §7 campus sizes
    QCOMPARE(range("amplifier_usd"), Range(20000.0, 60000.0));   // §2.1 $20-60K per ILA site
    // §2.1 $50-150K per terminal per band = mux/demux + booster + pre-amplifier at each end.
    QCOMPARE(range("mux_usd").first + 2 * range("terminal_amplifier_usd").first, 50000.0);
    QCOMPARE(range("mux_usd").second + 2 * range("terminal_amplifier_usd").second, 150000.0);
    // §2.1 leases: IRU over 20 years plus $100-300 maintenance a year, both ends.
    QCOMPARE(range("fiber_lease_usd_per_pair_km_year"), Range(500.0 / 20 + 100, 2000.0 / 20 + 300));
    QCOMPARE(range("fiber_lease_metro_usd_per_pair_km_year"), Range(2000.0 / 20 + 100, 10000.0 / 20 + 300));
    // §1.4 suggested price ranges; the OpenZR+ modes are one module.
    QCOMPARE(*c.optic("400ZR")->price_range_usd, Range(3000.0, 6000.0));
    for (const char *mode : {"OpenZR+ 400G", "OpenZR+ 300G", "OpenZR+ 200G", "OpenZR+ 100G"})
        QCOMPARE(*c.optic(mode)->price_range_usd, Range(6000.0, 12000.0));
    QCOMPARE(*c.optic("800ZR")->price_range_usd, Range(8000.0, 15000.0));
    QCOMPARE(*c.optic("800ZR+")->price_range_usd, Range(12000.0, 20000.0));
}

void TstCatalog::badRanges_data()
{
    QTest::addColumn<QString>("pointer"); // the entry
    QTest::addColumn<QString>("key");     // its range key
    QTest::addColumn<QString>("range");   // JSON, or empty to remove the key
    QTest::addColumn<QString>("expected");
    QTest::newRow("above the value") << "/assumptions/route_factor" << "range" << "[1.3, 1.5]"
                                     << "bad.json: /assumptions/route_factor/range: expected low <= value <= high, "
                                        "got [1.3, 1.5] around the value 1.25";
    QTest::newRow("below the value") << "/prices/mux_usd" << "range" << "[25000, 40000]"
                                     << "bad.json: /prices/mux_usd/range: expected low <= value <= high, got [25000, "
                                        "40000] around the value 50000";
    QTest::newRow("reversed") << "/job_defaults/fragments" << "range" << "[8, 2]"
                              << "bad.json: /job_defaults/fragments/range: expected low <= value <= high";
    QTest::newRow("not a pair") << "/assumptions/loss_rate" << "range" << "[0]"
                                << "bad.json: /assumptions/loss_rate/range: expected [low, high], two numbers, got [0]";
    QTest::newRow("not numbers") << "/assumptions/loss_rate" << "range" << R"(["0", "1e-5"])"
                                 << "bad.json: /assumptions/loss_rate/range: expected [low, high], two numbers";
    QTest::newRow("range without source") << "/prices/amplifier_usd" << "range_source" << ""
                                          << "bad.json: /prices/amplifier_usd/range_source: missing";
    QTest::newRow("source without range") << "/prices/amplifier_usd" << "range" << ""
                                          << "bad.json: /prices/amplifier_usd/range: missing: range_source is given "
                                             "without a range";
    QTest::newRow("empty source") << "/prices/amplifier_usd" << "range_source" << R"("")"
                                  << "bad.json: /prices/amplifier_usd/range_source: expected what the range rests on";
    QTest::newRow("optic price") << "/optics/0" << "price_range_usd" << "[5000, 6000]"
                                 << "bad.json: /optics/0/price_range_usd: expected low <= value <= high, got [5000, "
                                    "6000] around the value 4500";
    QTest::newRow("optic source") << "/optics/6" << "price_range_source" << ""
                                  << "bad.json: /optics/6/price_range_source: missing";
}

void TstCatalog::badRanges()
{
    QFETCH(QString, pointer);
    QFETCH(QString, key);
    QFETCH(QString, range);
    QFETCH(QString, expected);
    nlohmann::json j = nlohmann::json::parse(kBuiltinCatalogJson);
    nlohmann::json &entry = j.at(nlohmann::json::json_pointer(pointer.toStdString()));
    if (range.isEmpty())
        entry.erase(key.toStdString());
    else
        entry[key.toStdString()] = nlohmann::json::parse(range.toStdString());
    QString message;
    try {
        Catalog::fromJson(j.dump(), "bad.json");
    } catch (const std::runtime_error &e) {
        message = QString::fromUtf8(e.what());
    }
    QVERIFY2(message.startsWith(expected), qPrintable(message));

    // Ranges are optional: a catalog without any still loads, its figures without one.
    for (const char *section : {"assumptions", "job_defaults", "prices"})
        for (auto &[k, figure] : j.at(section).items()) {
            figure.erase("range");
            figure.erase("range_source");
        }
    for (auto &o : j.at("optics")) {
        o.erase("price_range_usd");
        o.erase("price_range_source");
    }
    const Catalog plain = Catalog::fromJson(j.dump(), "plain.json");
    QVERIFY(!plain.findFigure("route_factor")->range);
    QVERIFY(!plain.optic("400ZR")->price_range_usd);
}

void TstCatalog::overridesApply()
{
    Assumptions a;
    a.figures["route_factor"] = 1.5;
    a.figures["mfu"] = 0.35;
    a.optics["400ZR"]["price_usd"] = 5000;
    a.gpus["B200"]["it_kw_per_gpu"] = 2.0;
    a.bands["C"]["width_thz"] = 4.0;
    const Catalog c = applyOverrides(Catalog::builtin(), a);
    QCOMPARE(c.figure("route_factor"), 1.5);
    QCOMPARE(c.findFigure("route_factor")->confidence, std::string("scenario"));
    QCOMPARE(c.figure("mfu"), 0.35);
    QCOMPARE(c.optic("400ZR")->price_usd, 5000.0);
    QCOMPARE(c.optic("400ZR")->rate_gbps, 400.0);
    QCOMPARE(c.gpu("B200")->it_kw_per_gpu, 2.0);
    QCOMPARE(c.band("C")->width_thz, 4.0);
    QCOMPARE(Catalog::builtin().figure("route_factor"), 1.25); // the base is untouched
}

void TstCatalog::jobDefaultsResolve()
{
    Job job;
    job.model_params = 70e9;
    job.tokens_per_step = 16777216;
    job.mfu = 0.5;
    const JobParams p = resolveJob(job, Catalog::builtin());
    QCOMPARE(p.mfu, 0.5);             // given
    QCOMPARE(p.grad_bytes, 2.0);      // catalog job_defaults
    QCOMPARE(p.inner_steps, 100.0);
    QCOMPARE(p.sync_bytes, 1.0);
    QCOMPARE(p.strategy, std::string("hierarchical"));
    QVERIFY(!p.overlap_steps.has_value());
}

void TstCatalog::greatCircle_data()
{
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lon2");
    QTest::addColumn<double>("km");
    // One degree along the equator = 2 pi R / 360 = 111.19508 km (R = 6,371.0088 km).
    QTest::newRow("1 degree on the equator") << 0.0 << 0.0 << 0.0 << 1.0 << 111.19508;
    // Pole to equator = a quarter of the circumference.
    QTest::newRow("pole to equator") << 90.0 << 0.0 << 0.0 << 0.0 << 10007.557;
    // docs/MODEL.md "Geometry": Council Bluffs to Lincoln.
    QTest::newRow("Council Bluffs to Lincoln") << 41.2619 << -95.8608 << 40.8136 << -96.7026 << 86.42692;
    QTest::newRow("same point") << 40.0 << -82.0 << 40.0 << -82.0 << 0.0;
}

void TstCatalog::greatCircle()
{
    QFETCH(double, lat1);
    QFETCH(double, lon1);
    QFETCH(double, lat2);
    QFETCH(double, lon2);
    QFETCH(double, km);
    QVERIFY2(std::fabs(geo::greatCircleKm(lat1, lon1, lat2, lon2) - km) < 1e-3,
             qPrintable(QString::number(geo::greatCircleKm(lat1, lon1, lat2, lon2), 'f', 6)));
}

void TstCatalog::mercatorRoundTrip()
{
    const geo::XY p = geo::mercator(41.2619, -95.8608, 1000.0);
    double lat = 0, lon = 0;
    geo::inverseMercator(p.x, p.y, 1000.0, &lat, &lon);
    QVERIFY(std::fabs(lat - 41.2619) < 1e-9);
    QVERIFY(std::fabs(lon + 95.8608) < 1e-9);
    QCOMPARE(geo::mercator(0.0, 0.0, 1000.0).y, 0.0);
}

void TstCatalog::powerWorkedExample()
{
    // docs/MODEL.md "Power": 16,384 H100 x 1.35 kW = 22.1184 MW IT; x PUE 1.2 = 26.54208 MW.
    const Scenario s = twoSites(16384, 40.0);
    const PowerResult r = sitePower(s, Catalog::builtin());
    QCOMPARE(r.sites.size(), std::size_t(2));
    QVERIFY(std::fabs(r.sites[0].it_power_mw - 22.1184) < 1e-9);
    QVERIFY(std::fabs(r.sites[0].power_mw - 26.54208) < 1e-9);
    QVERIFY(!r.sites[0].over_cap);
    // Site b has no PUE of its own: the catalog's 1.2 applies.
    QCOMPARE(r.sites[1].pue, 1.2);
    QVERIFY(r.diagnostics.empty());
}

void TstCatalog::powerOverCap()
{
    // 32,768 H100: 44.2368 MW IT x 1.2 = 53.08416 MW > 40 MW.
    const Scenario s = twoSites(32768, 40.0);
    const PowerResult r = sitePower(s, Catalog::builtin());
    QVERIFY(r.sites[0].over_cap);
    QCOMPARE(r.diagnostics.size(), std::size_t(2));
    QCOMPARE(r.diagnostics[0].code, std::string("power-over-cap"));
    QCOMPARE(r.diagnostics[0].element, std::string("a"));
    QCOMPARE(r.diagnostics[0].severity, Severity::Error);
    QVERIFY(QString::fromStdString(r.diagnostics[0].message).contains(QStringLiteral("53.1 MW")));
}

void TstCatalog::geometryWorkedExample()
{
    // docs/MODEL.md "Geometry": sites 1 degree apart on the equator, no length given:
    // 111.19508 km x 1.25 = 138.99385 km, latency 138.99385 x 4.9 us = 0.681070 ms.
    Scenario s = twoSites(8, 40.0);
    GeometryResult r = spanGeometry(s, Catalog::builtin());
    QVERIFY(std::fabs(r.spans[0].length_km - 138.99385) < 1e-4);
    QVERIFY(r.spans[0].length_estimated);
    QVERIFY(std::fabs(r.spans[0].latency_ms - 0.681070) < 1e-5);
    // A given length wins: 100 km -> 0.49 ms.
    s.spans[0].length_km = 100.0;
    r = spanGeometry(s, Catalog::builtin());
    QCOMPARE(r.spans[0].length_km, 100.0);
    QVERIFY(!r.spans[0].length_estimated);
    QVERIFY(std::fabs(r.spans[0].latency_ms - 0.49) < 1e-12);
    // A scenario's route factor overrides the catalog's.
    s.spans[0].length_km.reset();
    s.assumptions.figures["route_factor"] = 1.5;
    const Results all = evaluate(s, Catalog::builtin());
    QVERIFY(std::fabs(all.spans[0].length_km - 111.19508 * 1.5) < 1e-4);
}

void TstCatalog::evaluateTotals()
{
    Scenario s = twoSites(16384, 40.0);
    s.spans[0].down = true;
    s.spans[0].length_km = 100.0; // within 400ZR's reach
    const Results r = evaluate(s, Catalog::builtin());
    QCOMPARE(r.totals.sites, 2);
    QCOMPARE(r.totals.spans, 1);
    QCOMPARE(r.totals.gpus, std::int64_t(32768));
    QVERIFY(std::fabs(r.totals.power_mw - 2 * 26.54208) < 1e-9);
    QVERIFY(r.spans[0].down);
    QVERIFY(!r.spans[0].load_gbps.has_value()); // a down span carries nothing: null, not 0
    QVERIFY(!r.hasErrors());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].code, std::string("span-down"));
}

void TstCatalog::implausibleCampusWarns()
{
    // 7,500,000 B200 x 1.8 kW x PUE 1.2 = 16,200 MW: above the 10 GW of the largest campus
    // built or announced (domain-facts §7): a warning naming the site; 1,000,000 do not warn.
    auto warned = [](std::int64_t gpus) {
        Scenario s;
        Site site;
        site.id = "big";
        site.name = "Big";
        site.gpu = "B200";
        site.gpus = gpus;
        s.sites.push_back(site);
        for (const Diagnostic &d : evaluate(s, Catalog::builtin()).diagnostics)
            if (d.code == "power-implausible" && d.element == "big")
                return true;
        return false;
    };
    QVERIFY(warned(7500000));
    QVERIFY(!warned(1000000));
}

QTEST_GUILESS_MAIN(TstCatalog)
#include "tst_catalog.moc"
