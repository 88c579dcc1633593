// The performance commands (docs/CLI.md): generate (synthetic plans of any size) and
// bench (the engine's stages, the edit check and N-1, timed).

#include "cli/cli.h"
#include "cli/commands.h"

#include "engine/evaluate.h"
#include "engine/generate.h"
#include "engine/resilience.h"
#include "engine/stagetimes.h"
#include "io/scenariojson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dci::cli {

namespace {

// A whole number option in [low, high], or a UsageError naming the option and the range.
long long wholeNumber(const std::string &option, const std::string &value, long long low, long long high)
{
    char *end = nullptr;
    errno = 0;
    const long long n = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || errno == ERANGE || n < low || n > high)
        throw UsageError(option + ": expected a whole number from " + std::to_string(low) + " to " + std::to_string(high)
                         + ", got \"" + value + "\"");
    return n;
}

// Best, median and largest of a set of timings (milliseconds).
struct Spread {
    double best = 0.0;
    double median = 0.0;
    double max = 0.0;
};

Spread spreadOf(std::vector<double> ms)
{
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    return {ms.front(), ms[ms.size() / 2], ms.back()};
}

template<typename Fn>
Spread timeRuns(int runs, Fn &&fn)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        const auto end = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    return spreadOf(std::move(ms));
}

nlohmann::ordered_json spreadJson(const Spread &s)
{
    return {{"best", s.best}, {"median", s.median}, {"max", s.max}};
}

struct FileBench {
    std::string file;
    std::size_t sites = 0, spans = 0, demands = 0;
    Spread evaluate, check;
    std::optional<Spread> n1; // none: not timed (--no-n1)
    std::vector<std::pair<std::string, Spread>> stages; // kEvaluateStages order
};

FileBench benchFile(const std::string &file, const Scenario &s, const Catalog &catalog, int runs, bool n1)
{
    FileBench b;
    b.file = file;
    b.sites = s.sites.size();
    b.spans = s.spans.size();
    b.evaluate = timeRuns(runs, [&] { b.demands = evaluate(s, catalog).demands.size(); });
    // The stages in runs of their own: the clocks cost a little, so evaluate is timed bare.
    std::vector<std::vector<double>> stageMs(std::size(kEvaluateStages));
    for (int i = 0; i < runs; ++i) {
        StageTimes times;
        (void)evaluate(s, catalog, &times);
        for (std::size_t k = 0; k < std::size(kEvaluateStages); ++k)
            for (const auto &[name, ms] : times.ms)
                if (name == kEvaluateStages[k])
                    stageMs[k].push_back(ms);
    }
    for (std::size_t k = 0; k < std::size(kEvaluateStages); ++k)
        b.stages.emplace_back(kEvaluateStages[k], spreadOf(stageMs[k]));
    // What the GUI does before storing every edit (also each drag event): write the
    // scenario and read it back (checkScenario).
    b.check = timeRuns(runs, [&] { (void)checkScenario(s, catalog); });
    constexpr int kRunsPerN1Run = 10; // N-1 is hundreds of evaluations: fewer runs
    if (n1)
        b.n1 = timeRuns(std::max(1, runs / kRunsPerN1Run), [&] { (void)analyseFailures(s, catalog, false); });
    return b;
}

std::string baseName(const std::string &file)
{
    const std::size_t slash = file.find_last_of('/');
    return slash == std::string::npos ? file : file.substr(slash + 1);
}

void printTable(const std::vector<FileBench> &benches, std::ostream &out)
{
    out << "file                                     sites spans demands  evaluate best/median ms  check best/median ms"
           "  N-1 best/median ms\n";
    char line[512];
    for (const FileBench &b : benches) {
        std::snprintf(line, sizeof line, "%-40s %5zu %5zu %7zu  %10.3f / %-10.3f  %8.3f / %-8.3f   ",
                      baseName(b.file).c_str(), b.sites, b.spans, b.demands, b.evaluate.best, b.evaluate.median,
                      b.check.best, b.check.median);
        out << line;
        if (b.n1)
            std::snprintf(line, sizeof line, "%8.2f / %-8.2f\n", b.n1->best, b.n1->median);
        else
            std::snprintf(line, sizeof line, "%8s / %-8s\n", "-", "-");
        out << line;
    }
    out << "\nstages of evaluate, best / median / max ms\n";
    for (const FileBench &b : benches) {
        out << baseName(b.file) << "\n";
        for (const auto &[stage, t] : b.stages) {
            std::snprintf(line, sizeof line, "  %-12s %10.3f / %10.3f / %10.3f\n", stage.c_str(), t.best, t.median, t.max);
            out << line;
        }
    }
}

