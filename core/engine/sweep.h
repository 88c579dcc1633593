#pragma once

#include "engine/headline.h"
#include "engine/progress.h"
#include "model/catalog.h"
#include "edit/edits.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Sweeps (docs/MODEL.md "Sweeps", CLI `sweep`): one parameter of a plan stepped over a
// range of values, each point set through the GUI's edits, checked as the file reader
// would, and evaluated as a plan of its own.

// What a parameter path names: "spans/ID/length_km", "spans/ID/optic",
// "spans/ID/wavelengths", "sites/ID/gpus", "job/KEY" (a numeric job field) or
// "assumptions/KEY" (an assumption the scenario may override).
struct SweepParam {
    enum class Kind { SpanLength, SpanOptic, SpanWavelengths, SiteGpus, Job, Assumption };
    Kind kind = Kind::Assumption;
    std::string path; // as given
    std::string id;   // the span or site id
    std::string key;  // the job field or assumption key
    bool takesNames() const { return kind == Kind::SpanOptic; } // optic names, not numbers
};

// Every path this scenario offers, in the order above (spans and sites in file order, job
// fields only when it has a job).
std::vector<std::string> sweepPaths(const Scenario &scenario, const Catalog &catalog);

// The parameter a path names; otherwise `error` says what is valid there: the list of
// valid paths, or for an unknown span or site the ids that exist.
struct SweepParamParse {
    std::optional<SweepParam> param;
    std::string error;
};
SweepParamParse parseSweepPath(const Scenario &scenario, const Catalog &catalog, const std::string &path);

// One value of a parameter: a number, or a name (an optic) when `name` is set.
struct SweepValue {
    double number = 0.0;
    std::string name;
    std::string text() const; // the name, or the number as written ("400", "0.0001")
};

// Values from a range. Linear: `steps` values from `from` to `to`, both included (steps >=
// 2). Geometric: from, from x factor, from x factor^2, ... while <= to (from > 0, factor >
// 1, to >= from). At most kMaxSweepPoints values; otherwise `error` says why none.
inline constexpr std::size_t kMaxSweepPoints = 1000;
struct SweepValues {
    std::vector<SweepValue> values;
    std::string error;
};
SweepValues linearSweepValues(double from, double to, long steps);
SweepValues geometricSweepValues(double from, double to, double factor);

// The scenario with the parameter set to value through edits::set* (the GUI's own
// edits), then checked by checkScenario(); `error` says why the value does not make a
// valid plan.
edits::Edited applySweepValue(const Scenario &scenario, const Catalog &catalog, const SweepParam &param,
                              const SweepValue &value);

struct SweepPoint {
    SweepValue value;
    std::string error;                    // the value makes the plan invalid: no figures
    Headline figures;                     // the evaluation's headline figures
    std::vector<std::string> error_codes; // its error diagnostics' codes, each once (e.g. reach-exceeded)
};

struct SweepResult {
    std::string param;
    std::vector<SweepPoint> points; // in the order of the values
    bool cancelled = false;         // stopped early through Progress::cancel: points are partial
};

SweepResult runSweep(const Scenario &scenario, const Catalog &catalog, const SweepParam &param,
                     const std::vector<SweepValue> &values, const Progress &progress = {});

} // namespace dci
