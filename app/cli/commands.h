#pragma once

// Inside dci_cli: what the command files share (cli.cpp parses the command line and
// dispatches; studycommands.cpp holds sweep and diff; perfcommands.cpp bench and generate).

#include "model/catalog.h"
#include "model/scenario.h"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dci::cli {

// Bad usage: printed with a pointer to --help, exit kExitUsage.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline bool isOption(const std::string &arg) { return arg.size() > 1 && arg[0] == '-'; }

// --strategy NAME and --routing POLICY (either may be empty: not given) over the file's.
void overrideStrategyAndRouting(Scenario &scenario, const std::string &file, const std::string &strategy,
                                const std::string &routing);

// The folder of the running program (empty when it cannot be told).
std::filesystem::path programDir();

// "a, b, c", or "none".
std::string idList(const std::vector<std::string> &ids);

// The scenario in `file`, or none after its problems went to err (one line each).
std::optional<Scenario> loadScenario(const std::string &file, const Catalog &catalog, std::ostream &err);

int sweepCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err);
int diffCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err);
int benchCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err);
int lessonCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err);
int generateCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err);

} // namespace dci::cli
