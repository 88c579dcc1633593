#pragma once

#include "model/scenario.h"

#include <string>
#include <vector>

namespace dci {

// What differs between two versions of a scenario, as the views need to know it: which
// sites moved, which sites and spans changed in another way, whether elements were added,
// removed or reconnected, and whether anything about the whole plan changed. Computed by
// the application after every edit, undo and redo (docs/ARCHITECTURE.md "Change
// notifications"), so views update what was touched instead of rebuilding everything.
struct ScenarioChange {
    bool structure = false; // sites or spans added, removed, reordered, or a span's ends changed
    bool plan = false;      // name, description, demands, job, routing, sizing, assumptions, ...
    std::vector<std::string> moved_sites;   // lat/lon changed (ids, file order)
    std::vector<std::string> changed_sites; // any other field changed
    std::vector<std::string> changed_spans; // any field changed (ends unchanged)

    bool none() const
    {
        return !structure && !plan && moved_sites.empty() && changed_sites.empty() && changed_spans.empty();
    }
    // The drawing's geometry changed: a site moved, or elements came, went or were rejoined.
    bool geometry() const { return structure || !moved_sites.empty(); }

    // Everything changed: a new document, or a change nobody itemised.
    static ScenarioChange everything()
    {
        ScenarioChange c;
        c.structure = c.plan = true;
        return c;
    }
};

// The change from `before` to `after`. When the element lists differ in ids or order it is
// a structural change and the per-element lists stay empty (everything is to be redrawn).
ScenarioChange diffScenarios(const Scenario &before, const Scenario &after);

} // namespace dci