void printJson(const std::vector<FileBench> &benches, std::ostream &out)
{
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const FileBench &b : benches) {
        nlohmann::ordered_json stages = nlohmann::ordered_json::object();
        for (const auto &[stage, t] : b.stages)
            stages[stage] = spreadJson(t);
        files.push_back({{"file", b.file},
                         {"sites", b.sites},
                         {"spans", b.spans},
                         {"demands", b.demands},
                         {"evaluate_ms", spreadJson(b.evaluate)},
                         {"check_ms", spreadJson(b.check)},
                         {"n1_ms", b.n1 ? spreadJson(*b.n1) : nlohmann::ordered_json(nullptr)},
                         {"stages_ms", stages}});
    }
    out << nlohmann::ordered_json{{"files", files}}.dump(2) << "\n";
}

} // namespace

int benchCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    constexpr int kDefaultRuns = 20;
    constexpr int kMaxRuns = 100000;
    int runs = kDefaultRuns;
    bool json = false, n1 = true;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--runs") {
            if (i + 1 >= args.size())
                throw UsageError("--runs needs a value");
            runs = static_cast<int>(wholeNumber("--runs", args[++i], 1, kMaxRuns));
        } else if (args[i] == "--json") {
            json = true;
        } else if (args[i] == "--no-n1") {
            n1 = false;
        } else if (isOption(args[i])) {
            throw UsageError("bench: unknown option " + args[i]);
        } else {
            files.push_back(args[i]);
        }
    }
    if (files.empty())
        throw UsageError("bench: expected at least one FILE");
    int status = kExitOk;
    std::vector<FileBench> benches;
    for (const std::string &file : files) {
        ScenarioLoad load = readScenarioFile(file, catalog);
        if (!load.ok()) {
            for (const std::string &e : load.errors)
                err << e << "\n";
            status = kExitUsage;
            continue;
        }
        benches.push_back(benchFile(file, *load.scenario, catalog, runs, n1));
    }
    if (json)
        printJson(benches, out);
    else
        printTable(benches, out);
    return status;
}

int generateCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    GenerateOptions options;
    bool sites = false, spans = false, gpuSites = false;
    std::string output;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size())
                throw UsageError(a + " needs a value");
            return args[++i];
        };
        constexpr long long kAnyCount = 1000000000000LL; // refined by generateProblem
        if (a == "--sites") {
            options.sites = static_cast<int>(wholeNumber(a, value(), 2, kMaxGeneratedSites));
            sites = true;
        } else if (a == "--spans") {
            options.spans = wholeNumber(a, value(), 1, kAnyCount);
            spans = true;
        } else if (a == "--gpu-sites") {
            options.gpu_sites = static_cast<int>(wholeNumber(a, value(), 1, kMaxGeneratedSites));
            gpuSites = true;
        } else if (a == "--seed") {
            options.seed = static_cast<std::uint64_t>(wholeNumber(a, value(), 0, kAnyCount));
        } else if (a == "--routing") {
            options.routing = value();
        } else if (a == "-o" || a == "--output") {
            output = value();
        } else if (isOption(a)) {
            throw UsageError("generate: unknown option " + a);
        } else {
            throw UsageError("generate: unexpected argument \"" + a + "\" (the plan goes to -o OUT.json)");
        }
    }
    if (!sites || !spans || !gpuSites)
        throw UsageError(std::string("generate: expected ") + (!sites ? "--sites S" : !spans ? "--spans E" : "--gpu-sites G"));
    if (output.empty())
        throw UsageError("generate: expected -o OUT.json");
    if (const auto problem = generateProblem(options))
        throw UsageError(*problem);
    const Scenario plan = generatePlan(options, catalog);
    std::string error;
    if (!writeScenarioFile(output, plan, &error)) {
        err << "dciplanner-cli: " << error << "\n";
        return kExitUsage;
    }
    out << output << ": " << plan.sites.size() << " sites, " << plan.spans.size() << " spans, " << options.gpu_sites
        << " DCs written\n";
    return kExitOk;
}

} // namespace dci::cli
