// Physical bounds of the scenario format (docs/SCENARIO-FORMAT.md "Bounds", issue 16): each
// bound is accepted and the value just past it refused with its pointer; the reliability
// reproducers (tests/data/reliability) end in a refusal naming the place or a result with
// no negative count, NaN or infinity; plans at the bounds evaluate to such results too.
#include "engine/evaluate.h"
#include "io/report.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QTest>

#include <cctype>
#include <cmath>

using namespace dci;

namespace {

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const std::string &l : lines)
        out += l + "\n";
    return out;
}

// Two campuses 100 km apart with a job; each argument (", key: value, ...", as a JSON
// object's inside) is merged into the first site, the span, the job or the whole plan.
std::string plan(const std::string &site = "", const std::string &span = "", const std::string &job = "",
                 const std::string &rest = "")
{
    const auto object = [](const std::string &inside) {
        return inside.empty() ? nlohmann::json::object() : nlohmann::json::parse("{" + inside.substr(1) + "}");
    };
    nlohmann::json p = nlohmann::json::parse(R"({"format": "dci-scenario", "version": 1,
      "sites": [{"id": "a", "lat": 41.0, "lon": -95.0, "gpus": 1024}, {"id": "b", "lat": 41.5, "lon": -95.5, "gpus": 1024}],
      "spans": [{"id": "ab", "a": "a", "b": "b", "length_km": 100, "fiber_pairs": 1, "wavelengths": 8}],
      "demands": [{"from": "a", "to": "b", "gbps": 100}],
      "job": {"model_params": 7e10, "tokens_per_step": 4e6, "total_tokens": 1e12}})");
    p["sites"][0].merge_patch(object(site));
    p["spans"][0].merge_patch(object(span));
    p["job"].merge_patch(object(job));
    p.merge_patch(object(rest));
    return p.dump();
}

// The plan with its demand's rate written as `gbps` (JSON text).
std::string withGbps(const std::string &json, const std::string &gbps)
{
    nlohmann::json p = nlohmann::json::parse(json);
    p["demands"][0]["gbps"] = nlohmann::json::parse(gbps);
    return p.dump();
}

// Words of a text (runs of letters, digits, '-', '+' and '.'), to look for "nan" and "inf".
std::vector<std::string> words(const std::string &text)
{
    std::vector<std::string> out(1);
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')
            out.back() += c;
        else if (!out.back().empty())
            out.emplace_back();
    }
    return out;
}

// Every number of the tree is finite and >= 0 (no sample's output has a negative number);
// `where` collects the pointers of those that are not.
void badNumbers(const nlohmann::json &v, const std::string &at, std::vector<std::string> &where)
{
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it)
            badNumbers(it.value(), at + "/" + it.key(), where);
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            badNumbers(v[i], at + "/" + std::to_string(i), where);
    } else if (v.is_number()) {
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < 0)
            where.push_back(at + " = " + v.dump());
    }
}

// What evaluating a plan shows is sane: `evaluate --json` has no negative, NaN or infinite
// number (resultsToJson writes NaN as null, so the Results are checked before that too),
// and the text report shows no "nan", "inf" or overflowed counts.
void checkSaneResults(const Scenario &s)
{
    const Results r = evaluate(s, Catalog::builtin());
    const std::string json = resultsToJson(s, r);
    std::vector<std::string> bad;
    badNumbers(nlohmann::json::parse(json), "", bad);
    QVERIFY2(bad.empty(), joined(bad).c_str());
    const auto finite = [](const std::optional<double> &v) { return !v || std::isfinite(*v); };
    for (const SpanResult &span : r.spans) {
        QVERIFY2(finite(span.capacity_gbps) && finite(span.load_gbps) && std::isfinite(span.length_km), span.id.c_str());
        for (const std::optional<int> &n : {span.fiber_pairs, span.wavelengths, span.modules, span.amplifiers})
            QVERIFY2(!n || *n >= 0, span.id.c_str());
    }
    QVERIFY(finite(r.cost.capex_usd) && finite(r.cost.opex_usd_per_year));
    const std::string report = reportText(s, r);
    for (std::string word : words(report)) {
        while (!word.empty() && (word.back() == '.' || word.back() == '-'))
            word.pop_back();
        for (const char *bad : {"nan", "-nan", "inf", "-inf", "-0", "2147483647", "-2147483648", "2,147,483,647"})
            QVERIFY2(word != bad, (word + " in:\n" + report).c_str());
    }
}

} // namespace

