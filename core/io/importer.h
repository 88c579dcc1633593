#pragma once

#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Importers turn files from other tools into scenarios (docs/IMPORT.md). Each is a pure
// function of the file's text: no I/O besides what importFile() reads, no Qt.

enum class ImportFormat {
    Auto,          // detected from the content (detectImportFormat)
    TopologyZoo,   // GraphML from the Internet Topology Zoo
    Sndlib,        // SNDlib native format
    GnpyTopology,  // GNPy topology JSON (elements + connections)
    GnpyEquipment, // GNPy equipment JSON (Transceiver modes -> optics)
};

struct ImportOptions {
    // Fiber route length / great-circle distance, for formats without fiber lengths
    // (Topology Zoo, SNDlib); docs/MODEL.md "Geometry". Unset: the catalog's route_factor.
    // Fiber is never shorter than the great circle; the CLI and the GUI offer up to 5.
    std::optional<double> route_factor;
    static constexpr double kMinRouteFactor = 1.0;
    static constexpr double kMaxOfferedRouteFactor = 5.0;

    // SNDlib demand unit (BITPERSEC, KBITPERSEC, MBITPERSEC, GBITPERSEC, TBITPERSEC; any
    // case), over the file's META unit: for files whose unit is missing or wrong.
    std::optional<std::string> sndlib_unit;

    double routeFactor(const Catalog &catalog) const
    {
        return route_factor.value_or(catalog.figure("route_factor"));
    }
};

// The SNDlib demand units ImportOptions::sndlib_unit accepts, smallest first.
std::vector<std::string> sndlibUnitNames();
// A unit as SNDlib spells it ("gbitpersec" -> "GBITPERSEC"); nullopt when not one of them.
std::optional<std::string> canonicalSndlibUnit(const std::string &unit);
// "BITPERSEC, KBITPERSEC, MBITPERSEC, GBITPERSEC, TBITPERSEC", for messages.
std::string sndlibUnitList();

// What the importer did with the file, for the user: one sentence per line.
struct ImportReport {
    std::vector<std::string> kept;    // "11 nodes -> 11 sites", "14 edges -> 14 spans"
    std::vector<std::string> guessed; // "node 'X' had no coordinates: placed at ..."
    std::vector<std::string> dropped; // "3 edges to themselves", "link speeds (noted only)"
};

struct ImportResult {
    std::optional<Scenario> scenario; // Topology Zoo, SNDlib, GNPy topology
    std::vector<Optic> optics;        // GNPy equipment: transceiver modes as catalog optics
    ImportReport report;
    // Problems that stop the import ("<origin>: line 12: ..." or "<origin>: /elements/3:
    // ..."); when not empty, nothing was imported (scenario empty, optics empty).
    std::vector<std::string> errors;
    bool ok() const { return errors.empty() && (scenario.has_value() || !optics.empty()); }
};

// The format a file's text is in, from its content; Auto when none matches.
ImportFormat detectImportFormat(const std::string &text);

// "topologyzoo", "sndlib", "gnpy-topology", "gnpy-equipment" (and "auto").
std::string importFormatName(ImportFormat format);
std::optional<ImportFormat> importFormatFromName(const std::string &name);

// One importer per format; origin names the input in messages (the path as given).
ImportResult importTopologyZoo(const std::string &text, const std::string &origin, const Catalog &catalog,
                               const ImportOptions &options);
ImportResult importSndlib(const std::string &text, const std::string &origin, const Catalog &catalog,
                          const ImportOptions &options);
ImportResult importGnpyTopology(const std::string &text, const std::string &origin, const Catalog &catalog,
                                const ImportOptions &options);
ImportResult importGnpyEquipment(const std::string &text, const std::string &origin, const Catalog &catalog,
                                 const ImportOptions &options);

// Runs the importer for `format` (detected from the text when Auto) on a file's text.
ImportResult importText(const std::string &text, const std::string &origin, ImportFormat format,
                        const Catalog &catalog, const ImportOptions &options);

// Reads the file and imports its text (importText).
ImportResult importFile(const std::string &path, ImportFormat format, const Catalog &catalog,
                        const ImportOptions &options);

// The catalog as JSON in the format of resources/catalog/catalog.json, with extra optics
// appended (an imported equipment file becomes a catalog usable with --catalog).
std::string catalogWithOptics(const Catalog &catalog, const std::vector<Optic> &optics);

} // namespace dci
