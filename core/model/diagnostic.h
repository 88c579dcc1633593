#pragma once

#include <string>
#include <vector>

namespace dci {

enum class Severity { Info, Warning, Error };

const char *severityName(Severity s);

// One finding of the engine about the scenario, tied to an element by its id
// ("" for the scenario as a whole, "job" for the job).
struct Diagnostic {
    Severity severity = Severity::Info;
    std::string code;    // stable, kebab-case: "power-over-cap"
    std::string element; // site or span id, "job", or ""
    std::string message; // a sentence a user can act on
};

bool hasErrors(const std::vector<Diagnostic> &diagnostics);

} // namespace dci
