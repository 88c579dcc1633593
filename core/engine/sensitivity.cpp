#include "sensitivity.h"

#include "engine/evaluate.h"
#include "edit/edits.h"
#include "model/textformat.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>

namespace dci {

namespace {

constexpr double kPercent = 100.0;

SensitivityFigures figuresOf(const Results &r)
{
    SensitivityFigures f;
    f.efficiency = r.job.efficiency;
    f.capex_usd = r.cost.capex_usd;
    f.opex_usd_per_year = r.cost.opex_usd_per_year;
    for (const Diagnostic &d : r.diagnostics)
        if (d.severity == Severity::Error
            && std::find(f.error_codes.begin(), f.error_codes.end(), d.code) == f.error_codes.end())
            f.error_codes.push_back(d.code);
    return f;
}

std::vector<std::string> codesNotIn(const std::vector<std::string> &codes, const std::vector<std::string> &baseline)
{
    std::vector<std::string> out;
    for (const std::string &c : codes)
        if (std::find(baseline.begin(), baseline.end(), c) == baseline.end())
            out.push_back(c);
    return out;
}

// Efficiency moves in percentage points. An end at which the job can no longer be timed
// (a DC cut off) counts as efficiency 0: the job is lost.
double efficiencyMovePp(const std::optional<double> &end, const std::optional<double> &baseline)
{
    if (!end && !baseline)
        return 0.0;
    return std::fabs(end.value_or(0.0) - baseline.value_or(0.0)) * kPercent;
}

// Money moves in per cent of the baseline; from a zero baseline any change counts as 100%.
double relativeMovePct(const std::optional<double> &end, const std::optional<double> &baseline)
{
    const double e = end.value_or(0.0);
    const double b = baseline.value_or(0.0);
    if (e == b)
        return 0.0;
    if (b == 0.0)
        return kPercent;
    return std::fabs(e - b) / std::fabs(b) * kPercent;
}

// docs/MODEL.md "Sensitivity", ordering: the larger of the efficiency swing (points) and
// the capex swing (per cent) over both ends.
void score(SensitivityRow &row, const SensitivityFigures &baseline)
{
    row.new_errors_low = codesNotIn(row.at_low.error_codes, baseline.error_codes);
    row.new_errors_high = codesNotIn(row.at_high.error_codes, baseline.error_codes);
    if (!row.error.empty())
        return;
    row.efficiency_swing_pp = std::max(efficiencyMovePp(row.at_low.efficiency, baseline.efficiency),
                                       efficiencyMovePp(row.at_high.efficiency, baseline.efficiency));
    row.capex_swing_pct = std::max(relativeMovePct(row.at_low.capex_usd, baseline.capex_usd),
                                   relativeMovePct(row.at_high.capex_usd, baseline.capex_usd));
    row.opex_swing_pct = std::max(relativeMovePct(row.at_low.opex_usd_per_year, baseline.opex_usd_per_year),
                                  relativeMovePct(row.at_high.opex_usd_per_year, baseline.opex_usd_per_year));
    row.swing = std::max(row.efficiency_swing_pp, row.capex_swing_pct);
}

SensitivityRow rowOf(const std::string &key, const std::string &section, double value, const std::string &unit,
                     const std::pair<double, double> &range, const std::string &confidence, const std::string &rangeSource)
{
    SensitivityRow row;
    row.key = key;
    row.section = section;
    row.value = value;
    row.unit = unit;
    row.low = range.first;
    row.high = range.second;
    row.confidence = confidence;
    row.range_source = rangeSource;
    return row;
}

// A ranged figure the plan leaves to the catalog, and how the plan is set to one of its
// values: an override in its assumptions, as a user would write it.
struct Candidate {
    SensitivityRow row;
    std::function<edits::Edited(const Scenario &, double)> setTo;
};

// The plan's own value of a figure: its assumptions block, else the job's field of that
// name (mfu, fragments, ...); none when it leaves the figure to the catalog.
std::optional<std::pair<double, std::string>> planValue(const Scenario &scenario, const std::string &key)
{
    if (const auto it = scenario.assumptions.figures.find(key); it != scenario.assumptions.figures.end())
        return std::pair{it->second, std::string("assumptions")};
    if (scenario.job)
        if (const std::optional<double> v = jobNumber(*scenario.job, key))
            return std::pair{*v, std::string("job")};
    return std::nullopt;
}

void collectFigures(const Scenario &scenario, const Catalog &base, std::vector<Candidate> &candidates,
                    std::vector<SkippedFigure> &skipped)
{
    for (const auto &[section, figures] : {std::pair{"assumptions", &base.assumptions},
                                           std::pair{"job_defaults", &base.jobDefaults},
                                           std::pair{"prices", &base.prices}}) {
        for (const auto &[key, f] : *figures) {
            if (!f.range)
                continue;
            if (const auto own = planValue(scenario, key)) {
                skipped.push_back({key, section, f.value, own->first, own->second});
                continue;
            }
            Candidate c;
            c.row = rowOf(key, section, f.value, f.unit, *f.range, f.confidence, f.range_source);
            c.setTo = [&base, key = key](const Scenario &s, double v) { return edits::setAssumption(s, base, key, v); };
            candidates.push_back(std::move(c));
        }
    }
}

// An optic's price is overridden per optic: assumptions.optics.NAME.price_usd.
void collectOpticPrices(const Scenario &scenario, const Catalog &base, std::vector<Candidate> &candidates,
                        std::vector<SkippedFigure> &skipped)
{
    for (const Optic &o : base.optics) {
        if (!o.price_range_usd)
            continue;
        const std::string key = "optics/" + o.name + "/price_usd";
        const auto entry = scenario.assumptions.optics.find(o.name);
        if (entry != scenario.assumptions.optics.end() && entry->second.count("price_usd")) {
            skipped.push_back({key, "optics", o.price_usd, entry->second.at("price_usd"), "assumptions"});
            continue;
        }
        Candidate c;
        // The optic's confidence speaks for its rate, baud and reach; a price listed among
        // its placeholders is unverified whatever that confidence is.
        const bool placeholder =
            std::find(o.placeholders.begin(), o.placeholders.end(), "price_usd") != o.placeholders.end();
        c.row = rowOf(key, "optics", o.price_usd, "USD", *o.price_range_usd, placeholder ? "unverified" : o.confidence,
                      o.price_range_source);
        c.setTo = [name = o.name](const Scenario &s, double v) {
            // The file reader's rule for a catalog entry's field: a number >= 0.
            if (!(std::isfinite(v) && v >= 0.0))
                return edits::Edited{s, formatText("expected a finite number >= 0, got %g", v)};
            edits::Edited out{s, {}};
            out.scenario.assumptions.optics[name]["price_usd"] = v;
            return out;
        };
        candidates.push_back(std::move(c));
    }
}

} // namespace

// docs/MODEL.md "Sensitivity".
SensitivityResult analyseSensitivity(const Scenario &scenario, const Catalog &base, const Progress &progress)
{
    SensitivityResult out;
    std::vector<Candidate> candidates;
    collectFigures(scenario, base, candidates, out.skipped);
    collectOpticPrices(scenario, base, candidates, out.skipped);

    const std::size_t total = 1 + 2 * candidates.size();
    std::size_t done = 0;
    if (progress.cancelled()) {
        out.cancelled = true;
        return out;
    }
    out.baseline = figuresOf(evaluate(scenario, base));
    progress.step(++done, total);

    for (Candidate &c : candidates) {
        SensitivityRow &row = c.row;
        for (const auto &[value, figures, end] : {std::tuple{row.low, &row.at_low, "low"},
                                                  std::tuple{row.high, &row.at_high, "high"}}) {
            if (progress.cancelled()) {
                out.cancelled = true;
                break;
            }
            const edits::Edited edited = c.setTo(scenario, value);
            if (edited.ok())
                *figures = figuresOf(evaluate(edited.scenario, base));
            else if (row.error.empty())
                row.error = std::string(end) + " end refused: " + edited.error;
            progress.step(++done, total);
        }
        if (out.cancelled)
            break;
        score(row, out.baseline);
        out.rows.push_back(std::move(row));
    }
    // Largest swing first; among equal swings (those without effect on efficiency and
    // capex among them) the larger opex swing, then catalog order.
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const SensitivityRow &a, const SensitivityRow &b) {
        if (a.swing != b.swing)
            return a.swing > b.swing;
        return a.opex_swing_pct > b.opex_swing_pct;
    });
    return out;
}

} // namespace dci
