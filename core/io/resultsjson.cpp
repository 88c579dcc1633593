#include "resultsjson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <type_traits>

namespace dci {

namespace {

using ojson = nlohmann::ordered_json;

template<typename T>
ojson opt(const std::optional<T> &v)
{
    if constexpr (std::is_floating_point_v<T>)
        return v && std::isfinite(*v) ? ojson(*v) : ojson(nullptr); // JSON has no NaN or infinity
    else
        return v ? ojson(*v) : ojson(nullptr);
}

ojson textOrNull(const std::string &v) { return v.empty() ? ojson(nullptr) : ojson(v); }

} // namespace

std::string resultsToJson(const Scenario &scenario, const Results &r)
{
    ojson root;
    root["scenario"] = scenario.name;
    root["model_version"] = r.model_version;
    root["catalog_version"] = r.catalog_version;

    ojson sites = ojson::array();
    for (const SiteResult &s : r.sites) {
        ojson o;
        o["id"] = s.id;
        o["gpus"] = s.gpus;
        o["it_power_mw"] = s.it_power_mw;
        o["power_mw"] = s.power_mw;
        o["pue"] = s.pue;
        o["power_cap_mw"] = opt(s.power_cap_mw);
        o["over_cap"] = s.over_cap;
        o["down"] = s.down;
        sites.push_back(std::move(o));
    }
    root["sites"] = std::move(sites);

    ojson spans = ojson::array();
    for (std::size_t i = 0; i < r.spans.size(); ++i) {
        const SpanResult &s = r.spans[i];
        ojson o;
        o["id"] = s.id;
        o["a"] = s.a;
        o["b"] = s.b;
        o["length_km"] = s.length_km;
        o["length_estimated"] = s.length_estimated;
        o["down"] = s.down;
        o["srlg"] = i < scenario.spans.size() ? scenario.spans[i].srlg : std::vector<std::string>{};
        o["optic"] = s.optic;
        o["band"] = s.band;
        o["fiber_pairs"] = opt(s.fiber_pairs);
        o["wavelengths"] = opt(s.wavelengths);
        o["max_wavelengths"] = opt(s.max_wavelengths);
        o["capacity_gbps"] = opt(s.capacity_gbps);
        o["load_ab_gbps"] = opt(s.load_ab_gbps);
        o["load_ba_gbps"] = opt(s.load_ba_gbps);
        o["load_gbps"] = opt(s.load_gbps);
        o["utilization"] = opt(s.utilization);
        o["latency_ms"] = s.latency_ms;
        o["metric"] = s.metric;
        o["reach_ok"] = opt(s.reach_ok);
        o["reach_km"] = s.reach_km;
        o["inline_amp_sites"] = opt(s.inline_amp_sites);
        o["amplifiers"] = opt(s.amplifiers);
        o["terminal_amplifiers"] = opt(s.terminal_amplifiers);
        o["modules"] = opt(s.modules);
        o["dimensioned"] = s.dimensioned;
        o["lanes"] = opt(s.lanes);
        o["flows"] = opt(s.flows);
        o["ecmp_imbalance"] = opt(s.ecmp_imbalance);
        o["hot_lane_utilization"] = opt(s.hot_lane_utilization);
        o["pfc_headroom_bytes"] = opt(s.pfc_headroom_bytes);
        spans.push_back(std::move(o));
    }
    root["spans"] = std::move(spans);

    ojson demands = ojson::array();
    for (const DemandResult &d : r.demands) {
        ojson o;
        o["from"] = d.from;
        o["to"] = d.to;
        o["gbps"] = d.gbps;
        o["avg_gbps"] = opt(d.avg_gbps);
        o["rate_gbps"] = opt(d.rate_gbps);
        o["bytes_per_event"] = opt(d.bytes_per_event);
        o["period_steps"] = opt(d.period_steps);
        o["window_s"] = opt(d.window_s);
        o["limited_by"] = textOrNull(d.limited_by);
        o["window_limit_gbps"] = opt(d.window_limit_gbps);
        o["limiting_span"] = textOrNull(d.limiting_span);
        o["latency_ms"] = opt(d.latency_ms);
        o["rtt_ms"] = opt(d.rtt_ms);
        o["bdp_bytes"] = opt(d.bdp_bytes);
        o["goodput"] = opt(d.goodput);
        o["source"] = d.source;
        o["label"] = d.label;
        ojson paths = ojson::array();
        for (const DemandResult::Path &p : d.paths) {
            ojson po;
            po["spans"] = p.spans;
            po["fraction"] = p.fraction;
            paths.push_back(std::move(po));
        }
        o["paths"] = std::move(paths);
        demands.push_back(std::move(o));
    }
    root["demands"] = std::move(demands);

    if (r.job.present) {
        const JobResult &j = r.job;
        ojson job;
        job["strategy"] = j.strategy;
        job["dc_pattern"] = j.dc_pattern;
        job["dcs"] = j.dcs;
        job["gpus"] = j.gpus;
        job["step_flop"] = opt(j.step_flop);
        job["cluster_flops"] = opt(j.cluster_flops);
        job["exchanged_bytes"] = opt(j.exchanged_bytes);
        job["period_steps"] = opt(j.period_steps);
        job["window_s"] = opt(j.window_s);
        job["compute_s"] = opt(j.compute_s);
        job["transfer_s"] = opt(j.transfer_s);
        job["latency_s"] = opt(j.latency_s);
        job["latency_pattern"] = j.latency_pattern;
        job["limited_by"] = textOrNull(j.limited_by);
        job["connections_per_pair"] = opt(j.connections_per_pair);
        job["flows_per_pair"] = opt(j.flows_per_pair);
        job["comm_s"] = opt(j.comm_s);
        job["exposed_s"] = opt(j.exposed_s);
        job["bubble_s"] = opt(j.bubble_s);
        job["step_s"] = opt(j.step_s);
        job["efficiency"] = opt(j.efficiency);
        job["training_days"] = opt(j.training_days);
        root["job"] = std::move(job);
    } else {
        root["job"] = nullptr;
    }

    ojson cost;
    cost["capex_usd"] = opt(r.cost.capex_usd);
    cost["opex_usd_per_year"] = opt(r.cost.opex_usd_per_year);
    cost["usd_per_gbps"] = opt(r.cost.usd_per_gbps);
    cost["dci_share_of_gpu_capex"] = opt(r.cost.dci_share_of_gpu_capex);
    cost["gpu_capex_usd"] = opt(r.cost.gpu_capex_usd);
    ojson breakdown = ojson::array();
    for (const CostItem &i : r.cost.breakdown) {
        ojson o;
        o["item"] = i.item;
        o[i.yearly ? "usd_per_year" : "usd"] = i.usd;
        o["placeholder"] = i.placeholder;
        breakdown.push_back(std::move(o));
    }
    cost["breakdown"] = std::move(breakdown);
    cost["incomplete"] = r.cost.incomplete;
    root["cost"] = std::move(cost);

    ojson bom = ojson::array();
    for (const BomLine &l : r.bom) {
        ojson o;
        o["item"] = l.item;
        o["quantity"] = l.quantity;
        o["unit"] = l.unit;
        bom.push_back(std::move(o));
    }
    root["bom"] = std::move(bom);

    ojson totals;
    totals["sites"] = r.totals.sites;
    totals["spans"] = r.totals.spans;
    totals["gpus"] = r.totals.gpus;
    totals["it_power_mw"] = r.totals.it_power_mw;
    totals["power_mw"] = r.totals.power_mw;
    root["totals"] = std::move(totals);

    ojson diagnostics = ojson::array();
    for (const Diagnostic &d : r.diagnostics) {
        ojson o;
        o["severity"] = severityName(d.severity);
        o["code"] = d.code;
        o["element"] = d.element;
        o["message"] = d.message;
        diagnostics.push_back(std::move(o));
    }
    root["diagnostics"] = std::move(diagnostics);
    return root.dump(2) + "\n";
}

namespace {

ojson sensitivityFiguresJson(const SensitivityFigures &f)
{
    return ojson{{"efficiency", opt(f.efficiency)}, {"capex_usd", opt(f.capex_usd)},
                 {"opex_usd_per_year", opt(f.opex_usd_per_year)}};
}

} // namespace

std::string sensitivityToJson(const Scenario &scenario, const SensitivityResult &r)
{
    ojson root;
    root["scenario"] = scenario.name;
    root["baseline"] = sensitivityFiguresJson(r.baseline);
    root["cancelled"] = r.cancelled;
    ojson rows = ojson::array();
    for (const SensitivityRow &row : r.rows) {
        ojson o;
        o["key"] = row.key;
        o["section"] = row.section;
        o["value"] = row.value;
        o["unit"] = row.unit;
        o["low"] = row.low;
        o["high"] = row.high;
        o["confidence"] = row.confidence;
        o["range_source"] = row.range_source;
        o["efficiency_low"] = opt(row.at_low.efficiency);
        o["efficiency_high"] = opt(row.at_high.efficiency);
        o["capex_usd_low"] = opt(row.at_low.capex_usd);
        o["capex_usd_high"] = opt(row.at_high.capex_usd);
        o["opex_usd_per_year_low"] = opt(row.at_low.opex_usd_per_year);
        o["opex_usd_per_year_high"] = opt(row.at_high.opex_usd_per_year);
        o["efficiency_swing_pp"] = row.efficiency_swing_pp;
        o["capex_swing_pct"] = row.capex_swing_pct;
        o["opex_swing_pct"] = row.opex_swing_pct;
        o["swing"] = row.swing;
        o["new_errors_low"] = row.new_errors_low;
        o["new_errors_high"] = row.new_errors_high;
        o["error"] = textOrNull(row.error);
        rows.push_back(std::move(o));
    }
    root["rows"] = std::move(rows);
    ojson skipped = ojson::array();
    for (const SkippedFigure &s : r.skipped)
        skipped.push_back(ojson{{"key", s.key}, {"section", s.section}, {"catalog_value", s.catalog_value},
                                {"plan_value", s.plan_value}, {"set_in", s.set_in}});
    root["skipped"] = std::move(skipped);
    return root.dump(2) + "\n";
}

std::string resilienceToJson(const Scenario &scenario, const ResilienceResult &r)
{
    ojson root;
    root["scenario"] = scenario.name;
    root["baseline_worst_utilization"] = opt(r.baseline_worst_utilization);
    root["baseline_efficiency"] = opt(r.baseline_efficiency);
    root["failures"] = r.cases.size();
    root["overloading"] = r.overloading;
    root["cutting"] = r.cutting;
    root["cancelled"] = r.cancelled;
    ojson cases = ojson::array();
    for (const FailureCase &c : r.cases) {
        ojson o;
        o["kind"] = c.kind;
        o["element"] = c.element;
        o["spans"] = c.spans;
        o["worst_utilization"] = opt(c.worst_utilization);
        o["worst_span"] = c.worst_span;
        o["overloaded_spans"] = c.overloaded_spans;
        o["cut_demands"] = c.cut_demands;
        o["job_cut"] = c.job_cut;
        o["step_s"] = opt(c.step_s);
        o["efficiency"] = opt(c.efficiency);
        cases.push_back(std::move(o));
    }
    root["cases"] = std::move(cases);
    return root.dump(2) + "\n";
}

} // namespace dci
