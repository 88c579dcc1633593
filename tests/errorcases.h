#pragma once

// Broken scenario files, one per class of input error the reader must name
// (issue: foundation, point 4). Shared by tst_scenariofile (messages) and tst_cli (exit 2).

#include <string>
#include <vector>

namespace dci::test {

struct ErrorCase {
    const char *name;
    std::string json;
    std::string expected; // must appear in one of the messages
};

inline std::string wrapSites(const std::string &sites, const std::string &rest = "")
{
    return R"({"format": "dci-scenario", "version": 1, "sites": [)" + sites + "]" + rest + "}";
}

inline const std::string kTwoSites =
    R"({"id": "a", "lat": 41.26, "lon": -95.86, "gpus": 8}, {"id": "b", "lat": 40.81, "lon": -96.70, "gpus": 8})";

inline std::vector<ErrorCase> errorCases()
{
    return {
        {"syntax error", "{\n  \"format\": \"dci-scenario\",\n  \"version\": 1,\n  \"sites\": [}\n}",
         "line 4, column 13: JSON syntax error"},
        {"empty file", "", "line 1, column 1: the file is empty; expected a DCI Planner scenario"},
        {"not an object", "[1, 2]", "/: expected a DCI scenario"},
        {"wrong format", R"({"format": "gnpy", "version": 1, "sites": []})", "/format: expected \"dci-scenario\""},
        {"unsupported version", R"({"format": "dci-scenario", "version": 2, "sites": []})",
         "/version: unsupported version 2; this DCI Planner reads version 1"},
        {"version not integer", R"({"format": "dci-scenario", "version": "1", "sites": []})",
         "/version: expected the format version as a whole number"},
        {"missing version", R"({"format": "dci-scenario", "sites": []})", "/: missing required key \"version\""},
        {"missing sites", R"({"format": "dci-scenario", "version": 1})", "/: missing required key \"sites\""},
        {"wrong type", wrapSites(R"({"id": "a", "lat": "north", "lon": 1})"),
         "/sites/0/lat: expected latitude (a latitude in degrees, -90 to 90), got a string (\"north\")"},
        {"missing required key", wrapSites(R"({"id": "a", "lon": 1})"),
         "/sites/0: missing required key \"lat\""},
        {"unknown key with suggestion", wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "power_cap": 8})"),
         "/sites/0/power_cap: unknown key \"power_cap\" (did you mean \"power_cap_mw\"?)"},
        {"unknown top-level key", R"({"format": "dci-scenario", "version": 1, "sites": [], "spanz": []})",
         "/spanz: unknown key \"spanz\" (did you mean \"spans\"?)"},
        {"duplicate site id", wrapSites(R"({"id": "a", "lat": 1, "lon": 1}, {"id": "a", "lat": 2, "lon": 2})"),
         "/sites/1/id: duplicate site id \"a\" (first used at /sites/0/id)"},
        {"duplicate span id",
         wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b"}, {"id": "s", "a": "b", "b": "a"}])"),
         "/spans/1/id: duplicate span id \"s\""},
        {"duplicate JSON key", R"({"format": "dci-scenario", "version": 1, "sites": [{"id": "a", "id": "b", "lat": 1, "lon": 1}]})",
         "/sites/0/id: duplicate key"},
        {"span to itself", wrapSites(kTwoSites, R"(, "spans": [{"id": "loop", "a": "a", "b": "a"}])"),
         "/spans/0/b: span \"loop\" connects site \"a\" to itself"},
        {"span to unknown site", wrapSites(kTwoSites, R"(, "spans": [{"id": "a-c", "a": "a", "b": "c"}])"),
         "/spans/0/b: unknown site \"c\" (sites are: a, b)"},
        {"negative number", wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "gpus": -8})"),
         "/sites/0/gpus: expected a GPU count (a whole number >= 0), got -8"},
        {"negative length", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "length_km": -5}])"),
         "/spans/0/length_km: expected a fiber length in km, or \"auto\" (a finite number > 0), got -5"},
        {"non-finite number", wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "power_cap_mw": 1e999})"),
         "line 1, column 100: a number is too large to represent (number overflow parsing '1e999')"},
        {"fractional count", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "wavelengths": 2.5}])"),
         "/spans/0/wavelengths: expected lit wavelengths per fiber pair (a whole number >= 1, or \"auto\"), got 2.5"},
        {"unknown GPU", wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "gpu": "H100"})"),
         "/sites/0/gpu: unknown GPU \"H100\""},
        {"unknown optic", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "optic": "400zr"}])"),
         "/spans/0/optic: unknown optic \"400zr\" (did you mean \"400ZR\"?)"},
        {"unknown band", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "band": "L"}])"),
         "/spans/0/band: unknown band \"L\""},
        {"unknown strategy", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "strategy": "dilco"})"),
         "/job/strategy: unknown strategy \"dilco\" (did you mean \"diloco\"?)"},
        {"inner steps below one", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "inner_steps": 0})"),
         "/job/inner_steps: expected inner steps H between syncs (a finite number >= 1), got 0"},
        {"fragments above inner steps",
         wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "inner_steps": 4, "fragments": 8})"),
         "/job/fragments: fragments (8) cannot exceed inner_steps (4)"},
        {"mfu out of range", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "mfu": 1.5})"),
         "/job/mfu: expected a model FLOPs utilisation (a number in (0, 1]), got 1.5"},
        {"zero tokens", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 0})"),
         "/job/tokens_per_step: expected tokens per optimizer step (a finite number > 0), got 0"},
        {"unknown transport", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "transport": "tcp"})"),
         "/job/transport: unknown transport \"tcp\"; expected one of: roce-gbn, selective-repeat"},
        {"fractional flows", wrapSites(kTwoSites, R"(, "job": {"model_params": 1e9, "tokens_per_step": 1e6, "flows_per_pair": 2.5})"),
         "/job/flows_per_pair: expected a whole number of flows, got 2.5"},
        {"loss rate above one", wrapSites(kTwoSites, R"(, "assumptions": {"loss_rate": 2})"),
         "/assumptions/loss_rate: expected"},
        {"D15 tiny demand", wrapSites(kTwoSites, R"(, "demands": [{"from": "a", "to": "b", "gbps": 1e-300}])"),
         "/demands/0/gbps: expected 0 or a rate from 1e-06 to 1000000000 Gbps (1 kb/s to 1 Eb/s), got 1e-300"},
        {"D15b huge demand", wrapSites(kTwoSites, R"(, "demands": [{"from": "a", "to": "b", "gbps": 1e300}])"),
         "/demands/0/gbps: expected 0 or a rate from 1e-06 to 1000000000 Gbps (1 kb/s to 1 Eb/s), got 1e+300"},
        {"demand to unknown site", wrapSites(kTwoSites, R"(, "demands": [{"from": "a", "to": "z", "gbps": 10}])"),
         "/demands/0/to: unknown site \"z\" (sites are: a, b)"},
        {"unknown routing policy", wrapSites(kTwoSites, R"(, "routing": {"policy": "fastest"})"),
         "/routing/policy: unknown routing policy \"fastest\""},
        {"unknown assumption", wrapSites(kTwoSites, R"(, "assumptions": {"route_facter": 1.3})"),
         "/assumptions/route_facter: unknown key \"route_facter\" (did you mean \"route_factor\"?)"},
        {"bad assumption value", wrapSites(kTwoSites, R"(, "assumptions": {"route_factor": 0.5})"),
         "/assumptions/route_factor: expected"},
        {"site down not a boolean", wrapSites(R"({"id": "a", "lat": 1, "lon": 1, "down": "yes"})"),
         "/sites/0/down: expected true or false, got a string (\"yes\")"},
        {"srlg not a list", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "srlg": "conduit"}])"),
         "/spans/0/srlg: expected a list of shared-risk group names (an array of strings), got a string"},
        {"srlg empty name", wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "srlg": ["conduit", ""]}])"),
         "/spans/0/srlg/1: expected shared-risk group name (a non-empty string without leading or trailing spaces), got \"\""},
        {"srlg twice in a span",
         wrapSites(kTwoSites, R"(, "spans": [{"id": "s", "a": "a", "b": "b", "srlg": ["bridge-x", "bridge-x"]}])"),
         "/spans/0/srlg/1: shared-risk group name \"bridge-x\" appears twice here"},
        {"override of unknown optic", wrapSites(kTwoSites, R"(, "assumptions": {"optics": {"400ZR+": {"price_usd": 1}}})"),
         "/assumptions/optics/400ZR+: unknown optic \"400ZR+\""},
    };
}

} // namespace dci::test
