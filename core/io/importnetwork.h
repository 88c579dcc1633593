#pragma once

// Helpers shared by the network importers (Topology Zoo, SNDlib); defined in
// import_topologyzoo.cpp. Internal to core/io: not part of the importer API.

#include "importer.h"

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace dci::importnet {

std::string sanitisedId(const std::string &raw);
std::string uniqueId(const std::string &base, std::set<std::string> &used);
std::string fileName(const std::string &origin);
std::string fileBaseName(const std::string &origin);
std::string routeFactorError(const std::string &origin, double routeFactor);
std::string listFew(const std::vector<std::string> &items, std::size_t most);
Site hubSite(const std::string &id, const std::string &name, double lat, double lon, const Catalog &catalog);
Span networkSpan(const std::string &id, const Site &a, const Site &b, const Catalog &catalog, double routeFactor);
std::vector<std::string> placeAtNeighbourMean(std::vector<Site> &sites, std::vector<bool> &located,
                                              const std::vector<std::pair<std::size_t, std::size_t>> &links,
                                              const std::vector<std::string> &labels);
void describeSpans(const Scenario &s, const Catalog &catalog, double routeFactor, ImportReport &report);

} // namespace dci::importnet
