// dciplanner-cli sweep and diff: many evaluations of one plan, or two plans side by side
// (docs/CLI.md "sweep", "diff"). The work is core's (engine/sweep, io/compare); this file
// reads the arguments and prints.
#include "cli/cli.h"
#include "cli/commands.h"

#include "engine/evaluate.h"
#include "engine/sweep.h"
#include "io/compare.h"
#include "io/sweepreport.h"

#include <cmath>
#include <cstdlib>
#include <ostream>

namespace dci::cli {

namespace {

double numberArgument(const std::string &flag, const std::string &text)
{
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v))
        throw UsageError(flag + ": expected a number, got \"" + text + "\"");
    return v;
}

// One value as given on the command line: a name for a parameter that takes names (an
// optic), else a number.
SweepValue valueArgument(const std::string &flag, const std::string &text, const SweepParam &param)
{
    SweepValue v;
    if (param.takesNames())
        v.name = text;
    else
        v.number = numberArgument(flag + " (" + param.path + " takes numbers)", text);
    return v;
}

// --set P=V: a fixed edit made before the sweep, through the same path and edits.
Scenario withSetting(const Scenario &scenario, const Catalog &catalog, const std::string &setting)
{
    const auto equals = setting.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == setting.size())
        throw UsageError("--set: expected PATH=VALUE (e.g. spans/a-b/optic=800ZR), got \"" + setting + "\"");
    const SweepParamParse parsed = parseSweepPath(scenario, catalog, setting.substr(0, equals));
    if (!parsed.param)
        throw UsageError("--set: " + parsed.error);
    const edits::Edited edited =
        applySweepValue(scenario, catalog, *parsed.param, valueArgument("--set", setting.substr(equals + 1), *parsed.param));
    if (!edited.ok())
        throw UsageError("--set " + setting + ": " + edited.error);
    return edited.scenario;
}

// --values A,B,C.
std::vector<SweepValue> listedValues(const std::string &text, const SweepParam &param)
{
    std::vector<SweepValue> values;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (item.empty())
            throw UsageError("--values: expected a comma-separated list, got an empty item in \"" + text + "\"");
        values.push_back(valueArgument("--values", item, param));
        if (values.size() > kMaxSweepPoints)
            throw UsageError("--values: at most " + std::to_string(kMaxSweepPoints) + " values");
        if (comma == std::string::npos)
            return values;
        start = comma + 1;
    }
}

} // namespace

int sweepCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::string file, path, valuesText, strategy, routing;
    std::vector<std::string> settings;
    std::optional<double> from, to, factor;
    std::optional<long> steps;
    bool json = false, csv = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size())
                throw UsageError("sweep: " + a + " needs a value");
            return args[++i];
        };
        if (a == "--json") {
            json = true;
        } else if (a == "--csv") {
            csv = true;
        } else if (a == "--param") {
            path = value();
        } else if (a == "--from") {
            from = numberArgument(a, value());
        } else if (a == "--to") {
            to = numberArgument(a, value());
        } else if (a == "--factor") {
            factor = numberArgument(a, value());
        } else if (a == "--steps") {
            const double n = numberArgument(a, value());
            if (n != std::floor(n))
                throw UsageError("--steps: expected a whole number of points, got \"" + args[i] + "\"");
            steps = static_cast<long>(std::min(n, 1e9));
        } else if (a == "--values") {
            valuesText = value();
        } else if (a == "--set") {
            settings.push_back(value());
        } else if (a == "--strategy") {
            strategy = value();
        } else if (a == "--routing") {
            routing = value();
        } else if (isOption(a)) {
            throw UsageError("sweep: unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            throw UsageError("sweep: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
        }
    }
    if (file.empty())
        throw UsageError("sweep: expected a scenario FILE");
    if (path.empty())
        throw UsageError("sweep: expected --param P, a path such as spans/ID/length_km, sites/ID/gpus, "
                         "job/inner_steps or assumptions/loss_rate");
    if (json && csv)
        throw UsageError("sweep: give --json or --csv, not both");
    const bool range = from || to || steps || factor;
    if (range == !valuesText.empty())
        throw UsageError("sweep: give either --from A --to B with --steps N or --factor F, or --values A,B,C");
    if (range && (!from || !to))
        throw UsageError("sweep: a range needs both --from and --to");
    if (range && steps.has_value() == factor.has_value())
        throw UsageError("sweep: give --steps N (linear) or --factor F (geometric) with --from and --to, one of them");

    std::optional<Scenario> scenario = loadScenario(file, catalog, err);
    if (!scenario)
        return kExitUsage;
    overrideStrategyAndRouting(*scenario, file, strategy, routing);
    for (const std::string &setting : settings)
        scenario = withSetting(*scenario, catalog, setting);
    const SweepParamParse parsed = parseSweepPath(*scenario, catalog, path);
    if (!parsed.param)
        throw UsageError("--param: " + file + ": " + parsed.error);
    const SweepParam &param = *parsed.param;
    std::vector<SweepValue> values;
    if (range) {
        if (param.takesNames())
            throw UsageError("--param: " + path + " takes optic names: give them with --values (e.g. --values "
                             "400ZR,800ZR)");
        const SweepValues generated =
            steps ? linearSweepValues(*from, *to, *steps) : geometricSweepValues(*from, *to, *factor);
        if (!generated.error.empty())
            throw UsageError(std::string(steps ? "--steps" : "--factor") + ": " + generated.error);
        values = generated.values;
    } else {
        values = listedValues(valuesText, param);
    }

    const SweepResult sweep = runSweep(*scenario, catalog, param, values);
    out << (json ? sweepToJson(sweep) : csv ? sweepToCsv(sweep) : sweepReport(*scenario, sweep));
    for (const SweepPoint &p : sweep.points)
        if (!p.error.empty() || !p.error_codes.empty())
            return kExitScenarioErrors;
    return kExitOk;
}

int diffCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::vector<std::string> files;
    bool json = false;
    for (const std::string &a : args) {
        if (a == "--json")
            json = true;
        else if (isOption(a))
            throw UsageError("diff: unknown option " + a);
        else
            files.push_back(a);
    }
    if (files.size() != 2)
        throw UsageError("diff: expected two scenario files, A.json B.json, got " + std::to_string(files.size()));
    const std::optional<Scenario> a = loadScenario(files[0], catalog, err);
    const std::optional<Scenario> b = loadScenario(files[1], catalog, err);
    if (!a || !b)
        return kExitUsage;
    const Comparison c = comparePlans(*a, evaluate(*a, catalog), *b, evaluate(*b, catalog));
    auto label = [](const std::string &file, const Scenario &s) {
        return s.name.empty() ? file : file + " (\"" + s.name + "\")";
    };
    out << (json ? comparisonToJson(c, files[0], files[1])
                 : comparisonReport(c, label(files[0], *a), label(files[1], *b)));
    return kExitOk;
}

} // namespace dci::cli
