#include "report.h"

#include "model/textformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <tuple>

namespace dci {

namespace {

// A whole figure with thousands separators ("16,777,216"); one no 64-bit integer holds
// (or NaN) in %.3g rather than through an undefined cast (reliability D05a: "-0 tokens").
std::string wholeText(double v)
{
    if (std::isfinite(v) && std::fabs(v) < 9.0e15)
        return withThousands(std::llround(v));
    return formatText("%.3g", v);
}

// Wraps text at `width` columns with the given indent.
// What the job does to the network and what the network does to the job, in sentences
// (docs/MODEL.md "Traffic" and "Timing").
std::string jobSection(const Scenario &scenario, const Results &r)
{
    if (!scenario.job)
        return "Job: none described; only explicit demands load the network.\n\n";
    const Job &spec = *scenario.job;
    const JobResult &j = r.job;
    std::string out = formatText("Job: %.3g parameters, %s tokens per step, strategy %s", spec.model_params,
                             wholeText(spec.tokens_per_step).c_str(),
                             j.strategy.empty() ? spec.strategy.c_str() : j.strategy.c_str());
    if (!j.present || !j.compute_s)
        return out + ".\n  The job has no GPUs to run on.\n\n";
    const bool betweenDcs = j.strategy == "hierarchical" || j.strategy == "diloco" || j.strategy == "streaming-diloco";
    out += betweenDcs ? " (" + j.dc_pattern + " between DCs).\n" : ".\n";
    out += formatText("  Compute: 6 x %.3g params x %s tokens = %.3g FLOP per step.\n", spec.model_params,
                  wholeText(spec.tokens_per_step).c_str(), *j.step_flop);
    out += formatText("  %zu DC%s with %s GPUs deliver their dense BF16 peak x MFU = %.3g FLOP/s,\n"
                  "  so one step computes in %s.\n",
                  j.dcs.size(), j.dcs.size() == 1 ? "" : "s", withThousands(j.gpus).c_str(), *j.cluster_flops,
                  secondsText(*j.compute_s).c_str());
    double peak = 0.0, average = 0.0;
    std::size_t count = 0;
    for (const DemandResult &d : r.demands)
        if (d.source == "job") {
            peak = std::max(peak, d.gbps);
            average = std::max(average, d.avg_gbps.value_or(0.0));
            ++count;
        }
    if (j.dcs.size() < 2 || count == 0) {
        out += "  All GPUs are in one DC: nothing crosses the DCI.\n";
    } else {
        const double period = j.period_steps.value_or(1.0);
        out += formatText("  Traffic: %zu DC-to-DC flows, the largest %s per sync event, ", count,
                      bytesText(*std::max_element(r.demands.begin(), r.demands.end(),
                                                  [](const DemandResult &a, const DemandResult &b) {
                                                      return a.bytes_per_event.value_or(0) < b.bytes_per_event.value_or(0);
                                                  })->bytes_per_event).c_str());
        out += period > 1.0 ? formatText("one event every %.4g steps.\n", period) : std::string("every step.\n");
        out += *j.window_s > 0.0
                   ? formatText("  To hide a transfer behind %s of compute, a DC pair needs %s Gbps while it runs",
                                secondsText(*j.window_s).c_str(), fixedText(peak, 1).c_str())
                   : formatText("  The job waits for each sync (nothing hides it); sized to move it in one step, a DC pair needs %s Gbps", fixedText(peak, 1).c_str());
        out += period > 1.0 ? formatText("\n  (%s Gbps on average over the steps between events).\n", fixedText(average, 2).c_str())
                            : std::string(".\n");
    }
    if (!j.step_s) {
        out += "  Timing: cannot be computed, see the diagnostics.\n\n";
        return out;
    }
    if (j.latency_s && *j.latency_s > 0.0)
        out += formatText("  Latency: each sync waits %s for propagation (%s pattern).\n", secondsText(*j.latency_s).c_str(),
                      j.latency_pattern.c_str());
    // The demand whose transfer is longest (Timing's): its rate, and what limits it.
    const DemandResult *slowest = j.slowest_demand && *j.slowest_demand < r.demands.size()
                                      ? &r.demands[*j.slowest_demand]
                                      : nullptr;
    if (slowest && slowest->rate_gbps && j.transfer_s) {
        std::string why = slowest->limited_by;
        if (why == "window" && j.connections_per_pair)
            why = formatText("the window: %.0f connections x their buffer / RTT", *j.connections_per_pair);
        else if (why == "capacity" && !slowest->limiting_span.empty())
            why = "capacity: span " + slowest->limiting_span + " is full";
        out += formatText("  Rate: %s -> %s gets %s Gbps, limited by %s; the transfer takes %s.\n",
                          slowest->from.c_str(), slowest->to.c_str(), fixedText(*slowest->rate_gbps, 1).c_str(), why.c_str(),
                          secondsText(*j.transfer_s).c_str());
    }
    if (slowest && slowest->rtt_ms && slowest->bdp_bytes && slowest->goodput)
        out += formatText("  Transport: RTT %.2f ms, %s in flight per connection, keeps %.1f%% goodput.\n",
                      *slowest->rtt_ms, bytesText(*slowest->bdp_bytes).c_str(), *slowest->goodput * 100.0);
    if (j.bubble_s && *j.bubble_s > 0.0)
        out += formatText("  Pipeline bubble: %s per step.\n", secondsText(*j.bubble_s).c_str());
    out += formatText("  Step time %s, of which %s is communication compute cannot hide:\n"
                  "  scaling efficiency %.1f%%.",
                  secondsText(*j.step_s).c_str(), secondsText(*j.exposed_s).c_str(), *j.efficiency * 100.0);
    if (j.training_days)
        out += formatText(" Training %.3g tokens takes %s days.", *spec.total_tokens, fixedText(*j.training_days, 1).c_str());
    return out + "\n\n";
}


std::string countText(const std::optional<int> &v) { return v ? std::to_string(*v) : std::string("auto"); }

// "8" when unchanged, "8->12" when dimensioning changed it.
std::string changeText(const std::string &was, const std::string &now)
{
    if (was == now)
        return was;
    std::string out = was;
    out.append("->").append(now);
    return out;
}

// Bill of materials and cost, shared by the evaluation and dimensioning reports.
std::string costSection(const Results &r)
{
    std::string out = "Bill of materials:";
    for (const BomLine &l : r.bom) {
        const std::string n = wholeText(l.quantity);
        if (l.unit == "modules")
            out += " " + n + " " + l.item + " modules;";
        else if (l.unit == "pair-km")
            out += " " + n + " fiber pair-km;";
        else if (l.item == "fiber pair")
            out += " " + n + " fiber pairs;";
        else
            out += " " + n + " " + l.item + (l.item == "amplifier" ? "s;" : ";");
    }
    out.back() = '.';
    out += "\n";
    const CostResult &c = r.cost;
    if (!c.capex_usd)
        return out + "Cost: not computed.\n\n";
    bool placeholder = false;
    std::string capex, opex;
    for (const CostItem &i : c.breakdown) {
        (i.yearly ? opex : capex) += formatText(" %s %s%s,", i.item.c_str(), usd(i.usd).c_str(), i.placeholder ? "*" : "");
        placeholder = placeholder || i.placeholder;
    }
    capex.pop_back();
    opex.pop_back();
    out += formatText("Cost: capex %s (%s); opex %s per year (%s).\n", usd(*c.capex_usd).c_str(), capex.c_str() + 1,
                  usd(*c.opex_usd_per_year).c_str(), opex.c_str() + 1);
    if (c.usd_per_gbps)
        out += formatText("  %s per Gbps of span capacity", usd(*c.usd_per_gbps).c_str());
    if (c.dci_share_of_gpu_capex)
        out += formatText("; the DCI costs %.2f%% of the GPUs (%s).", *c.dci_share_of_gpu_capex * 100.0,
                      usd(*c.gpu_capex_usd).c_str());
    out += "\n";
    if (placeholder)
        out += "  * priced with a placeholder figure from the catalog: override it in the scenario's assumptions.\n";
    return out + "\n";
}

// A failure in a sentence ("span \"a-b\"", "shared-risk group \"conduit\" (a-b, c-d)") and
// in the table ("srlg conduit (a-b, c-d)").
std::string spanList(const FailureCase &c)
{
    std::string list;
    for (const std::string &id : c.spans)
        list += (list.empty() ? "" : ", ") + id;
    return list;
}

std::string failureName(const FailureCase &c)
{
    if (c.kind == "srlg")
        return "shared-risk group \"" + c.element + "\" (" + spanList(c) + ")";
    return c.kind + " \"" + c.element + "\"";
}

std::string failureLabel(const FailureCase &c)
{
    return c.kind + " " + c.element + (c.kind == "srlg" ? " (" + spanList(c) + ")" : "");
}

} // namespace

std::string reportText(const Scenario &scenario, const Results &r)
{
    std::string out;
    out += "Scenario: " + (scenario.name.empty() ? std::string("(unnamed)") : scenario.name) + "\n";
    if (!scenario.description.empty())
        out += wrapWords(scenario.description, 88, "  ");
    out += formatText("  (model %d, catalog %d: docs/MODEL.md \"Changelog\" says what changed in the numbers)\n\n",
                      r.model_version, r.catalog_version);

    out += formatText("Sites (%d): %s GPUs drawing %.1f MW of IT power, %.1f MW at the meter.\n", r.totals.sites,
                  withThousands(r.totals.gpus).c_str(), r.totals.it_power_mw, r.totals.power_mw);
    std::size_t idWidth = 4;
    for (const Site &site : scenario.sites)
        idWidth = std::max(idWidth, site.id.size());
    for (const Span &span : scenario.spans)
        idWidth = std::max(idWidth, span.id.size());
    const int w = static_cast<int>(idWidth);

    out += formatText("  %-*s %-10s %10s %9s %6s %10s\n", w, "site", "gpu", "GPUs", "power MW", "PUE", "cap MW");
    for (std::size_t i = 0; i < r.sites.size(); ++i) {
        const SiteResult &s = r.sites[i];
        const Site &site = scenario.sites[i];
        const std::string cap = s.power_cap_mw ? formatText("%.1f", *s.power_cap_mw) : std::string("none");
        out += formatText("  %-*s %-10s %10s %9.1f %6.2f %10s%s%s\n", w, s.id.c_str(), site.gpu.c_str(),
                          withThousands(s.gpus).c_str(), s.power_mw, s.pue, cap.c_str(), s.over_cap ? "  OVER CAP" : "",
                          s.down ? "  DOWN" : "");
    }
    out += "\n";

    out += formatText("Spans (%d):\n", r.totals.spans);
    if (r.spans.empty())
        out += "  none: the sites are not connected.\n";
    else
        out += formatText("  %-*s %-*s %-*s %9s %10s %-13s %10s %10s %6s %6s %8s\n", w, "span", w, "a", w, "b", "length km",
                      "latency ms", "optic", "cap Gbps", "load Gbps", "util", "lanes", "hot lane");
    for (const SpanResult &s : r.spans) {
        const std::string cap = s.capacity_gbps ? formatText("%.0f", *s.capacity_gbps) : std::string("auto");
        const std::string load = s.load_gbps ? fixedText(*s.load_gbps, 0) : std::string("-");
        const std::string util = s.utilization ? fixedText(*s.utilization * 100.0, 0) + "%" : std::string("-");
        const std::string lanes = s.lanes ? std::to_string(*s.lanes) : std::string("-");
        const std::string hotLane =
            s.hot_lane_utilization ? fixedText(*s.hot_lane_utilization * 100.0, 0) + "%" : std::string("-");
        std::string notes;
        if (s.length_estimated)
            notes += "  length from the map";
        if (s.reach_ok && !*s.reach_ok)
            notes += "  OUT OF REACH";
        if (s.utilization && *s.utilization > 1.0)
            notes += "  OVERLOADED";
        if (s.down)
            notes += "  DOWN";
        out += formatText("  %-*s %-*s %-*s %9.0f %10.3f %-13s %10s %10s %6s %6s %8s", w, s.id.c_str(), w, s.a.c_str(), w,
                      s.b.c_str(), s.length_km, s.latency_ms, s.optic.c_str(), cap.c_str(), load.c_str(),
                      util.c_str(), lanes.c_str(), hotLane.c_str())
            + notes + "\n";
    }
    std::vector<const SpanResult *> hot;
    for (const SpanResult &s : r.spans)
        if (s.utilization)
            hot.push_back(&s);
    std::sort(hot.begin(), hot.end(), [](const SpanResult *x, const SpanResult *y) { return *x->utilization > *y->utilization; });
    if (!hot.empty()) {
        out += "  Most loaded:";
        for (std::size_t i = 0; i < hot.size() && i < 3; ++i)
            out += formatText("%s %s (%s%%)", i ? "," : "", hot[i]->id.c_str(),
                              fixedText(*hot[i]->utilization * 100.0, 0).c_str());
        out += ".\n";
    }
    out += "\n";

    std::string explicitLines;
    std::size_t explicitCount = 0;
    for (const DemandResult &d : r.demands)
        if (d.source == "explicit") {
            ++explicitCount;
            explicitLines += formatText("  %s -> %s: %.1f Gbps%s%s\n", d.from.c_str(), d.to.c_str(), d.gbps,
                                    d.label.empty() ? "" : ", ", d.label.c_str());
        }
    out += formatText("Explicit demands (%zu):\n", explicitCount) + explicitLines + "\n";

    out += jobSection(scenario, r);
    out += costSection(r);
    if (r.diagnostics.empty()) {
        out += "Diagnostics: none.\n";
    } else {
        out += formatText("Diagnostics (%zu):\n", r.diagnostics.size());
        for (const Diagnostic &d : r.diagnostics)
            out += formatText("  %-7s %-16s ", severityName(d.severity), d.element.c_str()) + d.message + "\n";
    }
    return out;
}

} // namespace dci