class TstBounds : public QObject {
    Q_OBJECT

private slots:
    // A bound is allowed; just past it the plan is refused at that pointer.
    void eachBound_data()
    {
        QTest::addColumn<QString>("atBound");
        QTest::addColumn<QString>("past");
        QTest::addColumn<QString>("pointer");
        auto row = [](const char *name, const std::string &ok, const std::string &bad, const char *pointer) {
            QTest::newRow(name) << QString::fromStdString(ok) << QString::fromStdString(bad) << QString(pointer);
        };
        row("length_km", plan("", R"(, "length_km": 20037.5)"),
            plan("", R"(, "length_km": 20037.6)"), "/spans/0/length_km");
        row("fiber_pairs", plan("", R"(, "fiber_pairs": 1000)"), plan("", R"(, "fiber_pairs": 1001)"),
            "/spans/0/fiber_pairs");
        row("fiber_pairs 2^32-1 (D02)", plan("", R"(, "fiber_pairs": 1000)"), plan("", R"(, "fiber_pairs": 4294967295)"),
            "/spans/0/fiber_pairs");
        row("wavelengths", plan("", R"(, "wavelengths": 1000)"), plan("", R"(, "wavelengths": 1001)"),
            "/spans/0/wavelengths");
        row("metric", plan("", R"(, "metric": 16777215)"), plan("", R"(, "metric": 16777216)"), "/spans/0/metric");
        row("gpus", plan(R"(, "gpus": 10000000)"), plan(R"(, "gpus": 10000001)"), "/sites/0/gpus");
        row("power_cap_mw", plan(R"(, "power_cap_mw": 1000000)"), plan(R"(, "power_cap_mw": 1000001)"),
            "/sites/0/power_cap_mw");
        row("pue", plan(R"(, "pue": 100)"), plan(R"(, "pue": 101)"), "/sites/0/pue");
        row("model_params", plan("", "", R"(, "model_params": 1e15)"), plan("", "", R"(, "model_params": 1000000000000001)"),
            "/job/model_params");
        row("tokens_per_step", plan("", "", R"(, "tokens_per_step": 1e12)"),
            plan("", "", R"(, "tokens_per_step": 1000000000001)"), "/job/tokens_per_step");
        row("total_tokens", plan("", "", R"(, "total_tokens": 1e18)"), plan("", "", R"(, "total_tokens": 1.000001e18)"),
            "/job/total_tokens");
        row("mfu low", plan("", "", R"(, "mfu": 1e-6)"), plan("", "", R"(, "mfu": 9.99e-7)"), "/job/mfu");
        row("inner_steps", plan("", "", R"(, "inner_steps": 1000000)"), plan("", "", R"(, "inner_steps": 1000001)"),
            "/job/inner_steps");
        row("hidden_size", plan("", "", R"(, "hidden_size": 1e7)"), plan("", "", R"(, "hidden_size": 10000001)"),
            "/job/hidden_size");
        row("connections_per_pair", plan("", "", R"(, "connections_per_pair": 1000000)"),
            plan("", "", R"(, "connections_per_pair": 1000001)"), "/job/connections_per_pair");
        row("demand gbps", withGbps(plan(), "1e9"), withGbps(plan(), "1000000001"), "/demands/0/gbps");
        row("target_efficiency", plan("", "", "", R"(, "sizing": {"target_efficiency": 1e-6})"),
            plan("", "", "", R"(, "sizing": {"target_efficiency": 9e-7})"), "/sizing/target_efficiency");
        // Every overridable figure with an upper bound, and the lows that keep divisions finite.
        const std::pair<const char *, std::pair<double, double>> figures[] = {
            {"largest_campus_mw", {1e6, 1e6 + 1}}, {"route_factor", {100, 101}},
            {"fiber_latency_us_per_km", {1000, 1001}}, {"flow_window_bytes", {1e12, 1e12 + 1}},
            {"nvlink_hop_latency_us", {1e6, 1e6 + 1}}, {"network_hop_latency_us", {1e6, 1e6 + 1}},
            {"gpus_per_server", {1e6, 1e6 + 1}}, {"amp_spacing_km", {1e5, 1e5 + 1}},
            {"amp_spacing_km", {1e-6, 9e-7}}, {"pue", {100, 101}}, {"target_utilization", {1e-6, 9e-7}},
            {"mtu_bytes", {1e6, 1e6 + 1}}, {"switch_buffer_mb", {1e6, 1e6 + 1}},
            {"fiber_loss_db_per_km", {100, 101}}, {"max_span_loss_db", {1000, 1001}},
            {"span_margin_db", {1000, 1001}}, {"metro_max_km", {1e5, 1e5 + 1}}, {"mfu", {1e-6, 9e-7}},
            {"grad_bytes", {1024, 1025}}, {"inner_steps", {1e6, 1e6 + 1}}, {"sync_bytes", {1024, 1025}},
            {"fragments", {1e6, 1e6 + 1}}, {"hidden_size", {1e7, 1e7 + 1}}, {"act_bytes", {1024, 1025}},
            {"microbatches", {1e6, 1e6 + 1}}, {"dci_ranks_per_dc", {1e6, 1e6 + 1}},
            {"nccl_channels", {1e4, 1e4 + 1}}, {"qps_per_connection", {1e4, 1e4 + 1}},
            {"connections_per_pair", {1e6, 1e6 + 1}}, {"flows_per_pair", {1e6, 1e6 + 1}},
            {"amplifier_usd", {1e9, 1e9 + 1}}, {"terminal_amplifier_usd", {1e9, 1e9 + 1}}, {"mux_usd", {1e9, 1e9 + 1}},
            {"fiber_lease_usd_per_pair_km_year", {1e9, 1e9 + 1}},
            {"fiber_lease_metro_usd_per_pair_km_year", {1e9, 1e9 + 1}}, {"power_usd_per_kwh", {1000, 1001}},
            {"maintenance_share_per_year", {100, 101}}, {"amplifier_power_w", {1e6, 1e6 + 1}},
        };
        for (const auto &[key, values] : figures) {
            const std::string name = std::string("assumptions/") + key + (values.second < values.first ? " low" : "");
            // Named in the capture: clang 14 cannot capture a structured binding.
            const auto with = [&key = key](double v) {
                return plan("", "", "", ", \"assumptions\": " + nlohmann::json{{key, v}}.dump());
            };
            QTest::newRow(name.c_str()) << QString::fromStdString(with(values.first))
                                        << QString::fromStdString(with(values.second))
                                        << QString::fromStdString(std::string("/assumptions/") + key);
        }
        const std::tuple<const char *, const char *, const char *, double, double> entries[] = {
            {"gpus", "H100-SXM", "bf16_dense_tflops", 1e6, 1e6 + 1}, {"gpus", "H100-SXM", "bf16_dense_tflops", 1e-3, 9e-4},
            {"gpus", "H100-SXM", "tdp_w", 1e6, 1e6 + 1},          {"gpus", "H100-SXM", "it_kw_per_gpu", 1000, 1001},
            {"gpus", "H100-SXM", "price_usd", 1e9, 1e9 + 1},      {"optics", "400ZR", "rate_gbps", 1e5, 1e5 + 1},
            {"optics", "400ZR", "rate_gbps", 1, 0.5},             {"optics", "400ZR", "baud_gbd", 1e5, 1e5 + 1},
            {"optics", "400ZR", "spacing_ghz", 1e5, 1e5 + 1},     {"optics", "400ZR", "spacing_ghz", 1, 0.5},
            {"optics", "400ZR", "reach_km", 1e5, 1e5 + 1},        {"optics", "400ZR", "reach_km", 1, 0.5},
            {"optics", "400ZR", "power_w", 1e5, 1e5 + 1},         {"optics", "400ZR", "price_usd", 1e9, 1e9 + 1},
            {"bands", "C", "width_thz", 1000, 1001},              {"bands", "C", "width_thz", 1e-3, 9e-4},
        };
        for (const auto &[section, entry, field, ok, bad] : entries) {
            const std::string name = std::string(section) + "/" + field + (bad < ok ? " low" : "");
            const auto with = [&section = section, &entry = entry, &field = field](double v) {
                return plan("", "", "", ", \"assumptions\": " + nlohmann::json{{section, {{entry, {{field, v}}}}}}.dump());
            };
            QTest::newRow(name.c_str()) << QString::fromStdString(with(ok)) << QString::fromStdString(with(bad))
                                        << QString::fromStdString(std::string("/assumptions/") + section + "/" + entry
                                                                  + "/" + field);
        }
    }
    void eachBound()
    {
        QFETCH(QString, atBound);
        QFETCH(QString, past);
        QFETCH(QString, pointer);
        const ScenarioLoad ok = parseScenario(atBound.toStdString(), "bound.json", Catalog::builtin());
        QVERIFY2(ok.ok(), joined(ok.errors).c_str());
        checkSaneResults(*ok.scenario);
        const ScenarioLoad refused = parseScenario(past.toStdString(), "past.json", Catalog::builtin());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.errors.size(), std::size_t(1));
        const QString message = QString::fromStdString(refused.errors.front());
        QVERIFY2(message.startsWith(QStringLiteral("past.json: ") + pointer + QStringLiteral(": expected ")),
                 qPrintable(message));
    }

    // Reliability findings D01-D07, D15 (files in tests/data/reliability): a refusal naming
    // the file and the place, or a sane result.
    void reproducers_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(DCI_TEST_DATA_DIR "/reliability"));
        const QStringList files = dir.entryList({QStringLiteral("D*.json")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 18);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void reproducers()
    {
        QFETCH(QString, path);
        const ScenarioLoad load = readScenarioFile(path.toStdString(), Catalog::builtin());
        if (load.ok()) {
            checkSaneResults(*load.scenario);
            return;
        }
        QVERIFY(!load.errors.empty());
        // The place is a JSON pointer, or a line and column for text refused before parsing
        // (D06b: nesting deeper than the format allows).
        const std::string file = path.toStdString();
        for (const std::string &e : load.errors)
            QVERIFY2((e.rfind(file + ": /", 0) == 0 && e.find(": expected ") != std::string::npos)
                         || (e.rfind(file + ": line ", 0) == 0 && e.find("nested deeper than") != std::string::npos),
                     e.c_str());
    }

    // Plans at the bounds evaluate without overflow: the largest counts, the smallest
    // divisors, and D04d within bounds (auto wavelengths for a 1 Eb/s demand: the span
    // cannot carry it, which dimensioning says, rather than a cast of a huge count).
    void extremePlansWithinBounds_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("errorCode"); // a diagnostic the plan must have, or empty
        auto row = [](const char *name, const std::string &json, const char *code = "") {
            QTest::newRow(name) << QString::fromStdString(json) << QString(code);
        };
        row("largest counts",
            plan(R"(, "gpus": 10000000)", R"(, "length_km": 20037.5, "fiber_pairs": 1000, "wavelengths": 1000)",
                 R"(, "model_params": 1e15, "tokens_per_step": 1e12, "total_tokens": 1e18)"));
        row("smallest shares", plan("", "", R"(, "mfu": 1e-6, "overlap": 1e-6)",
                                    R"(, "assumptions": {"target_utilization": 1e-6, "mfu": 1e-6})"));
        row("amplifiers every millimetre", plan("", R"(, "length_km": 20037.5)", "",
                                                R"(, "assumptions": {"amp_spacing_km": 1e-6})"),
            "amplifier-count");
        row("lossy fiber, no margin", plan("", R"(, "length_km": 20037.5, "fiber_pairs": 1000)", "",
                                           R"(, "assumptions": {"fiber_loss_db_per_km": 100, "max_span_loss_db": 1e-6, "span_margin_db": 0})"),
            "amplifier-count");
        row("narrow channels, wide band",
            plan("", R"(, "fiber_pairs": 1000, "wavelengths": "auto")", "",
                 R"(, "assumptions": {"optics": {"400ZR": {"spacing_ghz": 1, "rate_gbps": 1}}, "bands": {"C": {"width_thz": 1000}}})"));
        row("short reach, long span",
            plan("", R"(, "length_km": 20037.5)", "", R"(, "assumptions": {"optics": {"400ZR": {"reach_km": 1}}})"),
            "reach-exceeded");
        row("slow GPUs", plan(R"(, "gpus": 10000000)", "", "",
                              R"(, "assumptions": {"gpus": {"H100-SXM": {"bf16_dense_tflops": 1e-3}}})"));
        row("D04d within bounds: auto wavelengths for 1 Eb/s",
            withGbps(plan("", R"(, "wavelengths": "auto")"), "1e9"),
            "dimension-infeasible");
        row("auto pairs and wavelengths for 1 Eb/s",
            withGbps(plan("", R"(, "fiber_pairs": "auto", "wavelengths": "auto")"), "1e9"));
        row("auto pairs past the bound",
            withGbps(plan("", R"(, "fiber_pairs": "auto", "wavelengths": 8)"), "1e9"), "dimension-infeasible");
        row("one channel band, auto",
            plan("", R"(, "wavelengths": "auto")", "",
                 R"(, "assumptions": {"optics": {"400ZR": {"spacing_ghz": 100000}}, "bands": {"C": {"width_thz": 1e-3}}})"));
    }
    void extremePlansWithinBounds()
    {
        QFETCH(QString, json);
        QFETCH(QString, errorCode);
        const ScenarioLoad load = parseScenario(json.toStdString(), "extreme.json", Catalog::builtin());
        QVERIFY2(load.ok(), joined(load.errors).c_str());
        checkSaneResults(*load.scenario);
        if (!errorCode.isEmpty()) {
            const Results r = evaluate(*load.scenario, Catalog::builtin());
            bool found = false;
            for (const Diagnostic &d : r.diagnostics)
                found = found || d.code == errorCode.toStdString();
            QVERIFY2(found, qPrintable(errorCode));
        }
    }
};

QTEST_GUILESS_MAIN(TstBounds)
#include "tst_bounds.moc"
