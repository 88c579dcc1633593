#pragma once

#include "model/catalog.h"
#include "model/scenario.h"

#include <cstdint>
#include <optional>
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

// The outcome of an edit that can be refused: the scenario after it, or why not. A refused
// edit leaves `scenario` as it was given.
struct Edited {
    Scenario scenario;
    std::string error; // e.g. "expected an IGP metric from 1 to 16777215 (a whole number), got 0"
    bool ok() const { return error.empty(); }
};

// Why a value cannot be a span's metric (a whole number from 1 to kMaxSpanMetric) or the
// job's connections per DC pair (a whole number >= 1), or empty when it can: the file
// reader's rules, for a field to refuse what the edit below would.
std::string spanMetricProblem(double metric);
std::string jobConnectionsProblem(double connections);

// The span's IGP metric; none = its latency in microseconds (docs/MODEL.md "Routing").
// Refused for an unknown span or a metric spanMetricProblem() refuses.
Edited setSpanMetric(const Scenario &s, const std::string &spanId, std::optional<std::int64_t> metric);

// The site's region, without surrounding spaces; empty = a region of its own (job
// dc_pattern "regions", docs/MODEL.md "Traffic"). Refused for an unknown site.
Edited setSiteRegion(const Scenario &s, const std::string &siteId, const std::string &region);

// Fails or restores a span or a site (docs/MODEL.md "Resilience": a site that is down takes
// its spans, its GPUs and its demands out of service). Refused for an unknown id; setting the
// state it already has is no change (the caller drops it).
Edited setSpanDown(const Scenario &s, const std::string &spanId, bool down);
Edited setSiteDown(const Scenario &s, const std::string &siteId, bool down);

// A span's fiber length (none = "auto": from the map), optic, and lit wavelengths per fiber
// pair (none = "auto": dimensioned); a site's GPU count. Refused for an unknown span or site,
// an optic the catalog does not have, a length that is not a finite number > 0, or counts
// that are not whole (wavelengths >= 1, GPUs >= 0): the file reader's rules.
Edited setSpanLength(const Scenario &s, const std::string &spanId, std::optional<double> length_km);
Edited setSpanOptic(const Scenario &s, const Catalog &catalog, const std::string &spanId, const std::string &optic);
Edited setSpanWavelengths(const Scenario &s, const std::string &spanId, std::optional<double> wavelengths);
Edited setSiteGpus(const Scenario &s, const std::string &siteId, double gpus);

// A numeric field of the job by its file key (jobNumberKeys(): model_params,
// tokens_per_step, total_tokens, mfu, inner_steps, ...); none clears an optional one (it then
// follows the catalog). Refused without a job, for another key, or to clear a required one.
// The value's range is the file reader's, which checkScenario() applies to every edit.
Edited setJobNumber(const Scenario &s, const std::string &key, std::optional<double> value);

// The job's transport connections per DC pair; none = derived (docs/MODEL.md "Traffic").
// Refused without a job or for a count jobConnectionsProblem() refuses.
Edited setJobConnections(const Scenario &s, std::optional<double> connections);

// The values an assumption may take (docs/SCENARIO-FORMAT.md "assumptions"): the rule the
// file reader and setAssumption() share.
enum class FigureRange { NonNegative, Positive, AtLeastOne, UnitOpenClosed, Probability };
FigureRange figureRange(const std::string &key);

// Why value cannot override the figure key in a scenario's assumptions, or empty when it
// can: key is a figure of the catalog's assumptions, job_defaults or prices (value in
// figureRange(key)) or one of kDerivedAssumptionKeys (a whole number >= 1). E.g.
// "expected a number in [0, 1], got 1.5", "no catalog figure \"loss\"".
std::string assumptionProblem(const Catalog &catalog, const std::string &key, double value);

// This plan's override of an assumption; none = the catalog's value (for the derived
// keys: derived from the job). Refused for a value assumptionProblem() refuses; clearing
// an unknown key is refused as well.
Edited setAssumption(const Scenario &s, const Catalog &catalog, const std::string &key,
                     std::optional<double> value);

// The plan's name (without surrounding spaces; empty = the file name is shown) and its
// description (kept as written: it is free text, line breaks included). Never refused.
Edited setPlanName(const Scenario &s, const std::string &name);
Edited setPlanDescription(const Scenario &s, const std::string &description);

