#pragma once

// Runs dciplanner-cli in-process (cli::run) and keeps what it printed, for the tests of
// the command line (tst_cli, tst_badinputs).

#include "cli/cli.h"

#include <sstream>
#include <string>
#include <vector>

namespace dci::test {

struct CliRun {
    int code = -1;
    std::string out;
    std::string err;
};

inline CliRun runCli(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    CliRun r;
    r.code = cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace dci::test
