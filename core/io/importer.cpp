#include "importer.h"

#include "model/textformat.h"
#include "model/validate.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace dci {

namespace {

bool contains(const std::string &text, const char *what)
{
    return text.find(what) != std::string::npos;
}

} // namespace

ImportFormat detectImportFormat(const std::string &text)
{
    if (looksBinary(text))
        return ImportFormat::Auto;
    // Only the start of a file is looked at for the markers that open it.
    constexpr std::size_t kHead = 4096;
    const std::string head = text.substr(0, kHead);
    if (contains(head, "<graphml"))
        return ImportFormat::TopologyZoo;
    if (contains(head, "SNDlib native format") || contains(text, "NODES (") || contains(text, "NODES("))
        return ImportFormat::Sndlib;
    // A topology lists its "elements" (and their "connections"); an equipment file has
    // Transceiver as a key with modes and no elements. Topology first, so a topology
    // mentioning a transceiver mode is still a topology, and "elements" alone, so a
    // truncated topology gets the topology reader's message (with the line) rather
    // than "not a file DCI Planner can import".
    if (contains(text, "\"elements\""))
        return ImportFormat::GnpyTopology;
    if (contains(text, "\"Transceiver\"") && contains(text, "\"mode\""))
        return ImportFormat::GnpyEquipment;
    return ImportFormat::Auto;
}

std::string importFormatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::TopologyZoo: return "topologyzoo";
    case ImportFormat::Sndlib: return "sndlib";
    case ImportFormat::GnpyTopology: return "gnpy-topology";
    case ImportFormat::GnpyEquipment: return "gnpy-equipment";
    case ImportFormat::Auto: break;
    }
    return "auto";
}

std::optional<ImportFormat> importFormatFromName(const std::string &name)
{
    for (ImportFormat f : {ImportFormat::Auto, ImportFormat::TopologyZoo, ImportFormat::Sndlib,
                           ImportFormat::GnpyTopology, ImportFormat::GnpyEquipment})
        if (importFormatName(f) == name)
            return f;
    return std::nullopt;
}

ImportResult importFile(const std::string &path, ImportFormat format, const Catalog &catalog,
                        const ImportOptions &options)
{
    ImportResult result;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.errors.push_back(path + ": cannot open the file");
        return result;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return importText(text, path, format, catalog, options);
}

namespace {

// The last guard of every import: a plan the scenario rules refuse is not imported, so an
// import never writes a file that does not open (lengths and rates written as null,
// ../shared/reliability D11). Each importer checks its own figures first, with the line or
// element of the file; this names the value in the plan that would have been written.
ImportResult checked(ImportResult result, const std::string &origin, const Catalog &catalog)
{
    if (!result.scenario || !result.errors.empty())
        return result;
    const std::vector<Problem> problems = validateScenario(*result.scenario, catalog);
    if (problems.empty())
        return result;
    constexpr std::size_t kMostListed = 20;
    for (std::size_t i = 0; i < problems.size() && i < kMostListed; ++i)
        result.errors.push_back(origin + ": the imported plan would not be valid, nothing imported: "
                                + problems[i].pointer + ": " + problems[i].message);
    if (problems.size() > kMostListed)
        result.errors.push_back(origin + ": and " + std::to_string(problems.size() - kMostListed) + " more problems");
    result.scenario.reset();
    return result;
}

} // namespace

ImportResult importText(const std::string &text, const std::string &origin, ImportFormat format,
                        const Catalog &catalog, const ImportOptions &options)
{
    if (format == ImportFormat::Auto)
        format = detectImportFormat(text);
    switch (format) {
    case ImportFormat::TopologyZoo: return checked(importTopologyZoo(text, origin, catalog, options), origin, catalog);
    case ImportFormat::Sndlib: return checked(importSndlib(text, origin, catalog, options), origin, catalog);
    case ImportFormat::GnpyTopology: return checked(importGnpyTopology(text, origin, catalog, options), origin, catalog);
    case ImportFormat::GnpyEquipment: return importGnpyEquipment(text, origin, catalog, options);
    case ImportFormat::Auto: break;
    }
    ImportResult result;
    if (looksBinary(text)) {
        result.errors.push_back(origin + ": not a network file DCI Planner can read: it holds binary data, not text "
                                         "(expected Topology Zoo GraphML, SNDlib native format, or GNPy topology or "
                                         "equipment JSON)");
        return result;
    }
    result.errors.push_back(origin + ": not a file DCI Planner can import (expected Topology Zoo GraphML, SNDlib "
                                     "native format, or GNPy topology or equipment JSON); if it is one of them, "
                                     "dciplanner-cli import --format can name it");
    return result;
}

} // namespace dci
