// The scenario writer: canonical, stable JSON (docs/SCENARIO-FORMAT.md "Writing").
#include "scenariojson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace dci {

namespace {

using ojson = nlohmann::ordered_json;

// Whole numbers are written without a fraction so files read naturally ("gbps": 100).
ojson num(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15)
        return ojson(static_cast<std::int64_t>(v));
    return ojson(v);
}

void putExtensions(ojson &o, const Extensions &ext)
{
    for (const auto &[key, text] : ext)
        o[key] = ojson::parse(text);
}

void putOptional(ojson &o, const char *key, const std::optional<double> &v)
{
    if (v)
        o[key] = num(*v);
}

} // namespace

std::string writeScenario(const Scenario &s)
{
    ojson root;
    root["format"] = kScenarioFormat;
    root["version"] = kScenarioVersion;
    root["name"] = s.name;
    root["description"] = s.description;

    ojson sites = ojson::array();
    for (const Site &site : s.sites) {
        ojson o;
        o["id"] = site.id;
        o["name"] = site.name;
        o["lat"] = num(site.lat);
        o["lon"] = num(site.lon);
        o["gpu"] = site.gpu;
        o["gpus"] = site.gpus;
        putOptional(o, "power_cap_mw", site.power_cap_mw);
        putOptional(o, "pue", site.pue);
        if (!site.region.empty())
            o["region"] = site.region;
        if (site.down)
            o["down"] = true;
        putExtensions(o, site.extensions);
        sites.push_back(std::move(o));
    }
    root["sites"] = std::move(sites);

    ojson spans = ojson::array();
    for (const Span &span : s.spans) {
        ojson o;
        o["id"] = span.id;
        o["a"] = span.a;
        o["b"] = span.b;
        putOptional(o, "length_km", span.length_km);
        o["optic"] = span.optic;
        o["fiber_pairs"] = span.fiber_pairs ? ojson(*span.fiber_pairs) : ojson("auto");
        o["band"] = span.band;
        o["wavelengths"] = span.wavelengths ? ojson(*span.wavelengths) : ojson("auto");
        if (span.metric)
            o["metric"] = *span.metric;
        if (span.down)
            o["down"] = true;
        if (!span.srlg.empty())
            o["srlg"] = span.srlg;
        putExtensions(o, span.extensions);
        spans.push_back(std::move(o));
    }
    root["spans"] = std::move(spans);

    ojson demands = ojson::array();
    for (const Demand &d : s.demands) {
        ojson o;
        o["from"] = d.from;
        o["to"] = d.to;
        o["gbps"] = num(d.gbps);
        if (!d.label.empty())
            o["label"] = d.label;
        putExtensions(o, d.extensions);
        demands.push_back(std::move(o));
    }
    root["demands"] = std::move(demands);

    if (s.job) {
        const Job &j = *s.job;
        ojson o;
        o["model_params"] = num(j.model_params);
        o["tokens_per_step"] = num(j.tokens_per_step);
        putOptional(o, "total_tokens", j.total_tokens);
        o["strategy"] = j.strategy;
        o["dc_pattern"] = j.dc_pattern;
        if (!j.ring_order.empty())
            o["ring_order"] = j.ring_order;
        putOptional(o, "mfu", j.mfu);
        putOptional(o, "grad_bytes", j.grad_bytes);
        putOptional(o, "overlap", j.overlap);
        putOptional(o, "inner_steps", j.inner_steps);
        putOptional(o, "sync_bytes", j.sync_bytes);
        putOptional(o, "fragments", j.fragments);
        putOptional(o, "overlap_steps", j.overlap_steps);
        putOptional(o, "hidden_size", j.hidden_size);
        putOptional(o, "act_bytes", j.act_bytes);
        putOptional(o, "microbatches", j.microbatches);
        putOptional(o, "connections_per_pair", j.connections_per_pair);
        putOptional(o, "flows_per_pair", j.flows_per_pair);
        o["transport"] = j.transport;
        putExtensions(o, j.extensions);
        root["job"] = std::move(o);
    }

    ojson routing;
    routing["policy"] = s.routing.policy;
    routing["load_balancing"] = s.routing.load_balancing;
    putExtensions(routing, s.routing.extensions);
    root["routing"] = std::move(routing);

    if (s.sizing.any() || !s.sizing.extensions.empty()) {
        ojson sizing = ojson::object();
        putOptional(sizing, "target_efficiency", s.sizing.target_efficiency);
        if (s.sizing.n1)
            sizing["n1"] = true;
        putExtensions(sizing, s.sizing.extensions);
        root["sizing"] = std::move(sizing);
    }

    if (!s.presentation.empty()) {
        ojson presentation = ojson::object();
        ojson views = ojson::array();
        for (const PresentationView &v : s.presentation.views) {
            ojson view = ojson::object();
            if (!v.title.empty())
                view["title"] = v.title;
            view["show"] = v.show;
            if (v.region) {
                ojson region = ojson::object();
                region["south"] = num(v.region->south);
                region["west"] = num(v.region->west);
                region["north"] = num(v.region->north);
                region["east"] = num(v.region->east);
                view["region"] = std::move(region);
            }
            putExtensions(view, v.extensions);
            views.push_back(std::move(view));
        }
        presentation["views"] = std::move(views);
        putExtensions(presentation, s.presentation.extensions);
        root["presentation"] = std::move(presentation);
    }

    ojson assumptions = ojson::object();
    for (const auto &[key, value] : s.assumptions.figures)
        assumptions[key] = num(value);
    auto putEntries = [&](const char *key, const std::map<std::string, std::map<std::string, double>> &entries) {
        if (entries.empty())
            return;
        ojson section = ojson::object();
        for (const auto &[name, fields] : entries) {
            ojson e = ojson::object();
            for (const auto &[field, value] : fields)
                e[field] = num(value);
            section[name] = std::move(e);
        }
        assumptions[key] = std::move(section);
    };
    putEntries("gpus", s.assumptions.gpus);
    putEntries("optics", s.assumptions.optics);
    putEntries("bands", s.assumptions.bands);
    putExtensions(assumptions, s.assumptions.extensions);
    root["assumptions"] = std::move(assumptions);

    putExtensions(root, s.extensions);
    return root.dump(2) + "\n";
}

bool writeScenarioFile(const std::string &path, const Scenario &scenario, std::string *error)
{
    const std::string text = writeScenario(scenario);
    const std::string temp = path + ".saving";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            if (error)
                *error = path + ": cannot write (the folder is missing or not writable)";
            return false;
        }
        out << text;
        out.flush();
        if (!out) {
            if (error)
                *error = path + ": writing failed (disk full?); the existing file is unchanged";
            std::remove(temp.c_str());
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        if (error)
            *error = path + ": cannot replace the file: " + ec.message();
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

} // namespace dci
