#include "check.h"

#include "harnesses.h"

#include "engine/evaluate.h"
#include "io/report.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

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

std::string lowered(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string around(const std::string &text, std::size_t at)
{
    const std::size_t from = at > 80 ? at - 80 : 0;
    return text.substr(from, 160);
}

// "nan", "inf", "infinity" as words (not "info", "inflight"); a run of 25+ digits; the int
// limits an overflowed float-to-int cast leaves. Not when the scenario's own text (its
// canonical JSON, lower case, in `echoed`) has it: the report repeats names, labels and
// descriptions, and numbers as the user wrote them.
void checkReportText(const std::string &text, const std::string &echoed, const std::string &where)
{
    const auto fromInput = [&](std::string item) {
        if (echoed.find(lowered(item)) != std::string::npos)
            return true;
        item.erase(std::remove(item.begin(), item.end(), ','), item.end());
        return echoed.find(lowered(item)) != std::string::npos;
    };
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const bool startsWord = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
        if (std::isdigit(c) && startsWord) {
            std::size_t j = i;
            while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))
                ++j;
            const std::string run = text.substr(i, j - i);
            if (run.size() >= 25 && !fromInput(run))
                violation(where + ": report has a number with 25+ digits: \"" + around(text, i) + "\"");
            i = j;
        } else if (std::isalpha(c) && startsWord) {
            std::size_t j = i;
            while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j])))
                ++j;
            const std::string word = lowered(text.substr(i, j - i));
            if ((word == "nan" || word == "inf" || word == "infinity") &&
                (j == text.size() || !std::isdigit(static_cast<unsigned char>(text[j]))) && !fromInput(word))
                violation(where + ": report says \"" + word + "\": \"" + around(text, i) + "\"");
            i = j;
        } else {
            ++i;
        }
    }
    for (const char *bad : {"2147483647", "2147483648", "2,147,483,647", "2,147,483,648"}) {
        const std::size_t at = text.find(bad);
        if (at != std::string::npos && !fromInput(bad))
            violation(where + ": report has an int limit (an overflowed cast): \"" + around(text, at) + "\"");
    }
}

} // namespace

void setOnViolation(OnViolation mode) { g_mode = mode; }

namespace {

// The known violations ($DCI_FUZZ_KNOWN): pairs of harness and text, read once.
const std::vector<std::pair<std::string, std::string>> &knownViolations()
{
    static const std::vector<std::pair<std::string, std::string>> known = [] {
        std::vector<std::pair<std::string, std::string>> out;
        const char *path = std::getenv("DCI_FUZZ_KNOWN");
        if (!path || !*path)
            return out;
        std::ifstream in(path);
        if (!in) {
            std::fprintf(stderr, "DCI_FUZZ_KNOWN: cannot read %s\n", path);
            std::abort();
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#')
                continue;
            const std::size_t space = line.find(' ');
            if (space == std::string::npos || space + 1 >= line.size()) {
                std::fprintf(stderr, "%s: expected \"<harness> <text>\", got \"%s\"\n", path, line.c_str());
                std::abort();
            }
            out.emplace_back(line.substr(0, space), line.substr(space + 1));
        }
        return out;
    }();
    return known;
}

} // namespace

int runUnderFuzzer(int (*harness)(const std::uint8_t *, std::size_t), const std::uint8_t *data, std::size_t size)
{
    setOnViolation(OnViolation::Throw);
    try {
        return harness(data, size);
    } catch (const Violation &v) {
        for (const auto &[name, text] : knownViolations())
            if (v.what.rfind(name + ":", 0) == 0 && v.what.find(text) != std::string::npos)
                return 0;
        std::fprintf(stderr, "FUZZ INVARIANT VIOLATED: %s\n", v.what.c_str());
        std::fflush(stderr);
        std::abort();
    }
}

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
    if (std::getenv("DCI_FUZZ_DUMP")) // triage: what was evaluated and what came out
        std::fprintf(stderr, "--- %s: scenario\n%s--- report\n%s--- results\n%s\n", where.c_str(),
                     writeScenario(scenario).c_str(), reportText(scenario, results).c_str(), json.c_str());
    nlohmann::json tree;
    try {
        tree = nlohmann::json::parse(json);
    } catch (const std::exception &e) {
        violation(where + ": results JSON does not parse: " + e.what());
    }
    walkResults(tree, "", "", "", where);
    checkReportText(reportText(scenario, results), lowered(writeScenario(scenario)), where);
}

} // namespace dci::fuzz
