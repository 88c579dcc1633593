#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace dci::cli {

// Exit codes (docs/CLI.md): the contract scripts rely on.
enum ExitCode {
    kExitOk = 0,          // fine
    kExitScenarioErrors = 1, // the scenario evaluates with error diagnostics
    kExitUsage = 2,       // bad usage, or an unreadable or invalid file
};

// Runs dciplanner-cli with args (without the program name); writes results to out and
// problems to err. Returns the exit code.
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace dci::cli