namespace dci {

namespace {

// A figure's value: dollars as the cost report writes them, a price per something as
// "$0.08/kWh", other numbers with their unit when `withUnit`.
std::string figureValueText(double v, const std::string &unit, bool withUnit)
{
    if (unit == "USD")
        return usd(v);
    if (unit.rfind("USD/", 0) == 0)
        return formatText("$%.6g", v) + (withUnit ? unit.substr(3) : "");
    return formatText("%.6g", v) + (withUnit && !unit.empty() ? " " + unit : "");
}

std::string percentOrDash(const std::optional<double> &v)
{
    return v ? formatText("%.1f%%", *v * 100.0) : std::string("-");
}

std::string usdOrDash(const std::optional<double> &v) { return v ? usd(*v) : std::string("-"); }

std::string codeList(const std::vector<std::string> &codes)
{
    std::string out;
    for (const std::string &c : codes)
        out += (out.empty() ? "" : ", ") + c;
    return out;
}

} // namespace

std::string sensitivityReport(const Scenario &scenario, const SensitivityResult &r)
{
    std::string out = formatText("Sensitivity of \"%s\": %zu catalog figure%s with a plausible range, each moved alone to "
                                 "its low and its high end (docs/MODEL.md \"Sensitivity\"); largest swing first.\n",
                                 scenario.name.c_str(), r.rows.size(), r.rows.size() == 1 ? "" : "s");
    out += "Baseline: efficiency " + percentOrDash(r.baseline.efficiency) + ", capex " + usdOrDash(r.baseline.capex_usd)
           + ", opex " + usdOrDash(r.baseline.opex_usd_per_year) + " per year.\n";
    if (r.cancelled)
        out += "Stopped before the end: the table is partial.\n";
    out += "Swing: the larger of the efficiency move (percentage points) and the capex move (per cent of the "
           "baseline) at either end.\n\n";

    std::size_t width = 6;
    for (const SensitivityRow &row : r.rows)
        width = std::max(width, row.key.size());
    const int w = static_cast<int>(width);
    out += formatText("  %-*s %-18s %-17s %-19s %-23s %-23s %-10s %s\n", w, "figure", "value", "range",
                      "efficiency low/high", "capex low/high", "opex/yr low/high", "swing", "confidence");
    bool noEffectShown = false;
    for (const SensitivityRow &row : r.rows) {
        if (row.swing == 0.0 && !noEffectShown) {
            out += "  -- no effect on this plan's efficiency or capex:\n";
            noEffectShown = true;
        }
        const std::string range =
            figureValueText(row.low, row.unit, false) + " .. " + figureValueText(row.high, row.unit, false);
        const std::string swing = row.swing == 0.0 ? std::string("none")
                                  : row.efficiency_swing_pp >= row.capex_swing_pct
                                      ? formatText("%.2f pp", row.efficiency_swing_pp)
                                      : formatText("%.2f %%", row.capex_swing_pct);
        std::string line =
            formatText("  %-*s %-18s %-17s %-19s %-23s %-23s %-10s %s", w, row.key.c_str(),
                       figureValueText(row.value, row.unit, true).c_str(), range.c_str(),
                       (percentOrDash(row.at_low.efficiency) + " / " + percentOrDash(row.at_high.efficiency)).c_str(),
                       (usdOrDash(row.at_low.capex_usd) + " / " + usdOrDash(row.at_high.capex_usd)).c_str(),
                       (usdOrDash(row.at_low.opex_usd_per_year) + " / " + usdOrDash(row.at_high.opex_usd_per_year)).c_str(),
                       swing.c_str(), row.confidence.c_str());
        if (!row.new_errors_low.empty())
            line += "  errors at low: " + codeList(row.new_errors_low);
        if (!row.new_errors_high.empty())
            line += "  errors at high: " + codeList(row.new_errors_high);
        if (!row.error.empty())
            line += "  " + row.error;
        out += line + "\n";
    }
    if (!r.skipped.empty()) {
        out += "\nSet by this plan itself, so not varied:\n";
        for (const SkippedFigure &s : r.skipped)
            out += formatText("  %s = %.6g in its %s (catalog %.6g)\n", s.key.c_str(), s.plan_value, s.set_in.c_str(),
                              s.catalog_value);
    }
    if (!r.rows.empty()) {
        out += "\nWhat each range rests on:\n";
        for (const SensitivityRow &row : r.rows)
            out += wrapWords(row.key + ": " + row.range_source, 100, "  ");
    }
    return out;
}

std::string dimensionReport(const Scenario &before, const Scenario &after, const Results &r, double target)
{
    std::size_t w = 4;
    for (const Span &s : after.spans)
        w = std::max(w, s.id.size());
    const int iw = static_cast<int>(w);
    std::string out = formatText("Dimensioned \"%s\" for at most %.0f%% utilisation per span.\n", after.name.c_str(),
                             target * 100.0);
    out += formatText("  %-*s %-13s %10s %7s %12s %10s %6s\n", iw, "span", "optic", "load Gbps", "pairs", "wavelengths",
                  "cap Gbps", "util");
    for (std::size_t i = 0; i < after.spans.size() && i < r.spans.size(); ++i) {
        const Span &was = before.spans[i];
        const SpanResult &s = r.spans[i];
        const std::string pairs = changeText(countText(was.fiber_pairs), countText(s.fiber_pairs));
        const std::string lambdas = changeText(countText(was.wavelengths), countText(s.wavelengths));
        out += formatText("  %-*s %-13s %10.0f %7s %12s %10.0f %6s%s\n", iw, s.id.c_str(), s.optic.c_str(),
                      s.load_gbps.value_or(0.0), pairs.c_str(), lambdas.c_str(), s.capacity_gbps.value_or(0.0),
                      s.utilization ? formatText("%.0f%%", *s.utilization * 100.0).c_str() : "-",
                      s.down ? "  DOWN" : "");
    }
    out.append("\n").append(costSection(r));
    for (const Diagnostic &d : r.diagnostics)
        if (d.severity == Severity::Error)
            out.append("error: ").append(d.message).append("\n");
    return out;
}

std::string resilienceReport(const Scenario &scenario, const ResilienceResult &r)
{
    std::string kinds;
    for (const auto &[kind, one, many] : {std::tuple{"span", "span", "spans"},
                                          std::tuple{"srlg", "shared-risk group", "shared-risk groups"},
                                          std::tuple{"site", "site", "sites"}}) {
        // kind named in the capture: clang 14 cannot capture a structured binding.
        const auto n = std::count_if(r.cases.begin(), r.cases.end(),
                                     [&kind = kind](const FailureCase &c) { return c.kind == kind; });
        if (n > 0)
            kinds += formatText("%s%ld %s", kinds.empty() ? "" : ", ", static_cast<long>(n), n == 1 ? one : many);
    }
    std::string out = formatText("Failure analysis of \"%s\": %zu failure%s%s; %d overload a span, %d cut a demand "
                                 "off or split the job.\n",
                                 scenario.name.c_str(), r.cases.size(), r.cases.size() == 1 ? "" : "s",
                                 kinds.empty() ? "" : (" (" + kinds + ")").c_str(), r.overloading, r.cutting);
    if (r.cancelled)
        out += "  Stopped before every failure was analysed: the list is partial.\n";
    if (r.baseline_worst_utilization)
        out += formatText("  Without failures the busiest span is at %.0f%%", *r.baseline_worst_utilization * 100.0);
    if (r.baseline_efficiency)
        out += formatText(" and the job runs at %.1f%% scaling efficiency", *r.baseline_efficiency * 100.0);
    out += ".\n";
    if (!r.cases.empty()) {
        const FailureCase &w = r.cases.front();
        out += "  Worst case: losing " + failureName(w);
        if (w.job_cut)
            out += " splits the job";
        else if (!w.cut_demands.empty())
            out += formatText(" cuts off %zu demand%s", w.cut_demands.size(), w.cut_demands.size() == 1 ? "" : "s");
        else if (w.worst_utilization)
            out += formatText(" loads %s to %.0f%%", w.worst_span.c_str(), *w.worst_utilization * 100.0);
        out += ".\n";
    }
    out += "\n";
    std::size_t width = 7;
    for (const FailureCase &c : r.cases)
        width = std::max(width, failureLabel(c).size());
    const int w = static_cast<int>(width);
    out += formatText("  %-*s %-16s %6s %11s %10s  %s\n", w, "failure", "worst span", "util", "step", "efficiency", "cut off");
    for (const FailureCase &c : r.cases) {
        std::string cut;
        for (const std::string &d : c.cut_demands)
            cut += (cut.empty() ? "" : "; ") + d;
        if (c.job_cut)
            cut = "JOB SPLIT: " + cut;
        std::string row = formatText("  %-*s %-16s %6s %11s %10s", w, failureLabel(c).c_str(), c.worst_span.c_str(),
                                 c.worst_utilization ? formatText("%.0f%%", *c.worst_utilization * 100.0).c_str() : "-",
                                 c.step_s ? secondsText(*c.step_s).c_str() : "-",
                                 c.efficiency ? formatText("%.1f%%", *c.efficiency * 100.0).c_str() : "-");
        if (!cut.empty())
            row += "  " + cut;
        out += row + "\n";
    }
    return out;
}

} // namespace dci