// ---- one function per Properties field -------------------------------------------------
// Each *Problem() says why a value cannot be stored, or is empty when it can: the file
// reader's rule, so a field refuses what the edit would, with the same words. Each set*()
// refuses an unknown id or a value its *Problem() refuses, leaving the scenario as it was.

// A site's display name as typed; empty (or only spaces) gives the id back, the format's
// default name. Never refused for a known site.
Edited setSiteName(const Scenario &s, const std::string &siteId, const std::string &name);

// Latitude -90 to 90 and longitude -180 to 180 degrees, as the reader wants them; unlike
// moveSites() (a drag), a typed position out of range is refused, not clamped.
std::string sitePositionProblem(double lat, double lon);
Edited setSitePosition(const Scenario &s, const std::string &siteId, double lat, double lon);

// A GPU count: a whole number >= 0 (setSiteGpus above).
std::string siteGpusProblem(double gpus);

// A GPU type the catalog has.
std::string siteGpuTypeProblem(const Catalog &catalog, const std::string &gpu);
Edited setSiteGpuType(const Scenario &s, const Catalog &catalog, const std::string &siteId, const std::string &gpu);

// The facility power cap in MW (a finite number >= 0; none = unlimited) and the site's PUE
// (a finite number >= 1; none = the plan's assumption).
std::string sitePowerCapProblem(double power_cap_mw);
Edited setSitePowerCap(const Scenario &s, const std::string &siteId, std::optional<double> power_cap_mw);
std::string sitePueProblem(double pue);
Edited setSitePue(const Scenario &s, const std::string &siteId, std::optional<double> pue);

// A span's fiber length (a finite number > 0), optic and band (names the catalog has), fiber
// pairs and wavelengths per pair (whole numbers >= 1): the rules setSpanLength(),
// setSpanOptic(), setSpanWavelengths() above and the two below apply.
std::string spanLengthProblem(double length_km);
std::string spanOpticProblem(const Catalog &catalog, const std::string &optic);
std::string spanBandProblem(const Catalog &catalog, const std::string &band);
std::string spanFiberPairsProblem(double fiberPairs);
std::string spanWavelengthsProblem(double wavelengths);
Edited setSpanBand(const Scenario &s, const Catalog &catalog, const std::string &spanId, const std::string &band);
// none = "auto" (dimensioned).
Edited setSpanFiberPairs(const Scenario &s, const std::string &spanId, std::optional<double> fiberPairs);

// Why value cannot be the job's number key (jobNumberKeys()), given the rest of job: the
// reader's range for the key (model_params > 0, mfu in (0, 1], inner_steps >= 1 and whole,
// ...) and the rule across two fields (fragments cannot exceed inner_steps). None clears an
// optional field; clearing model_params or tokens_per_step is refused. setJobNumber() leaves
// the range to checkScenario() (a sweep reports the reader's own message), the field asks here.
std::string jobNumberProblem(const Job &job, const std::string &key, std::optional<double> value);

// The job's keyword fields by file key: "strategy" (kStrategies), "dc_pattern"
// (kDcPatterns), "transport" (kTransports); and the routing's "policy"
// (kRoutingPolicies) and "load_balancing" (kLoadBalancing). Refused for another key, a
// keyword not in the list, or (the job's) without a job.
std::string jobTextProblem(const std::string &key, const std::string &value);
Edited setJobText(const Scenario &s, const std::string &key, const std::string &value);
std::string routingProblem(const std::string &key, const std::string &value);
Edited setRouting(const Scenario &s, const std::string &key, const std::string &value);

// A training job for a plan without one: the worked example of docs/MODEL.md (a 70B model,
// 16M-token batches), every other field following the catalog. Refused when there is one.
Edited addJob(const Scenario &s);

// The plan's saved views for presentation mode, in order. Refused for a view whose `show`
// is not one of kPresentationShows.
Edited setPresentationViews(const Scenario &s, const std::vector<PresentationView> &views);

// Removes sites and spans. A removed site takes its spans, the explicit demands from or to
// it and its place in the job's ring order with it.
Scenario removeElements(const Scenario &s, const std::vector<std::string> &siteIds,
                        const std::vector<std::string> &spanIds);

} // namespace dci::edits
