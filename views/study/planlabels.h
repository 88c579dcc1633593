#pragma once

#include "engine/sweep.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QString>

namespace dci {

// How the study windows (Sweep, Compare) name the elements and parameters of a plan:
// a site by its name (else its id), a span by its two ends.
QString siteTitle(const Scenario &scenario, const std::string &siteId);
QString spanTitle(const Scenario &scenario, const Span &span); // "Campus A–Campus B"
QString spanTitle(const Scenario &scenario, const std::string &spanId); // its id when absent

// A sweep parameter as a person reads it. `element`: "Span Dallas–Abilene", "Site Campus A",
// "Job", "Assumption"; `field`: "length (km)", "GPUs", "inner steps (steps)", "loss rate".
struct SweepParamLabel {
    QString group; // "Spans", "Sites", "Job", "Assumptions"
    QString element;
    QString field;
    QString text() const { return element + QStringLiteral(": ") + field; }
};
SweepParamLabel sweepParamLabel(const Scenario &scenario, const Catalog &catalog, const SweepParam &param);

} // namespace dci
