// Harnesses over the importers (core/io/import_*.cpp): Topology Zoo GraphML, SNDlib,
// GNPy topology and GNPy equipment, each on any bytes.

#include "check.h"
#include "harnesses.h"

#include "io/importer.h"
#include "io/scenariojson.h"
#include "model/validate.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace dci::fuzz {

namespace {

const char *const kOrigin = "fuzz-input";

// Refused: every message names the input, nothing is imported. Imported: no message.
void checkOutcome(const ImportResult &r, const std::string &where)
{
    for (const std::string &e : r.errors)
        if (e.find(kOrigin) == std::string::npos)
            violation(where + ": a message does not name the input: " + e);
    if (!r.errors.empty() && (r.scenario || !r.optics.empty()))
        violation(where + ": refused (" + r.errors.front() + ") but imported something");
    if (r.errors.empty() && !r.scenario && r.optics.empty())
        violation(where + ": neither imported nor refused with a message");
}

int importNetwork(const std::uint8_t *data, std::size_t size, ImportFormat format, const std::string &where)
{
    const Catalog &catalog = Catalog::builtin();
    const std::string text(reinterpret_cast<const char *>(data), size);
    ImportResult r;
    try {
        r = importText(text, kOrigin, format, catalog, ImportOptions{});
    } catch (const std::exception &e) {
        violation(where + ": the importer threw: " + e.what());
    }
    checkOutcome(r, where);
    if (!r.ok())
        return 0;
    if (!r.scenario)
        violation(where + ": a network importer imported optics, not a scenario");
    // What the importer writes must be a plan the reader accepts: `import` saves it.
    const std::vector<Problem> problems = validateScenario(*r.scenario, catalog);
    if (!problems.empty())
        violation(where + ": the imported scenario does not validate: " + problems.front().pointer + ": " +
                  problems.front().message);
    checkRoundTrip(*r.scenario, catalog, where);
    checkEvaluation(*r.scenario, catalog, where);
    return 0;
}

bool physical(double v) { return std::isfinite(v) && v > 0; }

} // namespace

int fuzzImportGraphml(const std::uint8_t *data, std::size_t size)
{
    return importNetwork(data, size, ImportFormat::TopologyZoo, "import_graphml");
}

int fuzzImportSndlib(const std::uint8_t *data, std::size_t size)
{
    return importNetwork(data, size, ImportFormat::Sndlib, "import_sndlib");
}

int fuzzImportGnpyTopology(const std::uint8_t *data, std::size_t size)
{
    return importNetwork(data, size, ImportFormat::GnpyTopology, "import_gnpy_topology");
}

int fuzzImportGnpyEquipment(const std::uint8_t *data, std::size_t size)
{
    const std::string where = "import_gnpy_equipment";
    const Catalog &base = Catalog::builtin();
    const std::string text(reinterpret_cast<const char *>(data), size);
    ImportResult r;
    try {
        r = importText(text, kOrigin, ImportFormat::GnpyEquipment, base, ImportOptions{});
    } catch (const std::exception &e) {
        violation(where + ": the importer threw: " + e.what());
    }
    checkOutcome(r, where);
    if (!r.ok())
        return 0;
    if (r.scenario)
        violation(where + ": the equipment importer imported a scenario");
    for (const Optic &o : r.optics)
        if (!physical(o.rate_gbps) || !physical(o.baud_gbd) || !physical(o.spacing_ghz) || !physical(o.reach_km) ||
            !std::isfinite(o.power_w) || o.power_w < 0 || !std::isfinite(o.price_usd) || o.price_usd < 0)
            violation(where + ": optic \"" + o.name + "\" has a non-physical figure");
    // `import` writes the catalog with the new optics; `--catalog` must load it.
    const std::string catalogText = catalogWithOptics(base, r.optics);
    Catalog catalog;
    try {
        catalog = Catalog::fromJson(catalogText, "imported-catalog.json");
    } catch (const std::exception &e) {
        violation(where + ": the catalog with the imported optics does not load: " + e.what());
    }
    // Light a two-site plan with each new optic (a few), at half its reach, sized by the
    // engine (auto pairs and wavelengths) and with a fixed size.
    std::size_t tried = 0;
    for (const Optic &o : r.optics) {
        if (++tried > 4)
            break;
        Scenario s;
        s.name = "equipment";
        const GpuType &gpu = catalog.gpus.front();
        s.sites.push_back(Site{"a", "A", 50.0, 8.0, gpu.name, 1024, std::nullopt, std::nullopt, "", false, {}});
        s.sites.push_back(Site{"b", "B", 50.5, 8.5, gpu.name, 1024, std::nullopt, std::nullopt, "", false, {}});
        Span span;
        span.id = "a-b";
        span.a = "a";
        span.b = "b";
        span.length_km = std::min(o.reach_km / 2, 1000.0);
        span.optic = o.name;
        span.band = o.bands.empty() ? catalog.defaultBand : o.bands.front();
        s.spans.push_back(span);
        s.demands.push_back(Demand{"a", "b", 400.0, "", {}});
        if (!validateScenario(s, catalog).empty())
            continue; // e.g. the optic tunes no band of the catalog: the reader says so
        checkEvaluation(s, catalog, where + " (optic " + o.name + ", auto)");
        s.spans[0].fiber_pairs = 1;
        s.spans[0].wavelengths = 4;
        if (validateScenario(s, catalog).empty())
            checkEvaluation(s, catalog, where + " (optic " + o.name + ", 1 x 4)");
    }
    return 0;
}

} // namespace dci::fuzz
