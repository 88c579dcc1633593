#include "check.h"

#include "harnesses.h"

#include "engine/evaluate.h"
#include "io/report.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>

namespace dci::fuzz {

namespace {

OnViolation g_mode = OnViolation::Abort;

// Keys core/io/resultsjson.cpp writes through opt() or textOrNull(): null there means "not
// computed" (or not finite, which the engine may leave uncomputed). Anywhere else a null is
// a NaN or an infinity the engine produced. latency_ms is optional for a demand, not for a
// span (checked by section below).
const std::set<std::string> &nullableKeys()
{
    static const std::set<std::string> keys{
        "amplifiers", "avg_gbps", "baseline_efficiency", "baseline_worst_utilization", "bdp_bytes", "bubble_s",
        "bytes_per_event", "capacity_gbps", "capex_usd", "capex_usd_high", "capex_usd_low", "cluster_flops",
        "comm_s", "compute_s", "connections_per_pair", "dci_share_of_gpu_capex", "ecmp_imbalance", "efficiency",
        "efficiency_high", "efficiency_low", "error", "exchanged_bytes", "exposed_s", "fiber_pairs", "flows",
        "flows_per_pair", "goodput", "gpu_capex_usd", "hot_lane_utilization", "inline_amp_sites", "job", "lanes",
        "latency_ms", "latency_s", "limited_by", "limiting_span", "load_ab_gbps", "load_ba_gbps", "load_gbps",
        "max_wavelengths", "modules", "opex_usd_per_year", "opex_usd_per_year_high", "opex_usd_per_year_low",
        "period_steps", "pfc_headroom_bytes", "power_cap_mw", "rate_gbps", "reach_ok", "rtt_ms", "step_flop",
        "step_s", "terminal_amplifiers", "training_days", "transfer_s", "usd_per_gbps", "utilization",
        "wavelengths", "window_limit_gbps", "window_s", "worst_utilization"};
    return keys;
}

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string t(suffix);
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// A quantity that cannot be negative: a count or a figure with one of our units.
bool mustBeNonNegative(const std::string &key)
{
    static const std::set<std::string> counts{
        "gpus", "fiber_pairs", "wavelengths", "max_wavelengths", "modules", "amplifiers", "terminal_amplifiers",
        "inline_amp_sites", "lanes", "flows", "metric", "sites", "spans", "quantity", "count", "hops",
        "connections_per_pair", "flows_per_pair", "period_steps", "utilization", "efficiency", "goodput"};
    if (counts.count(key))
        return true;
    for (const char *unit : {"_usd", "_gbps", "_km", "_mw", "_kw", "_w", "_s", "_ms", "_bytes", "_flops", "_flop",
                             "_per_year", "_days"})
        if (endsWith(key, unit))
            return true;
    return false;
}

void walkResults(const nlohmann::json &v, const std::string &section, const std::string &key,
                 const std::string &pointer, const std::string &where)
{
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it)
            walkResults(it.value(), section.empty() ? it.key() : section, it.key(), pointer + "/" + it.key(), where);
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            walkResults(v[i], section, key, pointer + "/" + std::to_string(i), where);
    } else if (v.is_null()) {
        if (!nullableKeys().count(key) || (section == "spans" && key == "latency_ms"))
            violation(where + ": results JSON " + pointer + " is null (NaN or infinity in a computed value)");
    } else if (v.is_number()) {
        const double d = v.get<double>();
        if (mustBeNonNegative(key) && d < 0)
            violation(where + ": results JSON " + pointer + " is negative: " + v.dump());
    }
}

// "nan", "inf", "infinity" as words (not "info", "inflight"); a run of 25+ digits; the int
// limits an overflowed float-to-int cast leaves.
void checkReportText(const std::string &text, const std::string &where)
{
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        digits = std::isdigit(static_cast<unsigned char>(text[i])) ? digits + 1 : 0;
        if (digits >= 25)
            violation(where + ": report has a number with 25+ digits near \"" + text.substr(i - 24, 40) + "\"");
        if (std::isalpha(static_cast<unsigned char>(text[i])) &&
            (i == 0 || !std::isalpha(static_cast<unsigned char>(text[i - 1])))) {
            std::size_t j = i;
            while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j])))
                ++j;
            std::string word = text.substr(i, j - i);
            for (char &c : word)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (word == "nan" || word == "inf" || word == "infinity")
                violation(where + ": report says \"" + word + "\" near \"" + text.substr(i > 30 ? i - 30 : 0, 70) +
                          "\"");
        }
    }
    for (const char *bad : {"2147483647", "2147483648", "2,147,483,647", "2,147,483,648"})
        if (text.find(bad) != std::string::npos)
            violation(where + ": report has an int limit " + bad + " (an overflowed cast)");
}

} // namespace

void setOnViolation(OnViolation mode) { g_mode = mode; }

void violation(const std::string &what)
{
    if (g_mode == OnViolation::Throw)
        throw Violation{what};
    std::fprintf(stderr, "FUZZ INVARIANT VIOLATED: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

void checkRoundTrip(const Scenario &scenario, const Catalog &catalog, const std::string &where)
{
    const std::string text = writeScenario(scenario);
    const ScenarioLoad back = parseScenario(text, "roundtrip.json", catalog);
    if (!back.ok())
        violation(where + ": the canonical writer's text does not read back: " +
                  (back.errors.empty() ? std::string("(no message)") : back.errors.front()));
    const std::string again = writeScenario(*back.scenario);
    if (again != text)
        violation(where + ": written, read back and written again, the text differs");
}

void checkEvaluation(const Scenario &scenario, const Catalog &catalog, const std::string &where)
{
    Results results;
    try {
        results = evaluate(scenario, catalog);
    } catch (const std::exception &e) {
        violation(where + ": evaluate threw: " + e.what());
    }
    const std::string json = resultsToJson(scenario, results);
    nlohmann::json tree;
    try {
        tree = nlohmann::json::parse(json);
    } catch (const std::exception &e) {
        violation(where + ": results JSON does not parse: " + e.what());
    }
    walkResults(tree, "", "", "", where);
    checkReportText(reportText(scenario, results), where);
}

} // namespace dci::fuzz
