#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dci {

// Traces of how a figure of the results comes about (issue 12 point 8): the figure, its
// formula as docs/MODEL.md writes it, and every input with its value and origin; inputs
// that are computed point at their own trace. Built on request from a scenario and the
// Results evaluate() gave for it, never during evaluate(). Values are the Results' own;
// an intermediate the Results do not hold is computed with the engine's formula.

struct TraceInput {
    std::string name;
    std::string value_text; // value and unit as a person reads them ("3,200 Gb/s", "hash")
    double value = 0.0;     // NaN for a text input (a strategy, a policy) or an unknown value
    std::string unit;
    std::string origin;     // "scenario", "catalog", "assumption" or "computed"
    std::string source;     // where: a scenario path, a catalog source, a short derivation
    std::string confidence; // catalog and assumption inputs: the catalog's H, M, L, unverified
    std::optional<std::size_t> trace; // index of this input's own Trace in the Explanation
    std::string ref;        // the element it names ("demand:3", "span:a-b"), for the GUI to select
    std::string figure;     // with ref: the figure of that element this input is
};

struct Trace {
    std::string ref;    // "span:a-b", "job", ...
    std::string figure; // a field name of `evaluate --json`; empty for the headline list
    std::string unit;
    std::string formula;       // in the words of docs/MODEL.md
    std::string model_section; // its section there ("Routing")
    double value = 0.0;
    bool has_value = false;    // false where the Results hold null
    std::vector<TraceInput> inputs;
    std::string note;
};

struct Explanation {
    std::vector<Trace> traces; // [0] the asked figure (or the headline list), children after
    std::vector<std::string> errors; // bad REF or FIGURE: why, and what would be valid
    bool ok() const { return errors.empty() && !traces.empty(); }
};

// An element a REF names: kind "site", "span", "demand", "job" or "cost".
struct ElementRef {
    std::string kind;
    std::string id;        // site or span id; the demand's index as text; empty for job/cost
    std::size_t index = 0; // in scenario sites/spans, or in Results::demands
    std::string text() const { return id.empty() ? kind : kind + ":" + id; }
};

// Resolves "site:ID", "span:ID", "demand:N", "demand:FROM>TO" (the job's demand between two
// sites, else an explicit one), "job", "cost", or a bare ID that names one
// site or span only. On failure returns nullopt and sets error to what matched or exists.
std::optional<ElementRef> resolveRef(const Scenario &scenario, const Results &results, const std::string &ref,
                                     std::string &error);

// The figures explainFigure accepts for a kind ("span"), the headline ones first.
const std::vector<std::string> &explainableFigures(const std::string &kind);

// The trace of one figure of one element; figure empty = the element's headline figures.
// base: the catalog before the scenario's assumptions (they are applied here).
Explanation explainFigure(const Scenario &scenario, const Catalog &base, const Results &results,
                          const std::string &ref, const std::string &figure);

// A trace's value as a person reads it ("67.5 %", "2,160.4 Gb/s", "unknown (null)").
std::string traceValueText(const Trace &trace);

// A short derivation to read (the CLI's text form).
std::string explanationText(const Explanation &explanation);
// {"ref", "figure", "traces": [...]} with null for unknown or non-finite values.
std::string explanationJson(const Explanation &explanation);

} // namespace dci
