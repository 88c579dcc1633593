#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dci {

// A single default figure with where it comes from (docs/MODEL.md, "Catalog").
struct Figure {
    double value = 0.0;
    std::string unit;
    std::string description;
    std::string source;
    std::string confidence; // H, M, L or unverified
    // The plausible range [low, high] of a figure that is not well sourced (low <= value <=
    // high), and what the range rests on (docs/MODEL.md "Sensitivity"); none = no range.
    std::optional<std::pair<double, double>> range;
    std::string range_source;
};

struct GpuType {
    std::string name;
    double bf16_dense_tflops = 0.0;
    double tdp_w = 0.0;
    double it_kw_per_gpu = 0.0; // all-in IT power per GPU (server, network, storage share)
    double price_usd = 0.0;
    std::string source;
    std::string confidence;
    std::vector<std::string> placeholders; // fields whose value is a placeholder
};

struct Optic {
    std::string name;
    double rate_gbps = 0.0; // net (client) rate per wavelength, per direction
    double baud_gbd = 0.0;
    std::string modulation;
    double spacing_ghz = 0.0;
    double reach_km = 0.0;
    double power_w = 0.0;
    double price_usd = 0.0;
    std::string source;
    std::string confidence;
    std::vector<std::string> placeholders;
    // The plausible range of price_usd (a placeholder) and what it rests on, as Figure::range.
    std::optional<std::pair<double, double>> price_range_usd;
    std::string price_range_source;
    // Optical bands the module tunes ("C", "L", ...); a span's band must be made of them
    // (docs/MODEL.md "Capacity"). A catalog that does not say means C, as all of today's.
    std::vector<std::string> bands{"C"};
    // The reach already assumes one amplified span (OIF 400ZR, 800ZR): a span within
    // reach has no in-line amplifier site.
    bool single_span = false;
};

struct Band {
    std::string name;
    double width_thz = 0.0;
    std::string source;
    std::string confidence;
    // The optic bands it is made of (C+L = {"C", "L"}); an optic fills the band when it
    // tunes every one of them. Defaults to the band's own name.
    std::vector<std::string> sub_bands;
    // Amplifier and mux/demux chains per fiber pair end: one per sub-band by default.
    int amplifier_chains = 1;
};

// The catalog: GPUs, optics, line-system bands and every default figure the engine uses.
// Loaded from resources/catalog/catalog.json (compiled in); a scenario's assumptions
// block overrides any number in it (see applyOverrides in scenario.h).
class Catalog {
public:
    std::vector<GpuType> gpus;
    std::vector<Optic> optics;
    std::vector<Band> bands;
    std::map<std::string, Figure> assumptions; // route_factor, fiber_latency_us_per_km, ...
    std::map<std::string, Figure> jobDefaults; // mfu, grad_bytes, ...
    std::map<std::string, Figure> prices;      // amplifier_usd, ...
    int version = 0; // the catalog file's "version"
    std::string defaultGpu;
    std::string defaultOptic;
    std::string defaultBand;

    const GpuType *gpu(const std::string &name) const;
    const Optic *optic(const std::string &name) const;
    // The highest-rate optic whose reach covers length_km (ties: the cheaper, then catalog
    // order), or null when none reaches.
    const Optic *fastestOpticReaching(double length_km) const;
    // The optic with the longest reach (null for an empty catalog).
    const Optic *longestReachOptic() const;
    const Band *band(const std::string &name) const;

    // Value of a figure from assumptions, jobDefaults or prices; throws std::out_of_range
    // naming the key when the catalog lacks it (a programming error, not user input).
    double figure(const std::string &key) const;
    const Figure *findFigure(const std::string &key) const;

    std::vector<std::string> gpuNames() const;
    std::vector<std::string> opticNames() const;
    std::vector<std::string> bandNames() const;
    // The keys of every default figure: assumptions, then job defaults, then prices.
    std::vector<std::string> figureKeys() const;

    // The catalog compiled into the program (resources/catalog/catalog.json).
    static const Catalog &builtin();
    // Parses catalog JSON text; throws std::runtime_error with "<origin>: <pointer>: <what>".
    static Catalog fromJson(const std::string &text, const std::string &origin);
};

} // namespace dci
