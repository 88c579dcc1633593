#pragma once

#include "model/catalog.h"
#include "model/scenario.h"
#include "model/validate.h"

#include <optional>
#include <string>
#include <vector>

namespace dci {

// Outcome of reading a scenario: the scenario when it is valid, otherwise one message per
// problem, each "<file>: <JSON pointer>: <what was expected>" (docs/SCENARIO-FORMAT.md).
struct ScenarioLoad {
    std::optional<Scenario> scenario;
    std::vector<std::string> errors;
    bool ok() const { return scenario.has_value(); }
};

// origin names the input in messages (the path as the user gave it).
ScenarioLoad parseScenario(const std::string &text, const std::string &origin, const Catalog &catalog);
ScenarioLoad readScenarioFile(const std::string &path, const Catalog &catalog);

// Canonical, stable, pretty JSON: same scenario, same bytes. Ends with a newline.
std::string writeScenario(const Scenario &scenario);

// Writes through a temporary file and a rename, so a failed save leaves the old file whole.
bool writeScenarioFile(const std::string &path, const Scenario &scenario, std::string *error);

// The problems the file reader would find in this scenario if it were saved, one per
// problem as "/json/pointer: what was expected" (empty when it is valid): validateScenario
// on the struct, no writing and reading back. Edits in the GUI are checked with this
// before they are stored, so what the app holds can always be saved and read back.
std::vector<std::string> checkScenario(const Scenario &scenario, const Catalog &catalog);

// "<origin>: line L, column C: JSON syntax error: <what>" for a JSON parse error at byte
// `byte` (1-based, as nlohmann reports it) of `text`; `what` is nlohmann's message. Every
// JSON reader of the project words syntax errors this way.
std::string jsonSyntaxError(const std::string &text, const std::string &origin, std::size_t byte,
                            const std::string &what);

// closestName (a misspelt name's suggestion) is in model/validate.h.

} // namespace dci
