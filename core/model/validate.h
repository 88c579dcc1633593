#pragma once

#include "model/catalog.h"
#include "model/scenario.h"

#include <string>
#include <vector>

namespace dci {

// The largest fiber pairs and lit wavelengths per pair a span may have
// (docs/SCENARIO-FORMAT.md "Bounds"); dimensioning stays within them too.
inline constexpr int kMaxFiberPairs = 1000;
inline constexpr int kMaxWavelengths = 1000;

// A scenario nests a few levels (root, sites, a site, its extensions); deeper text is
// refused before parsing: deep values crashed the key check and made `format` write
// hundreds of MB (../shared/reliability D06a, D06b).
inline constexpr int kMaxNestingDepth = 64;

// One thing wrong with a scenario: where it is, as the file would have it
// ("/spans/3/fiber_pairs"), the key ("fiber_pairs") and what was expected.
struct Problem {
    std::string pointer;
    std::string field;
    std::string message;
};

// Every semantic rule of the scenario format (docs/SCENARIO-FORMAT.md), checked on the
// struct: ranges and physical bounds, references to sites, optics, GPUs and bands,
// duplicate ids, spans and demands to themselves, job, routing, sizing, presentation and
// assumption rules, and what the file cannot hold (text that is not UTF-8, extensions that
// are not JSON). Empty when the scenario can be saved and read back as it is. Linear in the
// scenario's size: the GUI runs it before storing each edit. The file reader runs it after
// parsing, so a file and an edit are judged by the same rules.
std::vector<Problem> validateScenario(const Scenario &scenario, const Catalog &catalog);

// The rule of a numeric field: what it is, the values its kind allows (the text in
// parentheses of a message) and the physical bounds documented in docs/SCENARIO-FORMAT.md
// "Bounds". low/high are inclusive; a kind's own limit ("> 0") is checked before them.
struct NumberRule {
    enum class Kind { Any, NonNegative, Positive, AtLeastOne, UnitOpenClosed, Probability, Latitude, Longitude };
    const char *meaning = "";
    Kind kind = Kind::Any;
    double low = -1e308;
    double high = 1e308;
    const char *why = ""; // why the bounds, for the message
    bool whole = false;   // a count: its text is "a whole number >= N"
    bool allowAuto = false;
    const char *name = nullptr; // the bound's message names this instead of `meaning`
};

// "expected <meaning> (<kind>), got <value>", "expected <meaning>: at most <high> (<why>),
// got <value>" (or "at least <low>"), or "" when v is allowed.
std::string numberProblem(const NumberRule &rule, double v);
// "<meaning> (<kind>)", for a message about a value of the wrong type.
std::string expectedNumber(const NumberRule &rule);
// The value as a message shows it: whole numbers without a fraction, others as JSON writes them.
std::string jsonNumberText(double v);

// "" when a demand's rate (a finite number >= 0) is 0 or within the physical bounds, else
// the message: 1e-300 and 1e300 Gbps made balanced routing's LP solver abort
// (../shared/reliability D15), an imported 1e308 Tbit/s was written as null (D11a).
std::string demandGbpsProblem(double gbps);

// "" when a catalog entry's numeric field holds a value the engine can use, else the
// message ("expected ..."): section "gpus", "optics" or "bands", field as the catalog names
// it ("spacing_ghz"). The bounds of docs/SCENARIO-FORMAT.md "Bounds", the same for a catalog
// file, an imported GNPy optic and a scenario's override of the field: an equipment file
// with a 1e-300 Hz spacing made a catalog that loaded (../shared/reliability D12).
std::string catalogEntryProblem(const std::string &section, const std::string &field, double value);

// The physical bound of a job number (model_params, mfu, ...) or an assumption figure
// (docs/SCENARIO-FORMAT.md "Bounds"): "" when value is within it, else "expected <key>: at
// most <high> (<why>), got <value>". For the edit fields, which check the value's kind
// (sign, whole number) themselves with their own wording first.
std::string figureBoundProblem(const std::string &key, double value);

// The rules of the fields the reader must check itself because the struct cannot hold every
// value (counts held in an int): a site's gpus, a span's fiber_pairs, wavelengths and metric.
const NumberRule &siteGpusRule();
const NumberRule &spanFiberPairsRule();
const NumberRule &spanWavelengthsRule();
const NumberRule &spanMetricRule();
const NumberRule &sitePowerCapRule();
const NumberRule &sitePueRule();
// A span's length_km: positive, at most half Earth's circumference.
const NumberRule &spanLengthRule();

// A JSON pointer token: "~" -> "~0", "/" -> "~1" (RFC 6901).
std::string pointerToken(const std::string &key);

// Suggestion for a misspelt name among candidates, or "" when none is close.
std::string closestName(const std::string &name, const std::vector<std::string> &candidates);

} // namespace dci
