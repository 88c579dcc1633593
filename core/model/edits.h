#pragma once

#include "catalog.h"
#include "scenario.h"

#include <string>
#include <vector>

namespace dci::edits {

// The scenario edits the GUI offers, as pure functions from one scenario to the next (no
// Qt, no state): the application records each result as one undo command. Each returns
// the new scenario; ids of new elements are unique and readable.

struct Position {
    std::string site_id;
    double lat = 0.0;
    double lon = 0.0;
};

// A new site at lat/lon, named "Site N" with id "site-N" (N the first free number),
// without GPUs, of the catalog's first GPU type. *newId receives its id.
Scenario addSite(const Scenario &s, const Catalog &catalog, double lat, double lon, std::string *newId);

// A new site named after a place ("Des Moines") at its lat/lon: id readableId(name)
// ("des-moines", then "des-moines-2", ...), otherwise as addSite.
Scenario addNamedSite(const Scenario &s, const Catalog &catalog, const std::string &name, double lat, double lon,
                      std::string *newId);

// A readable id from a name: ASCII letters and digits lower-cased, other runs of ASCII
// characters one '-', UTF-8 letters kept ("St_Louis" -> "st-louis", "São Paulo" ->
// "são-paulo"); "site" when nothing is left.
std::string readableId(const std::string &name);

// A new span between two existing sites: id "a-b" (then "a-b-2", ...), band C, one fiber
// pair, eight wavelengths, length from the map (great circle x route factor). Optic: 400ZR
// when it reaches that length, else the catalog's fastest optic that does
// (Catalog::fastestOpticReaching), else the longest-reach one. *newId receives its id.
// Unchanged when a or b is unknown or a == b.
Scenario addSpan(const Scenario &s, const Catalog &catalog, const std::string &a, const std::string &b,
                 std::string *newId);

// Moves sites to new positions (latitude clamped to +-90, longitude wrapped to -180..180).
Scenario moveSites(const Scenario &s, const std::vector<Position> &positions);

// Removes sites and spans. A removed site takes its spans, the explicit demands from or to
// it and its place in the job's ring order with it.
Scenario removeElements(const Scenario &s, const std::vector<std::string> &siteIds,
                        const std::vector<std::string> &spanIds);

} // namespace dci::edits
