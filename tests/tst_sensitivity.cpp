// Sensitivity (docs/MODEL.md "Sensitivity"): every row against a separate evaluation of
// the plan with that one override written into its file, price rows against the bill of
// materials by hand, the ordering rule, skipped overrides, progress and cancel.
#include "engine/evaluate.h"
#include "engine/sensitivity.h"

#include "testutil.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTest>

#include <atomic>
#include <functional>
#include <map>
#include <set>

using namespace dci;
using dci::test::parse;

namespace dci {
extern const char *const kBuiltinCatalogJson; // resources/catalog/catalog.json, compiled in
}

namespace {

nlohmann::json sampleJson(const QString &name)
{
    QFile f(QStringLiteral(DCI_SOURCE_DIR "/samples/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return nlohmann::json::parse(f.readAll().toStdString());
}

// How a user overrides each ranged figure in the file: a key of the assumptions block, or
// an optic's price under assumptions.optics. Built from the catalog's own text, not from
// the code under test.
using Override = std::function<void(nlohmann::json &file, double value)>;
std::map<std::string, Override> rangedFigureOverrides()
{
    std::map<std::string, Override> out;
    const nlohmann::json catalog = nlohmann::json::parse(kBuiltinCatalogJson);
    for (const char *section : {"assumptions", "job_defaults", "prices"})
        for (const auto &[key, figure] : catalog.at(section).items())
            if (figure.contains("range"))
                out[key] = [key = key](nlohmann::json &file, double v) { file["assumptions"][key] = v; };
    for (const auto &optic : catalog.at("optics"))
        if (optic.contains("price_range_usd")) {
            const std::string name = optic.at("name").get<std::string>();
            out["optics/" + name + "/price_usd"] = [name](nlohmann::json &file, double v) {
                file["assumptions"]["optics"][name]["price_usd"] = v;
            };
        }
    return out;
}

bool sameNumber(const std::optional<double> &a, const std::optional<double> &b)
{
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

const SensitivityRow *rowFor(const SensitivityResult &r, const std::string &key)
{
    for (const SensitivityRow &row : r.rows)
        if (row.key == key)
            return &row;
    return nullptr;
}

} // namespace

class TstSensitivity : public QObject {
    Q_OBJECT

private slots:
    void rowsEqualSeparateEvaluations_data();
    void rowsEqualSeparateEvaluations();
    void priceRowsByHand();
    void inlineAmplifierPriceByHand();
    void windowLimitedEfficiencyByHand();
    void orderingRule_data();
    void orderingRule();
    void overridesAreSkipped();
    void withoutJob();
    void refusedEnd();
    void progressAndCancel();
};

void TstSensitivity::rowsEqualSeparateEvaluations_data()
{
    QTest::addColumn<QString>("sample");
    for (const char *name : {"two-campus-teaching.json", "nationwide-multicampus.json", "strategies-compared.json",
                             "loss-over-distance.json", "midwest-region.json"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TstSensitivity::rowsEqualSeparateEvaluations()
{
    QFETCH(QString, sample);
    const nlohmann::json file = sampleJson(sample);
    QVERIFY(!file.is_null());
    const Scenario scenario = parse(file.dump());
    QVERIFY(!scenario.sites.empty());
    const Catalog &catalog = Catalog::builtin();
    const SensitivityResult result = analyseSensitivity(scenario, catalog);
    QVERIFY(!result.cancelled);

    const Results baseline = evaluate(scenario, catalog);
    QVERIFY(sameNumber(result.baseline.efficiency, baseline.job.efficiency));
    QVERIFY(sameNumber(result.baseline.capex_usd, baseline.cost.capex_usd));
    QVERIFY(sameNumber(result.baseline.opex_usd_per_year, baseline.cost.opex_usd_per_year));

    // Exactly the ranged figures of the catalog that the file does not set itself (in its
    // assumptions block or as a job field of the same name): those are skipped.
    const std::map<std::string, Override> overrides = rangedFigureOverrides();
    std::set<std::string> setByFile;
    for (const auto &[key, override] : overrides) {
        const nlohmann::json &assumptions = file.value("assumptions", nlohmann::json::object());
        const std::string optic = key.rfind("optics/", 0) == 0 ? key.substr(7, key.size() - 7 - 10) : "";
        if (assumptions.contains(key) || file.value("job", nlohmann::json::object()).contains(key)
            || (!optic.empty() && assumptions.contains("optics") && assumptions.at("optics").contains(optic)
                && assumptions.at("optics").at(optic).contains("price_usd")))
            setByFile.insert(key);
    }
    std::set<std::string> skipped;
    for (const SkippedFigure &s : result.skipped)
        skipped.insert(s.key);
    QCOMPARE(skipped, setByFile);
    QCOMPARE(result.rows.size(), overrides.size() - setByFile.size());
    std::set<std::string> seen;
    for (const SensitivityRow &row : result.rows) {
        QVERIFY2(overrides.count(row.key) && !setByFile.count(row.key), row.key.c_str());
        QVERIFY2(seen.insert(row.key).second, row.key.c_str());
        QVERIFY2(row.error.empty(), row.error.c_str());
        for (const auto &[value, figures] : {std::pair{row.low, &row.at_low}, std::pair{row.high, &row.at_high}}) {
            nlohmann::json edited = file;
            overrides.at(row.key)(edited, value);
            const Results separate = evaluate(parse(edited.dump()), catalog);
            const QByteArray what = QByteArray::fromStdString(row.key) + " at " + QByteArray::number(value);
            QVERIFY2(sameNumber(figures->efficiency, separate.job.efficiency), what);
            QVERIFY2(sameNumber(figures->capex_usd, separate.cost.capex_usd), what);
            QVERIFY2(sameNumber(figures->opex_usd_per_year, separate.cost.opex_usd_per_year), what);
            QCOMPARE(figures->error_codes.empty(), !separate.hasErrors());
        }
    }
}

// The two-campus sample: one 100 km span, one pair of 8 x 400ZR, within 400ZR's single
// span: 16 modules, 4 terminal amplifiers, 2 mux/demux; capex $272,000 and opex
// $77,738.2144 a year (docs/MODEL.md "Cost" worked example). A price moves capex by count
// x price change, and opex by the maintenance share (0.1) of that.
void TstSensitivity::priceRowsByHand()
{
    const Scenario scenario = parse(sampleJson(QStringLiteral("two-campus-teaching.json")).dump());
    const SensitivityResult r = analyseSensitivity(scenario, Catalog::builtin());
    QCOMPARE(*r.baseline.capex_usd, 272000.0);
    QNEAR(*r.baseline.opex_usd_per_year, 77738.2144);

    struct Case {
        const char *key;
        double count, low, value, high;
    };
    const int modules = 1 * 8 * 2;   // pairs x wavelengths x both ends
    const int terminalAmps = 2 * 2;  // booster and pre-amplifier at both ends of the pair
    const int muxUnits = 2 * 1 * 1;  // ends x pairs x amplifier chains of C
    for (const Case &c : {Case{"optics/400ZR/price_usd", modules, 3000, 4500, 6000},
                          Case{"terminal_amplifier_usd", terminalAmps, 12500, 25000, 37500},
                          Case{"mux_usd", muxUnits, 25000, 50000, 75000}}) {
        const SensitivityRow *row = rowFor(r, c.key);
        QVERIFY2(row, c.key);
        QCOMPARE(row->value, c.value);
        QCOMPARE(row->low, c.low);
        QCOMPARE(row->high, c.high);
        QCOMPARE(*row->at_low.capex_usd, 272000.0 - c.count * (c.value - c.low));
        QCOMPARE(*row->at_high.capex_usd, 272000.0 + c.count * (c.high - c.value));
        QNEAR(*row->at_low.opex_usd_per_year, 77738.2144 - 0.1 * c.count * (c.value - c.low));
        QNEAR(*row->at_high.opex_usd_per_year, 77738.2144 + 0.1 * c.count * (c.high - c.value));
        QCOMPARE(*row->at_low.efficiency, *r.baseline.efficiency);
        QCOMPARE(*row->at_high.efficiency, *r.baseline.efficiency);
        QCOMPARE(row->efficiency_swing_pp, 0.0);
        QNEAR(row->capex_swing_pct, c.count * (c.value - c.low) / 272000.0 * 100.0); // symmetric ranges
        QCOMPARE(row->swing, row->capex_swing_pct);
    }
    // 400ZR: 16 x $1,500 = $24,000 = 8.82% of $272,000 either way.
    QNEAR(rowFor(r, "optics/400ZR/price_usd")->swing, 24000.0 / 272000.0 * 100.0);
    // No in-line amplifier on this span: its price changes nothing.
    QCOMPARE(rowFor(r, "amplifier_usd")->swing, 0.0);
    QCOMPARE(*rowFor(r, "amplifier_usd")->at_high.capex_usd, 272000.0);
}

// The nationwide sample has long spans with in-line amplifiers: amplifier_usd moves capex
// by (in-line amplifiers from the bill of materials) x $20,000 at either end.
void TstSensitivity::inlineAmplifierPriceByHand()
{
    const Scenario scenario = parse(sampleJson(QStringLiteral("nationwide-multicampus.json")).dump());
    const Catalog &catalog = Catalog::builtin();
    const Results baseline = evaluate(scenario, catalog);
    int inlineAmps = 0;
    for (const SpanResult &s : baseline.spans)
        inlineAmps += s.amplifiers.value_or(0) - s.terminal_amplifiers.value_or(0);
    QVERIFY(inlineAmps > 0);
    const SensitivityResult result = analyseSensitivity(scenario, catalog); // row points into it
    const SensitivityRow *row = rowFor(result, "amplifier_usd");
    QVERIFY(row);
    QCOMPARE(*row->at_low.capex_usd, *baseline.cost.capex_usd - inlineAmps * 20000.0);
    QCOMPARE(*row->at_high.capex_usd, *baseline.cost.capex_usd + inlineAmps * 20000.0);
    QNEAR(row->capex_swing_pct, inlineAmps * 20000.0 / *baseline.cost.capex_usd * 100.0);
}

// The two-campus sample at dci_ranks_per_dc = 1: 1 rank x 8 NCCL channels x 1 QP = 8
// connections of a 4 MiB window over a 0.98 ms RTT (100 km) carry at most 273.9 Gbps, so
// the 140 GB sync event takes 4.089 s, plus 2 x 0.49 ms of latency (pattern "direct"); all
// of it but the 0.5436 s compute is exposed (docs/MODEL.md "Traffic", "Rates", "Timing"):
// efficiency = compute / (transfer + latency) = 13.29%. At 32 ranks the window no longer
// binds and the transfer hides behind the compute again: 100%.
void TstSensitivity::windowLimitedEfficiencyByHand()
{
    const Scenario scenario = parse(sampleJson(QStringLiteral("two-campus-teaching.json")).dump());
    const SensitivityResult result = analyseSensitivity(scenario, Catalog::builtin()); // row points into it
    const SensitivityRow *row = rowFor(result, "dci_ranks_per_dc");
    QVERIFY(row);
    constexpr double kComputeS = 0.5435793731;
    constexpr double kRttS = 2 * 100 * 4.9e-6;
    constexpr double kLatencyS = 2 * 100 * 4.9e-6;
    const double windowLimitBps = 1 * 8 * 1 * 4194304.0 * 8.0 / kRttS;
    const double transferS = 140e9 * 8.0 / windowLimitBps;
    const double efficiency = kComputeS / (transferS + kLatencyS);
    QNEAR(efficiency, 0.1329091);
    QNEAR(*row->at_low.efficiency, efficiency);
    QCOMPARE(*row->at_high.efficiency, 1.0);
    QNEAR(row->swing, (1.0 - efficiency) * 100.0);
}

void TstSensitivity::orderingRule_data()
{
    QTest::addColumn<QString>("sample");
    QTest::newRow("two campuses") << QStringLiteral("two-campus-teaching.json");
    QTest::newRow("nationwide") << QStringLiteral("nationwide-multicampus.json");
}

// Largest swing first, where swing = max(|efficiency move| in points, |capex move| in per
// cent of the baseline) over both ends; figures without effect last.
void TstSensitivity::orderingRule()
{
    QFETCH(QString, sample);
    const Scenario scenario = parse(sampleJson(sample).dump());
    const SensitivityResult r = analyseSensitivity(scenario, Catalog::builtin());
    const double effBase = *r.baseline.efficiency;
    const double capexBase = *r.baseline.capex_usd;
    bool seenNoEffect = false;
    int withEffect = 0;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        const SensitivityRow &row = r.rows[i];
        const double effPp = std::max(std::fabs(*row.at_low.efficiency - effBase), std::fabs(*row.at_high.efficiency - effBase)) * 100.0;
        const double capexPct = std::max(std::fabs(*row.at_low.capex_usd - capexBase),
                                         std::fabs(*row.at_high.capex_usd - capexBase)) / capexBase * 100.0;
        QNEAR(row.efficiency_swing_pp, effPp);
        QNEAR(row.capex_swing_pct, capexPct);
        QNEAR(row.swing, std::max(effPp, capexPct));
        if (i > 0)
            QVERIFY2(r.rows[i - 1].swing >= row.swing, row.key.c_str());
        const bool noEffect = effPp == 0.0 && capexPct == 0.0;
        QVERIFY2(!seenNoEffect || noEffect, row.key.c_str()); // nothing with an effect after one without
        seenNoEffect = seenNoEffect || noEffect;
        withEffect += noEffect ? 0 : 1;
    }
    QVERIFY(withEffect >= 3);
    QVERIFY(seenNoEffect); // e.g. largest_campus_mw, a warning threshold only, stays in the table
    QVERIFY(rowFor(r, "largest_campus_mw"));
    QCOMPARE(rowFor(r, "largest_campus_mw")->swing, 0.0);
}

void TstSensitivity::overridesAreSkipped()
{
    nlohmann::json file = sampleJson(QStringLiteral("two-campus-teaching.json"));
    file["assumptions"]["route_factor"] = 1.3;
    file["assumptions"]["optics"]["400ZR"]["price_usd"] = 5000;
    file["job"]["fragments"] = 8;
    const Scenario scenario = parse(file.dump());
    QCOMPARE(scenario.assumptions.figures.size(), std::size_t(1));
    const SensitivityResult r = analyseSensitivity(scenario, Catalog::builtin());

    std::map<std::string, SkippedFigure> skipped;
    for (const SkippedFigure &s : r.skipped)
        skipped[s.key] = s;
    QCOMPARE(skipped.size(), std::size_t(3));
    QCOMPARE(skipped["route_factor"].set_in, std::string("assumptions"));
    QCOMPARE(skipped["route_factor"].plan_value, 1.3);
    QCOMPARE(skipped["route_factor"].catalog_value, 1.25);
    QCOMPARE(skipped["fragments"].set_in, std::string("job"));
    QCOMPARE(skipped["fragments"].plan_value, 8.0);
    QCOMPARE(skipped["fragments"].section, std::string("job_defaults"));
    QCOMPARE(skipped["optics/400ZR/price_usd"].plan_value, 5000.0);
    QCOMPARE(skipped["optics/400ZR/price_usd"].catalog_value, 4500.0);
    for (const char *key : {"route_factor", "fragments", "optics/400ZR/price_usd"})
        QVERIFY2(!rowFor(r, key), key);
    QCOMPARE(r.rows.size(), rangedFigureOverrides().size() - 3);
    // The baseline is the plan with its own overrides: 16 modules at $5,000.
    QCOMPARE(*r.baseline.capex_usd, 272000.0 + 16 * 500.0);
    // Rows start from that baseline: mux/demux still moves 2 x $25,000 from it.
    QCOMPARE(*rowFor(r, "mux_usd")->at_low.capex_usd, 280000.0 - 50000.0);
}

// Without a job there is no efficiency: rows move capex and opex only.
void TstSensitivity::withoutJob()
{
    nlohmann::json file = sampleJson(QStringLiteral("two-campus-teaching.json"));
    file.erase("job");
    const SensitivityResult r = analyseSensitivity(parse(file.dump()), Catalog::builtin());
    QVERIFY(!r.baseline.efficiency);
    for (const SensitivityRow &row : r.rows) {
        QVERIFY(!row.at_low.efficiency && !row.at_high.efficiency);
        QCOMPARE(row.efficiency_swing_pp, 0.0);
    }
    QCOMPARE(rowFor(r, "dci_ranks_per_dc")->swing, 0.0);
    QCOMPARE(r.rows.front().key, std::string("mux_usd")); // 18.38%, ahead of terminal_amplifier_usd by catalog order
}

// A catalog may give a range the scenario reader refuses at one end (target_utilization
// must be in (0, 1]): that end is not evaluated and the row says why.
void TstSensitivity::refusedEnd()
{
    nlohmann::json catalogJson = nlohmann::json::parse(kBuiltinCatalogJson);
    catalogJson["assumptions"]["target_utilization"]["range"] = {0, 0.9};
    const Catalog catalog = Catalog::fromJson(catalogJson.dump(), "wide.json");
    const Scenario scenario = parse(sampleJson(QStringLiteral("two-campus-teaching.json")).dump());
    const SensitivityResult r = analyseSensitivity(scenario, catalog);
    const SensitivityRow *row = rowFor(r, "target_utilization");
    QVERIFY(row);
    QCOMPARE(row->error, std::string("low end refused: expected a number in (0, 1], got 0"));
    QCOMPARE(row->swing, 0.0);
    QVERIFY(!row->at_low.capex_usd);
    QVERIFY(row->at_high.capex_usd); // the high end is still evaluated
}

void TstSensitivity::progressAndCancel()
{
    const Scenario scenario = parse(sampleJson(QStringLiteral("two-campus-teaching.json")).dump());
    std::vector<std::pair<std::size_t, std::size_t>> steps;
    Progress progress;
    progress.onStep = [&](std::size_t done, std::size_t total) { steps.emplace_back(done, total); };
    const SensitivityResult all = analyseSensitivity(scenario, Catalog::builtin(), progress);
    const std::size_t total = 1 + 2 * all.rows.size();
    QCOMPARE(steps.size(), total);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(steps[i].first, i + 1);
        QCOMPARE(steps[i].second, total);
    }

    // Cancelled once the baseline and the first figure's two ends are done.
    std::atomic<bool> cancel{false};
    progress.cancel = &cancel;
    progress.onStep = [&](std::size_t done, std::size_t) {
        if (done == 3)
            cancel = true;
    };
    const SensitivityResult part = analyseSensitivity(scenario, Catalog::builtin(), progress);
    QVERIFY(part.cancelled);
    QCOMPARE(part.rows.size(), std::size_t(1));
    QVERIFY(!all.cancelled);

    cancel = true; // cancelled before it starts: nothing evaluated
    const SensitivityResult none = analyseSensitivity(scenario, Catalog::builtin(), progress);
    QVERIFY(none.cancelled);
    QVERIFY(none.rows.empty());
    QVERIFY(!none.baseline.capex_usd);
}

QTEST_GUILESS_MAIN(TstSensitivity)
#include "tst_sensitivity.moc"
